"""Lean font subsets: ReportLab's TrueType subset without hinting and with a short ``name`` table.

ReportLab embeds a subset of each face that still carries the font's hinting (the ``fpgm``,
``prep`` and ``cvt`` tables and every glyph's instructions) and its whole ``name`` table: about
40 % of the sample's font bytes. Hinting only steers the rasteriser at small pixel sizes on
screens that ignore it anyway; the outlines, metrics and character map stay as ReportLab wrote
them, so text, widths and extraction are unchanged. The ``name`` table keeps the Windows
records of the copyright, family, style, full name, version, PostScript name and licence URL.

Done on the bytes ReportLab makes, when the PDF is written: the font files in ``fonts/`` are
never changed (Carlito's OFL reserves its name for unmodified fonts). The tables are put together
again by ReportLab's own ``TTFontMaker`` (directory, checksums, ``head`` adjustment).
fontTools does this too, but its import and parse would cost a cold build ~60 ms.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from itertools import pairwise
from struct import pack, unpack_from
from typing import Any

from reportlab.pdfbase.ttfonts import TTFontMaker

HINTING = frozenset({"fpgm", "prep", "cvt "})
NAME_IDS = frozenset({0, 1, 2, 4, 5, 6, 14})  # see the module docstring
WINDOWS = 3
# composite glyph flags (OpenType 'glyf')
ARGS_ARE_WORDS, HAS_SCALE, MORE_COMPONENTS, HAS_XY_SCALE, HAS_2X2, HAS_INSTRUCTIONS = (
    0x0001, 0x0008, 0x0020, 0x0040, 0x0080, 0x0100)


def lean_subsets(face: Any) -> None:
    """Have ReportLab's ``face`` (a ``TTFontFace``) embed lean subsets from now on."""
    full: Callable[[list[int]], bytes] = face.makeSubset
    face.makeSubset = lambda subset: lean(full(subset))


def lean(font: bytes) -> bytes:
    """A TrueType font (as ReportLab's subsets are) without hinting and with a short name table."""
    tables = _tables(font)
    glyphs = [_without_instructions(g) for g in _glyphs(tables)]
    glyf, loca, long_loca = _glyf_and_loca(glyphs)
    head = tables["head"]
    replaced = {"name": _short_names(tables["name"]), "glyf": glyf, "loca": loca,
                "head": head[:50] + pack(">h", long_loca) + head[52:]}
    maker = TTFontMaker()
    for tag, data in tables.items():
        if tag not in HINTING:
            maker.add(tag, replaced.get(tag, data))
    result: bytes = maker.makeStream()
    return result


def _tables(font: bytes) -> dict[str, bytes]:
    count = unpack_from(">H", font, 4)[0]
    out = {}
    for i in range(count):
        tag, _checksum, offset, length = unpack_from(">4sLLL", font, 12 + 16 * i)
        out[tag.decode("latin-1")] = font[offset:offset + length]
    return out


def _glyphs(tables: dict[str, bytes]) -> list[bytes]:
    long_loca = unpack_from(">h", tables["head"], 50)[0]
    loca = tables["loca"]
    if long_loca:
        offsets = list(unpack_from(f">{len(loca) // 4}L", loca))
    else:
        offsets = [2 * o for o in unpack_from(f">{len(loca) // 2}H", loca)]
    glyf = tables["glyf"]
    return [glyf[start:end] for start, end in pairwise(offsets)]


@lru_cache(maxsize=4096)  # the same glyphs, build after build, in a batch worker
def _without_instructions(glyph: bytes) -> bytes:
    if not glyph:
        return glyph
    contours = unpack_from(">h", glyph)[0]
    if contours >= 0:  # simple: instructionLength after the contours' end points
        at = 10 + 2 * contours
        start = at + 2 + unpack_from(">H", glyph, at)[0]
        return glyph[:at] + b"\0\0" + glyph[start:_simple_end(glyph, contours, start)]
    at, flags = 10, MORE_COMPONENTS
    while flags & MORE_COMPONENTS:  # composite: instructions follow the last component
        last = at
        flags = unpack_from(">H", glyph, at)[0]
        at += 4 + (4 if flags & ARGS_ARE_WORDS else 2)
        at += 2 if flags & HAS_SCALE else 4 if flags & HAS_XY_SCALE else 8 if flags & HAS_2X2 else 0
    if not flags & HAS_INSTRUCTIONS:
        return glyph
    return glyph[:last] + pack(">H", flags & ~HAS_INSTRUCTIONS) + glyph[last + 2:at]


def _simple_end(glyph: bytes, contours: int, at: int) -> int:
    """Where a simple glyph's data ends (its flags start at ``at``), before any padding."""
    points = unpack_from(">H", glyph, 8 + 2 * contours)[0] + 1 if contours else 0
    x_bytes = y_bytes = 0
    while points > 0:
        flag = glyph[at]
        repeat = 1 + (glyph[at + 1] if flag & 0x08 else 0)
        at += 2 if flag & 0x08 else 1
        x_bytes += repeat * (1 if flag & 0x02 else 0 if flag & 0x10 else 2)
        y_bytes += repeat * (1 if flag & 0x04 else 0 if flag & 0x20 else 2)
        points -= repeat
    return at + x_bytes + y_bytes


def _glyf_and_loca(glyphs: list[bytes]) -> tuple[bytes, bytes, int]:
    """The glyphs, each padded to 4 bytes as ReportLab does, and their index (short if it fits)."""
    padded = [g + b"\0" * (-len(g) % 4) for g in glyphs]
    offsets = [0]
    for g in padded:
        offsets.append(offsets[-1] + len(g))
    long_loca = int(offsets[-1] // 2 > 0xFFFF)
    loca = (pack(f">{len(offsets)}L", *offsets) if long_loca
            else pack(f">{len(offsets)}H", *(o // 2 for o in offsets)))
    return b"".join(padded), loca, long_loca


def _short_names(name: bytes) -> bytes:
    """The ``name`` table (format 0) with only the Windows records of ``NAME_IDS``."""
    count, strings = unpack_from(">HH", name, 2)
    records, data = [], b""
    for i in range(count):
        platform, encoding, language, name_id, length, offset = unpack_from(">6H", name, 6 + 12 * i)
        if platform == WINDOWS and name_id in NAME_IDS:
            text = name[strings + offset:strings + offset + length]
            records.append(pack(">6H", platform, encoding, language, name_id, len(text), len(data)))
            data += text
    return pack(">3H", 0, len(records), 6 + 12 * len(records)) + b"".join(records) + data
