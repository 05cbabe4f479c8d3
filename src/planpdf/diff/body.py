"""Two format 2 plans → their changes, block by block, in the order of plan B.

Every block of both bodies (sections' blocks too) is a unit with a place (its parent section
and its index among its siblings). Units are matched as ``compare`` matches records: an ``id``
on both sides decides; else the same name (a section's heading; another block is named by its
kind, its section and its place among blocks of its kind there); else similarity of the same
kind of block (heading and text, ``collect.weighted``). A matched unit under another parent,
or out of order among its siblings, is moved. Inside matched blocks, the records (members,
focus areas, initiatives, projects, contacts) are matched the same way and compared field by
field; texts passage by passage.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import msgspec

from .. import model as m
from .. import wording
from ..danish import slug
from .collect import MATCH_THRESHOLD, Collector, clock, iso, passages, weighted
from .match import match, moved

T = TypeVar("T")
KIND_NAMES = {
    m.SectionBlock: "afsnit", m.TextBlock: "tekst", m.ListBlock: "punkter",
    m.TableBlock: "tabel", m.MembersBlock: "medlemmer", m.MeetingsBlock: "møder",
    m.EventBlock: "arrangement", m.FocusBlock: "fokusområder", m.InitiativesBlock: "initiativer",
    m.ProjectsBlock: "projekter", m.ContactsBlock: "kontaktpersoner", m.Image: "billede",
    m.PageBreak: "sideskift",
}


class _Unit(msgspec.Struct, frozen=True):
    block: m.Node
    parent: int | None  # index of the enclosing section's unit
    index: int  # among its siblings
    name: str  # for matching by name
    label: str  # for people: the heading, or the block's kind in its section
    section: str  # the top-level heading it stands under
    path: str


def _kind(block: m.Node) -> str:
    if isinstance(block, m.SectionBlock) and block.appendix:
        return "bilag"
    return KIND_NAMES[type(block)]


def _flatten(body: Sequence[m.Node]) -> list[_Unit]:
    units: list[_Unit] = []

    def walk(blocks: Sequence[m.Node], parent: int | None, heading: str, top: str,
             prefix: str) -> None:
        seen: dict[str, int] = {}
        for index, block in enumerate(blocks):
            kind = _kind(block)
            seen[kind] = seen.get(kind, 0) + 1
            if isinstance(block, m.SectionBlock):
                name, label = block.heading, block.heading
            else:
                name = f"{kind}#{seen[kind]}@{heading}"
                label = f"{heading}, {kind}" if heading else kind.capitalize()
            ident = getattr(block, "id", None)
            own = name if isinstance(block, m.SectionBlock) else f"{kind}-{seen[kind]}"
            path = f"{prefix}/{ident or slug(own)}"
            section = top or (block.heading if isinstance(block, m.SectionBlock) else
                              wording.PLAN)
            units.append(_Unit(block, parent, index, name, label, section, path))
            if isinstance(block, m.SectionBlock):
                walk(block.blocks, len(units) - 1, block.heading, section, path)

    walk(body, None, "", "", "indhold")
    return units


def _texts(block: m.Node) -> list[str]:
    """A block's words as comparable passages (for similarity and for text changes)."""
    if isinstance(block, m.TextBlock):
        return passages(block.paragraphs) + [s.name for s in block.signers]
    if isinstance(block, m.ListBlock):
        return _items(block.items)
    if isinstance(block, m.TableBlock):
        rows = [block.columns] if block.columns else []
        return [" | ".join(r) for r in (*rows, *block.rows)]
    if isinstance(block, m.SectionBlock):  # a section is its heading and everything in it
        return [block.heading] + [t for b in block.blocks for t in _texts(b)]
    if isinstance(block, m.FocusBlock):
        return passages(block.intro) + [a.title for a in block.areas]
    return [x for x in _summary(block) if x]


def _summary(block: m.Node) -> list[str | None]:
    if isinstance(block, m.MembersBlock | m.ContactsBlock):
        people = block.members if isinstance(block, m.MembersBlock) else block.people
        return [p.name for p in people]
    if isinstance(block, m.MeetingsBlock):
        return [block.sentence, str(block.per_year)]
    if isinstance(block, m.EventBlock):
        return [block.what, block.theme, block.place, block.sentence]
    if isinstance(block, m.InitiativesBlock):
        return [i.title for i in block.items]
    if isinstance(block, m.ProjectsBlock):
        return [p.title for p in block.projects]
    if isinstance(block, m.Image):
        return [block.alt, block.caption]
    return []


def _items(items: Sequence[m.BulletItem], depth: int = 0) -> list[str]:
    out: list[str] = []
    for item in items:
        out.append(("• " if depth == 0 else "◦ ") + item.text)
        out += _items(item.children, depth + 1)
    return out


def _score(x: _Unit, y: _Unit) -> float:
    if _kind(x.block) != _kind(y.block):
        return 0.0
    title_a = x.block.heading if isinstance(x.block, m.SectionBlock) else x.section
    title_b = y.block.heading if isinstance(y.block, m.SectionBlock) else y.section
    return weighted(title_a, title_b, " ".join(_texts(x.block)), " ".join(_texts(y.block)))


def compare_bodies(out: Collector, a: Sequence[m.Node], b: Sequence[m.Node]) -> None:
    """Every difference between two bodies, block by block, in B's order."""
    ua, ub = _flatten(a), _flatten(b)
    pairs = match(ua, ub, ident=lambda u: getattr(u.block, "id", None), name=lambda u: u.name,
                  score=_score, threshold=MATCH_THRESHOLD)
    moves = _moves(ua, ub, pairs)
    for i, j in pairs:
        if i is None and j is not None:
            y = ub[j]
            out.add("added", y.path, y.section, y.label, None, None, _shown(y.block))
        elif j is None and i is not None:
            x = ua[i]
            out.add("removed", x.path, x.section, x.label, None, _shown(x.block), None)
        elif i is not None and j is not None:
            x, y = ua[i], ub[j]
            if (i, j) in moves:
                out.add("moved", y.path, y.section, y.label, "placering", _where(ua, i),
                        _where(ub, j))
            _block(out, y, x.block, y.block)


def _moves(ua: list[_Unit], ub: list[_Unit], pairs: list[tuple[int | None, int | None]]
           ) -> set[tuple[int, int]]:
    pmap = {i: j for i, j in pairs if i is not None and j is not None}

    def mapped_parent(i: int) -> int | None:
        parent = ua[i].parent
        return None if parent is None else pmap.get(parent, -1)

    found: set[tuple[int, int]] = set()
    siblings: dict[int | None, list[tuple[int, int]]] = {}
    for old, new in pmap.items():
        if mapped_parent(old) != ub[new].parent:
            found.add((old, new))
        else:
            siblings.setdefault(ub[new].parent, []).append((old, new))
    for within in siblings.values():
        by_index = {(ua[i].index, ub[j].index): (i, j) for i, j in within}
        for pair in moved(list(by_index)):
            found.add(by_index[pair])
    return found


def _where(units: list[_Unit], k: int) -> str:
    parent = units[k].parent
    name = units[parent].label if parent is not None else wording.TOP_LEVEL
    return wording.PLACE.format(parent=name, n=units[k].index + 1)


def _shown(block: m.Node) -> str:
    texts = _texts(block)
    shown = texts[0] if texts else _kind(block)
    return shown if len(shown) <= 120 else shown[:119] + "…"


def _block(out: Collector, u: _Unit, x: m.Node, y: m.Node) -> None:
    s, label, path = u.section, u.label, u.path
    if isinstance(x, m.SectionBlock) and isinstance(y, m.SectionBlock):
        out.value(path, s, label, "overskrift", x.heading, y.heading, kind="renamed")
    elif isinstance(x, m.TextBlock) and isinstance(y, m.TextBlock):
        out.passages(f"{path}/tekst", s, label, passages(x.paragraphs), passages(y.paragraphs))
        out.value(path, s, label, "underskrivere", _signers(x), _signers(y))
    elif isinstance(x, m.ListBlock | m.TableBlock) and isinstance(y, m.ListBlock | m.TableBlock):
        out.passages(f"{path}/tekst", s, label, _texts(x), _texts(y))
    elif isinstance(x, m.MembersBlock) and isinstance(y, m.MembersBlock):
        _people(out, path, s, x.members, y.members)
    elif isinstance(x, m.ContactsBlock) and isinstance(y, m.ContactsBlock):
        _people(out, path, s, x.people, y.people)
    elif isinstance(x, m.MeetingsBlock) and isinstance(y, m.MeetingsBlock):
        out.value(path, s, label, "mindst_pr_år", x.per_year, y.per_year)
        out.value(path, s, label, "efter_behov", x.as_needed, y.as_needed)
        out.value(path, s, label, "sætning", x.sentence, y.sentence)
        out.passages(f"{path}/tekst", s, label, _paras(x.text), _paras(y.text))
    elif isinstance(x, m.EventBlock) and isinstance(y, m.EventBlock):
        _event(out, path, s, label, x, y)
    elif isinstance(x, m.FocusBlock) and isinstance(y, m.FocusBlock):
        _focus(out, path, s, label, x, y)
    elif isinstance(x, m.InitiativesBlock) and isinstance(y, m.InitiativesBlock):
        _initiatives(out, path, s, x.items, y.items)
    elif isinstance(x, m.ProjectsBlock) and isinstance(y, m.ProjectsBlock):
        out.passages(f"{path}/indledning", s, label, _paras(x.intro), _paras(y.intro))
        _records(out, path, s, x.projects, y.projects, lambda p: p.title,
                 lambda p: " ".join(wording.project_item_text(i) for i in p.items),
                 lambda where, p, q: out.passages(
                     f"{where}/punkter", s, q.title,
                     [wording.project_item_text(i) for i in p.items],
                     [wording.project_item_text(i) for i in q.items]))
    elif isinstance(x, m.Image) and isinstance(y, m.Image):
        for key, old, new in (("fil", x.path, y.path), ("alt", x.alt, y.alt),
                              ("billedtekst", x.caption, y.caption),
                              ("kreditering", x.credit, y.credit), ("bredde", x.width_mm, y.width_mm)):
            out.value(path, s, label, key, old, new)
        if x.path == y.path and x.data != y.data:
            out.add("changed", f"{path}/billede", s, label, "billede", wording.IMAGE_OLD,
                    wording.IMAGE_NEW)


def _paras(blocks: Sequence[m.Block]) -> list[str]:
    return passages(blocks)


def _signers(block: m.TextBlock) -> str | None:
    names = [", ".join(x for x in (s.name, s.title) if x) for s in block.signers]
    return "; ".join(names) or None


def _event(out: Collector, path: str, s: str, label: str, x: m.EventBlock,
           y: m.EventBlock) -> None:
    for key, old, new in (("hvad", x.what, y.what), ("dato", iso(x.date), iso(y.date)),
                          ("tid", clock(x.start, x.end), clock(y.start, y.end)),
                          ("sted", x.place, y.place), ("tema", x.theme, y.theme),
                          ("sætning", x.sentence, y.sentence)):
        out.value(path, s, label, key, old, new)
    out.passages(f"{path}/tekst", s, label, _paras(x.text), _paras(y.text))


def _records(out: Collector, path: str, s: str, a: Sequence[T], b: Sequence[T],
             title: Callable[[T], str], text: Callable[[T], str],
             inside: Callable[[str, T, T], None]) -> None:
    """Records of one block matched (id, title, similarity); added, removed, renamed, moved,
    and ``inside`` for the fields of each matched pair."""
    pairs = match(a, b, ident=lambda r: getattr(r, "id", None), name=title,
                  score=lambda p, q: weighted(title(p), title(q), text(p), text(q)),
                  threshold=MATCH_THRESHOLD)
    moves = moved([(i, j) for i, j in pairs if i is not None and j is not None])

    def key(r: T) -> str:
        return f"{path}/{getattr(r, 'id', None) or slug(title(r))}"

    for i, j in pairs:
        if i is None and j is not None:
            out.add("added", key(b[j]), s, title(b[j]), None, None, title(b[j]))
        elif j is None and i is not None:
            out.add("removed", key(a[i]), s, title(a[i]), None, title(a[i]), None)
        elif i is not None and j is not None:
            p, q = a[i], b[j]
            out.value(key(q), s, title(q), "titel", title(p), title(q), kind="renamed")
            if (i, j) in moves:
                out.add("moved", key(q), s, title(q), "placering",
                        wording.PLACE.format(parent=s, n=i + 1),
                        wording.PLACE.format(parent=s, n=j + 1))
            inside(key(q), p, q)


def _people(out: Collector, path: str, s: str, a: Sequence[m.Person],
            b: Sequence[m.Person]) -> None:
    def fields(where: str, p: m.Person, q: m.Person) -> None:
        for field in ("title", "function", "organisation", "unit", "role", "topic", "mail",
                      "phone"):
            out.value(where, s, q.name, _PERSON_KEYS[field], getattr(p, field),
                      getattr(q, field))

    _records(out, path, s, a, b, lambda p: p.name, lambda p: "", fields)


_PERSON_KEYS = {"title": "titel", "function": "funktion", "organisation": "organisation",
                "unit": "enhed", "role": "rolle", "topic": "emne", "mail": "mail",
                "phone": "telefon"}


def _focus(out: Collector, path: str, s: str, label: str, x: m.FocusBlock,
           y: m.FocusBlock) -> None:
    out.value(path, s, label, "overskrift", x.heading, y.heading)
    out.passages(f"{path}/indledning", s, label, _paras(x.intro), _paras(y.intro))
    labels = {**wording.STATUSES, **dict(x.statuses), **dict(y.statuses)}

    def fields(where: str, p: m.Area, q: m.Area) -> None:
        out.value(where, s, q.title, "status", labels.get(p.status or "", p.status),
                  labels.get(q.status or "", q.status), kind="status")
        out.value(where, s, q.title, "kontaktperson", p.contact, q.contact)
        out.passages(f"{where}/tekst", s, q.title, _paras(p.text), _paras(q.text))
        out.passages(f"{where}/bemærkning", s, q.title, _paras(p.remark), _paras(q.remark))

    _records(out, path, s, x.areas, y.areas, lambda a: a.title,
             lambda a: " ".join(_paras(a.text)), fields)
    out.passages(f"{path}/afslutning", s, label, _paras(x.outro), _paras(y.outro))


def _initiatives(out: Collector, path: str, s: str, a: Sequence[m.Initiative],
                 b: Sequence[m.Initiative]) -> None:
    def values(i: m.Initiative) -> list[Any]:
        deadline = i.deadline.isoformat() if not isinstance(i.deadline, str | None) else i.deadline
        return [i.goal, i.responsible, ", ".join(i.partners) or None, deadline, i.status]

    def fields(where: str, p: m.Initiative, q: m.Initiative) -> None:
        for key, old, new in zip(wording.INITIATIVE_FIELDS, values(p), values(q), strict=True):
            out.value(where, s, q.title, key, old, new)

    _records(out, path, s, a, b, lambda i: i.title,
             lambda i: " ".join(v for v in values(i) if v), fields)
