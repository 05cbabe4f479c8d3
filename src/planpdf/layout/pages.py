"""Page templates: running header, footer with 'Side X af Y', outline, and the document template.

'Side X af Y' costs one layout pass: each page draws a form XObject ``pagefoot<N>`` that is only
defined when the canvas is saved and the page count is known, so the text stays one run
("Side 2 af 4") for readers and text extraction. The contents list costs no pass either: its
entries are the story's headings (``plan_contents``), and each entry's dot leaders and page
number are written into the page's content when the canvas is saved (``PlanCanvas.later``),
where ``bookmarkPage`` has recorded the page of every heading.

Everything drawn here is an artifact (``layout.tagging``: a screen reader skips it); the draft's
watermark is a form of glyph outlines (``layout.outlines``), so it is no text anywhere, drawn when
the page's content is done (``draw_page_end``), so an image cannot cover it. The canvas carries
the tagger of its pass and writes the structure tree when it is saved.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import msgspec
from reportlab import rl_config
from reportlab.lib.colors import Color
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, KeepTogether, PageTemplate

from .. import wording
from .blocks import Heading
from .markup import Contents, Markup
from .outlines import draw_outline, text_outline
from .quick import quick_reportlab
from .styles import (
    ACCENT,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    MUTED,
    PAGE,
    RULE,
    TOC_LEVELS,
)
from .tagging import Tagger

_LATER = re.compile(r"(?m)^%planpdf-later-\d+%$")
FOOTER_Y = 14 * mm
WATERMARK_SIZE = 110  # points
WATERMARK_COLOUR = Color(*(1 - 0.13 * (1 - c) for c in ACCENT.rgb()))  # ACCENT, 13 % on white
WATERMARK_BLEND = "Multiply"  # over the content: white shows the tint, text and lines stay as dark
HEADER_Y = PAGE[1] - 15 * mm


class PageDecor(msgspec.Struct, frozen=True):
    """What every page shows around the text."""

    header_left: str
    header_right: str
    footer_left: str
    font: str
    bold_font: str
    footer_note: str | None = None  # e.g. "Udkast 12. januar 2011" or "Godkendt ..."
    watermark: str | None = None  # e.g. "UDKAST", drawn diagonally on every page


class PlanCanvas(Canvas):  # type: ignore[misc]
    """A canvas that fills in 'Side X af Y' once the page count is known."""

    def __init__(self, *args: Any, decor: PageDecor, pdf_date: date,
                 on_save: Callable[[Canvas], None] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.decor = decor
        # ReportLab seeds the trailer /ID digest with SOURCE_DATE_EPOCH when that is set, even
        # in invariant mode; seed it from the content's date instead, so only content counts.
        self._doc.signature = hashlib.md5(f"planpdf {pdf_date.isoformat()}".encode(),
                                          usedforsecurity=False)
        self.on_save = on_save  # last words before the file is written (render's PDF/A step)
        self.planpdf_tagger = Tagger(self)  # marks and structure tree of this canvas (one pass)
        stamp = f"D:{pdf_date:%Y%m%d}000000+00'00'"
        self.setDateFormatter(lambda *_: stamp)
        self.pages_done = 0
        self.heading_pages: dict[str, int] = {}  # bookmark key → the page it is on
        self._later: dict[str, Callable[[], str]] = {}

    def bookmarkPage(self, key: str, *args: Any, **kwargs: Any) -> Any:
        self.heading_pages[key] = self._pageNumber
        return super().bookmarkPage(key, *args, **kwargs)

    def later(self, code: Callable[[], str]) -> None:
        """Write ``code()`` here in the page's content when the canvas is saved (the contents
        list's page numbers: where each heading is, is known only then)."""
        token = f"%planpdf-later-{len(self._later)}%"
        self._later[token] = code
        self._code.append(token)

    def _write_later(self) -> None:
        """Put the code of ``later`` in place; a token is a comment line of its own, which
        ReportLab's text never makes (it escapes line ends inside strings)."""
        if not self._later:
            return
        for page in self._doc.Pages.pages:
            if "%planpdf-later-" in page.stream:
                page.stream = _LATER.sub(lambda found: self._later[found.group()](), page.stream)

    def showPage(self) -> None:
        self.pages_done += 1
        super().showPage()

    def save(self) -> None:
        self._write_later()
        total = self.pages_done
        for page in range(1, total + 1):
            self.beginForm(f"pagefoot{page}")
            self.setFont(self.decor.font, 9)
            self.setFillColor(MUTED)
            self.drawRightString(PAGE[0] - MARGIN_RIGHT, FOOTER_Y,
                                 wording.PAGE_X_OF_Y.format(page=page, pages=total))
            self.endForm()
        if self.decor.watermark:
            self.beginForm("watermark")
            self._draw_watermark(self.decor.watermark)
            self.endForm()
        self.planpdf_tagger.finish(self._doc)
        if self.on_save is not None:
            self.on_save(self)
        with binary_streams():
            super().save()


    def _draw_watermark(self, text: str) -> None:
        """The watermark, diagonal across the page, as glyph outlines (``layout.outlines``: no
        extractor reads it as text) in ACCENT at 13 % on white; ``draw_page_end`` draws it over
        the page's content, blended by multiplying."""
        font = self.decor.bold_font
        self.setFillColor(WATERMARK_COLOUR)
        self.translate(PAGE[0] / 2, PAGE[1] / 2)
        self.rotate(52)
        width = stringWidth(text, font, WATERMARK_SIZE)
        draw_outline(self, text_outline(font, text, WATERMARK_SIZE), -width / 2, -35)


@contextmanager
def binary_streams() -> Iterator[None]:
    """ReportLab writes page and form streams compressed and then ASCII85-encoded (a quarter
    larger) when ``rl_config.useA85`` is set, its default, and reads the setting while the
    canvas is saved; PDF/A wants a binary file anyway, so they are written binary here."""
    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = saved


PAGE_NUMBER_ROOM = 60  # points kept free for "Side 12 af 34" at the right of the footer


def fit(text: str, font: str, size: float, width: float) -> str:
    """``text``, shortened at a word with "…" when it is wider than ``width`` points."""
    if stringWidth(text, font, size) <= width:
        return text
    words = text.split(" ")
    while len(words) > 1:
        words.pop()
        candidate = " ".join(words).rstrip(" ,·–-") + " …"
        if stringWidth(candidate, font, size) <= width:
            return candidate
    cut = text
    while cut and stringWidth(cut + "…", font, size) > width:
        cut = cut[:-1]
    return cut + "…"


def draw_page(canv: PlanCanvas, doc: BaseDocTemplate) -> None:
    """Header (from page 2) and footer of one page, artifacts, before its content."""
    d = canv.decor
    tagger = canv.planpdf_tagger
    canv.saveState()
    canv.setFillColor(MUTED)
    canv.setStrokeColor(RULE)
    canv.setLineWidth(0.5)
    width = PAGE[0] - MARGIN_LEFT - MARGIN_RIGHT
    if doc.page > 1:
        with tagger.artifact("Pagination", "Header"):
            canv.setFont(d.font, 9)
            right = fit(d.header_right, d.font, 9, width / 2 - 6)
            left = fit(d.header_left, d.font, 9, width - stringWidth(right, d.font, 9) - 12)
            canv.drawString(MARGIN_LEFT, HEADER_Y, left)
            canv.drawRightString(PAGE[0] - MARGIN_RIGHT, HEADER_Y, right)
            canv.line(MARGIN_LEFT, HEADER_Y - 2.5 * mm, PAGE[0] - MARGIN_RIGHT,
                      HEADER_Y - 2.5 * mm)
    with tagger.artifact("Pagination", "Footer"):
        canv.line(MARGIN_LEFT, FOOTER_Y + 4 * mm, PAGE[0] - MARGIN_RIGHT, FOOTER_Y + 4 * mm)
        canv.setFont(d.font, 9)
        room = width - PAGE_NUMBER_ROOM
        footer = d.footer_left if not d.footer_note else f"{d.footer_left} · {d.footer_note}"
        if d.footer_note and stringWidth(footer, d.font, 9) > room:
            canv.drawString(MARGIN_LEFT, FOOTER_Y, fit(d.footer_left, d.font, 9, room))  # two lines
            canv.drawString(MARGIN_LEFT, FOOTER_Y - 4 * mm, fit(d.footer_note, d.font, 9, room))
        else:
            canv.drawString(MARGIN_LEFT, FOOTER_Y, fit(footer, d.font, 9, room))
        canv.doForm(f"pagefoot{doc.page}")  # "Side X af Y", filled in when the canvas is saved
    canv.restoreState()


def draw_page_end(canv: PlanCanvas, doc: BaseDocTemplate) -> None:
    """The draft's watermark, an artifact, after the page's content, so that an image cannot
    cover it. It is blended by multiplying (``/BM /Multiply``, an ExtGState of the page, which
    the form inherits; ReportLab writes no ExtGState for a form): on white it is the same light
    tint as when it lay under everything, text and rules over it stay as dark as they are, and
    an image under it is tinted. PDF/A-3 allows this transparency (the sRGB OutputIntent is the
    blending colour space); a page without the watermark has no ExtGState."""
    if canv.decor.watermark:
        canv.saveState()
        with canv.planpdf_tagger.artifact("Pagination", "Watermark"):
            canv.setBlendMode(WATERMARK_BLEND)
            canv.doForm("watermark")  # defined once, when the canvas is saved
        canv.restoreState()


class PlanDocTemplate(BaseDocTemplate):  # type: ignore[misc]
    """A4 with one frame; headings become outline entries and table-of-contents entries."""

    def __init__(self, target: Any, **kwargs: Any) -> None:
        super().__init__(target, pagesize=PAGE, leftMargin=MARGIN_LEFT, rightMargin=MARGIN_RIGHT,
                         topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, **kwargs)
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=draw_page,
                                            onPageEnd=draw_page_end)])
        self.current_flowable: Any = None

    def build(self, *args: Any, **kwargs: Any) -> None:
        """ReportLab's ``build``, with its number formatting and object writing quicker and
        byte for byte the same (``layout.quick``)."""
        with quick_reportlab():
            super().build(*args, **kwargs)

    def handle_flowable(self, flowables: list[Any]) -> None:
        if flowables:
            self.current_flowable = flowables[0]
        super().handle_flowable(flowables)

    def afterFlowable(self, flowable: Any) -> None:
        if isinstance(flowable, Heading) and flowable.key:
            self.canv.bookmarkPage(flowable.key)
            self.canv.addOutlineEntry(flowable.outline_title, flowable.key, flowable.level,
                                      closed=flowable.level >= 1)
            entry = contents_entry(flowable)
            if entry is not None:
                level, text, key = entry
                self.notify("TOCEntry", (level, text, self.page, key))


def contents_entry(heading: Heading) -> tuple[int, Markup, str] | None:
    """The contents list's entry for a heading (level, text, key); none for the title."""
    if heading.key == "title":
        return None
    # the contents list has styles for TOC_LEVELS levels; deeper headings sit at the last
    # one instead of stepping off to the right
    return min(heading.level, TOC_LEVELS - 1), heading.contents_entry, heading.key


def plan_contents(story: list[Any]) -> None:
    """Give each contents list in ``story`` its entries before layout: the story's headings
    (at its top level or kept together), so the list is laid out once (``Contents.plan``)."""
    lists = [f for f in story if isinstance(f, Contents)]
    if lists:
        entries = [e for e in map(contents_entry, _headings(story)) if e is not None]
        for contents in lists:
            contents.plan(entries)


def _headings(flowables: list[Any]) -> Iterator[Heading]:
    for flowable in flowables:
        if isinstance(flowable, Heading):
            yield flowable
        elif isinstance(flowable, KeepTogether):
            yield from _headings(flowable._content)
