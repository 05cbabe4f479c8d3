"""Text-only comparison of two PDFs' extracted text, for a PDF without an embedded source.

Extracted text has lines, not paragraphs, so paragraphs are rebuilt: a line that stops clearly
short of the page's full line width (``SHORT_LINE`` of the longest lines) and ends a sentence
or is followed by a line starting with a capital (a heading) closes a paragraph; so does any line
that ends a sentence when the next starts with a capital, and a blank line. This errs towards
shorter paragraphs (a sentence that happens to end a line), which only makes the compared units
finer; a paragraph is never merged with the next one when a sentence ends it. Lines that repeat
on most pages (running headers and footers) and "Side X af Y" are dropped.

A hyphen at a line end is read as a reader would (``_continue``): before "og", "eller" or "samt"
it is Danish's suspended hyphen and stays, with its space ("fokus- og indsatsområder"); otherwise
the word is looked up in both documents' words: written with a hyphen elsewhere
("ikke-personfarlig") it keeps it, written closed ("interesserede") it is joined without; a word
found neither way keeps a hyphen after a capital or a digit ("IT-kriminalitet") and is otherwise
taken as hyphenated for the line break and joined. The paragraphs are then compared like any text
(``collect.Collector.passages``): paragraph by paragraph with difflib, and word by word inside
a changed paragraph.
"""

from __future__ import annotations

import re
from collections import Counter

from .. import wording
from .changes import Change
from .collect import Collector

SHORT_LINE = 0.7
_PAGE_NUMBER = re.compile(r"\bSide \d+ af \d+\b")
_SENTENCE_END = re.compile(r"[.:!?;)»”\"]$")
_HYPHENATED = re.compile(r"\w-$")
_WORD = re.compile(r"\w(?:[\w-]*\w)?")
_TRAILING = ".,:;!?)»”\"'"
SUSPENDED_BEFORE = {"og", "eller", "samt", "el.", "&"}  # "fokus- og indsatsområder"


def vocabulary(*documents: list[str]) -> set[str]:
    """Every word of the documents' lines, case-folded, hyphenated compounds whole."""
    return {word.casefold() for pages in documents for page in pages
            for word in _WORD.findall(page)}


def _continue(current: str, line: str, words: set[str]) -> str:
    """``current`` (ending in a letter or digit and a hyphen) continued by the next ``line``."""
    head = current.rsplit(maxsplit=1)[-1][:-1]
    first = line.split(maxsplit=1)[0]
    bare = first.rstrip(_TRAILING)
    if first.casefold() in SUSPENDED_BEFORE or not bare[:1].isalnum():
        return f"{current} {line}"
    hyphenated, closed = f"{head}-{bare}".casefold(), f"{head}{bare}".casefold()
    if hyphenated in words and closed not in words:
        return current + line
    if closed in words and hyphenated not in words:
        return current[:-1] + line
    if not bare[:1].islower():
        return f"{current} {line}"
    if not head[-1:].islower():  # IT-kriminalitet, 2010-planen
        return current + line
    return current[:-1] + line


def paragraphs(pages: list[str], words: set[str] | None = None) -> list[str]:
    """The paragraphs of a document from the text of its pages; ``words`` (default: this
    document's own) decides how a word hyphenated at a line end is joined."""
    words = vocabulary(pages) if words is None else words
    split = [[line.strip() for line in _PAGE_NUMBER.sub("", page).splitlines()] for page in pages]
    repeated: set[str] = set()
    if len(split) > 2:
        counts = Counter(line for page in split for line in set(page) if line)
        repeated = {line for line, n in counts.items() if n > len(split) / 2}
    lines = [line for page in split for line in [*page, ""] if line not in repeated]
    width = _full_width(lines)
    out: list[str] = []
    current = ""
    for k, line in enumerate(lines):
        following = lines[k + 1] if k + 1 < len(lines) else ""
        if not line:
            if current:
                out.append(current)
            current = ""
            continue
        if current and _HYPHENATED.search(current):
            current = _continue(current, line, words)
        else:
            current = f"{current} {line}" if current else line
        sentence = bool(_SENTENCE_END.search(line))
        capital = following[:1].isupper()
        if (sentence and capital) or (len(line) < SHORT_LINE * width and (sentence or capital)):
            out.append(current)
            current = ""
    if current:
        out.append(current)
    return [" ".join(p.split()) for p in out if p.strip()]


def _full_width(lines: list[str]) -> int:
    """The length of a full line: the 90th percentile of line lengths."""
    lengths = sorted(len(line) for line in lines if line)
    return lengths[int(len(lengths) * 0.9)] if lengths else 0


def compare_texts(a_pages: list[str], b_pages: list[str]) -> list[Change]:
    """Paragraph and word changes between two documents' page texts."""
    out = Collector([])
    section = wording.TEXT_ONLY_SECTION
    words = vocabulary(a_pages, b_pages)
    out.passages("tekst", section, section, paragraphs(a_pages, words), paragraphs(b_pages, words),
                 numbered_label=wording.TEXT_ONLY_PARAGRAPH)
    return out.changes
