"""Two plans (the content model) → the list of changes, in the order of the plan.

Matching records (see ``match``): an ``id`` present on both sides decides; else the same name;
else similarity. The similarity of two headed records (focus areas, groups, projects, free
sections) is ``TITLE_WEIGHT`` × the character ratio of their titles plus ``TEXT_WEIGHT`` × the
word ratio of their texts (``difflib.SequenceMatcher``); pairs scoring at least
``MATCH_THRESHOLD`` are the same record. So a heading renamed over the same text is a rename, and
a record found under another parent or out of order among its siblings is a move, never a
deletion plus an addition. Members without ids are the same person when their names have a
character ratio of at least ``NAME_THRESHOLD`` (a corrected spelling), else one left and another
joined. Texts are compared as passages (paragraphs, bullets, table rows) and changed passages
word by word; the loader has already folded line breaks, so re-wrapping is no change.
"""

from __future__ import annotations

from collections.abc import Sequence

import msgspec

from .. import model as m
from .. import wording
from ..danish import slug
from .body import compare_bodies
from .changes import Change
from .collect import MATCH_THRESHOLD, Collector, clock, iso, passages, weighted
from .match import match, moved
from .words import char_ratio

NAME_THRESHOLD = 0.8

def compare_plans(a: m.Plan, b: m.Plan) -> list[Change]:
    """Every difference between plan A and plan B, in the order of plan B.

    Two format 1 plans are compared part by part; when either is format 2, the two bodies
    block by block (``body``), a format 1 plan by the blocks its parts are laid out as."""
    out = Collector([])
    _plan(out, a, b)
    if a.format == 2 or b.format == 2:  # a format 1 plan has the body its parts convert to
        labels = wording.PLAN_LABELS
        out.value("", wording.PLAN, labels["undertitel"], "undertitel", a.subtitle, b.subtitle)
        out.value("", wording.PLAN, labels["art"], "art", a.kind, b.kind)
        _front(out, a, b)
        compare_bodies(out, a.body, b.body)
        return out.changes
    _foreword(out, a.foreword, b.foreword)
    out.text("formål", wording.PURPOSE, wording.PURPOSE, a.purpose, b.purpose)
    out.text("sammensætning", wording.PURPOSE, wording.PURPOSE, a.composition, b.composition)
    _members(out, a.members, b.members)
    out.text("arbejdsform", wording.WORK, wording.WORK, a.work, b.work)
    _meetings(out, a.meetings, b.meetings)
    _plus(out, a.lokalraad_plus, b.lokalraad_plus)
    _focus(out, a.focus, b.focus)
    _prevention(out, a.prevention, b.prevention)
    _sections(out, a.sections, b.sections)
    out.text("afslutning", wording.CLOSING, wording.CLOSING, a.closing, b.closing)
    return out.changes


def _front(out: Collector, a: m.Plan, b: m.Plan) -> None:
    """A format 2 plan's cover page and logo (each may come or go)."""
    s, labels = wording.PLAN, wording.PLAN_LABELS
    x, y = a.cover, b.cover
    if (x is None) != (y is None):
        out.add("added" if x is None else "removed", "forside", s, labels["forside"], "forside",
                None if x is None else labels["forside"], None if y is None else labels["forside"])
    elif x is not None and y is not None:
        for key, old, new in (("titel", x.title, y.title), ("undertitel", x.subtitle, y.subtitle),
                              ("kommuner", x.municipalities, y.municipalities)):
            out.value("forside", s, labels["forside"], key, old, new)
    images: tuple[tuple[str, str, m.Image | None, m.Image | None], ...] = (
        ("forside/billede", labels["forside_billede"], x.image if x else None,
         y.image if y else None),
        ("logo", labels["logo"], a.logo, b.logo))
    for path, label, p, q in images:
        if p is None and q is None:
            continue
        if p is None or q is None:
            out.add("added" if p is None else "removed", path, s, label, "billede",
                    None if p is None else p.path, None if q is None else q.path)
            continue
        values: tuple[tuple[str, object, object], ...] = (
            ("fil", p.path, q.path), ("alt", p.alt, q.alt), ("billedtekst", p.caption, q.caption),
            ("kreditering", p.credit, q.credit), ("bredde", p.width_mm, q.width_mm))
        for field, before, after in values:
            out.value(path, s, label, field, before, after)
        if p.path == q.path and p.data != q.data:
            out.add("changed", f"{path}/billede", s, label, "billede", wording.IMAGE_OLD,
                    wording.IMAGE_NEW)


def _plan(out: Collector, a: m.Plan, b: m.Plan) -> None:
    s = wording.PLAN
    labels = wording.PLAN_LABELS
    out.value("", s, labels["år"], "år", a.year, b.year)
    out.value("", s, labels["titel"], "titel", a.title, b.title)
    out.value("", s, labels["dato"], "dato", iso(a.edition_date), iso(b.edition_date))
    for key, old, new in (("navn", a.council.name, b.council.name),
                          ("kommune", a.council.municipality, b.council.municipality),
                          ("politikreds", a.council.police_district, b.council.police_district)):
        out.value("råd", s, f"{wording.COUNCIL}s {wording.FIELDS[key]}", key, old, new)
    if a.status != b.status:  # the content key is `status`; "udgave" keeps it apart from areas'
        out.add("changed", "status", s, labels["udgave"], "udgave", a.status, b.status)
    fields = (("af", "af"), ("dato", "godkendt_dato"), ("rolle", "godkendt_rolle"), ("møde", "møde"))
    old_values, new_values = _approval_values(a.approval), _approval_values(b.approval)
    for (key, field), old, new in zip(fields, old_values, new_values, strict=True):
        if old != new:
            out.add("changed", f"godkendelse/{key}", s, labels[field], field, old, new)


def _approval_values(approval: m.Approval | None) -> tuple[str | None, ...]:
    """Who, when (ISO), role and meeting of an approval; all None for a draft."""
    if approval is None:
        return (None, None, None, None)
    return (approval.by, approval.date.isoformat(), approval.role, approval.meeting)


def _whole(out: Collector, path: str, section: str, a: object, b: object) -> bool:
    """Report a part present on one side only; True when both sides have it."""
    if a is None and b is not None:
        out.add("added", path, section, section, None, None, section)
    elif a is not None and b is None:
        out.add("removed", path, section, section, None, section, None)
    return a is not None and b is not None


def _foreword(out: Collector, a: m.Foreword | None, b: m.Foreword | None) -> None:
    s = wording.FOREWORD
    if not _whole(out, "forord", s, a, b):
        return
    assert a is not None and b is not None
    out.value("forord", s, s, "overskrift", a.heading, b.heading)
    out.text("forord/tekst", s, s, a.text, b.text)
    out.value("forord", s, s, "navn", a.name, b.name)
    out.value("forord", s, s, "titel", a.title, b.title)


def _member_line(mb: m.Member) -> str:
    details = ", ".join(x for x in (mb.function, mb.title, mb.organisation, mb.unit) if x)
    return f"{mb.name} ({details})" if details else mb.name


def _members(out: Collector, a: Sequence[m.Member], b: Sequence[m.Member]) -> None:
    s = wording.MEMBERS
    pairs = match(a, b, ident=lambda x: x.id, name=lambda x: x.name,
                  score=lambda x, y: char_ratio(x.name, y.name), threshold=NAME_THRESHOLD)
    for i, j in pairs:
        if i is None and j is not None:
            out.add("added", f"medlemmer/{b[j].id or slug(b[j].name)}", s, b[j].name, None, None,
                    _member_line(b[j]))
        elif j is None and i is not None:
            out.add("removed", f"medlemmer/{a[i].id or slug(a[i].name)}", s, a[i].name, None,
                    _member_line(a[i]), None)
        elif i is not None and j is not None:
            x, y = a[i], b[j]
            path = f"medlemmer/{y.id or slug(y.name)}"
            out.value(path, s, y.name, "navn", x.name, y.name, kind="renamed")
            for key, old, new in (("titel", x.title, y.title), ("funktion", x.function, y.function),
                                  ("organisation", x.organisation, y.organisation),
                                  ("enhed", x.unit, y.unit), ("rolle", x.role, y.role)):
                out.value(path, s, y.name, key, old, new)


def _meetings(out: Collector, a: m.Meetings | None, b: m.Meetings | None) -> None:
    s = wording.WORK
    if not _whole(out, "møder", s, a, b):
        return
    assert a is not None and b is not None
    out.value("møder", s, wording.FIELDS["mindst_pr_år"].capitalize(), "mindst_pr_år", a.per_year,
              b.per_year)
    out.value("møder", s, wording.FIELDS["efter_behov"].capitalize(), "efter_behov", a.as_needed,
              b.as_needed)
    out.text("møder/tekst", s, wording.WORK, a.text, b.text)


def _plus(out: Collector, a: m.LokalraadPlus | None, b: m.LokalraadPlus | None) -> None:
    s = wording.LOKALRAAD_PLUS
    if not _whole(out, "lokalråd_plus", s, a, b):
        return
    assert a is not None and b is not None
    out.value("lokalråd_plus", s, s, "overskrift", a.heading, b.heading)
    out.text("lokalråd_plus/tekst", s, s, a.text, b.text)
    ca, cb = a.conference, b.conference
    path = "lokalråd_plus/konference"
    label = "Konferencen"
    if ca is None and cb is not None:
        out.add("added", path, s, label, None, None, f"{cb.date.isoformat()} {cb.theme}")
    elif ca is not None and cb is None:
        out.add("removed", path, s, label, None, f"{ca.date.isoformat()} {ca.theme}", None)
    elif ca is not None and cb is not None:
        out.value(path, s, label, "dato", ca.date.isoformat(), cb.date.isoformat())
        out.value(path, s, label, "tid", clock(ca.start, ca.end), clock(cb.start, cb.end))
        out.value(path, s, label, "tema", ca.theme, cb.theme)
        out.text(f"{path}/tekst", s, label, ca.text, cb.text)


def _area_text(area: m.FocusArea) -> str:
    return " ".join(passages(area.text) + passages(area.remark))


def _group_text(group: m.FocusGroup) -> str:
    return " ".join(passages(group.intro) + [a.title for a in group.areas] + passages(group.outro))


def _place(parent: str, index: int) -> str:
    return wording.PLACE.format(parent=parent, n=index + 1)


def _focus(out: Collector, a: m.FocusAreas | None, b: m.FocusAreas | None) -> None:
    s = wording.FOCUS
    if not _whole(out, "fokusområder", s, a, b):
        return
    assert a is not None and b is not None
    out.value("fokusområder", s, s, "overskrift", a.heading, b.heading)
    out.text("fokusområder/indledning", s, s, a.intro, b.intro)
    ga, gb = a.groups, b.groups
    gpairs = match(ga, gb, ident=lambda g: g.id, name=lambda g: g.heading,
                   score=lambda x, y: weighted(x.heading, y.heading, _group_text(x),
                                                _group_text(y)),
                   threshold=MATCH_THRESHOLD)
    gmap = {i: j for i, j in gpairs if i is not None and j is not None}
    gkey_a = [g.id or slug(g.heading) for g in ga]
    gkey_b = [g.id or slug(g.heading) for g in gb]
    group_moves = moved(list(gmap.items()))
    # Areas are matched across all groups, so an area moved to another group is found.
    flat_a = [(gi, ai, area) for gi, g in enumerate(ga) for ai, area in enumerate(g.areas)]
    flat_b = [(gj, aj, area) for gj, g in enumerate(gb) for aj, area in enumerate(g.areas)]
    apairs = match([x[2] for x in flat_a], [x[2] for x in flat_b], ident=lambda x: x.id,
                   name=lambda x: x.title,
                   score=lambda x, y: weighted(x.title, y.title, _area_text(x), _area_text(y)),
                   threshold=MATCH_THRESHOLD)
    area_moves: set[tuple[int, int]] = set()
    staying: dict[int, list[tuple[int, int]]] = {}
    for i, j in apairs:
        if i is not None and j is not None:
            gi, ai, _ = flat_a[i]
            gj, aj, _ = flat_b[j]
            if gmap.get(gi) != gj:
                area_moves.add((i, j))
            else:
                staying.setdefault(gj, []).append((ai, aj))
    for gj, within in staying.items():
        for ai, aj in moved(within):
            i = next(k for k, x in enumerate(flat_a) if x[1] == ai and gmap.get(x[0]) == gj)
            j = next(k for k, x in enumerate(flat_b) if x[0] == gj and x[1] == aj)
            area_moves.add((i, j))

    for i, j in gpairs:
        if i is None and j is not None:
            out.add("added", f"fokusområder/{gkey_b[j]}", s, gb[j].heading, None, None,
                    gb[j].heading)
        elif j is None and i is not None:
            out.add("removed", f"fokusområder/{gkey_a[i]}", s, ga[i].heading, None, ga[i].heading,
                    None)
        elif i is not None and j is not None:
            x, y = ga[i], gb[j]
            path = f"fokusområder/{gkey_b[j]}"
            out.value(path, s, y.heading, "overskrift", x.heading, y.heading, kind="renamed")
            if (i, j) in group_moves:
                out.add("moved", path, s, y.heading, "placering", _place(s, i), _place(s, j))
            out.text(f"{path}/indledning", s, y.heading, x.intro, y.intro)
        for ia, ja in apairs:  # the group's areas: in B's order, removals where they stood
            if ja is not None and flat_b[ja][0] == j:
                _area(out, s, (ga, gkey_a, flat_a), (gb, gkey_b, flat_b), ia, ja,
                      (ia, ja) in area_moves)
            elif ja is None and ia is not None and flat_a[ia][0] == i:
                _area(out, s, (ga, gkey_a, flat_a), (gb, gkey_b, flat_b), ia, None, False)
        if i is not None and j is not None:
            out.text(f"fokusområder/{gkey_b[j]}/afslutning", s, gb[j].heading, ga[i].outro,
                     gb[j].outro)


_Side = tuple[Sequence[m.FocusGroup], list[str], list[tuple[int, int, m.FocusArea]]]


def _area(out: Collector, s: str, side_a: _Side, side_b: _Side, i: int | None,
          j: int | None, was_moved: bool) -> None:
    ga, gkey_a, flat_a = side_a
    gb, gkey_b, flat_b = side_b

    def key(area: m.FocusArea) -> str:
        return area.id or slug(area.title)

    if j is None and i is not None:
        gi, _ai, x = flat_a[i]
        out.add("removed", f"fokusområder/{gkey_a[gi]}/{key(x)}", s, x.title, None,
                f"{x.title} – {wording.STATUSES[x.status]}", None)
        return
    assert j is not None
    gj, aj, y = flat_b[j]
    path = f"fokusområder/{gkey_b[gj]}/{key(y)}"
    if i is None:
        out.add("added", path, s, y.title, None, None, f"{y.title} – {wording.STATUSES[y.status]}")
        return
    gi, ai, x = flat_a[i]
    out.value(path, s, y.title, "titel", x.title, y.title, kind="renamed")
    if was_moved:
        out.add("moved", path, s, y.title, "placering", _place(ga[gi].heading, ai),
                _place(gb[gj].heading, aj))
    out.value(path, s, y.title, "status", x.status, y.status, kind="status")
    out.value(path, s, y.title, "kontaktperson", x.contact, y.contact)
    out.text(f"{path}/tekst", s, y.title, x.text, y.text)
    out.text(f"{path}/bemærkning", s, y.title, x.remark, y.remark)


def _items(project: m.Project) -> list[str]:
    return [wording.project_item_text(item) for item in project.items]


def _prevention(out: Collector, a: m.Prevention | None, b: m.Prevention | None) -> None:
    s = wording.PREVENTION
    if not _whole(out, "forebyggelse", s, a, b):
        return
    assert a is not None and b is not None
    out.value("forebyggelse", s, s, "overskrift", a.heading, b.heading)
    out.text("forebyggelse/indledning", s, s, a.intro, b.intro)
    pa, pb = a.projects, b.projects
    pairs = match(pa, pb, ident=lambda p: p.id, name=lambda p: p.title,
                  score=lambda x, y: weighted(x.title, y.title, " ".join(_items(x)),
                                               " ".join(_items(y))),
                  threshold=MATCH_THRESHOLD)
    moves = moved([(i, j) for i, j in pairs if i is not None and j is not None])
    for i, j in pairs:
        if i is None and j is not None:
            out.add("added", f"forebyggelse/{pb[j].id or slug(pb[j].title)}", s, pb[j].title, None,
                    None, pb[j].title)
        elif j is None and i is not None:
            out.add("removed", f"forebyggelse/{pa[i].id or slug(pa[i].title)}", s, pa[i].title,
                    None, pa[i].title, None)
        elif i is not None and j is not None:
            x, y = pa[i], pb[j]
            path = f"forebyggelse/{y.id or slug(y.title)}"
            out.value(path, s, y.title, "titel", x.title, y.title, kind="renamed")
            if (i, j) in moves:
                out.add("moved", path, s, y.title, "placering", _place(s, i), _place(s, j))
            out.passages(f"{path}/punkter", s, y.title, _items(x), _items(y))


class _Flat(msgspec.Struct, frozen=True):
    section: m.Section
    parent: int | None  # index of the parent in the flat list
    index: int  # among its siblings
    path: str


def _flatten(sections: Sequence[m.Section]) -> list[_Flat]:
    flat: list[_Flat] = []

    def walk(items: Sequence[m.Section], parent: int | None, prefix: str) -> None:
        for index, sec in enumerate(items):
            path = f"{prefix}/{sec.id or slug(sec.heading)}"
            flat.append(_Flat(sec, parent, index, path))
            walk(sec.sections, len(flat) - 1, path)

    walk(sections, None, "afsnit")
    return flat


def _sections(out: Collector, a: Sequence[m.Section], b: Sequence[m.Section]) -> None:
    s = wording.OTHER_SECTIONS
    fa, fb = _flatten(a), _flatten(b)

    def body(x: _Flat) -> str:
        return " ".join(passages(x.section.blocks))

    pairs = match(fa, fb, ident=lambda x: x.section.id, name=lambda x: x.section.heading,
                  score=lambda x, y: weighted(x.section.heading, y.section.heading, body(x),
                                               body(y)),
                  threshold=MATCH_THRESHOLD)
    pmap = {i: j for i, j in pairs if i is not None and j is not None}
    moves: set[tuple[int, int]] = set()
    siblings: dict[int | None, list[tuple[int, int]]] = {}

    def mapped_parent(i: int) -> int | None:
        parent = fa[i].parent
        return None if parent is None else pmap.get(parent, -1)

    for old, new in pmap.items():
        if mapped_parent(old) != fb[new].parent:
            moves.add((old, new))
        else:
            siblings.setdefault(fb[new].parent, []).append((fa[old].index, fb[new].index))
    by_index_a = {(fa[i].index, mapped_parent(i)): i for i in pmap}
    by_index_b = {(fb[j].index, fb[j].parent): j for j in pmap.values()}
    for parent, within in siblings.items():
        for ai, bj in moved(within):
            moves.add((by_index_a[(ai, parent)], by_index_b[(bj, parent)]))

    def where(flat: list[_Flat], k: int) -> str:
        parent = flat[k].parent
        name = flat[parent].section.heading if parent is not None else wording.TOP_LEVEL
        return _place(name, flat[k].index)

    for i, j in pairs:
        if i is None and j is not None:
            y = fb[j]
            out.add("added", y.path, s, y.section.heading, None, None, y.section.heading)
        elif j is None and i is not None:
            x = fa[i]
            out.add("removed", x.path, s, x.section.heading, None, x.section.heading, None)
        elif i is not None and j is not None:
            x, y = fa[i], fb[j]
            out.value(y.path, s, y.section.heading, "overskrift", x.section.heading,
                      y.section.heading, kind="renamed")
            if (i, j) in moves:
                out.add("moved", y.path, s, y.section.heading, "placering", where(fa, i),
                        where(fb, j))
            out.text(f"{y.path}/tekst", s, y.section.heading, x.section.blocks, y.section.blocks)

