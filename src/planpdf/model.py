"""The plan as frozen dataclasses. Every node keeps the Span of the content it came from.

Text fields hold the user's words unchanged (paragraphs already split on blank lines, lines
inside a paragraph joined by single spaces); formatting for the page happens in ``layout``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from typing import Literal

from .errors import Span

Role = Literal["formand", "næstformand", "referent", "medlem"]
Status = Literal["lokal_plan", "central_plan", "kontaktperson", "ingen_plan"]
EditionStatus = Literal["udkast", "godkendt"]


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of running text; ``**fed**`` marks bold."""

    text: str
    span: Span


@dataclass(frozen=True)
class BulletItem:
    """One bullet, possibly with sub-bullets."""

    text: str
    children: tuple[BulletItem, ...]
    span: Span


@dataclass(frozen=True)
class BulletList:
    """A bullet list."""

    items: tuple[BulletItem, ...]
    span: Span


@dataclass(frozen=True)
class Table:
    """A simple table of text cells; ``columns`` may be empty (no header row)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    span: Span


Block = Paragraph | BulletList | Table


@dataclass(frozen=True)
class Council:
    """Who the plan belongs to."""

    name: str
    municipality: str
    police_district: str | None
    span: Span


@dataclass(frozen=True)
class Member:
    """A council member: name, title or rank, function, organisation and unit, role."""

    name: str
    title: str | None
    function: str | None
    organisation: str | None
    unit: str | None
    role: Role
    id: str | None
    span: Span


@dataclass(frozen=True)
class Meetings:
    """The meeting rule: at least N times a year, optionally 'or as needed'."""

    per_year: int
    as_needed: bool
    text: tuple[Block, ...]
    span: Span


@dataclass(frozen=True)
class Conference:
    """The yearly themed Lokalråd+ conference."""

    date: date
    start: time | None
    end: time | None
    theme: str
    text: tuple[Block, ...]
    span: Span


@dataclass(frozen=True)
class LokalraadPlus:
    """The Lokalråd+ part: text and the conference."""

    heading: str | None
    text: tuple[Block, ...]
    conference: Conference | None
    span: Span


@dataclass(frozen=True)
class FocusArea:
    """A focus area with its local status (controlled vocabulary) and free text."""

    title: str
    status: Status
    contact: str | None
    text: tuple[Block, ...]
    remark: tuple[Block, ...]
    id: str | None
    span: Span


@dataclass(frozen=True)
class FocusGroup:
    """A group of focus areas (national, the district's own ...), with text around it."""

    heading: str
    intro: tuple[Block, ...]
    areas: tuple[FocusArea, ...]
    outro: tuple[Block, ...]
    id: str | None
    span: Span


@dataclass(frozen=True)
class FocusAreas:
    """The focus-area part of the plan."""

    heading: str | None
    intro: tuple[Block, ...]
    groups: tuple[FocusGroup, ...]
    span: Span


@dataclass(frozen=True)
class ProjectItem:
    """A sub-item of a project; ``{dato}`` in the text is replaced by the date in Danish."""

    text: str
    date: date | None
    span: Span


@dataclass(frozen=True)
class Project:
    """A crime-prevention project agreed in the Kredsråd."""

    title: str
    items: tuple[ProjectItem, ...]
    id: str | None
    span: Span


@dataclass(frozen=True)
class Prevention:
    """The crime-prevention part."""

    heading: str | None
    intro: tuple[Block, ...]
    projects: tuple[Project, ...]
    span: Span


@dataclass(frozen=True)
class Section:
    """A free section: heading, blocks and nested sections."""

    heading: str
    blocks: tuple[Block, ...]
    sections: tuple[Section, ...]
    id: str | None
    span: Span


@dataclass(frozen=True)
class Foreword:
    """A foreword signed by name and title."""

    heading: str | None
    text: tuple[Block, ...]
    name: str
    title: str
    span: Span


@dataclass(frozen=True)
class Approval:
    """Who approved the plan, on which date and at which meeting."""

    date: date
    by: str
    role: str | None
    meeting: str | None
    span: Span = field(compare=False)
    fingerprint: str | None = None  # of the approved content; None in editions before it existed


@dataclass(frozen=True)
class Plan:
    """A lokalråd's handlingsplan for one year."""

    source: str
    year: int
    title: str | None
    edition_date: date | None
    council: Council
    toc: bool
    foreword: Foreword | None
    purpose: tuple[Block, ...]
    composition: tuple[Block, ...]
    members: tuple[Member, ...]
    work: tuple[Block, ...]
    meetings: Meetings | None
    lokalraad_plus: LokalraadPlus | None
    focus: FocusAreas | None
    prevention: Prevention | None
    sections: tuple[Section, ...]
    closing: tuple[Block, ...]
    span: Span = field(compare=False)
    status: EditionStatus = "udkast"
    approval: Approval | None = None  # set exactly when status is "godkendt"
