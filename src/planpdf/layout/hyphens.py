"""Words broken at a line end read whole: ``/ActualText`` spans around their two parts.

ReportLab hyphenates Danish (``hyphenationLang``) and breaks an over-long word where it must,
so a line may end in "indsats-" and the next begin with "områder". A screen reader or a text
extractor would read "indsats- områder". Here the head gets ``/Span <</ActualText
(indsatsområder)>> BDC … EMC`` and the tail an empty ``/ActualText``, so both read one word
(a word broken at its own hyphen, "SSP-" + "samarbejdet", reads "SSP-samarbejdet"; poppler's
``pdftotext`` honours ``/ActualText``).

Which breaks fall inside a word is found by matching the lines' text against the paragraph's
text as written (``plain``): ReportLab's line objects do not keep it for paragraphs with more
than one style. A paragraph split across pages keeps the whole text and where its piece starts
(``MarkupParagraph.split``), so a word broken over a page break reads whole too. Whatever does not
match (ReportLab changing its line objects, say) gets no spans: never wrong text, at worst the
debris this module removes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, NamedTuple

_SPACES = re.compile(r"[ \t\r\n]+")


def normalise(text: str) -> str:
    """Whitespace as ReportLab lays text out: each run one space.

    >>> normalise(" fokus-\\n og  indsats ")
    ' fokus- og indsats '
    """
    return _SPACES.sub(" ", text)


def plain_text(frags: Any) -> str:
    """A paragraph's text as written, from ReportLab's fragments (before any line breaking)."""
    return normalise("".join(getattr(f, "text", "") or "" for f in frags))


def line_calls(paragraph_lines: Any) -> list[list[str]] | None:
    """The strings ``drawPara`` hands the text object for each line (one ``_textOut`` call per
    line when the paragraph has one style; one per fragment, and an empty one after a closing
    callback, when it has several); None for a layout this does not know."""
    out: list[list[str]] = []
    for line in paragraph_lines.lines:
        if isinstance(line, tuple) and len(line) == 2:  # (extra space, words): one style
            out.append([" ".join(line[1])])
        elif hasattr(line, "words"):
            calls = [w.text for w in line.words if not hasattr(w, "cbDefn")]
            if line.words and hasattr(line.words[-1], "cbDefn"):
                calls.append("")
            out.append(calls)
        else:
            return None
    return out


class LineSpans(NamedTuple):
    """What to mark on one line: ``tail``, the text it begins with that ends a word begun on
    the line before (empty ``/ActualText``), and ``head``, the text it ends with that begins a
    word going on at the next line (``/ActualText`` ``word``)."""

    tail: str = ""
    head: str = ""
    word: str = ""


def spans(plain: str, offset: int, lines: list[str]) -> list[LineSpans] | None:
    """Per line, the spans a word broken at a line end needs; None when the lines do not match
    ``plain`` from ``offset`` (then nothing is marked).

    >>> text = "i de nedennævnte fokus- og indsatsområder. Et SSP-samarbejde"
    >>> lines = ["i de nedennævnte fokus- og indsats-", "områder. Et SSP-", "samarbejde"]
    >>> spans(text, 0, lines)  # doctest: +NORMALIZE_WHITESPACE
    [LineSpans(tail='', head='indsats-', word='indsatsområder.'),
     LineSpans(tail='områder.', head='SSP-', word='SSP-samarbejde'),
     LineSpans(tail='samarbejde', head='', word='')]
    """
    out: list[LineSpans] = []
    pos = offset
    tail = 0
    for index, text in enumerate(lines):
        text = normalise(text).strip(" ")
        start = pos
        while pos < len(plain) and plain[pos] == " ":
            pos += 1
        if index == 0 and pos == start and 0 < pos < len(plain) and plain[pos - 1] != " ":
            tail = _word_end(plain, pos) - pos  # the piece begins inside a word (a page break)
        if plain.startswith(text, pos):
            pos += len(text)
        elif text.endswith("-") and plain.startswith(text[:-1], pos):
            pos += len(text) - 1  # ReportLab added the hyphen
        else:
            return None
        in_word = 0 < pos < len(plain) and plain[pos] != " "
        head = text[text.rfind(" ") + 1:] if in_word else ""
        if tail > len(text) or (tail and len(head) == len(text)):
            return None  # a word over three lines: not marked
        word = plain[plain.rfind(" ", 0, pos) + 1:_word_end(plain, pos)] if in_word else ""
        out.append(LineSpans(text[:tail], head, word))
        tail = _word_end(plain, pos) - pos if in_word else 0
    return out


def consumed(plain: str, offset: int, lines: list[str]) -> int | None:
    """Where in ``plain`` the text after ``lines`` (drawn from ``offset``) begins."""
    pos = offset
    for text in lines:
        text = normalise(text).strip(" ")
        while pos < len(plain) and plain[pos] == " ":
            pos += 1
        if plain.startswith(text, pos):
            pos += len(text)
        elif text.endswith("-") and plain.startswith(text[:-1], pos):
            pos += len(text) - 1
        else:
            return None
    return pos


def _word_end(plain: str, pos: int) -> int:
    end = plain.find(" ", pos)
    return len(plain) if end < 0 else end


def actual_text(text: str) -> str:
    """``text`` as a PDF text string for an ``/ActualText``: UTF-16BE with its BOM, in hex.

    >>> actual_text("år")
    '<FEFF00E50072>'
    >>> actual_text("")
    '()'
    """
    if not text:
        return "()"
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def mark_text_object(tx: Any, calls: list[list[str]], plan: list[LineSpans]) -> None:
    """Make ``tx`` (a ReportLab text object about to draw ``calls``) write the spans of ``plan``
    around the heads and tails of broken words, by wrapping its ``_textOut``."""
    plain_out: Callable[..., None] = tx._textOut
    position = [0, 0]  # line, call within the line
    marks: dict[tuple[int, int], LineSpans] = {}
    for line, (texts, span) in enumerate(zip(calls, plan, strict=True)):
        filled = [i for i, t in enumerate(texts) if t.strip(" ")]
        if not filled or not (span.tail or span.head):
            continue
        if filled[0] == filled[-1]:
            marks[line, filled[0]] = span
        else:
            marks[line, filled[0]] = LineSpans(tail=span.tail)
            marks[line, filled[-1]] = LineSpans(head=span.head, word=span.word)

    def text_out(text: str, t_star: int = 0) -> None:
        span = marks.get((position[0], position[1]))
        position[1] += 1
        if t_star:
            position[0] += 1
            position[1] = 0
        lead = text[:len(text) - len(text.lstrip(" "))]
        rest = text[len(lead):]
        if span is None or not rest.startswith(span.tail) or not rest.endswith(span.head) \
                or len(span.tail) + len(span.head) > len(rest):
            plain_out(text, t_star)  # not the text planned for: leave it unmarked
            return
        if lead:
            plain_out(lead)
        if span.tail:
            _span(tx, "", lambda: plain_out(span.tail))
            rest = rest[len(span.tail):]
        middle = rest[:len(rest) - len(span.head)]
        if middle:
            plain_out(middle)
        if span.head:
            _span(tx, span.word, lambda: plain_out(span.head))
        if t_star:
            tx._code.append("T*")

    tx._textOut = text_out


def _span(tx: Any, word: str, draw: Callable[[], None]) -> None:
    tx._code.append(f"/Span <</ActualText {actual_text(word)}>> BDC")
    draw()
    tx._code.append("EMC")
