"""Read an edition back from its PDF: metadata keys, embedded source, and whether they agree.

Used by ``verify``, ``archive`` and ``diff``. pypdf is imported inside the functions, so the
build path never loads it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from . import fingerprint as fp
from .errors import ContentError, EditionError


@dataclass(frozen=True)
class Edition:
    """What a planpdf PDF says about its edition; None where the PDF does not say it."""

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


def pdf_read_errors() -> tuple[type[Exception], ...]:
    """What reading a damaged or hostile PDF raises: pypdf's base and what it lets through.

    Anything else (a NameError in planpdf, say) is a bug and is not caught.
    """
    import zlib

    from pypdf.errors import PyPdfError

    return (PyPdfError, ValueError, KeyError, TypeError, IndexError, AttributeError, OSError,
            RecursionError, zlib.error)


def damage(exc: BaseException) -> str:
    """The library's own words about a damaged PDF, for the end of a Danish sentence."""
    return str(exc) or type(exc).__name__


def _reader(pdf_bytes: bytes, name: str) -> Any:
    import io

    from pypdf import PdfReader

    try:
        return PdfReader(io.BytesIO(pdf_bytes), strict=False)
    except pdf_read_errors() as exc:
        raise _damaged(name, exc) from exc


def _damaged(name: str, exc: BaseException) -> EditionError:
    reason = f"PDF'en er beskadiget og kan ikke læses ({damage(exc)})"
    return EditionError(f"{name}: error: {reason}", reason)


def read_edition(pdf_bytes: bytes, name: str = "planpdf") -> Edition:
    """The edition keys and embedded source of a PDF; EditionError (naming ``name``) if it is
    no readable PDF."""
    reader = _reader(pdf_bytes, name)
    try:
        info = reader.metadata or {}
        text = _source_text(reader)
    except pdf_read_errors() as exc:
        raise _damaged(name, exc) from exc

    def get(key: str) -> str | None:
        value = info.get(key)
        return str(value) if value is not None else None

    year_text = get(fp.INFO_YEAR)
    return Edition(
        fingerprint=get(fp.INFO_FINGERPRINT), status=get(fp.INFO_STATUS),
        council=get(fp.INFO_COUNCIL),
        year=int(year_text) if year_text and year_text.isdigit() else None,
        approved_by=get(fp.INFO_APPROVED_BY), approved_date=get(fp.INFO_APPROVED_DATE),
        source_text=text, signature_box=_box(get(fp.INFO_SIGNATURE_BOX)),
        creator=get("/Creator"), created=_pdf_day(get("/CreationDate")))


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


def _source_text(reader: Any) -> str | None:
    """The embedded source as text (UnicodeDecodeError when it is not UTF-8)."""
    data = embedded_source(reader)
    return data.decode("utf-8") if data is not None else None


def embedded_source(reader: Any) -> bytes | None:
    """The bytes of the associated file with /AFRelationship /Source named SOURCE_NAME.

    The one definition of "the embedded source" (used by verify, archive and the diff worker):
    it is found through the catalog's /AF array, as PDF/A-3 associates it, not by its name in
    the /EmbeddedFiles name tree.
    """
    root = reader.trailer["/Root"]
    for ref in root.get("/AF", []):
        spec = ref.get_object()
        name = spec.get("/UF") or spec.get("/F")
        if spec.get("/AFRelationship") != "/Source" or str(name) != fp.SOURCE_NAME:
            continue
        data: bytes = spec["/EF"]["/F"].get_object().get_data()
        return data
    return None


def verify_source(pdf_bytes: bytes) -> list[str]:
    """Problems (Danish sentences) between the embedded source and the metadata; [] means ok."""
    from .load import load_text

    edition = read_edition(pdf_bytes)
    problems: list[str] = []
    if edition.fingerprint is None:
        problems.append("PDF'en har intet fingeraftryk i sine metadata; er den lavet af planpdf?")
    if edition.source_text is None:
        problems.append(f"PDF'en har ingen indlejret kilde ({fp.SOURCE_NAME})")
        return problems
    try:
        plan, source = load_text(fp.SOURCE_NAME, edition.source_text)
    except ContentError as exc:
        problems.append("den indlejrede kilde kan ikke indlæses: "
                        + "; ".join(str(d) for d in exc.diagnostics))
        return problems
    actual = fp.fingerprint(source.data)
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
