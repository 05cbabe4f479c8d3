"""PyYAML's problems and argparse's errors reach the user in Danish, at the place to fix.

Regression: PyYAML's English (`expected <block end>, but found '<block mapping start>'`) was
printed as it was, sometimes lines after the mistake; argparse printed "invalid choice",
"the following arguments are required", "unrecognized arguments", "expected one argument".
"""

from __future__ import annotations

import re

import pytest

from planpdf.content.load import load_text
from planpdf.errors import ContentError

B = "år: 2010\nråd:\n  navn: X\n  kommune: Y\nmedlemmer:\n"
ENGLISH = re.compile(r"\b(?:expected|found|while|but|scanning|parsing|allowed|could not|"
                     r"character|block|mapping|sequence|scalar|token|stream|document start)\b")

# (what was written, where the error is reported, the start of the Danish message, of the hint)
CASES = [
    ("member-key-one-less", B + "  - navn: A\n   titel: B\n", "7:4",
     "indrykningen passer ikke med linjerne over", "ryk 'titel' 1 mellemrum ind, så den flugter "
     "med 'navn' i linje 6"),
    ("key-indented-into-name", B + "  - navn: Ken Engedal\n     titel: Børn- og familiechef\n",
     "7:6", "'titel:' er rykket længere ind end 'navn:' i linje 6, så YAML læser linjen som en del "
     "af teksten ovenover", "ryk 'titel' 1 mellemrum ud"),
    ("top-key-indented", B + "  - navn: A\n formål: x\n", "7:2",
     "indrykningen passer ikke med linjerne over", "ryk 'formål' 1 mellemrum ud, så den flugter "
     "med 'medlemmer' i linje 5"),
    ("dash-misaligned", B + "  - navn: A\n - navn: B\n", "7:2",
     "indrykningen passer ikke", "ryk '-' 1 mellemrum ind"),
    ("text-line-less-indented", "formål: >\n  linje 1\n linje 2\n", "3:2",
     "indrykningen passer ikke", "hører linjen til teksten ovenover"),
    ("nine-lines-later", "a:\n  b: |\n" + "    x\n" * 9 + "  c: 3\n d: 4\n", "13:2",
     "indrykningen passer ikke", "ryk 'd' 1 mellemrum"),
    ("key-without-colon", "råd:\n  navn X\n  kommune: Y\n", "2:3",
     "linjen 'navn X' har intet kolon, så YAML læser den og linjerne under som én tekst, også "
     "'kommune:'", "er det en nøgle, så skriv kolon efter den"),
    ("last-key-without-colon", "råd:\n  kommune: Y\n  navn X\n", "3:3",
     "linjen 'navn X' står, hvor der skal stå en nøgle", "er det en nøgle, så skriv kolon"),
    ("colon-in-text", "formål: Mødet: kl. 17\n", "1:14",
     "et kolon efterfulgt af mellemrum midt i en tekst", "sæt hele teksten i anførselstegn"),
    ("tab", "a:\n\tb: 1\n", "2:1", "et tabulatortegn", "brug mellemrum"),
    ("at-sign", "a: @navn\n", "1:4", "en tekst kan ikke begynde med '@'", "sæt teksten i "),
    ("backtick", "a: `kode`\n", "1:4", "en tekst kan ikke begynde med '`'", "sæt teksten i "),
    ("star", "a: *vigtigt*\n", "1:4", "en tekst kan ikke begynde med '*'", "sæt teksten i "),
    ("ampersand", "a: & co\n", "1:4", "en tekst kan ikke begynde med '&'", "sæt teksten i "),
    ("bad-tag", "a: !x!y z\n", "1:4", "en tekst kan ikke begynde med '!'", "sæt teksten i "),
    ("tag-uri", "a: !<tag:%zz> z\n", "1:4", "en tekst kan ikke begynde med '!'", "sæt teksten i "),
    ("directive", "%YAML 1.1\na: 1\n", "1:1", "linjer, der begynder med %, er YAML-direktiver",
     "fjern linjen"),
    ("percent-line", "a: 1\n%tekst\n", "2:1", "linjer, der begynder med %", "fjern linjen"),
    ("yaml-2", "%YAML 2.0\n---\na: 1\n", "1:1", "linjer, der begynder med %", "fjern linjen"),
    ("bad-directive", "%YAML x\n---\na: 1\n", "1:1", "linjer, der begynder med %", "fjern"),
    ("tag-directive", "%TAG ! x\n%TAG ! y\n---\na: 1\n", "2:1", "linjer, der begynder med %",
     "fjern"),
    ("backslash", 'a: "C:\\Users\\x"\n', "1:7", "en omvendt skråstreg (\\) i en tekst i dobbelte "
     "anførselstegn", "skriv \\\\ for én skråstreg"),
    ("bad-hex", 'a: "\\x4"\n', "1:5", "en omvendt skråstreg", "skriv \\\\"),
    ("unclosed-single", "a: 'abc\nb: 1\n", "1:4", "en tekst i anførselstegn bliver aldrig "
     "afsluttet", "tilføj det afsluttende anførselstegn"),
    ("unclosed-before-separator", 'a: "abc\n---\n"\n', "1:4", "en tekst i anførselstegn bliver "
     "aldrig afsluttet", "tilføj"),
    ("text-after-block-indicator", "a: > tekst\n", "1:6", "efter '|' eller '>' skal teksten "
     "begynde på næste linje", "flyt teksten ned"),
    ("bad-block-indicator", "a: |x\n  t\n", "1:5", "efter '|' eller '>' må kun stå", "skriv '|'"),
    ("zero-indentation", "a: |0\n  t\n", "1:5", "efter '|' eller '>' må kun stå", "skriv '|'"),
    ("flow-missing-comma", "a: [x, 'y' z]\n", "1:12", "punkterne i en liste i [ ] skal "
     "adskilles med komma", "sæt et punkt"),
    ("flow-unclosed", "a: [x, y\nb: 1\n", "1:4", "en liste i [ ] bliver ikke lukket med ']'",
     "tilføj ']'"),
    ("flow-map-unclosed", "a: {x: 1\nb: 2\n", "1:4", "en samling i { } bliver ikke lukket med "
     "'}'", "tilføj '}'"),
    ("flow-double-comma", "a: [x, , y]\n", "1:8", "et tomt punkt i listen", "fjern det ekstra"),
    ("flow-empty-key", "{: x}\n", "1:2", "der mangler en nøgle før kolon", "skriv nøglen"),
    ("closing-bracket", "a: ]\n", "1:4", "en tekst kan ikke begynde med ']'", "sæt teksten i "),
    ("list-after-key", "a: - x\n", "1:4", "en liste ('- ') kan ikke begynde på samme linje som "
     "nøglen", "skriv hvert punkt"),
    ("question-mark", "a: ? x\n", "1:4", "en tekst kan ikke begynde med '? '", "sæt teksten i "),
    ("list-in-mapping", "a: 1\n- b\n", "2:1", "indrykningen passer ikke", "en liste ('- ')"),
    ("document-end", "a: 1\n...\nb: 2\n", "2:1", "linjen '...' afslutter YAML-dokumentet",
     "fjern linjen '...'"),
    ("first-line-indented", "  a: 1\nb: 2\n", "2:1", "indrykningen passer ikke: linjen står "
     "længere ude end linjerne over", "de øverste nøgler"),
    ("text-after-quote", 'a: "abc" def\n', "1:10", "der står mere tekst efter det afsluttende "
     "anførselstegn", "sæt anførselstegnene om hele teksten"),
    ("two-documents", "a: 1\n---\nb: 2\n", "2:1", "filen indeholder mere end ét YAML-dokument",
     "fjern linjen '---'"),
    ("alias", "a: &x 1\nb: *x\n", "1:4", "ankre og aliaser", "skriv teksten ud"),
]


@pytest.mark.parametrize(("written", "where", "message", "hint"),
                         [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_yaml_problem_in_danish_at_the_place_to_fix(written: str, where: str, message: str,
                                                    hint: str) -> None:
    """Each PyYAML problem is one Danish error, at the line to change, with a hint."""
    with pytest.raises(ContentError) as caught:
        load_text("plan.yaml", written)
    (problem,) = caught.value.diagnostics
    assert problem.where == f"plan.yaml:{where}", problem
    assert problem.message.removeprefix("ugyldig YAML: ").startswith(message), problem.message
    assert problem.hint is not None and problem.hint.startswith(hint), problem.hint
    assert not ENGLISH.search(problem.message + " " + problem.hint)


def test_engedal_error_no_longer_advises_quotes() -> None:
    """Regression: a key indented one space too deep under a member was told "sæt hele teksten i
    anførselstegn", which turned it into part of the name ("Ken Engedal titel: …")."""
    with pytest.raises(ContentError) as caught:
        load_text("plan.yaml", B + "  - navn: Ken Engedal\n     titel: Børn- og familiechef\n")
    (problem,) = caught.value.diagnostics
    assert "anførselstegn" not in (problem.hint or "")


@pytest.mark.parametrize(("argv", "danish"), [
    ([], "angiv en kommando, fx planpdf check"),
    (["byg"], "ukendt kommando 'byg'; vælg mellem 'build', 'check'"),
    (["check"], "disse argumenter mangler: INDHOLD.yaml"),
    (["check", "a.yaml", "b.yaml"], "ukendte argumenter: b.yaml"),
    (["build", "a.yaml", "-o"], "-o/--output skal efterfølges af en værdi"),
    (["sign", "a.pdf", "--cert", "c.p12", "-o", "x.pdf", "--in-place"],
     "--in-place kan ikke bruges sammen med -o/--output"),
    (["check", "--quiet=ja", "a.yaml"], "-q/--quiet tager ingen værdi (fik 'ja')"),
    (["approve", "a.yaml", "--by", "Anne"], "disse argumenter mangler: --date"),
])
def test_argparse_errors_in_danish(cli, argv: list[str], danish: str) -> None:
    """Regression: argparse's own English reached the user; now Danish, exit 2, with a hint."""
    result = cli(*argv)
    assert result.code == 2
    lines = result.err.splitlines()
    assert lines[0].startswith("brug: planpdf")
    error = next(line for line in lines if line.startswith("planpdf: error: "))
    assert error.removeprefix("planpdf: error: ").startswith(danish), error
    assert lines[-1].startswith("planpdf: hint: se planpdf")
    assert not ENGLISH.search(result.err.replace("--debug", ""))
