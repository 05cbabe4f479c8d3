r"""Control, format and bidi characters: which ones content may hold, and how any text is shown
with them made visible.

Two rules, kept side by side because they are about the same characters:

- A content file may not hold C0 or C1 control characters (``\x07``, ``\x1b``, ``\x85`` …),
  raw or written as an escape (``"\0"``), except tab and line break (LF or CRLF) where YAML
  allows them; nor raw U+2028 and U+2029, which YAML counts as line breaks although editors do
  not, so every line number after them would be wrong (``RAW_FORBIDDEN``, ``TEXT_FORBIDDEN``).
- ``printable`` shows any text (a message, a key, a file name, a certificate name) with every
  control, format, bidi and separator character as a visible escape (``\x1b``, ``<U+202E>``),
  so nothing a user wrote can move the cursor, retitle the terminal, reverse a line or start a
  forged line of its own. Ordinary Danish text, æøå, dashes and non-breaking spaces stay as they
  are. The CLI applies it to every line it prints; the diff applies it to the user's text before
  it adds colour codes of its own.

>>> [m.group() for m in RAW_FORBIDDEN.finditer("a\tæ\r\n\x07 \x85 \u2028 \u202e \r \uffff")]
['\x07', '\x85', '\u2028', '\r', '\uffff']
>>> TEXT_FORBIDDEN.findall("a\tb\nc\r\x00\x1b\x9b\u202e")
['\r', '\x00', '\x1b', '\x9b']
"""

from __future__ import annotations

import re
import unicodedata

# Categories shown as escapes: controls, format characters (bidi marks and overrides, zero-width
# characters, the BOM), lone surrogates (undecodable bytes of a file name), line and paragraph
# separators.
_HIDDEN = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_SHORT = {"\t": r"\t", "\n": r"\n", "\r": r"\r"}

# Raw in a file: what PyYAML's reader refuses (controls, surrogates, U+FFFE and U+FFFF), plus
# what it counts as a line break where an editor may not (NEL U+0085, U+2028, U+2029, and a
# carriage return without a line feed after it), which would put every later position wrong.
# Written as the characters refused, not as "all but the allowed" (tab, LF, CR, U+0020-U+007E,
# U+00A0-U+2027, U+202A-U+D7FF, U+E000-U+FFFD, U+10000 and up): the same set, compiled in 0.5 ms
# instead of 2.7 (tests/test_control_characters.py compares the two over every code point).
RAW_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]"
                           r"|[\ud800-\udfff]|\r(?!\n)")
LINE_BREAKS = frozenset("\r\x85\u2028\u2029")
# In a text value, however written (``"\0"``): every control character but tab and line feed.
TEXT_FORBIDDEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    r"""``text`` with every control, format, bidi and separator character as a visible escape.

    >>> print(printable("ukendt nøgle '\x1b]0;HACKED\x07\x1b[2J'"))
    ukendt nøgle '\x1b]0;HACKED\x07\x1b[2J'
    >>> print(printable("abc\u202edef"), printable("navn\nplanpdf: i orden"))
    abc<U+202E>def navn\nplanpdf: i orden
    >>> printable("Jørn Lykkebak – 24.\u00a0november, kl. 17.00–21.00") == (
    ...     "Jørn Lykkebak – 24.\u00a0november, kl. 17.00–21.00")
    True
    >>> print(printable("plan-\udcff.yaml"))  # a byte of a file name that is not UTF-8
    plan-\xff.yaml
    """
    if text.isprintable() or not any(unicodedata.category(c) in _HIDDEN for c in text):
        return text
    return "".join(_escape(c) if unicodedata.category(c) in _HIDDEN else c for c in text)


def hidden(char: str) -> bool:
    """Whether ``printable`` shows ``char`` as an escape."""
    return unicodedata.category(char) in _HIDDEN


def _escape(char: str) -> str:
    code = ord(char)
    if char in _SHORT:
        return _SHORT[char]
    if code < 0x100:
        return f"\\x{code:02x}"
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the byte as it was in the name
        return f"\\x{code - 0xDC00:02x}"
    return f"<U+{code:04X}>"


def is_control(char: str) -> bool:
    """Whether ``char`` is a C0 or C1 control character (tab and line feed included)."""
    return unicodedata.category(char) == "Cc"


def describe(char: str) -> str:
    r"""``U+0007 BELL``: a character by code point and name, never the character itself.

    >>> describe("\x1b"), describe("\u2028"), describe("\x01")
    ('U+001B ESCAPE', 'U+2028 LINE SEPARATOR', 'U+0001')
    """
    name = unicodedata.name(char, "") or _CONTROL_NAMES.get(ord(char), "")
    return f"U+{ord(char):04X} {name}".rstrip()


# unicodedata has no names for control characters; the ones a user is likely to meet
_CONTROL_NAMES = {
    0x00: "NULL", 0x07: "BELL", 0x08: "BACKSPACE", 0x09: "TAB", 0x0A: "LINE FEED",
    0x0B: "LINE TABULATION", 0x0C: "FORM FEED", 0x0D: "CARRIAGE RETURN", 0x1B: "ESCAPE",
    0x7F: "DELETE", 0x85: "NEXT LINE", 0x9B: "CONTROL SEQUENCE INTRODUCER",
}
