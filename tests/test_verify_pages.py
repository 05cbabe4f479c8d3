"""REVIEW #3: verify FILE rebuilds the PDF from its embedded source and compares the bytes, so
changed pages are found; archive refuses such a PDF too."""

from __future__ import annotations

import io
import os
from pathlib import Path

from conftest import write
from editions_fixtures import sample_source


def _rewrite(src: Path, out: Path, change) -> Path:
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=str(src))
    change(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    out.write_bytes(buffer.getvalue())
    return out


def _cut_page_4(writer) -> None:
    page = writer.pages[3]
    stream = page.get_contents()
    stream.set_data(stream.get_data()[: len(stream.get_data()) // 2])
    page.replace_contents(stream)


def test_review_3_a_page_cut_in_half_fails_verify_and_archive(make_edition, cli, tmp_path: Path):
    """REVIEW #3: half of page 4's content stream cut away: verify exits 1, archive refuses."""
    good = make_edition(tmp_path / "godkendt.pdf")
    result = cli("verify", good)
    assert result.code == 0, result.err
    assert "[ok]   Siderne svarer byte for byte til den indlejrede kilde" in result.out
    bad = _rewrite(good, tmp_path / "t4.pdf", _cut_page_4)
    result = cli("verify", bad)
    assert result.code == 1, result.out
    assert ("[FEJL] siderne svarer ikke til den indlejrede kilde (PDF'en er ændret efter "
            "bygningen)") in result.out
    assert f"{bad}: error: siderne svarer ikke" in result.err
    result = cli("archive", bad)
    assert result.code == 1 and "siderne svarer ikke" in result.err
    assert not (tmp_path / "archive").exists()


def _paint_over_page_1(src: Path, out: Path, creator: str) -> Path:
    """An incremental update that paints a white box over page 1 and sets /Creator."""
    from pypdf import PdfWriter
    from pypdf.generic import ContentStream, NameObject

    writer = PdfWriter(str(src), incremental=True)
    page = writer.pages[0]
    paint = ContentStream(None, writer)
    paint.set_data(b"q 1 1 1 rg 50 600 500 200 re f Q")
    contents = page.get_contents()
    assert contents is not None
    combined = ContentStream(None, writer)
    combined.set_data(contents.get_data() + b"\n" + paint.get_data())
    page[NameObject("/Contents")] = writer._add_object(combined)
    writer.add_metadata({"/Creator": creator})
    buffer = io.BytesIO()
    writer.write(buffer)
    out.write_bytes(buffer.getvalue())
    assert out.read_bytes().startswith(src.read_bytes())  # really an incremental update
    return out


def test_issue_8_a_page_painted_over_with_another_creator_fails_verify_archive_and_sign(
        make_edition, certificate: Path, cli, tmp_path: Path):
    """Issue 8 §2: page 1 painted over in an incremental update and /Creator set to
    "Microsoft Word" is found by verify (exit 1), refused by archive and by sign."""
    from cert_fixtures import PASSWORD

    good = make_edition(tmp_path / "godkendt.pdf")
    bad = _paint_over_page_1(good, tmp_path / "malet.pdf", "Microsoft Word")
    result = cli("verify", bad)
    assert result.code == 1, result.out + result.err
    assert "siderne svarer ikke til den indlejrede kilde" in result.err
    assert "i orden" not in result.out
    result = cli("archive", bad)
    assert result.code == 1 and "siderne svarer ikke" in result.err
    assert not (tmp_path / "archive").exists()
    env = {**os.environ, "PLANPDF_CERT_PASSWORD": PASSWORD}
    result = cli("sign", bad, "--cert", certificate, "-o", tmp_path / "u.pdf", env=env)
    assert result.code == 1 and "siderne svarer ikke" in result.err
    assert not (tmp_path / "u.pdf").exists()


def test_issue_8_a_creator_edit_alone_is_a_change(make_edition, cli, tmp_path: Path):
    """Issue 8 §2: /Creator no longer switches the page check off; editing it changes the file."""
    good = make_edition(tmp_path / "godkendt.pdf")
    other = _rewrite(good, tmp_path / "andet.pdf",
                     lambda w: w.add_metadata({"/Creator": "planpdf 0.0.1"}))
    result = cli("verify", other)
    assert result.code == 1, result.out
    assert "[FEJL] siderne svarer ikke til den indlejrede kilde" in result.out


def test_issue_8_another_renderer_is_unchecked_never_i_orden(make_edition, cli, tmp_path: Path):
    """Issue 8 §2: a PDF recording another planpdf/ReportLab cannot have its pages checked here:
    verify names the versions, exits 3 (not 0, not "i orden"), and archive refuses it."""
    from planpdf.provenance import INFO_RENDERER, renderer

    good = make_edition(tmp_path / "godkendt.pdf")
    other = _rewrite(good, tmp_path / "andet.pdf",
                     lambda w: w.add_metadata({INFO_RENDERER: "planpdf 0.0.1; reportlab 4.2.0"}))
    result = cli("verify", other)
    assert result.code == 3, result.out + result.err
    assert "PDF'en er lavet med planpdf 0.0.1; reportlab 4.2.0" in result.out
    assert f"denne installation er {renderer()}" in result.out
    assert "i orden" not in result.out
    assert "kunne ikke kontrolleres fuldt ud" in result.err
    result = cli("archive", other)
    assert result.code == 1 and "siderne kan ikke kontrolleres her" in result.err


def test_issue_8_the_pdf_records_its_renderer(make_edition, tmp_path: Path) -> None:
    """Issue 8 §2: every PDF records the planpdf and ReportLab versions that made its pages."""
    from pypdf import PdfReader
    from reportlab import Version

    import planpdf
    from planpdf.provenance import INFO_RENDERER

    info = PdfReader(make_edition(tmp_path / "godkendt.pdf")).metadata
    assert info[INFO_RENDERER] == f"planpdf {planpdf.__version__}; reportlab {Version}"


def test_review_3_a_draft_dated_by_source_date_epoch_rebuilds(cli, tmp_path: Path):
    """REVIEW #3: a draft without 'dato', dated by SOURCE_DATE_EPOCH, still verifies its pages."""
    text = sample_source(2011).replace("dato: 2011-01-01\n", "", 1)
    assert text != sample_source(2011)
    content = write(tmp_path / "udkast.yaml", text)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1300000000"}
    assert cli("build", content, "-o", "udkast.pdf", "-q", env=env).code == 0
    from pypdf import PdfReader

    assert str(PdfReader(tmp_path / "udkast.pdf").metadata["/CreationDate"]).startswith("D:20110313")
    result = cli("verify", "udkast.pdf")
    assert result.code == 0, result.err
    assert "Siderne svarer byte for byte" in result.out


def test_a_pdf_whose_pages_were_changed_is_not_signed(make_edition, certificate: Path, cli,
                                                       tmp_path: Path):
    """Signing checks what verify checks: a page-edited approved PDF gets no signature."""
    from cert_fixtures import PASSWORD

    bad = _rewrite(make_edition(tmp_path / "godkendt.pdf"), tmp_path / "t4.pdf", _cut_page_4)
    env = {**os.environ, "PLANPDF_CERT_PASSWORD": PASSWORD}
    result = cli("sign", bad, "--cert", certificate, "-o", tmp_path / "u.pdf", env=env)
    assert result.code == 1 and "siderne svarer ikke" in result.err
    assert not (tmp_path / "u.pdf").exists()


def test_issue_8_verify_of_a_draft_says_udkast(sample_pdf: Path, cli) -> None:
    """Issue 8 §3: verify of an intact draft ends by saying it is a draft, not plain "i orden"."""
    result = cli("verify", sample_pdf)
    assert result.code == 0, result.err
    assert result.out.splitlines()[-1] == f"{sample_pdf}: i orden (udkast, ikke godkendt)"
