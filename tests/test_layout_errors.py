"""Content that cannot be laid out is a content error at its place, never a LayoutError."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import write

WORDS = " ".join(["ord"] * 9000)  # far more than one A4 page in one table cell
# Within the content limits (a cell 2,000 characters, 12 columns) a cell can still be taller than
# a page: 2,000 characters in a column a twelfth of the page wide.
CELL = " ".join(["ord"] * 500)[:2000]
NARROW = ", ".join(['""'] * 11)
HEAD = """\
år: 2010
råd:
  navn: Lokalrådet i Test
  kommune: Test kommune
"""
OLD_PDF = b"%PDF-1.4 earlier edition\n"


def _build_fails_at(cli, tmp_path: Path, text: str) -> tuple[int, int]:
    write(tmp_path / "plan.yaml", text)
    (tmp_path / "plan.pdf").write_bytes(OLD_PDF)
    result = cli("build", "plan.yaml", "-o", "plan.pdf")
    assert result.code == 1, result
    assert "Traceback" not in result.err
    assert "LayoutError" not in result.err
    assert (tmp_path / "plan.pdf").read_bytes() == OLD_PDF
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.pdf", "plan.yaml"]
    match = re.search(r"^plan\.yaml:(\d+):(\d+): error: .*kan ikke sættes op", result.err, re.M)
    assert match, result.err
    return int(match[1]), int(match[2])


def test_table_cell_taller_than_a_page(cli, tmp_path: Path) -> None:
    """A table cell taller than a page: exit 1, error at that table, no file written.

    The cell keeps within the content limits (2,000 characters in one of 12 columns), so it is
    the layout that finds it too tall, and says so at the table.
    """
    text = HEAD + f"""\
medlemmer:
  - navn: Anne Andersen
formål:
  - Et afsnit før tabellen.
  - tabel:
      kolonner: [Emne, {NARROW}]
      rækker:
        - ["{CELL}", {NARROW}]
"""
    assert _build_fails_at(cli, tmp_path, text) == (9, 5)  # the `tabel:` entry


def test_member_cell_taller_than_a_page(cli, tmp_path: Path) -> None:
    """A member whose title is taller than a page: the error points at that member, not at 1:1.

    Since the content limits (a title at most 300 characters) no member cell can fill a page;
    the title is refused at its own line before layout, and nothing is written.
    """
    text = HEAD + f"""\
medlemmer:
  - navn: Anne Andersen
  - navn: Bo Berg
    titel: "{WORDS}"
"""
    write(tmp_path / "plan.yaml", text)
    (tmp_path / "plan.pdf").write_bytes(OLD_PDF)
    result = cli("build", "plan.yaml", "-o", "plan.pdf")
    assert result.code == 1 and "Traceback" not in result.err
    assert result.err.startswith("plan.yaml:8:12: error: teksten er 35.999 tegn lang; en "
                                 "overskrift eller titel må højst være 300 tegn")
    assert (tmp_path / "plan.pdf").read_bytes() == OLD_PDF
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.pdf", "plan.yaml"]


def test_heading_taller_than_the_space_left_splits_into_one_bookmark() -> None:
    """Regression: a heading that had to be split crashed (ReportLab makes the pieces with the
    heading's class, whose arguments differed). Now the first piece carries the bookmark and the
    contents line, the rest none, and both pieces are the one heading element."""
    from planpdf.layout.blocks import Heading
    from planpdf.layout.fonts import register
    from planpdf.layout.styles import make_styles
    from planpdf.pipeline import World

    styles = make_styles(register(World.default().fonts_dir))
    heading = Heading("Tryghed og trivsel i hele kommunen " * 8, styles.heading(0), 0, "h7", None)
    heading.wrap(200, 10_000)
    parts = heading.split(200, 3 * styles.heading(0).leading)
    assert len(parts) == 2
    first, rest = parts
    assert (first.key, first.level, first.outline_title) == ("h7", 0, heading.outline_title)
    assert rest.key == "" and rest.outline_title == ""
    assert first.planpdf_tag is rest.planpdf_tag is heading.planpdf_tag
