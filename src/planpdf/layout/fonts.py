"""The embedded font family (Carlito, OFL 1.1), registered with ReportLab.

``FontSet.charset`` is what ``content.glyphs`` checks the content against before layout:
ReportLab draws an empty box for a character the font lacks and says nothing.
"""

from __future__ import annotations

import struct
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


def _load(fonts_dir: FsPath, face: str) -> Any:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    from .subsets import lean_subsets

    path = fonts_dir / FACES[face]
    try:
        # asciiReadable off: codes are given in order of use, so a subset holds only the
        # glyphs the document shows, not all of ASCII besides (10 KB of the sample's 78 KB)
        font = TTFont(f"{FAMILY}-{face}", str(path), asciiReadable=False)
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


@cache
def register(fonts_dir: FsPath) -> FontSet:
    """Register the upright faces with ReportLab (once per folder) and name all four.

    The italic faces cost a quarter of a build's font loading and only remarks use them, so they
    are registered by ``require_italics`` when a document needs them. Carlito's four faces cover
    the same characters (tests/test_fonts.py holds that), so the upright faces decide the glyph check.
    """
    regular, bold = _load(fonts_dir, "regular"), _load(fonts_dir, "bold")
    names = _map_family()
    charset = frozenset(regular.face.charToGlyph) & frozenset(bold.face.charToGlyph)
    return FontSet(names["regular"], names["bold"], names["italic"], names["bolditalic"],
                   charset, fonts_dir)


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
