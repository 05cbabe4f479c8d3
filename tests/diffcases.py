"""Plans with known differences for the diff tests, written by editing the sample's YAML text."""

from __future__ import annotations

from pathlib import Path

from conftest import SAMPLE_FORMAT1

SECTIONS = """\
afsnit:
  - overskrift: Samarbejde med skolerne
    tekst: >
      SSP-konsulenterne mødes med skolernes ledelse hvert kvartal og drøfter trygheden
      i skolegården og på vejen til og fra skole.
  - overskrift: Kommunikation
    tekst: >
      Lokalrådet orienterer borgerne om sit arbejde via kommunens hjemmeside og
      lokalavisen mindst to gange om året.
  - overskrift: Evaluering
    tekst: >
      Handlingsplanen evalueres på årets sidste møde, og erfaringerne indgår i
      næste års plan.

"""

SECTIONS_2011 = """\
afsnit:
  - overskrift: Evaluering
    tekst: >
      Handlingsplanen evalueres på årets sidste møde, og erfaringerne indgår i
      næste års plan.
  - overskrift: Samarbejde med skolerne
    tekst: >
      SSP-konsulenterne mødes med skolernes ledelse hvert kvartal og drøfter trygheden
      i skolegården og på vejen til og fra skole.
  - overskrift: Kommunikation og presse
    tekst: >
      Lokalrådet orienterer borgerne om sit arbejde via kommunens hjemmeside og
      lokalavisen mindst to gange om året.

"""


def replace_once(text: str, old: str, new: str) -> str:
    """Replace exactly one occurrence (so a test edit cannot silently miss)."""
    assert text.count(old) == 1, old
    return text.replace(old, new)


def plan_2010() -> str:
    """The sample plan (its format 1 text) plus three free sections."""
    text = SAMPLE_FORMAT1.read_text(encoding="utf-8")
    return replace_once(text, "afslutning: |", SECTIONS + "afslutning: |")


def plan_2011() -> str:
    """The 2011 variant: each edit here is one expected change in EXPECTED."""
    text = plan_2010()
    text = replace_once(text, "år: 2010\ndato: 2010-01-01", "år: 2011\ndato: 2011-01-01")
    text = replace_once(text, "  - navn: Kim Søgaard\n", "  - navn: Lise Berg\n")
    text = replace_once(text, "kriminalitetsudviklingen,", "kriminalitetsbilledet,")
    text = replace_once(text, "dato: 2010-11-24", "dato: 2011-11-23")
    text = replace_once(text, "overskrift: Sydøstjyllands Politis øvrige fokusområder",
                        "overskrift: Sydøstjyllands Politis egne fokusområder")
    text = replace_once(text, "          status: ingen_plan\n          tekst: Ingen lokal plan",
                        "          status: lokal_plan\n          tekst: Ingen lokal plan")
    return replace_once(text, SECTIONS, SECTIONS_2011)


EXPECTED = {
    ("changed", "år"),
    ("changed", "dato"),
    ("removed", "medlemmer/kim-soegaard"),
    ("added", "medlemmer/lise-berg"),
    ("changed", "arbejdsform/1"),
    ("changed", "lokalråd_plus/konference/dato"),
    ("renamed", "fokusområder/kredsens"),
    ("status", "fokusområder/kredsens/it-kriminalitet"),
    ("moved", "afsnit/evaluering"),
    ("renamed", "afsnit/kommunikation-og-presse"),
}


def write_pair(folder: Path) -> tuple[Path, Path]:
    """billund-2010.yaml and billund-2011.yaml in ``folder``."""
    a, b = folder / "billund-2010.yaml", folder / "billund-2011.yaml"
    a.write_text(plan_2010(), encoding="utf-8")
    b.write_text(plan_2011(), encoding="utf-8")
    return a, b


def word_processor_pdf(out: Path, paragraphs: list[str] | list[str | list[str]],
                       width: int = 80) -> Path:
    """A PDF without embedded source, as from a word processor: plain canvas text lines; a
    paragraph given as a list of lines is broken there, as a hyphenating word processor would."""
    import textwrap

    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(out), invariant=1)
    y = 800.0
    for paragraph in paragraphs:
        lines = paragraph if isinstance(paragraph, list) else textwrap.wrap(paragraph, width)
        for line in lines:
            canvas.drawString(60, y, line)
            y -= 14
        y -= 14
    canvas.showPage()
    canvas.save()
    return out
