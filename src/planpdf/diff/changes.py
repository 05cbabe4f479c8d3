"""What a comparison produces: a list of changes, and facts about the two inputs."""

from __future__ import annotations

from typing import Literal

import msgspec

from .words import WordOp

Kind = Literal["added", "removed", "changed", "renamed", "moved", "status"]
Mode = Literal["struktur", "tekst"]


class Change(msgspec.Struct, frozen=True):
    """One difference between plan A and plan B.

    ``path`` names the place by stable ids or slugs (``fokusområder/kredsens/it-kriminalitet``);
    ``section`` is the Danish heading of the part of the plan it belongs to; ``label`` names the
    thing in Danish for people; ``field`` is the content key that changed, if one did; ``old`` and
    ``new`` are the values as written in the content (dates ISO, statuses as keys); ``words``
    holds the word runs for a changed passage.
    """

    kind: Kind
    path: str
    section: str
    label: str
    field: str | None = None
    old: str | None = None
    new: str | None = None
    words: tuple[WordOp, ...] = ()


class InputInfo(msgspec.Struct, frozen=True):
    """One compared input: the file, its type, and what was learned about it.

    ``status`` (``udkast``/``godkendt``), ``approved_date`` and ``edition_date`` (ISO) and
    ``title`` are known only for a plan (YAML or a PDF with its source), else None.
    """

    file: str
    type: Literal["yaml", "pdf"]
    embedded_source: bool
    year: int | None
    council: str | None
    status: str | None = None
    approved_date: str | None = None
    edition_date: str | None = None
    title: str | None = None

    def name(self) -> str:
        """The year when known, else the file name: used in 'Ændringer fra A til B'."""
        return str(self.year) if self.year is not None else self.file.rsplit("/", 1)[-1]


class DiffResult(msgspec.Struct, frozen=True):
    """The whole comparison: both inputs, the mode, the changes in plan order, and warnings."""

    a: InputInfo
    b: InputInfo
    mode: Mode
    changes: tuple[Change, ...]
    warnings: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        """Whether the two inputs differ."""
        return bool(self.changes)


