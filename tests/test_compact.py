"""A plan PDF is small: lean font subsets, binary streams, object streams (issue 12, goal 4).

That text, fonts and conformance survive is held elsewhere (test_sample, test_editions_pdfa,
test_conformance); here: what was taken out is really out, and nothing else changed.
"""

from __future__ import annotations

import io
import re
from itertools import pairwise
from pathlib import Path
from struct import unpack_from

from planpdf.layout.fonts import FACES, default_fonts_dir
from planpdf.layout.subsets import HINTING, NAME_IDS, lean

SIZE_GOAL = 40 * 1024  # bytes, the sample with everything it carries (issue 12)


def _subset(text: str) -> bytes:
    """ReportLab's own subset of Carlito Bold for ``text`` (composite glyphs: Å, Ø)."""
    from reportlab.pdfbase.ttfonts import TTFontFile

    face = TTFontFile(str(default_fonts_dir() / FACES["bold"]))
    full: bytes = face.makeSubset([0, *sorted({ord(c) for c in text})])
    return full


def _tables(font: bytes) -> dict[str, bytes]:
    count = unpack_from(">H", font, 4)[0]
    entries = (unpack_from(">4sLLL", font, 12 + 16 * i) for i in range(count))
    return {tag.decode(): font[offset:offset + length] for tag, _, offset, length in entries}


def _glyphs(font: bytes) -> list[bytes]:
    tables = _tables(font)
    short = unpack_from(">h", tables["head"], 50)[0] == 0
    loca = tables["loca"]
    offsets = ([2 * unpack_from(">H", loca, i)[0] for i in range(0, len(loca), 2)] if short
               else [unpack_from(">L", loca, i)[0] for i in range(0, len(loca), 4)])
    return [tables["glyf"][a:b] for a, b in pairwise(offsets)]


def test_a_lean_subset_has_no_hinting_and_the_same_outlines() -> None:
    from reportlab.pdfbase.ttfonts import TTFontFile

    text = "Lokalrådet i Billund · ÅØÆ 2010 – «fed»"
    full = _subset(text)
    small = lean(full)
    TTFontFile(io.BytesIO(small), validate=1)  # parses, and every checksum is right
    assert set(_tables(small)) == set(_tables(full)) - HINTING
    for tag in ("OS/2", "cmap", "hmtx", "hhea", "maxp", "post"):
        assert _tables(small)[tag] == _tables(full)[tag], tag
    before, after = _glyphs(full), _glyphs(small)
    assert len(before) == len(after)
    composites = 0
    for old, new in zip(before, after, strict=True):
        assert bool(old) == bool(new)
        if not old:
            continue
        contours = unpack_from(">h", old)[0]
        if contours < 0:
            composites += 1
            assert new[10:].rstrip(b"\0") and old.startswith(new[:10])
            continue
        at = 10 + 2 * contours
        assert new[:at] == old[:at] and new[at:at + 2] == b"\0\0"
        outline = new[at + 2:].rstrip(b"\0")
        assert outline in old[at + 2:]  # the same flags and coordinates, only without the program
    assert composites  # Å and Ø are composites in Carlito


def test_a_lean_subset_keeps_only_the_windows_names_it_needs() -> None:
    names = _tables(lean(_subset("Billund")))["name"]
    count, strings = unpack_from(">HH", names, 2)
    records = [unpack_from(">6H", names, 6 + 12 * i) for i in range(count)]
    assert {r[3] for r in records} == NAME_IDS
    assert {r[0] for r in records} == {3}
    family = next(r for r in records if r[3] == 1)
    assert names[strings + family[5]:strings + family[5] + family[4]].decode("utf-16-be") == "Carlito"


def test_the_embedded_fonts_are_lean(sample_pdf: Path) -> None:
    import pikepdf

    with pikepdf.open(sample_pdf) as pdf:
        programs = [obj.read_bytes() for obj in pdf.objects
                    if isinstance(obj, pikepdf.Stream) and "/Length1" in obj]
    assert len(programs) == 2  # regular and bold
    for program in programs:
        assert not set(_tables(program)) & HINTING


def test_the_sample_is_written_compactly(sample_pdf: Path) -> None:
    """Objects in object streams, a cross-reference stream, no ASCII85, and the size goal."""
    from pypdf import PdfReader

    data = sample_pdf.read_bytes()
    assert len(data) <= SIZE_GOAL, len(data)
    assert b"/ASCII85Decode" not in data and b"\ntrailer" not in data and b"\nxref" not in data
    assert re.search(rb"/Type /XRef /Size \d+ /W \[ 1 \d 2 \] /Root \d+ 0 R /Info \d+ 0 R /ID", data)
    reader = PdfReader(sample_pdf, strict=True)
    assert len(reader.pages) == 4 and reader.trailer["/Root"]["/StructTreeRoot"]
    # every object not a stream lives in an object stream: only streams are written plainly
    objects = len(re.findall(rb"\n\d+ 0 obj\n", data))
    assert objects == data.count(b"\nendstream\nendobj\n") > 0
