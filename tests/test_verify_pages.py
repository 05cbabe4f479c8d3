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


def test_review_3_another_creator_is_a_note_not_a_failure(make_edition, cli, tmp_path: Path):
    """REVIEW #3: a PDF whose /Creator names another planpdf version is noted as uncheckable."""
    good = make_edition(tmp_path / "godkendt.pdf")
    other = _rewrite(good, tmp_path / "andet.pdf",
                     lambda w: w.add_metadata({"/Creator": "planpdf 0.0.1"}))
    result = cli("verify", other)
    assert result.code == 0, result.err
    assert ("[OBS]  siderne kan ikke kontrolleres: PDF'en er lavet med planpdf 0.0.1"
            in result.out)


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
