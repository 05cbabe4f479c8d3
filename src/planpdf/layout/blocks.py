"""One builder per model node: model nodes → Platypus flowables.

Every paragraph is a ``markup.MarkupParagraph``, which takes only ``Markup``: user text goes
through ``markup.markup()`` (or ``escape()``) before ReportLab's paragraph parser sees it.
The order of a plan's parts is ``story``'s business; the sign-off block is ``signoff``'s.
"""

from __future__ import annotations

from collections.abc import Iterable

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Spacer,
    Table,
    TableStyle,
)

from .. import danish, wording
from .. import model as m
from ..errors import Span
from .fonts import require_italics
from .markup import (
    Contents,
    MarkupParagraph,
    bold,
    escape,
    join,
    markup,
    plain,
    plain_rich,
    rich,
)
from .styles import (
    ACCENT,
    FRAME_WIDTH,
    RULE,
    STATUS_COLOURS,
    TABLE_HEAD,
    TABLE_STRIPE,
    Styles,
)
from .tagging import Node, Rule, TableTags, heading_role


class Heading(MarkupParagraph):
    """A heading paragraph that becomes a bookmark and a table-of-contents entry."""

    def __init__(self, text: str, style: object, level: int, key: str, span: Span | None,
                 *, inline: bool = False) -> None:
        """``inline``: ``text`` has format 2's markup (``markup.rich``), not format 1's."""
        super().__init__(rich(text) if inline else markup(text), style)
        # a bookmark is a PDF string: plain text, never parsed
        self.outline_title = plain_rich(text) if inline else plain(text)
        self.contents_entry = escape(self.outline_title)  # the contents list parses it: markup
        self.level = level
        self.key = key
        self.planpdf_span = span
        # the title is the one H1; the parts are H2, their groups H3, … (bookmark level + 2)
        self.planpdf_tag = Node("H1" if key == "title" else heading_role(level + 2))


class StoryBuilder:
    """Builds the story for one plan; headings are numbered for stable bookmark keys."""

    def __init__(self, styles: Styles) -> None:
        self.s = styles
        self._headings = 0

    # -- generic pieces ------------------------------------------------------------------

    def heading(self, text: str, level: int, span: Span | None = None, *,
                rich: bool = False) -> Flowable:
        self._headings += 1
        return Heading(text, self.s.heading(level), level, f"h{self._headings}", span,
                       inline=rich)

    def para(self, text: str, style: object = None, span: Span | None = None) -> Flowable:
        flowable = MarkupParagraph(markup(text), style or self.s.body)
        flowable.planpdf_span = span
        return flowable

    def blocks(self, blocks: Iterable[m.Block], style: object = None) -> list[Flowable]:
        out: list[Flowable] = []
        for block in blocks:
            if isinstance(block, m.Paragraph):
                out.append(self.para(block.text, style, block.span))
            elif isinstance(block, m.BulletList):
                out += self.bullets(block.items, block.span)
            else:
                out.append(self.table(block))
        return out

    def bullets(self, items: Iterable[m.BulletItem], span: Span, depth: int = 0,
                parent: Node | None = None) -> list[Flowable]:
        """Bullets as indented paragraphs (not ListFlowable, which keepWithNext cannot hold),
        tagged as a list: ``L``, an ``LI`` per item with the bullet as ``Lbl`` and the text as
        ``LBody``; an item's own items are a list inside its ``LBody``."""
        style = self.s.bullets[min(depth, len(self.s.bullets) - 1)]
        out: list[Flowable] = []
        lst = Node("L", parent)
        for item in items:
            flowable = MarkupParagraph(markup(item.text), style,
                                       bulletText="•" if depth == 0 else "◦")
            flowable.planpdf_span = item.span
            entry = Node("LI", lst)
            flowable.planpdf_label = Node("Lbl", entry)
            flowable.planpdf_tag = body = Node("LBody", entry)
            out.append(flowable)
            if item.children:
                out += self.bullets(item.children, item.span, depth + 1, body)
        return out

    def table(self, table: m.Table) -> Flowable:
        rows = [[self.para(c, self.s.cell_head) for c in table.columns]] if table.columns else []
        rows += [[self.para(c, self.s.cell, table.span) for c in row] for row in table.rows]
        width = max(len(r) for r in rows)
        for row in rows:
            row += [Spacer(1, 1) for _ in range(width - len(row))]  # each its own (empty) cell
        return self._grid(rows, [FRAME_WIDTH / width] * width, bool(table.columns), table.span)

    def _grid(self, rows: list[list[Flowable]], widths: list[float], header: bool,
              span: Span | None) -> Flowable:
        commands = [
            ("FONTNAME", (0, 0), (-1, -1), self.s.fonts.regular),  # else Helvetica is referenced
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ]
        if header:
            commands += [("BACKGROUND", (0, 0), (-1, 0), TABLE_HEAD),
                         ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT)]
        first = 1 if header else 0
        commands += [("BACKGROUND", (0, r), (-1, r), TABLE_STRIPE)
                     for r in range(first + 1, len(rows), 2)]
        _tag_cells(rows, header)
        flowable = Table(rows, colWidths=widths, repeatRows=first, style=TableStyle(commands),
                         spaceBefore=2, spaceAfter=8, hAlign="LEFT", renderCB=TableTags())
        flowable.planpdf_span = span
        return flowable

    # -- the plan ------------------------------------------------------------------------

    def title_block(self, plan: m.Plan) -> list[Flowable]:
        kicker = [x for x in (plan.council.police_district, plan.council.municipality) if x]
        return [
            self.para(" · ".join(kicker), self.s.kicker),
            Heading(wording.document_title(plan), self.s.title, 0, "title", plan.span),
            self.para(plan.council.name, self.s.subtitle),
            Rule(width="100%", thickness=1.2, color=ACCENT, spaceBefore=6, spaceAfter=10),
        ]

    def contents(self) -> list[Flowable]:
        table_style = TableStyle([  # ReportLab's default, plus a font: else Helvetica is referenced
            ("FONTNAME", (0, 0), (-1, -1), self.s.fonts.regular),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ])
        toc = Contents(levelStyles=list(self.s.toc_levels), dotsMinLevel=0, tableStyle=table_style,
                       link_text=wording.CONTENTS_LINK)
        return [MarkupParagraph(escape(wording.CONTENTS), self.s.toc_title), toc, Spacer(1, 6 * mm)]

    def foreword(self, fw: m.Foreword) -> list[Flowable]:
        out = [self.heading(fw.heading or wording.FOREWORD, 0, fw.span), *self.blocks(fw.text)]
        out.append(KeepTogether([Spacer(1, 4 * mm), self.para(fw.name, self.s.signature),
                                 self.para(fw.title, self.s.signature), Spacer(1, 4 * mm)]))
        return out

    def members(self, members: tuple[m.Member, ...]) -> list[Flowable]:
        head = [self.para(c, self.s.cell_head) for c in wording.MEMBER_COLUMNS]
        rows = [head]
        for mb in members:
            role = wording.ROLES[mb.role]
            title = ", ".join(x for x in (mb.function, mb.title) if x)
            org = mb.organisation or ""
            if mb.unit:
                org = f"{org} ({mb.unit})" if org else mb.unit
            rows.append([self.para(mb.name, self.s.cell, mb.span), self.para(title, self.s.cell),
                         self.para(org, self.s.cell), self.para(role, self.s.cell)])
        widths = [x * FRAME_WIDTH for x in (0.25, 0.33, 0.27, 0.15)]
        return [self.heading(wording.MEMBERS, 0), self.para(wording.MEMBERS_LEAD),
                self._grid(rows, widths, True, members[0].span if members else None)]

    def meetings(self, mt: m.Meetings) -> list[Flowable]:
        sentence = wording.MEETINGS.format(count=danish.format_number(mt.per_year))
        if mt.as_needed:
            sentence += wording.MEETINGS_AS_NEEDED
        return [self.para(sentence + ".", span=mt.span), *self.blocks(mt.text)]

    def lokalraad_plus(self, lp: m.LokalraadPlus, year: int) -> list[Flowable]:
        out = [self.heading(lp.heading or wording.LOKALRAAD_PLUS, 0, lp.span), *self.blocks(lp.text)]
        conf = lp.conference
        if conf:
            when = danish.format_date_weekday(conf.date)
            at = f" {danish.format_time_range(conf.start, conf.end)}" if conf.start else ""
            out.append(self.para(wording.CONFERENCE.format(year=year, date=when, time=at,
                                                         theme=conf.theme), span=conf.span))
            out += self.blocks(conf.text)
        return out

    def focus(self, fa: m.FocusAreas) -> list[Flowable]:
        out = [self.heading(fa.heading or wording.FOCUS, 0, fa.span), *self.blocks(fa.intro)]
        for group in fa.groups:
            out += [self.heading(group.heading, 1, group.span), *self.blocks(group.intro)]
            for area in group.areas:
                out += self.focus_area(area)
            out += self.blocks(group.outro)
        return out

    def focus_area(self, area: m.FocusArea) -> list[Flowable]:
        label = wording.STATUSES[area.status]
        if area.contact:
            label += " – " + wording.CONTACT.format(name=area.contact)
        status = MarkupParagraph(join([bold(escape(f"{wording.STATUS_LABEL}:")), markup(label)]),
                                 _status_style(self.s, area.status))
        head = [CondPageBreak(28 * mm), self.heading(area.title, 2, area.span), status]
        if area.remark:
            require_italics(self.s.fonts)
        return [*head, *self.blocks(area.text), *self.blocks(area.remark, self.s.remark)]

    def prevention(self, pv: m.Prevention) -> list[Flowable]:
        out = [self.heading(pv.heading or wording.PREVENTION, 0, pv.span), *self.blocks(pv.intro)]
        items = [
            m.BulletItem(p.title, tuple(m.BulletItem(wording.project_item_text(i), (), i.span)
                                        for i in p.items), p.span)
            for p in pv.projects
        ]
        if items:
            if len(out) > 1:
                out[-1].keepWithNext = 1  # "... aftalt i Kredsrådet:" stays with its list
            out += self.bullets(items, pv.span)
        return out

    def section(self, sec: m.Section, level: int) -> list[Flowable]:
        out = [self.heading(sec.heading, level, sec.span), *self.blocks(sec.blocks)]
        for sub in sec.sections:
            out += self.section(sub, level + 1)
        return out


def _tag_cells(rows: list[list[Flowable]], header: bool) -> None:
    """Give every cell its element: ``Table`` → ``THead``/``TBody`` → ``TR`` → ``TH``/``TD``;
    a header cell's ``/Scope`` is its column."""
    table = Node("Table")
    head = Node("THead", table) if header else None
    body = Node("TBody", table) if len(rows) > (1 if header else 0) else None
    for index, row in enumerate(rows):
        is_head = header and index == 0
        tr = Node("TR", head if is_head else body)
        for cell in row:
            cell.planpdf_tag = Node("TH", tr, scope="Column") if is_head else Node("TD", tr)


def _status_style(styles: Styles, status: str) -> object:
    from reportlab.lib.styles import ParagraphStyle

    return ParagraphStyle(f"status-{status}", parent=styles.status,
                          backColor=STATUS_COLOURS[status])
