"""Baseline for bench_build.py: the same text laid out by a plain ReportLab script, no planpdf.

What a competent developer would write by hand: read the YAML, register the same fonts, lay out
the same paragraphs (justified, Danish hyphenation), the member table and bullets on A4, with a
page number in the footer. No validation, no positions, no outline: that is planpdf's extra work.

    python benchmarks/plain_reportlab.py tests/data/billund-2010-format1.yaml OUT.pdf

It reads format 1 (the sample plan's format until issue 9; the copy in tests/data/).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import BinaryIO

import yaml
from babel.dates import format_date
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
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
    """Register the fonts once per process (a warm worker would too)."""
    if not _REGISTERED:
        for face in ("Regular", "Bold", "Italic", "BoldItalic"):
            pdfmetrics.registerFont(TTFont(f"C-{face}", str(FONTS / f"Carlito-{face}.ttf")))
            _REGISTERED.append(face)


def render(source: str | Path, target: str | BinaryIO) -> None:
    """Lay out the plan's text and write the PDF to ``target`` (a path or a binary stream)."""
    data = yaml.safe_load(Path(source).read_text(encoding="utf-8"))
    _fonts()
    body = ParagraphStyle("b", fontName="C-Regular", fontSize=11, leading=15, spaceAfter=7,
                          alignment=TA_JUSTIFY, hyphenationLang="da_DK", embeddedHyphenation=1)
    head = ParagraphStyle("h", parent=body, fontName="C-Bold", fontSize=14, leading=18)
    story = [Paragraph(f"Handlingsplan for {data['år']}", head),
             Paragraph(data["råd"]["navn"], body)]
    for key in ("formål", "sammensætning"):
        story += [Paragraph(t, body) for t in texts(data.get(key))]
    rows = [[Paragraph(str(m.get(k, "")), body) for k in ("navn", "titel", "organisation")]
            for m in data["medlemmer"]]
    story.append(Table(rows, style=[("FONTNAME", (0, 0), (-1, -1), "C-Regular")]))
    story += [Paragraph(t, body) for t in texts(data.get("arbejdsform"))]
    story += [Paragraph(t, body) for t in texts(data["møder"].get("tekst"))]
    plus = data["lokalråd_plus"]
    story += [Paragraph(t, body) for t in texts(plus.get("tekst"))]
    conf = plus["konference"]
    when = format_date(conf["dato"], "EEEE 'den' d. MMMM y", locale="da_DK")  # PyYAML: a date
    story.append(Paragraph(f"Konferencen afvikles {when} under temaet {conf['tema']}.", body))
    for group in data["fokusområder"]["grupper"]:
        story.append(Paragraph(group["overskrift"], head))
        story += [Paragraph(t, body) for t in texts(group.get("indledning"))]
        for area in group["områder"]:
            story.append(Paragraph(area["titel"], head))
            story += [Paragraph(t, body) for t in texts(area.get("tekst"))]
        story += [Paragraph(t, body) for t in texts(group.get("afslutning"))]
    prevention = data["forebyggelse"]
    story += [Paragraph(t, body) for t in texts(prevention.get("indledning"))]
    items = [ListItem([Paragraph(p["titel"], body),
                       ListFlowable([ListItem(Paragraph(i["tekst"], body)) for i in p["punkter"]],
                                    bulletType="bullet", bulletFontName="C-Regular")])
             for p in prevention["projekter"]]
    story.append(ListFlowable(items, bulletType="bullet", bulletFontName="C-Regular"))
    story += [Paragraph(t, body) for t in texts(data.get("afslutning"))]

    def footer(canvas: object, doc: object) -> None:
        canvas.setFont("C-Regular", 9)  # type: ignore[attr-defined]
        canvas.drawRightString(A4[0] - 25 * mm, 14 * mm, f"Side {doc.page}")  # type: ignore[attr-defined]

    doc = SimpleDocTemplate(target, pagesize=A4, leftMargin=25 * mm, rightMargin=25 * mm,
                            topMargin=27 * mm, bottomMargin=25 * mm, invariant=1,
                            initialFontName="C-Regular")
    doc.build(story, onFirstPage=footer, onLaterPages=footer)


if __name__ == "__main__":
    render(sys.argv[1], sys.argv[2])
