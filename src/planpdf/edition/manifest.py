"""The archive's manifest and names: what ``archive`` writes and ``verify ARKIV`` reads back.

``Entry`` is one archived file as ``manifest.json`` lists it (the stable shape is in
``archive``'s docstring); the naming scheme (``archive_name``) and the manifest's reading and
writing live here, beside each other.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
from msgspec.structs import asdict

from ..danish import slug
from ..errors import ArchiveError, Diagnostic, Span, about
from ..files import reason
from .read import Edition

MANIFEST = "manifest.json"
FORMAT = "planpdf-arkiv"
FORMAT_VERSION = 1
_FILLER = {"lokalrådet", "lokalraadet", "lokalråd", "lokalraad", "i", "for", "kommune",
           "kommunes", "rådet", "raadet"}
_NAME = re.compile(r"(?P<slug>[a-z0-9-]+)/(?P<year>[0-9]+)/(?P=slug)-(?P=year)"
                   r"(?:-r(?P<revision>[0-9]+))?-(?P<fp>[0-9a-f]{12})\.pdf")

Notify = Callable[[Diagnostic], None]


class Entry(msgspec.Struct, frozen=True):
    """One archived file, as the manifest lists it."""

    file: str
    sha256: str
    fingerprint: str
    council: str
    year: int
    revision: int
    approved_by: str
    approved_date: str
    planpdf_version: str
    signed: bool | None = None  # None: a manifest written before the key existed


class Archived(msgspec.Struct, frozen=True):
    """What ``archive_pdf`` did: the entry, its path, and whether it was there already."""

    entry: Entry
    path: Path
    already: bool
    copy_of: int | None = None  # the revision with the same content fingerprint, if any
    recovered: tuple[Diagnostic, ...] = ()  # what an interrupted run had left, and what became of it


# said wherever the manifest cannot be used
MANIFEST_HINT = ("manifestet skrives af planpdf archive; er det rettet i hånden, så ret fejlen "
                 "her eller hent det fra en sikkerhedskopi")


def council_slug(council: str) -> str:
    """The council's folder name: its place name, in ASCII.

    >>> council_slug("Lokalrådet i Billund kommune")
    'billund'
    >>> council_slug("Lokalrådet i Ærø Kommune")
    'aeroe'
    """
    words = [w for w in slug(council).split("-") if w]
    kept = [w for w in words if w not in {slug(f) for f in _FILLER}]
    return "-".join(kept or words) or "raad"


def archive_name(council: str, year: int, revision: int, fingerprint: str) -> str:
    """Where an edition lies in the archive, relative and with "/" (see the module's layout)."""
    slug = council_slug(council)
    tag = f"-r{revision}" if revision > 1 else ""
    return f"{slug}/{year}/{slug}-{year}{tag}-{fingerprint[:12]}.pdf"


def named_revision(file: str) -> int | None:
    """The revision an archive file's name gives (1 without ``-rN``); None off the scheme.

    >>> named_revision("billund/2011/billund-2011-3f2a9c1b04de.pdf")
    1
    >>> named_revision("billund/2011/billund-2011-r2-3f2a9c1b04de.pdf")
    2
    >>> named_revision("billund/2011/planen.pdf") is None
    True
    """
    found = _NAME.fullmatch(file)
    if not found:
        return None
    return int(found["revision"]) if found["revision"] else 1


def made_with(edition: Edition) -> str:
    """The planpdf version that made the PDF, from its /Creator (all of it for other makers)."""
    return (edition.creator or "").removeprefix("planpdf ")


def sha256(data: bytes) -> str:
    """Hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def read_manifest(root: Path) -> list[Entry]:
    """The manifest's entries ([] when there is none yet); ArchiveError when it is damaged."""
    path = root / MANIFEST
    if path.is_symlink():
        raise ArchiveError(about(path, "manifestet er et symbolsk link; arkivet bruger kun sin "
                                       "egen fil", "erstat linket med selve manifestet"))
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise ArchiveError(about(path, f"manifestet kan ikke læses: {reason(exc)}")) from None
    except UnicodeDecodeError:
        raise ArchiveError(about(path, "manifestet kan ikke læses: det er ikke UTF-8-tekst")) \
            from None
    except json.JSONDecodeError as exc:
        raise ArchiveError(Diagnostic(
            Span(str(path), exc.lineno, exc.colno), "manifestet er ikke gyldig JSON",
            MANIFEST_HINT)) from None
    try:
        if raw.get("format") != FORMAT or raw.get("format_version") != FORMAT_VERSION:
            raise ValueError("ukendt format")
        entries = [Entry(**item) for item in raw["entries"]]
        for entry in entries:
            texts = (entry.file, entry.sha256, entry.fingerprint, entry.council,
                     entry.approved_by, entry.approved_date, entry.planpdf_version)
            numbers = (entry.year, entry.revision)
            if not all(isinstance(t, str) for t in texts) \
                    or not all(isinstance(n, int) and not isinstance(n, bool) for n in numbers) \
                    or not isinstance(entry.signed, bool | None):
                raise ValueError(f"forkert indgang {entry.file!r}")
    except ValueError as exc:  # raised above, in Danish
        raise ArchiveError(about(path, f"manifestet har ikke den forventede form: {exc}",
                                 MANIFEST_HINT)) from None
    except (AttributeError, KeyError, TypeError) as exc:  # Python's words are English: --debug
        raise ArchiveError(about(path, "manifestet har ikke den forventede form: en indgang "
                                 "mangler et felt, har et ukendt felt eller er ikke en tabel",
                                 MANIFEST_HINT)) from exc
    return entries


def manifest_bytes(entries: list[Entry]) -> bytes:
    """The manifest's text: stable key order, entries sorted by file, UTF-8, final newline."""
    doc: dict[str, Any] = {
        "format": FORMAT, "format_version": FORMAT_VERSION,
        "entries": [asdict(e) for e in sorted(entries, key=lambda e: e.file)],
    }
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode()

