"""FIXTURE that imitates the editions-build branch's output (approved PDFs with metadata).

Until `planpdf approve` + `build` land, this takes a PDF the real CLI built and adds with pypdf
what an edition carries: the Info keys of planpdf.fingerprint, the embedded canonical YAML
source (handlingsplan.yaml) and a minimal XMP packet claiming PDF/A-3b. The lead switches these
helpers to the real approve/build flow at merge; keep every imitation here, in one place.
"""

from __future__ import annotations

import io
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from planpdf.fingerprint import (
    INFO_APPROVED_BY,
    INFO_APPROVED_DATE,
    INFO_COUNCIL,
    INFO_FINGERPRINT,
    INFO_SIGNATURE_BOX,
    INFO_STATUS,
    INFO_YEAR,
    SOURCE_NAME,
    fingerprint,
)
from planpdf.load import load_text

XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
   <pdfaid:part>3</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


def edition_pdf(built: Path, source_text: str, out: Path, *, status: str = "godkendt",
                approved_by: str = "Jørn Lykkebak", approved_date: str = "2011-02-15",
                council: str = "Lokalrådet i Billund kommune",
                signature_box: str | None = "-1 56 90 306 150",
                fingerprint_of: str | None = None) -> Path:
    """Write ``out``: ``built`` plus edition metadata, XMP and the embedded ``source_text``.

    ``signature_box`` "-1 ..." means "on the last page"; None leaves the key out.
    ``fingerprint_of`` (other YAML text) makes the fingerprint disagree with the source.
    """
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, StreamObject

    _plan, source = load_text(SOURCE_NAME, source_text)
    reader = PdfReader(built)
    writer = PdfWriter(clone_from=reader)
    info = {
        INFO_FINGERPRINT: fingerprint(
            load_text(SOURCE_NAME, fingerprint_of)[1].data if fingerprint_of else source.data),
        INFO_STATUS: status,
        INFO_COUNCIL: council,
        INFO_YEAR: str(source.data["år"]),
    }
    if status == "godkendt":
        info |= {INFO_APPROVED_BY: approved_by, INFO_APPROVED_DATE: approved_date}
    if signature_box is not None:
        page, *rest = signature_box.split()
        if int(page) < 0:
            page = str(len(reader.pages) + 1 + int(page))
        info[INFO_SIGNATURE_BOX] = " ".join([page, *rest])
    writer.add_metadata(info)
    writer.add_attachment(SOURCE_NAME, source_text.encode())
    stream = StreamObject()
    stream.set_data(XMP.encode())
    stream[NameObject("/Type")] = NameObject("/Metadata")
    stream[NameObject("/Subtype")] = NameObject("/XML")
    writer._root_object[NameObject("/Metadata")] = writer._add_object(stream)
    buffer = io.BytesIO()
    writer.write(buffer)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(buffer.getvalue())
    return out


def sample_source(year: int = 2011, purpose_suffix: str = "") -> str:
    """The sample content moved to ``year``; ``purpose_suffix`` makes a different edition."""
    from conftest import SAMPLE

    text = SAMPLE.read_text(encoding="utf-8")
    text = text.replace("år: 2010", f"år: {year}", 1).replace("dato: 2010-01-01",
                                                              f"dato: {year}-01-01", 1)
    if purpose_suffix:
        text = text.replace("sikkerhed for borgerne i lokalsamfundet.",
                            f"sikkerhed for borgerne i lokalsamfundet. {purpose_suffix}", 1)
    return text


@pytest.fixture(scope="session")
def make_edition(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    """``make_edition(name, **edition_pdf options, purpose_suffix="")``: an imitated edition.

    The 2011 sample is built once with the real CLI; each call adds edition metadata to a copy.
    """
    folder = tmp_path_factory.mktemp("editions")
    content = folder / "billund-2011.yaml"
    content.write_text(sample_source(2011), encoding="utf-8")
    built = folder / "built-2011.pdf"
    proc = subprocess.run([sys.executable, "-m", "planpdf.cli", "build", str(content), "-o",
                           str(built)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr

    def make(out: Path, purpose_suffix: str = "", **options: Any) -> Path:
        return edition_pdf(built, sample_source(2011, purpose_suffix), out, **options)

    return make
