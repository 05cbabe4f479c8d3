"""The one door to ReportLab's markup parser: only ``layout/markup.py`` opens it, only for Markup.

``planpdf.layout.markup`` explains the design; these tests hold it: by ``ast`` (no other module
imports a ReportLab class that parses markup, or vouches for a string by calling ``Markup``), at
run time (the door refuses a ``str``) and with mypy (a ``str`` where ``Markup`` is due is a type
error). Plus the regressions of the contents list and the bookmarks, which once took the raw
heading text.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, flat, pdf_objects, pdf_text, run_planpdf, write

PACKAGE = ROOT / "src" / "planpdf"
DOOR = PACKAGE / "layout" / "markup.py"

# ReportLab names that parse markup (or evaluate code) when handed a string.
PARSING_NAMES = {"Paragraph", "XPreformatted", "PythonPreformatted", "TableOfContents",
                 "SimpleIndex", "ListFlowable", "ListItem", "ParaParser", "Para", "DocAssign",
                 "DocExec", "DocPara", "DocIf", "DocWhile", "DocAssert"}
PARSING_MODULES = {"reportlab.platypus.paragraph", "reportlab.platypus.paraparser",
                   "reportlab.platypus.para", "reportlab.platypus.tableofcontents",
                   "reportlab.platypus.xpreformatted"}


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p != DOOR)


def _parsing_imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("reportlab"):
            module = node.module or ""
            found += [f"{module}.{a.name}" for a in node.names
                      if a.name in PARSING_NAMES or module in PARSING_MODULES
                      or f"{module}.{a.name}" in PARSING_MODULES]
        elif isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name in PARSING_MODULES]
    return found


def _markup_calls(path: Path) -> list[int]:
    return [node.lineno for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Call)
            and ((isinstance(node.func, ast.Name) and node.func.id == "Markup")
                 or (isinstance(node.func, ast.Attribute) and node.func.attr == "Markup"))]


def test_the_door_module_is_where_the_parsers_are() -> None:
    """The checks below see what they look for (an empty result would make them vacuous)."""
    assert _parsing_imports(DOOR) == ["reportlab.platypus.Paragraph",
                                      "reportlab.platypus.paragraph._drawBullet",  # a list's Lbl
                                      # plain_frags: plain text's fragments, as the parser makes them
                                      "reportlab.platypus.paragraph.textTransformFrags",
                                      "reportlab.platypus.paraparser.ParaFrag",
                                      "reportlab.platypus.paraparser.ParaParser",
                                      "reportlab.platypus.tableofcontents.TableOfContents"]
    assert len(_markup_calls(DOOR)) >= 5
    assert len(_modules()) > 30


def test_only_the_markup_module_imports_reportlab_markup_parsers() -> None:
    """No module but layout/markup.py imports Paragraph, TableOfContents, ListFlowable & co.:
    every paragraph planpdf makes is a MarkupParagraph, every contents list a Contents."""
    offenders = {str(p.relative_to(ROOT)): found for p in _modules() if (found := _parsing_imports(p))}
    assert offenders == {}


def test_only_the_markup_module_makes_markup() -> None:
    """No module but layout/markup.py calls ``Markup(...)``: nothing vouches for a raw string."""
    offenders = {str(p.relative_to(ROOT)): lines for p in _modules() if (lines := _markup_calls(p))}
    assert offenders == {}


def test_the_door_refuses_a_plain_str_at_run_time() -> None:
    """A ``str`` (say, one that came back through untyped ReportLab as ``Any``) is refused by
    MarkupParagraph, the contents list and the combinators; ``Markup`` is accepted."""
    from reportlab.lib.styles import ParagraphStyle

    from planpdf.layout.markup import Contents, MarkupParagraph, bold, escape, join, struck

    style = ParagraphStyle("t")
    with pytest.raises(TypeError):
        MarkupParagraph("<b>x</b>", style)
    with pytest.raises(TypeError):
        Contents().addEntry(0, "Vold i <hjemmet>", 1, "h1")
    with pytest.raises(TypeError):
        bold("<b>x</b>")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        join([escape("a"), "<b>"])  # type: ignore[list-item]
    with pytest.raises(ValueError):
        struck(escape("x"), 'red" href="javascript:x')
    assert MarkupParagraph(escape("<b>x</b>"), style).getPlainText() == "<b>x</b>"
    assert escape("a") + "<b>" == "a<b>" and type(escape("a") + "<b>") is str  # glued: a str again


def test_mypy_rejects_a_plain_str_where_markup_is_due(tmp_path: Path) -> None:
    """mypy --strict reports a ``str`` passed where ``Markup`` is due, and accepts ``Markup``."""
    pytest.importorskip("mypy")
    snippet = tmp_path / "snippet.py"
    snippet.write_text(
        "from planpdf.layout.markup import MarkupParagraph, escape, join, markup\n"
        "ok = MarkupParagraph(join([escape('a'), markup('**b**')], ' · '), None)\n"
        "raw = MarkupParagraph('<b>x</b>', None)\n"
        "glued = MarkupParagraph(escape('a') + '<b>', None)\n"
        "formatted = MarkupParagraph(f\"<b>{escape('a')}</b>\", None)\n", encoding="utf-8")
    env = {**os.environ, "MYPYPATH": str(ROOT / "src")}
    result = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental",
                             "--follow-imports=silent", "--ignore-missing-imports", str(snippet)],
                            cwd=tmp_path, capture_output=True, text=True, timeout=120, env=env)
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    assert [int(line.split(":")[1]) for line in errors] == [3, 4, 5], result.stdout
    assert all('expected "Markup | None"' in line for line in errors), errors


CONTENTS_PLAN = """\
år: 2010
råd:
  navn: Lokalrådet i Test
  kommune: Test kommune
indholdsfortegnelse: true
medlemmer:
  - navn: Anne
afsnit:
  - overskrift: 'Vold i <hjemmet>'
    tekst: [Et afsnit.]
  - overskrift: '<a href="javascript:app.alert(1)">klik</a>'
    tekst: [Et afsnit.]
  - overskrift: 'Tryghed <b>og trivsel'
    tekst: [Et afsnit.]
  - overskrift: '&#x1F600; og **fed** overskrift'
    tekst: [Et afsnit.]
"""


@pytest.fixture(scope="module")
def contents_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A plan with a contents list whose headings are written as markup."""
    folder = tmp_path_factory.mktemp("contents")
    write(folder / "plan.yaml", CONTENTS_PLAN)
    result = run_planpdf("build", "plan.yaml", "-o", "plan.pdf", cwd=folder)
    assert result.code == 0, result.err
    return folder / "plan.pdf"


def test_contents_list_entry_is_the_heading_text_escaped(contents_pdf: Path) -> None:
    """Regression: the contents list took the raw heading text, so 'Vold i <hjemmet>' read
    'Vold i', an <a href="javascript:…"> became a /URI link, and an unclosed <b> a traceback."""
    page = pdf_text(contents_pdf)[0]
    contents = page[page.index("Indhold"):page.index("Medlemmer\nMedlemmerne")]
    lines = [flat(line) for line in contents.splitlines()
             if not line.strip().startswith(".") and not line.strip().isdigit()]  # leaders, pages
    assert lines[1:6] == ["Medlemmer", "Vold i <hjemmet>", '<a href="javascript:app.alert(1)">klik</a>',
                          "Tryghed <b>og trivsel", "&#x1F600; og fed overskrift"], lines
    assert b"/URI" not in pdf_objects(contents_pdf)


def test_bookmarks_read_like_the_headings(contents_pdf: Path) -> None:
    """Regression: bookmarks showed the stars of ``**fed**``; they show the heading as it reads,
    and markup in it as written (a bookmark title is a PDF string, never parsed)."""
    from pypdf import PdfReader

    titles = [str(item.title) for item in PdfReader(contents_pdf).outline if not isinstance(item, list)]
    assert titles == ["Handlingsplan for 2010", "Medlemmer", "Vold i <hjemmet>",
                      '<a href="javascript:app.alert(1)">klik</a>', "Tryghed <b>og trivsel",
                      "&#x1F600; og fed overskrift"]
