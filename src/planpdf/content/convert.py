"""Format 1 → format 2: a format 1 plan's fixed parts as the ordered blocks of format 2.

In: a format 1 ``model.Plan`` (its parts in their fixed order). Out: the same plan with its
``body``: the blocks format 2 would write for it, each keeping the span of the part it came
from, so there is one layout for both formats. A content file and a PDF's embedded source of
format 1 get their body this way when they are loaded. The fixed parts stay in the model too:
the comparison of two format 1 plans names them as before.
"""

from __future__ import annotations

from msgspec.structs import replace

from .. import model as m
from .. import wording
from ..errors import Span


def with_body(plan: m.Plan) -> m.Plan:
    """``plan`` with the body format 2 would give it (and its one municipality listed)."""
    council = replace(plan.council, municipalities=(plan.council.municipality,))
    return replace(plan, council=council, body=tuple(_parts(plan)))


def _section(heading: str, blocks: list[m.Node], span: Span | None = None) -> m.SectionBlock:
    at = span or (blocks[0].span if blocks else Span("", 0, 0))
    return m.SectionBlock(heading, tuple(blocks), False, False, None, at)


def _text(blocks: tuple[m.Block, ...], signers: tuple[m.Signer, ...] = ()) -> list[m.Node]:
    if not blocks and not signers:
        return []
    span = blocks[0].span if blocks else signers[0].span
    return [m.TextBlock(blocks, signers, None, span)]


def _parts(p: m.Plan) -> list[m.Node]:
    out: list[m.Node] = []
    if p.foreword:
        fw = p.foreword
        out.append(_section(fw.heading or wording.FOREWORD,
                            _text(fw.text, (m.Signer(fw.name, fw.title, fw.span),)), fw.span))
    if p.purpose or p.composition:
        out.append(_section(wording.PURPOSE, _text(p.purpose) + _text(p.composition)))
    people = tuple(m.Person(x.name, x.title, x.function, x.organisation, x.unit,
                            None if x.role == "medlem" else x.role,  # format 2: no role
                            None, None, None, x.id, x.span) for x in p.members)
    out.append(m.MembersBlock(people, "tabel", None, None, None,
                              p.members[0].span if p.members else p.span))
    if p.work or p.meetings:
        work = _text(p.work)
        if p.meetings:
            mt = p.meetings
            work += [m.MeetingsBlock(mt.per_year, mt.as_needed, None, None, mt.text, None,
                                     mt.span)]
        out.append(_section(wording.WORK, work))
    if p.lokalraad_plus:
        out.append(_plus(p.lokalraad_plus, p.year))
    if p.focus:
        out.append(_focus(p.focus))
    if p.prevention:
        pv = p.prevention
        out.append(_section(pv.heading or wording.PREVENTION,
                            [m.ProjectsBlock(pv.intro, pv.projects, None, pv.span)], pv.span))
    out += [_free(s) for s in p.sections]
    if p.closing:
        out.append(_section(wording.CLOSING, _text(p.closing)))
    return out


def _plus(lp: m.LokalraadPlus, year: int) -> m.SectionBlock:
    blocks = _text(lp.text)
    conf = lp.conference
    if conf:
        blocks.append(m.EventBlock(f"Konferencen for {year}", conf.date, conf.start, conf.end,
                                   None, conf.theme, None, conf.text, None, conf.span))
    return _section(lp.heading or wording.LOKALRAAD_PLUS, blocks, lp.span)


def _focus(fa: m.FocusAreas) -> m.SectionBlock:
    blocks = _text(fa.intro)
    for g in fa.groups:
        areas = tuple(m.Area(a.title, a.status, a.contact, a.text, a.remark, a.id, a.span)
                      for a in g.areas)
        blocks.append(m.FocusBlock(g.heading, g.intro, areas, g.outro, (), g.id, g.span))
    return _section(fa.heading or wording.FOCUS, blocks, fa.span)


def _free(sec: m.Section) -> m.SectionBlock:
    blocks: list[m.Node] = _text(sec.blocks)
    blocks += [_free(s) for s in sec.sections]
    return m.SectionBlock(sec.heading, tuple(blocks), False, False, sec.id, sec.span)
