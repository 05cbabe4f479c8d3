"""The pieces every builder shares: headings (bookmarks, contents entries, H1–H6), paragraphs,
tagged tables and the contents list. The plan's blocks are built by ``body``, the sign-off
block by ``signoff``, the change report by ``diff.report``.

Every paragraph is a ``markup.MarkupParagraph``, which takes only ``Markup``: user text goes
through ``markup.markup()``/``markup.rich()`` (or ``escape()``) before ReportLab's paragraph
parser sees it.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    Spacer,
    Table,
    TableStyle,
)

from .. import wording
from ..errors import Span
from .markup import (
    Contents,
    MarkupParagraph,
    escape,
    markup,
    plain,
    plain_rich,
    rich,
)
from .styles import (
    ACCENT,
    RULE,
    TABLE_HEAD,
    TABLE_STRIPE,
    Styles,
)
from .tagging import Node, TableTags, heading_role


class Heading(MarkupParagraph):
    """A heading paragraph that becomes a bookmark and a table-of-contents entry.

    ReportLab makes the pieces of a split paragraph with the paragraph's own class and its own
    arguments (``None, style, frags=…``): those pieces start as headings without a key, and
    ``split`` gives the first piece the bookmark, so a heading taller than a page becomes one
    bookmark and one contents line, on the page where it begins.
    """

    def __init__(self, text: str | None, style: object, level: int = 0, key: str = "",
                 span: Span | None = None, *, inline: bool = False, **kwargs: Any) -> None:
        """``inline``: ``text`` has format 2's markup (``markup.rich``), not format 1's."""
        if text is None:  # a piece of a split heading (ReportLab's arguments in ``kwargs``)
            super().__init__(None, style, **kwargs)
        else:
            super().__init__(rich(text) if inline else markup(text), style, **kwargs)
        # a bookmark is a PDF string: plain text, never parsed
        self.outline_title = "" if text is None else plain_rich(text) if inline else plain(text)
        self.contents_entry = escape(self.outline_title)  # the contents list parses it: markup
        self.level = level
        self.key = key  # "" for the rest of a split heading: no bookmark of its own
        self.planpdf_span = span
        # the title is the one H1; the parts are H2, their groups H3, … (bookmark level + 2)
        self.planpdf_tag = Node("H1" if key == "title" else heading_role(level + 2))

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        parts = super().split(availWidth, availHeight)
        if len(parts) == 2 and parts[0] is not self:
            first = parts[0]
            first.outline_title, first.contents_entry = self.outline_title, self.contents_entry
            first.level, first.key = self.level, self.key
        return parts


class StoryBuilder:
    """Builds the story for one plan; headings are numbered for stable bookmark keys."""

    def __init__(self, styles: Styles) -> None:
        self.s = styles
        self._headings = 0

    # -- generic pieces ------------------------------------------------------------------

    def heading(self, text: str, level: int, span: Span | None = None, *,
                rich: bool = False) -> Flowable:
        self._headings += 1
        return Heading(text, self.s.heading(level), level, f"h{self._headings}", span,
                       inline=rich)

    def para(self, text: str, style: object = None, span: Span | None = None) -> Flowable:
        flowable = MarkupParagraph(markup(text), style or self.s.body)
        flowable.planpdf_span = span
        return flowable

    def _grid(self, rows: list[list[Flowable]], widths: list[float], header: bool,
              span: Span | None) -> Flowable:
        commands = [
            ("FONTNAME", (0, 0), (-1, -1), self.s.fonts.regular),  # else Helvetica is referenced
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ]
        if header:
            commands += [("BACKGROUND", (0, 0), (-1, 0), TABLE_HEAD),
                         ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT)]
        first = 1 if header else 0
        commands += [("BACKGROUND", (0, r), (-1, r), TABLE_STRIPE)
                     for r in range(first + 1, len(rows), 2)]
        _tag_cells(rows, header)
        flowable = Table(rows, colWidths=widths, repeatRows=first, style=TableStyle(commands),
                         spaceBefore=2, spaceAfter=8, hAlign="LEFT", renderCB=TableTags())
        flowable.planpdf_span = span
        return flowable

    def contents(self) -> list[Flowable]:
        table_style = TableStyle([  # ReportLab's default, plus a font: else Helvetica is referenced
            ("FONTNAME", (0, 0), (-1, -1), self.s.fonts.regular),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ])
        toc = Contents(levelStyles=list(self.s.toc_levels), dotsMinLevel=0, tableStyle=table_style,
                       link_text=wording.CONTENTS_LINK)
        return [MarkupParagraph(escape(wording.CONTENTS), self.s.toc_title), toc, Spacer(1, 6 * mm)]

def _tag_cells(rows: list[list[Flowable]], header: bool) -> None:
    """Give every cell its element: ``Table`` → ``THead``/``TBody`` → ``TR`` → ``TH``/``TD``;
    a header cell's ``/Scope`` is its column."""
    table = Node("Table")
    head = Node("THead", table) if header else None
    body = Node("TBody", table) if len(rows) > (1 if header else 0) else None
    for index, row in enumerate(rows):
        is_head = header and index == 0
        tr = Node("TR", head if is_head else body)
        for cell in row:
            cell.planpdf_tag = Node("TH", tr, scope="Column") if is_head else Node("TD", tr)
