"""The change report's marks sit on the words they mark, and say what they are in the text layer.

Glyph positions and stroked lines are read back from the PDF with pikepdf (``pdfglyphs``), not
taken from ReportLab's own measurements: every red glyph must lie under a strike-through line of
its colour that starts at its run's first glyph and ends at its last on that line, every green
glyph likewise over an underline, and no mark may reach past its words. Copied text
(``pdftotext``) must tell a deletion from an insertion.
"""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from diffcases import write_pair
from pdfglyphs import Glyph, PageGraphics, Stroke, read_pages
from planpdf.diff.changes import Change, DiffResult, InputInfo
from planpdf.diff.output import terminal
from planpdf.diff.words import word_ops

RED = (0.701961, 0.14902, 0.117647)  # report.DELETED, #b3261e
GREEN = (0.117647, 0.482353, 0.203922)  # report.INSERTED, #1e7b34
TOLERANCE = 0.05  # points: the marks must start and end at the glyph edges

OLD = ("Lokalrådet orienterer borgerne om sit arbejde via kommunens hjemmeside og lokalavisen "
       "mindst to gange om året, og det holder et åbent rådsmøde 10. februar 2010 for alle "
       "interesserede borgere i kommunen, også på sociale medier og i kriminalitetsudviklingens "
       "lokale fora.")
NEW = ("Lokalrådet orienterer borgerne om sit arbejde via kommunens hjemmeside og lokalavisen "
       "mindst fire gange om året, og det holder et åbent rådsmøde 15. februar 2011 for alle "
       "interesserede borgere i kommunen, også på de sociale medier og i "
       "kriminalitetsbilledets lokale fora.")


def _same(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return len(a) == len(b) and all(abs(x - y) < 1e-3 for x, y in zip(a, b, strict=True))


def _runs(glyphs: list[Glyph], colour: tuple[float, ...]) -> list[list[Glyph]]:
    """Runs of consecutive glyphs of ``colour`` on one line (spaces inside a run belong to it)."""
    runs: list[list[Glyph]] = []
    current: list[Glyph] = []
    for glyph in glyphs:
        coloured = _same(glyph.fill, colour)
        if coloured and current and abs(glyph.y - current[-1].y) < 0.01:
            current.append(glyph)
            continue
        if current:
            runs.append(current)
        current = [glyph] if coloured else []
    if current:
        runs.append(current)
    out = []
    for run in runs:  # a run's outer spaces are not marked
        while run and run[-1].text.isspace():
            run = run[:-1]
        while run and run[0].text.isspace():
            run = run[1:]
        if run:
            out.append(run)
    return out


def check_marks(page: PageGraphics) -> int:
    """Assert that each coloured run has exactly its mark and each mark its run; count them."""
    marks = [s for s in page.strokes if abs(s.y1 - s.y2) < 1e-6
             and (_same(s.colour, RED) or _same(s.colour, GREEN))]
    unused = list(marks)
    found = 0
    for colour, kind in ((RED, "strike"), (GREEN, "underline")):
        for run in _runs(list(page.glyphs), colour):
            size, y = run[0].size, run[0].y
            want_y = y + 0.25 * size if kind == "strike" else y - 0.125 * size
            text = "".join(g.text for g in run)
            here = [s for s in marks if _same(s.colour, colour) and abs(s.y1 - want_y) < 0.2
                    and min(s.x1, s.x2) < run[-1].x1 and max(s.x1, s.x2) > run[0].x0]
            assert len(here) == 1, f"{kind} of {text!r}: {here}"
            (mark,) = here
            left, right = min(mark.x1, mark.x2), max(mark.x1, mark.x2)
            assert abs(left - run[0].x0) < TOLERANCE, (
                f"{kind} of {text!r} starts at {left:.2f}, its first glyph at {run[0].x0:.2f}")
            assert abs(right - run[-1].x1) < TOLERANCE, (
                f"{kind} of {text!r} ends at {right:.2f}, its last glyph at {run[-1].x1:.2f}")
            unused.remove(mark)
            found += 1
    assert unused == [], f"marks over no marked glyph: {unused}"
    return found


def _stroke_text(page: PageGraphics, stroke: Stroke) -> str:
    return "".join(g.text for g in page.glyphs if stroke.x1 - 0.01 <= g.x0 and g.x1 <= stroke.x2 + 0.01
                   and 0 < stroke.y1 - g.y < 12)


def _fonts():  # type: ignore[no-untyped-def]
    from planpdf.layout.fonts import register
    from planpdf.pipeline import World

    return register(World.default().fonts_dir)


def _result(*changes: Change) -> DiffResult:
    a = InputInfo("a.yaml", "yaml", False, 2010, "Lokalrådet i Billund kommune", "udkast")
    b = InputInfo("b.yaml", "yaml", False, 2011, "Lokalrådet i Billund kommune", "udkast")
    return DiffResult(a, b, "struktur", changes)


def _report(tmp_path: Path, result: DiffResult) -> Path:
    from planpdf.diff.report import render_report

    pdf, _pages = render_report(result, _fonts(), datetime.date(2011, 1, 1))
    out = tmp_path / "report.pdf"
    out.write_bytes(pdf)
    return out


def _changes() -> tuple[Change, ...]:
    bullet_old, bullet_new = "• " + OLD, "• " + NEW
    return (
        Change("changed", "afsnit/k/tekst/1", "Øvrige afsnit", "Kommunikation", "tekst", OLD, NEW,
               word_ops(OLD, NEW)),
        Change("added", "afsnit/k/tekst/2", "Øvrige afsnit", "Kommunikation", "tekst", None, NEW),
        Change("removed", "afsnit/k/tekst/3", "Øvrige afsnit", "Kommunikation", "tekst", OLD,
               None),
        Change("changed", "afsnit/k/tekst/4", "Øvrige afsnit", "Kommunikation", "tekst",
               bullet_old, bullet_new, word_ops(bullet_old, bullet_new)),
        Change("changed", "lokalråd_plus/konference/tema", "Lokalråd+", "Konferencen", "tema",
               " ".join(["blandingsmisbrug mellem børn og unge"] * 4),
               " ".join(["tryghed i nattelivet"] * 5)),
    )


def test_report_marks_follow_the_words_on_wrapped_lines(tmp_path: Path) -> None:
    """Regression (issue 13): on a wrapped passage the underline started at the indent, left of
    the text, and stopped two letters early; the strike-through drifted the same way. Every mark
    of a report now starts and ends at its words' glyphs, on every line."""
    pages = read_pages(_report(tmp_path, _result(*_changes())))
    found = sum(check_marks(page) for page in pages)
    assert found >= 20
    struck = [_stroke_text(p, s) for p in pages for s in p.strokes if _same(s.colour, RED)]
    assert "10." in struck and "2010" in struck


@pytest.mark.parametrize(("left", "first"), [(0, 0), (8, 0), (24, 0), (30, -18), (0, 20),
                                             (14, 9)])
def test_marked_paragraph_marks_follow_the_words_at_any_indent(tmp_path: Path, left: float,
                                                               first: float) -> None:
    """A MarkedParagraph at several left and first-line indents, whole runs and single words,
    hyphenated and not: every mark covers exactly its run's glyphs on each line."""
    from reportlab.lib.enums import TA_LEFT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfgen.canvas import Canvas

    from planpdf.diff.report import SPOKEN, passage_markup
    from planpdf.layout.marked import MarkedParagraph
    from planpdf.layout.styles import make_styles

    style = ParagraphStyle("t", parent=make_styles(_fonts()).body, leftIndent=left,
                           firstLineIndent=first, alignment=TA_LEFT)
    out = tmp_path / "p.pdf"
    canvas = Canvas(str(out), invariant=1)
    y = 800.0
    for change in _changes():
        for width in (180.0, 260.0):
            para = MarkedParagraph(passage_markup(change), style, SPOKEN)
            _w, height = para.wrap(width, 1000)
            if y - height < 40:
                canvas.showPage()
                y = 800.0
            para.drawOn(canvas, 60, y - height)
            y -= height + 10
    canvas.save()
    assert sum(check_marks(page) for page in read_pages(out)) >= 30


def test_marked_paragraph_puts_the_text_where_reportlab_would(tmp_path: Path) -> None:
    """MarkedParagraph draws its own text: every glyph lands where ReportLab's Paragraph puts
    the same text (also on lines ReportLab shrinks with negative word spacing)."""
    from reportlab.lib.enums import TA_LEFT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfgen.canvas import Canvas

    from planpdf.diff.report import SPOKEN, passage_markup
    from planpdf.layout.marked import MarkedParagraph
    from planpdf.layout.markup import MarkupParagraph
    from planpdf.layout.styles import make_styles

    style = ParagraphStyle("t", parent=make_styles(_fonts()).body, leftIndent=8,
                           firstLineIndent=5, alignment=TA_LEFT)
    glyphs = {}
    for name, make in (("reportlab", MarkupParagraph), ("planpdf", MarkedParagraph)):
        out = tmp_path / f"{name}.pdf"
        canvas = Canvas(str(out), invariant=1)
        y = 800.0
        for change in _changes():
            para = make(passage_markup(change), style, SPOKEN) if make is MarkedParagraph \
                else make(passage_markup(change), style)
            _w, height = para.wrap(250, 1000)
            para.drawOn(canvas, 60, y - height)
            y -= height + 10
        canvas.save()
        (page,) = read_pages(out)
        glyphs[name] = [(g.text, round(g.x0, 2), round(g.y, 2)) for g in page.glyphs]
    assert len(glyphs["planpdf"]) > 500
    assert glyphs["planpdf"] == glyphs["reportlab"]


def test_copied_text_tells_deletions_from_insertions(tmp_path: Path) -> None:
    """Regression (issue 13): copied text read 'rådsmøde 10. 15. februar 2010 2011'. Each marked
    run is a span whose /ActualText names it, whole runs and runs broken over lines alike."""
    out = _report(tmp_path, _result(*_changes()))
    spans = [s.actual_text for page in read_pages(out) for s in page.spans]
    assert "[slettet: 10.]" in spans and "[tilføjet: 15.]" in spans
    assert "[slettet: to]" in spans and "[tilføjet: fire]" in spans
    whole = [s for s in spans if s.startswith("[tilføjet: Lokalrådet")]
    assert len(whole) == 1 and not whole[0].endswith("]")  # continues on the next lines
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler) is not installed")
    text = " ".join(subprocess.run(["pdftotext", "-enc", "UTF-8", str(out), "-"], check=True,
                                   capture_output=True, text=True).stdout.split())
    assert "rådsmøde [slettet: 10.] [tilføjet: 15.] februar [slettet: 2010] [tilføjet: 2011]" \
        in text
    assert "mindst [slettet: to] [tilføjet: fire] gange" in text
    added = text[text.index("[tilføjet: Lokalrådet"):]
    assert added.index("lokale fora.]") < added.index("[slettet: Lokalrådet")
    removed = text[text.index("[slettet: Lokalrådet"):]
    assert "lokale fora.]" in removed


def test_copied_text_of_a_real_report(cli, tmp_path: Path) -> None:
    """The report of the 2010 → 2011 plans, copied with pdftotext, names each changed word."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler) is not installed")
    a, b = write_pair(tmp_path)
    report = tmp_path / "r.pdf"
    assert cli("diff", a, b, "-o", report).code == 0
    text = " ".join(subprocess.run(["pdftotext", "-enc", "UTF-8", str(report), "-"], check=True,
                                   capture_output=True, text=True).stdout.split())
    assert "[slettet: kriminalitetsudviklingen,] [tilføjet: kriminalitetsbilledet,]" in text
    assert "[slettet: 24. november 2010] → [tilføjet: 23. november 2011]" in text
    assert all(check_marks(page) >= 0 for page in read_pages(report))


_SGR = re.compile(r"\033\[([0-9;]*)m")


def test_terminal_marks_cover_exactly_the_changed_words() -> None:
    """In the terminal, colour starts at a changed run's first letter and stops after its last:
    the marked columns are exactly the deleted or inserted words, never a space or a neighbour."""
    result = _result(*_changes())
    coloured = terminal(result, colour=True)
    marked: list[tuple[str, str]] = []  # (code, text)
    for line in coloured.splitlines():
        plain = ""
        code = ""
        start = 0
        for match in _SGR.finditer(line):
            plain += line[start:match.start()]
            start = match.end()
            if match.group(1) in ("31;9", "32;4"):
                code, opened = match.group(1), len(plain)
            elif match.group(1) == "0" and code:
                text = plain[opened:]
                marked.append((code, text))
                assert text == text.strip() and text, repr(text)
                assert opened == 0 or not plain[opened - 1].isalnum(), line
                code = ""
        plain += line[start:]
    ops = [(w.op, w.text) for c in result.changes for w in c.words if w.op != "equal"]
    for op, text in ops:
        assert (("31;9" if op == "delete" else "32;4"), text) in marked, text
    # Without colour the same columns carry [-…-] and {+…+}.
    uncoloured = terminal(result, colour=False)
    for code, text in marked:
        assert (f"[-{text}-]" if code == "31;9" else f"{{+{text}+}}") in uncoloured


def test_report_never_leaves_a_heading_or_label_at_the_foot_of_a_page(cli, tmp_path: Path) -> None:
    """Regression: 'Lokalråd+' ended page 1 of the 2010 → 2011 report and its change began page
    2 (a KeepTogether around label and passage made ReportLab skip the heading's keepWithNext).
    The last line above each page's footer is a passage, never a heading or a change's label."""
    a, b = write_pair(tmp_path)
    report = tmp_path / "r.pdf"
    assert cli("diff", a, b, "-o", report).code == 0
    muted = (0.352941, 0.384314, 0.439216)  # styles.MUTED: the labels
    pages = read_pages(report)
    assert len(pages) >= 2
    for page in pages[:-1]:
        body = [g for g in page.glyphs if g.y > 70 and not g.text.isspace()]  # above the footer
        lowest = min(g.y for g in body)
        last = [g for g in body if abs(g.y - lowest) < 0.5]
        text = "".join(g.text for g in last)
        assert all(g.size < 15 for g in last), f"heading {text!r} at the foot of a page"
        assert not all(_same(g.fill, muted) for g in last), f"label {text!r} at the foot"


def test_marks_follow_the_words_in_a_passage_split_over_pages(tmp_path: Path) -> None:
    """A passage longer than a page is split by ReportLab; both parts keep their marks on the
    words, and each page's replacement texts open and close their runs ('[tilføjet: …]')."""
    long_old, long_new = " ".join([OLD] * 14), " ".join([NEW] * 14)
    result = _result(
        Change("added", "afsnit/k/tekst/1", "Øvrige afsnit", "Kommunikation", "tekst", None,
               long_new),
        Change("changed", "afsnit/k/tekst/2", "Øvrige afsnit", "Kommunikation", "tekst", long_old,
               long_new, word_ops(long_old, long_new)))
    pages = read_pages(_report(tmp_path, result))
    counts = [check_marks(page) for page in pages]  # each page's marks on its words
    assert len([n for n in counts if n]) >= 2, counts
    for page in pages:
        inside = False
        for span in (s.actual_text for s in page.spans):
            if span.startswith(("[slettet: ", "[tilføjet: ")):
                assert not inside, span
                inside = True
            elif not inside:  # unchanged text: only a word broken at a line end, read whole
                assert re.fullmatch(r"\S*", span), span
                continue
            if span.endswith("]"):
                inside = False
        assert not inside
    spans = [s.actual_text for page in pages for s in page.spans]
    assert len([s for s in spans if s.startswith("[tilføjet: Lokalrådet")]) == 1
