"""Where every glyph and every stroked line of a PDF page is, read back with pikepdf.

A small interpreter of the page's content stream: the graphics state (``q``/``Q``/``cm``), the
text state (``Tf``, ``Tc``, ``Tw``, ``Tz``, ``TL``, ``Ts``), text positioning (``Tm``, ``Td``,
``TD``, ``T*``) and showing (``Tj``, ``TJ``, ``'``, ``"``), with each glyph's advance from the
font's ``/Widths`` and its character from the font's ``/ToUnicode`` map; and stroked straight
lines (``m``/``l``/``S``) with their colour (``RG``/``G``). Enough for the simple fonts
ReportLab writes (TrueType subsets and the standard 14), independent of ReportLab's own
measurements, so a test can compare where ReportLab *says* it drew with where the PDF *has* it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pikepdf

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _mul(m: Matrix, n: Matrix) -> Matrix:
    """m × n (m applied first), as in the PDF reference."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


@dataclass(frozen=True)
class Glyph:
    """One shown glyph: its character(s), left and right edge and baseline (page space)."""

    text: str
    x0: float
    x1: float
    y: float
    size: float
    fill: tuple[float, ...]


@dataclass(frozen=True)
class Stroke:
    """One stroked straight line (page space) and its colour."""

    x1: float
    y1: float
    x2: float
    y2: float
    colour: tuple[float, ...]


@dataclass(frozen=True)
class Span:
    """A marked-content sequence with an /ActualText, and the glyphs it wraps."""

    actual_text: str
    glyphs: tuple[Glyph, ...]


class _Font:
    def __init__(self, font: pikepdf.Dictionary) -> None:
        self.first = int(font.get("/FirstChar", 0))
        self.widths = [float(w) for w in font.get("/Widths", [])]
        self.unicode: dict[int, str] = {}
        if "/ToUnicode" in font:
            self._cmap(font.ToUnicode.read_bytes().decode("latin-1"))

    def _cmap(self, text: str) -> None:
        for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
            for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                self.unicode[int(src, 16)] = bytes.fromhex(dst).decode("utf-16-be")
        for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
            for lo, hi, dst in re.findall(
                    r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                start = int(dst, 16)
                for k, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                    self.unicode[code] = chr(start + k)

    def width(self, code: int) -> float:
        k = code - self.first
        return self.widths[k] if 0 <= k < len(self.widths) else 0.0

    def char(self, code: int) -> str:
        return self.unicode.get(code, chr(code))


class _Reader:
    def __init__(self, page: pikepdf.Page) -> None:
        resources = page.obj.get("/Resources", pikepdf.Dictionary())
        fonts = resources.get("/Font", pikepdf.Dictionary())
        self.fonts = {str(k): _Font(v) for k, v in fonts.items()}
        self.glyphs: list[Glyph] = []
        self.strokes: list[Stroke] = []
        self.spans: list[Span] = []
        self.ctm = IDENTITY
        self.stack: list[tuple[Matrix, tuple[float, ...], tuple[float, ...]]] = []
        self.stroke_colour: tuple[float, ...] = (0.0,)
        self.fill: tuple[float, ...] = (0.0,)
        self.font: _Font | None = None
        self.size = 0.0
        self.char_space = self.word_space = self.rise = 0.0
        self.scale = 1.0
        self.leading = 0.0
        self.tm = self.tlm = IDENTITY
        self.path: list[tuple[float, float]] = []
        self.segments: list[tuple[tuple[float, float], tuple[float, float]]] = []
        self.marked: list[tuple[str | None, int]] = []

    def run(self, page: pikepdf.Page) -> None:
        for operands, op in pikepdf.parse_content_stream(page):
            getattr(self, "op_" + _NAMES.get(str(op), str(op)), lambda *_a: None)(*operands)

    # graphics state
    def op_q(self) -> None:
        self.stack.append((self.ctm, self.stroke_colour, self.fill))

    def op_Q(self) -> None:
        self.ctm, self.stroke_colour, self.fill = self.stack.pop()

    def op_cm(self, *m: object) -> None:
        self.ctm = _mul(tuple(float(x) for x in m), self.ctm)  # type: ignore[arg-type]

    def op_RG(self, *c: object) -> None:
        self.stroke_colour = tuple(float(x) for x in c)

    op_G = op_K = op_RG

    def op_rg(self, *c: object) -> None:
        self.fill = tuple(float(x) for x in c)

    op_g = op_k = op_rg

    # paths
    def op_m(self, x: object, y: object) -> None:
        self.path = [_apply(self.ctm, float(x), float(y))]  # type: ignore[arg-type]

    def op_l(self, x: object, y: object) -> None:
        point = _apply(self.ctm, float(x), float(y))  # type: ignore[arg-type]
        if self.path:
            self.segments.append((self.path[-1], point))
        self.path.append(point)

    def op_S(self) -> None:
        for (x1, y1), (x2, y2) in self.segments:
            self.strokes.append(Stroke(x1, y1, x2, y2, self.stroke_colour))
        self.segments, self.path = [], []

    def op_n(self) -> None:
        self.segments, self.path = [], []

    # marked content
    def op_BDC(self, tag: object, props: object) -> None:
        actual = None
        if isinstance(props, pikepdf.Dictionary) and "/ActualText" in props:
            actual = str(props.ActualText)
        self.marked.append((actual, len(self.glyphs)))

    def op_BMC(self, tag: object) -> None:
        self.marked.append((None, len(self.glyphs)))

    def op_EMC(self) -> None:
        actual, start = self.marked.pop()
        if actual is not None:
            self.spans.append(Span(actual, tuple(self.glyphs[start:])))

    # text
    def op_BT(self) -> None:
        self.tm = self.tlm = IDENTITY

    def op_Tf(self, name: object, size: object) -> None:
        self.font = self.fonts[str(name)]
        self.size = float(size)  # type: ignore[arg-type]

    def op_Tc(self, v: object) -> None:
        self.char_space = float(v)  # type: ignore[arg-type]

    def op_Tw(self, v: object) -> None:
        self.word_space = float(v)  # type: ignore[arg-type]

    def op_Tz(self, v: object) -> None:
        self.scale = float(v) / 100  # type: ignore[arg-type]

    def op_TL(self, v: object) -> None:
        self.leading = float(v)  # type: ignore[arg-type]

    def op_Ts(self, v: object) -> None:
        self.rise = float(v)  # type: ignore[arg-type]

    def op_Tm(self, *m: object) -> None:
        self.tm = self.tlm = tuple(float(x) for x in m)  # type: ignore[assignment]

    def op_Td(self, x: object, y: object) -> None:
        self.tm = self.tlm = _mul((1, 0, 0, 1, float(x), float(y)), self.tlm)  # type: ignore[arg-type]

    def op_TD(self, x: object, y: object) -> None:
        self.leading = -float(y)  # type: ignore[arg-type]
        self.op_Td(x, y)

    def op_Tstar(self) -> None:
        self.op_Td(0, -self.leading)

    def op_Tj(self, string: object) -> None:
        assert self.font is not None
        for code in bytes(string):  # type: ignore[call-overload]
            w0 = self.font.width(code) / 1000
            advance = (w0 * self.size + self.char_space
                       + (self.word_space if code == 32 else 0.0)) * self.scale
            trm = _mul(self.tm, self.ctm)
            x0, y = _apply(trm, 0, self.rise)
            x1, _ = _apply(trm, w0 * self.size * self.scale, self.rise)
            self.glyphs.append(Glyph(self.font.char(code), x0, x1, y, self.size, self.fill))
            self.tm = _mul((1, 0, 0, 1, advance, 0), self.tm)

    def op_TJ(self, array: object) -> None:
        for item in array:  # type: ignore[attr-defined]
            if isinstance(item, pikepdf.String):
                self.op_Tj(item)
            else:
                shift = -float(item) / 1000 * self.size * self.scale
                self.tm = _mul((1, 0, 0, 1, shift, 0), self.tm)

    def op_quote(self, string: object) -> None:
        self.op_Tstar()
        self.op_Tj(string)

    def op_dquote(self, aw: object, ac: object, string: object) -> None:
        self.op_Tw(aw)
        self.op_Tc(ac)
        self.op_quote(string)


_NAMES = {"T*": "Tstar", "'": "quote", '"': "dquote"}


@dataclass(frozen=True)
class PageGraphics:
    """Everything read from one page."""

    glyphs: tuple[Glyph, ...]
    strokes: tuple[Stroke, ...]
    spans: tuple[Span, ...]


def read_pages(pdf: Path) -> list[PageGraphics]:
    """The glyphs, stroked lines and /ActualText spans of every page of ``pdf``."""
    out = []
    with pikepdf.open(pdf) as doc:
        for page in doc.pages:
            reader = _Reader(page)
            reader.run(page)
            out.append(PageGraphics(tuple(reader.glyphs), tuple(reader.strokes),
                                    tuple(reader.spans)))
    return out

