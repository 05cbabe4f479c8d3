"""STAND-IN, to be replaced by editions-build's version at merge.

Reads what an edition's PDF carries (the Info keys of ``fingerprint.py`` and the embedded
canonical YAML source) and checks the source against the fingerprint. Only the two names the
editions contract fixes live here: ``read_edition`` and ``verify_source``. The archive, signing
and verification logic lives in ``archive.py``, ``signing.py`` and ``verify.py``.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from .errors import ContentError
from .fingerprint import (
    INFO_APPROVED_BY,
    INFO_APPROVED_DATE,
    INFO_COUNCIL,
    INFO_FINGERPRINT,
    INFO_SIGNATURE_BOX,
    INFO_STATUS,
    INFO_YEAR,
    SOURCE_NAME,
    fingerprint,
)


@dataclass(frozen=True)
class Edition:
    """What an edition's PDF says about itself (None where it says nothing)."""

    fingerprint: str | None
    status: str | None
    council: str | None
    year: int | None
    approved_by: str | None
    approved_date: str | None
    source_text: str | None
    signature_box: tuple[int, float, float, float, float] | None


def read_edition(pdf_bytes: bytes) -> Edition:
    """Read the edition metadata and embedded source; pypdf's errors pass through."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf_bytes), strict=False)
    info: Any = reader.metadata or {}

    def text(key: str) -> str | None:
        value = info.get(key)
        return str(value) if value is not None else None

    year_text = text(INFO_YEAR)
    year = int(year_text) if year_text and year_text.strip().isdigit() else None
    box = None
    box_text = text(INFO_SIGNATURE_BOX)
    if box_text:
        parts = box_text.split()
        if len(parts) == 5:
            try:
                box = (int(parts[0]), float(parts[1]), float(parts[2]), float(parts[3]),
                       float(parts[4]))
            except ValueError:
                box = None
    source = None
    found = reader.attachments.get(SOURCE_NAME)
    if found:
        try:
            source = found[0].decode("utf-8")
        except UnicodeDecodeError:
            source = None
    return Edition(text(INFO_FINGERPRINT), text(INFO_STATUS), text(INFO_COUNCIL), year,
                   text(INFO_APPROVED_BY), text(INFO_APPROVED_DATE), source, box)


def verify_source(pdf_bytes: bytes) -> list[str]:
    """Problems (Danish sentences) with the embedded source; [] when it matches the fingerprint."""
    from .load import load_text

    edition = read_edition(pdf_bytes)
    problems: list[str] = []
    if not edition.fingerprint:
        problems.append("PDF'en har intet fingeraftryk")
    if edition.source_text is None:
        problems.append(f"PDF'en har ingen indlejret kilde ({SOURCE_NAME})")
    if problems:
        return problems
    assert edition.source_text is not None
    try:
        _plan, source = load_text(SOURCE_NAME, edition.source_text)
    except ContentError as exc:
        return [f"den indlejrede kilde kan ikke indlæses: {exc.diagnostics[0]}"]
    if fingerprint(source.data) != edition.fingerprint:
        problems.append("fingeraftrykket stemmer ikke med den indlejrede kilde")
    return problems
