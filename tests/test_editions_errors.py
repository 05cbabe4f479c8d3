"""approve and new on bad input: a clear Danish message, exit 1, nothing written."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import SAMPLE, write
from planpdf.content.load import load_file

MINIMAL = """\
# Lille plan
år: 2011  # året

råd:
  navn: Lokalrådet i Prøvekommune
  kommune: Prøvekommune
{extra}
medlemmer:
  - navn: Anna Formand
    rolle: formand
  - navn: Bo Medlem
"""


def test_status_without_approval_is_a_content_error_at_status(cli, tmp_path: Path) -> None:
    """status: godkendt without godkendelse is reported at the status key's line:col."""
    plan = write(tmp_path / "p.yaml", MINIMAL.format(extra="status: godkendt\n"))
    result = cli("check", plan)
    assert result.code == 1
    assert f"{plan}:7:1: error: status er 'godkendt', men 'godkendelse' mangler" in result.err


def test_approval_without_status_is_a_content_error_at_approval(cli, tmp_path: Path) -> None:
    """godkendelse in a draft is reported at the godkendelse key's line:col."""
    extra = "godkendelse:\n  dato: 2011-02-15\n  af: Anna Formand\n"
    plan = write(tmp_path / "p.yaml", MINIMAL.format(extra=extra))
    result = cli("check", plan)
    assert result.code == 1
    expected = f"{plan}:7:1: error: 'godkendelse' er udfyldt, men status er ikke 'godkendt'"
    assert expected in result.err


def test_approve_refuses_an_invalid_plan(cli, tmp_path: Path) -> None:
    """approve prints the plan's diagnostics with line:col, exits 1 and leaves the file alone."""
    text = MINIMAL.format(extra="fokusomrader: {}\n")
    plan = write(tmp_path / "p.yaml", text)
    result = cli("approve", plan, "--date", "2011-02-15", "--by", "Anna Formand")
    assert result.code == 1
    assert f"{plan}:7:1: error: ukendt nøgle 'fokusomrader'" in result.err
    assert "intet blev skrevet" in result.err
    assert plan.read_text(encoding="utf-8") == text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.yaml"]


def test_approve_refuses_an_impossible_date(cli, tmp_path: Path) -> None:
    """--date 2011-02-30 is refused in Danish with exit 1; the file is unchanged."""
    text = MINIMAL.format(extra="")
    plan = write(tmp_path / "p.yaml", text)
    for bad in ("2011-02-30", "15-02-2011", "2011-2-5"):
        result = cli("approve", plan, "--date", bad, "--by", "Anna Formand")
        assert result.code == 1, bad
        assert "er ikke en gyldig dato" in result.err and "Traceback" not in result.err
    assert plan.read_text(encoding="utf-8") == text


def test_approve_unknown_name_needs_a_role(cli, tmp_path: Path) -> None:
    """A name not among the members is refused (with a suggestion) unless --role is given."""
    text = MINIMAL.format(extra="")
    plan = write(tmp_path / "p.yaml", text)
    result = cli("approve", plan, "--date", "2011-02-15", "--by", "Ana Formand")
    assert result.code == 1
    assert "mente du 'Anna Formand'?" in result.err
    assert plan.read_text(encoding="utf-8") == text
    result = cli("approve", plan, "--date", "2011-02-15", "--by", "Carl Gæst",
                 "--role", "borgmester")
    assert result.code == 0, result.err
    from planpdf.content.digest import approved_fingerprint

    data = load_file(plan).data
    assert data["godkendelse"] == {"dato": "2011-02-15", "af": "Carl Gæst",
                                   "rolle": "borgmester",
                                   "fingeraftryk": approved_fingerprint(data)}


def test_approve_inserts_after_year_and_keeps_comments(cli, tmp_path: Path) -> None:
    """Without status or dato, status and godkendelse go right after år; the rest is untouched."""
    text = MINIMAL.format(extra="")
    plan = write(tmp_path / "p.yaml", text)
    result = cli("approve", plan, "--date", "2011-02-15", "--by", "bo medlem",
                 "--meeting", 'møde nr. 1: "januar"')
    assert result.code == 0, result.err
    lines = plan.read_text(encoding="utf-8").splitlines()
    assert lines[:7] == ["# Lille plan", "år: 2011  # året", "status: godkendt", "godkendelse:",
                         "  dato: 2011-02-15", "  af: Bo Medlem",
                         '  møde: "møde nr. 1: \\"januar\\""']
    assert re.fullmatch(r"  fingeraftryk: [0-9a-f]{64}", lines[7])
    assert "\n".join(lines[8:]) + "\n" == text.split("\n", 2)[2]
    build = cli("build", plan, "-o", tmp_path / "p.pdf")
    assert build.code == 0, build.err


def test_approve_replaces_status_keeping_its_comment_and_crlf(cli, tmp_path: Path) -> None:
    """An existing 'status: udkast  # ...' line keeps its comment; CRLF line ends stay CRLF."""
    text = MINIMAL.format(extra="status: udkast  # skift ikke selv\n").replace("\n", "\r\n")
    plan = tmp_path / "p.yaml"
    plan.write_bytes(text.encode("utf-8"))
    result = cli("approve", plan, "--date", "2011-02-15", "--by", "Anna Formand")
    assert result.code == 0, result.err
    after = plan.read_bytes().decode("utf-8")
    assert "status: godkendt  # skift ikke selv\r\ngodkendelse:\r\n  dato: 2011-02-15\r\n" in after
    assert after.count("\n") == after.count("\r\n")
    assert after.count("\r\n") == text.count("\r\n") + 5  # godkendelse, dato, af, rolle, fingeraftryk


def test_new_refuses_an_existing_target(cli, tmp_path: Path) -> None:
    """new never overwrites: exit 1, a Danish message, the existing file unchanged."""
    target = write(tmp_path / "billund-2011.yaml", "mine noter\n")
    result = cli("new", target, "--from", SAMPLE)
    assert result.code == 1
    assert f"{target}: error: filen findes allerede" in result.err
    assert target.read_text(encoding="utf-8") == "mine noter\n"


def test_new_with_a_missing_source(cli, tmp_path: Path) -> None:
    """new --from a missing file: exit 1, 'filen findes ikke', no target written."""
    target = tmp_path / "billund-2011.yaml"
    result = cli("new", target, "--from", tmp_path / "findes-ikke.yaml")
    assert result.code == 1
    assert "findes-ikke.yaml: error: filen findes ikke" in result.err
    assert not target.exists() and list(tmp_path.iterdir()) == []


def test_new_from_an_invalid_plan(cli, tmp_path: Path) -> None:
    """new --from a plan with errors reports them at line:col and writes nothing."""
    source = write(tmp_path / "old.yaml", MINIMAL.format(extra="status: klar\n"))
    target = tmp_path / "new.yaml"
    result = cli("new", target, "--from", source)
    assert result.code == 1
    assert f"{source}:7:9: error:" in result.err
    assert not target.exists()


def test_approved_plan_without_dato_is_dated_by_its_approval(cli, tmp_path: Path) -> None:
    """Without 'dato', an approved PDF's dates are the approval date, whatever SOURCE_DATE_EPOCH."""
    import os

    from pypdf import PdfReader

    plan = write(tmp_path / "p.yaml", MINIMAL.format(extra=""))
    assert cli("approve", plan, "--date", "2011-02-15", "--by", "Anna Formand").code == 0
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1000000000"}
    result = cli("build", plan, "-o", tmp_path / "p.pdf", env=env)
    assert result.code == 0, result.err
    info = PdfReader(tmp_path / "p.pdf").metadata
    assert info["/CreationDate"].startswith("D:20110215")
    assert info["/ModDate"].startswith("D:20110215")
