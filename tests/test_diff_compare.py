"""Structural comparison of two plans: the exact changes, matching, renames and moves."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from diffcases import EXPECTED, plan_2010, plan_2011, replace_once, write_pair
from planpdf.content.load import load_text
from planpdf.diff.compare import compare_plans


def _changes(a_text: str, b_text: str) -> list:
    return compare_plans(load_text("a.yaml", a_text).plan, load_text("b.yaml", b_text).plan)


def test_json_lists_exactly_the_known_changes(cli, tmp_path: Path) -> None:
    """The JSON of 2010 → 2011 holds exactly the edits made, each with its old and new value."""
    a, b = write_pair(tmp_path)
    result = cli("diff", a, b, "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["format"] == 1 and data["mode"] == "struktur" and data["text_only"] is False
    assert data["title"] == "Ændringer fra 2010 til 2011"
    assert (data["a"]["year"], data["b"]["year"]) == (2010, 2011)
    assert {(c["kind"], c["path"]) for c in data["changes"]} == EXPECTED
    assert len(data["changes"]) == len(EXPECTED)
    by_path = {c["path"]: c for c in data["changes"]}
    status = by_path["fokusområder/kredsens/it-kriminalitet"]
    assert (status["old"], status["new"]) == ("ingen_plan", "lokal_plan")
    conference = by_path["lokalråd_plus/konference/dato"]
    assert (conference["old"], conference["new"]) == ("2010-11-24", "2011-11-23")
    renamed = by_path["afsnit/kommunikation-og-presse"]
    assert (renamed["old"], renamed["new"]) == ("Kommunikation", "Kommunikation og presse")
    group = by_path["fokusområder/kredsens"]
    assert group["old"] == "Sydøstjyllands Politis øvrige fokusområder"
    assert "Lise Berg" in by_path["medlemmer/lise-berg"]["new"]
    words = [w for w in by_path["arbejdsform/1"]["words"] if w["op"] != "equal"]
    assert words == [{"op": "delete", "text": "kriminalitetsudviklingen,"},
                     {"op": "insert", "text": "kriminalitetsbilledet,"}]
    moved = by_path["afsnit/evaluering"]
    assert (moved["old"], moved["new"]) == ("øverste niveau, nr. 3", "øverste niveau, nr. 1")


def test_reindented_and_rewrapped_yaml_is_no_change(cli, tmp_path: Path) -> None:
    """Re-indenting, re-wrapping and re-quoting the YAML compares as 'Ingen ændringer', exit 0."""
    original = plan_2010()
    dumped = yaml.safe_dump(yaml.safe_load(original), allow_unicode=True, sort_keys=False,
                            indent=4, width=45)
    rewrapped = replace_once(
        original,
        "  Lokalrådet drøfter spørgsmål vedrørende kommunernes og politiets forebyggelse og",
        "  Lokalrådet drøfter spørgsmål\n  vedrørende kommunernes og politiets\n"
        "  forebyggelse      og")
    a = tmp_path / "a.yaml"
    a.write_text(original, encoding="utf-8")
    for name, text in (("dumped.yaml", dumped), ("rewrapped.yaml", rewrapped)):
        assert text != original
        b = tmp_path / name
        b.write_text(text, encoding="utf-8")
        result = cli("diff", a, b, "--exit-code")
        assert result.code == 0, result.out + result.err
        assert "Ingen ændringer" in result.out
        assert json.loads(cli("diff", a, b, "--json").out)["changes"] == []


def test_exit_code_flag_reports_differences(cli, tmp_path: Path) -> None:
    """Without --exit-code a difference exits 0; with it, 1 (and 0 again for equal plans)."""
    a, b = write_pair(tmp_path)
    assert cli("diff", a, b).code == 0
    assert cli("diff", a, b, "--exit-code").code == 1
    assert cli("diff", a, a, "--exit-code").code == 0


def test_focus_area_without_id_renamed_is_matched_by_title_and_text() -> None:
    """Without ids, a focus area with a changed title but the same text is renamed, not re-added."""
    a, count = re.subn(r"        - id: [a-z-]+\n          titel:", "        - titel:", plan_2010())
    assert count == 12  # every focus area lost its id
    b = replace_once(a, "titel: Indsatsen mod IT-kriminalitet",
                     "titel: Indsatsen mod it- og netkriminalitet")
    b = replace_once(b, "titel: Indsatsen mod fodboldbøller\n          status: central_plan",
                     "titel: Indsatsen mod fodboldbøller\n          status: lokal_plan")
    changes = _changes(a, b)
    assert [(c.kind, c.path, c.old, c.new) for c in changes] == [
        ("status", "fokusområder/kredsens/indsatsen-mod-fodboldboeller", "central_plan",
         "lokal_plan"),
        ("renamed", "fokusområder/kredsens/indsatsen-mod-it-og-netkriminalitet",
         "Indsatsen mod IT-kriminalitet", "Indsatsen mod it- og netkriminalitet"),
    ]


def test_area_with_new_title_and_new_text_is_removed_and_added() -> None:
    """Below the similarity threshold a focus area is one removed and one added, not a rename."""
    a = plan_2010()
    b = replace_once(a, "          titel: Indsatsen mod IT-kriminalitet\n"
                     "          status: ingen_plan\n"
                     "          tekst: Ingen lokal plan udarbejdet.",
                     "          titel: Tryghed i nattelivet\n          status: lokal_plan\n"
                     "          tekst: Fælles vagtordning med byens værtshuse fra maj.")
    b = replace_once(b, "- id: it-kriminalitet", "- id: nattelivet")
    kinds = {(c.kind, c.path) for c in _changes(a, b)}
    assert kinds == {("removed", "fokusområder/kredsens/it-kriminalitet"),
                     ("added", "fokusområder/kredsens/nattelivet")}


def test_one_word_in_a_long_paragraph_shows_only_that_word() -> None:
    """Changing one word of the long district paragraph yields one delete and one insert."""
    a = plan_2010()
    b = replace_once(a, "tidlig, helhedsorienteret", "tidlig, målrettet")
    (change,) = _changes(a, b)
    assert change.path == "fokusområder/kredsens/indledning/1"
    assert [(w.op, w.text) for w in change.words if w.op != "equal"] == [
        ("delete", "helhedsorienteret,"), ("insert", "målrettet,")]


def test_member_fields_conference_and_meetings_changes() -> None:
    """A member's new unit and role, the conference's time and theme and the meeting rule."""
    a = plan_2010()
    b = replace_once(a, "    enhed: Lokalsektionen\n",
                     "    enhed: Grænsesektionen\n    rolle: næstformand\n")
    b = replace_once(b, 'slut: "21.00"', 'slut: "22.00"')
    b = replace_once(b, "tema: blandingsmisbrug mellem børn og unge", "tema: tryghed i nattelivet")
    b = replace_once(b, "mindst_pr_år: 4", "mindst_pr_år: 6")
    got = {(c.kind, c.path, c.old, c.new) for c in _changes(a, b)}
    assert got == {
        ("changed", "medlemmer/carsten-oerum/enhed", "Lokalsektionen", "Grænsesektionen"),
        ("changed", "medlemmer/carsten-oerum/rolle", "medlem", "næstformand"),
        ("changed", "lokalråd_plus/konference/tid", "17.00–21.00", "17.00–22.00"),
        ("changed", "lokalråd_plus/konference/tema", "blandingsmisbrug mellem børn og unge",
         "tryghed i nattelivet"),
        ("changed", "møder/mindst_pr_år", "4", "6"),
    }


def test_project_items_added_and_date_changed() -> None:
    """A project's dated item with a new date is a changed item; a new item is an added one."""
    a = plan_2010()
    b = replace_once(a, "          dato: 2010-03-18", "          dato: 2011-03-17")
    b = replace_once(b, "en lille del af Tema/konferencedagen.\n",
                     "en lille del af Tema/konferencedagen.\n"
                     "        - tekst: Ny kampagne i fitnesscentrene.\n")
    got = [(c.kind, c.path) for c in _changes(a, b)]
    assert got == [("changed", "forebyggelse/doping/punkter/1"),
                   ("added", "forebyggelse/doping/punkter/3")]
    assert plan_2011() != a


def test_section_moved_under_another_section_is_a_move() -> None:
    """A free section moved into another one (nested) is reported as moved, with both places."""
    from diffcases import SECTIONS

    nested = SECTIONS.replace(
        "  - overskrift: Evaluering\n    tekst: >\n      Handlingsplanen evalueres på årets "
        "sidste møde, og erfaringerne indgår i\n      næste års plan.\n", "")
    nested = nested.replace(
        "      lokalavisen mindst to gange om året.\n",
        "      lokalavisen mindst to gange om året.\n    afsnit:\n      - overskrift: Evaluering\n"
        "        tekst: Handlingsplanen evalueres på årets sidste møde, og erfaringerne indgår i "
        "næste års plan.\n")
    a = plan_2010()
    b = replace_once(a, SECTIONS, nested)
    got = [(c.kind, c.path, c.old, c.new) for c in _changes(a, b)]
    assert got == [("moved", "afsnit/kommunikation/evaluering", "øverste niveau, nr. 3",
                    "Kommunikation, nr. 1")]


def test_approval_is_reported_as_a_change_of_the_edition(tmp_path: Path) -> None:
    """Approving a plan shows as status udkast → godkendt plus who, when and role, added."""
    from conftest import SAMPLE

    draft = SAMPLE.read_text(encoding="utf-8")
    approved = draft.replace("dato: 2010-01-01\n", "dato: 2010-01-01\nstatus: godkendt\n"
                             "godkendelse:\n  dato: 2010-02-15\n  af: Jørn Lykkebak\n"
                             "  rolle: formand\n", 1)
    changes = compare_plans(load_text("a.yaml", draft).plan, load_text("b.yaml", approved).plan)
    assert {(c.kind, c.path, c.old, c.new) for c in changes} == {
        ("changed", "status", "udkast", "godkendt"),
        ("added", "godkendelse/af", None, "Jørn Lykkebak"),
        ("added", "godkendelse/dato", None, "2010-02-15"),
        ("added", "godkendelse/rolle", None, "formand"),
    }
