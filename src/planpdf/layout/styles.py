"""Page geometry, colours and paragraph styles, built once per font set."""

from __future__ import annotations

from functools import cache

import msgspec
from reportlab.lib import colors
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from .fonts import FontSet

PAGE = A4
MARGIN_LEFT = MARGIN_RIGHT = 25 * mm
MARGIN_TOP = 27 * mm
MARGIN_BOTTOM = 25 * mm
FRAME_WIDTH = PAGE[0] - MARGIN_LEFT - MARGIN_RIGHT

INK = colors.HexColor("#1a1a1a")
ACCENT = colors.HexColor("#1f3a5f")  # dark navy, for headings and rules
MUTED = colors.HexColor("#5a6270")
RULE = colors.HexColor("#b8c2cf")
TABLE_HEAD = colors.HexColor("#e6ebf2")
TABLE_STRIPE = colors.HexColor("#f5f7fa")

STATUS_COLOURS = {
    "lokal_plan": colors.HexColor("#e3f1e6"),
    "central_plan": colors.HexColor("#e4ecf7"),
    "kontaktperson": colors.HexColor("#fbf1dc"),
    "ingen_plan": colors.HexColor("#eeeeee"),
}

HYPHENATION = "da_DK"
TOC_LEVELS = 4  # heading levels the table of contents indents; deeper ones share the last


class Styles(msgspec.Struct, frozen=True):
    """The paragraph styles of a plan document."""

    fonts: FontSet
    body: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    bullets: tuple[ParagraphStyle, ...]  # by depth
    kicker: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    status: ParagraphStyle
    remark: ParagraphStyle
    signature: ParagraphStyle
    toc_title: ParagraphStyle
    toc_levels: tuple[ParagraphStyle, ...]

    def heading(self, level: int) -> ParagraphStyle:
        """The heading style for an outline level (0 is the largest)."""
        return (self.h1, self.h2, self.h3)[min(level, 2)]


@cache
def make_styles(fonts: FontSet) -> Styles:
    """Styles for the given registered fonts."""
    body = ParagraphStyle(
        "body", fontName=fonts.regular, fontSize=11, leading=15, alignment=TA_JUSTIFY,
        textColor=INK, spaceAfter=7, hyphenationLang=HYPHENATION, embeddedHyphenation=1,
        uriWasteReduce=0.3, allowWidows=0, allowOrphans=0,
    )
    cell = ParagraphStyle("cell", parent=body, fontSize=9.5, leading=12, alignment=TA_LEFT,
                          spaceAfter=0, hyphenationLang="")  # narrow columns: wrap, don't split words
    heading = ParagraphStyle("heading", parent=body, fontName=fonts.bold, textColor=ACCENT,
                             alignment=TA_LEFT, hyphenationLang="", keepWithNext=1)
    return Styles(
        fonts=fonts,
        body=body,
        cell=cell,
        cell_head=ParagraphStyle("cell_head", parent=cell, fontName=fonts.bold, textColor=ACCENT),
        bullets=tuple(
            ParagraphStyle(f"bullet{i}", parent=body, spaceAfter=3, alignment=TA_LEFT,
                           leftIndent=14 * (i + 1), bulletIndent=14 * i + 3,
                           bulletFontName=fonts.regular, bulletFontSize=11)
            for i in range(4)
        ),
        kicker=ParagraphStyle("kicker", parent=heading, fontName=fonts.regular, fontSize=10.5,
                              leading=14, textColor=MUTED, spaceAfter=10, keepWithNext=0),
        title=ParagraphStyle("title", parent=heading, fontSize=26, leading=31, spaceAfter=6),
        subtitle=ParagraphStyle("subtitle", parent=heading, fontName=fonts.regular, fontSize=15,
                                leading=19, textColor=INK, spaceAfter=4),
        h1=ParagraphStyle("h1", parent=heading, fontSize=15, leading=19, spaceBefore=16,
                          spaceAfter=7),
        h2=ParagraphStyle("h2", parent=heading, fontSize=12.5, leading=16, spaceBefore=12,
                          spaceAfter=5),
        h3=ParagraphStyle("h3", parent=heading, fontSize=11, leading=14.5, spaceBefore=9,
                          spaceAfter=3, textColor=INK),
        status=ParagraphStyle("status", parent=body, fontSize=9.5, leading=12, spaceBefore=1,
                              spaceAfter=5, alignment=TA_LEFT, borderPadding=(2, 4, 2, 4),
                              leftIndent=4, rightIndent=4, keepWithNext=1),
        remark=ParagraphStyle("remark", parent=body, fontName=fonts.italic),
        signature=ParagraphStyle("signature", parent=body, alignment=TA_LEFT, spaceAfter=0),
        toc_title=ParagraphStyle("toc_title", parent=heading, fontSize=15, leading=19,
                                 spaceAfter=8),
        toc_levels=tuple(
            ParagraphStyle(f"toc{i}", parent=body, alignment=TA_LEFT, leftIndent=12 * i,
                           firstLineIndent=0, spaceAfter=2, fontSize=11 - i * 0.5,
                           fontName=fonts.regular,
                           hyphenationLang="")
            for i in range(TOC_LEVELS)
        ),
    )
