"""The check that the font can show every character of the content, at the user's position.

ReportLab draws an empty box for a character the font lacks and says nothing, so every text in
the content is checked before layout, and a missing glyph is an error at its line and column.
The font's character set comes in as a set of code points; nothing here loads a font.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from ..errors import Diagnostic, PlanpdfError, Span, general
from .controls import is_control
from .source import Path, Source, strings

# Characters planpdf itself may put next to the user's text (layout and Danish formatting).
OWN_TEXT = "–—•◦·…“”‘’«»\u00a00123456789.,:;()+-/ "


def check_glyphs(source: Source, charset: frozenset[int], family: str) -> list[Diagnostic]:
    """One diagnostic per distinct character in the content that the font ``family`` cannot show."""
    problems: list[Diagnostic] = []
    shown_by_font = _characters(charset)
    for where, text in strings(source.data):
        if shown_by_font.issuperset(text):
            continue  # the common case, at C speed: every character is in the font
        seen: set[str] = set()  # each missing character once per text, every text that has it
        for offset, char in enumerate(text):
            if char in seen or ord(char) in charset or is_control(char):
                continue  # control characters are the content rules' (rules.errors)
            seen.add(char)
            name = unicodedata.name(char, "uden navn")
            shown = f"'{char}' " if char.isprintable() else ""  # never a raw control character
            problems.append(Diagnostic(
                _char_span(source, where, text, offset),
                f"tegnet {shown}(U+{ord(char):04X} {name}) findes ikke i skrifttypen {family} "
                "og kan ikke vises i PDF'en",
                "skriv tegnet på en anden måde, eller fjern det"))
    missing = [c for c in OWN_TEXT if ord(c) not in charset]
    if missing:  # pragma: no cover - guards a future font swap
        raise PlanpdfError(general(f"skrifttypen {family} mangler tegn, planpdf selv bruger: "
                                   f"{missing}"))
    return problems


@cache
def _characters(charset: frozenset[int]) -> frozenset[str]:
    """The font's characters as text (once per font set)."""
    return frozenset(map(chr, charset))


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
