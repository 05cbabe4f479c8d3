"""Format 2 (ordered blocks): the two samples built with the real CLI and read back.

The kredsråd samarbejdsplan (cover, contents, numbered sections, a foreword signed by two,
focus areas without status, initiatives as a table, an appendix with an image) and the second
lokalråd plan in another order (foreword first, members as sentences, the plan's own meeting
sentence and status) are read back as text (pypdf), as a structure tree (pikepdf) and, for the
image, as an XObject of its page.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, flat, pdf_text, run_planpdf, write
from tagged_pdf import marks, structure, text_of

KREDS = ROOT / "content" / "samarbejdsplan-vestkysten-2026.yaml"
AALUNDE = ROOT / "content" / "handleplan-aalunde-2026.yaml"
ALT = ("Organisationsdiagram: Kredsrådet øverst med sekretariatet ved siden af; under det "
       "lokalrådene, og under dem SSP-, PSP- og Lokalråd+-samarbejdet.")


def _build(tmp: Path, content: Path) -> Path:
    out = tmp / (content.stem + ".pdf")
    result = run_planpdf("build", content, "-o", out)
    assert result.code == 0, result.err
    return out


@pytest.fixture(scope="module")
def kreds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("kreds"), KREDS)


@pytest.fixture(scope="module")
def aalunde(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("aalunde"), AALUNDE)


def _in_order(text: str, parts: list[str]) -> None:
    """Every part is in ``text``, each after the one before."""
    at = 0
    for part in parts:
        found = text.find(part, at)
        assert found >= 0, f"{part!r} missing after position {at}: {text[at:at + 200]!r}"
        at = found + len(part)


def _headings(pdf: Path) -> list[tuple[str, str]]:
    found = marks(pdf)
    return [(e.role, " ".join(text_of(e, found).split())) for e in structure(pdf).walk()
            if e.role.startswith("H")]


def test_kreds_cover_page_names_the_district_and_its_municipalities(kreds: Path) -> None:
    first = flat(pdf_text(kreds)[0])
    _in_order(first, ["Kredsrådet for Vestkystens Politi", "Samarbejdsplan for 2026",
                      "Politiets og kommunernes samarbejde",
                      "Havby Kommune, Skovlund Kommune, Engby Kommune, Åstrup Kommune og "
                      "Bakkedal Kommune", "Diagram: Vestkystens Politi"])
    assert "Forord" not in first  # the body starts after the cover


def test_kreds_text_is_in_the_plans_order(kreds: Path) -> None:
    text = flat(" ".join(pdf_text(kreds)[1:]))
    _in_order(text, [
        "Indhold", "Forord", "Samarbejdsplanen beskriver", "Helle Vindahl",
        "Politidirektør, Vestkystens Politi", "Per Strandgaard", "Formand for Kredsrådet",
        "1. Indledning", "Kredsrådet mødes mindst 4 gange årligt.", "1.1 Planens grundlag",
        "Retsplejelovens", "Rigspolitiets nationale strategi, se politi.dk (https://politi.dk)",
        "2. Fokusområder", "Indsatsen mod bander", "Indbrud i private hjem",
        "Digital kriminalitet mod børn og ældre", "Lokalrådene beskriver",
        "3. Initiativer", "Initiativ", "Mål", "Ansvarlig", "Partnere", "Frist", "Status",
        "Exitforløb for unge", "I gang", "Nabohjælp", "TrygFonden", "Løbende",
        "Kredsrådets temadag afvikles onsdag den 6. maj 2026 kl. 09.00–15.00 under temaet unge "
        "og digital kriminalitet.", "Sted: Havby Rådhus.",
        "4. Kontakt", "Jonas Brink", "Bilag 1. Organisationsdiagram",
        "Samarbejdet mellem Kredsrådet"])


def test_kreds_focus_areas_without_status_show_no_status_bar(kreds: Path) -> None:
    assert "Lokal status" not in " ".join(pdf_text(kreds))


def test_kreds_headings_are_tagged_by_level(kreds: Path) -> None:
    headings = _headings(kreds)
    assert ("H1", "Samarbejdsplan for 2026") in headings
    assert ("H2", "1. Indledning") in headings
    assert ("H3", "1.1 Planens grundlag") in headings
    assert ("H3", "Indbrud i private hjem") in headings  # an area, inside "2. Fokusområder"
    assert ("H2", "Bilag 1. Organisationsdiagram") in headings
    assert [h for h in headings if h[0] == "H1"] == [("H1", "Samarbejdsplan for 2026")]


def test_kreds_initiatives_are_a_table_with_header_cells(kreds: Path) -> None:
    found = marks(kreds)
    tables = [e for e in structure(kreds).walk() if e.role == "Table"]
    cells = [[" ".join(text_of(c, found).split()) for c in row.elements]
             for t in tables for row in t.walk() if row.role == "TR"]
    assert ["Initiativ", "Mål", "Ansvarlig", "Partnere", "Frist", "Status"] in cells
    assert ["Exitforløb for unge i bandemiljøet", "Færre unge rekrutteres til bander",
            "Vestkystens Politi, Forebyggelsesafdelingen",
            "SSP i kommunerne og Kriminalforsorgen", "31.12.2026", "I gang"] in cells
    # an initiative without partners or status leaves those cells empty, not "None"
    assert ["Temaaftener om digital sikkerhed", "En aften i hver kommune", "Lokalrådene", "",
            "Løbende", ""] in cells


def test_images_are_figures_with_alt_text(kreds: Path) -> None:
    """The cover's logo and the appendix's chart: each a Figure with /Alt, drawn as an image."""
    import pikepdf

    figures = [e for e in structure(kreds).walk() if e.role == "Figure"]
    assert len(figures) == 2
    assert all(" ".join(str(f.obj["/Alt"]).split()) == ALT for f in figures)
    assert all(f.contents for f in figures)  # the image is marked content of its Figure
    with pikepdf.open(kreds) as pdf:
        last = pdf.pages[-1]
        xobjects = last.Resources.XObject  # by key: pikepdf 9's Dictionary has no values()
        images = [xobjects[k] for k in xobjects if xobjects[k].get("/Subtype") == "/Image"]
    assert images, "the appendix page draws the image"


def test_the_draft_watermark_is_drawn_over_the_images(kreds: Path) -> None:
    """Regression: the UDKAST watermark was drawn before the page's content, so an opaque
    image (the cover's chart) hid part of it. Now every page paints it last, after the image's
    ``Do``, inside its /Watermark artifact, blended by multiplying (the page's ExtGState), so
    the text under it keeps its colour."""
    import pikepdf

    with pikepdf.open(kreds) as pdf:
        seen_image = False
        for number, page in enumerate(pdf.pages, 1):
            xobjects = page.Resources.XObject
            ops = [(operands, str(op)) for operands, op in pikepdf.parse_content_stream(page)]
            does = [(i, str(operands[0])) for i, (operands, op) in enumerate(ops) if op == "Do"]
            images = [i for i, name in does if xobjects[name].get("/Subtype") == "/Image"]
            seen_image = seen_image or bool(images)
            marks = [(i, str(operands[1].get("/Subtype"))) for i, (operands, op)
                     in enumerate(ops) if op == "BDC" and str(operands[0]) == "/Artifact"]
            (at,) = [i for i, name in does if name == "/FormXob.watermark"]
            assert all(i < at for i in images), number
            assert [i for i, _name in does][-1] == at, number  # after the footer and all else
            assert [kind for i, kind in marks if i < at][-1] == "/Watermark"
            assert {op for _operands, op in ops[at + 1:]} <= {"EMC", "Q"}
            gs = [str(operands[0]) for operands, op in ops[:at] if op == "gs"][-1]
            assert page.Resources.ExtGState[gs].BM == "/Multiply"
        assert seen_image, "the sample draws its chart"


def test_aalunde_foreword_comes_first_and_members_are_sentences(aalunde: Path) -> None:
    text = flat(" ".join(pdf_text(aalunde)))
    _in_order(text, [
        "Handleplan for 2026", "Lokalrådet i Ålunde og Fjordby", "Forord",
        "sætter unges trivsel i centrum", "Claus Nørby", "Lokalrådets medlemmer",
        "Lokalrådet består af:",
        "Lokalpolitileder Claus Nørby, Ålunde lokalpoliti (formand).",
        "Børne- og ungedirektør Sanne Kjær, Ålunde Kommune (næstformand).",
        "SSP-koordinator Mikkel Holt, Fjordby Kommune (sekretær).",
        "Politiassistent Ida Lund, Ålunde lokalpoliti (kontaktperson).",
        "Skoleleder Ole Bjerre, Fjordby Skole (observatør).",
        "Lokalrådet mødes mindst 4 gange om året og i øvrigt efter behov.",
        "Lokale fokusområder", "Unge i risiko for kriminalitet",
        "Status i lokalrådet: Indsatsen er i gang",
        "Status i lokalrådet: Lokal handleplan udarbejdet",
        "Indsatsen følges op i efteråret.", "Fokusområderne gennemgås",
        "Natteravne i Fjordby", "Opstartsmøde den 10. februar 2026 for frivillige.",
        "Temadagen for lokalråd+ afvikles onsdag den 11. november 2026 kl. 17.00–20.30",
        "Ålunde Bibliotek (https://aalunde.invalid/bibliotek)",
        "Fælles indsats mod unges alkoholforbrug", "Mål: Færre unge under 16 år drikker alkohol",
        "Frist: 30.06.2026", "Kontakt", "Mikkel Holt"])
    assert "Medlemmerne er:" not in text  # the plan's own lead replaces planpdf's
    assert "Lokal status" not in text  # the plan's own word replaces planpdf's


def test_aalunde_page_break_starts_a_new_page(aalunde: Path) -> None:
    """The break before "Kontakt" (which would fit under the initiative) moves it on."""
    pages = [flat(p) for p in pdf_text(aalunde)]
    assert "Frist: 30.06.2026" in pages[-2]
    assert "Kontakt Navn Emne" in pages[-1]
    assert "Frist" not in pages[-1]


def test_aalunde_italics_and_members_count(cli, aalunde: Path) -> None:
    result = cli("check", AALUNDE)
    assert result.code == 0, result.err
    assert "ingen fejl (5 medlemmer, 3 fokusområder)" in result.out


def test_check_names_only_what_a_plan_has(cli) -> None:
    """A Kredsråd plan without a member list is not "0 medlemmer"; one of a kind is singular."""
    from conftest import ROOT

    result = cli("check", ROOT / "content" / "samarbejdsplan-vestkysten-2026.yaml")
    assert result.code == 0, result.err
    assert result.out.endswith("ingen fejl (3 fokusområder)\n"), result.out


MINIMAL = """\
format: 2
år: 2026
udgiver: {{type: lokalråd, navn: Lokalrådet i Engby, kommuner: [Engby Kommune]}}
indhold:
{blocks}
"""


def _plan(tmp: Path, blocks: str) -> Path:
    return write(tmp / "plan.yaml", MINIMAL.format(blocks=blocks))


def test_one_meeting_a_year_is_singular(cli, tmp_path: Path) -> None:
    _plan(tmp_path, "  - møder: {mindst_pr_år: 1}\n  - møder: {mindst_pr_år: 2, efter_behov: true}")
    assert cli("build", "plan.yaml").code == 0
    text = flat(" ".join(pdf_text(tmp_path / "output" / "plan.pdf")))
    assert "Lokalrådet mødes mindst 1 gang årligt." in text
    assert "Lokalrådet mødes mindst 2 gange årligt eller efter behov." in text


def test_user_text_is_never_reportlab_markup(cli, tmp_path: Path) -> None:
    _plan(tmp_path, '  - tekst: "<b>ikke fed</b> &amp; *kursiv* [x](https://a.dk/<img>)"\n'
          '  - afsnit: "<i>Overskrift</i>"')
    assert cli("build", "plan.yaml").code == 0
    text = flat(" ".join(pdf_text(tmp_path / "output" / "plan.pdf")))
    assert "<b>ikke fed</b> &amp; kursiv" in text
    assert "<i>Overskrift</i>" in text


def test_long_url_in_a_narrow_cell_wraps(cli, tmp_path: Path) -> None:
    url = "https://eksempel.invalid/" + "a" * 70
    _plan(tmp_path, f"  - tabel: {{bredder: [1, 5], rækker: [['{url}', tekst]]}}")
    assert cli("build", "plan.yaml").code == 0
    text = "".join(pdf_text(tmp_path / "output" / "plan.pdf")).replace("\n", "")
    assert url in text


def test_format2_builds_the_same_bytes_twice(cli, tmp_path: Path) -> None:
    for name in ("organisation-vestkysten.png", KREDS.name):
        shutil.copy(ROOT / "content" / name, tmp_path / name)
    assert cli("build", KREDS.name, "-o", "a.pdf").code == 0
    assert cli("build", KREDS.name, "-o", "b.pdf").code == 0
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def test_an_image_that_is_not_an_image_is_found_by_check(cli, tmp_path: Path) -> None:
    write(tmp_path / "logo.png", "ikke et billede")
    _plan(tmp_path, "  - billede: {fil: logo.png, alt: Logo}")
    result = cli("check", "plan.yaml")
    assert result.code == 1
    assert "plan.yaml:5:20: error: 'logo.png' er ikke et PNG- eller JPEG-billede" in result.err


def test_a_cell_too_tall_for_a_page_is_found_by_check(cli, tmp_path: Path) -> None:
    cell = " ".join(["ord"] * 480)  # under the 2,000-character limit, but in a narrow column
    _plan(tmp_path, f"  - tabel: {{bredder: [1, 9], rækker: [['{cell}', x]]}}")
    result = cli("check", "plan.yaml")
    assert result.code == 1
    assert "cellen er for lang til at stå på én side i sin kolonne" in result.err


def test_the_readmes_format_2_example_builds(cli, tmp_path: Path) -> None:
    """The README's annotated example of every block is a valid plan (so the documentation
    cannot drift from the format)."""
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    top, body = re.findall(r"```yaml\n(.*?)```", readme[readme.index("### Format 2"):],
                           re.DOTALL)[:2]
    text = (top.replace("  - ...\n", "").replace("fil: logo.png", "fil: organisation.png")
            .replace("fil: foto.png", "fil: organisation.png")
            + body.split("\n", 1)[1].replace("indhold: [...]", "indhold: [{tekst: Se bilaget.}]"))
    write(tmp_path / "plan.yaml", text)
    shutil.copy(ROOT / "content" / "organisation-vestkysten.png", tmp_path / "organisation.png")
    result = cli("build", "plan.yaml")
    assert result.code == 0, result.err
    words = flat(" ".join(pdf_text(tmp_path / "output" / "plan.pdf")))
    for sentence in ("Kredsrådet mødes mindst 1 gang årligt eller efter behov.",
                     "Konferencen for 2026 afvikles tirsdag den 24. november 2026 kl. "
                     "17.00–21.00 under temaet blandingsmisbrug mellem børn og unge.",
                     "Status i lokalrådet: Indsatsen er i gang",
                     "Bilag 1. Organisationsdiagram"):
        assert sentence in words


def test_images_travel_inside_the_pdf_for_verify_and_diff(cli, kreds: Path,
                                                          tmp_path: Path) -> None:
    """The images are embedded beside the source (PDF/A-3 associated files), so `verify`
    rebuilds the pages byte for byte and `diff` loads the source with nothing but the PDF."""
    pdf = Path(shutil.copy(kreds, tmp_path / "plan.pdf"))
    result = cli("verify", pdf)
    assert result.code == 0, result.out + result.err
    assert "Siderne svarer byte for byte til den indlejrede kilde" in result.out
    result = cli("diff", pdf, KREDS)
    assert result.code == 0, result.err
    assert "Ingen ændringer" in result.out


def test_an_embedded_source_never_reads_images_from_disk(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A source that came with a PDF takes its images from the PDF only: an image of the same
    name in the working folder is not used (verify would otherwise check the wrong picture)."""
    from planpdf.content.load import load_text
    from planpdf.errors import ContentError

    shutil.copy(ROOT / "content" / "organisation-vestkysten.png", tmp_path)
    monkeypatch.chdir(tmp_path)
    text = MINIMAL.format(blocks="  - billede: {fil: organisation-vestkysten.png, alt: Diagram}")
    with pytest.raises(ContentError) as caught:
        load_text("handlingsplan.yaml", text, images={})
    assert "følger ikke med indholdet" in caught.value.diagnostics[0].message
    data = (ROOT / "content" / "organisation-vestkysten.png").read_bytes()
    plan = load_text("handlingsplan.yaml", text, images={"organisation-vestkysten.png": data})
    assert plan.plan.body[0].data == data  # type: ignore[union-attr]


def test_an_image_swapped_after_approval_is_a_change(cli, tmp_path: Path) -> None:
    """The fingerprint covers the images' bytes: a picture replaced under the same name after
    approval is found, like a changed text."""
    for name in ("organisation-vestkysten.png", KREDS.name):
        shutil.copy(ROOT / "content" / name, tmp_path / name)
    result = cli("approve", KREDS.name, "--date", "2025-12-01", "--by", "Helle Vindahl",
                 "--role", "politidirektør")
    assert result.code == 0, result.err
    assert cli("check", KREDS.name).code == 0
    (tmp_path / "organisation-vestkysten.png").write_bytes(
        (ROOT / "docs" / "handleplan-aalunde-2026-side-1.png").read_bytes())
    result = cli("check", KREDS.name)
    assert result.code == 1
    assert "indholdet er ændret, efter planen blev godkendt" in result.err


def test_extract_writes_the_images_beside_the_source(cli, kreds: Path, tmp_path: Path) -> None:
    """`planpdf extract` gives back what builds the same PDF: the YAML and its images, and it
    never overwrites a file."""
    result = cli("extract", kreds, "-o", "plan.yaml")
    assert result.code == 0, result.err
    assert "1 billede)" in result.out
    image = tmp_path / "organisation-vestkysten.png"
    assert image.read_bytes() == (ROOT / "content" / image.name).read_bytes()
    assert cli("build", "plan.yaml", "-o", "igen.pdf").code == 0
    assert cli("verify", "igen.pdf").code == 0
    again = cli("extract", kreds, "-o", "plan2.yaml")
    assert again.code == 1
    assert "overskriver aldrig en fil" in again.err
    assert not (tmp_path / "plan2.yaml").exists()


def test_an_embedded_image_name_outside_the_folder_is_refused(tmp_path: Path) -> None:
    """A hostile PDF cannot make `extract` write an image outside the folder: such a name is
    an error of the embedded source, as it is of a content file."""
    from planpdf.content.load import load_text
    from planpdf.errors import ContentError

    text = MINIMAL.format(blocks="  - billede: {fil: ../../x.png, alt: X}")
    with pytest.raises(ContentError) as caught:
        load_text("handlingsplan.yaml", text, images={"../../x.png": b"\x89PNG\r\n\x1a\n"})
    assert "skal ligge ved siden af indholdsfilen" in caught.value.diagnostics[0].message


def test_every_word_planpdf_adds_can_be_replaced(cli, tmp_path: Path) -> None:
    """`ord` replaces planpdf's words: headings, leads, column names, labels."""
    write(tmp_path / "plan.yaml", """\
format: 2
år: 2026
indholdsfortegnelse: true
udgiver: {type: lokalråd, navn: Lokalrådet i Engby, kommuner: [Engby Kommune]}
ord:
  medlemmer: Rådets sammensætning
  medlemmer_indledning: "Rådet består af:"
  medlemmer_kolonner: [Hvem, Stilling, Arbejdsplads, Hverv]
  initiativer_kolonner: [Indsats, Formål, Ejer, Med, Senest, Fremdrift]
  kontaktpersoner_kolonner: [Person, Om, Sådan]
  lokal_status: Stade
  kontaktperson: Tovholder
  indhold: Indholdsfortegnelse
  bilag: Appendiks
  sted: Mødested
  mail: E-post
  telefon: Telefon
indhold:
  - medlemmer: [{navn: Anne Holm, rolle: sekretær, mail: ah@engby.invalid, telefon: "12 34"}]
  - initiativer: [{titel: Nabohjælp, mål: Tryghed, ansvarlig: Kommunen, partnere: Foreningen,
                   frist: Løbende, status: I gang}]
  - kontaktpersoner: [{navn: Bo Berg, emne: Presse, mail: bb@engby.invalid}]
  - fokusområder: [{titel: Indbrud, status: lokal_plan, kontaktperson: Anne Holm}]
  - arrangement: {dato: 2026-03-04, sted: Rådhuset}
  - bilag: Kort
    indhold: [{tekst: Et kort.}]
""")
    result = cli("build", "plan.yaml")
    assert result.code == 0, result.err
    text = flat(" ".join(pdf_text(tmp_path / "output" / "plan.pdf")))
    for words in ("Indholdsfortegnelse", "Rådets sammensætning", "Rådet består af:",
                  "Hvem Stilling Arbejdsplads Hverv", "Anne Holm, E-post: ah@engby.invalid, "
                  "Telefon 12 34", "Sekretær", "Indsats Formål Ejer Med Senest Fremdrift",
                  "Person Om Sådan", "Stade: Lokal handleplan udarbejdet – Tovholder: Anne Holm",
                  "Arrangementet afvikles onsdag den 4. marts 2026. Mødested: Rådhuset.",
                  "Appendiks 1. Kort"):
        assert words in text, words
    for default in ("Medlemmerne er:", "Lokal status", "Bilag 1", "Navn"):
        assert default not in text, default


def test_a_numbered_list_is_tagged_as_a_list(cli, tmp_path: Path) -> None:
    """L → LI → Lbl ("1.") + LBody, an item's own list inside its LBody, as format 1's bullets."""
    _plan(tmp_path, "  - punkter: [Første, {tekst: Andet, punkter: [Under]}]\n"
          "    nummereret: true")
    assert cli("build", "plan.yaml").code == 0
    pdf = tmp_path / "output" / "plan.pdf"
    found = marks(pdf)
    lists = [e for e in structure(pdf).walk() if e.role == "L"]
    outer = lists[0]
    items = [[(k.role, " ".join(text_of(k, found).split())) for k in li.elements]
             for li in outer.elements]
    assert items[0] == [("Lbl", "1."), ("LBody", "Første")]
    assert items[1][0] == ("Lbl", "2.")
    inner = [e for e in outer.elements[1].elements[1].elements if e.role == "L"]
    assert inner, "the sub-list is inside the second item's LBody"


def _logo(folder: Path) -> Path:
    """A small PNG logo (300 × 120 pixels) in ``folder``."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (300, 120), "white")
    ImageDraw.Draw(image).ellipse([30, 25, 100, 95], fill=(31, 56, 100))
    image.save(folder / "logo.png")
    return folder / "logo.png"


@pytest.mark.parametrize("cover", [False, True], ids=["first-page", "cover"])
def test_a_logo_is_the_first_figure_with_its_alt_text_and_travels_inside(
        cli, tmp_path: Path, cover: bool) -> None:
    """Issue 9's logo: at the top of the cover page (or of the first page without a cover), a
    tagged Figure with /Alt before the title, embedded like every image, so verify, diff and
    extract need only the PDF."""
    import pikepdf

    logo = _logo(tmp_path)
    front = "forside: {kommuner: true}\n" if cover else ""
    write(tmp_path / "plan.yaml", MINIMAL.format(blocks="  - tekst: Et afsnit.").replace(
        "indhold:\n", front + "logo: {fil: logo.png, alt: Engby Kommunes logo, bredde: 25}\n"
        "indhold:\n"))
    result = cli("build", "plan.yaml", "-o", "plan.pdf")
    assert result.code == 0, result.err
    pdf = tmp_path / "plan.pdf"
    tree = [e for e in structure(pdf).walk() if e.role in ("Figure", "H1", "Title")]
    assert tree[0].role == "Figure" and str(tree[0].obj["/Alt"]) == "Engby Kommunes logo"
    assert tree[0].contents
    with pikepdf.open(pdf) as opened:
        first = opened.pages[0]
        xobjects = first.Resources.XObject  # by key: pikepdf 9's Dictionary has no values()
        shown = [xobjects[k] for k in xobjects if xobjects[k].get("/Subtype") == "/Image"]
        assert shown and int(shown[0].Width) == 300
        attached = [str(f.get("/UF")) for f in opened.Root.AF]
    assert "billeder/logo.png" in attached
    assert cli("verify", pdf).code == 0
    assert cli("diff", pdf, "plan.yaml").code == 0
    logo.unlink()
    result = cli("extract", pdf, "-o", "igen.yaml")
    assert result.code == 0, result.err
    assert logo.exists()
    assert cli("build", "igen.yaml", "-o", "igen.pdf").code == 0


def test_a_logo_from_the_web_or_without_alt_is_found_by_check(cli, tmp_path: Path) -> None:
    write(tmp_path / "plan.yaml", MINIMAL.format(blocks="  - tekst: Et afsnit.").replace(
        "indhold:\n", "logo: {fil: 'https://eksempel.invalid/logo.png'}\nindhold:\n"))
    result = cli("check", "plan.yaml")
    assert result.code == 1
    assert "'alt'" in result.err


def test_diff_names_a_changed_logo_cover_and_image_bytes(cli, tmp_path: Path) -> None:
    """The logo and the cover are part of the plan: a new alt text, a cover taken away and a
    picture replaced under the same name are changes (before, the cover was not compared)."""
    import json

    _logo(tmp_path)
    top = "forside: {kommuner: true}\nlogo: {fil: logo.png, alt: Engby Kommunes logo}\n"
    text = MINIMAL.format(blocks="  - tekst: Et afsnit.").replace("indhold:\n", top + "indhold:\n")
    write(tmp_path / "a.yaml", text)
    (tmp_path / "b").mkdir()
    write(tmp_path / "b" / "b.yaml", text.replace("forside: {kommuner: true}\n", "")
          .replace("alt: Engby Kommunes logo", "alt: Engbys logo"))
    from PIL import Image

    Image.new("RGB", (300, 120), "red").save(tmp_path / "b" / "logo.png")
    result = cli("diff", "--json", "a.yaml", tmp_path / "b" / "b.yaml")
    changes = {(c["kind"], c["path"], c["new"]) for c in json.loads(result.out)["changes"]}
    assert changes == {("removed", "forside", None),
                       ("changed", "logo/alt", "Engbys logo"),
                       ("changed", "logo/billede", "et andet billede med samme navn")}


@pytest.mark.parametrize("content, kind", [(KREDS, "samarbejdsplanen"),
                                           (AALUNDE, "handleplanen")])
def test_the_attached_files_are_described_in_the_plans_own_word(tmp_path: Path, content: Path,
                                                                kind: str) -> None:
    """A PDF reader's attachment list names the plan as the plan does (it said "handlingsplanen"
    for a kredsråd's samarbejdsplan)."""
    import pikepdf

    with pikepdf.open(_build(tmp_path, content)) as pdf:
        descriptions = {str(spec.get("/UF")): str(spec.get("/Desc")) for spec in pdf.Root.AF}
    assert descriptions["handlingsplan.yaml"] == f"Kilden til {kind} (planpdf-indhold, YAML)"
    assert all(f" i {kind} " in text for name, text in descriptions.items()
               if name != "handlingsplan.yaml")
