"""The one adapter from a plan to what the bundle's overview shows: ``CouncilSummary``.

Only this module reads the plan model for the overview, so a change of the content model
touches this function and nothing else of the bundle.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from .. import model as m


@dataclass(frozen=True)
class FocusStatus:
    """One focus area of a council: a key to match it across councils, its title, its status
    (``model.Status``) or None where the plan gives none (a Kredsråd plan, say)."""

    key: str
    title: str
    status: str | None


@dataclass(frozen=True)
class Event:
    """A dated event of a council's year (the Lokalråd+ conference)."""

    date: date
    start: time | None
    end: time | None
    theme: str


@dataclass(frozen=True)
class CouncilSummary:
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
    """A plan as the overview sees it."""
    focus = tuple(FocusStatus(focus_key(area.title, area.id), area.title, area.status)
                  for group in (plan.focus.groups if plan.focus else ())
                  for area in group.areas)
    projects = plan.prevention.projects if plan.prevention else ()
    dated = sorted(item.date for project in projects for item in project.items
                   if item.date is not None and item.date.year == plan.year)
    conference = plan.lokalraad_plus.conference if plan.lokalraad_plus else None
    events = (Event(conference.date, conference.start, conference.end, conference.theme),) \
        if conference else ()
    return CouncilSummary(
        council=plan.council.name, municipalities=(plan.council.municipality,),
        district=plan.council.police_district, year=plan.year, status=plan.status,
        approved=plan.approval.date if plan.approval else None, edition_date=plan.edition_date,
        focus=focus, projects=len(projects), dated_items=tuple(dated), members=len(plan.members),
        events=events)
