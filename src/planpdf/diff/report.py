"""DiffResult → the change report PDF ("Ændringer fra 2010 til 2011"), with the plans' layout.

Same fonts, styles, page template, header/footer and "Side X af Y" as a plan. User text passes
through ``layout.markup.markup`` (escaping) before it is wrapped in planpdf's own markup
(``struck``: deletions in red, ``underlined``: insertions in green); the paragraphs are
``MarkupParagraph``s, which take nothing else. A changed passage is a ``MarkedParagraph``, which
draws its marks from the words' places and gives each marked run the replacement text
``[slettet: …]`` or ``[tilføjet: …]`` for copied text and screen readers. ReportLab's
``invariant`` mode and a date from the caller make the bytes deterministic.
"""

from __future__ import annotations

import io
from datetime import date
from functools import partial

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from .. import __version__, wording
from ..layout.blocks import Heading, StoryBuilder
from ..layout.fonts import FontSet, require_italics
from ..layout.marked import MarkedParagraph
from ..layout.markup import Markup, MarkupParagraph, bold, join, markup, struck, underlined
from ..layout.pages import PageDecor, PlanCanvas, PlanDocTemplate
from ..layout.styles import ACCENT, FRAME_WIDTH, MUTED, Styles, make_styles
from ..layout.tagging import Rule
from ..pdfa import finish_document
from .changes import Change, DiffResult
from .output import by_section, count_text, describe, place, shown, title, two_councils

DELETED = "#b3261e"  # red
INSERTED = "#1e7b34"  # green
# What a deletion and an insertion say in the text layer (copied text, screen readers).
SPOKEN = {"strike": (f"[{wording.DELETED}: ", "]"), "underline": (f"[{wording.INSERTED}: ", "]")}


def _deleted(text: str) -> Markup:
    return struck(markup(text), DELETED)


def _inserted(text: str) -> Markup:
    return underlined(markup(text), INSERTED)


def passage_markup(change: Change) -> Markup:
    """The changed passage as paragraph markup: old struck through, new underlined."""
    if change.words:
        parts: list[Markup] = []
        for op in change.words:
            if op.op == "equal":
                parts.append(markup(op.text))
            elif op.op == "delete":
                parts.append(_deleted(op.text))
            else:
                parts.append(_inserted(op.text))
        return join(parts)
    if change.kind == "added":
        return _inserted(shown(change.field, change.new) if change.new else change.label)
    if change.kind == "removed":
        return _deleted(shown(change.field, change.old) if change.old else change.label)
    return join([_deleted(shown(change.field, change.old)),
                 _inserted(shown(change.field, change.new))], " → ")


class _ReportBuilder(StoryBuilder):
    def __init__(self, styles: Styles) -> None:
        super().__init__(styles)
        require_italics(styles.fonts)  # the legend and the text-only note are in italics
        self.label = ParagraphStyle("diff_label", parent=styles.cell, textColor=MUTED,
                                    spaceBefore=6, spaceAfter=1, keepWithNext=1)
        self.side = ParagraphStyle("diff_side", parent=styles.kicker, spaceAfter=1)
        self.files = ParagraphStyle("diff_files", parent=styles.cell, textColor=MUTED,
                                    spaceBefore=14)
        self.passage = ParagraphStyle("diff_passage", parent=styles.body, leftIndent=8,
                                      spaceAfter=4, alignment=TA_LEFT)  # ragged: no wide gaps

    def report(self, result: DiffResult) -> list[Flowable]:
        both = two_councils(result)
        story: list[Flowable] = [
            self.para(wording.SIDE.format(side=wording.SIDE_FROM, what=describe(result.a, both)),
                      self.side),
            self.para(wording.SIDE.format(side=wording.SIDE_TO, what=describe(result.b, both)),
                      self.s.kicker),
            Heading(_title(result), self.s.title, 0, "title", None),
        ]
        council = councils(result)
        if council:
            story.append(self.para(council, self.s.subtitle))
        story.append(Rule(width="100%", thickness=1.2, color=ACCENT, spaceBefore=6,
                                spaceAfter=10))
        for warning in result.warnings:  # what the terminal warns about, the report says too
            text = warning if warning.endswith((".", "!", "?")) else f"{warning}."
            story.append(self.para(wording.NOTE.format(text=text), self.s.remark))
        if result.mode == "tekst":
            without = result.a if not result.a.embedded_source and result.a.type == "pdf" \
                else result.b
            story.append(self.para(wording.TEXT_ONLY.format(file=without.file), self.s.remark))
        if not result.changes:
            story.append(self.para(wording.NO_CHANGES_REPORT))
            story.append(self._files(result))
            return story
        story.append(self.heading(wording.SUMMARY, 0))
        story.append(self.summary(result))
        story.append(self.para(wording.LEGEND, self.s.remark))
        for section, changes in by_section(result.changes).items():
            story.append(self.heading(section, 0))
            for change in changes:  # the label keeps with its passage, a heading with both
                story.append(MarkupParagraph(self._label(change), self.label))  # (keepWithNext;
                story.append(MarkedParagraph(passage_markup(change), self.passage, SPOKEN))
                # a KeepTogether here would break the heading's keepWithNext, which skips it)
        story.append(self._files(result))
        return story

    def _files(self, result: DiffResult) -> Flowable:
        return self.para(wording.FILES.format(a=result.a.file, b=result.b.file), self.files)

    def _label(self, change: Change) -> Markup:
        kind = wording.KINDS[change.kind].capitalize()
        return join([bold(markup(kind)), markup(place(change))], " · ")

    def summary(self, result: DiffResult) -> Flowable:
        head = [self.para(c, self.s.cell_head) for c in wording.SUMMARY_COLUMNS]
        rows = [head]
        totals = [0, 0, 0, 0, 0]
        for section, changes in by_section(result.changes).items():
            kinds = [c.kind for c in changes]
            counts = [kinds.count("added"), kinds.count("removed"),
                      kinds.count("changed") + kinds.count("status"),
                      kinds.count("renamed") + kinds.count("moved"), len(kinds)]
            totals = [t + n for t, n in zip(totals, counts, strict=True)]
            rows.append([self.para(section, self.s.cell),
                         *(self.para(str(n) if n else "–", self.s.cell) for n in counts)])
        rows.append([self.para(wording.TOTAL, self.s.cell_head),
                     *(self.para(str(n), self.s.cell_head) for n in totals)])
        widths = [FRAME_WIDTH * x for x in (0.31, 0.13, 0.13, 0.13, 0.17, 0.13)]
        return self._grid(rows, widths, True, None)


def councils(result: DiffResult) -> str:
    """The council, or both councils when two are compared ('' when unknown)."""
    if two_councils(result):
        return wording.BOTH.format(a=result.a.council, b=result.b.council)
    return result.b.council or result.a.council or ""


def _title(result: DiffResult) -> str:
    text = title(result)
    return f"{text} ({wording.TEXT_ONLY_TAG})" if result.mode == "tekst" else text


def render_report(result: DiffResult, fonts: FontSet, pdf_date: date) -> tuple[bytes, int]:
    """The change report as PDF bytes, and its page count."""
    heading = _title(result)
    council = councils(result)
    footer = f"{council} · {heading}" if council else heading
    decor = PageDecor(header_left=council, header_right=heading, footer_left=footer,
                      font=fonts.regular, bold_font=fonts.bold,
                      footer_note=count_text(len(result.changes)))
    buffer = io.BytesIO()
    doc = PlanDocTemplate(
        buffer, title=heading, author=council, subject=wording.CHANGES_SUBJECT.format(council=council),
        keywords=", ".join(wording.CHANGES_KEYWORDS), creator=f"planpdf {__version__}", lang="da-DK",
        invariant=1, initialFontName=fonts.regular)
    story = _ReportBuilder(make_styles(fonts)).report(result)
    # PDF/A-3u and PDF/UA-1 as a plan (layout.tagging tags it; no edition keys or source)
    doc.build(story, canvasmaker=partial(PlanCanvas, decor=decor, pdf_date=pdf_date,
                                         on_save=partial(finish_document, pdf_date=pdf_date)))
    return buffer.getvalue(), doc.page

