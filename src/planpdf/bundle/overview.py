"""The overview across councils: focus areas × councils with each council's status as text,
and the councils in numbers (members, projects, dated items, conference and events).

Tables are tagged as the plans' tables are (``layout.tagging``): ``Table`` → ``THead``/``TBody``
→ ``TR`` → ``TH``/``TD``; the column headers have ``/Scope /Column`` and the first cell of each
row (the focus area, the council) is a ``TH`` with ``/Scope /Row``. A status is always written
out; the background colour only repeats it.
"""

from __future__ import annotations

from itertools import pairwise

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Table, TableStyle

from .. import danish, wording
from ..layout.markup import MarkupParagraph, escape
from ..layout.styles import ACCENT, FRAME_WIDTH, RULE, STATUS_COLOURS, TABLE_HEAD, Styles
from ..layout.tagging import Node, TableTags
from . import words
from .summary import CouncilSummary, Event

COUNCILS_PER_TABLE = 5  # status columns beside the focus area's on a portrait A4 page
AREA_WIDTH = 0.34 * FRAME_WIDTH


def focus_rows(summaries: list[CouncilSummary]) -> list[tuple[str, list[str | None]]]:
    """Each focus area (in the order first met) and each council's status or None."""
    titles: dict[str, str] = {}
    status: dict[tuple[str, int], str | None] = {}
    for index, summary in enumerate(summaries):
        for area in summary.focus:
            titles.setdefault(area.key, area.title)
            status[area.key, index] = area.status or ""
    return [(title, [status.get((key, i)) for i in range(len(summaries))])
            for key, title in titles.items()]


def status_text(status: str | None) -> str:
    """The cell's words: the short status (or a plan's own), "nævnt, uden status", or "—"
    (not in the plan)."""
    if status is None:
        return words.NONE
    # one of the four statuses by its short name; a plan's own status (format 2) as written
    return words.STATUS_SHORT.get(status, status) if status else words.NO_STATUS


def chunks(count: int, size: int = COUNCILS_PER_TABLE) -> list[range]:
    """``count`` councils in tables of at most ``size`` columns, as even as can be."""
    tables = max(1, -(-count // size))
    bounds = [round(i * count / tables) for i in range(tables + 1)]
    return [range(a, b) for a, b in pairwise(bounds) if b > a]


class OverviewBuilder:
    """The overview's flowables, in the styles of the plans."""

    def __init__(self, styles: Styles) -> None:
        self.s = styles
        self.cell = ParagraphStyle("overview-cell", parent=styles.cell, fontSize=8.5,
                                   leading=10.5)
        self.head = ParagraphStyle("overview-head", parent=self.cell, fontName=styles.fonts.bold,
                                   textColor=ACCENT)

    def focus_tables(self, summaries: list[CouncilSummary]) -> list[tuple[str, Flowable]]:
        """The focus-area tables, each with its heading (several when there are many councils)."""
        rows = focus_rows(summaries)
        parts = chunks(len(summaries))
        out: list[tuple[str, Flowable]] = []
        for number, part in enumerate(parts, 1):
            title = words.FOCUS if len(parts) == 1 else words.FOCUS_PART.format(
                part=number, parts=len(parts))
            head = [words.FOCUS_COLUMN, *(summaries[i].council for i in part)]
            body = [[title_, *(status_text(statuses[i]) for i in part)]
                    for title_, statuses in rows]
            colours = [[statuses[i] for i in part] for _title, statuses in rows]
            width = (FRAME_WIDTH - AREA_WIDTH) / len(part)
            out.append((title, self.table(head, body, [AREA_WIDTH] + [width] * len(part),
                                          colours)))
        return out

    def legend(self) -> Flowable:
        items = [words.LEGEND_ITEM.format(short=short, long=wording.STATUSES[key])
                 for key, short in words.STATUS_SHORT.items()]
        return MarkupParagraph(escape(words.LEGEND.format(items="; ".join(items))), self.cell)

    def numbers_table(self, summaries: list[CouncilSummary], year: int) -> Flowable:
        """Members, projects, the projects' dated items and the events, per council."""
        head = [c.format(year=year) for c in words.NUMBER_COLUMNS]
        body = [[s.council, danish.format_number(s.members), danish.format_number(s.projects),
                 ", ".join(danish.format_date(d) for d in s.dated_items) or words.NONE,
                 "; ".join(event_text(e) for e in s.events) or words.NONE]
                for s in summaries]
        widths = [x * FRAME_WIDTH for x in (0.27, 0.12, 0.11, 0.22, 0.28)]
        return self.table(head, body, widths, None)

    def table(self, head: list[str], body: list[list[str]], widths: list[float],
              statuses: list[list[str | None]] | None) -> Flowable:
        """A tagged table: column headers, and a row header in each row's first cell."""
        node = Node("Table")
        thead, tbody = Node("THead", node), Node("TBody", node)
        head_row = Node("TR", thead)
        rows: list[list[Flowable]] = [[self._cell(t, self.head, Node("TH", head_row,
                                                                    scope="Column"))
                                       for t in head]]
        for values in body:
            tr = Node("TR", tbody)
            rows.append([self._cell(values[0], self.head, Node("TH", tr, scope="Row")),
                         *(self._cell(v, self.cell, Node("TD", tr)) for v in values[1:])])
        commands: list[tuple[object, ...]] = [
            ("FONTNAME", (0, 0), (-1, -1), self.s.fonts.regular),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("GRID", (0, 0), (-1, -1), 0.4, RULE),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
            ("BACKGROUND", (0, 0), (-1, 0), TABLE_HEAD),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
        for r, row in enumerate(statuses or (), 1):
            commands += [("BACKGROUND", (c, r), (c, r), STATUS_COLOURS[value])
                         for c, value in enumerate(row, 1) if value in STATUS_COLOURS]
        return Table(rows, colWidths=widths, repeatRows=1, style=TableStyle(commands),
                     spaceBefore=2, spaceAfter=8, hAlign="LEFT", renderCB=TableTags())

    @staticmethod
    def _cell(text: str, style: ParagraphStyle, node: Node) -> Flowable:
        cell = MarkupParagraph(escape(text), style)
        cell.planpdf_tag = node
        return cell


def event_text(event: Event) -> str:
    """``onsdag den 23. november 2011, kl. 17.00–21.00: tema``."""
    at = f", {danish.format_time_range(event.start, event.end)}" if event.start else ""
    return words.EVENT.format(date=danish.format_date_weekday(event.date), time=at,
                              theme=event.theme)
