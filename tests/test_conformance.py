"""PDF/A-3u and PDF/UA-1 as veraPDF sees them: real builds of every kind validated against the
whole of both profiles.

veraPDF (its validation library 1.31, see tests/verapdf) needs Java and ``.ci/prepare-verapdf``;
without them this module skips with one line. The PDFs are validated in one Java run per profile,
and each test asserts that its PDF breaks no rule of either, listing every failed rule when one does.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import verapdf
from cert_fixtures import PASSWORD
from conftest import ROOT, SAMPLE_FORMAT1
from diffcases import write_pair
from editions_fixtures import sample_source
from tagged_pdf import split_source

if (reason := verapdf.unavailable()) is not None:
    pytest.skip(reason, allow_module_level=True)

FLAVOUR = "3u"  # what pdfa.py claims in the XMP (pdfaid:part 3, conformance U)
FLAVOURS = ("3u", "ua1")  # ... and pdfuaid:part 1 (PDF/UA-1, tagged by layout/tagging.py)


def _planpdf(*args: str | Path, env: dict[str, str] | None = None) -> None:
    proc = subprocess.run([sys.executable, "-m", "planpdf.cli", *map(str, args)], capture_output=True,
                          text=True, timeout=120, env=env, stdin=subprocess.DEVNULL)
    assert proc.returncode == 0, proc.stderr


def _has_pyhanko() -> bool:
    try:
        import pyhanko  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.fixture(scope="module")
def pdfs(sample_pdf: Path, make_edition, certificate: Path,
         tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample draft, an approved edition, one with a table of contents and the same signed, a
    plan whose member table and a paragraph run over a page break, and a change report."""
    folder = tmp_path_factory.mktemp("conformance")
    built = {"draft": sample_pdf, "approved": make_edition(folder / "approved.pdf")}
    (folder / "split.yaml").write_text(split_source(SAMPLE_FORMAT1.read_text(encoding="utf-8")),
                                       encoding="utf-8")
    _planpdf("build", folder / "split.yaml", "-o", folder / "split.pdf", "-q")
    built["split"] = folder / "split.pdf"
    a, b = write_pair(folder)
    _planpdf("diff", a, b, "-o", folder / "report.pdf")
    built["report"] = folder / "report.pdf"
    toc = folder / "toc.yaml"
    toc.write_text(sample_source(2011).replace("år: 2011\n", "år: 2011\nindholdsfortegnelse: true\n", 1),
                   encoding="utf-8")
    _planpdf("approve", toc, "--date", "2011-02-15", "--by", "Jørn Lykkebak", "-q")
    _planpdf("build", toc, "-o", folder / "toc.pdf", "-q")
    built["toc"] = folder / "toc.pdf"
    for name in ("samarbejdsplan-vestkysten-2026", "handleplan-aalunde-2026"):  # format 2
        _planpdf("build", ROOT / "content" / f"{name}.yaml", "-o", folder / f"{name}.pdf", "-q")
        built[name] = folder / f"{name}.pdf"
    _logo_plan(folder)  # the Ålunde plan with a logo at the top of its first page
    _planpdf("build", folder / "logo.yaml", "-o", folder / "logo.pdf", "-q")
    built["logo"] = folder / "logo.pdf"
    if _has_pyhanko():
        env = {**os.environ, "PLANPDF_CERT_PASSWORD": PASSWORD}
        _planpdf("sign", built["toc"], "--cert", certificate, "-o", folder / "signed.pdf", env=env)
        built["signed"] = folder / "signed.pdf"
    return built


def _logo_plan(folder: Path) -> None:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (300, 120), "white")
    ImageDraw.Draw(image).ellipse([30, 25, 100, 95], fill=(31, 56, 100))
    image.save(folder / "logo.png")
    text = (ROOT / "content" / "handleplan-aalunde-2026.yaml").read_text(encoding="utf-8")
    (folder / "logo.yaml").write_text(text.replace(
        "\nformat: 2\n", "\nformat: 2\nlogo: {fil: logo.png, alt: Ålunde Kommunes logo}\n", 1),
        encoding="utf-8")


Failed = dict[str, dict[str, list[verapdf.FailedRule]]]


@pytest.fixture(scope="module")
def failed(pdfs: dict[str, Path]) -> Failed:
    """veraPDF's failed rules for each PDF and profile, from one Java run per profile."""
    found: Failed = {name: {} for name in pdfs}
    for flavour in FLAVOURS:
        results = verapdf.validate(flavour, *pdfs.values())
        for name, path in pdfs.items():
            found[name][flavour] = results[path]
    return found


def _broken(failed: Failed, name: str, flavours: tuple[str, ...] = FLAVOURS) -> str | None:
    """None when ``name`` breaks no rule of ``flavours``; else every broken rule, one a line."""
    rules = [rule for flavour in flavours for rule in failed[name][flavour]]
    if not rules:
        return None
    return "veraPDF: PDF/A-3u or PDF/UA-1 rules broken:\n" + "\n".join(f"  {rule}" for rule in rules)


def test_sample_draft_is_pdfa3u_and_pdfua1(failed: Failed) -> None:
    """The sample draft (`planpdf build`, with the UDKAST watermark) breaks no PDF/A-3u or
    PDF/UA-1 rule."""
    assert not (broken := _broken(failed, "draft")), broken


def test_approved_edition_is_pdfa3u_and_pdfua1(failed: Failed) -> None:
    """An approved edition (sign-off block, fingerprint footer) breaks no rule of either."""
    assert not (broken := _broken(failed, "approved")), broken


def test_edition_with_table_of_contents_is_pdfa3u_and_pdfua1(pdfs: dict[str, Path],
                                                             failed: Failed) -> None:
    """An edition with `indholdsfortegnelse: true` (tagged link annotations, page numbers
    written at save) breaks no rule of either."""
    from pypdf import PdfReader

    assert any("/Annots" in page for page in PdfReader(pdfs["toc"]).pages)  # the links are there
    assert not (broken := _broken(failed, "toc")), broken


def test_signed_edition_is_pdfa3u_and_pdfua1(failed: Failed) -> None:
    """The edition with a contents list, signed (`planpdf sign`: pyHanko fills the tagged field
    the build made, in an incremental update), breaks no rule of either."""
    if "signed" not in failed:
        pytest.skip("planpdf[sign] is not installed")
    assert not (broken := _broken(failed, "signed")), broken


def test_split_table_and_paragraph_are_pdfa3u_and_pdfua1(failed: Failed) -> None:
    """A member table and a paragraph split across pages (a header row repeated as an artifact,
    one element over two pages) break no rule of either."""
    assert not (broken := _broken(failed, "split")), broken


def test_change_report_is_pdfa3u_and_pdfua1(failed: Failed) -> None:
    """The change report of `planpdf diff -o` (a summary table, struck and underlined words)
    breaks no rule of either."""
    assert not (broken := _broken(failed, "report")), broken


@pytest.mark.parametrize("name", ["samarbejdsplan-vestkysten-2026", "handleplan-aalunde-2026",
                                  "logo"])
def test_format_2_samples_are_pdfa3u_and_pdfua1(failed: Failed, name: str) -> None:
    """The format 2 samples (a cover page, Figures with /Alt and the images embedded beside the
    source, numbered sections, focus groups, initiatives as a table and as cards, member
    sentences), and one with a logo, break no rule of either."""
    assert not (broken := _broken(failed, name)), broken


def test_the_validator_reports_a_broken_rule(tmp_path: Path, sample_pdf: Path) -> None:
    """The helper reports failures: the sample with its XMP claim changed to B breaks 6.6.4 for 3u."""
    data = sample_pdf.read_bytes()
    claim = b"<pdfaid:conformance>U</pdfaid:conformance>"
    assert data.count(claim) == 1
    broken = tmp_path / "claims-b.pdf"
    broken.write_bytes(data.replace(claim, claim.replace(b">U<", b">B<")))  # same length
    rules = verapdf.failed_rules(broken, FLAVOUR)
    assert [(rule.clause, rule.test) for rule in rules] == [("6.6.4", 3)], rules
