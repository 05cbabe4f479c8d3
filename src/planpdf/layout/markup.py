"""User text → ReportLab paragraph markup: the one door from the content to the markup parser.

ReportLab's ``Paragraph`` parses a small HTML-like language (``<b>``, ``<a href>``, ``<img>``,
``<font>``, ``<unichar>``, ``&#…;``), and so does every class that builds paragraphs from strings
(``TableOfContents`` entries, ``ListFlowable`` items, ``XPreformatted``). Fed user text, that
parser writes ``/URI`` links, embeds local files as images, drops text it takes for a tag, and
fails on an unclosed one. So user text never reaches it as a ``str``:

- ``Markup`` is a ``str`` subclass that only this module's functions make: ``escape`` (text
  printed as written), ``markup`` (the same, with planpdf's own ``**fed**`` as bold) and the
  few combinators planpdf's layout needs (``bold``, ``struck``, ``underlined``, ``join``).
  Gluing a ``Markup`` to a ``str`` (``+``, an f-string, ``.format``) gives a plain ``str`` again.
- ``MarkupParagraph`` and ``Contents`` are the only ReportLab paragraph makers planpdf uses; they
  take ``Markup`` (mypy rejects a ``str`` there) and refuse anything else at run time too
  (ReportLab is untyped, so a value that came through it is ``Any`` and mypy would let it pass).
- ``tests/test_markup_door.py`` holds the rest with ``ast``: no other module imports a ReportLab
  class that parses markup, and no other module calls ``Markup(...)`` to vouch for a string.

A ``str`` subclass rather than a ``typing.NewType`` for that run-time check; rather than one
``para()`` function because headings, the contents list and the change report each need their own
flowable, and the type follows the text wherever it goes. Plain-text sinks need none of this:
bookmarks (``addOutlineEntry``) and the document information are PDF strings, and headers,
footers and the signature line are drawn with ``drawString``; none of them parses markup.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterable
from contextlib import nullcontext
from html import escape as _html_escape
from typing import Any

from reportlab import rl_config
from reportlab.lib.fonts import ps2tt, tt2ps
from reportlab.lib.geomutils import normalizeTRBL
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, Spacer, Table
from reportlab.platypus.paragraph import _drawBullet, textTransformFrags
from reportlab.platypus.paraparser import ParaFrag, ParaParser
from reportlab.platypus.tableofcontents import TableOfContents
from reportlab.rl_config import _FUZZ

from . import hyphens
from .tagging import Node, tagger_of

_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


class Markup(str):
    """Text ReportLab's paragraph parser may read: made only by this module's functions."""

    __slots__ = ()


def escape(text: str) -> Markup:
    """User text that prints as written (xml.sax.saxutils would pull in urllib: 11 ms per build).

    >>> escape('Vold i <hjemmet> & &#x1F600;')
    'Vold i &lt;hjemmet&gt; &amp; &amp;#x1F600;'
    """
    return Markup(_html_escape(text, quote=False))


def markup(text: str) -> Markup:
    """Escape user text for ReportLab's paragraph parser; ``**x**`` becomes bold.

    >>> markup('<b>ikke fed</b> & **fed** <img src="/etc/passwd"/>')
    '&lt;b&gt;ikke fed&lt;/b&gt; &amp; <b>fed</b> &lt;img src="/etc/passwd"/&gt;'
    """
    return Markup(_BOLD.sub(r"<b>\1</b>", escape(text)))


_ITALIC = re.compile(r"(?<![*\w])\*(?=[^\s*])([^*]+?)(?<=[^\s*])\*(?![*\w])")
_LINK = re.compile(r"\[([^\]\n]+)\]\(([^()\s]+)\)")


def rich(text: str) -> Markup:
    """Format 2's inline markup: ``**fed**``, ``*kursiv*`` and ``[tekst](adresse)``, which is
    shown as text and address (never a link: the content adds no ``/URI`` to the PDF).

    >>> rich('*kursiv*, **fed** og [politi.dk](https://politi.dk/?a=1&b=2) <i>')
    '<i>kursiv</i>, <b>fed</b> og politi.dk (https://politi.dk/?a=1&amp;b=2) &lt;i&gt;'
    """
    escaped = _LINK.sub(r"\1 (\2)", escape(text))
    return Markup(_ITALIC.sub(r"<i>\1</i>", _BOLD.sub(r"<b>\1</b>", escaped)))


def plain_rich(text: str) -> str:
    """Format 2 text as it reads once laid out (bookmarks, the contents list).

    >>> plain_rich('Om *kursiv* og [os](https://x.dk)')
    'Om kursiv og os (https://x.dk)'
    """
    return _ITALIC.sub(r"\1", _BOLD.sub(r"\1", _LINK.sub(r"\1 (\2)", text)))


def has_italics(text: Markup) -> bool:
    """Whether laid-out markup uses the italic face (registered only when a plan needs it)."""
    return "<i>" in text


def plain(text: str) -> str:
    """User text as it reads once laid out, for places that take plain text (bookmarks).

    >>> plain('Om **fed** <b>tekst</b>')
    'Om fed <b>tekst</b>'
    """
    return _BOLD.sub(r"\1", text)


def bold(inner: Markup) -> Markup:
    """``inner`` in the bold face."""
    return Markup(f"<b>{_checked(inner)}</b>")


def struck(inner: Markup, colour: str) -> Markup:
    """``inner`` struck through in ``colour`` (``#rrggbb``): a deletion in the change report."""
    return Markup(f'<strike><font color="{_colour(colour)}">{_checked(inner)}</font></strike>')


def underlined(inner: Markup, colour: str) -> Markup:
    """``inner`` underlined in ``colour`` (``#rrggbb``): an insertion in the change report."""
    return Markup(f'<u><font color="{_colour(colour)}">{_checked(inner)}</font></u>')


def join(parts: Iterable[Markup], sep: str = " ") -> Markup:
    """``parts`` one after another, ``sep`` (plain text) between them.

    >>> join([bold(escape('Status:')), markup('a <b>')])
    '<b>Status:</b> a &lt;b&gt;'
    """
    return Markup(escape(sep).join(_checked(p) for p in parts))


_ENTITY = re.compile(r"&(amp|lt|gt);")  # all that ``escape`` writes
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">"}
_PROBE = "x"
# style → (what its fragment depends on, the fragment's attributes less its text), or None
_TEMPLATES: weakref.WeakKeyDictionary[Any, tuple[tuple[Any, ...], dict[str, Any] | None]] = (
    weakref.WeakKeyDictionary())


def _template(style: Any) -> dict[str, Any] | None:
    """The attributes ReportLab's parser gives a plain text's fragment in ``style``, less the text:
    parsed once per style and font mapping (a font registered later remaps the family)."""
    try:
        family = ps2tt(style.fontName)
        inputs = (style.fontName, family, tt2ps(*family), style.fontSize, id(style.textColor),
                  style.textTransform)
    except ValueError:  # a font ReportLab cannot map: let its parser say so
        return None
    known = _TEMPLATES.get(style)
    if known is not None and known[0] == inputs:
        return known[1]
    parsed_style, frags, bullets = ParaParser().parse(_PROBE, style)
    template = None
    if parsed_style is style and frags is not None and len(frags) == 1 and not bullets:
        template = dict(vars(frags[0]))
        if (template.pop("text") != _PROBE or template.get("link") != []
                or template.get("us_lines") != []):
            template = None
    _TEMPLATES[style] = (inputs, template)
    return template


def plain_frags(text: str, style: Any) -> list[Any] | None:
    """The fragments ReportLab's parser makes of ``text`` (already cleaned as ``Paragraph``
    cleans it) when it holds no tag, without the parser; None for any other text.

    A warm build spent ~1.5 ms per plan (~6 %) in ReportLab's parser (``html.parser`` under
    it), and most paragraphs are plain text: one fragment in the paragraph's style, and one more for
    each entity, as the parser hands each entity on by itself. The fragments are copies of the
    one the parser made of a probe in the same style, so they hold what it gives, attribute for
    attribute; each paragraph's share their ``link`` and ``us_lines`` lists, as the parser's do.
    tests/test_quick.py compares them with the parser's, and the PDFs' bytes with and without.
    """
    if not text or "<" in text:
        return None
    pieces = _ENTITY.split(text)
    if any("&" in piece for piece in pieces[::2]):  # an entity other than escape's
        return None
    template = _template(style)
    if template is None:
        return None
    link: list[Any] = []
    us_lines: list[Any] = []
    frags = []
    for i, piece in enumerate(pieces):
        if i % 2:
            piece = _ENTITIES[piece]
        elif not piece:
            continue
        frag = ParaFrag()
        vars(frag).update(template)
        frag.link = link
        frag.us_lines = us_lines
        frag.text = piece
        frags.append(frag)
    return frags


def _as_cleaned(text: str) -> str:
    return text


class MarkupParagraph(Paragraph):  # type: ignore[misc]
    """A ReportLab ``Paragraph`` that takes only ``Markup``, never a ``str``.

    It is also where a paragraph is tagged (``layout.tagging``): its text is marked as content
    of its ``planpdf_tag`` (a ``P``, a heading, a table cell, a list item's ``LBody``) and a
    bullet as content of its ``planpdf_label`` (``Lbl``). ``split`` hands every ``planpdf_*``
    attribute to both pieces, so a paragraph split across pages stays one element.
    """

    planpdf_tag: Node | None = None  # None: a P of its own, in the order it is drawn
    planpdf_label: Node | None = None  # the bullet's Lbl, for a list item
    planpdf_plain: str | None = None  # the whole paragraph's text (for words broken at line ends)
    planpdf_offset = 0  # where in it this piece begins
    bulletText: Any  # ReportLab's attributes, typed for mypy
    style: Any

    def __init__(self, text: Markup | None, style: Any, bulletText: str | None = None,
                 frags: Any = None, **kwargs: Any) -> None:
        if frags is None:  # with frags (a split paragraph's rest) there is no text to parse
            _checked(text)
        super().__init__(text, style, bulletText=bulletText, frags=frags, **kwargs)
        if frags is None:  # the text as written, before ReportLab turns fragments into words
            self.planpdf_plain = hyphens.plain_text(self.frags)

    def _setup(self, text: Any, style: Any, bulletText: Any, frags: Any, cleaner: Any) -> None:
        """ReportLab's ``_setup``, with plain text's fragments made by ``plain_frags``; the text
        is cleaned once, here (ReportLab's cleaner gives a cleaned text back unchanged)."""
        if frags is None:
            text = cleaner(text)
            frags = plain_frags(text, style)
            if frags is None:  # markup: ReportLab's parser, on the text cleaned already
                super()._setup(text, style, bulletText, None, _as_cleaned)
                return
            textTransformFrags(frags, style)
        super()._setup(text, style, bulletText, frags, cleaner)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """ReportLab's ``wrap``, once per width where that gives ReportLab's lines: a paragraph
        kept with the next, or in a table cell, is wrapped to measure it and again to place it,
        at the same width. Remembered only when ReportLab's wrap left the fragments as they were
        (one style throughout): a paragraph of several styles gets its fragments replaced by
        split words, and its next wrap, which rejoins them, may break its lines otherwise (a
        bold cell breaking at a hyphen does), so it is always wrapped again, as ReportLab would.
        Never remembered for a width too narrow to wrap at; forgotten at a ``split`` and once
        ReportLab has dropped the lines (``del self.blPara``). ``availHeight`` is not read.
        tests/test_quick.py compares the lines and the PDFs' bytes with ReportLab's own."""
        if self.__dict__.get("_planpdf_wrapped") == availWidth and "blPara" in self.__dict__:
            return self.width, self.height
        frags = self.frags
        result: tuple[float, float] = super().wrap(availWidth, availHeight)
        if self.frags is frags and availWidth >= _FUZZ:
            self._planpdf_wrapped = availWidth
        else:
            self.__dict__.pop("_planpdf_wrapped", None)
        return result

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        self.__dict__.pop("_planpdf_wrapped", None)
        parts: list[Any] = super().split(availWidth, availHeight)
        if self.planpdf_tag is None:
            self.planpdf_tag = Node("P")
        carried = {k: v for k, v in vars(self).items() if k.startswith("planpdf_")}
        for part in parts:
            if part is not self:
                vars(part).update(carried)
        if len(parts) == 2:  # the rest begins where the first piece's lines end
            calls = hyphens.line_calls(self.blPara)
            done = len(parts[0].blPara.lines)
            end = None if calls is None or self.planpdf_plain is None else hyphens.consumed(
                self.planpdf_plain, self.planpdf_offset, ["".join(c) for c in calls[:done]])
            parts[1].planpdf_offset = end if end is not None else 0
            if end is None:
                parts[1].planpdf_plain = ""  # lost track: the rest gets no spans
        return parts

    def draw(self) -> None:
        tagger = tagger_of(self.canv)
        if tagger is None:
            super().draw()
            return
        if self.planpdf_tag is None:
            self.planpdf_tag = Node("P")
        node = self.planpdf_tag
        self._broken_words = self._plan_broken_words()
        style = self.style
        if style.backColor and not (style.borderColor and style.borderWidth):
            with tagger.artifact("Layout"):  # a background is decoration, not content
                self._draw_background()
            self.style = ParagraphStyle(f"{style.name}-drawn", parent=style, backColor=None)
            try:
                self._draw_tagged(tagger, node)
            finally:
                self.style = style
            return
        self._draw_tagged(tagger, node)

    def _draw_tagged(self, tagger: Any, node: Node) -> None:
        bullet = self.bulletText
        if bullet and self.planpdf_label is not None:
            with tagger.mark(self.planpdf_label):
                first_line = self._draw_bullet()
            offsets = vars(self).get("_offsets")
            self.bulletText = None  # drawn already: the text alone is the LBody
            self._offsets = [first_line, *(offsets or [0])[1:]]  # drawPara's first-line shift
            try:
                with tagger.mark(node):
                    super().draw()
            finally:
                self.bulletText = bullet
                if offsets is None:
                    del self._offsets
                else:
                    self._offsets = offsets
            return
        with tagger.mark(node):
            super().draw()

    def _draw_background(self) -> None:
        """The style's background, where ``drawPara`` draws it."""
        style = self.style
        top, right, bottom, left = normalizeTRBL(getattr(style, "borderPadding", 0))
        self.canv.saveState()
        self.canv.setFillColor(style.backColor)
        self.canv.rect(style.leftIndent - left, -bottom,
                       self.width - (style.leftIndent + style.rightIndent) + left + right,
                       self.height + top + bottom, fill=1, stroke=0)
        self.canv.restoreState()

    def _plan_broken_words(self) -> tuple[list[list[str]], list[hyphens.LineSpans]] | None:
        """The /ActualText spans for the words this piece breaks at its line ends, if any."""
        calls = hyphens.line_calls(self.blPara)
        if calls is None or self.planpdf_plain is None:
            return None
        plan = hyphens.spans(self.planpdf_plain, self.planpdf_offset, ["".join(c) for c in calls])
        if plan is None or not any(s.head or s.tail for s in plan):
            return None
        return calls, plan

    def beginText(self, x: float, y: float) -> Any:
        tx = super().beginText(x, y)
        broken = getattr(self, "_broken_words", None)
        if broken is not None:
            hyphens.mark_text_object(tx, *broken)
        return tx

    def _draw_bullet(self) -> float:
        """Draw the bullet as ``drawPara`` would (ReportLab's ``_drawBullet``, at the first
        line's baseline as ``drawPara`` computes it) and return the first line's offset it asks
        for beyond ``firstLineIndent``; tests/test_tagging.py compares with ReportLab's drawing."""
        lines = self.blPara
        first = lines if lines.kind == 0 else lines.lines[0]
        if rl_config.paraFontSizeHeightOffset:
            y = self.height - first.fontSize
        else:
            y = self.height - getattr(first, "ascent", first.fontSize)
        indent = self.style.firstLineIndent
        offset = indent + getattr(self, "_offsets", [0])[0]
        self.canv.saveState()
        offset = _drawBullet(self.canv, offset, y, self.bulletText, self.style, rtl=False)
        self.canv.restoreState()
        return float(offset - indent)


class Contents(TableOfContents):  # type: ignore[misc]
    """ReportLab's table of contents, whose entries (parsed as paragraphs) must be ``Markup``.

    Laid out as ReportLab does (a one-column table, the entries' dots and page numbers at the
    right), but tagged: ``TOC`` → a ``TOCI`` per entry → a ``Link`` holding the entry's text,
    its page number and one link annotation over the whole entry (``/OBJR``, with ``/Contents``
    "Medlemmer, side 2"); the dot leaders are artifacts.
    """

    def __init__(self, *, link_text: str = "{title}, {page}", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.link_text = link_text  # the annotation's /Contents: plain text, never parsed
        self.planpdf_tag = Node("TOC")

    def addEntry(self, level: int, text: Markup, pageNum: int, key: str | None = None) -> None:
        super().addEntry(level, _checked(text), pageNum, key)

    def plan(self, entries: Iterable[tuple[int, Markup, str]]) -> None:
        """Lay out these entries (level, text, heading key) in this very pass, their page
        numbers written when the canvas is saved (``later``), instead of ReportLab's second
        pass: the entries are the story's headings, known before layout."""
        self._lastEntries = [(level, _checked(text), None, key) for level, text, key in entries]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """TableOfContents.wrap with planpdf's entries (planned, or the previous pass's)."""
        entries: list[Any] = self._lastEntries or [(0, escape("Placeholder for table of contents"), 0, None)]
        rows: list[list[Any]] = []
        for level, text, page, key in entries:
            style = self.getLevelStyle(level)
            if style.spaceBefore:
                rows.append([Spacer(1, style.spaceBefore)])
            entry = _ContentsEntry(_checked(text), style, page, key, availWidth,
                                   dots=0 <= self.dotsMinLevel <= level, link_text=self.link_text)
            item = Node("TOCI", self.planpdf_tag)
            entry.planpdf_tag = Node("Link", item)
            rows.append([entry])
        self._table = Table(rows, colWidths=(availWidth,), style=self.tableStyle)
        self.width, self.height = self._table.wrapOn(self.canv, availWidth, availHeight)
        return self.width, self.height


class _ContentsEntry(MarkupParagraph):
    """One entry of the contents list: its text, then dot leaders (artifact) and the page number
    at the right, the whole entry one link to the heading. Without a page number (a planned
    entry), the leaders and the number are written when the canvas is saved: the canvas's
    ``later`` and ``heading_pages`` (``layout.pages.PlanCanvas``)."""

    def __init__(self, text: Markup, style: Any, page: int | None, key: str | None,
                 width: float, *, dots: bool, link_text: str) -> None:
        super().__init__(Markup(f'{text}<onDraw name="{_ENTRY_END}" label=""/>'), style)
        self.page, self.key, self.full_width, self.dots = page, key, width, dots
        self.link_text = link_text
        self._end: tuple[float, float] | None = None

    def draw(self) -> None:
        canvas = self.canv
        if hasattr(canvas, "setNamedCB"):  # ReportLab 5 (4.2 looks callbacks up as attributes)
            canvas.setNamedCB(_ENTRY_END, self._record_end)
        else:
            setattr(canvas, _ENTRY_END, self._record_end)
        self._end = None
        super().draw()  # the text, marked as the Link's content
        if self._end is None:
            return
        tagger = tagger_of(canvas)
        link = self._link("" if self.page is None else str(self.page))
        if self.dots:
            with tagger.artifact("Layout") if tagger else nullcontext():
                self._write(canvas, lambda: self._ends(canvas, self._page(canvas))[0])
        with tagger.mark(self.planpdf_tag) if tagger else nullcontext():
            self._write(canvas, lambda: self._ends(canvas, self._page(canvas), link)[1])
        if link is not None and tagger is not None:
            tagger.annotation(link, self.planpdf_tag)

    def _page(self, canvas: Any) -> int:
        if self.page is not None:
            return self.page
        pages: dict[str, int] = canvas.heading_pages
        return pages[self.key or ""]

    def _write(self, canvas: Any, code: Any) -> None:
        """Write ``code()`` here now, or, for a planned entry, here when the canvas is saved
        (when this flowable no longer knows its canvas: so it is given)."""
        if self.page is None:
            canvas.later(code)
        else:
            canvas._code.append(code())

    def _ends(self, canvas: Any, page: int, link: Any = None) -> tuple[str, str]:
        """The code of the dot leaders and of the page number at the entry's end (and the
        link's text, which names the page)."""
        assert self._end is not None
        x, y = self._end
        style = self.style
        number = str(page)
        size = style.fontSize
        while stringWidth(number, style.fontName, size) > self.full_width - x and size >= 1.0:
            size *= 0.9  # as ReportLab's drawPageNumbers: shrink a number that does not fit
        number_x = self.full_width - stringWidth(number, style.fontName, size)
        leader = " . "
        count = int((number_x - x) / stringWidth(leader, style.fontName, size))
        if link is not None:
            link.Contents = self.link_text.format(title=self.getPlainText().strip(), page=number)
        return (self._text(canvas, number_x - count * stringWidth(leader, style.fontName, size),
                           y, leader * count, size),
                self._text(canvas, number_x, y, number, size))

    def _link(self, number: str) -> Any:
        """The link annotation over the whole entry (its text set in ``_ends``), or None."""
        if not self.key:
            return None
        canvas = self.canv
        name = f"contents-{self.key}"
        canvas.linkRect(self.link_text.format(title=self.getPlainText().strip(), page=number),
                        self.key, (0, 0, self.full_width, self.height), name=name,
                        relative=1, thickness=0)
        return canvas._doc.idToObject[canvas._doc.annotationName(name)]

    def _record_end(self, canvas: Any, kind: str, label: str) -> None:
        info = canvas._curr_tx_info
        self._end = (info["cur_x"], info["cur_y"])

    def _text(self, canvas: Any, x: float, y: float, text: str, size: float) -> str:
        tx = canvas.beginText(x, y)
        tx.setFont(self.style.fontName, size)
        tx.setFillColor(self.style.textColor)
        tx.textLine(text)
        return str(tx.getCode())


_ENTRY_END = "planpdf_contents_entry_end"


def _checked(value: object) -> Markup:
    if not isinstance(value, Markup):
        raise TypeError(f"ReportLab markup must come from planpdf.layout.markup, not {value!r:.60}")
    return value


def _colour(colour: str) -> str:
    if not _COLOUR.fullmatch(colour):
        raise ValueError(f"not a colour #rrggbb: {colour!r}")
    return colour
