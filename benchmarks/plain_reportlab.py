"""Baseline for bench_build.py: the same text laid out by a plain ReportLab script, no planpdf.

What a competent developer would write by hand: read the YAML (``yaml.safe_load``), register the
same fonts, and lay out every text planpdf sets on A4: the paragraphs (justified, Danish
hyphenation), headings, the member table with its header row, each area's status, the meetings
and the conference with Danish dates, the projects' bullets, a running head and a footer with
"Side X af Y" (ReportLab's usual canvas that keeps the pages until their count is known). No
validation, no positions, no tagging, no PDF/A, no outline: that is planpdf's extra work.
tests/test_benchmark_baseline.py holds that it sets the same letters and digits as planpdf, on
as many pages. (Until 1 December 2026 it set 712 of the sample's 913 words, on 3 pages of 4:
no headings, statuses, table header, running head or meeting lines.)

    python benchmarks/plain_reportlab.py tests/data/billund-2010-format1.yaml OUT.pdf [--libyaml]

It reads format 1 (the sample plan's format until issue 9; the copy in tests/data/).
"""

from __future__ import annotations

import sys
from html import escape
from pathlib import Path
from typing import BinaryIO

import yaml
from babel.dates import format_date
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Table

FONTS = Path(__file__).resolve().parents[1] / "fonts"


def texts(value: object) -> list[str]:
    if isinstance(value, str):
        return [" ".join(p.split()) for p in value.split("\n\n") if p.strip()]
    if isinstance(value, list):
        return [t for v in value for t in texts(v)]
    return []


_REGISTERED: list[str] = []


def _fonts() -> None:
    """Register the two faces the sample uses, once per process (a warm worker would too)."""
    if not _REGISTERED:
        for face in ("Regular", "Bold"):
            pdfmetrics.registerFont(TTFont(f"C-{face}", str(FONTS / f"Carlito-{face}.ttf")))
            _REGISTERED.append(face)


STATUS = {"lokal_plan": "Lokal handleplan udarbejdet",
          "central_plan": "Henviser til central handleplan",
          "kontaktperson": "Central handleplan følges via kontaktperson",
          "ingen_plan": "Ingen lokal handleplan"}


def _danish_date(value: object) -> str:
    return format_date(value, "d. MMMM y", locale="da_DK")


class NumberedCanvas(Canvas):
    """ReportLab's well-known recipe for "Side X af Y": pages kept until the count is known."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, object]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        for state in self._pages:
            self.__dict__.update(state)
            self.setFont("C-Regular", 9)
            self.drawRightString(A4[0] - 25 * mm, 14 * mm,
                                 f"Side {self._pageNumber} af {len(self._pages)}")
            super().showPage()
        super().save()


def render(source: str | Path, target: str | BinaryIO, libyaml: bool = False) -> None:
    """Lay out the plan's text and write the PDF to ``target`` (a path or a binary stream);
    ``libyaml``: read the YAML with libyaml's ``CSafeLoader``, as planpdf reads it."""
    text = Path(source).read_text(encoding="utf-8")
    data = yaml.load(text, Loader=yaml.CSafeLoader) if libyaml else yaml.safe_load(text)
    _fonts()
    body = ParagraphStyle("b", fontName="C-Regular", fontSize=11, leading=15, spaceAfter=7,
                          alignment=TA_JUSTIFY, hyphenationLang="da_DK", embeddedHyphenation=1)
    head = ParagraphStyle("h", parent=body, fontName="C-Bold", fontSize=14, leading=18)

    def paras(value: object, style: ParagraphStyle = body) -> list[Paragraph]:
        return [Paragraph(escape(t), style) for t in texts(value)]

    council, year = data["råd"], data["år"]
    story = [*paras(f"{council['politikreds']} · {council['kommune']}"),
             *paras(f"Handlingsplan for {year}", head), *paras(council["navn"]),
             *paras("Formål", head), *paras(data.get("formål")), *paras(data.get("sammensætning")),
             *paras("Medlemmer", head), *paras("Medlemmerne er:")]

    small = ParagraphStyle("c", parent=body, fontSize=9.5, leading=12, spaceAfter=0,
                           alignment=TA_LEFT, hyphenationLang="")  # narrow columns: no hyphens

    def cell(*parts: object) -> Paragraph:
        return Paragraph(escape(" ".join(str(p) for p in parts if p)), small)

    rows = [[cell(h) for h in ("Navn", "Titel og funktion", "Organisation", "Rolle i rådet")]]
    for m in data["medlemmer"]:
        unit = f"({m['enhed']})" if m.get("enhed") else ""
        role = str(m.get("rolle", "")).capitalize()
        rows.append([cell(m["navn"]), cell(", ".join(x for x in (m.get("funktion"), m.get("titel"))
                                                     if x)),
                     cell(m.get("organisation"), unit), cell(role)])
    story.append(Table(rows, style=[("FONTNAME", (0, 0), (-1, -1), "C-Regular")], repeatRows=1))
    meetings = data["møder"]
    story += [*paras("Arbejdsform og møder", head), *paras(data.get("arbejdsform")),
              *paras(f"Lokalrådet mødes mindst {meetings['mindst_pr_år']} gange årligt"
                     + (" eller efter behov." if meetings.get("efter_behov") else ".")),
              *paras(meetings.get("tekst"))]
    plus = data["lokalråd_plus"]
    story += [*paras("Lokalråd+", head), *paras(plus.get("tekst"))]
    conf = plus["konference"]
    when = format_date(conf["dato"], "EEEE 'den' d. MMMM y", locale="da_DK")  # PyYAML: a date
    story += paras(f"Konferencen for {year} afvikles {when} kl. {conf['start']}–{conf['slut']} "
                   f"under temaet {conf['tema']}.")
    focus = data["fokusområder"]
    story += paras(focus["overskrift"], head)
    for group in focus["grupper"]:
        story += [*paras(group["overskrift"], head), *paras(group.get("indledning"))]
        for area in group["områder"]:
            story += [*paras(area["titel"], head),
                      *paras(f"Lokal status: {STATUS[area['status']]}"),
                      *paras(area.get("tekst"))]
        story += paras(group.get("afslutning"))
    prevention = data["forebyggelse"]
    story += [*paras(prevention["overskrift"], head), *paras(prevention.get("indledning"))]
    items = [ListItem([*paras(p["titel"]),
                       ListFlowable([ListItem(paras(i["tekst"].replace(
                           "{dato}", _danish_date(i.get("dato")))))
                                     for i in p["punkter"]],
                                    bulletType="bullet", bulletFontName="C-Regular", start="◦")])
             for p in prevention["projekter"]]
    story.append(ListFlowable(items, bulletType="bullet", bulletFontName="C-Regular"))
    story += [*paras("Afslutning", head), *paras(data.get("afslutning"))]
    running = (f"{council['navn']} · Handlingsplan for {year} · Udkast "
               f"{_danish_date(data['dato'])}")

    def margins(canvas: object, doc: object) -> None:
        canvas.setFont("C-Regular", 9)  # type: ignore[attr-defined]
        if doc.page > 1:  # type: ignore[attr-defined]
            canvas.drawString(25 * mm, A4[1] - 15 * mm, council["navn"])  # type: ignore[attr-defined]
            canvas.drawRightString(A4[0] - 25 * mm, A4[1] - 15 * mm,  # type: ignore[attr-defined]
                                   f"Handlingsplan for {year}")
        canvas.drawString(25 * mm, 14 * mm, running)  # type: ignore[attr-defined]

    doc = SimpleDocTemplate(target, pagesize=A4, leftMargin=25 * mm, rightMargin=25 * mm,
                            topMargin=27 * mm, bottomMargin=25 * mm, invariant=1,
                            initialFontName="C-Regular")
    doc.build(story, onFirstPage=margins, onLaterPages=margins, canvasmaker=NumberedCanvas)


if __name__ == "__main__":
    render(sys.argv[1], sys.argv[2], libyaml="--libyaml" in sys.argv[3:])
