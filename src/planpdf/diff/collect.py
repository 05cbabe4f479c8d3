"""The collector of changes: records, values and texts of two plans compared field by field.

``Collector`` turns two values or two texts into ``Change`` records in the order they are
found; texts are compared as passages (paragraphs, bullets, table rows), and a changed passage
word by word. ``compare`` walks the plans; ``text_only`` feeds it extracted page texts.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time
from typing import Any

import msgspec

from .. import model as m
from .. import wording
from .changes import Change, Kind
from .match import match
from .words import WordOp, char_ratio, quick_word_ratio, word_ops, word_ratio

TITLE_WEIGHT = 0.4
TEXT_WEIGHT = 0.6
MATCH_THRESHOLD = 0.6
PASSAGE_THRESHOLD = 0.5  # two passages at least this alike (by words) are one changed passage

_NO_WORDS = {"år", "dato", "status", "rolle", "mindst_pr_år", "efter_behov", "tid", "placering",
             "udgave", "godkendt_dato", "godkendt_rolle"}


def passages(blocks: Sequence[m.Block]) -> list[str]:
    """A text as comparable passages: paragraphs, one per bullet, one per table row."""
    out: list[str] = []

    def items(entries: Sequence[m.BulletItem], depth: int) -> None:
        for item in entries:
            out.append(("• " if depth == 0 else "◦ ") + item.text)
            items(item.children, depth + 1)

    for block in blocks:
        if isinstance(block, m.Paragraph):
            out.append(block.text)
        elif isinstance(block, m.BulletList):
            items(block.items, 0)
        else:
            if block.columns:
                out.append(" | ".join(block.columns))
            out.extend(" | ".join(row) for row in block.rows)
    return out


def join(*parts: str) -> str:
    return "/".join(p for p in parts if p)


def iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def clock(start: time | None, end: time | None) -> str | None:
    if start is None:
        return None
    text = f"{start:%H.%M}"
    return f"{text}–{end:%H.%M}" if end else text


def weighted(title_a: str, title_b: str, text_a: str, text_b: str) -> float:
    """The similarity of two headed records; the cheap upper bound first, to skip hopeless pairs."""
    title = char_ratio(title_a, title_b)
    if not text_a and not text_b:
        return title
    bound = TITLE_WEIGHT * title + TEXT_WEIGHT * quick_word_ratio(text_a, text_b)
    if bound < MATCH_THRESHOLD:
        return bound
    return TITLE_WEIGHT * title + TEXT_WEIGHT * word_ratio(text_a, text_b)


class Collector(msgspec.Struct):
    changes: list[Change]

    def add(self, kind: Kind, path: str, section: str, label: str, field: str | None = None,
            old: str | None = None, new: str | None = None) -> None:
        if kind == "changed" and old is None:  # a value where there was none is added ...
            kind = "added"
        elif kind == "changed" and new is None:  # ... and one that is gone, removed
            kind = "removed"
        words: tuple[WordOp, ...] = ()
        if kind in ("changed", "renamed") and old and new and field not in _NO_WORDS:
            words = word_ops(old, new)
        self.changes.append(Change(kind, path, section, label, field, old, new, words))

    def value(self, path: str, section: str, label: str, field: str, old: Any, new: Any,
              kind: Kind = "changed") -> None:
        old_s = None if old is None else str(old).lower() if isinstance(old, bool) else str(old)
        new_s = None if new is None else str(new).lower() if isinstance(new, bool) else str(new)
        if old_s != new_s:
            where = join(path, field) if kind == "changed" else path
            self.add(kind, where, section, label, field, old_s, new_s)

    def text(self, path: str, section: str, label: str, old: Sequence[m.Block],
             new: Sequence[m.Block]) -> None:
        self.passages(path, section, label, passages(old), passages(new))

    def passages(self, path: str, section: str, label: str, a: list[str], b: list[str],
                 numbered_label: str | None = None) -> None:
        """Passage by passage; a changed passage carries its word changes. Passages are named
        "<label>, afsnit <n>" (or ``numbered_label``) when the text has more than one."""
        import difflib

        field = path.rsplit("/", 1)[-1]
        if wording.TEXT_FIELDS.get(field):
            label = wording.FIELD_OF.format(label=label, field=wording.TEXT_FIELDS[field])
        numbered = len(a) > 1 or len(b) > 1
        form = wording.ITEM if field == "punkter" else wording.PARAGRAPH
        if numbered_label is not None:
            form, numbered = numbered_label, True

        def name(n: int) -> str:
            return form.format(label=label, n=n) if numbered else label

        opcodes = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
        for tag, i1, i2, j1, j2 in opcodes:
            if tag == "equal":
                continue
            pairs = match(a[i1:i2], b[j1:j2], ident=lambda _x: None, name=lambda x: x,
                          score=word_ratio, threshold=PASSAGE_THRESHOLD)
            for i, j in pairs:
                if i is not None and j is not None:
                    self.changes.append(Change(
                        "changed", f"{path}/{j1 + j + 1}", section, name(j1 + j + 1), field,
                        a[i1 + i], b[j1 + j], word_ops(a[i1 + i], b[j1 + j])))
                elif j is not None:
                    self.add("added", f"{path}/{j1 + j + 1}", section, name(j1 + j + 1), field,
                             None, b[j1 + j])
                elif i is not None:
                    self.add("removed", f"{path}/{i1 + i + 1}", section, name(i1 + i + 1), field,
                             a[i1 + i], None)


