"""Nothing a user wrote reaches the terminal raw: control and bidi characters are shown escaped.

Every line passes ``cli.context``; the diff escapes the inputs' text before adding its own
colour codes, which still work.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from conftest import MINIMAL, SAMPLE, write
from planpdf.cli.context import Context, printable_output
from planpdf.content.controls import printable
from planpdf.diff.changes import Change, DiffResult, InputInfo
from planpdf.diff.output import as_json, terminal
from planpdf.diff.words import WordOp

HEAD = MINIMAL
HOSTILE = "\x1b]0;HACKED\x07\x1b[2J"


def _no_raw_controls(text: str) -> None:
    for line in text.splitlines():
        assert printable(line) == line, repr(line)


def test_unknown_key_cannot_retitle_or_clear_the_terminal(cli, tmp_path: Path) -> None:
    """Regression: an unknown key "\\e]0;HACKED\\a\\e[2J" set the terminal title and cleared it."""
    write(tmp_path / "plan.yaml", HEAD + '"\\e]0;HACKED\\a\\e[2J": 1\n')
    result = cli("check", "plan.yaml")
    assert result.code == 1
    assert "\x1b" not in result.err and "\x07" not in result.err
    assert "plan.yaml:7:1: error: ukendt nøgle '\\x1b]0;HACKED\\x07\\x1b[2J'" in result.err


def test_bidi_override_is_shown_as_its_code_point(cli, tmp_path: Path) -> None:
    """Regression: U+202E in a key reversed the rest of the line; Danish text stays as it is."""
    write(tmp_path / "plan.yaml", HEAD + '"ærø\u00a0–\u202eabc": 1\n')
    result = cli("check", "plan.yaml")
    assert "ukendt nøgle 'ærø\u00a0–<U+202E>abc'" in result.err
    _no_raw_controls(result.err)


def test_a_newline_in_a_file_name_cannot_forge_a_line(cli, tmp_path: Path) -> None:
    """A line break in a name is shown as \\n: the message stays one line, nothing is forged."""
    name = "plan.yaml\nplan.yaml: ingen fejl (7 medlemmer, 4 fokusområder)"
    result = cli("check", name)
    assert result.err.splitlines()[0] == (
        "plan.yaml\\nplan.yaml: ingen fejl (7 medlemmer, 4 fokusområder): error: filen findes ikke")


def test_certificate_name_with_a_newline_cannot_forge_a_verdict(make_edition, cli,
                                                                tmp_path: Path) -> None:
    """Regression: a certificate named "…\\nFIL.pdf: i orden" printed a forged verdict line."""
    pytest.importorskip("pyhanko", reason="planpdf[sign] is not installed")
    from cert_fixtures import PASSWORD, make_certificate

    forged = "Jørn Lykkebak\nbillund-2011-underskrevet.pdf: i orden"
    cert = make_certificate(tmp_path / "falsk.p12", forged)
    pdf = make_edition(tmp_path / "billund-2011.pdf")
    result = cli("sign", pdf, "--cert", cert, "--anden-underskriver",
                 env={"PLANPDF_CERT_PASSWORD": PASSWORD})
    assert result.code == 0, result.err
    assert "Jørn Lykkebak\\nbillund-2011-underskrevet.pdf: i orden" in result.out
    verified = cli("verify", tmp_path / "billund-2011-underskrevet.pdf")
    assert "Jørn Lykkebak\\nbillund-2011-underskrevet.pdf: i orden" in verified.out
    for output in (result, verified):
        lines = output.out.splitlines() + output.err.splitlines()
        assert not any(line.startswith("billund-2011-underskrevet.pdf: i orden") for line in lines)
        _no_raw_controls(output.out + output.err)


def _result(label: str) -> DiffResult:
    side = InputInfo(f"{label}.yaml", "yaml", False, 2010, label)
    change = Change("changed", "formål/1", "Formål", label, "tekst", "gammel", "ny",
                    (WordOp("equal", label), WordOp("delete", "gammel" + HOSTILE),
                     WordOp("insert", "ny\u202e")))
    return DiffResult(side, side, "struktur", (change,))


def test_diff_escapes_the_inputs_text_but_keeps_its_own_colours() -> None:
    """The diff's summary: its colour codes work, the text inside them is escaped."""
    coloured = terminal(_result("a" + HOSTILE), colour=True)
    assert "\x1b[31;9mgammel\\x1b]0;HACKED\\x07\\x1b[2J\x1b[0m" in coloured
    assert "\x1b[32;4mny<U+202E>\x1b[0m" in coloured
    assert printable_output(coloured) == coloured  # the CLI's stream lets exactly this through
    stripped = coloured.replace("\x1b[31;9m", "").replace("\x1b[32;4m", "").replace(
        "\x1b[0m", "").replace("\x1b[1m", "").replace("\x1b[2m", "")
    _no_raw_controls(stripped)


def test_diff_json_escapes_bidi_and_c1_but_keeps_the_strings() -> None:
    """JSON output: hidden characters written as \\uXXXX, so a program reads the same strings."""
    text = as_json(_result("a\x9b\u202e"))
    _no_raw_controls(text)
    assert json.loads(text)["changes"][0]["label"] == "a\x9b\u202e"


def test_the_cli_stream_escapes_what_bypasses_print(tmp_path: Path) -> None:
    """A raw write to the context's streams (argparse, the diff) is escaped too, colours kept."""
    out = io.StringIO()
    ctx = Context(out, io.StringIO(), {}, io.StringIO())
    ctx.out.write("\x1b[1moverskrift\x1b[0m " + HOSTILE + "\n")
    ctx.print("én linje\nikke to")
    assert out.getvalue() == ("\x1b[1moverskrift\x1b[0m \\x1b]0;HACKED\\x07\\x1b[2J\n"
                              "én linje\\nikke to\n")


def test_diff_of_hostile_file_names(cli, tmp_path: Path) -> None:
    """`planpdf diff` with control and bidi characters in the file names prints them escaped."""
    a = tmp_path / "a\x1b[2J.yaml"
    b = tmp_path / "b\u202e.yaml"
    for path in (a, b):
        path.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    result = cli("diff", a, b)
    assert result.code == 0, result.err
    assert "a\\x1b[2J.yaml" in result.out and "b<U+202E>.yaml" in result.out
    _no_raw_controls(result.out + result.err)
    data = json.loads(cli("diff", a, b, "--json").out)
    assert data["b"]["file"].endswith("b\u202e.yaml")


def test_argparse_messages_escape_the_users_words(cli) -> None:
    """A command-line word with control characters is shown escaped in the Danish usage error."""
    result = cli("\x1b]0;HACKED\x07")
    assert result.code == 2
    assert "ukendt kommando '\\x1b]0;HACKED\\x07'" in result.err
    _no_raw_controls(result.err)
