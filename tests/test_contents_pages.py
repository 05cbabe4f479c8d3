"""The contents list is laid out in the same pass as the plan, its page numbers written when the
PDF is saved (issue 12, goal 3): each number must be the page its heading is really on.

Read back with pypdf: the number printed in the list, the link's text and target, the outline
entry and the page whose text holds the heading all agree, on a plan whose list takes several pages.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import SAMPLE_FORMAT1, run_planpdf, write

SECTIONS = 70


@pytest.fixture(scope="module")
def long_toc_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    text = SAMPLE_FORMAT1.read_text(encoding="utf-8").replace("år: 2010\n",
                                                      "år: 2010\nindholdsfortegnelse: true\n", 1)
    body = "\n".join(f"  - overskrift: Afsnit nummer {i}\n    tekst: >\n      "
                     + "Lokalrådets formål er at virke som et fremtidsorienteret partnerskab. "
                     * (3 + 9 * (i % 4)) for i in range(1, SECTIONS + 1))
    folder = tmp_path_factory.mktemp("toc")
    plan = write(folder / "lang.yaml", text + "\nafsnit:\n" + body + "\n")
    proc = run_planpdf("build", plan, "-o", folder / "lang.pdf")
    assert proc.returncode == 0, proc.stderr
    return folder / "lang.pdf"


def _links(reader: object) -> list[tuple[int, str, int]]:
    """(page the link is on, the link's /Contents, page it leads to) of every contents link."""
    from pypdf import PdfReader

    assert isinstance(reader, PdfReader)
    numbers = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages, start=1)}
    out = []
    for number, page in enumerate(reader.pages, start=1):
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") == "/Link" and "/Dest" in annot:
                target = numbers[annot["/Dest"][0].idnum]
                out.append((number, str(annot["/Contents"]), target))
    return out


def test_each_contents_number_is_the_page_of_its_heading(long_toc_pdf: Path) -> None:
    from pypdf import PdfReader

    reader = PdfReader(long_toc_pdf)
    texts = [page.extract_text() for page in reader.pages]
    links = _links(reader)
    list_pages = sorted({page for page, _, _ in links})
    assert len(links) >= SECTIONS and len(list_pages) >= 2  # the list takes more than a page
    for _page, contents, target in links:
        title, side = contents.rsplit(", side ", 1)
        assert int(side) == target, contents
        lines = [line.strip() for line in texts[target - 1].splitlines()]
        assert title in lines, (title, target)  # the heading itself is on that page
        if title.startswith("Afsnit nummer"):
            later = [n for n, text in enumerate(texts[target:], start=target + 1)
                     if title in [line.strip() for line in text.splitlines()]]
            assert not later, (title, later)  # and on no other (the list itself names it)
    listed = " ".join(texts[page - 1] for page in list_pages)
    for _page, contents, _target in links:
        title, side = contents.rsplit(", side ", 1)
        assert re.search(re.escape(title) + r"[\s.]*" + side + r"\b", listed), contents


def test_outline_and_footer_agree_with_the_contents(long_toc_pdf: Path) -> None:
    from pypdf import PdfReader

    reader = PdfReader(long_toc_pdf)
    pages = {contents.rsplit(", side ", 1)[0]: target for _, contents, target in _links(reader)}

    def walk(items: list[object]) -> list[tuple[str, int]]:
        out: list[tuple[str, int]] = []
        for item in items:
            if isinstance(item, list):
                out += walk(item)
            else:
                out.append((str(item["/Title"]), reader.get_destination_page_number(item) + 1))
        return out

    outline = dict(walk(reader.outline))
    assert all(outline[title] == page for title, page in pages.items())
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        assert f"Side {number} af {total}" in page.extract_text()
