"""Two files → DiffResult: read both, compare structurally when both are plans, else as text."""

from __future__ import annotations

import io
import re
from pathlib import Path

from .. import wording
from .changes import DiffResult, InputInfo
from .compare import compare_plans
from .inputs import Input, page_texts, read_input
from .text_only import compare_texts

# "Handlingsplan for 2011", "Handleplanen for 2026", "Samarbejdsplan 2026": the kinds of plan
_YEAR = re.compile(r"(?:handlingsplan|handleplan|samarbejdsplan)(?:en)?\s+(?:for\s+)?"
                   r"((?:19|20)\d\d)\b", re.IGNORECASE)


def diff(path_a: Path, path_b: Path, fonts_dir: Path) -> DiffResult:
    """Compare two inputs; ContentError/InputError when one cannot be read."""
    a, b = read_input(path_a), read_input(path_b)
    warnings = list(dict.fromkeys([*a.warnings, *b.warnings]))  # a file compared with itself
    if a.plan is not None and b.plan is not None:
        if a.plan.council.name != b.plan.council.name:
            warnings.append(wording.COUNCILS_DIFFER.format(a=a.plan.council.name,
                                                         b=b.plan.council.name))
        return DiffResult(_info(a, None), _info(b, None), "struktur",
                          tuple(compare_plans(a.plan, b.plan)), tuple(warnings))
    pages_a, pages_b = _pages(a, fonts_dir), _pages(b, fonts_dir)
    return DiffResult(_info(a, pages_a), _info(b, pages_b), "tekst",
                      tuple(compare_texts(pages_a, pages_b)), tuple(warnings))


def _info(side: Input, pages: list[str] | None) -> InputInfo:
    plan = side.plan
    year = plan.year if plan else None
    if year is None and pages:
        found = _YEAR.search(" ".join(pages[0].split()))
        year = int(found.group(1)) if found else None
    if plan is None:
        return InputInfo(side.file, side.type, False, year, None)
    return InputInfo(side.file, side.type, side.type == "pdf", year, plan.council.name,
                     plan.status, plan.approval.date.isoformat() if plan.approval else None,
                     plan.edition_date.isoformat() if plan.edition_date else None,
                     wording.document_title(plan))


def _pages(side: Input, fonts_dir: Path) -> list[str]:
    """Page texts: read from the PDF, or from the plan laid out as planpdf would print it."""
    if side.pdf is not None:
        return page_texts(side)
    assert side.plan is not None
    from pypdf import PdfReader

    from ..layout.fonts import register
    from ..pipeline import World, pdf_date
    from ..render import render

    plan = side.plan
    pdf = render(plan, register(fonts_dir), pdf_date(plan, World(fonts_dir))).pdf
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]
