"""User text is text: ReportLab markup written in the content prints literally."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import flat, pdf_text, run_planpdf, write

MARKUP = [
    "<b>fed</b>",
    "&amp;",
    '<font color="red">x</font>',
    '<img src="/etc/passwd"/>',
    "<para>",
]

CONTENT = """\
år: 2010
råd:
  navn: Lokalrådet i Test
  kommune: Test kommune
medlemmer:
  - navn: "<b>Anne</b> & Co"
formål: |
  Første afsnit med <b>fed</b> og &amp; og <font color="red">x</font>.

  Andet afsnit med <img src="/etc/passwd"/> og <para> og **fed** tekst.
afslutning:
  - punkter:
      - "Punkt med <i>kursiv</i> & **fed**"
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:

    folder = tmp_path_factory.mktemp("escaping")
    write(folder / "plan.yaml", CONTENT)
    proc = run_planpdf("build", "plan.yaml", "-o", "plan.pdf", cwd=folder)
    assert proc.returncode == 0, proc.stderr
    return folder / "plan.pdf"


def test_markup_prints_literally(built: Path) -> None:
    """`<b>`, `&amp;`, `<font>`, `<img>` and `<para>` in content print as written."""
    text = flat("\n".join(pdf_text(built)))
    for literal in MARKUP:
        assert literal in text
    assert "<b>Anne</b> & Co" in text
    assert "<i>kursiv</i> &" in text


def test_img_does_not_read_local_files(built: Path) -> None:
    """`<img src="/etc/passwd"/>` is never loaded: no image in the PDF, passwd's text absent."""
    from pypdf import PdfReader

    reader = PdfReader(built)
    for page in reader.pages:
        xobjects = (page["/Resources"].get("/XObject") or {})
        for xobject in xobjects.values():
            assert xobject.get_object().get("/Subtype") != "/Image"
    text = "\n".join(pdf_text(built))
    assert "root:" not in text


def test_double_star_is_bold_without_stars(built: Path) -> None:
    """`**fed**` prints as "fed" in the bold face, without the stars."""
    from pypdf import PdfReader

    text = flat("\n".join(pdf_text(built)))
    assert "**" not in text
    assert "og fed tekst." in text
    bold_runs: list[str] = []
    regular_runs: list[str] = []

    def visit(run: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if font is not None and run.strip():
            name = str(font.get("/BaseFont", ""))
            (bold_runs if name.endswith("Bold") else regular_runs).append(run)

    for page in PdfReader(built).pages:
        page.extract_text(visitor_text=visit)
    assert any(run.strip() == "fed" for run in bold_runs), bold_runs
    # the escaped <b>fed</b> is not bold: it stays in the regular face
    assert any("<b>fed</b>" in run for run in regular_runs)


def test_paragraph_breaks_are_kept(built: Path) -> None:
    """Two paragraphs written with a blank line between them come out as separate paragraphs."""
    lines = "\n".join(pdf_text(built)).splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("Første afsnit"))
    second = next(i for i, line in enumerate(lines) if line.startswith("Andet afsnit"))
    assert second > first
    assert lines[second - 1].endswith("</font>.")
