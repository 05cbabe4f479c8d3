"""Drafts, approval and next year's edition, through the real CLI."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
import yaml

from conftest import SAMPLE, flat, pdf_text
from editions_flow import Flow, make_flow, run
from planpdf import provenance as fp


@pytest.fixture(scope="module")
def flow(tmp_path_factory: pytest.TempPathFactory) -> Flow:
    return make_flow(tmp_path_factory.mktemp("editions"))


def test_draft_marks_every_page(flow: Flow) -> None:
    """Every page of a draft shows the UDKAST mark (glyph outlines in a watermark artifact, so
    no text) and says 'Udkast <dato>' once, as text, in the footer."""
    from tagged_pdf import marks

    pages = pdf_text(flow.draft_pdf)
    found = marks(flow.draft_pdf)
    assert len(pages) >= 2
    for number, text in enumerate(pages, 1):
        assert "UDKAST" not in text
        assert flat(text).count("Udkast 1. januar 2010") == 1  # `new` keeps the date and flags it
        assert "Godkendt" not in text
        assert ("/Pagination/Watermark", "") in found.artifacts[number]
        assert (("/Artifact",), b"Do") in found.operators[number]


def test_approve_changes_only_status_and_approval_lines(flow: Flow) -> None:
    """approve adds status/godkendelse lines and leaves every other line, comments included."""
    after = flow.content.read_text(encoding="utf-8")
    diff = [line for line in difflib.unified_diff(flow.before_approve.splitlines(),
                                                  after.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert all(line.startswith("+") for line in diff), diff
    from planpdf.content.digest import approved_fingerprint
    from planpdf.content.load import load_file

    assert [line[1:] for line in diff] == [
        "status: godkendt", "godkendelse:", "  dato: 2011-02-15", "  af: Jørn Lykkebak",
        "  rolle: formand", "  møde: rådsmødet i Grindsted",
        f"  fingeraftryk: {approved_fingerprint(load_file(flow.content).data)}"]
    comments = [x for x in flow.before_approve.splitlines() if x.lstrip().startswith("#")]
    assert comments and all(c in after.splitlines() for c in comments)


def test_approved_pdf_has_signoff_and_no_draft_mark(flow: Flow) -> None:
    """The approved PDF ends with the sign-off block and says 'Godkendt <dato>' on every page."""
    pages = [flat(t) for t in pdf_text(flow.approved_pdf)]
    for text in pages:
        assert "UDKAST" not in text and "Udkast" not in text
        assert "Godkendt 15. februar 2011" in text
    edition_fp = _info(flow.approved_pdf)[fp.INFO_FINGERPRINT]
    assert f"Fingeraftryk {fp.short(edition_fp)}" in pages[0]
    last = pages[-1]
    assert "Godkendt af Jørn Lykkebak, formand" in last
    assert "Dato: 15. februar 2011" in last
    assert "Møde: rådsmødet i Grindsted" in last


def test_info_keys(flow: Flow) -> None:
    """Draft and approved PDFs carry the edition keys; only the approved one names its approver."""
    draft, approved = _info(flow.draft_pdf), _info(flow.approved_pdf)
    assert draft[fp.INFO_STATUS] == "udkast" and approved[fp.INFO_STATUS] == "godkendt"
    for info in (draft, approved):
        assert info[fp.INFO_COUNCIL] == "Lokalrådet i Billund kommune"
        assert info[fp.INFO_YEAR] == "2011"
        assert len(info[fp.INFO_FINGERPRINT]) == 64
    assert fp.INFO_APPROVED_BY not in draft
    assert approved[fp.INFO_APPROVED_BY] == "Jørn Lykkebak"
    assert approved[fp.INFO_APPROVED_DATE] == "2011-02-15"
    assert draft[fp.INFO_FINGERPRINT] != approved[fp.INFO_FINGERPRINT]


def test_signature_box_is_inside_the_signoff_page(flow: Flow) -> None:
    """The signature rectangle is recorded on the sign-off page, within the page, text-free."""
    from pypdf import PdfReader

    from planpdf.edition.read import read_edition

    edition = read_edition(flow.approved_pdf.read_bytes())
    assert edition.signature_box is not None
    page, x1, y1, x2, y2 = edition.signature_box
    reader = PdfReader(flow.approved_pdf)
    assert page == len(reader.pages)  # the block ends the plan
    width, height = (float(v) for v in reader.pages[page - 1].mediabox[2:])
    assert 0 < x1 < x2 <= width and 0 < y1 < y2 <= height
    inside: list[str] = []

    def visit(text: str, cm: object, tm: list[float], *_: object) -> None:
        if text.strip() and x1 <= tm[4] <= x2 and y1 <= tm[5] <= y2:
            inside.append(text)

    reader.pages[page - 1].extract_text(visitor_text=visit)
    assert inside == []


def test_read_edition_and_check_source(flow: Flow) -> None:
    """read_edition returns the approval and the embedded source; check_source finds no problem."""
    from planpdf.edition.read import check_source, read_edition

    data = flow.approved_pdf.read_bytes()
    edition = read_edition(data)
    assert (edition.status, edition.year, edition.approved_by, edition.approved_date) == (
        "godkendt", 2011, "Jørn Lykkebak", "2011-02-15")
    assert edition.source_text is not None and "godkendelse:" in edition.source_text
    assert check_source(edition).problems == ()
    assert check_source(read_edition(flow.draft_pdf.read_bytes())).problems == ()


def test_check_source_notices_a_different_source(flow: Flow, tmp_path: Path) -> None:
    """A PDF whose embedded source does not match its fingerprint is reported."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import TextStringObject

    from planpdf.edition.read import check_source, read_edition

    writer = PdfWriter(clone_from=PdfReader(flow.approved_pdf))
    writer.add_metadata({fp.INFO_FINGERPRINT: TextStringObject("0" * 64)})
    out = tmp_path / "changed.pdf"
    writer.write(out)
    problems = check_source(read_edition(out.read_bytes())).problems
    assert any("fingeraftrykket passer ikke" in p for p in problems), problems


def test_new_keeps_comments_and_bumps_year(flow: Flow) -> None:
    """new: year + 1, a draft, every date flagged, everything else byte for byte."""
    old = SAMPLE.read_text(encoding="utf-8").splitlines()
    new = flow.after_new.splitlines()
    assert len(old) == len(new)
    changed = [(a, b) for a, b in zip(old, new, strict=True) if a != b]
    assert changed[0] == ("år: 2010", "år: 2011")
    flagged = [b for _a, b in changed[1:]]
    assert len(flagged) == 3
    assert all(b.endswith("  # TJEK: dato fra 2010") for b in flagged)
    assert all(a + "  # TJEK: dato fra 2010" == b for a, b in changed[1:])
    assert "3 datoer" in flow.outputs["new"]


def test_new_from_an_approved_plan_is_a_draft_again(flow: Flow, tmp_path: Path) -> None:
    """new from an approved plan: status back to udkast, godkendelse gone, comments kept."""
    target = tmp_path / "billund-2012.yaml"
    proc = run(tmp_path, "new", target, "--from", flow.content)
    assert proc.returncode == 0, proc.stderr
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert data["år"] == 2012 and data["status"] == "udkast" and "godkendelse" not in data
    assert target.read_text(encoding="utf-8").startswith("# yaml-language-server")


def _info(path: Path) -> dict[str, str]:
    from pypdf import PdfReader

    return {k: str(v) for k, v in (PdfReader(path).metadata or {}).items()}


def test_read_edition_of_other_pdfs(tmp_path: Path) -> None:
    """A PDF planpdf did not make reads as all None; bytes that are no PDF raise EditionError."""
    import io

    from pypdf import PdfWriter

    from planpdf.edition.read import check_source, read_edition
    from planpdf.errors import EditionError

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    buffer = io.BytesIO()
    writer.write(buffer)
    edition = read_edition(buffer.getvalue())
    assert edition.fingerprint is None and edition.source_text is None
    assert edition.signature_box is None and edition.year is None
    assert len(check_source(edition).problems) == 2
    with pytest.raises(EditionError):
        read_edition(b"dette er ikke en PDF")
