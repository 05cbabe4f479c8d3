"""The one adapter from a plan to what the bundle's overview shows: ``CouncilSummary``.

Only this module reads the plan model for the overview, so a change of the content model
touches this function and nothing else of the bundle.
"""

from __future__ import annotations

from datetime import date, time

import msgspec

from .. import model as m


class FocusStatus(msgspec.Struct, frozen=True):
    """One focus area of a council: a key to match it across councils, its title, its status
    (``model.Status``) or None where the plan gives none (a Kredsråd plan, say)."""

    key: str
    title: str
    status: str | None


class Event(msgspec.Struct, frozen=True):
    """A dated event of a council's year (the Lokalråd+ conference)."""

    date: date
    start: time | None
    end: time | None
    theme: str


class CouncilSummary(msgspec.Struct, frozen=True):
    """What the overview says about one council's plan."""

    council: str
    municipalities: tuple[str, ...]
    district: str | None
    year: int
    status: str  # "godkendt" or "udkast"
    approved: date | None
    edition_date: date | None
    focus: tuple[FocusStatus, ...]
    projects: int  # initiatives: the crime-prevention projects
    dated_items: tuple[date, ...]  # the projects' items dated in the plan's year, in order
    members: int
    events: tuple[Event, ...]


def focus_key(title: str, ident: str | None) -> str:
    """How a focus area is matched across councils: its id, else its title folded."""
    return f"id:{ident}" if ident else "titel:" + " ".join(title.casefold().split())


def summarize(plan: m.Plan) -> CouncilSummary:
    """A plan as the overview sees it: format 1's fixed parts, or format 2's blocks."""
    if plan.format == 1:
        focus, projects, members, events = _fixed_parts(plan)
    else:
        focus, projects, members, events = _blocks(plan)
    dated = sorted(item.date for project in projects for item in project.items
                   if item.date is not None and item.date.year == plan.year)
    council = plan.council
    return CouncilSummary(
        council=council.name, municipalities=council.municipalities or (council.municipality,),
        district=council.police_district, year=plan.year, status=plan.status,
        approved=plan.approval.date if plan.approval else None, edition_date=plan.edition_date,
        focus=focus, projects=len(projects), dated_items=tuple(dated), members=members,
        events=events)


_Parts = tuple[tuple[FocusStatus, ...], tuple[m.Project, ...], int, tuple[Event, ...]]


def _fixed_parts(plan: m.Plan) -> _Parts:
    focus = tuple(FocusStatus(focus_key(area.title, area.id), area.title, area.status)
                  for group in (plan.focus.groups if plan.focus else ())
                  for area in group.areas)
    projects = plan.prevention.projects if plan.prevention else ()
    conference = plan.lokalraad_plus.conference if plan.lokalraad_plus else None
    events = (Event(conference.date, conference.start, conference.end, conference.theme),) \
        if conference else ()
    return focus, tuple(projects), len(plan.members), events


def _blocks(plan: m.Plan) -> _Parts:
    """Format 2: every focus block's areas (a status of the plan's own vocabulary by its
    label), every projects block's projects, the members of the members blocks, the events."""
    blocks = list(m.walk(plan.body))
    focus = tuple(FocusStatus(focus_key(area.title, area.id), area.title,
                              _status(area.status, dict(block.statuses)))
                  for block in blocks if isinstance(block, m.FocusBlock) for area in block.areas)
    projects = tuple(p for block in blocks if isinstance(block, m.ProjectsBlock)
                     for p in block.projects)
    members = sum(len(block.members) for block in blocks if isinstance(block, m.MembersBlock))
    events = tuple(Event(block.date, block.start, block.end,
                         block.theme or block.what or block.sentence or "")
                   for block in blocks if isinstance(block, m.EventBlock))
    return focus, projects, members, events


def _status(code: str | None, labels: dict[str, str]) -> str | None:
    """The status as the overview keys it: one of format 1's four codes as the code, any other
    as the plan's own label (shown as written)."""
    if code is None or code in _KNOWN:
        return code
    return labels.get(code, code)


_KNOWN = frozenset({"lokal_plan", "central_plan", "kontaktperson", "ingen_plan"})
