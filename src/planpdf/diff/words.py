"""Word-level changes inside one passage, with difflib on whitespace-separated word tokens.

Whitespace never counts as a change: the texts are split on runs of white space, so a re-wrapped
paragraph compares equal. ``autojunk`` is off so that frequent words ("og", "i") are compared too.
"""

from __future__ import annotations

import difflib
from functools import lru_cache
from typing import Literal

import msgspec

WordKind = Literal["equal", "delete", "insert"]


class WordOp(msgspec.Struct, frozen=True):
    """A run of words that is the same in both texts, only in the old, or only in the new."""

    op: WordKind
    text: str


def tokens(text: str) -> list[str]:
    """The words of a text.

    >>> tokens("  to  ord\\n")
    ['to', 'ord']
    """
    return text.split()


def word_ops(old: str, new: str) -> tuple[WordOp, ...]:
    """The word runs that turn ``old`` into ``new``; a replacement is a delete then an insert.

    >>> ops = word_ops("sætte ekstra ressourcer ind", "sætte flere ressourcer ind")
    >>> [(o.op, o.text) for o in ops]
    [('equal', 'sætte'), ('delete', 'ekstra'), ('insert', 'flere'), ('equal', 'ressourcer ind')]
    """
    a, b = tokens(old), tokens(new)
    ops: list[WordOp] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(WordOp("equal", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            ops.append(WordOp("delete", " ".join(a[i1:i2])))
        if j2 > j1:
            ops.append(WordOp("insert", " ".join(b[j1:j2])))
    return tuple(ops)


@lru_cache(maxsize=8192)
def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def quick_word_ratio(old: str, new: str) -> float:
    """A cheap upper bound of ``word_ratio`` (shared words, ignoring order)."""
    a, b = _words(old), _words(new)
    if not a and not b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).quick_ratio()


def word_ratio(old: str, new: str) -> float:
    """Similarity of two texts by words, 0.0 to 1.0 (two empty texts are equal: 1.0).

    >>> word_ratio("a b c d", "a b x d")
    0.75
    """
    a, b = _words(old), _words(new)
    if not a and not b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def char_ratio(old: str, new: str) -> float:
    """Similarity of two short texts (titles, names) by characters, ignoring case."""
    if not old and not new:
        return 1.0
    return difflib.SequenceMatcher(None, old.casefold(), new.casefold(), autojunk=False).ratio()
