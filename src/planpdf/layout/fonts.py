"""The embedded font family (Carlito, OFL 1.1), registered with ReportLab.

``FontSet.charset`` is what ``content.glyphs`` checks the content against before layout:
ReportLab draws an empty box for a character the font lacks and says nothing.
"""

from __future__ import annotations

import struct
import threading
from collections.abc import Callable, Mapping
from functools import cache
from importlib import resources
from pathlib import Path as FsPath
from typing import Any

import msgspec

from ..errors import PlanpdfError, about

FAMILY = "Carlito"
FACES = {
    "regular": "Carlito-Regular.ttf",
    "bold": "Carlito-Bold.ttf",
    "italic": "Carlito-Italic.ttf",
    "bolditalic": "Carlito-BoldItalic.ttf",
}


def default_fonts_dir() -> FsPath:
    """The fonts shipped in the wheel, or the repository's ``fonts/`` in a source checkout."""
    packaged = FsPath(str(resources.files("planpdf"))) / "fonts"
    if (packaged / FACES["regular"]).is_file():
        return packaged
    return FsPath(__file__).resolve().parents[3] / "fonts"


class FontSet(msgspec.Struct, frozen=True):
    """Registered ReportLab font names for the four faces, and the characters they can show."""

    regular: str
    bold: str
    italic: str
    bolditalic: str
    charset: frozenset[int]
    folder: FsPath


def _load(fonts_dir: FsPath, face: str, saved: Mapping[str, Any] | None = None) -> Any:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    from .subsets import lean_subsets

    path = fonts_dir / FACES[face]
    name = f"{FAMILY}-{face}"
    try:
        # asciiReadable off: codes are given in order of use, so a subset holds only the
        # glyphs the document shows, not all of ASCII besides (10 KB of the sample's 78 KB)
        font = None if saved is None else _restored(name, path, saved)
        if font is None:
            font = TTFont(name, str(path), asciiReadable=False)
        lean_subsets(font.face)
    # a cut-off or damaged file fails inside ReportLab's parser in many ways (struct.error,
    # IndexError, KeyError, ValueError), not only as TTFError
    except (OSError, TTFError, struct.error, IndexError, KeyError, ValueError) as exc:
        raise PlanpdfError(about(path, "skrifttypen kan ikke indlæses",
                                 "installér planpdf igen, så skrifttyperne er hele (--debug "
                                 "viser ReportLabs egen forklaring)")) from exc
    font.stringWidth = remembered_widths(font.stringWidth)
    pdfmetrics.registerFont(font)
    return font


# What ReportLab's parser leaves on a face that ``saved_face`` does not keep: the font file's
# bytes (read again), the scale function it makes (made again, as it makes it) and the subset
# maker ``lean_subsets`` puts there.
_NOT_SAVED = frozenset({"_ttf_data", "_pdfScale", "makeSubset"})


def saved_face(font: Any) -> dict[str, Any]:
    """A registered face as ReportLab parsed it, in plain values (``marshal`` writes them):
    ``{"values": attributes, "names": the attributes that are ReportLab's TTFNameBytes}``.
    The start-up cache (``planpdf.startcache``) keeps it, so a later run need not parse the font
    again; ``register(…, saved)`` makes the face from it."""
    from reportlab.pdfbase.ttfonts import TTFNameBytes

    values: dict[str, Any] = {}
    names: dict[str, bytes] = {}
    for key, value in vars(font.face).items():
        if key in _NOT_SAVED:
            continue
        if isinstance(value, TTFNameBytes):
            names[key] = bytes(value)
        else:
            values[key] = value
    return {"values": values, "names": names}


def restorable(saved: Any) -> bool:
    """Whether ``saved`` has the shape ``saved_face`` gives (else the font is parsed)."""
    if not isinstance(saved, Mapping):
        return False
    values, names = saved.get("values"), saved.get("names")
    return (isinstance(values, dict) and isinstance(names, dict)
            and all(isinstance(k, str) for k in (*values, *names))
            and all(isinstance(v, bytes) for v in names.values())
            and isinstance(values.get("unitsPerEm"), int) and values["unitsPerEm"] > 0
            and all(isinstance(values.get(k), dict) for k in ("charToGlyph", "charWidths"))
            and all(isinstance(values.get(k), list) for k in ("hmetrics", "glyphPos"))
            and not _NOT_SAVED & values.keys())


_swap = threading.Lock()


def _restored(name: str, path: FsPath, saved: Mapping[str, Any]) -> Any:
    """ReportLab's ``TTFont`` for ``path`` with its face made from ``saved_face``'s values, not
    parsed; None when ``saved`` is not what ``saved_face`` writes (then the font is parsed).

    ``TTFont.__init__`` makes its face by calling ``ttfonts.TTFontFace``; that name points at a
    maker of the saved face while the font is made, and back at ReportLab's class after (under a
    lock, so two of these never interleave). A thread making some other ``TTFont`` in that
    moment would get the saved face instead, so only the CLI's start-up cache passes ``saved``,
    before the command starts any thread."""
    from reportlab.pdfbase import ttfonts

    if not restorable(saved):
        return None
    values, names = saved["values"], saved["names"]
    data = path.read_bytes()  # a missing or unreadable file fails as a parse would
    parsed_class = ttfonts.TTFontFace

    def saved_face_maker(filename: str, validate: int = 0, subfontIndex: int = 0) -> Any:
        face = parsed_class.__new__(parsed_class)
        vars(face).update(values)
        vars(face).update({k: ttfonts.TTFNameBytes(v) for k, v in names.items()})
        face._ttf_data = data
        face._pdfScale = _scale(face.unitsPerEm)
        return face

    with _swap:
        ttfonts.TTFontFace = saved_face_maker
        try:
            return ttfonts.TTFont(name, str(path), asciiReadable=False)
        finally:
            ttfonts.TTFontFace = parsed_class


def _scale(units_per_em: int) -> Callable[[float], float]:
    """Font units to PDF's thousandths of an em, computed as ReportLab's parser computes it."""
    if units_per_em == 1000:
        return lambda x: x
    factor = 1000 / units_per_em
    return lambda x: x * factor


def remembered_widths(measure: Any) -> Any:
    """A face's ``stringWidth`` that remembers what it measured. A text's width is the sum of
    its characters' advance widths, so it depends on the text and the size alone; Paragraph
    measures the same words over and over, within a plan and across a worker's plans (about 6%
    of a warm build). The same numbers, so the same bytes (tests/test_fonts.py)."""
    widths: dict[tuple[Any, float, str], float] = {}

    def stringWidth(text: Any, size: float, encoding: str = "utf8") -> float:
        key = (text, size, encoding)
        width = widths.get(key)
        if width is None:
            if len(widths) >= 200_000:  # a long-lived worker: bounded
                widths.clear()
            width = widths[key] = measure(text, size, encoding)
        return width

    return stringWidth


_registered: dict[FsPath, FontSet] = {}


def register(fonts_dir: FsPath, saved: Mapping[str, Any] | None = None) -> FontSet:
    """Register the upright faces with ReportLab (once per folder) and name all four.

    The italic faces cost a quarter of a build's font loading and only remarks use them, so they
    are registered by ``require_italics`` when a document needs them. Carlito's four faces cover
    the same characters (tests/test_fonts.py holds that), so the upright faces decide the glyph
    check. ``saved``: the upright faces as ``saved_face`` gave them, by face (the start-up
    cache's), made without parsing the files; used only at the folder's first registration.
    """
    known = _registered.get(fonts_dir)
    if known is not None:
        return known
    saved = saved or {}
    regular = _load(fonts_dir, "regular", saved.get("regular"))
    bold = _load(fonts_dir, "bold", saved.get("bold"))
    names = _map_family()
    charset = frozenset(regular.face.charToGlyph) & frozenset(bold.face.charToGlyph)
    known = _registered[fonts_dir] = FontSet(names["regular"], names["bold"], names["italic"],
                                             names["bolditalic"], charset, fonts_dir)
    return known


def _map_family() -> dict[str, str]:
    """Tell ReportLab which face is bold/italic of which; again after each registration, since
    registerFont maps a font to itself and so would break ``<b>`` inside italic text."""
    from reportlab.lib.fonts import addMapping

    names = {face: f"{FAMILY}-{face}" for face in FACES}
    addMapping(FAMILY, 0, 0, names["regular"])
    addMapping(FAMILY, 1, 0, names["bold"])
    addMapping(FAMILY, 0, 1, names["italic"])
    addMapping(FAMILY, 1, 1, names["bolditalic"])
    return names


@cache
def _register_italics(fonts_dir: FsPath) -> None:
    _load(fonts_dir, "italic")
    _load(fonts_dir, "bolditalic")
    _map_family()


def require_italics(fonts: FontSet) -> None:
    """Register the italic faces before a style that uses them is laid out (idempotent)."""
    _register_italics(fonts.folder)
