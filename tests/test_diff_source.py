"""REVIEW #11: diff reads the embedded source exactly as verify does (edition.embedded_source),
and warns when a PDF's fingerprint does not match that source."""

from __future__ import annotations

import io
from pathlib import Path

from editions_fixtures import sample_source
from planpdf.diff.inputs import read_input
from planpdf.edition.read import read_edition


def test_review_11_a_source_only_in_the_name_tree_is_not_the_embedded_source(
        sample_pdf: Path, tmp_path: Path) -> None:
    """REVIEW #11: a PDF whose handlingsplan.yaml is attached but not associated (/AF) has no
    embedded source for diff either, just as for verify."""
    from pypdf import PdfWriter
    from pypdf.generic import NameObject

    writer = PdfWriter(clone_from=str(sample_pdf))
    del writer.root_object[NameObject("/AF")]
    buffer = io.BytesIO()
    writer.write(buffer)
    loose = tmp_path / "loest.pdf"
    loose.write_bytes(buffer.getvalue())
    assert read_edition(loose.read_bytes()).source_text is None
    side = read_input(loose)
    assert side.plan is None  # compared as text, like verify's "ingen indlejret kilde"
    assert read_input(sample_pdf).plan is not None


def test_review_11_a_fingerprint_that_does_not_match_its_source_is_a_warning(
        make_edition, tmp_path: Path) -> None:
    """REVIEW #11: reading a PDF whose metadata fingerprint is not its source's gives a warning."""
    forged = make_edition(tmp_path / "forfalsket.pdf", fingerprint_of=sample_source(2011, "X."))
    side = read_input(forged)
    assert side.plan is not None
    (warning,) = side.warnings
    assert warning.startswith(f"{forged}: den indlejrede kilde stemmer ikke med PDF'ens "
                              "fingeraftryk (fingeraftrykket passer ikke")
    assert read_input(make_edition(tmp_path / "ok.pdf")).warnings == ()


def test_review_11_diff_prints_the_warning(make_edition, cli, tmp_path):
    """REVIEW #11: diff prints planpdf: warning: for a PDF whose fingerprint is not its source's."""
    forged = make_edition(tmp_path / "f.pdf", fingerprint_of=sample_source(2011, "X."))
    result = cli("diff", forged, make_edition(tmp_path / "ok.pdf"))
    assert result.code == 0 and f"planpdf: warning: {forged}: den indlejrede kilde" in result.err
