"""PDF/A-3u as veraPDF sees it: real builds of every kind validated against the whole profile.

veraPDF (its validation library 1.31, see tests/verapdf) needs Java and ``.ci/prepare-verapdf``;
without them this module skips with one line. The PDFs are validated in one Java run, and each
test asserts that its PDF breaks no rule, listing every failed rule when one does.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import verapdf
from cert_fixtures import PASSWORD
from editions_fixtures import sample_source

if (reason := verapdf.unavailable()) is not None:
    pytest.skip(reason, allow_module_level=True)

FLAVOUR = "3u"  # what pdfa.py claims in the XMP (pdfaid:part 3, conformance U)


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
    """The sample draft, an approved edition, one with a table of contents, and a signed one."""
    folder = tmp_path_factory.mktemp("conformance")
    built = {"draft": sample_pdf, "approved": make_edition(folder / "approved.pdf")}
    toc = folder / "toc.yaml"
    toc.write_text(sample_source(2011).replace("år: 2011\n", "år: 2011\nindholdsfortegnelse: true\n", 1),
                   encoding="utf-8")
    _planpdf("approve", toc, "--date", "2011-02-15", "--by", "Jørn Lykkebak", "-q")
    _planpdf("build", toc, "-o", folder / "toc.pdf", "-q")
    built["toc"] = folder / "toc.pdf"
    if _has_pyhanko():
        env = {**os.environ, "PLANPDF_CERT_PASSWORD": PASSWORD}
        _planpdf("sign", built["approved"], "--cert", certificate, "-o", folder / "signed.pdf", env=env)
        built["signed"] = folder / "signed.pdf"
    return built


@pytest.fixture(scope="module")
def failed(pdfs: dict[str, Path]) -> dict[str, list[verapdf.FailedRule]]:
    """veraPDF's failed rules for each PDF, from one Java run."""
    results = verapdf.validate(FLAVOUR, *pdfs.values())
    return {name: results[path] for name, path in pdfs.items()}


def _report(rules: list[verapdf.FailedRule]) -> str:
    return "veraPDF: PDF/A-3u rules broken:\n" + "\n".join(f"  {rule}" for rule in rules)


def test_sample_draft_is_pdfa3u(failed: dict[str, list[verapdf.FailedRule]]) -> None:
    """The sample draft (`planpdf build`, with the UDKAST watermark) breaks no PDF/A-3u rule."""
    assert not failed["draft"], _report(failed["draft"])


def test_approved_edition_is_pdfa3u(failed: dict[str, list[verapdf.FailedRule]]) -> None:
    """An approved edition (sign-off block, fingerprint footer) breaks no PDF/A-3u rule."""
    assert not failed["approved"], _report(failed["approved"])


def test_edition_with_table_of_contents_is_pdfa3u(pdfs: dict[str, Path],
                                                  failed: dict[str, list[verapdf.FailedRule]]) -> None:
    """An edition with `indholdsfortegnelse: true` (link annotations, two passes) breaks no rule."""
    from pypdf import PdfReader

    assert any("/Annots" in page for page in PdfReader(pdfs["toc"]).pages)  # the links are there
    assert not failed["toc"], _report(failed["toc"])


def test_signed_edition_is_pdfa3u(failed: dict[str, list[verapdf.FailedRule]]) -> None:
    """A signed edition (`planpdf sign`: an incremental update by pyHanko) breaks no PDF/A-3u rule."""
    if "signed" not in failed:
        pytest.skip("planpdf[sign] is not installed")
    assert not failed["signed"], _report(failed["signed"])


def test_the_validator_reports_a_broken_rule(tmp_path: Path, sample_pdf: Path) -> None:
    """The helper reports failures: the sample with its XMP claim changed to B breaks 6.6.4 for 3u."""
    data = sample_pdf.read_bytes()
    claim = b"<pdfaid:conformance>U</pdfaid:conformance>"
    assert data.count(claim) == 1
    broken = tmp_path / "claims-b.pdf"
    broken.write_bytes(data.replace(claim, claim.replace(b">U<", b">B<")))  # same length
    rules = verapdf.failed_rules(broken, FLAVOUR)
    assert [(rule.clause, rule.test) for rule in rules] == [("6.6.4", 3)], _report(rules)
