"""Tagged PDF (PDF/UA-1), read back: the structure tree a screen reader follows, the marks in the
page streams, and the ReportLab internals ``layout/tagging.py`` and ``layout/markup.py`` rely on.

veraPDF validates the whole PDF/UA-1 profile in test_conformance.py; these tests say what the
tree holds (element types, order, one element for a split paragraph or table, header scopes)
and that the page decoration is artifact, so a reader never hears it between two sentences.
"""

from __future__ import annotations

import re
import subprocess
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from conftest import SAMPLE, SAMPLE_FORMAT1, flat, has_poppler, run_planpdf, write
from tagged_pdf import Content, Element, Marks, marks, split_source, structure, text_of

pikepdf = pytest.importorskip("pikepdf")

SENTENCES = Path(__file__).parent / "data" / "seed-sentences.txt"


@pytest.fixture(scope="module")
def sample(sample_pdf: Path) -> tuple[Element, Marks]:
    return structure(sample_pdf), marks(sample_pdf)


@pytest.fixture(scope="module")
def split_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample with a member table and a paragraph that each run over a page break."""
    folder = tmp_path_factory.mktemp("split")
    write(folder / "plan.yaml", split_source(SAMPLE_FORMAT1.read_text(encoding="utf-8")))
    result = run_planpdf("build", folder / "plan.yaml", "-o", folder / "plan.pdf", "-q")
    assert result.code == 0, result.err
    return folder / "plan.pdf"


@pytest.fixture(scope="module")
def split(split_pdf: Path) -> tuple[Element, Marks]:
    return structure(split_pdf), marks(split_pdf)


def _headings(doc: Element, found: Marks) -> list[tuple[int, str]]:
    return [(int(e.role[1:]), text_of(e, found)) for e in doc.walk() if re.fullmatch(r"H\d", e.role)]


def _outline(path: Path) -> list[tuple[int, str]]:
    from pypdf import PdfReader

    def walk(items: list[Any], level: int) -> list[tuple[int, str]]:
        out: list[tuple[int, str]] = []
        for item in items:
            out += walk(item, level + 1) if isinstance(item, list) else [(level, item.title)]
        return out

    return walk(PdfReader(path).outline, 0)


def test_catalog_and_pages_say_the_pdf_is_tagged(sample_pdf: Path) -> None:
    """/MarkInfo /Marked true, /Lang da-DK, /DisplayDocTitle, a /StructTreeRoot with a
    /ParentTree; every page has its /StructParents and /Tabs /S."""
    pdf = pikepdf.open(sample_pdf)
    root = pdf.Root
    assert root.MarkInfo.Marked is True
    assert str(root.Lang) == "da-DK"
    assert root.ViewerPreferences.DisplayDocTitle is True
    tree = root.StructTreeRoot
    assert tree.Type == "/StructTreeRoot" and tree.K.S == "/Document"
    assert int(tree.ParentTreeNextKey) >= len(pdf.pages)
    for index, page in enumerate(pdf.pages):
        assert int(page.StructParents) == index
        assert page.Tabs == "/S"


def test_parent_tree_maps_every_mcid_to_its_element(sample_pdf: Path) -> None:
    """Each marked-content sequence in a page belongs to exactly one element, and the
    /ParentTree names that element for its MCID (how a reader finds an element from the page)."""
    pdf = pikepdf.open(sample_pdf)
    nums = list(pdf.Root.StructTreeRoot.ParentTree.Nums)
    parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    doc = structure(sample_pdf)
    owners: dict[tuple[int, int], Any] = {}
    for element in doc.walk():
        for content in element.contents:
            assert (content.page, content.mcid) not in owners
            owners[content.page, content.mcid] = element.obj
    found = marks(sample_pdf)
    for number, page in enumerate(pdf.pages, 1):
        array = parents[int(page.StructParents)]
        mcids = [mcid for (p, mcid) in owners if p == number]
        assert sorted(mcids) == list(range(len(array)))
        for mcid in mcids:
            assert array[mcid].objgen == owners[number, mcid].objgen
    assert set(found.text) <= set(owners)


def test_the_sample_reads_in_the_plans_order(sample_pdf: Path, sample: tuple[Element, Marks]) -> None:
    """The title is the one H1, each part H2, group H3 and area H4, in the bookmarks' order with
    no level skipped; the tree's text holds every sentence of the plan, in the plan's order."""
    doc, found = sample
    headings = _headings(doc, found)
    outline = _outline(sample_pdf)
    assert [text for _level, text in headings] == [title for _level, title in outline]
    assert headings[0] == (1, "Handlingsplan for 2010")
    assert [level for level, _ in headings].count(1) == 1
    assert [level for level, _ in headings[1:]] == [level + 2 for level, _ in outline[1:]]
    for before, after in pairwise(headings):
        assert after[0] <= before[0] + 1, f"{after} skips a level after {before}"
    text = text_of(doc, found)
    position = 0
    for sentence in SENTENCES.read_text(encoding="utf-8").splitlines():
        at = text.find(flat(sentence), position)
        assert at >= 0, f"not in the tree after position {position}: {sentence!r}"
        position = at


def test_the_sample_begins_with_its_title_block(sample: tuple[Element, Marks]) -> None:
    """Document: kicker P, title H1, council P, then the parts; paragraphs are P elements."""
    doc, found = sample
    assert doc.role == "Document"
    kids = doc.elements
    assert [k.role for k in kids[:5]] == ["P", "H1", "P", "H2", "P"]
    assert [text_of(k, found) for k in kids[:4]] == [
        "Sydøstjyllands Politi · Billund kommune", "Handlingsplan for 2010",
        "Lokalrådet i Billund kommune", "Formål"]
    roles = {e.role for e in doc.walk()}
    assert roles == {"Document", "P", "H1", "H2", "H3", "H4", "Table", "THead", "TBody", "TR",
                     "TH", "TD", "L", "LI", "Lbl", "LBody"}


def test_member_table_has_column_headers(sample: tuple[Element, Marks]) -> None:
    """The member table: Table → THead (one TR of TH, /Scope /Column) and TBody (a TR of four TD
    per member)."""
    doc, found = sample
    table = next(e for e in doc.walk() if e.role == "Table")
    head, body = table.elements
    assert (head.role, body.role) == ("THead", "TBody")
    (row,) = head.elements
    assert [text_of(c, found) for c in row.elements] == [
        "Navn", "Titel og funktion", "Organisation", "Rolle i rådet"]
    for cell in row.elements:
        assert cell.role == "TH"
        assert cell.attribute("Scope") == "/Column" and cell.attribute("O") == "/Table"
    assert len(body.elements) == 7
    assert all([c.role for c in r.elements] == ["TD"] * 4 for r in body.elements)
    assert [text_of(c, found) for c in body.elements[0].elements] == [
        "Jørn Lykkebak", "Lokalpolitileder, politikommissær", "Billund Lokalpoliti", "Formand"]


def test_bullets_are_a_list(sample: tuple[Element, Marks]) -> None:
    """Bullets: L → LI → Lbl (the bullet) + LBody (the text); an item's items a list in its LBody."""
    doc, found = sample
    lst = next(e for e in doc.walk() if e.role == "L")
    items = lst.elements
    assert [i.role for i in items] == ["LI", "LI"]
    label, body = items[0].elements[:2]
    assert (label.role, body.role) == ("Lbl", "LBody")
    assert text_of(label, found) == "•"
    assert text_of(body, found).startswith("Projekt til bekæmpelse af misbrug")
    inner = [e for e in body.elements if e.role == "L"]
    assert len(inner) == 1 and text_of(inner[0].elements[0].elements[0], found) == "◦"


def test_page_decoration_is_artifact(sample_pdf: Path, sample: tuple[Element, Marks]) -> None:
    """Running header, footer, 'Side X af Y' and the watermark are artifacts; no text is drawn
    outside a mark, and the tagged text never holds the decoration."""
    _doc, found = sample
    pages = len(found.artifacts)
    for number in range(1, pages + 1):
        assert found.unmarked[number] == []
        kinds = dict(found.artifacts[number])  # kind → text (one of each per page)
        footer = flat(kinds["/Pagination/Footer"])
        assert footer.startswith("Lokalrådet i Billund kommune · Handlingsplan for 2010 · Udkast")
        assert footer.endswith(f"Side {number} af {pages}")
        assert "/Pagination/Watermark" in kinds
        if number > 1:
            assert flat(kinds["/Pagination/Header"]) == \
                "Lokalrådet i Billund kommune Handlingsplan for 2010"
    tagged = " ".join(found.text.values())
    assert "Side " not in tagged and "Udkast" not in tagged


def test_split_paragraph_is_one_p(split: tuple[Element, Marks]) -> None:
    """A paragraph split across a page break is one P with content on both pages."""
    doc, found = split
    long = [e for e in doc.elements if e.role == "P" and "tryghedsskabende" in text_of(e, found)]
    assert len(long) == 1
    assert sorted({c.page for c in long[0].contents}) == [1, 2]
    assert text_of(long[0], found).count("tryghedsskabende initiativer") == 45


def test_split_table_is_one_table_with_its_header_once(split: tuple[Element, Marks]) -> None:
    """The member table over three pages is one Table: its header row is content once, and
    drawn again on the later pages as an artifact; the rows are one TBody in order."""
    doc, found = split
    table = next(e for e in doc.walk() if e.role == "Table")
    head, body = table.elements
    assert len(head.elements) == 1
    assert len(body.elements) == 52
    pages = sorted({c.page for row in body.elements for cell in row.elements for c in cell.contents})
    assert len(pages) >= 2
    for page in pages[1:]:
        repeated = [text for kind, text in found.artifacts[page] if kind == "/Pagination"]
        assert any("Titel og funktion" in text for text in repeated), page
    names = [text_of(row.elements[0], found) for row in body.elements]
    assert names[:46] == [f"Medlem nummer {i}" for i in range(45)] + ["Jørn Lykkebak"]


def test_free_section_table_and_nested_list(split: tuple[Element, Marks]) -> None:
    """A free section's table gets TH/TD; its nested bullets are lists inside LBody."""
    doc, found = split
    tables = [e for e in doc.walk() if e.role == "Table"]
    assert len(tables) == 2
    head, body = tables[1].elements
    assert [text_of(c, found) for c in head.elements[0].elements] == ["Post", "Beløb"]
    assert [text_of(c, found) for c in body.elements[0].elements] == ["Konference", "12.000 kr."]


def test_bullet_is_drawn_where_reportlab_draws_it() -> None:
    """The Lbl is drawn apart from its text, with ReportLab's own ``_drawBullet`` at the baseline
    ``drawPara`` computes: the same text object as a bullet ReportLab draws itself."""
    from reportlab.pdfgen.canvas import Canvas

    from planpdf.layout.fonts import default_fonts_dir, register
    from planpdf.layout.markup import MarkupParagraph, escape
    from planpdf.layout.styles import make_styles
    from planpdf.layout.tagging import Node, Tagger

    styles = make_styles(register(default_fonts_dir()))
    codes = []
    for tagged in (False, True):
        canvas = Canvas(None)
        if tagged:
            canvas.planpdf_tagger = Tagger(canvas)
        para = MarkupParagraph(escape("Et punkt med **tekst**"), styles.bullets[0], bulletText="•")
        para.planpdf_label, para.planpdf_tag = Node("Lbl"), Node("LBody")
        para.wrap(300, 100)
        para.drawOn(canvas, 50, 500)
        codes.append(re.findall(r"BT .*? ET", "\n".join(canvas._code), re.DOTALL))
    assert len(codes[0]) == 2 and codes[0] == codes[1]  # the bullet, then the text


def test_reportlab_internals_tagging_relies_on() -> None:
    """The ReportLab hooks used (ReportLab 4.2–5.x): a table's renderCB follows both pieces of a
    split; Paragraph.split builds pieces with ``self.__class__``; PDFPage writes an instance's
    ``__NoDefault__`` keys; LinkAnnotation checks ``permitted`` per instance."""
    import reportlab
    from reportlab.pdfbase import pdfdoc
    from reportlab.platypus import Spacer, Table

    from planpdf.layout.tagging import TableTags

    major, minor = (int(x) for x in reportlab.Version.split(".")[:2])
    assert (4, 2) <= (major, minor) < (6, 0), "tagging is tested with ReportLab 4.2–5.x"
    callback = TableTags()
    table = Table([[Spacer(1, 20)] for _ in range(10)], colWidths=[100], repeatRows=1,
                  renderCB=callback)
    table.wrap(100, 1000)
    pieces = table.split(100, 100)
    assert len(pieces) == 2 and all(p._renderCB is callback for p in pieces)
    assert pieces[1].repeatRows == 1
    page = pdfdoc.PDFPage()
    from planpdf.layout.tagging import _set_page_keys

    _set_page_keys(page, 3)
    assert "StructParents" in page.__NoDefault__ and "Tabs" not in pdfdoc.PDFPage.__NoDefault__
    assert {"StructTreeRoot", "MarkInfo", "ViewerPreferences"} <= set(pdfdoc.PDFCatalog.__NoDefault__)
    link = pdfdoc.LinkAnnotation([0, 0, 1, 1], "", None)
    assert "StructParent" not in link.permitted
    link.permitted = (*link.permitted, "StructParent")
    link.otherkw["StructParent"] = 1
    assert b"/StructParent 1" in link.Dict().format(pdfdoc.PDFDocument())


def test_split_paragraph_keeps_its_element() -> None:
    """Regression guard: ReportLab's Paragraph.split makes new paragraphs without planpdf's
    attributes; MarkupParagraph.split hands them on, so both pieces have the same element."""
    from planpdf.layout.fonts import default_fonts_dir, register
    from planpdf.layout.markup import MarkupParagraph, escape
    from planpdf.layout.styles import make_styles
    from planpdf.layout.tagging import Node

    styles = make_styles(register(default_fonts_dir()))
    para = MarkupParagraph(escape("ord " * 400), styles.body)
    para.planpdf_tag = node = Node("P")
    para.planpdf_span = "span"
    para.wrap(300, 10_000)
    first, rest = para.split(300, 200)
    assert first.planpdf_tag is rest.planpdf_tag is node
    assert rest.planpdf_span == "span"
    orphan = MarkupParagraph(escape("ord " * 400), styles.body)
    orphan.wrap(300, 10_000)
    first, rest = orphan.split(300, 200)
    assert isinstance(first.planpdf_tag, Node) and first.planpdf_tag is rest.planpdf_tag


def test_contents_in_tree_never_reach_a_content_free_element(sample: tuple[Element, Marks]) -> None:
    """Every P, heading and list body has text (an empty element reads as nothing)."""
    doc, found = sample
    for element in doc.walk():
        if element.role in {"P", "H1", "H2", "H3", "H4", "LBody", "Lbl"}:
            assert text_of(element, found), element.role
            assert all(isinstance(c, Content) for c in element.contents)


def test_watermark_is_outlines_in_an_artifact(sample_pdf: Path) -> None:
    """The draft's watermark is a form of filled glyph outlines (no text operator at all), drawn
    on every page inside a /Watermark artifact."""
    pdf = pikepdf.open(sample_pdf)
    for page in pdf.pages:
        form = page.Resources.XObject["/FormXob.watermark"]
        ops = {str(op) for _operands, op in pikepdf.parse_content_stream(form)}
        assert {"c", "f"} <= ops and not ops & {"BT", "Tj", "TJ", "Tf"}
    found = marks(sample_pdf)
    for number in found.artifacts:
        assert ("/Pagination/Watermark", "") in found.artifacts[number]


@pytest.mark.skipif(not has_poppler(), reason="poppler's pdftotext is not installed")
def test_pdftotext_reads_a_draft_in_order_without_the_watermark(sample_pdf: Path) -> None:
    """pdftotext (which ignores artifact marks) shows no UDKAST fragment, and the plan's
    sentences in the plan's order; 'Udkast' once per page, in the footer."""
    out = subprocess.run(["pdftotext", str(sample_pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    pages = out.split("\f")[:-1]
    assert not re.search(r"\bU\s*D\s*K\s*A\s*S\s*T\b|^\s*[UDKAST]\s*$", out, re.MULTILINE)
    assert all(page.count("Udkast 1. januar 2010") == 1 for page in pages)
    decor = re.compile(r"^(Lokalrådet i Billund kommune( · Handlingsplan for 2010.*)?|"
                       r"Handlingsplan for 2010|Side \d+ af \d+)$")
    body = flat("\n".join(line for line in out.splitlines() if not decor.match(line)))
    position = 0
    for sentence in SENTENCES.read_text(encoding="utf-8").splitlines()[2:]:  # after the title block
        at = body.find(flat(sentence), position)
        assert at >= 0, f"not after position {position}: {sentence!r}"
        position = at


def test_glyph_outlines_have_the_letters_shapes() -> None:
    """``text_outline`` reads TrueType contours: 'UDKAST' in Carlito Bold has 8 closed contours
    (D and A have a hole), spanning the text's advance width and the cap height."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from planpdf.layout.fonts import default_fonts_dir, register
    from planpdf.layout.outlines import text_outline

    bold = register(default_fonts_dir()).bold
    segments = text_outline(bold, "UDKAST", 100)
    assert sum(1 for s in segments if s[0] == "M") == sum(1 for s in segments if s[0] == "Z") == 8
    points = [p for s in segments for p in s[1:]]
    xs, ys = [x for x, _ in points], [y for _, y in points]
    assert 0 <= min(xs) < 10 and stringWidth("UDKAST", bold, 100) - 10 < max(xs) <= \
        stringWidth("UDKAST", bold, 100)
    assert -1 < min(ys) < 1 and 60 < max(ys) < 70  # baseline to cap height (0.64 em)


@pytest.fixture(scope="module")
def toc_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample with `indholdsfortegnelse: true` (a contents list, laid out in the same pass)."""
    folder = tmp_path_factory.mktemp("toc")
    text = SAMPLE.read_text(encoding="utf-8").replace(
        "år: 2010\n", "år: 2010\nindholdsfortegnelse: true\n", 1)
    write(folder / "plan.yaml", text)
    result = run_planpdf("build", folder / "plan.yaml", "-o", folder / "plan.pdf", "-q")
    assert result.code == 0, result.err
    return folder / "plan.pdf"


def test_contents_list_is_toc_with_tagged_links(toc_pdf: Path) -> None:
    """The contents list: TOC → a TOCI per heading (in order) → Link with the entry's text and
    page number and its link annotation (/OBJR), whose /Contents says where it goes and whose
    /StructParent leads back to the Link; the dot leaders are artifacts."""
    doc, found = structure(toc_pdf), marks(toc_pdf)
    kids = doc.elements
    assert [k.role for k in kids[:5]] == ["P", "H1", "P", "P", "TOC"]
    assert text_of(kids[3], found) == "Indhold"
    items = kids[4].elements
    headings = [text for _level, text in _headings(doc, found)[1:]]
    assert [i.role for i in items] == ["TOCI"] * len(headings)
    pdf = pikepdf.open(toc_pdf)
    nums = list(pdf.Root.StructTreeRoot.ParentTree.Nums)
    parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    for item, heading in zip(items, headings, strict=True):
        (link,) = item.elements
        assert link.role == "Link"
        text = text_of(link, found)
        page = text.rsplit(" ", 1)[1]
        assert text == f"{heading} {page}" and page.isdigit()
        (annotation,) = [k for k in link.kids if not isinstance(k, (Element, Content))]
        annot = annotation.obj
        assert annot.Subtype == "/Link" and str(annot.Contents) == f"{heading}, side {page}"
        assert parents[int(annot.StructParent)].objgen == link.obj.objgen
        assert annot.objgen in {a.objgen for a in pdf.pages[annotation.page - 1].Annots}
    leaders = [text for kind, text in found.artifacts[1] if kind == "/Layout" and text.strip()]
    assert len(leaders) == len(headings) and all(set(t.strip()) <= {".", " "} for t in leaders)
    assert pdf.pages[0].Tabs == "/S"


def test_approved_edition_has_an_empty_tagged_signature_field(make_edition, tmp_path: Path) -> None:
    """An approved edition ends with an empty signature field: /FT /Sig named 'Underskrift',
    /TU, printed, an appearance, in the /AcroForm, at the sign-off box, a Form element (/OBJR)."""
    from planpdf.edition.read import read_edition

    pdf_path = make_edition(tmp_path / "approved.pdf")
    pdf = pikepdf.open(pdf_path)
    (field,) = pdf.Root.AcroForm.Fields
    assert (field.FT, str(field.T), field.Subtype) == ("/Sig", "Underskrift", "/Widget")
    assert str(field.TU) == "Felt til digital underskrift af Jørn Lykkebak"
    assert int(field.F) == 4 and "/V" not in field and field.AP.N.Subtype == "/Form"
    box = read_edition(pdf_path.read_bytes()).signature_box
    assert box is not None and [float(v) for v in field.Rect] == list(box[1:])
    assert field.objgen in {a.objgen for a in pdf.pages[box[0] - 1].Annots}
    doc = structure(pdf_path)
    (form,) = [e for e in doc.walk() if e.role == "Form"]
    (ref,) = form.kids
    assert ref.obj.objgen == field.objgen and ref.page == box[0]
    found = marks(pdf_path)
    tail = [(e.role, text_of(e, found)) for e in doc.elements][-6:]
    assert tail == [("H2", "Godkendelse"), ("P", "Godkendt af Jørn Lykkebak, formand"),
                    ("P", "Dato: 15. februar 2011"), ("P", "Jørn Lykkebak"),
                    ("P", "Underskrift · formand"), ("Form", "")]


def test_words_hyphenated_at_line_ends_read_whole(sample_pdf: Path,
                                                  sample: tuple[Element, Marks]) -> None:
    """A word ReportLab hyphenated at a line end reads whole: its head is a span with the whole
    word as /ActualText, its tail a span with an empty one, so the tree's text, poppler's
    pdftotext (even -raw) and a screen reader get 'indsatsområder', never 'indsats- områder'."""
    doc, found = sample
    text = text_of(doc, found)
    for word in ("indsatsområder.", "hensigtsmæssigt", "lokalsamfundet,", "samarbejdspartnere",
                 "blandingsmisbrug", "personfarlig"):
        assert word in text.split(), word
    debris = set(re.findall(r"\w+- \w+", text)) - {"Fokus- og", "fokus- og", "rocker- og",
                                                  "Børne- kulturdirektør"}
    assert debris == set()
    pdf = pikepdf.open(sample_pdf)
    code = pdf.pages[0].Contents.read_bytes()
    assert b"/Span <</ActualText <FEFF" in code and b"/Span <</ActualText ()>> BDC" in code
    if has_poppler():
        raw = subprocess.run(["pdftotext", "-raw", str(sample_pdf), "-"], capture_output=True,
                             text=True, check=True).stdout
        assert "indsatsområder." in raw and not re.search(r"indsats-\n", raw)
        assert not [line for line in raw.splitlines() if re.search(r"[a-zæøå]-$", line)
                    and not line.endswith(("fokus-", "rocker-"))]


def test_a_word_hyphenated_over_a_page_break_reads_whole() -> None:
    """A paragraph split where a word is hyphenated: the first piece's head carries the whole
    word, the second piece's tail an empty /ActualText (the pieces know the paragraph's text)."""
    from reportlab.pdfgen.canvas import Canvas

    from planpdf.layout.fonts import default_fonts_dir, register
    from planpdf.layout.hyphens import actual_text
    from planpdf.layout.markup import MarkupParagraph, escape
    from planpdf.layout.styles import make_styles
    from planpdf.layout.tagging import Tagger

    body = make_styles(register(default_fonts_dir())).body
    text = " ".join(["Kriminalitetsforebyggelsesindsatsen i lokalsamfundsudviklingen"] * 12)
    para = MarkupParagraph(escape(text), body)
    para.wrap(240, 10_000)
    lines = para.blPara.lines
    broken = next(i for i, (_space, words) in enumerate(lines[:-2])
                  if i >= 1 and words[-1].endswith("-"))  # no orphan, no widow
    first, rest = para.split(240, (broken + 1) * body.leading + 1)
    assert len(first.blPara.lines) == broken + 1
    head = lines[broken][1][-1]
    whole = next(w for w in text.split() if w.startswith(head[:-1]))
    codes = []
    for piece in (first, rest):
        canvas = Canvas(None)
        canvas.planpdf_tagger = Tagger(canvas)
        piece.wrap(240, 10_000)
        piece.drawOn(canvas, 0, 0)
        codes.append("\n".join(canvas._code))
    assert f"/Span <</ActualText {actual_text(whole)}>> BDC" in codes[0]
    assert codes[1].count("/Span <</ActualText ()>> BDC") >= 1
    tail = whole[len(head) - 1:]
    assert re.search(r"/Span <</ActualText \(\)>> BDC \([^)]*\) Tj EMC", codes[1])
    assert first.planpdf_plain == rest.planpdf_plain and rest.planpdf_offset > 0
    assert first.planpdf_plain[rest.planpdf_offset:].startswith(tail)


def test_change_report_is_tagged_like_a_plan(tmp_path: Path) -> None:
    """The change report: its title the one H1, the summary and each part of the plan H2, the
    summary a Table with column headers, every passage a P; header and footer artifacts."""
    from diffcases import write_pair

    a, b = write_pair(tmp_path)
    report = tmp_path / "report.pdf"
    assert run_planpdf("diff", a, b, "-o", report).code == 0
    doc, found = structure(report), marks(report)
    headings = _headings(doc, found)
    assert headings[0] == (1, "Ændringer fra 2010 til 2011")
    assert [level for level, _ in headings[1:]] == [2] * (len(headings) - 1)
    assert headings[1] == (2, "Oversigt")
    table = next(e for e in doc.walk() if e.role == "Table")
    assert [text_of(c, found) for c in table.elements[0].elements[0].elements] == [
        "Del af planen", "Tilføjet", "Fjernet", "Ændret", "Omdøbt/flyttet", "I alt"]
    text = text_of(doc, found)
    # regression: the inserted word hyphenated at a line end read "kriminalitetsbil-ledet"
    assert "[slettet: kriminalitetsudviklingen,]" in text
    assert "[tilføjet: kriminalitetsbilledet,]" in text
    for number, artifacts in found.artifacts.items():
        assert found.unmarked[number] == []
        assert any(kind == "/Pagination/Footer" and f"Side {number} af" in t for kind, t in artifacts)
    pdf = pikepdf.open(report)
    assert pdf.Root.MarkInfo.Marked is True and "/Metadata" in pdf.Root


def test_every_shape_of_a_plan_is_artifact(split_pdf: Path) -> None:
    """Rules, table backgrounds and lines, the status boxes' backgrounds, the watermark: every
    path a plan paints is inside an artifact, none inside tagged content."""
    found = marks(split_pdf)
    painted = {b"f", b"f*", b"S", b"B", b"B*", b"b", b"b*", b"s"}
    for number, ops in found.operators.items():
        inside = [(stack, op) for stack, op in ops if op in painted and "/Artifact" not in stack]
        assert inside == [], (number, inside[:3])
        assert any(op in painted for _stack, op in ops)
