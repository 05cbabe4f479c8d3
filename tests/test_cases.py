"""Content errors as data: every folder in tests/cases holds a plan.yaml and its expected errors.

Add a case by adding a folder; ``pytest --update-golden`` writes its expected-errors.txt.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLE, Result, pdf_text, write

CASES = ROOT / "tests" / "cases"
CASE_NAMES = sorted(p.name for p in CASES.iterdir() if (p / "plan.yaml").is_file())
LINE = re.compile(r"^plan\.yaml(:\d+:\d+)?: (error|hint): \S.*$")
OLD_PDF = b"%PDF-1.4 an earlier edition that a failed build must not touch\n"


def _errors(result: Result, name: str = "plan.yaml") -> list[str]:
    return [line for line in result.err.splitlines() if line.startswith(name)]


def _assert_clean_failure(result: Result) -> None:
    assert result.code == 1, result
    assert "Traceback" not in result.err, result.err
    assert result.out == ""


def test_there_are_cases() -> None:
    """The data-driven suite actually finds its cases (an empty glob would pass silently)."""
    assert len(CASE_NAMES) >= 20


@pytest.mark.parametrize("name", CASE_NAMES)
def test_check_reports_expected_errors(name: str, cli, tmp_path: Path, update_golden: bool) -> None:
    """`planpdf check` prints exactly the expected `plan.yaml:line:col: error:` lines; exit 1."""
    case = CASES / name
    shutil.copy(case / "plan.yaml", tmp_path / "plan.yaml")
    result = cli("check", "plan.yaml")
    _assert_clean_failure(result)
    lines = _errors(result)
    assert lines, result.err
    for line in lines:
        assert LINE.match(line), line
    assert any(": error: " in line for line in lines)
    spans = [tuple(map(int, m.groups())) for line in lines
             if (m := re.match(r"plan\.yaml:(\d+):(\d+): error:", line))]
    assert spans == sorted(spans), "errors are reported in file order"
    expected = case / "expected-errors.txt"
    if update_golden:
        expected.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert expected.is_file(), f"run pytest --update-golden to create {expected}"
    assert lines == expected.read_text(encoding="utf-8").splitlines()
    count = sum(": error: " in line for line in lines)
    assert f"planpdf: {count} fejl fundet" in result.err


@pytest.mark.parametrize("name", CASE_NAMES)
def test_failed_build_writes_nothing(name: str, cli, tmp_path: Path) -> None:
    """A failing `planpdf build` exits 1, leaves an old PDF byte-identical and no other file."""
    shutil.copy(CASES / name / "plan.yaml", tmp_path / "plan.yaml")
    (tmp_path / "out.pdf").write_bytes(OLD_PDF)
    result = cli("build", "plan.yaml", "-o", "out.pdf")
    _assert_clean_failure(result)
    assert _errors(result)
    assert (tmp_path / "out.pdf").read_bytes() == OLD_PDF
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.pdf", "plan.yaml"]
    result = cli("build", "plan.yaml")
    _assert_clean_failure(result)
    assert not (tmp_path / "output").exists() or not any((tmp_path / "output").iterdir())


def test_python_tag_is_not_executed(cli, tmp_path: Path) -> None:
    """A `!!python/object/apply:os.system` tag is refused and its command never runs."""
    shutil.copy(CASES / "python-tag" / "plan.yaml", tmp_path / "plan.yaml")
    assert "pwned.txt" in (tmp_path / "plan.yaml").read_text(encoding="utf-8")
    for command in ("check", "build"):
        result = cli(command, "plan.yaml")
        _assert_clean_failure(result)
        assert "understøttes ikke" in result.err
    assert not (tmp_path / "pwned.txt").exists()


def test_alias_bomb_is_refused(cli, tmp_path: Path) -> None:
    """A 'billion laughs' alias bomb returns at once with a message that aliases are refused."""
    shutil.copy(CASES / "billion-laughs" / "plan.yaml", tmp_path / "plan.yaml")
    result = cli("check", "plan.yaml")  # the fixture's timeout (120 s) is the only clock
    _assert_clean_failure(result)
    assert "aliaser" in result.err


def test_large_file_is_refused(cli, tmp_path: Path) -> None:
    """A 2 MB content file is refused by size, with `path: error:` and no parsing."""
    text = SAMPLE.read_text(encoding="utf-8")
    text += "\n# " + "x" * (2 * 1024 * 1024) + "\n"
    write(tmp_path / "plan.yaml", text)
    result = cli("check", "plan.yaml")
    _assert_clean_failure(result)
    assert _errors(result)[0].startswith("plan.yaml: error: ")
    assert "mere end 1.048.576 byte" in _errors(result)[0]


def test_missing_file(cli, tmp_path: Path) -> None:
    """A missing content file is `path: error: filen findes ikke`, for check and build."""
    for command in ("check", "build"):
        result = cli(command, "findes-ikke.yaml")
        _assert_clean_failure(result)
        assert _errors(result, "findes-ikke.yaml") == ["findes-ikke.yaml: error: filen findes ikke"]
    assert list(tmp_path.iterdir()) == []


def test_endless_file_is_refused(cli, tmp_path: Path, special_files_read: list[str]) -> None:
    """Regression: load_file read /dev/zero forever; an endless input is refused at once.

    It is refused as a device before a byte is read (it used to be refused by size after
    reading a megabyte of zeros), for check and build alike: it is never opened for reading.
    """
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    for command in ("check", "build"):
        result = cli(command, "/dev/zero")
        assert special_files_read == [], f"{command} read /dev/zero"
        _assert_clean_failure(result)
        assert result.err.startswith("/dev/zero: error: det er ikke en almindelig fil, men en "
                                     "enhedsfil (device)")
    assert list(tmp_path.iterdir()) == []


# -- YAML 1.1 traps: what the user wrote is what the PDF shows -----------------------------------

TRAPS = """\
år: 2010
råd:
  navn: Lokalrådet i Test
  kommune: Test kommune
medlemmer:
  - navn: No
    titel: no
    funktion: yes
    organisation: 010
    enhed: off
lokalråd_plus:
  konference:
    dato: 2010-11-24
    start: 17:00
    slut: 21:00
    tema: test af klokkeslæt
"""


def test_yaml_traps_keep_the_users_text(cli, tmp_path: Path) -> None:
    """`17:00`, `no`, `yes`, `off` and `010` come out as written, never 1020, False or 8."""
    write(tmp_path / "plan.yaml", TRAPS)
    result = cli("build", "plan.yaml", "-o", "plan.pdf")
    assert result.code == 0, result.err
    text = "\n".join(pdf_text(tmp_path / "plan.pdf"))
    assert "kl. 17.00–21.00" in text
    assert "1020" not in text
    lines = text.splitlines()
    assert "No" in lines
    assert "yes, no" in lines  # funktion, titel
    assert "010 (off)" in lines  # organisation (enhed)
    for wrong in ("False", "True", "false", "true"):
        assert wrong not in lines
def test_bom_and_bad_byte_points_at_the_byte(cli, tmp_path: Path) -> None:
    """Regression: with a UTF-8 BOM, a bad byte was named wrongly (0x61) at the wrong column."""
    (tmp_path / "plan.yaml").write_bytes(b"\xef\xbb\xbfa: \xe6\n")
    result = cli("check", "plan.yaml")
    _assert_clean_failure(result)
    assert _errors(result)[0] == "plan.yaml:1:4: error: filen er ikke gyldig UTF-8 (byte 0xe6)"




GLYPH_ESCAPED = """\
år: 2010
råd:
  navn: Lokalrådet i Test
  kommune: Test kommune
medlemmer:
  - navn: Anne Andersen
formål: "Sne \\u2603 og klokke \\a"
# en kommentar med ☃ er ikke indhold
afslutning: Slut.
"""


def test_escaped_glyph_points_at_its_own_text(cli, tmp_path: Path) -> None:
    """Regression: an escaped missing char was placed on a later line; control chars printed raw.

    The search for the character now stops at the end of its scalar; the control character is
    a content error of its own, at the escape that wrote it.
    """
    write(tmp_path / "plan.yaml", GLYPH_ESCAPED)
    result = cli("check", "plan.yaml")
    _assert_clean_failure(result)
    errors = [line for line in _errors(result) if ": error: " in line]
    assert len(errors) == 2
    assert errors[0].startswith("plan.yaml:7:9: error: tegnet '☃' (U+2603 SNOWMAN)")
    assert errors[1] == ("plan.yaml:7:31: error: teksten indeholder kontroltegnet U+0007 BELL, "
                         "skrevet som \\a")
    assert "\x07" not in result.err


def test_unclosed_quote_points_where_it_opens(cli, tmp_path: Path) -> None:
    """Regression: an unclosed quote was reported in English at the end of the file.

    It is now reported in Danish where the quoted text opens.
    """
    shutil.copy(CASES / "yaml-syntax" / "plan.yaml", tmp_path / "plan.yaml")
    result = cli("check", "plan.yaml")
    _assert_clean_failure(result)
    assert _errors(result)[0] == ("plan.yaml:7:9: error: ugyldig YAML: en tekst i anførselstegn "
                                  "bliver aldrig afsluttet")


@pytest.mark.parametrize(("written", "hint"), [('"2010"', "skriv tallet uden anførselstegn"),
                                               ('"tyve"', "skriv tallet med cifre")])
def test_year_hint_fits_what_was_written(cli, tmp_path: Path, written: str, hint: str) -> None:
    """Regression: `år: "tyve"` was told to drop the quotes; only digits in quotes get that hint."""
    text = (CASES / "year-as-word" / "plan.yaml").read_text(encoding="utf-8")
    write(tmp_path / "plan.yaml", text.replace('"tyve"', written))
    result = cli("check", "plan.yaml")
    _assert_clean_failure(result)
    assert _errors(result)[1] == f"plan.yaml:1:5: hint: {hint}"
