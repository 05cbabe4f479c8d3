"""PDF/A-3u properties and the embedded source, read back from real builds.

These tests check the rules listed in the README's PDF/A section one by one with pypdf, so they
run on a machine without Java; veraPDF checks the whole of PDF/A-3u in test_conformance.py.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from conftest import has_poppler, pdf_objects
from editions_flow import Flow, make_flow
from planpdf import provenance as fp

SRGB_SHA256 = "2a92d4bae450b76d8b0aa42193df974d75f62738ecebf74f01c5e75b12a95796"


@pytest.fixture(scope="module")
def flow(tmp_path_factory: pytest.TempPathFactory) -> Flow:
    return make_flow(tmp_path_factory.mktemp("pdfa"))


@pytest.fixture(params=["draft", "approved"])
def pdf(request: pytest.FixtureRequest, flow: Flow) -> Path:
    path: Path = flow.draft_pdf if request.param == "draft" else flow.approved_pdf
    return path


def _root(path: Path) -> Any:
    from pypdf import PdfReader

    reader = PdfReader(path)
    return reader, reader.trailer["/Root"]


def test_builds_are_byte_identical(flow: Flow) -> None:
    """Two builds of the same approved content give the same bytes."""
    assert flow.approved_pdf.read_bytes() == flow.approved_again.read_bytes()


def test_header_id_and_no_encryption(pdf: Path) -> None:
    """PDF 1.7 header with a binary comment line, a trailer /ID, and no /Encrypt."""
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-1.7\n%")
    assert all(b > 127 for b in data[10:14])
    reader, _catalog = _root(pdf)
    assert "/ID" in reader.trailer and len(reader.trailer["/ID"]) == 2
    assert "/Encrypt" not in reader.trailer and not reader.is_encrypted


def test_embedded_source_reloads_to_the_same_data(pdf: Path) -> None:
    """The associated file /AFRelationship /Source re-loads to the data the fingerprint is of."""
    from planpdf.content.load import load_file, load_text

    reader, root = _root(pdf)
    specs = [ref.get_object() for ref in root["/AF"]]
    assert len(specs) == 1
    spec = specs[0]
    assert spec["/AFRelationship"] == "/Source"
    assert spec["/F"] == spec["/UF"] == fp.SOURCE_NAME
    names = root["/Names"]["/EmbeddedFiles"]["/Names"]
    assert names[0] == fp.SOURCE_NAME and names[1].get_object() == spec
    stream = spec["/EF"]["/F"].get_object()
    assert stream["/Type"] == "/EmbeddedFile"
    assert stream["/Subtype"] == "/" + fp.SOURCE_MIME
    data = stream.get_data()
    assert stream["/Params"]["/Size"] == len(data)
    assert re.fullmatch(r"D:\d{14}\+00'00'", str(stream["/Params"]["/ModDate"]))
    embedded = load_text(fp.SOURCE_NAME, data.decode("utf-8"))
    original = load_file(Path(str(pdf)).parent / "billund-2011.yaml")
    info = reader.metadata
    if info[fp.INFO_STATUS] == "godkendt":  # the draft was built before approval changed the file
        assert embedded.data == original.data
    assert fp.fingerprint(embedded.data) == info[fp.INFO_FINGERPRINT]


def test_xmp_declares_pdfa3u_and_matches_info(pdf: Path) -> None:
    """XMP: pdfaid part 3 conformance U, unfiltered, and the same values as the Info dict."""
    reader, root = _root(pdf)
    meta = root["/Metadata"].get_object()
    assert meta["/Type"] == "/Metadata" and meta["/Subtype"] == "/XML"
    assert "/Filter" not in meta
    raw = meta.get_data().decode("utf-8")
    assert raw.startswith('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>')
    xmp = reader.xmp_metadata
    ns = "http://www.aiim.org/pdfa/ns/id/"
    assert xmp._get_single_value(ns, "part") == "3"  # pypdf has no public getter for pdfaid
    assert xmp._get_single_value(ns, "conformance") == "U"
    info = reader.metadata
    assert xmp.dc_title == {"x-default": info["/Title"]}
    assert xmp.dc_creator == [info["/Author"]]
    assert xmp.dc_description == {"x-default": info["/Subject"]}
    assert xmp.pdf_keywords == info["/Keywords"]
    assert xmp.pdf_producer == info["/Producer"]
    assert xmp.xmp_creator_tool == info["/Creator"]
    created = info.creation_date
    assert xmp.xmp_create_date.replace(tzinfo=None) == created.replace(tzinfo=None)
    assert xmp.xmp_modify_date.replace(tzinfo=None) == info.modification_date.replace(tzinfo=None)


def test_xmp_has_no_pdf_trapped(pdf: Path) -> None:
    """Regression (veraPDF, ISO 19005-3 6.6.2.3.1): no pdf:Trapped, which no schema PDF/A knows."""
    _reader, root = _root(pdf)
    raw = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert "Trapped" not in raw
    assert set(re.findall(r"<((?:pdfaid|dc|pdf|xmp|pdfuaid):\w+)", raw)) == {
        "pdfaid:part", "pdfaid:conformance", "dc:format", "dc:title", "dc:creator", "dc:description",
        "pdf:Keywords", "pdf:Producer", "xmp:CreatorTool", "xmp:CreateDate", "xmp:ModifyDate",
        "xmp:MetadataDate",  # each predefined by XMP 2004 as PDF/A reads it
        "pdfuaid:part"}  # declared in the packet's pdfaExtension schema (next test)


def test_xmp_claims_pdfua1_in_a_declared_extension_schema(pdf: Path) -> None:
    """pdfuaid:part 1 (PDF/UA-1), and the pdfuaid schema declared as PDF/A wants for a property
    it does not predefine: namespace, prefix, and the property with its value type."""
    reader, root = _root(pdf)
    xmp = reader.xmp_metadata
    ns = "http://www.aiim.org/pdfua/ns/id/"
    assert xmp._get_single_value(ns, "part") == "1"
    raw = root["/Metadata"].get_object().get_data().decode("utf-8")
    schema = raw[raw.index("<pdfaExtension:schemas>"):raw.index("</pdfaExtension:schemas>")]
    assert f"<pdfaSchema:namespaceURI>{ns}</pdfaSchema:namespaceURI>" in schema
    assert "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>" in schema
    assert re.search(r"<pdfaProperty:name>part</pdfaProperty:name>\s*"
                     r"<pdfaProperty:valueType>Integer</pdfaProperty:valueType>", schema)


def test_every_endstream_follows_an_end_of_line(pdf: Path) -> None:
    """Regression (veraPDF, ISO 19005-3 6.1.7.1): /Length bytes of data, then EOL, then endstream."""
    data = pdf.read_bytes()
    streams = 0
    for match in re.finditer(rb"\d+ 0 obj\n(.*?)\nstream\n", data, re.DOTALL):
        length = re.search(rb"/Length (\d+)\b", match.group(1))
        assert length, match.group(1)[:200]
        end = match.end() + int(length.group(1))
        assert data[end:end + 10] == b"\nendstream", data[end - 20:end + 10]
        streams += 1
    assert streams == data.count(b"endstream") > 0


def test_output_intent_has_the_srgb_profile(pdf: Path) -> None:
    """One GTS_PDFA1 OutputIntent whose profile is the shipped sRGB ICC profile (3 components)."""
    _reader, root = _root(pdf)
    intents = [x.get_object() for x in root["/OutputIntents"]]
    assert len(intents) == 1
    intent = intents[0]
    assert intent["/S"] == "/GTS_PDFA1"
    assert intent["/OutputConditionIdentifier"] == "sRGB IEC61966-2.1"
    profile = intent["/DestOutputProfile"].get_object()
    assert profile["/N"] == 3
    icc = profile.get_data()
    assert hashlib.sha256(icc).hexdigest() == SRGB_SHA256
    assert icc[36:40] == b"acsp" and icc[16:20] == b"RGB " and icc[8] <= 4


def test_fonts_embedded_and_annotations_printable(flow: Flow, tmp_path: Path) -> None:
    """Every font has an embedded program and a /ToUnicode map; every annotation has the print flag."""
    content = tmp_path / "toc.yaml"
    text = flow.content.read_text(encoding="utf-8").replace(
        "år: 2011\n", "år: 2011\nindholdsfortegnelse: true\n", 1)
    content.write_text(text, encoding="utf-8")
    from editions_flow import run

    out = tmp_path / "toc.pdf"  # the changed content is approved again before it is built
    assert run(tmp_path, "approve", content, "--date", "2011-02-15", "--by", "Jørn Lykkebak",
               "--replace").returncode == 0
    proc = run(tmp_path, "build", content, "-o", out)
    assert proc.returncode == 0, proc.stderr
    from pypdf import PdfReader

    reader = PdfReader(out)
    annots = fonts = 0
    for page in reader.pages:
        for ref in page.get("/Annots", []):
            annot = ref.get_object()
            annots += 1
            assert int(annot["/F"]) & 4, annot
        for font in page["/Resources"].get("/Font", {}).values():
            desc = font.get_object()["/FontDescriptor"].get_object()
            assert any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            assert "/ToUnicode" in font.get_object()  # PDF/A level U: text maps to Unicode
            fonts += 1
    assert annots > 0 and fonts > 0
    for name in ("/OutputIntents", "/Metadata", "/AF"):
        assert name in reader.trailer["/Root"]


@pytest.mark.skipif(not has_poppler(), reason="poppler's pdffonts is not installed")
def test_pdffonts_reports_every_font_embedded(pdf: Path) -> None:
    """pdffonts (poppler) lists only embedded fonts."""
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows
    for row in rows:
        assert re.search(r"\byes\s+yes\s+yes\b", row), row


def test_no_external_content_or_forbidden_actions(pdf: Path) -> None:
    """No JavaScript, launch or URI actions, external streams or embedded other than the source."""
    data = pdf_objects(pdf)
    for token in (b"/JavaScript", b"/JS ", b"/Launch", b"/URI", b"/FFilter", b"/Encrypt",
                  b"/OpenAction"):
        assert token not in data, token
    _reader, root = _root(pdf)
    assert len(root["/Names"]["/EmbeddedFiles"]["/Names"]) == 2


def test_shipped_profile_has_its_licence() -> None:
    """The ICC profile in the package is the one documented, with its licence beside it."""
    from importlib import resources

    folder = resources.files("planpdf").joinpath("icc")
    assert hashlib.sha256(folder.joinpath("sRGB.icc").read_bytes()).hexdigest() == SRGB_SHA256
    readme = folder.joinpath("README.txt").read_text(encoding="utf-8")
    assert SRGB_SHA256 in readme and "License: Zlib" in readme


def test_only_rgb_and_gray_colour_operators(pdf: Path) -> None:
    """Colours are DeviceRGB/DeviceGray only (covered by the sRGB OutputIntent), never CMYK."""
    from pypdf import PdfReader
    from pypdf.generic import ContentStream

    reader = PdfReader(pdf)
    streams = []
    for page in reader.pages:
        streams.append(page.get_contents())
        for xobj in page["/Resources"].get("/XObject", {}).values():
            streams.append(xobj.get_object())
    seen = set()
    for stream in streams:
        for operands, operator in ContentStream(stream, reader).operations:
            seen.add(operator)
            assert operator not in (b"k", b"K"), "CMYK colour"
            if operator in (b"cs", b"CS"):
                assert operands[0] in ("/DeviceRGB", "/DeviceGray"), operands
    assert b"rg" in seen


def test_transparency_is_only_the_drafts_multiplied_watermark(pdf: Path) -> None:
    """The one transparency: a draft's pages blend the watermark by ``/BM /Multiply`` (a
    standard blend mode, as PDF/A-3 wants), an ExtGState with nothing else (no soft mask, no
    constant alpha, no transparency group); an approved edition has no ExtGState at all."""
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    draft = reader.metadata[fp.INFO_STATUS] != "godkendt"
    for page in reader.pages:
        states = page["/Resources"].get("/ExtGState")
        if not draft:
            assert states is None
            continue
        assert [dict(state.get_object()) for state in states.values()] == [{"/BM": "/Multiply"}]
        assert "/Group" not in page
    data = pdf_objects(pdf)
    for token in (b"/SMask", b"/CA ", b"/ca ", b"/Group"):
        assert token not in data, token


def test_build_does_not_import_pypdf(tmp_path: Path) -> None:
    """The PDF/A step runs on ReportLab's objects: `planpdf build` never imports pypdf."""
    import sys

    from conftest import SAMPLE

    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "planpdf.cli", "build",
                           str(SAMPLE), "-o", str(tmp_path / "x.pdf")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    modules = {line.split("|")[-1].strip() for line in proc.stderr.splitlines()
               if line.startswith("import time:")}
    assert "planpdf.pdfa" in modules
    assert not any(m == "pypdf" or m.startswith("pypdf.") for m in modules)


def test_to_unicode_maps_have_no_null_entries(pdf: Path) -> None:
    """Regression: ReportLab mapped every unused code of a font subset to U+0000; the maps now
    list only the codes in use, each to real text, in blocks of at most 100 entries."""
    from pypdf import PdfReader

    maps = 0
    for page in PdfReader(pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            cmap = font.get_object()["/ToUnicode"].get_object().get_data().decode("latin-1")
            assert "<0000>" not in cmap
            counts = [int(n) for n in re.findall(r"(\d+) beginbfchar", cmap)]
            assert counts and all(0 < n <= 100 for n in counts)
            assert sum(counts) == len(re.findall(r"<[0-9A-F]{2}> <[0-9A-F]{4,}>", cmap))
            maps += 1
    assert maps
