"""The bundle's contents list in one layout pass: its entries are known before layout (every
heading is in the story), so only their page numbers are not; those are drawn as forms
(``tocpage-<key>``) that the canvas defines when it is saved, as "Side X af Y" is.

ReportLab's table of contents needs a pass to learn the page numbers and one more to print them
(a third when the list's own length moves the pages); the bundle is ten or more plans long, so
one pass less is a third of its layout time. The entries' text, links and tags are
``layout.markup.Contents``'s; only where the number comes from differs.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Spacer, Table

from .. import wording
from ..layout.markup import (
    Contents,
    Markup,
    _checked,
    _ContentsEntry,
)
from ..layout.tagging import Node

Entry = tuple[int, Markup, int, str]
PLACEHOLDER = 888  # the widest page number room kept for the dot leaders (a bundle < 1000 pages)


def form_name(key: str) -> str:
    return f"tocpage-{key}"


class OnePassContents(Contents):
    """A contents list whose entries are given up front; satisfied after the first pass."""

    def __init__(self, entries: list[Entry], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.known = [(level, text, PLACEHOLDER, key) for level, text, _page, key in entries]

    def beforeBuild(self) -> None:
        self._lastEntries = list(self.known)
        self.clearEntries()

    def isSatisfied(self) -> bool:
        """The headings were where they were expected: the same entries, whatever the pages."""
        def strip(entries: list[Entry]) -> list[tuple[int, str, str]]:
            return [(level, text, key) for level, text, _page, key in entries]

        return strip(self._entries) == strip(self.known)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        rows: list[list[Any]] = []
        for level, text, page, key in self._lastEntries:
            style = self.getLevelStyle(level)
            if style.spaceBefore:
                rows.append([Spacer(1, style.spaceBefore)])
            entry = _FormNumberEntry(_checked(text), style, page, key, availWidth,
                                     dots=0 <= self.dotsMinLevel <= level,
                                     link_text=self.link_text)
            entry.planpdf_tag = Node("Link", Node("TOCI", self.planpdf_tag))
            rows.append([entry])
        self._table = Table(rows, colWidths=(availWidth,), style=self.tableStyle)
        self.width, self.height = self._table.wrapOn(self.canv, availWidth, availHeight)
        return self.width, self.height


class _FormNumberEntry(_ContentsEntry):
    """An entry whose page number is the form ``tocpage-<key>``, at the right edge."""

    def _text(self, x: float, y: float, text: str, size: float) -> None:
        if text != str(self.page):  # the dot leaders
            super()._text(x, y, text, size)
            return
        canvas = self.canv
        canvas.saveState()
        canvas.translate(self.full_width, y)
        canvas.doForm(form_name(str(self.key)))
        canvas.restoreState()
        canvas.planpdf_numbers[str(self.key)] = (self.style.fontName, size, self.style.textColor)


def define_numbers(canvas: Any, pages: dict[str, int]) -> None:
    """The forms with the page numbers, right-aligned at their origin, and each entry's link
    text with its page ("Lokalrådet i Billund kommune, side 6"), when the canvas is saved."""
    doc = canvas._doc
    for key, (font, size, colour) in sorted(canvas.planpdf_numbers.items()):
        canvas.beginForm(form_name(key), lowerx=-4 * size, lowery=-size, upperx=0, uppery=size)
        canvas.setFont(font, size)
        canvas.setFillColor(colour)
        canvas.drawRightString(0, 0, str(pages[key]))
        canvas.endForm()
        link = doc.idToObject.get(doc.annotationName(f"contents-{key}"))  # Contents' own name
        if link is not None:
            link.Contents = wording.CONTENTS_LINK.format(title=link.Contents, page=pages[key])
