"""Issue 11 §2: `planpdf bundle`. Several councils' plans (the sample, varied in code: other
councils, municipalities, statuses, dates) are approved and built with the real CLI, bundled,
and read back: cover, contents, bookmarks, page numbers, the overview's cells through the
structure tree, the attached sources, determinism, refusals, archives, veraPDF."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest

import verapdf
from conftest import pdf_text, run_planpdf
from editions_fixtures import sample_source, tamper_fingerprint
from tagged_pdf import Element, marks, structure, text_of

COUNCILS = {  # place: (approval date, changes to the sample)
    "Billund": ("2011-02-15", {}),
    "Vejle": ("2011-03-01", {"indbrud": "central_plan", "dato: 2010-03-18": "dato: 2011-03-17"}),
    "Hedensted": ("2011-02-20", {"bander": "kontaktperson", "drop": "it-kriminalitet"}),
    "Horsens": ("2011-01-30", {}),
}
IN_ORDER = ["Billund", "Hedensted", "Horsens", "Vejle"]  # the bundle's order: alphabetical


def council_source(place: str, changes: dict[str, str], year: int = 2011) -> str:
    """The sample as another council's plan: its place names, statuses and texts changed."""
    text = sample_source(year).replace("Billund", place)
    for key, value in changes.items():
        if key == "drop":  # a focus area the plan does not have
            text = re.sub(rf"        - id: {value}\n(          .*\n)+", "", text, count=1)
        elif key.startswith(("dato:", "politikreds:")):
            text = text.replace(key, value, 1)
        else:  # a focus area's status
            text = re.sub(rf"(- id: {key}\n(?:          .*\n)*?          status: )\w+",
                          rf"\g<1>{value}", text, count=1)
    return text


def _ok(*args: str | Path) -> str:
    result = run_planpdf(*args)
    assert result.code == 0, result.err
    return result.out


def make_plan(folder: Path, place: str, approved: str | None, changes: dict[str, str],
              year: int = 2011, pdf: bool = True) -> Path:
    """Write, approve (unless ``approved`` is None) and build one council's plan."""
    source = folder / f"{place.lower()}-{year}.yaml"
    source.write_text(council_source(place, changes, year), encoding="utf-8")
    if approved:
        _ok("approve", source, "--date", approved, "--by", "Jørn Lykkebak", "-q")
    if not pdf:
        return source
    out = source.with_suffix(".pdf")
    _ok("build", source, "-o", out, "-q")
    return out


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Three councils' approved PDFs and one approved content file."""
    folder = tmp_path_factory.mktemp("kreds")
    return {place: make_plan(folder, place, approved, changes, pdf=place != "Horsens")
            for place, (approved, changes) in COUNCILS.items()}


@pytest.fixture(scope="module")
def bundle(plans: dict[str, Path]) -> Path:
    out = next(iter(plans.values())).parent / "samling" / "kredsraad-2011.pdf"
    result = run_planpdf("bundle", *plans.values(), "-o", out)
    assert result.code == 0, result.err
    assert result.out.startswith(f"Skrev {out} (4 planer, ")
    return out


def council(place: str) -> str:
    return f"Lokalrådet i {place} kommune"


def test_cover_names_district_councils_and_the_newest_approval(bundle: Path) -> None:
    cover = " ".join(pdf_text(bundle)[0].split())
    assert "Sydøstjyllands Politi" in cover
    assert "Lokalrådenes handlingsplaner for 2011" in cover
    assert "Samlet til Kredsrådet i Sydøstjyllands Politi" in cover
    lines = [f"{council(p)} ({p} kommune) – godkendt {d}" for p, d in (
        ("Billund", "15. februar 2011"), ("Hedensted", "20. februar 2011"),
        ("Horsens", "30. januar 2011"), ("Vejle", "1. marts 2011"))]
    positions = [cover.index(line) for line in lines]
    assert positions == sorted(positions)
    assert "Samlingens dato: 1. marts 2011" in cover  # the newest approval, not the clock


def test_contents_bookmarks_and_page_numbers(bundle: Path) -> None:
    from pypdf import PdfReader

    pages = pdf_text(bundle)
    total = len(pages)
    for number, text in enumerate(pages, 1):
        assert f"Side {number} af {total}" in text
    contents = " ".join(pages[1].split())
    entries = ["Oversigt på tværs af rådene", *map(council, IN_ORDER)]
    assert [contents.index(e) for e in entries] == sorted(contents.index(e) for e in entries)
    reader = PdfReader(bundle)
    top = [item.title for item in reader.outline if not isinstance(item, list)]
    assert top == ["Lokalrådenes handlingsplaner for 2011", *entries]
    tree, found = structure(bundle), marks(bundle)
    links = [text_of(e, found) for e in tree.walk() if e.role == "Link"]
    for place in IN_ORDER:  # each part starts on the page the contents list gives
        page = contents_page(contents, place)
        assert f"{place} kommune" in pages[page - 1]
        assert "Handlingsplan for 2011" in pages[page - 1]
        assert f"{council(place)} {page}" in links  # a screen reader reads the number too
    annotations = [str(a.get("/Contents")) for a in reader.pages[1].get("/Annots", [])]
    assert f"{council('Billund')}, side {contents_page(contents, 'Billund')}" in annotations


def assert_page_labels_are_the_footers_numbers(path: Path) -> None:
    """The catalog's /PageLabels give each page the label a viewer shows, and it is the number
    the page's footer prints ("Side X af Y"; cover, contents and overview included)."""
    from pypdf import PdfReader

    reader = PdfReader(path)
    assert "/PageLabels" in reader.trailer["/Root"]  # written, not pypdf's default 1..N
    printed = []
    for text in pdf_text(path):
        numbers = re.findall(r"Side (\d+) af (\d+)", text)
        assert len(numbers) == 1, numbers  # one footer number on every page
        printed.append(numbers[0][0])
    assert reader.page_labels == printed
    assert printed == [str(n) for n in range(1, len(printed) + 1)]


def test_page_labels_are_the_numbers_the_footers_print(bundle: Path) -> None:
    assert_page_labels_are_the_footers_numbers(bundle)


def contents_page(contents: str, place: str) -> int:
    return int(re.search(rf"{council(place)}[ .]*(\d+)", contents).group(1))


def _rows(table: Element, found) -> list[list[str]]:
    return [[text_of(cell, found) for cell in row.elements]
            for part in table.elements for row in part.elements]


def test_overview_gives_each_councils_status_as_text(bundle: Path) -> None:
    tree, found = structure(bundle), marks(bundle)
    tables = [e for e in tree.walk() if e.role == "Table"]
    focus, numbers = _rows(tables[0], found), _rows(tables[1], found)
    assert focus[0] == ["Fokusområde", *map(council, IN_ORDER)]
    by_area = {row[0]: row[1:] for row in focus[1:]}
    assert by_area["Indsatsen mod indbrud i privat beboelse, tyveri fra borger, tyveri fra "
                   "biler mv."] == ["Lokal plan", "Lokal plan", "Lokal plan", "Central plan"]
    assert by_area["Indsatsen mod bander og banders kriminalitet"] == [
        "Ingen lokal plan", "Kontaktperson", "Ingen lokal plan", "Ingen lokal plan"]
    assert by_area["Indsatsen mod IT-kriminalitet"] == [
        "Ingen lokal plan", "—", "Ingen lokal plan", "Ingen lokal plan"]
    head = tables[0].elements[0].elements[0].elements
    assert {c.role for c in head} == {"TH"} and all(c.attribute("Scope") == "/Column" for c in head)
    body_row = tables[0].elements[1].elements[0].elements
    assert body_row[0].role == "TH" and body_row[0].attribute("Scope") == "/Row"
    assert [c.role for c in body_row[1:]] == ["TD"] * 4
    conference = "onsdag den 23. november 2011, kl. 17.00–21.00: blandingsmisbrug mellem børn og unge"
    assert numbers[1:] == [
        [council("Billund"), "7", "2", "—", conference],
        [council("Hedensted"), "7", "2", "—", conference],
        [council("Horsens"), "7", "2", "—", conference],
        [council("Vejle"), "7", "2", "17. marts 2011", conference]]


def test_each_plan_is_a_part_one_level_down(bundle: Path) -> None:
    tree, found = structure(bundle), marks(bundle)
    headings = [(e.role, text_of(e, found)) for e in tree.walk() if re.fullmatch(r"H\d", e.role)]
    assert headings[0] == ("H1", "Lokalrådenes handlingsplaner for 2011")
    assert [h for h in headings if h[0] == "H1"] == headings[:1]
    assert headings.count(("H2", "Handlingsplan for 2011")) == 4
    assert headings.count(("H3", "Medlemmer")) == 4
    assert not any(e.role == "Form" for e in tree.walk())  # no signature fields in a bundle


def test_every_plans_source_is_attached(bundle: Path, plans: dict[str, Path]) -> None:
    import pikepdf

    from planpdf.content.load import load_file, load_text
    from planpdf.edition.read import read_edition
    from planpdf.provenance import fingerprint

    pdf = pikepdf.open(bundle)
    names = sorted(pdf.attachments)
    assert names == [f"{p.lower()}-2011.yaml" for p in IN_ORDER]
    assert len(pdf.Root.AF) == 4
    assert {str(spec.AFRelationship) for spec in pdf.Root.AF} == {"/Source"}
    for place, path in plans.items():
        data = pdf.attachments[f"{place.lower()}-2011.yaml"].get_file().read_bytes()
        got = fingerprint(load_text("x.yaml", data.decode("utf-8")).data)
        if path.suffix == ".pdf":
            assert got == read_edition(path.read_bytes()).fingerprint
        else:
            assert got == fingerprint(load_file(path).data)


def test_same_plans_give_the_same_bytes(bundle: Path, plans: dict[str, Path],
                                        tmp_path: Path) -> None:
    again = tmp_path / "igen.pdf"
    _ok("bundle", *reversed(list(plans.values())), "-o", again, "-q")
    assert again.read_bytes() == bundle.read_bytes()


def test_a_plan_as_pdf_or_as_content_gives_the_same_bundle(bundle: Path,
                                                           plans: dict[str, Path],
                                                           tmp_path: Path) -> None:
    """The content files the PDFs were built from give the very same bundle: what is bundled
    is each plan's content, however it arrives."""
    sources = [path.with_suffix(".yaml") for path in plans.values()]
    again = tmp_path / "fra-yaml.pdf"
    _ok("bundle", *sources, "-o", again, "-q")
    assert again.read_bytes() == bundle.read_bytes()


def test_every_refusal_at_once_and_nothing_written(plans: dict[str, Path], tmp_path: Path) -> None:
    """A draft, a plan of another year, one of another district and a tampered PDF: each named
    with its reason and a hint, in one run; exit 1; no bundle."""
    draft = make_plan(tmp_path, "Odder", None, {})
    old = make_plan(tmp_path, "Skanderborg", "2010-02-10", {}, year=2010, pdf=False)
    other = make_plan(tmp_path, "Aarhus", "2011-02-01",
                      {"politikreds: Sydøstjyllands Politi": "politikreds: Østjyllands Politi"},
                      pdf=False)
    tampered = make_plan(tmp_path, "Samsø", "2011-02-02", {})
    tamper_fingerprint(tampered, sample_source(2012))
    out = tmp_path / "kreds.pdf"
    result = run_planpdf("bundle", *plans.values(), draft, old, other, tampered, "-o", out)
    assert result.code == 1
    err = result.err
    assert f"{draft}: error: planen er et udkast (ikke godkendt)" in err
    assert f"{draft}: hint: Kredsrådet får de godkendte planer; brug --udkast" in err
    assert f"{old}: error: planen er for 2010, men samlingen er for 2011" in err
    assert f"{other}: error: planen er fra Østjyllands Politi, men samlingen er for " \
           "Sydøstjyllands Politi" in err
    assert f"{other}: hint: brug --alle-kredse" in err
    assert f"{tampered}: error: kontrollen fejler: " in err
    assert f"{tampered}: hint: kør planpdf verify {tampered}" in err
    assert err.splitlines()[-1].endswith("; intet blev skrevet")
    assert not out.exists() and not list(tmp_path.glob(".kreds.pdf*"))


def test_drafts_and_other_districts_when_asked(plans: dict[str, Path], tmp_path: Path) -> None:
    draft = make_plan(tmp_path, "Odder", None, {})
    other = make_plan(tmp_path, "Aarhus", "2011-02-01",
                      {"politikreds: Sydøstjyllands Politi": "politikreds: Østjyllands Politi"})
    out = tmp_path / "alle.pdf"
    _ok("bundle", plans["Billund"], draft, other, "--udkast", "--alle-kredse", "-o", out, "-q")
    cover = " ".join(pdf_text(out)[0].split())
    assert f"{council('Odder')} (Odder kommune) – udkast, ikke godkendt" in cover
    assert "Politikredse: Sydøstjyllands Politi, Østjyllands Politi" in cover
    assert "Samlet til Kredsrådet" in cover
    # its pages follow from the sources alone (two districts, a draft's watermark): verify
    # builds them again, and counts it with the drafts
    result = run_planpdf("verify", out, plans["Vejle"])
    assert result.code == 0, result.out + result.err
    assert f"{out}: i orden (en samling af 3 planer, heraf 1 udkast)" in result.out
    assert result.err.splitlines()[-1] == ("planpdf: 2 fil(er): 1 godkendt og i orden, 1 udkast "
                                           "i orden, 0 med problemer, 0 ikke fuldt kontrolleret")


def test_a_year_is_chosen_with_aar(plans: dict[str, Path], tmp_path: Path) -> None:
    old = make_plan(tmp_path, "Skanderborg", "2010-02-10", {}, year=2010, pdf=False)
    result = run_planpdf("bundle", old, plans["Billund"], "--år", "2010", "-o",
                         tmp_path / "x.pdf")
    assert result.code == 1
    assert f"{plans['Billund']}: error: planen er for 2011, men samlingen er for 2010" in result.err
    out = _ok("bundle", old, "--år", "2010", "-o", tmp_path / "x.pdf")
    assert out.startswith(f"Skrev {tmp_path / 'x.pdf'} (1 plan, ")  # not "1 planer"
    shown = run_planpdf("verify", tmp_path / "x.pdf")
    assert shown.code == 0, shown.out + shown.err
    assert "En samling af 1 plan (lavet med planpdf bundle)" in shown.out
    assert shown.out.splitlines()[-1].endswith("i orden (en samling af 1 plan, alle godkendt)")


def test_never_overwrites_an_input(plans: dict[str, Path]) -> None:
    target = plans["Billund"]
    before = target.read_bytes()
    result = run_planpdf("bundle", *plans.values(), "-o", target)
    assert result.code == 1
    assert f"{target}: error: samlingen ville overskrive en af planerne" in result.err
    assert target.read_bytes() == before


def test_an_archive_gives_its_newest_revision_of_each_plan(plans: dict[str, Path],
                                                          tmp_path: Path) -> None:
    archive = tmp_path / "arkiv"
    for place in ("Billund", "Vejle"):
        _ok("archive", plans[place], "--archive", archive, "-q")
    newer = make_plan(tmp_path, "Billund", "2011-04-01", {"indbrud": "ingen_plan"})
    _ok("archive", newer, "--archive", archive, "-q")
    out = tmp_path / "fra-arkiv.pdf"
    _ok("bundle", archive, "-o", out, "-q")
    tree, found = structure(out), marks(out)
    table = next(e for e in tree.walk() if e.role == "Table")
    rows = {row[0]: row[1:] for row in _rows(table, found)}
    assert rows["Fokusområde"] == [council("Billund"), council("Vejle")]
    assert rows["Indsatsen mod indbrud i privat beboelse, tyveri fra borger, tyveri fra "
                "biler mv."] == ["Ingen lokal plan", "Central plan"]  # Billund's revision 2
    archived = next((archive / "vejle").rglob("*.pdf"))  # replaced by another good plan:
    archived.chmod(0o644)                                 # verify alone would pass it
    archived.write_bytes(plans["Billund"].read_bytes())
    result = run_planpdf("bundle", archive, "-o", tmp_path / "igen.pdf")
    assert result.code == 1
    assert f"{archived}: error: filens SHA-256 stemmer ikke med arkivets manifest" in result.err


def test_a_folder_again_with_its_own_bundle_in_it(plans: dict[str, Path],
                                                   tmp_path: Path) -> None:
    """bundle FOLDER -o FOLDER/x.pdf twice: the first bundle is not read as a plan the second
    time, and the same plans give the same bytes."""
    folder = tmp_path / "modtaget"
    folder.mkdir()
    for path in plans.values():
        shutil.copy(path, folder / path.name)
    out = folder / "kredsraad-2011.pdf"
    _ok("bundle", folder, "-o", out, "-q")
    first = out.read_bytes()
    _ok("bundle", folder, "-o", out, "-q")
    assert out.read_bytes() == first
    plan = folder / plans["Vejle"].name  # but a plan of the folder is never written over
    before = plan.read_bytes()
    result = run_planpdf("bundle", folder, "-o", plan)
    assert result.code == 1 and "samlingen ville overskrive en af planerne" in result.err
    assert plan.read_bytes() == before


def test_nothing_to_bundle(tmp_path: Path) -> None:
    (tmp_path / "tom").mkdir()
    result = run_planpdf("bundle", tmp_path / "tom", "-o", tmp_path / "x.pdf")
    assert result.code == 1 and "ingen planer at samle" in result.err


def test_review1_d_a_bundle_worker_collects_its_plans_garbage(plans: dict[str, Path]) -> None:
    """Review 1 D: the bundle's workers, forked from the command that switches the cyclic
    garbage collector off, read plan after plan (a PDF verified and rebuilt in its bounded
    child, a content file checked); like the batch build's, each switches the collector on, and
    what its reads leave stays small. Counted in live objects in a fresh interpreter with a
    pool of two workers, each reading its plan five times."""
    import json
    import subprocess
    import sys

    script = """
import gc, json, os, sys
gc.disable()  # as cli.run leaves it
from pathlib import Path
from planpdf.bundle import inputs
from planpdf.pipeline import World
world = World.default(None)
read = inputs._read
def live():
    gc.collect() if gc.isenabled() else None
    return len(gc.get_objects())
def probe(found, world):  # in a worker: its plan read five times, and the objects left
    assert not isinstance(read(found, world), tuple)
    first = live()
    for _ in range(4):
        assert not isinstance(read(found, world), tuple)
    return [gc.isenabled(), live() - first]
inputs._read = probe
os.cpu_count = lambda: 2  # a pool of workers on any machine
print(json.dumps(inputs.read_all([(Path(p), None) for p in sys.argv[1:]], world, None)))
"""
    done = subprocess.run([sys.executable, "-c", script, *map(str, plans.values())],
                          capture_output=True, text=True, check=True)
    outcomes = json.loads(done.stdout)
    assert len(outcomes) == len(plans)
    for collecting, growth in outcomes:
        assert collecting, "a bundle worker runs with the cyclic collector off"
        assert growth < 1000, f"{growth} objects more after 4 more reads"


def test_help_is_danish() -> None:
    result = run_planpdf("bundle", "--help")
    assert result.code == 0
    text = " ".join(result.out.split())
    assert "Saml lokalrådenes godkendte handlingsplaner" in text
    assert "--udkast" in text and "--alle-kredse" in text and "--år ÅÅÅÅ" in text
    wrong = run_planpdf("bundle", "x.pdf", "--år", "elleve")
    assert wrong.code == 2 and "--år: ugyldig værdi 'elleve'" in wrong.err


def test_a_draft_parts_pages_carry_the_watermark_over_their_content(plans: dict[str, Path],
                                                                    tmp_path: Path) -> None:
    """With --udkast, the draft plan's pages, and only they, paint UDKAST, last on the page
    (after the content, as a plan alone does); the approved plan's and the bundle's own pages
    have no watermark and no ExtGState."""
    import pikepdf

    draft = make_plan(tmp_path, "Odder", None, {})
    out = tmp_path / "udkast.pdf"
    _ok("bundle", plans["Billund"], draft, "--udkast", "-o", out, "-q")
    notes = [bool(re.search(r"\bUdkast\b", text)) for text in pdf_text(out)]
    assert any(notes) and not all(notes)
    with pikepdf.open(out) as pdf:
        for page, is_draft in zip(pdf.pages, notes, strict=True):
            does = [str(operands[0]) for operands, op in pikepdf.parse_content_stream(page)
                    if str(op) == "Do"]
            assert ("/FormXob.watermark" in does) == is_draft
            assert (does[-1] == "/FormXob.watermark") == is_draft
            assert ("/ExtGState" in page.Resources) == is_draft


@pytest.mark.skipif(verapdf.unavailable() is not None, reason=str(verapdf.unavailable()))
def test_bundle_is_pdfa3u_and_pdfua1(bundle: Path, plans: dict[str, Path], tmp_path: Path) -> None:
    """The bundle, and one with a draft (watermark), break no rule of PDF/A-3u or PDF/UA-1."""
    draft = make_plan(tmp_path, "Odder", None, {})
    with_draft = tmp_path / "udkast.pdf"
    _ok("bundle", plans["Billund"], draft, "--udkast", "-o", with_draft, "-q")
    for flavour in ("3u", "ua1"):
        results = verapdf.validate(flavour, bundle, with_draft)
        for path, rules in results.items():
            assert not rules, f"{path.name} {flavour}:\n" + "\n".join(f"  {r}" for r in rules)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_on_a_terminal(plans: dict[str, Path], tmp_path: Path) -> None:
    """On a terminal, a progress bar that redraws its line (a real carriage return, not an
    escaped one); nothing of it when standard error is a file."""
    from planpdf.cli import main

    out, err = io.StringIO(), _Terminal()
    code = main(["bundle", *map(str, plans.values()), "-o", str(tmp_path / "x.pdf")], out, err)
    assert code == 0, err.getvalue()
    assert "\rKontrollerer: " in err.getvalue() and "\\r" not in err.getvalue()
    assert run_planpdf("bundle", *plans.values(), "-o", tmp_path / "y.pdf").err == ""


def test_a_content_files_problems_are_positioned(plans: dict[str, Path], tmp_path: Path) -> None:
    """A content file among the inputs is checked as `planpdf check` does: its problems at
    line and column, with the other inputs' problems; nothing written."""
    broken = tmp_path / "odder-2011.yaml"
    broken.write_text(council_source("Odder", {}).replace("dato: 2011-01-01", "dato: 2011-02-30",
                                                          1), encoding="utf-8")
    line = next(i for i, text in enumerate(broken.read_text(encoding="utf-8").splitlines(), 1)
                if text.startswith("dato:"))
    result = run_planpdf("bundle", plans["Billund"], broken, "-o", tmp_path / "x.pdf")
    assert result.code == 1
    assert f"{broken}:{line}:7: error: '2011-02-30' er ikke en gyldig dato" in result.err
    assert not (tmp_path / "x.pdf").exists()


def test_where_there_is_no_fork_the_workers_are_spawned(bundle: Path, plans: dict[str, Path],
                                                        tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows has no fork: the workers (and the PDFs' bounded children) are spawned, and the
    bundle is the same, byte for byte."""
    import multiprocessing

    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    again = tmp_path / "spawned.pdf"
    _ok("bundle", *plans.values(), "-o", again, "-q")
    assert again.read_bytes() == bundle.read_bytes()


def test_format_2_plans_in_the_overview(tmp_path: Path) -> None:
    """A format 2 plan's blocks feed the overview: its focus areas with the statuses of its
    own vocabulary (by label), its members, projects with dated items and events; a Kredsråd
    plan's areas without status say so."""
    from conftest import ROOT

    for name in ("handleplan-aalunde-2026.yaml", "samarbejdsplan-vestkysten-2026.yaml",
                 "organisation-vestkysten.png"):
        shutil.copy(ROOT / "content" / name, tmp_path / name)
    out = tmp_path / "samling.pdf"
    _ok("bundle", tmp_path / "handleplan-aalunde-2026.yaml",
        tmp_path / "samarbejdsplan-vestkysten-2026.yaml", "--udkast", "-o", out, "-q")
    tree, found = structure(out), marks(out)
    tables = [e for e in tree.walk() if e.role == "Table"]
    focus, numbers = _rows(tables[0], found), _rows(tables[1], found)
    kreds, lokal = "Kredsrådet for Vestkystens Politi", "Lokalrådet i Ålunde og Fjordby"
    assert focus[0] == ["Fokusområde", kreds, lokal]
    by_area = {row[0]: row[1:] for row in focus[1:]}
    assert by_area["Indbrud i private hjem"] == ["nævnt, uden status", "Central plan"]
    assert by_area["Unge i risiko for kriminalitet"] == ["—", "Indsatsen er i gang"]
    assert by_area["Trafiksikkerhed ved skolerne"] == ["—", "Lokal plan"]
    assert numbers[2][:4] == [lokal, "5", "1", "10. februar 2026"]
    assert numbers[2][4].startswith("onsdag den 11. november 2026, kl. 17.00–20.30")
    assert_page_labels_are_the_footers_numbers(out)  # a plan with a cover page of its own


def test_a_format_2_plans_images_travel_with_its_source(tmp_path: Path) -> None:
    """A format 2 plan's images are attached beside its source (``<plan>/billeder/<fil>``,
    relationship Source, their media type), whether the plan came as content or as a PDF: the
    attached source and its images, saved side by side, build the same plan alone. The bundle
    stays PDF/A-3u and PDF/UA-1."""
    import pikepdf

    from conftest import ROOT

    for name in ("handleplan-aalunde-2026.yaml", "samarbejdsplan-vestkysten-2026.yaml",
                 "organisation-vestkysten.png"):
        shutil.copy(ROOT / "content" / name, tmp_path / name)
    kreds = tmp_path / "samarbejdsplan-vestkysten-2026.yaml"
    _ok("build", kreds, "-o", tmp_path / "kreds.pdf", "-q")
    bundles = []
    for kreds_input in (kreds, tmp_path / "kreds.pdf"):
        out = tmp_path / f"samling-{len(bundles)}.pdf"
        _ok("bundle", tmp_path / "handleplan-aalunde-2026.yaml", kreds_input, "--udkast",
            "-o", out, "-q")
        bundles.append(out)
    assert bundles[0].read_bytes() == bundles[1].read_bytes()
    source, image = ("kredsraadet-vestkystens-politi-2026.yaml",
                     "kredsraadet-vestkystens-politi-2026/billeder/organisation-vestkysten.png")
    with pikepdf.open(bundles[0]) as pdf:
        assert sorted(pdf.attachments) == ["aalunde-og-fjordby-2026.yaml", source, image]
        specs = {str(spec.UF): spec for spec in pdf.Root.AF}
        assert set(specs) == set(pdf.attachments)
        assert str(specs[image].AFRelationship) == "/Source"
        assert str(specs[image].EF.F.Subtype) == "/image/png"
        alone = tmp_path / "alene"
        alone.mkdir()
        (alone / "plan.yaml").write_bytes(pdf.attachments[source].get_file().read_bytes())
        data = pdf.attachments[image].get_file().read_bytes()
    assert data == (ROOT / "content" / "organisation-vestkysten.png").read_bytes()
    (alone / "organisation-vestkysten.png").write_bytes(data)
    _ok("build", alone / "plan.yaml", "-o", alone / "plan.pdf", "-q")
    result = run_planpdf("diff", alone / "plan.pdf", kreds)
    assert result.code == 0 and "Ingen ændringer" in result.out, result.out + result.err
    if verapdf.unavailable() is None:
        for flavour in ("3u", "ua1"):
            for path, rules in verapdf.validate(flavour, bundles[0]).items():
                assert not rules, f"{path.name} {flavour}:\n" + "\n".join(f"  {r}" for r in rules)


def test_verify_says_what_a_bundle_is_and_checks_what_it_can(bundle: Path, plans: dict[str, Path],
                                                             tmp_path: Path) -> None:
    """A bundle has no fingerprint of its own, but names itself one (/PlanpdfBundle) with each
    plan's fingerprint (the same as the plan's own PDF's): verify checks each attached source
    against it, the PDF/A and PDF/UA claims, and the pages, rebuilt from the attached sources
    alone (the bundle here was made from three PDFs and a content file): "i orden", exit 0. A
    changed attached source is found (exit 1); extract says it is a bundle, not "not made by
    planpdf"."""
    import pikepdf

    from planpdf.edition.read import read_edition
    from planpdf.provenance import INFO_BUNDLE, bundle_plans, short

    result = run_planpdf("verify", bundle)
    assert result.code == 0, result.out + result.err
    assert "En samling af 4 planer (lavet med planpdf bundle)" in result.out
    assert "ikke lavet af planpdf" not in result.out + result.err
    assert "Metadata (XMP) erklærer PDF/A-3u og PDF/UA-1" in result.out
    assert "[ok]   Samlingens sider svarer byte for byte til de vedhæftede kilder" in result.out
    assert result.out.splitlines()[-1] == f"{bundle}: i orden (en samling af 4 planer, alle godkendt)"
    among = run_planpdf("verify", bundle, plans["Vejle"])  # counted as approved, with the plans
    assert among.code == 0, among.err
    assert among.err.splitlines()[-1] == ("planpdf: 2 fil(er): 2 godkendt og i orden, 0 udkast i "
                                          "orden, 0 med problemer, 0 ikke fuldt kontrolleret")
    with pikepdf.open(bundle) as pdf:
        recorded = bundle_plans(str(pdf.docinfo[INFO_BUNDLE]))
    assert sorted(recorded) == [f"{p.lower()}-2011.yaml" for p in IN_ORDER]
    for place, path in plans.items():
        name = f"{place.lower()}-2011.yaml"
        assert f"[ok]   {name}: fingeraftryk {short(recorded[name])} stemmer" in result.out
        if path.suffix == ".pdf":
            assert recorded[name] == read_edition(path.read_bytes()).fingerprint
    changed = tmp_path / "aendret.pdf"
    with pikepdf.open(bundle) as pdf:
        spec = pdf.attachments["vejle-2011.yaml"]
        text = spec.get_file().read_bytes().replace(b"Lokalpolitileder", b"Lokalpolitichef", 1)
        assert b"Lokalpolitichef" in text
        spec.obj.EF.F.write(text)  # the attached source changed in place, still /AF's
        pdf.save(changed)
    result = run_planpdf("verify", changed)
    assert result.code == 1  # Vejle's plan is approved: its changed source does not even load
    assert "vejle-2011.yaml: den vedhæftede kilde kan ikke indlæses" in result.err
    assert "ændret, efter planen blev godkendt" in result.err
    forged = tmp_path / "forfalsket.pdf"
    with pikepdf.open(bundle) as pdf:
        pdf.docinfo[INFO_BUNDLE] = str(pdf.docinfo[INFO_BUNDLE]).replace(
            recorded["vejle-2011.yaml"], "0" * 64)
        pdf.save(forged)
    result = run_planpdf("verify", forged)
    assert result.code == 1
    assert "vejle-2011.yaml: fingeraftrykket passer ikke: samlingen siger 0000 0000 0000" in \
        result.err
    result = run_planpdf("extract", bundle, "-o", tmp_path / "x.yaml")
    assert result.code == 1
    assert "er en samling af planer (lavet med planpdf bundle)" in result.err, result.err


def test_verify_finds_a_bundle_changed_after_it_was_built(bundle: Path, tmp_path: Path) -> None:
    """The bundle is built again from its attached sources and compared byte for byte, so a
    change by another program fails (exit 1) though sources and fingerprints are untouched: a
    page drawn on, an attached file the bundle has no use for (named), a source attached under
    another name (named). No plans at all is an error, never "i orden". A bundle that says
    another planpdf made it cannot be built again here: a warning, exit 3, as for one plan."""
    import pikepdf

    from planpdf.provenance import INFO_BUNDLE, INFO_RENDERER

    def changed(name: str, change) -> Path:
        out = tmp_path / name
        with pikepdf.open(bundle) as pdf:
            change(pdf)
            pdf.save(out)
        return out

    def fails(pdf: Path, *said: str) -> None:
        result = run_planpdf("verify", pdf)
        assert result.code == 1, result.out + result.err
        for text in said:
            assert f"{pdf}: error: {text}" in result.err, result.err
        assert "i orden" not in result.out

    drawn = changed("tegnet.pdf", lambda pdf: pdf.pages[0].contents_add(
        pdf.make_stream(b"q 0 0 1 rg 100 100 50 50 re f Q")))  # a blue square
    fails(drawn, "samlingen er ændret efter bygningen: den svarer ikke byte for byte til det, de "
                 "vedhæftede kilder giver")

    def attach(pdf) -> None:
        spec = pikepdf.AttachedFileSpec(pdf, b"MZ", filename="virus.exe")
        spec.obj.AFRelationship = pikepdf.Name.Source
        pdf.Root.AF.append(spec.obj)
    fails(changed("vedhaeftet.pdf", attach), "virus.exe: vedhæftet, men ikke en del af samlingen")

    def rename(pdf) -> None:
        for spec in pdf.Root.AF:
            if str(spec.UF) == "vejle-2011.yaml":
                spec.UF = spec.F = pikepdf.String("x.yaml")
        pdf.docinfo[INFO_BUNDLE] = str(pdf.docinfo[INFO_BUNDLE]).replace("vejle-2011", "x")
    fails(changed("omdoebt.pdf", rename),
          "samlingen er ændret efter bygningen: kilderne er vedhæftet som billund-2011.yaml, "
          "hedensted-2011.yaml, horsens-2011.yaml, x.yaml, men samlingen giver dem navnene "
          "billund-2011.yaml, hedensted-2011.yaml, horsens-2011.yaml, vejle-2011.yaml")

    def empty(pdf) -> None:
        pdf.docinfo[INFO_BUNDLE] = "x"
        del pdf.Root.AF
    fails(changed("tom.pdf", empty), "samlingen nævner ingen planer")

    other = changed("anden-version.pdf", lambda pdf: pdf.docinfo.__setitem__(
        INFO_RENDERER, "planpdf 0.0.1; reportlab 4.0.0"))
    result = run_planpdf("verify", other)
    assert result.code == 3, result.out + result.err
    assert "siderne kan ikke kontrolleres her: PDF'en er lavet med planpdf 0.0.1" in result.err
    assert "i orden" not in result.out and "ikke erklæret i orden" in result.err


def test_diff_of_bundles_says_they_are_bundles(bundle: Path, plans: dict[str, Path],
                                               tmp_path: Path) -> None:
    """A bundle has no one plan's source, so `diff` compares its text; it says the file is a
    bundle and how to compare the plans (not that it has no planpdf source)."""
    import json

    smaller = tmp_path / "mindre.pdf"
    _ok("bundle", plans["Billund"], plans["Vejle"], "-o", smaller, "-q")
    result = run_planpdf("diff", smaller, bundle, "--json")
    assert result.code == 0, result.err
    for pdf in (smaller, bundle):
        assert (f"planpdf: warning: {pdf} er en samling af planer (planpdf bundle), ikke én "
                "plan: samlingens tekst er sammenlignet; sammenlign rådenes planer hver for sig"
                ) in result.err
    report = json.loads(result.out)
    assert report["mode"] == "tekst" and report["changes"]
    assert any("Lokalrådet i Hedensted kommune" in json.dumps(c, ensure_ascii=False)
               for c in report["changes"])
