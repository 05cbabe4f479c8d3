"""An official record is not changed lightly: what `approve` refuses, and `new` on its own output."""

from __future__ import annotations

from pathlib import Path

from conftest import SAMPLE, SAMPLE_FORMAT1, write


def _plan_2011(tmp_path: Path, conference: str = "2011-11-23") -> Path:
    text = SAMPLE_FORMAT1.read_text(encoding="utf-8").replace("år: 2010", "år: 2011", 1)
    return write(tmp_path / "plan.yaml", text.replace("dato: 2010-11-24", f"dato: {conference}", 1))


def test_approve_refuses_while_new_review_marks_remain(cli, tmp_path: Path) -> None:
    """Regression (review #6): a plan straight from `new` still has last year's dates; no approval."""
    target = tmp_path / "billund-2011.yaml"
    assert cli("new", target, "--from", SAMPLE).code == 0
    before = target.read_bytes()
    result = cli("approve", target, "--date", "2011-02-15", "--by", "Jørn Lykkebak")
    assert result.code == 1
    marked = [n for n, line in enumerate(before.decode().splitlines(), 1) if "# TJEK:" in line]
    reported = [int(line.split(":")[1]) for line in result.err.splitlines()
                if ": error: datoen er markeret til gennemsyn" in line]
    assert reported == marked and len(marked) == 3
    assert target.read_bytes() == before


def test_approve_refuses_a_conference_in_another_year_and_a_far_date(cli, tmp_path: Path) -> None:
    """Regression (review #6): 'Konferencen for 2011 ... 2010' and --date 1999 are caught, both at once."""
    plan = _plan_2011(tmp_path, conference="2010-11-24")
    before = plan.read_bytes()
    result = cli("approve", plan, "--date", "1999-01-01", "--by", "Jørn Lykkebak")
    assert result.code == 1
    assert "konferencen for 2011 står med datoen 2010-11-24" in result.err
    assert "godkendelsesdatoen 1999-01-01 ligger langt fra planens år 2011" in result.err
    assert plan.read_bytes() == before


def test_approve_refuses_an_event_in_another_year_in_the_format_2_sample(cli, tmp_path: Path) -> None:
    """The same guard for the sample a user gets (format 2): its arrangement left in last year."""
    text = SAMPLE.read_text(encoding="utf-8").replace("år: 2010", "år: 2011", 1)
    plan = write(tmp_path / "plan.yaml", text.replace("dato: 2010-01-01", "dato: 2011-01-01", 1))
    before = plan.read_bytes()
    result = cli("approve", plan, "--date", "2011-02-15", "--by", "Jørn Lykkebak")
    assert result.code == 1
    assert "i planen for 2011 står med datoen 2010-11-24" in result.err
    assert result.err.count("står med datoen") == 1
    assert plan.read_bytes() == before


def test_a_second_approval_needs_replace(cli, tmp_path: Path) -> None:
    """Regression (review #7): an existing approval is replaced only with --replace."""
    plan = _plan_2011(tmp_path)
    assert cli("approve", plan, "--date", "2011-02-15", "--by", "Jørn Lykkebak").code == 0
    approved = plan.read_bytes()
    result = cli("approve", plan, "--date", "2011-03-01", "--by", "Jørn Lykkebak")
    assert result.code == 1 and "allerede godkendt af Jørn Lykkebak den 2011-02-15" in result.err
    assert plan.read_bytes() == approved
    result = cli("approve", plan, "--date", "2011-03-01", "--by", "Jørn Lykkebak", "--replace")
    assert result.code == 0 and "blev erstattet" in result.out
    assert "dato: 2011-03-01" in plan.read_text(encoding="utf-8")


def test_new_from_a_new_made_file_keeps_one_mark_naming_the_dates_year(cli, tmp_path: Path) -> None:
    """Regression (review #8): marks do not stack, and they name the year the date is in."""
    first, second = tmp_path / "billund-2011.yaml", tmp_path / "billund-2012.yaml"
    assert cli("new", first, "--from", SAMPLE).code == 0
    assert cli("new", second, "--from", first).code == 0
    marked = [line for line in second.read_text(encoding="utf-8").splitlines() if "TJEK" in line]
    assert len(marked) == 3
    assert all(line.count("# TJEK") == 1 and line.endswith("# TJEK: dato fra 2010") for line in marked)


def test_new_writes_only_yaml_files(cli, tmp_path: Path) -> None:
    """Regression (review #8): `new x.pdf` would have written YAML into a .pdf file."""
    result = cli("new", tmp_path / "x.pdf", "--from", SAMPLE)
    assert result.code == 1 and "skal ende på .yaml" in result.err
    assert not (tmp_path / "x.pdf").exists()
