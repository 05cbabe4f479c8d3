"""The embedded font family (Carlito, OFL 1.1) and the check that it can show every character.

ReportLab draws an empty box for a character the font lacks and says nothing, so every text in
the content is checked first, and a missing glyph is an error at the user's line and column.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path as FsPath
from typing import Any

from .errors import Diagnostic, PlanpdfError, Span
from .yamlsrc import Path, Source, strings

FAMILY = "Carlito"
FACES = {
    "regular": "Carlito-Regular.ttf",
    "bold": "Carlito-Bold.ttf",
    "italic": "Carlito-Italic.ttf",
    "bolditalic": "Carlito-BoldItalic.ttf",
}
# Characters planpdf itself may put next to the user's text (layout and Danish formatting).
_OWN_TEXT = "–—•◦·…“”‘’«»\u00a00123456789.,:;()+-/ "


def default_fonts_dir() -> FsPath:
    """The fonts shipped in the wheel, or the repository's ``fonts/`` in a source checkout."""
    packaged = FsPath(str(resources.files("planpdf"))) / "fonts"
    if (packaged / FACES["regular"]).is_file():
        return packaged
    return FsPath(__file__).resolve().parents[2] / "fonts"


@dataclass(frozen=True)
class FontSet:
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

    path = fonts_dir / FACES[face]
    try:
        font = TTFont(f"{FAMILY}-{face}", str(path))
    except (OSError, TTFError) as exc:
        raise PlanpdfError(f"{path}: error: skrifttypen kan ikke indlæses: {exc}") from None
    pdfmetrics.registerFont(font)
    return font


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


def check_glyphs(source: Source, charset: frozenset[int]) -> list[Diagnostic]:
    """One diagnostic per distinct character in the content that the font cannot show."""
    problems: list[Diagnostic] = []
    for where, text in strings(source.data):
        seen: set[str] = set()  # each missing character once per text, every text that has it
        for offset, char in enumerate(text):
            if char in seen or ord(char) in charset or char in "\n\r\t":
                continue
            seen.add(char)
            name = unicodedata.name(char, "uden navn")
            shown = f"'{char}' " if char.isprintable() else ""  # never a raw control character
            problems.append(Diagnostic(
                _char_span(source, where, text, offset),
                f"tegnet {shown}(U+{ord(char):04X} {name}) findes ikke i skrifttypen {FAMILY} "
                "og kan ikke vises i PDF'en",
                "skriv tegnet på en anden måde, eller fjern det"))
    missing = [c for c in _OWN_TEXT if ord(c) not in charset]
    if missing:  # pragma: no cover - guards a future font swap
        raise PlanpdfError(f"skrifttypen {FAMILY} mangler tegn, planpdf selv bruger: {missing}")
    return problems


def _char_span(source: Source, where: Path, text: str, offset: int) -> Span:
    """Where the character stands in the file: its first occurrence from the scalar's start.

    That is exact for plain, quoted and block scalars alike, because only the first occurrence
    of each missing character is reported; escapes (``"\\u2603"``) point at the scalar.
    """
    span = source.map.at(where)
    end = source.map.ends.get(where, span)
    lines = source.text.split("\n")
    for number in range(span.line - 1, min(end.line, len(lines))):
        start = span.col - 1 if number == span.line - 1 else 0
        stop = end.col - 1 if number == end.line - 1 else len(lines[number])
        col = lines[number].find(text[offset], start, stop)
        if col >= 0:
            return Span(span.path, number + 1, col + 1)
    return span  # written as an escape: point at the text it stands in
