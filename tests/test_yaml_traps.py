"""YAML traps that used to change the content silently: each is now an error or a warning.

A warning is printed by `check` and `build` as `path:line:col: warning: …` with a hint; the
command still succeeds.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MINIMAL, flat, pdf_text, write
from planpdf.content.load import load_text
from planpdf.errors import ContentError
from planpdf.provenance import canonical_yaml

HEAD = MINIMAL + """\
    rolle: formand       # formand, næstformand, referent eller medlem
    titel: Formand  # a comment after a value, written as comments are, is no warning
"""


def _check(cli, tmp_path: Path, text: str):
    write(tmp_path / "plan.yaml", text)
    result = cli("check", "plan.yaml")
    assert result.code == 0, result.err
    assert result.out.startswith("plan.yaml: ingen fejl")
    return [line for line in result.err.splitlines() if line.startswith("plan.yaml")]


def test_hash_in_unquoted_text_is_a_warning(cli, tmp_path: Path) -> None:
    """Regression: `…journal nr. #2010-123` silently became `…journal nr.`; now a warning."""
    lines = _check(cli, tmp_path, HEAD + "formål: Sagen har journal nr. #2010-123\n")
    assert lines == [
        "plan.yaml:9:31: warning: '#' efter et mellemrum starter en kommentar, så '#2010-123' "
        "kommer ikke med i PDF'en",
        "plan.yaml:9:31: hint: hører det med til teksten, så sæt hele teksten i anførselstegn"]


def test_hash_after_a_date_or_code_is_no_warning(cli, tmp_path: Path) -> None:
    """Only texts warn: `#TJEK` after a project item's date (a code, not words) is a comment."""
    lines = _check(cli, tmp_path, HEAD + "forebyggelse:\n  projekter:\n    - titel: Doping\n"
                   "      punkter:\n        - tekst: Konference den {dato}.\n"
                   "          dato: 2010-03-18 #TJEK\n")
    assert lines == []


def test_no_warnings_for_the_sample(cli) -> None:
    """The sample (comments after values, `{dato}`, dates) gives no warning at all."""
    from conftest import SAMPLE

    result = cli("check", SAMPLE)
    assert result.code == 0 and result.err == ""


def test_build_prints_warnings_and_still_writes_the_pdf(cli, tmp_path: Path) -> None:
    """`build` shows the same warnings on standard error and writes the PDF."""
    write(tmp_path / "plan.yaml", HEAD + "formål: Sagen har journal nr. #2010-123\n")
    result = cli("build", "plan.yaml", "-o", "plan.pdf")
    assert result.code == 0
    assert "plan.yaml:9:31: warning: " in result.err
    assert (tmp_path / "plan.pdf").exists()


def test_every_command_on_content_prints_its_warnings(cli, tmp_path: Path) -> None:
    """Regression: a build of several files, `approve` and `new` were silent about what `check`
    warns of; each now prints the warning, with the file's path, and still does its work."""
    text = HEAD + "formål: Sagen har journal nr. #2010-123\n"
    write(tmp_path / "a" / "plan.yaml", text)
    write(tmp_path / "a" / "anden.yaml", text.replace("Test kommune", "Anden kommune"))
    runs = {"build": cli("build", "a", "--mappe", "ud"),
            "new": cli("new", "plan-2011.yaml", "--from", "a/plan.yaml"),
            "approve": cli("approve", "a/plan.yaml", "--date", "2010-02-15", "--by", "Anne Andersen")}
    for command, result in runs.items():
        assert result.code == 0, (command, result.err)
        warned = [line for line in result.err.splitlines() if ": warning: '#'" in line]
        assert warned and all(line.startswith(("a/plan.yaml:9:31:", "a/anden.yaml:9:31:"))
                              for line in warned), (command, result.err)
    assert len([ln for ln in runs["build"].err.splitlines() if ": warning: " in ln]) == 2
    assert (tmp_path / "ud" / "plan.pdf").exists() and (tmp_path / "plan-2011.yaml").exists()


@pytest.mark.parametrize("style", [">", ""])
def test_blank_line_in_folded_or_unquoted_text_starts_a_paragraph(style: str) -> None:
    """Regression: a blank line inside a `>` (or unquoted) text did not start a new paragraph,
    although README and sample say it does; YAML had folded it into one line break."""
    value = f" {style}\n" if style else " Første afsnit\n"
    body = ("  Første afsnit\n" if style else "") + "  fortsætter her.\n\n  Andet afsnit.\n"
    plan = load_text("plan.yaml", HEAD + "formål:" + value + body).plan
    assert [p.text for p in plan.purpose] == ["Første afsnit fortsætter her.", "Andet afsnit."]


def test_blank_line_inside_quotes_is_a_warning(cli, tmp_path: Path) -> None:
    """In quotes YAML makes a blank line a line break, indistinguishable from one written on
    purpose, so it cannot start a paragraph there: a warning at the blank line."""
    lines = _check(cli, tmp_path, HEAD + 'formål: "Et afsnit\n\n  Andet afsnit."\n')
    assert lines[0] == ("plan.yaml:10:1: warning: en tom linje i en tekst i anførselstegn starter "
                        "ikke et nyt afsnit (YAML gør den til et linjeskift)")
    assert _check(cli, tmp_path, HEAD + 'formål: "Et\\nlinjeskift med vilje"\n') == []


def test_paragraphs_survive_the_embedded_source(tmp_path: Path) -> None:
    """The canonical YAML a PDF embeds (quoted, not `>`) gives the same paragraphs again, so a
    PDF built from a `>` text with blank lines still verifies byte for byte."""
    loaded = load_text("plan.yaml", HEAD + "formål: >\n  Et\n  afsnit.\n\n  Andet.\n"
                       "afslutning: |\n  En linje\n  og en til.\n\n  Nyt afsnit.\n")
    again = load_text("handlingsplan.yaml", canonical_yaml(loaded.data))
    assert again.data == loaded.data
    assert [p.text for p in again.plan.purpose] == [p.text for p in loaded.plan.purpose] == [
        "Et afsnit.", "Andet."]
    assert [p.text for p in again.plan.closing] == ["En linje og en til.", "Nyt afsnit."]


def test_key_line_swallowed_by_a_quoted_text_is_a_warning(cli, tmp_path: Path) -> None:
    """A quoted text whose next line begins like a key (`titel: …`): probably a key indented
    too far; a warning at that line."""
    lines = _check(cli, tmp_path, HEAD.replace("    titel: Formand  # a comment after a value,"
                                               " written as comments are, is no warning\n", "")
                   + '  - navn: "Ken Engedal\n     titel: Børn- og familiechef"\n')
    assert lines[0] == ("plan.yaml:9:6: warning: linjen 'titel: …' står inde i teksten ovenover; "
                        "er 'titel' en nøgle, der er rykket for langt ind?")


def test_conference_ending_before_it_starts_is_an_error() -> None:
    """Regression: `17.00–16.00` was printed as given; an end before the start is an error."""
    with pytest.raises(ContentError) as caught:
        load_text("plan.yaml", HEAD + 'lokalråd_plus:\n  konference:\n    dato: 2010-11-24\n'
                  '    start: "17.00"\n    slut: "17.00"\n    tema: tryghed\n')
    (problem,) = caught.value.diagnostics
    assert problem.where == "plan.yaml:13:11"
    assert problem.message == "konferencen slutter kl. 17.00, men starter først kl. 17.00"


def test_one_meeting_a_year_is_singular(cli, tmp_path: Path) -> None:
    """Regression: `mindst_pr_år: 1` printed "mindst 1 gange"; it says "1 gang" now."""
    write(tmp_path / "plan.yaml", HEAD + "møder:\n  mindst_pr_år: 1\n")
    assert cli("build", "plan.yaml", "-o", "plan.pdf").code == 0
    text = flat("\n".join(pdf_text(tmp_path / "plan.pdf")))
    assert "Lokalrådet mødes mindst 1 gang årligt." in text


PROJECT = """\
forebyggelse:
  projekter:
    - titel: Doping
      punkter:
        - tekst: Konferencen den {Dato} i Billund.
          dato: 2010-03-18
"""


def test_dato_placeholder_in_the_wrong_case_is_an_error() -> None:
    """Regression: `{Dato}` was printed literally (and the date put in front); now an error."""
    with pytest.raises(ContentError) as caught:
        load_text("plan.yaml", HEAD + PROJECT)
    (problem,) = caught.value.diagnostics
    assert problem.where == "plan.yaml:13:34"
    assert problem.message == "'{Dato}' bliver ikke erstattet af datoen; det skrives {dato}"


def test_dato_placeholder_outside_project_items_is_a_warning(cli, tmp_path: Path) -> None:
    """`{dato}` is replaced only in project items; elsewhere it is printed, so a warning."""
    lines = _check(cli, tmp_path, HEAD + "formål: Mødet den {dato}.\n")
    assert lines[0].startswith("plan.yaml:9:19: warning: '{dato}' erstattes kun i punkter under "
                               "forebyggelse")


@pytest.mark.parametrize(("written", "warned"), [("2010-01-01", True), ("2012-03-01", True),
                                                 ("2011-06-01", False), ("2010-11-15", False)])
def test_edition_date_from_another_year_is_a_warning(cli, tmp_path: Path, written: str,
                                                     warned: bool) -> None:
    """Regression: a 2011 plan dated 2010-01-01 (left from `new`) passed silently; a warning now,
    except for a date in the autumn before, when next year's plan is written."""
    lines = _check(cli, tmp_path, HEAD.replace("år: 2010", f"år: 2011\ndato: {written}"))
    assert bool(lines) == warned
    if warned:
        assert lines[0] == (f"plan.yaml:2:7: warning: udgavens dato {written} er fra "
                            f"{written[:4]}, men planen gælder for 2011")
