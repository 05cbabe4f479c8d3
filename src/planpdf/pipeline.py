"""The build pipeline in one place: content → checked plan → PDF bytes.

``World`` is the one door for the outside: the fonts folder and the fallback date arrive here;
no stage reads the clock or the environment. ``check`` and ``build`` serve the CLI; ``verify``
rebuilds an edition from its embedded source with the very same ``build_loaded``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import msgspec

from . import model as m
from .content.glyphs import check_glyphs
from .content.load import Loaded, read_source, to_plan
from .content.source import Source
from .errors import ContentError
from .layout.fonts import FAMILY, FontSet, default_fonts_dir, register
from .pdfa import EditionMeta
from .provenance import canonical_yaml, fingerprint
from .render import Rendered, render


class World(msgspec.Struct, frozen=True):
    """What a build takes from outside the content."""

    fonts_dir: Path
    source_date: date | None = None  # from SOURCE_DATE_EPOCH, if the caller was given one

    @classmethod
    def default(cls, source_date: date | None = None) -> World:
        return cls(default_fonts_dir(), source_date)


class Checked(msgspec.Struct, frozen=True):
    """Content that passed every check: loaded, validated, and every character in the font."""

    loaded: Loaded
    fonts: FontSet

    @property
    def plan(self) -> m.Plan:
        return self.loaded.plan


def check_source(source: Source, world: World, *, changed_approval_ok: bool = False) -> Checked:
    """Validate and glyph-check parsed content; ContentError lists every problem."""
    fonts = register(world.fonts_dir)
    glyphs = check_glyphs(source, fonts.charset, FAMILY)  # reported with schema problems
    try:
        loaded = to_plan(source, changed_approval_ok=changed_approval_ok)
    except ContentError as exc:
        raise ContentError([*exc.diagnostics, *glyphs]) from None
    if glyphs:
        raise ContentError(glyphs)
    return Checked(loaded, fonts)


def check_loaded(loaded: Loaded, world: World) -> Checked:
    """Glyph-check content already loaded and validated (an embedded source, say)."""
    fonts = register(world.fonts_dir)
    glyphs = check_glyphs(loaded.source, fonts.charset, FAMILY)
    if glyphs:
        raise ContentError(glyphs)
    return Checked(loaded, fonts)


def check(path: str | Path, world: World, *, changed_approval_ok: bool = False) -> Checked:
    """Load, validate and glyph-check a content file; ContentError lists every problem."""
    return check_source(read_source(path), world, changed_approval_ok=changed_approval_ok)


def pdf_date(plan: m.Plan, world: World) -> date:
    """The date the PDF's metadata carries: the content's 'dato', else the approval's, else
    SOURCE_DATE_EPOCH's, else 1 January of the plan's year."""
    approved = plan.approval.date if plan.approval else None
    return plan.edition_date or approved or world.source_date or date(plan.year, 1, 1)


def edition_meta(loaded: Loaded, world: World) -> EditionMeta:
    """What the PDF carries about this edition: fingerprint, status, approval, canonical source.

    The fingerprint is taken over the loaded data (after the schema's typing), so comments and
    layout of the YAML do not change it; approval does.
    """
    plan, approval = loaded.plan, loaded.plan.approval
    return EditionMeta(
        fingerprint=fingerprint(loaded.data, loaded.images), status=plan.status, council=plan.council.name,
        year=plan.year, approved_by=approval.by if approval else None,
        approved_date=approval.date if approval else None,
        source_yaml=canonical_yaml(loaded.data).encode("utf-8"), pdf_date=pdf_date(plan, world),
        images=tuple(m.images(plan).items()), kind=plan.kind)


def build_checked(checked: Checked, world: World) -> Rendered:
    """Lay out checked content; the PDF carries its edition and source (PDF/A)."""
    plan = checked.plan
    return render(plan, checked.fonts, pdf_date(plan, world),
                  edition=edition_meta(checked.loaded, world))


def build_source(source: Source, world: World) -> Rendered:
    """Check and lay out parsed content (see ``build_checked``)."""
    return build_checked(check_source(source, world), world)


def build(path: str | Path, world: World) -> Rendered:
    """Check and lay out a content file (see ``build_checked``)."""
    return build_source(read_source(path), world)


def rebuild(loaded: Loaded, created: date | None, world: World) -> bytes:
    """The PDF ``planpdf build`` made of an embedded source, dated ``created`` (the PDF's own
    /CreationDate) where the content does not date itself; ContentError when it cannot be built.

    ``verify`` compares this with the file: planpdf's builds are byte-deterministic.
    """
    dated = World(world.fonts_dir, created)
    return build_checked(check_loaded(loaded, dated), dated).pdf
