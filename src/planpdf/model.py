"""The plan as frozen records (msgspec Structs). Every node keeps the Span it came from.

Text fields hold the user's words unchanged (paragraphs already split on blank lines, lines
inside a paragraph joined by single spaces); formatting for the page happens in ``layout``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, time
from typing import Any, Literal

import msgspec

from .errors import Span

Role = Literal["formand", "næstformand", "referent", "medlem"]
Status = Literal["lokal_plan", "central_plan", "kontaktperson", "ingen_plan"]
EditionStatus = Literal["udkast", "godkendt"]
IssuerKind = Literal["lokalråd", "kredsråd", "politikreds"]
PlanKind = Literal["handlingsplan", "handleplan", "samarbejdsplan"]


class Paragraph(msgspec.Struct, frozen=True):
    """One paragraph of running text; ``**fed**`` marks bold."""

    text: str
    span: Span


class BulletItem(msgspec.Struct, frozen=True):
    """One bullet, possibly with sub-bullets."""

    text: str
    children: tuple[BulletItem, ...]
    span: Span


class BulletList(msgspec.Struct, frozen=True):
    """A bullet list."""

    items: tuple[BulletItem, ...]
    span: Span


class Table(msgspec.Struct, frozen=True):
    """A simple table of text cells; ``columns`` may be empty (no header row)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    span: Span


Block = Paragraph | BulletList | Table


class Council(msgspec.Struct, frozen=True):
    """Who the plan belongs to: a lokalråd (format 1 always), a kredsråd or a police district.

    ``municipality`` is the municipality (format 1) or the municipalities joined in Danish
    (format 2, ``municipalities`` lists them)."""

    name: str
    municipality: str
    police_district: str | None
    span: Span
    kind: IssuerKind = "lokalråd"
    municipalities: tuple[str, ...] = ()


class Member(msgspec.Struct, frozen=True):
    """A council member: name, title or rank, function, organisation and unit, role."""

    name: str
    title: str | None
    function: str | None
    organisation: str | None
    unit: str | None
    role: Role
    id: str | None
    span: Span


class Meetings(msgspec.Struct, frozen=True):
    """The meeting rule: at least N times a year, optionally 'or as needed'."""

    per_year: int
    as_needed: bool
    text: tuple[Block, ...]
    span: Span


class Conference(msgspec.Struct, frozen=True):
    """The yearly themed Lokalråd+ conference."""

    date: date
    start: time | None
    end: time | None
    theme: str
    text: tuple[Block, ...]
    span: Span


class LokalraadPlus(msgspec.Struct, frozen=True):
    """The Lokalråd+ part: text and the conference."""

    heading: str | None
    text: tuple[Block, ...]
    conference: Conference | None
    span: Span


class FocusArea(msgspec.Struct, frozen=True):
    """A focus area with its local status (controlled vocabulary) and free text."""

    title: str
    status: Status
    contact: str | None
    text: tuple[Block, ...]
    remark: tuple[Block, ...]
    id: str | None
    span: Span


class FocusGroup(msgspec.Struct, frozen=True):
    """A group of focus areas (national, the district's own ...), with text around it."""

    heading: str
    intro: tuple[Block, ...]
    areas: tuple[FocusArea, ...]
    outro: tuple[Block, ...]
    id: str | None
    span: Span


class FocusAreas(msgspec.Struct, frozen=True):
    """The focus-area part of the plan."""

    heading: str | None
    intro: tuple[Block, ...]
    groups: tuple[FocusGroup, ...]
    span: Span


class ProjectItem(msgspec.Struct, frozen=True):
    """A sub-item of a project; ``{dato}`` in the text is replaced by the date in Danish."""

    text: str
    date: date | None
    span: Span


class Project(msgspec.Struct, frozen=True):
    """A crime-prevention project agreed in the Kredsråd."""

    title: str
    items: tuple[ProjectItem, ...]
    id: str | None
    span: Span


class Prevention(msgspec.Struct, frozen=True):
    """The crime-prevention part."""

    heading: str | None
    intro: tuple[Block, ...]
    projects: tuple[Project, ...]
    span: Span


class Section(msgspec.Struct, frozen=True):
    """A free section: heading, blocks and nested sections."""

    heading: str
    blocks: tuple[Block, ...]
    sections: tuple[Section, ...]
    id: str | None
    span: Span


class Foreword(msgspec.Struct, frozen=True):
    """A foreword signed by name and title."""

    heading: str | None
    text: tuple[Block, ...]
    name: str
    title: str
    span: Span


class Approval(msgspec.Struct, frozen=True):
    """Who approved the plan, on which date and at which meeting."""

    date: date
    by: str
    role: str | None
    meeting: str | None
    span: Span
    fingerprint: str | None = None  # of the approved content; None in editions before it existed


# -- format 2: the body as an ordered list of blocks ----------------------------------------
# Text in these blocks may carry planpdf's inline markup: **fed**, *kursiv*, [tekst](adresse).


class Signer(msgspec.Struct, frozen=True):
    """Someone who signs a text (a foreword): name and title."""

    name: str
    title: str | None
    span: Span


class TextBlock(msgspec.Struct, frozen=True):
    """Text (paragraphs; from format 1 also lists and tables), signed by zero, one or several
    people."""

    paragraphs: tuple[Block, ...]
    signers: tuple[Signer, ...]
    id: str | None
    span: Span


class ListBlock(msgspec.Struct, frozen=True):
    """A bullet or numbered list (items may have items)."""

    items: tuple[BulletItem, ...]
    numbered: bool
    id: str | None
    span: Span


class TableBlock(msgspec.Struct, frozen=True):
    """A table: header row (may be empty), rows, relative column widths (empty: equal)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[int, ...]
    id: str | None
    span: Span


class Person(msgspec.Struct, frozen=True):
    """A member or a contact person; ``role`` is the plan's own word (sekretær, observatør …)."""

    name: str
    title: str | None
    function: str | None
    organisation: str | None
    unit: str | None
    role: str | None
    topic: str | None
    mail: str | None
    phone: str | None
    id: str | None
    span: Span


MembersView = Literal["tabel", "sætninger", "liste"]


class MembersBlock(msgspec.Struct, frozen=True):
    """The council's members, shown as a table, as sentences or as a list.

    ``heading``/``lead``: None for the default words, "" for none."""

    members: tuple[Person, ...]
    view: MembersView
    heading: str | None
    lead: str | None
    id: str | None
    span: Span


class MeetingsBlock(msgspec.Struct, frozen=True):
    """How often the council meets: a generated sentence (``per_year``) or the plan's own."""

    per_year: int | None
    as_needed: bool
    who: str | None
    sentence: str | None
    text: tuple[Block, ...]
    id: str | None
    span: Span


class EventBlock(msgspec.Struct, frozen=True):
    """An event or conference: what, date, times, place, theme, or the plan's own sentence."""

    what: str | None
    date: date
    start: time | None
    end: time | None
    place: str | None
    theme: str | None
    sentence: str | None
    text: tuple[Block, ...]
    id: str | None
    span: Span


class Area(msgspec.Struct, frozen=True):
    """A focus area; ``status`` (optional) is a code of the group's vocabulary."""

    title: str
    status: str | None
    contact: str | None
    text: tuple[Block, ...]
    remark: tuple[Block, ...]
    id: str | None
    span: Span


class FocusBlock(msgspec.Struct, frozen=True):
    """A group of focus areas with its own intro and closing text and status vocabulary."""

    heading: str | None
    intro: tuple[Block, ...]
    areas: tuple[Area, ...]
    outro: tuple[Block, ...]
    statuses: tuple[tuple[str, str], ...]  # the plan's own (code, label) pairs
    id: str | None
    span: Span


class Initiative(msgspec.Struct, frozen=True):
    """An initiative: goal, responsible, partners, deadline and status."""

    title: str
    goal: str | None
    responsible: str | None
    partners: tuple[str, ...]
    deadline: date | str | None
    status: str | None
    id: str | None
    span: Span


class InitiativesBlock(msgspec.Struct, frozen=True):
    """Initiatives shown as a table or as cards."""

    items: tuple[Initiative, ...]
    view: Literal["tabel", "kort"]
    id: str | None
    span: Span


class ProjectsBlock(msgspec.Struct, frozen=True):
    """Projects with dated items."""

    intro: tuple[Block, ...]
    projects: tuple[Project, ...]
    id: str | None
    span: Span


class ContactsBlock(msgspec.Struct, frozen=True):
    """Contact persons with topic, mail and phone."""

    people: tuple[Person, ...]
    heading: str | None
    id: str | None
    span: Span


class Image(msgspec.Struct, frozen=True):
    """A PNG or JPEG: ``path`` as written in the content, ``data`` the image's bytes (read
    from beside the content file, or from the PDF an embedded source came with)."""

    path: str
    data: bytes
    alt: str
    caption: str | None
    credit: str | None
    width_mm: int | None
    id: str | None
    span: Span

    def __repr__(self) -> str:  # the image's bytes left out: a plan's repr stays readable
        return f"Image(path={self.path!r}, {len(self.data)} bytes, span={self.span!r})"


class PageBreak(msgspec.Struct, frozen=True):
    """A new page begins here."""

    span: Span


class SectionBlock(msgspec.Struct, frozen=True):
    """A section (or an appendix, ``appendix``): heading and nested blocks."""

    heading: str
    blocks: tuple[Node, ...]
    numbered: bool
    appendix: bool
    id: str | None
    span: Span


Node = (SectionBlock | TextBlock | ListBlock | TableBlock | MembersBlock | MeetingsBlock
        | EventBlock | FocusBlock | InitiativesBlock | ProjectsBlock | ContactsBlock | Image
        | PageBreak)


class Cover(msgspec.Struct, frozen=True):
    """A cover page: title, subtitle, the municipalities, an image (logo or photo)."""

    title: str | None
    subtitle: str | None
    municipalities: bool
    image: Image | None
    span: Span


class Plan(msgspec.Struct, frozen=True):
    """A lokalråd's handlingsplan, or a district's samarbejdsplan, for one year.

    Format 1 fills the fixed parts (``foreword`` … ``closing``); format 2 the ``body``, an
    ordered list of blocks, and leaves the fixed parts empty.
    """

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
    span: Span
    status: EditionStatus = "udkast"
    approval: Approval | None = None  # set exactly when status is "godkendt"
    format: int = 1
    kind: PlanKind = "handlingsplan"
    subtitle: str | None = None
    cover: Cover | None = None
    logo: Image | None = None  # at the top of the cover page, or of the first page
    numbered: bool = False
    words: tuple[tuple[str, Any], ...] = ()  # the plan's own words for planpdf's ("ord")
    body: tuple[Node, ...] = ()


def images(plan: Plan) -> dict[str, bytes]:
    """Every image a format 2 plan shows, by its name as written, in name order."""
    found = {b.path: b.data for b in walk(plan.body) if isinstance(b, Image)}
    if plan.cover is not None and plan.cover.image is not None:
        found[plan.cover.image.path] = plan.cover.image.data
    if plan.logo is not None:
        found[plan.logo.path] = plan.logo.data
    return dict(sorted(found.items()))


def walk(blocks: tuple[Node, ...]) -> Iterator[Node]:
    """Every block of a format 2 body in reading order, sections' blocks after their section."""
    for block in blocks:
        yield block
        if isinstance(block, SectionBlock):
            yield from walk(block.blocks)


def body_people(blocks: tuple[Node, ...]) -> list[Person]:
    """Every member listed in a format 2 body, in order."""
    return [p for b in walk(blocks) if isinstance(b, MembersBlock) for p in b.members]
