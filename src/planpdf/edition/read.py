"""A PDF → an ``Edition``: parsed once, carrying everything verify, sign, archive and diff need.

In: a file or a PDF's bytes. Out: an ``Edition`` value (the bytes, the document information, the
XMP packet, the embedded source's text, whether it is signed), or an ``EditionError`` naming the
file. ``check_source`` then loads the embedded source once and says where it disagrees with the
metadata. pypdf is imported inside the functions (a heavy, optional-on-the-build-path
dependency), so the build never loads it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any, Literal

import msgspec
from msgspec.structs import replace

from .. import provenance as fp
from .. import wording
from ..content.load import Loaded, load_text
from ..errors import ContentError, EditionError, about
from ..files import read_bytes
from .bounded import MAX_PDF_BYTES, bounded, too_large


class Edition(msgspec.Struct, frozen=True):
    """What a PDF says about its edition; None where the PDF does not say it."""

    name: str  # the file as the user named it
    data: bytes  # the whole PDF
    fingerprint: str | None
    status: str | None
    council: str | None
    year: int | None
    approved_by: str | None
    approved_date: str | None
    source_text: str | None
    signature_box: tuple[int, float, float, float, float] | None
    creator: str | None = None  # the Info /Creator, "planpdf <version>" for planpdf's PDFs
    created: date | None = None  # the day of the Info /CreationDate
    renderer: str | None = None  # "planpdf X; reportlab Y", what made the pages
    xmp: bytes | None = None  # the XMP packet of the newest revision
    info: dict[str, str] = msgspec.field(default_factory=dict)  # the whole document information
    images: dict[str, bytes] = msgspec.field(default_factory=dict)  # a format 2 source's images
    # a bundle's (planpdf bundle) attached files, sources and images, by name; else empty
    attachments: dict[str, bytes] = msgspec.field(default_factory=dict)
    # planpdf's tagged signature field (``layout.signoff``): "filled" once signed; else None
    signature_field: Literal["empty", "filled"] | None = None

    @property
    def bundle(self) -> dict[str, str] | None:
        """A bundle's plans (attached source name → fingerprint); None when not a bundle."""
        entry = self.info.get(fp.INFO_BUNDLE)
        return None if entry is None else fp.bundle_plans(entry)

    @property
    def signed(self) -> bool:
        """Whether the PDF carries a signature dictionary (a cheap byte test, no pyHanko)."""
        return b"/ByteRange" in self.data


_CLAIMS = (("PDF/A", re.compile(rb"pdfaid:part(?:>|=[\"'])\s*(\d+)")),
           ("PDF/UA", re.compile(rb"pdfuaid:part(?:>|=[\"'])\s*(\d+)")))
_PDFA_LEVEL = re.compile(rb"pdfaid:conformance(?:>|=[\"'])\s*([A-Za-z])")


def conformance_claims(xmp: bytes | None) -> list[str]:
    """The standards a PDF's XMP says it meets, e.g. ``["PDF/A-3u", "PDF/UA-1"]``.

    >>> conformance_claims(b"<pdfaid:part>3</pdfaid:part><pdfaid:conformance>U</pdfaid:conformance>"
    ...                    b"<pdfuaid:part>1</pdfuaid:part>")
    ['PDF/A-3u', 'PDF/UA-1']
    """
    claims = []
    for name, pattern in _CLAIMS:
        found = pattern.search(xmp or b"")
        if found:
            level = _PDFA_LEVEL.search(xmp or b"") if name == "PDF/A" else None
            claims.append(f"{name}-{found.group(1).decode()}"
                          + (level.group(1).decode().lower() if level else ""))
    return claims


def pdf_read_errors() -> tuple[type[Exception], ...]:
    """What reading a damaged or hostile PDF raises: pypdf's base and what it lets through.

    Anything else (a NameError in planpdf, say) is a bug and is not caught.
    """
    import zlib

    from pypdf.errors import PyPdfError

    return (PyPdfError, ValueError, KeyError, TypeError, IndexError, AttributeError, OSError,
            RecursionError, zlib.error)


def damaged(name: str) -> EditionError:
    """The error for a PDF that cannot be read, in Danish; the library's own (English) words
    stay in the exception the caller raises this from, so --debug shows them."""
    return EditionError(about(name, wording.PDF_CORRUPT, wording.PDF_HINT_CORRUPT))


def read_edition(data: bytes, name: str = "planpdf") -> Edition:
    """Parse a PDF once; EditionError (naming ``name``) if it is no readable PDF."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        return edition_of(reader, data, name)
    except pdf_read_errors() as exc:
        raise damaged(name) from exc


def edition_of(reader: Any, data: bytes, name: str) -> Edition:
    """The Edition of a PDF already opened with pypdf (the diff's worker has one)."""
    info = {str(k): str(v) for k, v in (reader.metadata or {}).items()}
    root = reader.trailer["/Root"]
    xmp = root.get("/Metadata")
    source = embedded_source(reader)
    year_text = info.get(fp.INFO_YEAR)
    return Edition(
        name=name, data=data, fingerprint=info.get(fp.INFO_FINGERPRINT),
        status=info.get(fp.INFO_STATUS), council=info.get(fp.INFO_COUNCIL),
        year=int(year_text) if year_text and re.fullmatch(r"[0-9]{1,9}", year_text) else None,
        approved_by=info.get(fp.INFO_APPROVED_BY), approved_date=info.get(fp.INFO_APPROVED_DATE),
        source_text=source.decode("utf-8") if source is not None else None,
        signature_box=_box(info.get(fp.INFO_SIGNATURE_BOX)), creator=info.get("/Creator"),
        created=_pdf_day(info.get("/CreationDate")), renderer=info.get(fp.INFO_RENDERER),
        xmp=xmp.get_object().get_data() if xmp is not None else None, info=info,
        images=embedded_images(reader),
        attachments=embedded_files(reader) if fp.INFO_BUNDLE in info else {},
        signature_field=signature_field(reader))


def load_edition(name: str | Path, data: bytes, bundle_ok: bool = False) -> Edition:
    """The edition ``data`` carries; EditionError when it is no PDF or not one planpdf made
    (or a bundle of plans, unless ``bundle_ok``: only verify takes one).

    The PDF is parsed in a limited child process (``bounded``), since it may come from anywhere.
    """
    if len(data) > MAX_PDF_BYTES:
        raise too_large(str(name))
    if not data.lstrip()[:5] == b"%PDF-":
        raise EditionError(about(name, "filen er ikke en PDF"))
    parsed = bounded(str(name), _read_without_data, data, str(name))
    edition = replace(parsed, data=data)
    if not edition.fingerprint and edition.bundle is not None:
        if bundle_ok:
            return edition
        raise EditionError(about(name, "PDF'en er en samling af planer (lavet med planpdf "
                                       "bundle), ikke én plans udgave",
                                 "planpdf verify kontrollerer samlingen; hver plans kilde er "
                                 "vedhæftet den"))
    if not edition.fingerprint:
        raise EditionError(about(name, "PDF'en er ikke lavet af planpdf (den har intet "
                                       "fingeraftryk)"))
    return edition


def _read_without_data(data: bytes, name: str) -> Edition:
    """``read_edition`` for the child process: the bytes stay with the parent."""
    return replace(read_edition(data, name), data=b"")


def open_edition(path: Path, bundle_ok: bool = False) -> Edition:
    """Read a file and its edition (see ``load_edition``); a file over the size limit is
    refused before more of it is read."""
    data = read_bytes(path, MAX_PDF_BYTES, EditionError, too_large(str(path)))
    return load_edition(path, data, bundle_ok)


def _pdf_day(value: str | None) -> date | None:
    """The day of a PDF date string (``D:YYYYMMDD...``); None when there is none or it is bad."""
    found = re.match(r"D:(\d{4})(\d{2})(\d{2})", value or "")
    if not found:
        return None
    try:
        return date(*(int(part) for part in found.groups()))
    except ValueError:
        return None


def _box(value: str | None) -> tuple[int, float, float, float, float] | None:
    if not value:
        return None
    try:
        page, x1, y1, x2, y2 = value.split()
        return int(page), float(x1), float(y1), float(x2), float(y2)
    except ValueError:
        return None


def _sources(reader: Any) -> Iterator[tuple[str, Any]]:
    """Each associated file with /AFRelationship /Source in the catalog's /AF array (as PDF/A-3
    associates them, not by the /EmbeddedFiles name tree): its name and its file
    specification. The data is read by ``_data``, only for the files a caller wants."""
    for ref in reader.trailer["/Root"].get("/AF", []):
        spec = ref.get_object()
        if spec.get("/AFRelationship") == "/Source":
            yield str(spec.get("/UF") or spec.get("/F")), spec


def _data(spec: Any) -> bytes:
    data: bytes = spec["/EF"]["/F"].get_object().get_data()
    return data


def embedded_source(reader: Any) -> bytes | None:
    """The bytes of the source file named SOURCE_NAME: the one definition of "the embedded
    source" (used by verify, archive and the diff worker)."""
    return next((_data(spec) for name, spec in _sources(reader) if name == fp.SOURCE_NAME), None)


def signature_field(reader: Any) -> Literal["empty", "filled"] | None:
    """The state of planpdf's signature field (named ``wording.SIGNATURE_FIELD``, with the
    ``/TU`` and ``/StructParent`` that PDF/UA needs): "filled" when it holds a signature value,
    "empty" when not, None when the PDF has no such field.

    Only ``sign`` asks: of the edition it is about to sign (exactly this planpdf's build, or it
    is refused before), and of the PDF it has just signed. A field that cannot be read is no
    field, so a damaged form never makes another command fail where it did not before.
    """
    try:
        form = reader.trailer["/Root"].get("/AcroForm")
        for ref in (form.get_object().get("/Fields", []) if form is not None else []):
            found = ref.get_object()
            if found.get("/T") == wording.SIGNATURE_FIELD:
                if "/TU" not in found or "/StructParent" not in found:
                    return None
                return "filled" if "/V" in found else "empty"
    except pdf_read_errors():
        return None
    return None


def embedded_images(reader: Any) -> dict[str, bytes]:
    """The images embedded beside the source (format 2), by their names in the content."""
    return {name.removeprefix(fp.IMAGE_PREFIX): _data(spec) for name, spec in _sources(reader)
            if name.startswith(fp.IMAGE_PREFIX)}


def embedded_files(reader: Any) -> dict[str, bytes]:
    """Every source file by its name (a bundle's plan sources and their images)."""
    return {name: _data(spec) for name, spec in _sources(reader)}


class SourceCheck(msgspec.Struct, frozen=True):
    """The embedded source, loaded once, and where it disagrees with the PDF's metadata."""

    problems: tuple[str, ...]
    loaded: Loaded | None  # None when there is no source or it cannot be loaded


def check_source(edition: Edition) -> SourceCheck:
    """Problems (Danish sentences) between the embedded source and the metadata; () means ok."""
    if edition.source_text is None:
        missing = [] if edition.fingerprint else [NO_FINGERPRINT]
        return SourceCheck((*missing, f"PDF'en har ingen indlejret kilde ({fp.SOURCE_NAME})"),
                           None)
    try:
        loaded = load_text(fp.SOURCE_NAME, edition.source_text, edition.images)
    except ContentError as exc:
        missing = [] if edition.fingerprint else [NO_FINGERPRINT]
        return SourceCheck((*missing, "den indlejrede kilde kan ikke indlæses: " + "; ".join(
            f"{d.where}: {d.message}" for d in exc.diagnostics)), None)
    return SourceCheck(tuple(metadata_problems(edition, loaded)), loaded)


NO_FINGERPRINT = "PDF'en har intet fingeraftryk i sine metadata; er den lavet af planpdf?"


def metadata_problems(edition: Edition, loaded: Loaded) -> list[str]:
    """Where the PDF's metadata disagrees with its loaded embedded source."""
    problems = [] if edition.fingerprint else [NO_FINGERPRINT]
    plan = loaded.plan
    actual = fp.fingerprint(loaded.data, loaded.images)
    if edition.fingerprint is not None and actual != edition.fingerprint:
        problems.append("fingeraftrykket passer ikke: metadata siger "
                        f"{fp.short(edition.fingerprint)}, den indlejrede kilde giver "
                        f"{fp.short(actual)}")
    approval = plan.approval
    checks = [
        ("status", edition.status, plan.status),
        ("år", str(edition.year) if edition.year is not None else None, str(plan.year)),
        ("råd", edition.council, plan.council.name),
        ("godkendt af", edition.approved_by, approval.by if approval else None),
        ("godkendt dato", edition.approved_date,
         approval.date.isoformat() if approval else None),
    ]
    for label, said, found in checks:
        if said != found:
            problems.append(f"metadata og kilde er uenige om {label}: {said!r} mod {found!r}")
    return problems
