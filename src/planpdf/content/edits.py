"""Life-cycle edits of a content file: approve it, start next year's edition from it.

The YAML text is edited surgically, line by line, at the positions the loader recorded
(``source.SourceMap``): only the lines of ``status:``, ``godkendelse:``, ``år:`` and the dates
change; every comment, blank line and key order stays as the referent wrote it. Each result is
loaded again and compared with the data it should hold before anyone writes it.
"""

from __future__ import annotations

import copy
import difflib
import re
from datetime import date
from typing import Any

import msgspec
import yaml

from .. import model as m
from ..errors import ContentEditError, ContentError, Diagnostic, Span, about, general
from .digest import approved_fingerprint
from .load import Loaded, load_text
from .source import Path, Source, resolve_plain, strings

SIGNING_ROLES = ("formand", "næstformand")
REVIEW_COMMENT = "# TJEK: dato fra {year}"
_TRAILING_COMMENT = re.compile(r"(\s+#.*)$")


class Edit(msgspec.Struct, frozen=True):
    """A new content text and what the user should be told about it."""

    text: str
    notes: tuple[str, ...] = ()


def approve(loaded: Loaded, when: date, by: str, role: str | None = None,
            meeting: str | None = None, replace: bool = False) -> Edit:
    """Record an approval in the content text; ContentEditError if it cannot be done safely.

    ``role`` defaults to the role of the member called ``by`` when that is formand or
    næstformand; a member with another role signs without one; a name that is not among the
    members needs an explicit ``role`` (it is most often a typing error). An official record is
    not changed lightly: review markers left by ``new``, a date far from the plan's year, a
    conference in another year, or an existing approval (without ``replace``) stop it.
    """
    plan, source = loaded.plan, loaded.source
    _check_ready(plan, source, when, replace)
    by = " ".join(by.split())
    if not by:
        raise ContentEditError(general("--by må ikke være tom"))
    notes: list[str] = []
    members: list[m.Member | m.Person] = [*plan.members, *m.body_people(plan.body)]
    member = next((x for x in members if x.name.casefold() == by.casefold()), None)
    if role is None:
        if member is None:
            names = [x.name for x in members]
            close = difflib.get_close_matches(by, names, n=1, cutoff=0.6)
            hint = (f"mente du '{close[0]}'?" if close else "medlemmer: " + ", ".join(names)
                    if names else "planen har ingen medlemsliste.")
            raise ContentEditError(about(
                source.map.path, f"'{by}' står ikke blandt medlemmerne",
                f"{hint} Godkender en, der ikke er medlem, så angiv rollen med --role"))
        if member.role in SIGNING_ROLES:
            role = member.role
        by = member.name
    if plan.approval is not None:  # only with replace=True, see _check_ready
        notes.append(f"den tidligere godkendelse ({plan.approval.by}, "
                     f"{plan.approval.date.isoformat()}) blev erstattet")
    approval: dict[str, Any] = {"dato": when.isoformat(), "af": by}
    if role:
        approval["rolle"] = " ".join(role.split())
    if meeting:
        approval["møde"] = " ".join(meeting.split())
    approval["fingeraftryk"] = approved_fingerprint(loaded.data, loaded.images)

    doc = _Doc(source)
    indent = doc.indent()
    block = [f"godkendelse:{doc.nl}"] + [f"{indent}{k}: {_scalar(v)}{doc.nl}"
                                         for k, v in approval.items()]
    if not doc.has("status"):  # a valid plan without status has no godkendelse either
        doc.insert_after(doc.anchor("dato", "år"), [f"status: godkendt{doc.nl}", *block])
    else:
        doc.replace_value("status", "godkendt")
        if doc.has("godkendelse"):
            doc.replace_block("godkendelse", block)
        else:
            doc.insert_after("status", block)
    expected = copy.deepcopy(loaded.data)
    expected["status"] = "godkendt"
    expected["godkendelse"] = approval
    return Edit(_proved(source.map.path, doc.text(), expected), tuple(notes))


_MARKER = re.compile(r"#\s*TJEK:")


def _check_ready(plan: m.Plan, source: Source, when: date, replace: bool) -> None:
    """Everything that must hold before a plan is approved, all reported at once."""
    path = source.map.path
    problems = [
        Diagnostic(Span(path, number, match.start() + 1),
                   "datoen er markeret til gennemsyn af planpdf new og er ikke rettet",
                   "ret datoen til det nye år, og slet så markeringen '# TJEK: ...'")
        for number, line in enumerate(source.text.splitlines(), 1)
        if (match := _MARKER.search(line))
    ]
    if abs(when.year - plan.year) > 1:
        problems.append(Diagnostic(None, f"godkendelsesdatoen {when.isoformat()} ligger langt fra "
                                   f"planens år {plan.year}", "tjek --date", path=path))
    conference = plan.lokalraad_plus.conference if plan.lokalraad_plus else None
    if conference and conference.date.year != plan.year:
        problems.append(Diagnostic(
            conference.span, f"konferencen for {plan.year} står med datoen "
            f"{conference.date.isoformat()}", "ret konferencens dato til planens år"))
    elif conference is None:  # format 2: every event (arrangement) in the body
        problems.extend(
            Diagnostic(event.span, f"arrangementet{' ' + repr(event.what) if event.what else ''} "
                       f"i planen for {plan.year} står med datoen {event.date.isoformat()}",
                       "ret arrangementets dato til planens år")
            for event in m.walk(plan.body)
            if isinstance(event, m.EventBlock) and event.date.year != plan.year)
    if plan.approval is not None and not replace:
        problems.append(Diagnostic(
            None, f"planen er allerede godkendt af {plan.approval.by} den "
            f"{plan.approval.date.isoformat()}", "brug --replace for at erstatte godkendelsen; "
            "en arkiveret eller underskrevet udgave ændres ikke af det", path=path))
    if problems:
        raise ContentError(problems)


def new_edition(loaded: Loaded, target: str) -> Edit:
    """Next year's content from this year's: year + 1, a draft, dates flagged for review."""
    plan, source = loaded.plan, loaded.source
    doc = _Doc(source)
    year = plan.year
    doc.replace_value("år", str(year + 1))
    if doc.has("status"):
        doc.replace_value("status", "udkast")
    if doc.has("godkendelse"):
        doc.replace_block("godkendelse", [])
    flagged = 0
    for where in _date_paths(loaded.data):
        value: Any = loaded.data
        for step in where:
            value = value[step]
        doc.add_comment(where, REVIEW_COMMENT.format(year=str(value)[:4]))  # the date's own year
        flagged += 1
    expected = copy.deepcopy(loaded.data)
    expected["år"] = year + 1
    if "status" in expected:
        expected["status"] = "udkast"
    expected.pop("godkendelse", None)
    text = _proved(target, doc.text(), expected)
    notes = []
    if flagged:
        notes.append(f"{flagged} datoer er markeret '# TJEK: dato fra ...': "
                     "ret dem til det nye år, og slet så markeringen; planpdf approve "
                     "godkender ikke en plan, der stadig har markeringer")
    old_years = re.compile(r"\b(19[9]\d|20\d\d)\b")
    mentions = sum(any(int(y) <= year for y in old_years.findall(text))
                   for _where, text in strings(loaded.data))
    if mentions:
        notes.append(f"{mentions} tekster nævner stadig {year} eller tidligere år; læs dem igennem")
    return Edit(text, tuple(notes))


# -- the text surgery ---------------------------------------------------------------------

class _Doc:
    """The content's lines, edited at top-level keys found through the source map."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.lines = source.text.splitlines(keepends=True)
        if self.lines and not self.lines[-1].endswith(("\n", "\r")):
            self.lines[-1] += "\n"
        self.nl = "\r\n" if source.text.count("\r\n") * 2 > source.text.count("\n") else "\n"
        top = {p[0]: s for p, s in source.map.keys.items() if len(p) == 1}
        if any(s.col != 1 for s in top.values()) or not top:
            raise ContentEditError(about(source.map.path, "filen kan ikke rettes sikkert, "
                                         "fordi dens øverste nøgler ikke står først på linjen; "
                                         "ret den i hånden"))
        self.top = dict(sorted(top.items(), key=lambda kv: kv[1].line))
        self.removed: set[int] = set()  # 0-based line numbers to drop
        self.replaced: dict[int, str] = {}  # 0-based line number -> new text
        self.inserted: dict[int, list[str]] = {}  # after 0-based line number -> lines

    def indent(self) -> str:
        """The file's own indentation, from its first nested key (two spaces if none)."""
        nested = sorted((s.line, s.col) for p, s in self.source.map.keys.items()
                        if len(p) == 2 and isinstance(p[1], str))
        return " " * (nested[0][1] - 1) if nested and nested[0][1] > 1 else "  "

    def has(self, key: str) -> bool:
        return key in self.top

    def anchor(self, *keys: str) -> str:
        return next(k for k in keys if k in self.top)

    def block(self, key: str) -> range:
        """0-based lines of a top-level key, without trailing blank and comment-only lines."""
        start = self.top[key].line - 1
        later = [s.line - 1 for s in self.top.values() if s.line - 1 > start]
        end = min(later, default=len(self.lines))
        while end - 1 > start and (not self.lines[end - 1].strip()
                                   or self.lines[end - 1].lstrip().startswith("#")):
            end -= 1
        return range(start, end)

    def replace_value(self, key: str, value: str) -> None:
        """Replace a one-line top-level scalar, keeping a comment after it."""
        lines = self.block(key)
        if len(lines) != 1:
            self.replace_block(key, [f"{key}: {value}{self.nl}"])
            return
        old = self.lines[lines[0]].rstrip("\r\n")
        comment = _TRAILING_COMMENT.search(old[len(key) + 1:])
        tail = comment.group(1) if comment and not _quoted(self.source, (key,)) else ""
        self.replaced[lines[0]] = f"{key}: {value}{tail}{self.nl}"

    def replace_block(self, key: str, new: list[str]) -> None:
        lines = self.block(key)
        self.removed.update(lines)
        self.inserted.setdefault(lines[-1], []).extend(new)

    def insert_after(self, key: str, new: list[str]) -> None:
        self.inserted.setdefault(self.block(key)[-1], []).extend(new)

    def add_comment(self, where: Path, comment: str) -> None:
        """Put ``comment`` at the end of the value's line, replacing an older review marker."""
        index = self.source.map.values[where].line - 1
        line = self.replaced.get(index, self.lines[index])
        body = line.rstrip("\r\n")
        marker = _MARKER.search(body)
        if marker:
            body = body[:marker.start()].rstrip()
        self.replaced[index] = f"{body}  {comment}{self.nl}"

    def text(self) -> str:
        out: list[str] = []
        for i, line in enumerate(self.lines):
            if i not in self.removed:
                out.append(self.replaced.get(i, line))
            out.extend(self.inserted.get(i, []))
        return "".join(out)


def _quoted(source: Source, where: Path) -> bool:
    return where not in source.map.plain


def _scalar(value: str) -> str:
    """A string as a one-line YAML scalar: plain when that reads back as the same text."""
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10**6)
    text = text.removesuffix("\n...\n").removesuffix("\n")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value  # planpdf reads dates as text; written plain like the rest of the file
    if text == value and isinstance(resolve_plain(value), str):  # planpdf reads it back as text
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


def _date_paths(data: Any) -> list[Path]:
    """Where the content holds dates of events (not the approval, which `new` removes)."""
    return [where for where, value in strings(data)
            if where[-1] in ("dato", "frist") and where[0] != "godkendelse"
            and _ISO_DATE.match(value)]


def _proved(name: str, text: str, expected: Any) -> str:
    """``text`` if it loads to ``expected``; otherwise ContentEditError (a bug, never written)."""
    if load_text(name, text).data != expected:
        raise ContentEditError(about(name, "rettelsen gav ikke det forventede indhold; intet "
                                     "blev skrevet (fejl i planpdf, meld den gerne)"))
    return text
