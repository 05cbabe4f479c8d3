"""DiffResult → the terminal summary (Danish, grouped by section) and the JSON document.

JSON shape (``"format": 1``; keys are only ever added, never renamed)::

    {"format": 1, "mode": "struktur" | "tekst", "text_only": bool, "title": str,
     "a": {"file": str, "type": "yaml" | "pdf", "embedded_source": bool,
           "year": int | null, "council": str | null,
           "status": "udkast" | "godkendt" | null, "approved_date": str | null,
           "edition": str},  # "Handlingsplan for 2010, godkendt 10. februar 2010"
     "b": {...}, "warnings": [str],
     "changes": [{"kind": "added" | "removed" | "changed" | "renamed" | "moved" | "status",
                  "path": str, "section": str, "label": str, "field": str | null,
                  "old": str | null, "new": str | null,  # null: added or removed
                  "words": [{"op": "equal" | "delete" | "insert", "text": str}]  # when present
                 }]}
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from msgspec.structs import replace

from .. import danish, wording
from ..content.controls import hidden, printable
from .changes import Change, DiffResult, InputInfo
from .words import WordOp

CONTEXT_WORDS = 6  # unchanged words shown on each side of a change in the terminal
SYMBOLS = {"added": "+", "removed": "-", "changed": "~", "renamed": "~", "moved": ">",
           "status": "~"}


def title(result: DiffResult) -> str:
    """The comparison's title, for the three cases a council meets.

    Two years of one council: 'Ændringer fra 2010 til 2011' (file names where a year is
    unknown). Two editions of one year: 'Ændringer i planen for 2011 fra udkast til godkendt
    15. februar 2011' ('Ændringer i planen for 2011' when the editions cannot be told apart).
    Two councils: 'Forskelle mellem to råds planer for 2010' (or 'for 2010 og 2011').
    """
    a, b = result.a, result.b
    if two_councils(result):
        years = str(a.year) if a.year == b.year else wording.BOTH.format(a=a.year, b=b.year)
        return wording.COUNCILS_TITLE.format(years=years)
    if a.year is not None and a.year == b.year:
        for dated in (False, True):  # a draft's date only when it tells two drafts apart
            edition_a, edition_b = edition(a, dated), edition(b, dated)
            if edition_a and edition_b and edition_a != edition_b:
                return wording.CHANGES_TITLE_EDITIONS.format(year=a.year, a=edition_a,
                                                             b=edition_b)
        return wording.CHANGES_TITLE_YEAR.format(year=a.year)
    return wording.CHANGES_TITLE.format(a=a.name(), b=b.name())


def two_councils(result: DiffResult) -> bool:
    """Whether the two plans are known to be from different councils."""
    return bool(result.a.council and result.b.council and result.a.council != result.b.council)


def edition(side: InputInfo, dated: bool = True) -> str | None:
    """Which edition a plan is: 'godkendt 10. februar 2010', 'udkast 1. januar 2011' (the
    edition's date when ``dated`` and known) or 'udkast'; None when not known (text only)."""
    if side.status == "godkendt" and side.approved_date:
        return wording.EDITION_APPROVED.format(date=_date(side.approved_date))
    if side.status == "udkast":
        if side.edition_date and dated:
            return wording.EDITION_DRAFT_DATED.format(date=_date(side.edition_date))
        return wording.EDITION_DRAFT
    return None


def describe(side: InputInfo, council: bool = False) -> str:
    """One input for a reader: 'Handlingsplan for 2010, godkendt 10. februar 2010', with the
    council in front when ``council``; a text-only input says so instead of an edition."""
    if side.title is not None or side.year is not None:
        name = side.title or wording.TITLE.format(year=side.year)
    else:
        name = side.file.replace("\\", "/").rsplit("/", 1)[-1]
    what = ", ".join([name, edition(side) or wording.EDITION_TEXT_ONLY])
    return f"{side.council} – {what}" if council and side.council else what


def _date(iso: str) -> str:
    try:
        return danish.format_date(date.fromisoformat(iso))
    except ValueError:
        return iso


def shown(field: str | None, value: str | None) -> str:
    """A value as the plan would print it: Danish dates, status in words, ja/nej."""
    if value is None:
        return wording.NONE
    if field == "status" and value in wording.STATUSES:
        return wording.STATUSES[value]
    if field in ("dato", "godkendt_dato"):
        try:
            return danish.format_date(date.fromisoformat(value))
        except ValueError:
            return value
    if field == "efter_behov":
        return wording.YES if value == "true" else wording.NO
    if field == "tid":
        return f"kl. {value}"
    return value  # roles are Danish words already (formand, medlem)


def count_text(n: int) -> str:
    """'1 ændring' or '3 ændringer'."""
    return (wording.COUNT if n == 1 else wording.COUNT_PLURAL).format(n=n)


def by_section(changes: Iterable[Change]) -> dict[str, list[Change]]:
    """Changes grouped by section, sections in the order they first occur."""
    groups: dict[str, list[Change]] = {}
    for change in changes:
        groups.setdefault(change.section, []).append(change)
    return groups


class _Paint:
    def __init__(self, colour: bool) -> None:
        self.colour = colour

    def _sgr(self, code: str, text: str) -> str:
        return f"\033[{code}m{text}\033[0m" if self.colour else text

    def deleted(self, text: str) -> str:
        return self._sgr("31;9", text) if self.colour else f"[-{text}-]"

    def inserted(self, text: str) -> str:
        return self._sgr("32;4", text) if self.colour else f"{{+{text}+}}"

    def heading(self, text: str) -> str:
        return self._sgr("1", text)

    def muted(self, text: str) -> str:
        return self._sgr("2", text)


def _trim(text: str, head: bool, tail: bool) -> str:
    words = text.split()
    if len(words) <= 2 * CONTEXT_WORDS:
        return text
    keep_head = words[:CONTEXT_WORDS] if head else []
    keep_tail = words[-CONTEXT_WORDS:] if tail else []
    return " ".join([*keep_head, "…", *keep_tail])


def _words(ops: tuple[WordOp, ...], paint: _Paint) -> str:
    parts = []
    for k, op in enumerate(ops):
        if op.op == "equal":
            parts.append(_trim(op.text, head=k > 0, tail=k < len(ops) - 1))
        elif op.op == "delete":
            parts.append(paint.deleted(op.text))
        else:
            parts.append(paint.inserted(op.text))
    return " ".join(parts)


def place(change: Change) -> str:
    """What changed, in plain Danish: the label, and the field when the label does not name it
    ("Carsten Ørum, enhed"; "Planens år" and "Rådets navn" as they are)."""
    field = wording.FIELDS.get(change.field or "")
    if not field or change.kind not in ("changed", "added", "removed") \
            or field.casefold() in change.label.casefold():
        return change.label
    return wording.FIELD_OF.format(label=change.label, field=field)


def change_line(change: Change, paint: _Paint) -> str:
    """One change as one line of Danish."""
    kind = wording.KINDS[change.kind]
    where = place(change)
    if change.kind in ("added", "removed"):
        raw = change.new if change.kind == "added" else change.old
        mark = paint.inserted if change.kind == "added" else paint.deleted
        if not raw:
            return f"{kind}: {where}"
        value = shown(change.field, raw)
        if value.startswith(where):
            return f"{kind}: {mark(value)}"
        return f"{kind}: {where}: {mark(value)}"
    if change.kind == "renamed":
        return f"{kind}: {paint.deleted(change.old or '')} → {paint.inserted(change.new or '')}"
    if change.words:
        return f"{kind}: {where}: {_words(change.words, paint)}"
    old, new = shown(change.field, change.old), shown(change.field, change.new)
    return f"{kind}: {where}: {paint.deleted(old)} → {paint.inserted(new)}"


def printable_result(result: DiffResult) -> DiffResult:
    """The result with every text from the inputs (file names, labels, values, words) passed
    through ``printable``: control and bidi characters become visible escapes, so the only
    control characters ``terminal`` writes are its own colour codes, which the CLI lets through.
    """
    def side(info: InputInfo) -> InputInfo:
        return replace(info, file=printable(info.file),
                       council=printable(info.council) if info.council is not None else None)

    def text(value: str | None) -> str | None:
        return printable(value) if value is not None else None

    def change(c: Change) -> Change:
        return replace(c, path=printable(c.path), section=printable(c.section),
                       label=printable(c.label), field=text(c.field), old=text(c.old),
                       new=text(c.new), words=tuple(replace(w, text=printable(w.text))
                                                    for w in c.words))

    return replace(result, a=side(result.a), b=side(result.b),
                   changes=tuple(change(c) for c in result.changes),
                   warnings=tuple(printable(w) for w in result.warnings))


def terminal(result: DiffResult, colour: bool) -> str:
    """The summary printed by ``planpdf diff`` (the inputs' text made printable first)."""
    result = printable_result(result)
    paint = _Paint(colour)
    head = f"{title(result)}  ({result.a.file} → {result.b.file})"
    if result.mode == "tekst":
        head += f" [{wording.TEXT_ONLY_TAG}]"
    lines = [paint.heading(head)]
    if result.mode == "tekst":
        without = result.a if not result.a.embedded_source and result.a.type == "pdf" else result.b
        lines.append(paint.muted(wording.TEXT_ONLY.format(file=without.file)))
    if not result.changes:
        lines.append(wording.NO_CHANGES.format(a=result.a.file, b=result.b.file))
        return "\n".join(lines) + "\n"
    for section, changes in by_section(result.changes).items():
        lines.append("")
        lines.append(paint.heading(section))
        lines += [f"  {SYMBOLS[c.kind]} {change_line(c, paint)}" for c in changes]
    lines.append("")
    lines.append(count_text(len(result.changes)) + ".")
    return "\n".join(lines) + "\n"


def as_json(result: DiffResult) -> str:
    """The JSON document described in this module's docstring."""
    def info(side: InputInfo) -> dict[str, Any]:
        return {"file": side.file, "type": side.type, "embedded_source": side.embedded_source,
                "year": side.year, "council": side.council, "status": side.status,
                "approved_date": side.approved_date, "edition": describe(side)}

    def change(c: Change) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": c.kind, "path": c.path, "section": c.section,
                               "label": c.label, "field": c.field, "old": c.old, "new": c.new}
        if c.words:
            out["words"] = [{"op": w.op, "text": w.text} for w in c.words]
        return out

    doc_ = {"format": 1, "mode": result.mode, "text_only": result.mode == "tekst",
            "title": title(result), "a": info(result.a), "b": info(result.b),
            "warnings": list(result.warnings), "changes": [change(c) for c in result.changes]}
    return _json_visible(json.dumps(doc_, ensure_ascii=False, indent=2)) + "\n"


def _json_visible(text: str) -> str:
    r"""JSON with the characters ``printable`` would escape written as ``\uXXXX`` instead: the
    same strings to a program, nothing for a terminal to act on (json.dumps leaves C1 controls
    and bidi characters raw).

    >>> print(_json_visible('{"a": "x\u202ey\x85"}'))
    {"a": "x\u202ey\u0085"}
    """
    def escape(match: re.Match[str]) -> str:
        char = match.group()
        if not hidden(char):
            return char
        encoded = char.encode("utf-16-be", "surrogatepass")
        return "".join(f"\\u{int.from_bytes(encoded[i:i + 2], 'big'):04x}"
                       for i in range(0, len(encoded), 2))

    return re.sub(r"[^\x20-\x7e\n]", escape, text)
