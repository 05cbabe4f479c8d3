"""Plan → the story: the plan's parts in their order, each laid out by its builder.

In: a ``model.Plan`` and the styles. Out: the list of Platypus flowables that ``render`` lays
out. The parts' builders are in ``blocks``; the approval's sign-off block is in ``signoff``.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from .. import model as m
from .. import wording
from .blocks import StoryBuilder
from .body import story2
from .signoff import signoff
from .styles import Styles


def story(plan: m.Plan, styles: Styles) -> list[Flowable]:
    """The flowables of a whole plan, title first and the sign-off block last."""
    if plan.format == 2:
        flowables = story2(plan, styles)
        if plan.approval:
            flowables += signoff(StoryBuilder(styles), plan.approval)
        return flowables
    b = StoryBuilder(styles)
    out: list[Flowable] = b.title_block(plan)
    if plan.toc:
        out += b.contents()
    if plan.foreword:
        out += b.foreword(plan.foreword)
    if plan.purpose or plan.composition:
        out.append(b.heading(wording.PURPOSE, 0))
        out += b.blocks(plan.purpose) + b.blocks(plan.composition)
    out += b.members(plan.members)
    if plan.work or plan.meetings:
        out.append(b.heading(wording.WORK, 0))
        out += b.blocks(plan.work)
        if plan.meetings:
            out += b.meetings(plan.meetings)
    if plan.lokalraad_plus:
        out += b.lokalraad_plus(plan.lokalraad_plus, plan.year)
    if plan.focus:
        out += b.focus(plan.focus)
    if plan.prevention:
        out += b.prevention(plan.prevention)
    for section in plan.sections:
        out += b.section(section, 0)
    if plan.closing:
        out.append(b.heading(wording.CLOSING, 0))
        out += b.blocks(plan.closing)
    if plan.approval:
        out += signoff(b, plan.approval)
    return out
