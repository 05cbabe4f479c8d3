"""Plan → deterministic PDF bytes: the story laid out on planpdf's pages, finished as PDF/A.

Determinism: ReportLab's ``invariant`` mode fixes the document ID and font subset names, and the
PDF's dates come from the content (never the clock), so the same content gives the same bytes.
"""

from __future__ import annotations

import io
from datetime import date
from functools import partial
from typing import Any, cast

import msgspec
from reportlab.platypus.doctemplate import LayoutError

from . import __version__, danish, wording
from . import model as m
from . import provenance as fp
from .errors import ContentError, Diagnostic, Span
from .layout.fonts import FontSet
from .layout.pages import PageDecor, PlanCanvas, PlanDocTemplate, plan_contents
from .layout.story import story as plan_story
from .layout.styles import make_styles
from .pdfa import EditionMeta, finish


class Rendered(msgspec.Struct, frozen=True):
    """A finished PDF and what a caller may want to report about it."""

    pdf: bytes
    pages: int


def edition_marks(plan: m.Plan, fingerprint: str | None) -> tuple[str | None, str | None]:
    """The footer note and the watermark that say whether this is a draft or approved."""
    if plan.approval is not None:
        when = danish.format_date(plan.approval.date)
        if fingerprint is None:
            return f"{wording.APPROVED} {when}", None
        return wording.APPROVED_NOTE.format(date=when, fingerprint=fp.short(fingerprint)), None
    if plan.edition_date is not None:
        return wording.DRAFT_NOTE.format(date=danish.format_date(plan.edition_date)), wording.WATERMARK
    return wording.DRAFT, wording.WATERMARK


def render(plan: m.Plan, fonts: FontSet, pdf_date: date,
           edition: EditionMeta | None = None) -> Rendered:
    """Lay out the plan and return the PDF; ContentError if the content cannot be laid out.

    With ``edition`` the PDF also carries the edition's keys, XMP, OutputIntent and source
    (PDF/A-3b, see ``pdfa``).
    """
    title = wording.document_title(plan)
    note, watermark = edition_marks(plan, edition.fingerprint if edition else None)
    decor = PageDecor(
        header_left=plan.council.name, header_right=title,
        footer_left=f"{plan.council.name} · {title}", font=fonts.regular, bold_font=fonts.bold,
        footer_note=note, watermark=watermark)
    buffer = io.BytesIO()
    doc = PlanDocTemplate(
        buffer, title=title, author=plan.council.name,
        subject=wording.SUBJECT.format(title=title, council=plan.council.name),
        keywords=", ".join((plan.kind, plan.council.kind, wording.KEYWORD,
                            plan.council.municipality, str(plan.year))),
        creator=f"planpdf {__version__}", lang="da-DK", invariant=1,
        initialFontName=fonts.regular,
    )
    story = plan_story(plan, make_styles(fonts))
    plan_contents(story)  # the contents list in the same pass: page numbers written at save
    on_save = partial(finish, meta=edition) if edition is not None else None
    canvasmaker = partial(PlanCanvas, decor=decor, pdf_date=pdf_date, on_save=on_save)
    try:
        doc.build(story, canvasmaker=canvasmaker)
    except LayoutError:
        span = _span_of(doc.current_flowable) or plan.span
        raise ContentError([Diagnostic(
            span, "indholdet her kan ikke sættes op på siden: det fylder mere end en hel side "
            "og kan ikke deles", "del teksten i flere afsnit, eller en tabel i flere rækker")]) from None
    return Rendered(buffer.getvalue(), doc.page)


def _span_of(flowable: Any) -> Span | None:
    """Where in the content a flowable came from; for a table piece split off by ReportLab
    (which keeps no attributes of ours), the position of its first cell that has one."""
    parts = [flowable]
    for row in getattr(flowable, "_cellvalues", ()):
        for cell in row:  # a flowable, or a tuple of them once ReportLab has split the table
            parts += cell if isinstance(cell, list | tuple) else [cell]
    spans = (getattr(part, "planpdf_span", None) for part in parts)
    return cast("Span | None", next((s for s in spans if s is not None), None))
