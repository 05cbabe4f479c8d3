"""Formats live on: format 1 is laid out through the blocks it converts to, so there is one
layout; a copy of today's Billund content (format 1) still builds faithfully, and the same plan
written in format 2 compares with it without a change and reads the same in the PDF."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, SAMPLE, flat, pdf_text, run_planpdf

DATA = ROOT / "tests" / "data"
FORMAT1 = DATA / "billund-2010-format1.yaml"  # content/billund-2010.yaml as of issue 9
FORMAT2 = DATA / "billund-2010-format2.yaml"  # the same plan, written in format 2
# SAMPLE, content/billund-2010.yaml: the sample a user gets, the same plan in format 2 too
SENTENCES = DATA / "seed-sentences.txt"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = {}
    folder = tmp_path_factory.mktemp("formats")
    for name, content in (("1", FORMAT1), ("2", FORMAT2), ("sample", SAMPLE)):
        pdf = folder / f"billund-{name}.pdf"
        result = run_planpdf("build", content, "-o", pdf)
        assert result.code == 0, result.err
        out[name] = pdf
    return out


def test_the_format_1_copy_is_format_1() -> None:
    text = FORMAT1.read_text(encoding="utf-8")
    assert "format:" not in text and "\nmedlemmer:\n" in text


def test_the_sample_is_format_2() -> None:
    assert SAMPLE.read_text(encoding="utf-8").count("\nformat: 2\n") == 1


@pytest.mark.parametrize("name", ["1", "2", "sample"])
def test_every_seed_sentence_is_in_both(built: dict[str, Path], name: str) -> None:
    text = flat(" ".join(pdf_text(built[name])))
    missing = [s for s in SENTENCES.read_text(encoding="utf-8").splitlines()
               if flat(s) not in text]
    assert missing == []


@pytest.mark.parametrize("name", ["2", "sample"])
def test_both_formats_read_the_same(built: dict[str, Path], name: str) -> None:
    """Page for page the same text: format 2 (and the sample) reproduces the Billund plan exactly."""
    assert pdf_text(built["1"]) == pdf_text(built[name])


@pytest.mark.parametrize("other", [FORMAT2, SAMPLE], ids=["format2", "sample"])
def test_diff_of_the_two_formats_finds_no_change(cli, other: Path) -> None:
    """`planpdf diff tests/data/billund-2010-format1.yaml content/billund-2010.yaml` (issue 9)."""
    result = cli("diff", FORMAT1, other)
    assert result.code == 0, result.err
    assert "Ingen ændringer" in result.out


def test_diff_across_formats_finds_a_real_change(cli, tmp_path: Path) -> None:
    changed = tmp_path / "ny.yaml"
    changed.write_text(FORMAT2.read_text(encoding="utf-8").replace(
        "status: kontaktperson", "status: lokal_plan", 1), encoding="utf-8")
    result = cli("diff", "--json", FORMAT1, changed)
    import json

    changes = json.loads(result.out)["changes"]
    assert [(c["kind"], c["label"], c["new"]) for c in changes] == [
        ("status", "Indsatsen mod æresrelaterede forbrydelser", "Lokal handleplan udarbejdet")]


@pytest.mark.parametrize("other", [FORMAT2, SAMPLE], ids=["format2", "sample"])
def test_a_format_1_pdf_verifies_and_compares_with_format_2(cli, built: dict[str, Path],
                                                            other: Path) -> None:
    """The YAML embedded in a format 1 PDF loads as before (verify), and compares with the
    format 2 rendition (and the sample) without a change."""
    assert cli("verify", built["1"]).code == 0
    result = cli("diff", built["1"], other)
    assert result.code == 0, result.err
    assert "Ingen ændringer" in result.out
