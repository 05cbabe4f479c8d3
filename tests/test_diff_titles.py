"""The change report's titles and labels: which editions are compared, in plain Danish.

Issue 13: draft → approved of one year was titled 'Ændringer fra 2011 til 2011'; two councils
got the same title and the name of one council, and the PDF did not say they were two; the first
line was two file paths; labels read 'År (år)', 'Dato (dato)', 'Rådets navn (navn)'; a value
that appeared where there was none was 'ændret' from an empty value.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import flat, pdf_text, write
from diffcases import plan_2010, plan_2011, replace_once
from planpdf.content.load import load_text
from planpdf.diff.compare import compare_plans
from planpdf.diff.output import place

APPROVAL = ("status: godkendt\ngodkendelse:\n  dato: 2011-02-15\n  af: Jørn Lykkebak\n"
            "  rolle: formand\n")


def _approved(text: str) -> str:
    return replace_once(text, "dato: 2011-01-01\n", "dato: 2011-01-01\n" + APPROVAL)


def _vejle(text: str) -> str:
    return replace_once(text, "navn: Lokalrådet i Billund kommune",
                        "navn: Lokalrådet i Vejle kommune")


CASES = {
    "two years": (plan_2010, plan_2011, "Ændringer fra 2010 til 2011",
                  ["Fra: Handlingsplan for 2010, udkast 1. januar 2010",
                   "Til: Handlingsplan for 2011, udkast 1. januar 2011"]),
    "draft to approved": (plan_2011, lambda: _approved(plan_2011()),
                          "Ændringer i planen for 2011 fra udkast til godkendt 15. februar 2011",
                          ["Fra: Handlingsplan for 2011, udkast 1. januar 2011",
                           "Til: Handlingsplan for 2011, godkendt 15. februar 2011"]),
    "two councils": (plan_2010, lambda: _vejle(plan_2010()),
                     "Forskelle mellem to råds planer for 2010",
                     ["Fra: Lokalrådet i Billund kommune – Handlingsplan for 2010, udkast 1. januar "
                      "2010", "Til: Lokalrådet i Vejle kommune – Handlingsplan for 2010, udkast 1. "
                      "januar 2010"]),
    "two councils, two years": (plan_2010, lambda: _vejle(plan_2011()),
                                "Forskelle mellem to råds planer for 2010 og 2011", []),
    "two drafts of a year": (plan_2011, lambda: replace_once(plan_2011(), "dato: 2011-01-01",
                                                              "dato: 2011-01-20"),
                             "Ændringer i planen for 2011 fra udkast 1. januar 2011 til udkast "
                             "20. januar 2011", []),
}


@pytest.mark.parametrize("case", list(CASES))
def test_titles_name_the_compared_editions(cli, tmp_path: Path, case: str) -> None:
    """Two years of one council, two editions of one year and two councils each get their own
    title, in the terminal, the JSON and the report; the report's first lines name the editions
    ('Fra: Handlingsplan for 2010, udkast 1. januar 2010'), not file paths."""
    make_a, make_b, title, sides = CASES[case]
    a = write(tmp_path / "archive" / "billund" / "a-70e78bbb32e8.yaml", make_a())
    b = write(tmp_path / "b.yaml", make_b())
    report = tmp_path / "r.pdf"
    result = cli("diff", a, b, "-o", report, "--no-color")
    assert result.code == 0, result.err
    assert result.out.splitlines()[1].startswith(title + "  (")
    data = json.loads(cli("diff", a, b, "--json").out)
    assert data["title"] == title
    first = flat(pdf_text(report)[0])  # pypdf reads the footer first, then the page
    start = first.index(" ".join(sides)) if sides else 0
    heading = first.index(title, start)
    assert "a-70e78bbb32e8" not in first[:heading]  # no file path above the title
    # a long path wraps at any character, so the line ends are taken out on both sides
    files = "".join(f"Sammenlignede filer: {a} og {b}".split())
    assert files in "".join(" ".join(pdf_text(report)).split())


def test_two_councils_are_named_both_and_warned_about_in_the_report(cli, tmp_path: Path) -> None:
    """Two councils' plans: the report's subtitle, header and metadata name both councils, and
    the terminal's warning is printed in the report too."""
    from pypdf import PdfReader

    a = write(tmp_path / "a.yaml", plan_2010())
    b = write(tmp_path / "b.yaml", _vejle(plan_2010()))
    report = tmp_path / "r.pdf"
    result = cli("diff", a, b, "-o", report)
    assert "warning: planerne er fra to forskellige råd" in result.err
    text = flat(" ".join(pdf_text(report)))
    both = "Lokalrådet i Billund kommune og Lokalrådet i Vejle kommune"
    assert both in text
    assert f"Bemærk: planerne er fra to forskellige råd: {both}." in text
    assert PdfReader(report).metadata.author == both


def test_json_describes_each_edition(cli, tmp_path: Path) -> None:
    """The JSON's a and b carry (added keys) the status, the approval date and a description."""
    a = write(tmp_path / "a.yaml", plan_2011())
    b = write(tmp_path / "b.yaml", _approved(plan_2011()))
    data = json.loads(cli("diff", a, b, "--json").out)
    assert {k: data["a"][k] for k in ("status", "approved_date", "edition")} == {
        "status": "udkast", "approved_date": None,
        "edition": "Handlingsplan for 2011, udkast 1. januar 2011"}
    assert {k: data["b"][k] for k in ("status", "approved_date", "edition")} == {
        "status": "godkendt", "approved_date": "2011-02-15",
        "edition": "Handlingsplan for 2011, godkendt 15. februar 2011"}
    assert {"file", "type", "embedded_source", "year", "council"} <= set(data["a"])


def test_labels_are_plain_danish_and_values_that_appear_are_added() -> None:
    """Labels name things in Danish ('Planens år', 'Rådets navn', 'Carsten Ørum, enhed'), never
    'År (år)'; a value where there was none is 'added', one that is gone 'removed'."""
    a = plan_2010()
    b = _approved(replace_once(plan_2011(), "navn: Lokalrådet i Billund kommune",
                               "navn: Lokalrådet i Billund og Grindsted"))
    b = replace_once(b, "    enhed: Lokalsektionen\n", "")
    b = replace_once(b, "mindst_pr_år: 4", "mindst_pr_år: 6")
    a = replace_once(a, "    enhed: Grænsesektionen\n", "")
    changes = compare_plans(load_text("a.yaml", a).plan, load_text("b.yaml", b).plan)
    got = {(c.kind, c.path): place(c) for c in changes}
    assert got[("changed", "år")] == "Planens år"
    assert got[("changed", "dato")] == "Udgavens dato"
    assert got[("changed", "råd/navn")] == "Rådets navn"
    assert got[("changed", "status")] == "Udgavens status"
    assert got[("added", "godkendelse/af")] == "Godkendt af"
    assert got[("added", "godkendelse/dato")] == "Godkendelsesdato"
    assert got[("changed", "møder/mindst_pr_år")] == "Møder pr. år"
    assert got[("changed", "lokalråd_plus/konference/dato")] == "Konferencen, dato"
    assert got[("removed", "medlemmer/carsten-oerum/enhed")] == "Carsten Ørum, enhed"
    added_unit = [c for c in changes if c.path.endswith("/enhed") and c.kind == "added"]
    assert [(c.old, c.new) for c in added_unit] == [(None, "Grænsesektionen")]
    for label in got.values():
        assert "(" not in label, label
    assert not [c for c in changes if c.kind == "changed" and (c.old is None or c.new is None)]


def test_text_labels_name_the_part_and_number(cli, tmp_path: Path) -> None:
    """A project's items are 'punkt n', a section's text 'afsnit n' without '– tekst'."""
    a = plan_2010()
    b = replace_once(a, "          dato: 2010-03-18", "          dato: 2011-03-17")
    changes = compare_plans(load_text("a.yaml", a).plan, load_text("b.yaml", b).plan)
    assert [place(c) for c in changes] == [
        "Projekt om sammenhæng mellem brug af dopingmidler og kriminalitet mv., punkt 1"]
    for change in compare_plans(load_text("a.yaml", a).plan,
                                load_text("b.yaml", plan_2011()).plan):
        assert "–" not in place(change) and "tekst" not in place(change), place(change)
