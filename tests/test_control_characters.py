"""Control characters in content: a Danish error at their place, never a traceback or a PDF.

Raw ones are refused before PyYAML reads the text (its reader raised ReaderError); escaped ones
(``"a\\0b"``) are refused where the escape is written (U+0000 reached the PDF). Tab and line
breaks stay allowed where YAML allows them.
"""

from __future__ import annotations

import pytest

from conftest import MINIMAL, write
from planpdf.content.load import load_text
from planpdf.content.source import MAX_BYTES, MAX_SHOWN
from planpdf.errors import ContentError

HEAD = MINIMAL


def _errors(result) -> list[str]:
    assert result.code == 1, result
    assert "Traceback" not in result.err
    return [line for line in result.err.splitlines() if ": error: " in line]


@pytest.mark.parametrize("command", ["check", "build"])
def test_raw_bell_is_an_error_at_its_place_not_a_reader_error(cli, tmp_path, command) -> None:
    """Regression: `formål: a<BEL>b` raised yaml.reader.ReaderError with a traceback."""
    (tmp_path / "plan.yaml").write_bytes((HEAD + "formål: a\x07b\n").encode())
    assert _errors(cli(command, "plan.yaml")) == [
        "plan.yaml:7:10: error: tegnet U+0007 BELL er et kontroltegn og kan ikke stå i en "
        "indholdsfil"]
    assert not (tmp_path / "output").exists()


def test_escaped_nul_is_refused_and_never_reaches_the_pdf(cli, tmp_path) -> None:
    """Regression: `"a\\0b"` put U+0000 into the PDF; it is an error at the escape now."""
    write(tmp_path / "plan.yaml", HEAD + 'formål: "a\\0b"\n')
    assert _errors(cli("build", "plan.yaml", "-o", "plan.pdf")) == [
        "plan.yaml:7:11: error: teksten indeholder kontroltegnet U+0000 NULL, skrevet som \\0"]
    assert not (tmp_path / "plan.pdf").exists()


@pytest.mark.parametrize(("escape", "name"), [("\\e", "U+001B ESCAPE"), ("\\x9b", "U+009B"),
                                              ("\\u0007", "U+0007 BELL"), ("\\r", "U+000D"),
                                              ("\\N", "U+0085 NEXT LINE")])
def test_every_escaped_control_character_is_refused(escape: str, name: str) -> None:
    """Escapes of C0 and C1 controls other than tab and line feed are errors, each named."""
    with pytest.raises(ContentError) as caught:
        load_text("plan.yaml", HEAD + f'formål: "før {escape} efter"\n')
    (problem,) = caught.value.diagnostics
    assert problem.message.startswith(f"teksten indeholder kontroltegnet {name}")
    assert (problem.span.line, problem.span.col) == (7, 14)


def test_tab_line_breaks_and_crlf_are_still_allowed(cli, tmp_path) -> None:
    """What YAML allows stays allowed: a tab in a quoted text, `\\t` and `\\n` escapes, CRLF."""
    text = HEAD + 'formål: "a\\tb\\nc"\nafslutning: "Slut\tnu."\n'
    (tmp_path / "plan.yaml").write_bytes(text.replace("\n", "\r\n").encode())
    result = cli("check", "plan.yaml")
    assert result.code == 0, result.err


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x85", "\r"])
def test_line_breaks_yaml_counts_but_editors_may_not_are_refused(char: str) -> None:
    """U+2028, U+2029, NEL and a lone CR would shift every later line number: refused."""
    with pytest.raises(ContentError) as caught:
        load_text("plan.yaml", HEAD + f"formål: a{char}b\nafslutning: x: y\n")
    (problem,) = caught.value.diagnostics
    assert (problem.span.line, problem.span.col) == (7, 10)
    assert f"U+{ord(char):04X}" in problem.message


def test_a_binary_file_is_summed_up_not_listed(cli, tmp_path) -> None:
    """A file full of control bytes gives the first few positions and a count, not thousands."""
    (tmp_path / "plan.yaml").write_bytes(bytes(range(1, 32)) * 100)
    result = cli("check", "plan.yaml")
    errors = _errors(result)
    assert len(errors) == MAX_SHOWN + 1
    assert errors[0].startswith("plan.yaml: error: filen indeholder 2")  # 2,900 of them
    assert "er det en tekstfil?" in errors[0]


def test_load_text_has_the_file_size_limit() -> None:
    """Regression: content.load.load_text (embedded sources) had no size limit; now 1 MB."""
    text = HEAD + "afslutning: " + "x " * (MAX_BYTES // 2) + "\n"
    with pytest.raises(ContentError) as caught:
        load_text("handlingsplan.yaml", text)
    (problem,) = caught.value.diagnostics
    assert problem.where == "handlingsplan.yaml"
    assert "mere end 1.048.576 byte" in problem.message
    # the limit counts bytes, as for a file: 600,000 characters of 'æ' are 1.2 MB
    with pytest.raises(ContentError):
        load_text("handlingsplan.yaml", HEAD + "afslutning: " + "æ" * 600_000 + "\n")


def test_raw_forbidden_is_every_character_but_the_allowed() -> None:
    """RAW_FORBIDDEN lists the refused characters (quicker to compile); it is exactly the
    complement of what a content file may hold raw, over every code point, plus a lone CR."""
    import re

    from planpdf.content.controls import RAW_FORBIDDEN

    allowed_only = re.compile(r"[^\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd"
                              r"\U00010000-\U0010ffff]|\r(?!\n)")
    every = "".join(map(chr, range(0x110000))) + "\r\n\r"
    assert ([m.span() for m in RAW_FORBIDDEN.finditer(every)]
            == [m.span() for m in allowed_only.finditer(every)])
