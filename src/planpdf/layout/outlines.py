"""Text as glyph outlines: the watermark is drawn as filled paths, never as text.

A watermark drawn as text is text to every extractor: poppler's ``pdftotext`` ignores
``/Artifact`` marks, so "UDKAST" would turn up between a draft's sentences, in fragments. Drawn
as the outlines of the font's glyphs it reads as nothing anywhere, and looks the same. The draft
status is real text once per page, in the footer ("Udkast 1. januar 2010").

In: a registered TrueType font (ReportLab reads the file; its ``glyf``/``loca`` tables and
character widths are used here) and a string. Out: the path segments in text space, one glyph
after another at ReportLab's ``stringWidth`` advances, so a centred outline sits exactly where
``drawCentredString`` would put the text.
"""

from __future__ import annotations

import struct
from functools import cache
from typing import Any

from reportlab.pdfbase.pdfmetrics import getFont, stringWidth

Point = tuple[float, float]
# ("M", (x, y)) move, ("L", (x, y)) line, ("C", (x1, y1), (x2, y2), (x, y)) cubic, ("Z",) close
Segment = tuple[Any, ...]

_ON_CURVE, _X_SHORT, _Y_SHORT, _REPEAT, _X_SAME, _Y_SAME = 0x01, 0x02, 0x04, 0x08, 0x10, 0x20
_ARGS_WORDS, _ARGS_XY, _SCALE, _MORE, _XY_SCALE, _TWO_BY_TWO = 0x01, 0x02, 0x08, 0x20, 0x40, 0x80


def text_outline(font_name: str, text: str, size: float) -> list[Segment]:
    """The outline of ``text`` in ``font_name`` at ``size`` points, from (0, 0) on the baseline."""
    return list(_text_outline(font_name, text, size))


@cache
def _text_outline(font_name: str, text: str, size: float) -> tuple[Segment, ...]:
    face = getFont(font_name).face
    scale = size / face.unitsPerEm
    out: list[Segment] = []
    x = 0.0
    for char in text:
        glyph = face.charToGlyph.get(ord(char), 0)
        for contour in _glyph_contours(face, glyph):
            out += _contour_segments([((px * scale) + x, py * scale, on) for px, py, on in contour])
        x += stringWidth(char, font_name, size)
    return tuple(out)


def _glyph_contours(face: Any, glyph: int, depth: int = 0) -> list[list[tuple[float, float, bool]]]:
    """A glyph's contours in font units: lists of (x, y, on-curve) (TrueType ``glyf``)."""
    start, end = face.glyphPos[glyph], face.glyphPos[glyph + 1]
    if end <= start or depth > 8:
        return []  # an empty glyph (a space), or composites nested absurdly deep
    data = _glyf(face)[start:end]
    (contours,) = struct.unpack(">h", data[:2])
    if contours < 0:
        return _composite(face, data, depth)
    ends = struct.unpack(f">{contours}H", data[10:10 + 2 * contours])
    count = ends[-1] + 1 if ends else 0
    pos = 10 + 2 * contours
    (instructions,) = struct.unpack(">H", data[pos:pos + 2])
    pos += 2 + instructions
    flags: list[int] = []
    while len(flags) < count:
        flag = data[pos]
        pos += 1
        flags.append(flag)
        if flag & _REPEAT:
            flags += [flag] * data[pos]
            pos += 1
    xs, pos = _coordinates(data, pos, flags, _X_SHORT, _X_SAME)
    ys, pos = _coordinates(data, pos, flags, _Y_SHORT, _Y_SAME)
    points = [(float(x), float(y), bool(f & _ON_CURVE)) for x, y, f in zip(xs, ys, flags, strict=True)]
    out: list[list[tuple[float, float, bool]]] = []
    first = 0
    for last in ends:
        out.append(points[first:last + 1])
        first = last + 1
    return out


def _coordinates(data: bytes, pos: int, flags: list[int], short: int, same: int
                 ) -> tuple[list[int], int]:
    values, value = [], 0
    for flag in flags:
        if flag & short:
            delta = data[pos]
            pos += 1
            value += delta if flag & same else -delta
        elif not flag & same:
            (delta,) = struct.unpack(">h", data[pos:pos + 2])
            pos += 2
            value += delta
        values.append(value)
    return values, pos


def _composite(face: Any, data: bytes, depth: int) -> list[list[tuple[float, float, bool]]]:
    """A composite glyph: its components moved (and scaled) into place."""
    out: list[list[tuple[float, float, bool]]] = []
    pos, flags = 10, _MORE
    while flags & _MORE:
        flags, glyph = struct.unpack(">HH", data[pos:pos + 4])
        pos += 4
        if flags & _ARGS_WORDS:
            dx, dy = struct.unpack(">hh", data[pos:pos + 4])
            pos += 4
        else:
            dx, dy = struct.unpack(">bb", data[pos:pos + 2])
            pos += 2
        a = d = 1.0
        b = c = 0.0
        if flags & _SCALE:
            a = d = struct.unpack(">h", data[pos:pos + 2])[0] / 16384
            pos += 2
        elif flags & _XY_SCALE:
            a, d = (v / 16384 for v in struct.unpack(">hh", data[pos:pos + 4]))
            pos += 4
        elif flags & _TWO_BY_TWO:
            a, b, c, d = (v / 16384 for v in struct.unpack(">hhhh", data[pos:pos + 8]))
            pos += 8
        if not flags & _ARGS_XY:
            dx = dy = 0  # point matching: not used by the fonts planpdf ships
        for contour in _glyph_contours(face, glyph, depth + 1):
            out.append([(a * x + c * y + dx, b * x + d * y + dy, on) for x, y, on in contour])
    return out


def _contour_segments(points: list[tuple[float, float, bool]]) -> list[Segment]:
    """One closed contour of quadratic B-splines as a move, lines and cubic curves."""
    if not points:
        return []
    if not points[0][2]:  # start on a point on the curve (or the midpoint of two off it)
        if points[-1][2]:
            points = [points[-1], *points[:-1]]
        else:
            mid = ((points[0][0] + points[-1][0]) / 2, (points[0][1] + points[-1][1]) / 2, True)
            points = [mid, *points]
    start: Point = (points[0][0], points[0][1])
    out: list[Segment] = [("M", start)]
    current: Point = start
    control: Point | None = None
    for x, y, on in [*points[1:], points[0]]:
        if on:
            if control is None:
                out.append(("L", (x, y)))
            else:
                out.append(_quadratic(current, control, (x, y)))
                control = None
            current = (x, y)
        elif control is None:
            control = (x, y)
        else:  # two points off the curve: one on it, implied, half way between
            implied: Point = ((control[0] + x) / 2, (control[1] + y) / 2)
            out.append(_quadratic(current, control, implied))
            current, control = implied, (x, y)
    out.append(("Z",))
    return out


def _quadratic(p0: Point, c: Point, p1: Point) -> Segment:
    """A quadratic Bézier (TrueType) as the cubic PDF draws."""
    c1 = (p0[0] + 2 / 3 * (c[0] - p0[0]), p0[1] + 2 / 3 * (c[1] - p0[1]))
    c2 = (p1[0] + 2 / 3 * (c[0] - p1[0]), p1[1] + 2 / 3 * (c[1] - p1[1]))
    return ("C", c1, c2, p1)


@cache
def _glyf(face: Any) -> bytes:
    table: bytes = face.get_table("glyf")
    return table


def draw_outline(canvas: Any, segments: list[Segment], x: float, y: float) -> None:
    """Fill ``segments`` at (x, y) on ``canvas`` (non-zero winding, as TrueType fills)."""
    canvas.addLiteral(_path_code(tuple(segments), x, y))


@cache
def _path_code(segments: tuple[Segment, ...], x: float, y: float) -> str:
    """The path's PDF operators, to 1/100 point (ReportLab's number formatting is pure Python
    and the outline has about a thousand numbers)."""
    ops = {"M": "m", "L": "l", "C": "c"}
    out = []
    for kind, *points in segments:
        if kind == "Z":
            out.append("h")
        else:
            out.append(" ".join(f"{_num(px + x)} {_num(py + y)}" for px, py in points)
                       + " " + ops[kind])
    return "\n".join(out) + " f" if out else ""


def _num(value: float) -> str:
    """A PDF number with at most two decimals, without trailing zeros: ``12.5``, ``-3``, ``0``."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
