"""Editions made the real way: the sample moved to 2011, `planpdf approve`, `planpdf build`.

Only one thing is imitated here, on purpose: ``tamper_fingerprint`` rewrites the fingerprint in
a real PDF's metadata with pypdf, to test that a PDF whose metadata and source disagree is refused.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest

from planpdf.content.load import load_text
from planpdf.provenance import INFO_FINGERPRINT, SOURCE_NAME, fingerprint


def _planpdf(*args: str | Path) -> None:
    from conftest import run_planpdf

    proc = run_planpdf(*args)
    assert proc.returncode == 0, proc.stderr


def foreign_pdf(path: Path) -> Path:
    """A plan PDF made elsewhere (a word processor, say): text, but none of planpdf's metadata."""
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), invariant=1)
    canvas.drawString(72, 720, "Handlingsplan for 2011")
    canvas.save()
    return path


def tamper_fingerprint(pdf: Path, other_source: str) -> None:
    """Put the fingerprint of ``other_source`` into ``pdf``'s metadata (a forged edition)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(pdf))
    writer.add_metadata({INFO_FINGERPRINT: fingerprint(load_text(SOURCE_NAME, other_source).data)})
    buffer = io.BytesIO()
    writer.write(buffer)
    pdf.write_bytes(buffer.getvalue())


def sample_source(year: int = 2011, purpose_suffix: str = "") -> str:
    """The sample content moved to ``year``; ``purpose_suffix`` makes a different edition."""
    from conftest import SAMPLE_FORMAT1

    text = SAMPLE_FORMAT1.read_text(encoding="utf-8")
    text = (text.replace("år: 2010", f"år: {year}", 1)
            .replace("dato: 2010-01-01", f"dato: {year}-01-01", 1)
            .replace("dato: 2010-11-24", f"dato: {year}-11-23", 1))  # the conference
    if purpose_suffix:
        text = text.replace("sikkerhed for borgerne i lokalsamfundet.",
                            f"sikkerhed for borgerne i lokalsamfundet. {purpose_suffix}", 1)
    return text


@pytest.fixture(scope="session")
def make_edition(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    """``make_edition(out, purpose_suffix="", status="godkendt", approved_date=..., fingerprint_of=None)``.

    Writes the 2011 content, approves it with the real CLI unless ``status="udkast"``, and builds
    ``out``. ``fingerprint_of`` (other YAML text) then forges the fingerprint in the metadata.
    """
    folder = tmp_path_factory.mktemp("editions")
    counter = iter(range(1_000_000))

    def make(out: Path, purpose_suffix: str = "", *, status: str = "godkendt",
             approved_by: str = "Jørn Lykkebak", approved_date: str = "2011-02-15",
             fingerprint_of: str | None = None) -> Path:
        content = folder / f"billund-2011-{next(counter)}.yaml"
        content.write_text(sample_source(2011, purpose_suffix), encoding="utf-8")
        if status == "godkendt":
            _planpdf("approve", content, "--date", approved_date, "--by", approved_by, "-q")
        out.parent.mkdir(parents=True, exist_ok=True)
        _planpdf("build", content, "-o", out, "-q")
        if fingerprint_of is not None:
            tamper_fingerprint(out, fingerprint_of)
        return out

    return make
