"""A paragraph whose struck-through and underlined runs planpdf draws itself, from the words' places.

The change report marks deleted text with a line through it and inserted text with a line under
it (``markup.struck``, ``markup.underlined``). ReportLab (5.1 here) draws those lines wrong in
a paragraph of one style, such as a whole passage added or removed: for that "simple" paragraph
(``blPara.kind == 0``) ``Paragraph.drawPara`` starts the first line's marks at
``dx = t_off + leftIndent`` but every following line's at ``t_off`` alone
(``_do_under_line(i, t_off, ...)``), so on a wrapped, indented passage the mark starts
``leftIndent`` left of the text and stops ``leftIndent`` (two letters at 8 pt) short of its end.

``MarkedParagraph`` therefore lets ReportLab do what it does well, breaking the lines (Danish
hyphenation included), and draws each line itself: the text piece by piece, advancing by each
piece's width exactly as ReportLab's left-aligned lines do, and the marks from those same
positions, trimmed to the first and last glyph of the run on that line. Colour and line style
are not the only carriers of meaning: every marked run is a marked-content span whose
``/ActualText`` says what it is (``[slettet: 10.]``), so copied text, a text extractor and a
screen reader tell deletions from insertions while the page looks as before. A run broken over
lines gets the opening words on its first line and the closing bracket on its last.

Only what the change report needs is supported: left-aligned text with a fixed leading, no
bullet, border or background; the constructor refuses anything else.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from reportlab.lib.enums import TA_LEFT
from reportlab.pdfbase.pdfmetrics import stringWidth

from .markup import Markup, MarkupParagraph
from .tagging import Node, tagger_of

MARKS = ("strike", "underline")
LINE_WIDTH = 0.06  # of the font size: 0.66 pt at 11 pt
STRIKE_RISE = 0.25  # of the font size, above the baseline (ReportLab's own strike offset)
UNDERLINE_DROP = 0.125  # of the font size, below the baseline (ReportLab's own underline offset)


@dataclass(frozen=True)
class Piece:
    """A stretch of one line in one font and colour; ``run`` names the marked run it belongs to."""

    text: str
    font: str
    size: float
    colour: Any
    mark: str | None  # "strike", "underline" or None
    run: int | None  # ReportLab's number of the <strike>/<u> element, None when unmarked
    space: float  # the line's word spacing (negative on a shrunk line)

    def advance(self, text: str | None = None) -> float:
        """The width of ``text`` (default: the whole piece) as the PDF lays it out."""
        text = self.text if text is None else text
        return float(stringWidth(text, self.font, self.size)) + self.space * text.count(" ")


@dataclass(frozen=True)
class Mark:
    """One drawn mark: a line from ``x1`` to ``x2`` at height ``y`` (the flowable's space)."""

    kind: str
    x1: float
    x2: float
    y: float
    size: float
    colour: Any


class MarkedParagraph(MarkupParagraph):
    """A left-aligned paragraph whose marks follow the glyphs and whose marked runs say what
    they are (``spoken[kind] = (before, after)``, e.g. ``("[slettet: ", "]")``) in the text layer.
    """

    def __init__(self, text: Markup | None, style: Any,
                 spoken: Mapping[str, tuple[str, str]] | None = None, **kwargs: Any) -> None:
        unsupported = [name for name, bad in (
            ("alignment", style.alignment != TA_LEFT),
            ("autoLeading", getattr(style, "autoLeading", "") not in ("", "off")),
            ("bulletText", kwargs.get("bulletText") is not None),
            ("backColor", bool(style.backColor)),
            ("borderWidth", bool(style.borderWidth)),
            ("wordWrap", style.wordWrap not in (None, "LTR")),
        ) if bad]
        if unsupported:
            raise ValueError(f"MarkedParagraph cannot draw {', '.join(unsupported)}")
        if spoken is not None and set(spoken) != set(MARKS):
            raise ValueError(f"spoken must name {MARKS}")
        super().__init__(text, style, **kwargs)
        self.spoken = dict(spoken or dict.fromkeys(MARKS, ("", "")))

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        parts: list[Any] = super().split(availWidth, availHeight)
        for part in parts:  # ReportLab makes the parts as (None, style, frags=...)
            part.spoken = self.spoken
        return parts

    # -- the layout, read back from ReportLab's line breaking ------------------------------

    def lines(self) -> list[tuple[float, float, list[Piece]]]:
        """Each line after ``wrap``: its x, its baseline's y and its pieces."""
        para = self.blPara
        style = self.style
        offsets = list(getattr(self, "_offsets", [0]))
        out = []
        y = self.height
        for i, line in enumerate(para.lines):
            if isinstance(line, tuple):  # one style for the whole paragraph: (extra, [words])
                frag = para if hasattr(para, "fontName") else self.frags[0]
                frags = [(" ".join(line[1]), frag)]
                size, extra, words = frag.fontSize, line[0], len(line[1])
            else:
                frags = [(frag.text, frag) for frag in line.words]
                size, extra, words = line.fontSize, line.extraSpace, line.wordCount
            # A line a little too long is shrunk by negative word spacing, as ReportLab does
            # (_leftDrawParaLine, _leftDrawParaLineX); the PDF applies it to each space.
            gaps = words - 1 + sum(text.count("\xa0") for text, _f in frags)
            space = extra / gaps if extra < -1e-8 and gaps > 0 else 0.0
            pieces = [self._piece(text, frag, space) for text, frag in frags if text]
            x = style.leftIndent + (style.firstLineIndent if i == 0 else 0) \
                + offsets[min(i, len(offsets) - 1)]
            y = self.height - size if i == 0 else y - style.leading
            out.append((x, y, pieces))
        return out

    def _piece(self, text: str, frag: Any, space: float) -> Piece:
        marks = [(n, kind) for n, kind, *_rest in getattr(frag, "us_lines", None) or ()
                 if kind in MARKS]
        run, mark = marks[-1] if marks else (None, None)
        return Piece(text, frag.fontName, frag.fontSize, frag.textColor, mark, run, space)

    def segments(self) -> list[tuple[float, float, list[tuple[float, list[Piece]]]]]:
        """Each line as (x, y, [(start x, pieces)]): a marked run's pieces on one line together,
        every unmarked piece alone."""
        out = []
        for x, y, pieces in self.lines():
            groups: list[tuple[float, list[Piece]]] = []
            start = x
            for piece in pieces:
                last = groups[-1][1] if groups else None
                if last and piece.mark and (last[0].mark, last[0].run) == (piece.mark, piece.run):
                    last.append(piece)
                else:
                    groups.append((start, [piece]))
                start += piece.advance()
            out.append((x, y, groups))
        return out

    def marks(self) -> list[Mark]:
        """The marks to draw: one per marked run and line, from its first to its last glyph."""
        out = [_mark(start, group, y) for _x, y, groups in self.segments()
               for start, group in groups if group[0].mark]
        return [m for m in out if m.x2 > m.x1]

    # -- drawing -------------------------------------------------------------------------

    def draw(self) -> None:
        """Draw text and marks, as one tagged ``P`` where the canvas is tagged."""
        tagger = tagger_of(self.canv)
        if tagger is None:
            self._draw_marked()
            return
        if self.planpdf_tag is None:
            self.planpdf_tag = Node("P")
        with tagger.mark(self.planpdf_tag):
            self._draw_marked()

    def _draw_marked(self) -> None:
        canvas = self.canv
        segments = self.segments()
        first: dict[tuple[str, int | None], int] = {}
        last: dict[tuple[str, int | None], int] = {}
        marked = [(g[0].mark, g[0].run) for _x, _y, groups in segments for _s, g in groups
                  if g[0].mark]
        for k, key in enumerate(marked):
            first.setdefault(key, k)
            last[key] = k
        canvas.saveState()
        k = 0
        for _x, y, groups in segments:
            plain: list[Piece] = []  # unmarked pieces go out together, in one text object
            plain_x = 0.0
            for start, group in groups:
                head = group[0]
                if head.mark is None:
                    plain_x = plain_x if plain else start
                    plain += group
                    continue
                if plain:
                    self._text(plain_x, y, plain)
                    plain = []
                key = (head.mark, head.run)
                before, after = self.spoken[head.mark]
                spoken = (before if first[key] == k else "") + "".join(p.text for p in group) \
                    + (after if last[key] == k else "")
                canvas.addLiteral(f"/Span <</ActualText {_pdf_text(spoken)}>> BDC")
                self._text(start, y, group)
                canvas.addLiteral("EMC")
                k += 1
            if plain:
                self._text(plain_x, y, plain)
        for mark in self.marks():
            canvas.setStrokeColor(mark.colour)
            canvas.setLineWidth(LINE_WIDTH * mark.size)
            canvas.line(mark.x1, mark.y, mark.x2, mark.y)
        canvas.restoreState()

    def _text(self, x: float, y: float, pieces: list[Piece]) -> None:
        text = self.canv.beginText(x, y)
        for piece in pieces:
            text.setFont(piece.font, piece.size)
            text.setFillColor(piece.colour)
            text.setWordSpace(piece.space)
            text.textOut(piece.text)
        self.canv.drawText(text)


def _mark(start: float, group: list[Piece], y: float) -> Mark:
    """The mark under or through ``group`` (its first piece at ``start``), without outer spaces."""
    first, last = group[0], group[-1]
    x1 = start + first.advance(first.text[:len(first.text) - len(first.text.lstrip(" "))])
    x2 = start + sum(p.advance() for p in group[:-1]) + last.advance(last.text.rstrip(" "))
    size = max(p.size for p in group)
    kind = first.mark or ""
    dy = STRIKE_RISE * size if kind == "strike" else -UNDERLINE_DROP * size
    return Mark(kind, x1, x2, y + dy, size, first.colour)


def _pdf_text(text: str) -> str:
    """A PDF text string in hex (UTF-16BE with its byte order mark): nothing in it is syntax."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"
