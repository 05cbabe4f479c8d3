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
lines gets the opening words on its first line and the closing bracket on its last. A word
hyphenated at a line end reads whole, as in every other paragraph (``hyphens``): inside a run its
piece on the first line says the whole word, outside one the two halves get spans of their own.

Only what the change report needs is supported: left-aligned text with a fixed leading, no
bullet, border or background; the constructor refuses anything else.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import msgspec
from reportlab.lib.enums import TA_LEFT
from reportlab.pdfbase.pdfmetrics import stringWidth

from . import hyphens
from .markup import Markup, MarkupParagraph
from .tagging import Node, tagger_of

MARKS = ("strike", "underline")
LINE_WIDTH = 0.06  # of the font size: 0.66 pt at 11 pt
STRIKE_RISE = 0.25  # of the font size, above the baseline (ReportLab's own strike offset)
UNDERLINE_DROP = 0.125  # of the font size, below the baseline (ReportLab's own underline offset)
_NO_BREAKS = hyphens.LineSpans()


class Piece(msgspec.Struct, frozen=True):
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


class Mark(msgspec.Struct, frozen=True):
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
        breaks = self._line_breaks(segments)
        spoken = iter(self._spoken(segments, breaks))
        canvas.saveState()
        for (_x, y, groups), words in zip(segments, breaks, strict=True):
            plain: list[Piece] = []  # unmarked pieces go out together, in one text object
            plain_x, plain_tail = 0.0, ""
            for index, (start, group) in enumerate(groups):
                if group[0].mark is None:
                    if not plain:
                        plain_x, plain_tail = start, words.tail if index == 0 else ""
                    plain += group
                    continue
                if plain:
                    self._text(plain_x, y, plain, hyphens.LineSpans(tail=plain_tail))
                    plain = []
                canvas.addLiteral(f"/Span <</ActualText {_pdf_text(next(spoken))}>> BDC")
                self._text(start, y, group)
                canvas.addLiteral("EMC")
            if plain:
                self._text(plain_x, y, plain, words._replace(tail=plain_tail))
        for mark in self.marks():
            canvas.setStrokeColor(mark.colour)
            canvas.setLineWidth(LINE_WIDTH * mark.size)
            canvas.line(mark.x1, mark.y, mark.x2, mark.y)
        canvas.restoreState()

    def _spoken(self, segments: list[Any], breaks: list[hyphens.LineSpans]) -> list[str]:
        """The ``/ActualText`` of each marked run's piece on each line, in drawing order: the
        run's opening words on its first piece and its closing bracket on its last, a word
        broken at a line end whole on the line where it begins (and the bracket with it, when
        the word's end is all the run has left on the next line)."""
        texts: list[str] = []
        keys: list[tuple[str | None, int | None]] = []
        for (_x, _y, groups), words in zip(segments, breaks, strict=True):
            for index, (_start, group) in enumerate(groups):
                if group[0].mark is not None:
                    edges = hyphens.LineSpans(words.tail if index == 0 else "",
                                              words.head if index == len(groups) - 1 else "",
                                              words.word)
                    texts.append(_whole(group, edges))
                    keys.append((group[0].mark, group[0].run))
        first = {key: k for k, key in reversed(list(enumerate(keys)))}
        last = {key: k for k, key in enumerate(keys)}
        for k, key in enumerate(keys):
            before, after = self.spoken[str(key[0])]
            if first[key] == k:
                texts[k] = before + texts[k]
            if last[key] == k:
                empty = k > 0 and keys[k - 1] == key and not texts[k].strip(" ")
                texts[k - 1 if empty else k] += after
        return texts

    def _line_breaks(self, segments: list[Any]) -> list[hyphens.LineSpans]:
        """Per line, the word broken at its start (``tail``) and at its end (``head``, read
        as ``word``), as ``hyphens.spans`` finds them; nothing where the lines do not match."""
        lines = ["".join(p.text for _s, g in groups for p in g) for _x, _y, groups in segments]
        found = None
        if self.planpdf_plain:
            found = hyphens.spans(self.planpdf_plain, self.planpdf_offset, lines)
        return found or [hyphens.LineSpans()] * len(lines)

    def _text(self, x: float, y: float, pieces: list[Piece],
              edges: hyphens.LineSpans = _NO_BREAKS) -> None:
        """Draw ``pieces`` from ``x`` in one text object; a word broken at the line's start or
        end is drawn in a span that reads it whole (empty for the tail, ``word`` for the head)."""
        text = self.canv.beginText(x, y)
        for i, piece in enumerate(pieces):
            text.setFont(piece.font, piece.size)
            text.setFillColor(piece.colour)
            text.setWordSpace(piece.space)
            rest = piece.text
            tail = edges.tail if i == 0 and rest.lstrip(" ").startswith(edges.tail) else ""
            head = edges.head if i == len(pieces) - 1 and rest.rstrip(" ").endswith(edges.head) \
                else ""
            if tail:
                lead = rest[:len(rest) - len(rest.lstrip(" "))]
                text.textOut(lead)
                _spoken_as(text, "", tail)
                rest = rest[len(lead) + len(tail):]
            if head and len(rest.rstrip(" ")) >= len(head):
                body = rest.rstrip(" ")
                text.textOut(body[:-len(head)])
                _spoken_as(text, edges.word, head)
                text.textOut(rest[len(body):])
            else:
                text.textOut(rest)
        self.canv.drawText(text)


def _whole(group: list[Piece], edges: hyphens.LineSpans) -> str:
    """A marked run's text on one line as it reads: without the end of a word begun on the line
    before (``tail``), with the whole word where it breaks at the line's end (``head``)."""
    text = "".join(p.text for p in group)
    stripped = text.strip(" ")
    if edges.tail and stripped.startswith(edges.tail):
        text = text.replace(edges.tail, "", 1)
        stripped = text.strip(" ")
    if edges.head and stripped.endswith(edges.head):
        end = text.rstrip(" ")
        text = end[:-len(edges.head)] + edges.word + text[len(end):]
    return text


def _spoken_as(text: Any, word: str, drawn: str) -> None:
    """Draw ``drawn`` on the text object inside a span that reads ``word`` (``()``: nothing)."""
    text._code.append(f"/Span <</ActualText {hyphens.actual_text(word)}>> BDC")
    text.textOut(drawn)
    text._code.append("EMC")


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
