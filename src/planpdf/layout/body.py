"""Format 2: a plan's ordered blocks → Platypus flowables, one builder per block kind.

The pieces shared with format 1 (headings, tables and their tags, the contents list) are
``blocks.StoryBuilder``'s; text goes through ``markup.rich`` (``**fed**``, ``*kursiv*``,
``[tekst](adresse)``), so user text reaches ReportLab's parser only through the one door.
Headings: a top-level section is a part of the plan (H2, bookmark level 0), its sections one
level deeper; ``nummerering: true`` numbers them 1., 1.1, 1.1.1; appendices are "Bilag 1. …".
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer

from .. import danish, wording
from .. import model as m
from ..errors import Span
from .blocks import Heading, StoryBuilder
from .figure import figure
from .fonts import require_italics
from .markup import Markup, MarkupParagraph, bold, escape, has_italics, join, markup, rich
from .signoff import signoff
from .styles import FRAME_WIDTH, MUTED, STATUS_COLOURS, Styles
from .tagging import Node, Rule

_OTHER_STATUS = "#eeeeee"
NBSP = "\u00a0"  # a phone number is not broken across lines
LOGO_MM = 30  # a logo's width when the content gives none


class BodyBuilder(StoryBuilder):
    """Builds the story of a format 2 plan."""

    def __init__(self, styles: Styles, plan: m.Plan) -> None:
        super().__init__(styles)
        self.plan = plan
        self._numbers: list[int] = []
        self._appendices = 0

    def word(self, key: str) -> Any:
        return wording.word(self.plan, key)

    # -- text -----------------------------------------------------------------------------

    def rich(self, text: str) -> Markup:
        """Format 2's inline markup; a format 1 plan's text has only ``**fed**``."""
        found = rich(text) if self.plan.format == 2 else markup(text)
        if has_italics(found):
            require_italics(self.s.fonts)
        return found

    def rpara(self, text: str, style: object = None, span: Span | None = None,
              **kwargs: Any) -> MarkupParagraph:
        flowable = MarkupParagraph(self.rich(text), style or self.s.body, **kwargs)
        flowable.planpdf_span = span
        return flowable

    def paras(self, blocks: Iterable[m.Block], style: object = None) -> list[Flowable]:
        """Paragraphs (and a format 1 text's lists and tables)."""
        out: list[Flowable] = []
        for block in blocks:
            if isinstance(block, m.Paragraph):
                out.append(self.rpara(block.text, style, block.span))
            elif isinstance(block, m.BulletList):
                out += self.list_block(block.items, False, block.span)
            else:
                out.append(self.table2(m.TableBlock(block.columns, block.rows, (), None,
                                                    block.span)))
        return out

    def rheading(self, text: str, level: int, span: Span | None = None) -> Flowable:
        inline = self.plan.format == 2
        if inline and has_italics(rich(text)):
            require_italics(self.s.fonts)
        return self.heading(text, level, span, rich=inline)

    # -- the plan -------------------------------------------------------------------------

    def front(self) -> list[Flowable]:
        """The cover page (then the body starts on page 2), or a title block like format 1's."""
        plan, title = self.plan, wording.document_title(self.plan)
        towns = danish.join_list(list(plan.council.municipalities))
        logo = self.logo(plan.logo) if plan.logo is not None else []
        if plan.cover is None:
            kicker = " · ".join(x for x in (plan.council.police_district, towns) if x)
            out = [*logo, self.para(kicker, self.s.kicker),
                   Heading(title, self.s.title, 0, "title", plan.span)]
            if plan.subtitle:
                out.append(self.para(plan.subtitle, self.s.subtitle))
            out.append(self.para(plan.council.name, self.s.subtitle if not plan.subtitle
                                 else self.s.kicker))
            return [*out, Rule(width="100%", thickness=1.2, color=self.s.title.textColor,
                               spaceBefore=6, spaceAfter=10)]
        cover = plan.cover
        out = [*logo, Spacer(1, (20 if logo else 30) * mm),
               self.para(plan.council.name, self.s.kicker),
               Heading(cover.title or title, self.s.title, 0, "title", cover.span)]
        subtitle = cover.subtitle or plan.subtitle
        if subtitle:
            out.append(self.para(subtitle, self.s.subtitle))
        out.append(Rule(width="100%", thickness=1.2, color=self.s.title.textColor,
                        spaceBefore=6, spaceAfter=10))
        if cover.municipalities and towns:
            out.append(self.para(towns, self.s.body))
        if cover.image is not None:
            out += [Spacer(1, 10 * mm), *self.image(cover.image)]
        return [*out, PageBreak()]

    def body(self, blocks: Iterable[m.Node], level: int) -> list[Flowable]:
        out: list[Flowable] = []
        for block in blocks:
            out += self.block(block, level)
        return out

    def block(self, block: m.Node, level: int) -> list[Flowable]:
        if isinstance(block, m.SectionBlock):
            return self.section2(block, level)
        if isinstance(block, m.TextBlock):
            return self.text(block)
        if isinstance(block, m.ListBlock):
            return self.list_block(block.items, block.numbered, block.span)
        if isinstance(block, m.TableBlock):
            return [self.table2(block)]
        if isinstance(block, m.MembersBlock):
            return self.members2(block, level)
        if isinstance(block, m.MeetingsBlock):
            return self.meetings2(block)
        if isinstance(block, m.EventBlock):
            return self.event(block)
        if isinstance(block, m.FocusBlock):
            return self.focus2(block, level)
        return self.record(block, level)

    def record(self, block: m.Node, level: int) -> list[Flowable]:
        if isinstance(block, m.InitiativesBlock):
            return self.initiatives(block, level)
        if isinstance(block, m.ProjectsBlock):
            return self.projects(block)
        if isinstance(block, m.ContactsBlock):
            return self.contacts(block, level)
        if isinstance(block, m.Image):
            return self.image(block)
        return [PageBreak()]

    # -- sections -------------------------------------------------------------------------

    def section2(self, sec: m.SectionBlock, level: int) -> list[Flowable]:
        if sec.appendix:
            self._appendices += 1
            title = wording.APPENDIX_HEADING.format(word=self.word("bilag"), n=self._appendices,
                                                    title=sec.heading)
            return [PageBreak(), self.rheading(title, level, sec.span),
                    *self.body(sec.blocks, level + 1)]
        title = sec.heading
        if self.plan.numbered and sec.numbered:
            del self._numbers[level + 1:]
            while len(self._numbers) <= level:
                self._numbers.append(0)
            self._numbers[level] += 1
            number = ".".join(str(n) for n in self._numbers[:level + 1])
            title = f"{number}. {title}" if level == 0 else f"{number} {title}"
        return [self.rheading(title, level, sec.span), *self.body(sec.blocks, level + 1)]

    def text(self, block: m.TextBlock) -> list[Flowable]:
        out = self.paras(block.paragraphs)
        if block.signers:
            signed: list[Flowable] = [Spacer(1, 4 * mm)]
            for signer in block.signers:
                signed.append(self.para(signer.name, self.s.signature, signer.span))
                if signer.title:
                    signed.append(self.para(signer.title, self.s.signature))
                signed.append(Spacer(1, 4 * mm))
            out.append(KeepTogether(signed))
        return out

    def list_block(self, items: Iterable[m.BulletItem], numbered: bool, span: Span, depth: int = 0,
             parent: Node | None = None) -> list[Flowable]:
        """A bullet or numbered list, tagged like format 1's (``L``/``LI``/``Lbl``/``LBody``)."""
        style = self.s.bullets[min(depth, len(self.s.bullets) - 1)]
        out: list[Flowable] = []
        lst = Node("L", parent)
        for index, item in enumerate(items, 1):
            label = f"{index}." if numbered else ("•" if depth == 0 else "◦")
            flowable = self.rpara(item.text, style, item.span, bulletText=label)
            entry = Node("LI", lst)
            flowable.planpdf_label = Node("Lbl", entry)
            flowable.planpdf_tag = body = Node("LBody", entry)
            out.append(flowable)
            if item.children:
                out += self.list_block(item.children, numbered, item.span, depth + 1, body)
        return out

    def table2(self, table: m.TableBlock) -> Flowable:
        rows: list[list[Flowable]] = []
        if table.columns:
            rows.append([self.rpara(c, self.s.cell_head) for c in table.columns])
        rows += [[self.rpara(c, self.s.cell, table.span) for c in row] for row in table.rows]
        width = max(len(r) for r in rows)
        for row in rows:
            row += [Spacer(1, 1) for _ in range(width - len(row))]
        shares = list(table.widths) if len(table.widths) == width else [1] * width
        widths = [FRAME_WIDTH * w / sum(shares) for w in shares]
        return self._grid(rows, widths, bool(table.columns), table.span)

    # -- people ---------------------------------------------------------------------------

    def members2(self, block: m.MembersBlock, level: int) -> list[Flowable]:
        out: list[Flowable] = []
        heading = self.word("medlemmer") if block.heading is None else block.heading
        if heading:
            out.append(self.rheading(heading, level, block.span))
        lead = self.word("medlemmer_indledning") if block.lead is None else block.lead
        if lead:
            out.append(self.rpara(lead, span=block.span))
        if block.view == "sætninger":
            return out + [self.rpara(_sentence(p), span=p.span) for p in block.members]
        if block.view == "liste":
            items = [m.BulletItem(_bullet(p), (), p.span) for p in block.members]
            return out + self.list_block(items, False, block.span)
        head = [self.para(c, self.s.cell_head) for c in self.word("medlemmer_kolonner")]
        rows = [head]
        for p in block.members:
            org = p.organisation or ""
            if p.unit:
                org = f"{org} ({p.unit})" if org else p.unit
            rows.append([self._cell([p.name, *self._contact_lines(p)], p.span),
                         self.para(", ".join(x for x in (p.function, p.title) if x), self.s.cell),
                         self.para(org, self.s.cell), self.para(_role(p.role), self.s.cell)])
        widths = [x * FRAME_WIDTH for x in (0.25, 0.33, 0.27, 0.15)]
        return [*out, self._grid(rows, widths, True, block.span)]

    def _contact_lines(self, p: m.Person) -> list[str]:
        found = []
        if p.mail:
            found.append(f"{self.word('mail')}: {p.mail}")
        if p.phone:
            found.append(f"{self.word('telefon')} {p.phone.replace(' ', NBSP)}")
        return found

    def _cell(self, texts: list[str], span: Span | None) -> Flowable:
        """Several short texts in one cell, one after another (as a screen reader reads them)."""
        return self.para(", ".join(t for t in texts if t), self.s.cell, span)

    def contacts(self, block: m.ContactsBlock, level: int) -> list[Flowable]:
        out: list[Flowable] = []
        if block.heading:
            out.append(self.rheading(block.heading, level, block.span))
        rows = [[self.para(c, self.s.cell_head) for c in self.word("kontaktpersoner_kolonner")]]
        for p in block.people:
            who = ", ".join(x for x in (p.title, p.organisation) if x)
            rows.append([self._cell([p.name, who], p.span), self.para(p.topic or "", self.s.cell),
                         self._cell(self._contact_lines(p), None)])
        widths = [x * FRAME_WIDTH for x in (0.36, 0.30, 0.34)]
        return [*out, self._grid(rows, widths, True, block.span)]

    # -- sentences ------------------------------------------------------------------------

    def meetings2(self, block: m.MeetingsBlock) -> list[Flowable]:
        if block.sentence is not None:
            sentence = block.sentence
        else:
            who = block.who or wording.WHO_MEETS[self.plan.council.kind]
            sentence = wording.MEETS.format(count=danish.format_number(block.per_year or 1),
                                            who=who)
            sentence += (wording.MEETINGS_AS_NEEDED if block.as_needed else "") + "."
        return [self.rpara(sentence, span=block.span), *self.paras(block.text)]

    def event(self, ev: m.EventBlock) -> list[Flowable]:
        if ev.sentence is not None:
            sentence = ev.sentence
        else:
            at = f" {danish.format_time_range(ev.start, ev.end)}" if ev.start else ""
            sentence = wording.EVENT.format(what=ev.what or wording.EVENT_WHAT, time=at,
                                            date=danish.format_date_weekday(ev.date))
            if ev.theme:
                sentence += wording.EVENT_THEME.format(theme=ev.theme)
            sentence += "."
            if ev.place:
                sentence += f" {self.word('sted')}: {ev.place}."
        return [self.rpara(sentence, span=ev.span), *self.paras(ev.text)]

    # -- focus areas, initiatives, projects -----------------------------------------------

    def focus2(self, block: m.FocusBlock, level: int) -> list[Flowable]:
        out: list[Flowable] = []
        if block.heading:
            out.append(self.rheading(block.heading, level, block.span))
            level += 1
        out += self.paras(block.intro)
        labels = {**wording.STATUSES, **dict(block.statuses)}
        for area in block.areas:
            out += [CondPageBreak(28 * mm), self.rheading(area.title, level, area.span)]
            if area.status is not None:
                out.append(self._status(labels.get(area.status, area.status), area))
            out += self.paras(area.text) + self.paras(area.remark, self.s.remark)
        if block.outro:  # the group's own closing words, set apart from its last area
            out.append(Rule(width="30%", thickness=0.6, color=MUTED, spaceBefore=4,
                            spaceAfter=8, hAlign="LEFT"))
            out += self.paras(block.outro)
        if any(area.remark for area in block.areas):
            require_italics(self.s.fonts)
        return out

    def _status(self, label: str, area: m.Area) -> Flowable:
        if area.contact:
            label += f" – {self.word('kontaktperson')}: {area.contact}"  # wording.CONTACT's form
        colour = STATUS_COLOURS.get(area.status or "", _OTHER_STATUS)
        style = ParagraphStyle(f"status-{area.status}", parent=self.s.status, backColor=colour)
        text = join([bold(escape(f"{self.word('lokal_status')}:")), self.rich(label)])
        return MarkupParagraph(text, style)

    def initiatives(self, block: m.InitiativesBlock, level: int) -> list[Flowable]:
        names = self.word("initiativer_kolonner")
        values = [[i.title, *_initiative_values(i)] for i in block.items]
        if block.view == "kort":
            out: list[Flowable] = []
            for item, row in zip(block.items, values, strict=True):
                out.append(self.rheading(item.title, level, item.span))
                out += [MarkupParagraph(join([bold(escape(f"{name}:")), self.rich(value)]),
                                        self.s.body) for name, value in zip(names[1:], row[1:],
                                                                            strict=True) if value]
            return out
        used = [c for c in range(len(names)) if c == 0 or any(row[c] for row in values)]
        rows = [[self.para(names[c], self.s.cell_head) for c in used]]
        for item, row in zip(block.items, values, strict=True):
            rows.append([self.rpara(row[c], self.s.cell, item.span) for c in used])
        shares = [(2.2, 2.8, 1.8, 2, 1.4, 1.3)[c] for c in used]
        widths = [FRAME_WIDTH * s / sum(shares) for s in shares]
        return [self._grid(rows, widths, True, block.span)]

    def projects(self, block: m.ProjectsBlock) -> list[Flowable]:
        out = self.paras(block.intro)
        items = [m.BulletItem(p.title, tuple(m.BulletItem(wording.project_item_text(i), (), i.span)
                                             for i in p.items), p.span) for p in block.projects]
        if out:
            out[-1].keepWithNext = 1
        return out + self.list_block(items, False, block.span)

    def logo(self, img: m.Image) -> list[Flowable]:
        """The plan's logo, small, at the top left: a Figure with its /Alt (the alt text is
        required, and a logo names who issues the plan, so it is content, not decoration)."""
        shown = figure(img.data, img.alt, img.width_mm or LOGO_MM, img.span)
        shown.spaceBefore, shown.spaceAfter = 0, 8
        return [shown]

    def image(self, img: m.Image) -> list[Flowable]:
        out: list[Flowable] = [figure(img.data, img.alt, img.width_mm, img.span)]
        small = ParagraphStyle("credit", parent=self.s.body, fontSize=9, leading=11,
                               textColor=MUTED, spaceAfter=2)
        if img.caption:
            out.append(self.rpara(img.caption, small, img.span))
        if img.credit:
            out.append(self.rpara(img.credit, small, img.span))
        out[-1].spaceAfter = 8
        return out


def story2(plan: m.Plan, styles: Styles) -> list[Flowable]:
    """The flowables of a plan: front, contents list, the blocks in order, the sign-off."""
    b = BodyBuilder(styles, plan)
    out = b.front()
    if plan.toc:
        contents = b.contents()
        contents[0] = MarkupParagraph(escape(b.word("indhold")), styles.toc_title)
        out += contents
    out += b.body(plan.body, 0)
    if plan.approval:  # the same builder: its headings' bookmark keys go on counting
        out += signoff(b, plan.approval)
    return out


def _role(role: str | None) -> str:
    if role is None:
        return ""
    return wording.ROLES.get(role, role[:1].upper() + role[1:])


def _sentence(p: m.Person) -> str:
    """'Lokalpolitileder Claus Nørgaard, Silkeborg lokalpoliti (formand).'"""
    who = " ".join(x for x in (p.function or p.title, p.name) if x)
    text = ", ".join(x for x in (who, p.organisation, p.unit) if x)
    if p.role and p.role != "medlem":
        text += f" ({p.role})"
    return text + "."


def _bullet(p: m.Person) -> str:
    """'Titel Navn (Organisation), rolle'."""
    text = " ".join(x for x in (p.function or p.title, p.name) if x)
    if p.organisation:
        text += f" ({p.organisation})"
    if p.role and p.role != "medlem":
        text += f", {p.role}"
    return text


def _initiative_values(i: m.Initiative) -> list[str]:
    deadline = i.deadline
    when = danish.format_date_short(deadline) if not isinstance(deadline, str | None) else deadline
    return [i.goal or "", i.responsible or "", danish.join_list(list(i.partners)),
            when or "", i.status or ""]
