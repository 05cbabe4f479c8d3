"""planpdf diff on PDFs: embedded sources, text-only comparison and hostile or wrong inputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import flat, pdf_text, run_planpdf, write
from diffcases import (
    EXPECTED,
    plan_2010,
    replace_once,
    word_processor_pdf,
    write_pair,
)

LONG = ("Lokalrådet drøfter spørgsmål vedrørende kommunernes og politiets forebyggelse og "
        "bekæmpelse af kriminalitet i lokalområdet samt spørgsmål vedrørende "
        "kriminalitetsudviklingen og samarbejdet i øvrigt mellem politiet og lokalsamfundet.")
PARAGRAPHS = ["Handlingsplan for 2010", "Lokalrådets formål er at virke som et "
              "fremtidsorienteret partnerskab mellem politi og kommune.", LONG,
              "Konferencen afholdes i november."]


@pytest.fixture(scope="module")
def plan_pdf_2010(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 2010 plan built with the real CLI, which embeds its canonical source."""

    folder = tmp_path_factory.mktemp("editions")
    content = write(folder / "billund-2010.yaml", plan_2010())
    built = folder / "billund-2010.pdf"
    proc = run_planpdf("build", content, "-o", built)
    assert proc.returncode == 0, proc.stderr
    return built


def test_planpdf_pdf_is_compared_on_its_embedded_source(cli, tmp_path: Path,
                                                        plan_pdf_2010: Path) -> None:
    """A PDF carrying its YAML source compares structurally, with the same changes as the YAML."""
    _a, b = write_pair(tmp_path)
    result = cli("diff", plan_pdf_2010, b, "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["mode"] == "struktur"
    assert data["a"]["type"] == "pdf" and data["a"]["embedded_source"] is True
    assert {(c["kind"], c["path"]) for c in data["changes"]} == EXPECTED


def test_text_only_mode_finds_a_changed_word_and_says_so(cli, tmp_path: Path) -> None:
    """Two PDFs without source compare as text: 'kun tekst' in every output, the word found."""
    a = word_processor_pdf(tmp_path / "2010.pdf", PARAGRAPHS)
    b = word_processor_pdf(tmp_path / "2011.pdf", [
        "Handlingsplan for 2011", PARAGRAPHS[1], LONG.replace("kriminalitetsudviklingen",
                                                              "kriminalitetsbilledet"),
        PARAGRAPHS[3]])
    text = cli("diff", a, b)
    assert text.code == 0, text.err
    assert "kun tekst" in text.out.lower()
    assert "[-kriminalitetsudviklingen-] {+kriminalitetsbilledet+}" in text.out
    data = json.loads(cli("diff", a, b, "--json").out)
    assert data["mode"] == "tekst" and data["text_only"] is True
    assert data["title"] == "Ændringer fra 2010 til 2011"
    ops = [(w["op"], w["text"]) for c in data["changes"] for w in c.get("words", [])
           if w["op"] != "equal"]
    assert ("delete", "kriminalitetsudviklingen") in ops
    assert ("insert", "kriminalitetsbilledet") in ops
    assert len(data["changes"]) == 2  # the title line and the changed paragraph
    report = tmp_path / "r.pdf"
    assert cli("diff", a, b, "-o", report).code == 0
    assert "kun tekst" in flat(" ".join(pdf_text(report))).lower()


def test_text_only_plan_yaml_against_word_processor_pdf(cli, tmp_path: Path) -> None:
    """A YAML plan against a foreign PDF is compared as text (the plan laid out as printed)."""
    a = write(tmp_path / "a.yaml", plan_2010())
    b = word_processor_pdf(tmp_path / "b.pdf", PARAGRAPHS)
    data = json.loads(cli("diff", a, b, "--json").out)
    assert data["mode"] == "tekst"
    assert data["changes"]
    assert any(c["kind"] == "removed" and "Lokalråd+" in (c["old"] or "")
               for c in data["changes"])


def test_corrupt_pdf_is_a_clear_error(cli, tmp_path: Path) -> None:
    """A damaged PDF exits 1 with a Danish message naming the file, no traceback."""
    a = write(tmp_path / "a.yaml", plan_2010())
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 20)
    result = cli("diff", a, bad)
    assert result.code == 1
    assert f"{bad}: error: PDF'en er beskadiget" in result.err
    assert "Traceback" not in result.err
    fake = tmp_path / "fake.pdf"
    fake.write_text("ikke en pdf", encoding="utf-8")
    result = cli("diff", a, fake)
    assert result.code == 1 and "er ikke en PDF" in result.err


def test_review1_c_a_pdf_that_needs_too_much_memory_is_not_called_damaged(
        cli, tmp_path: Path, sample_pdf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Review 1 C: a PDF that runs the reader out of memory (past the bounded child's cap) is
    said to be too large or complex to read, with its own hint, not "beskadiget ... delvist
    hentet"; --debug shows the worker's own traceback as the cause."""
    import pypdf

    from planpdf.edition.bounded import ChildTraceback
    from planpdf.errors import InputError

    def out_of_memory(*_args: object, **_kwargs: object) -> None:
        raise MemoryError  # what pypdf raises at the child's address-space cap

    monkeypatch.setattr(pypdf, "PdfReader", out_of_memory)  # the forked worker inherits it
    result = cli("diff", sample_pdf, sample_pdf)
    assert result.code == 1
    assert result.err.splitlines()[:2] == [
        f"{sample_pdf}: error: PDF'en er for stor eller indviklet til at blive læst inden for "
        "grænsen på 1024 MB hukommelse og kan ikke sammenlignes",
        f"{sample_pdf}: hint: en handlingsplan læses med langt mindre; er det den rigtige fil? "
        "Ellers sammenlign YAML-filerne (--debug viser PDF-læserens egen forklaring, på "
        "engelsk)"], result.err
    assert "beskadiget" not in result.err and "Traceback" not in result.err
    with pytest.raises(InputError) as caught:
        cli("diff", sample_pdf, sample_pdf, "--debug")
    assert isinstance(caught.value.__cause__, ChildTraceback)
    assert "MemoryError" in str(caught.value.__cause__)
    assert "out_of_memory" in str(caught.value.__cause__)  # the worker's own traceback


def test_review1_c_debug_shows_the_readers_own_traceback_for_a_damaged_pdf(
        cli, tmp_path: Path) -> None:
    """Review 1 C: the cause --debug shows for a damaged PDF is the worker's traceback (pypdf's
    exception and where it was raised), not a made-up RuntimeError of one word."""
    from planpdf.edition.bounded import ChildTraceback
    from planpdf.errors import InputError

    a = write(tmp_path / "a.yaml", plan_2010())
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 20)
    with pytest.raises(InputError) as caught:
        cli("diff", a, bad, "--debug")
    assert caught.value.diagnostics[0].message == "PDF'en er beskadiget og kan ikke læses"
    cause = caught.value.__cause__
    assert isinstance(cause, ChildTraceback)
    assert str(cause).startswith("Traceback (most recent call last):")
    assert "pypdf" in str(cause)


def test_encrypted_pdf_is_a_clear_error(cli, tmp_path: Path, sample_pdf: Path) -> None:
    """A PDF locked with a password exits 1 and says it is encrypted."""
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=str(sample_pdf))
    writer.encrypt("hemmelig", algorithm="RC4-128")
    locked = tmp_path / "locked.pdf"
    with locked.open("wb") as handle:
        writer.write(handle)
    result = cli("diff", locked, sample_pdf)
    assert result.code == 1
    assert f"{locked}: error: PDF'en er krypteret" in result.err
    assert "hint:" in result.err


def test_pdf_without_text_is_a_clear_error(cli, tmp_path: Path) -> None:
    """A PDF with only drawings (e.g. a scan) exits 1: there is no text to compare."""
    from reportlab.pdfgen.canvas import Canvas

    scan = tmp_path / "scan.pdf"
    canvas = Canvas(str(scan), invariant=1)
    canvas.rect(50, 50, 200, 300, fill=1)
    canvas.showPage()
    canvas.save()
    other = word_processor_pdf(tmp_path / "other.pdf", PARAGRAPHS)
    result = cli("diff", scan, other)
    assert result.code == 1
    assert "ingen tekst" in result.err


def test_non_plan_yaml_prints_diagnostics(cli, tmp_path: Path) -> None:
    """A YAML file that is not a plan gives the loader's diagnostics with line and column."""
    a = write(tmp_path / "a.yaml", plan_2010())
    other = write(tmp_path / "other.yaml", "navn: noget andet\nliste: [1, 2]\n")
    result = cli("diff", a, other)
    assert result.code == 1
    assert f"{other}:1:1: error: ukendt nøgle 'navn'" in result.err
    assert "Traceback" not in result.err
    assert cli("diff", a, tmp_path / "mangler.yaml").code == 1


def test_two_councils_are_compared_with_a_warning(cli, tmp_path: Path) -> None:
    """Plans of two councils still compare (exit 0) but stderr warns about it."""
    a = write(tmp_path / "a.yaml", plan_2010())
    b = write(tmp_path / "b.yaml", replace_once(plan_2010(), "navn: Lokalrådet i Billund kommune",
                                                "navn: Lokalrådet i Vejle kommune"))
    result = cli("diff", a, b)
    assert result.code == 0, result.err
    assert "warning: planerne er fra to forskellige råd" in result.err
    assert "Vejle" in result.out


def test_pdf_reading_is_bounded_in_time_and_size(tmp_path: Path, sample_pdf: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A PDF that takes too long or is too big is refused with a message, never waited on."""
    from planpdf.diff import inputs
    from planpdf.edition import bounded
    from planpdf.errors import InputError

    monkeypatch.setattr(bounded, "TIMEOUT_SECONDS", 0.0)  # nothing is read that fast
    with pytest.raises(InputError, match="kunne ikke læses inden for"):
        inputs.read_input(sample_pdf)
    monkeypatch.setattr(inputs, "MAX_PDF_BYTES", 1000)
    with pytest.raises(InputError, match="højst 0 MB"):
        inputs.read_input(sample_pdf)


def test_worker_refuses_too_many_pages(sample_pdf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The worker stops at its page limit and reports the count instead of reading on."""
    from planpdf.diff import pdfworker

    monkeypatch.setattr(pdfworker, "MAX_PAGES", 1)
    result = pdfworker.read(sample_pdf.read_bytes(), "text", "billund-2010.pdf")
    assert result["error"] == "pages" and result["pages"] > 1


def test_issue_12_an_embedded_source_is_loaded_once(sample_pdf: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 12: diff of a planpdf PDF loads and validates its embedded source once: the
    bounded child's read loads it one time, and the parent never loads it again."""
    from planpdf.content import load
    from planpdf.diff import inputs, pdfworker

    calls: list[str] = []
    real = load.to_plan
    monkeypatch.setattr(load, "to_plan", lambda source, **kw: calls.append(source.map.path)
                        or real(source, **kw))
    result = pdfworker.read(sample_pdf.read_bytes(), "source", "billund-2010.pdf")
    assert result["plan"].year == 2010 and result["source_problems"] == []
    assert calls == ["billund-2010.pdf#handlingsplan.yaml"]
    calls.clear()
    side = inputs.read_input(sample_pdf)  # the load happens in the child, not here
    assert side.plan is not None and side.plan.year == 2010
    assert calls == []


def test_a_pdf_with_odd_metadata_is_still_compared_as_text(cli, tmp_path: Path) -> None:
    """A PDF without embedded source is compared as text whatever its metadata holds: an XMP
    entry that is no stream, a planpdf key with a digit that is no ASCII digit. Regression: the
    check for a bundle read the whole edition and called such files damaged."""
    import pikepdf

    plain = word_processor_pdf(tmp_path / "2010.pdf", PARAGRAPHS)
    odd = tmp_path / "2011.pdf"
    with pikepdf.open(plain) as pdf:
        pdf.Root.Metadata = pikepdf.Dictionary()
        pdf.docinfo["/PlanpdfYear"] = "²"
        pdf.save(odd, fix_metadata_version=False)
    result = cli("diff", plain, odd, "--json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["mode"] == "tekst"
    assert "samling" not in result.err
