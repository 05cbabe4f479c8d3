"""The same planpdf version renders the same bytes (issue 8 §2).

`verify` rebuilds a PDF (a plan's, or a bundle's) and compares it byte for byte whenever the PDF
says it was made by this planpdf and ReportLab. So a change that moves one byte of such a PDF
without a new version would make every PDF made before it read as "changed after the build".
This test pins the SHA-256 of each sample and of a bundle of the 2026 samples to the version.
When it fails, raise ``__version__`` (pyproject.toml too) and run ``pytest
tests/test_version_bytes.py --update-golden``. `.ci/run` runs it again at every dependency
floor, which also holds that the allowed ranges give the same bytes.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from reportlab import Version as REPORTLAB

from conftest import ROOT
from planpdf import __version__

RECORD = ROOT / "tests" / "data" / "pdf-bytes.json"
# the drafts (watermark), all three kinds of plan (their words in the attachments' descriptions)
SAMPLES = sorted((ROOT / "content").glob("*.yaml"))


def _built(cli, tmp_path: Path) -> dict[str, str]:
    digests = {}
    for content in SAMPLES:
        out = tmp_path / f"{content.stem}.pdf"
        result = cli("build", content, "-o", out)
        assert result.code == 0, result.err
        digests[content.name] = hashlib.sha256(out.read_bytes()).hexdigest()
    bundle = tmp_path / "kredsraad-2026.pdf"  # two kinds of plan, two districts, drafts
    result = cli("bundle", *(c for c in SAMPLES if "2026" in c.name), "--udkast",
                 "--alle-kredse", "-o", bundle)
    assert result.code == 0, result.err
    digests[bundle.name] = hashlib.sha256(bundle.read_bytes()).hexdigest()
    return digests


def test_the_same_version_renders_the_same_bytes(cli, tmp_path: Path, update_golden: bool) -> None:
    made = {"planpdf": __version__, "reportlab": REPORTLAB, "sha256": _built(cli, tmp_path)}
    if update_golden:
        RECORD.write_text(json.dumps(made, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        return
    recorded = json.loads(RECORD.read_text(encoding="utf-8"))
    if (recorded["planpdf"], recorded["reportlab"]) != (made["planpdf"], made["reportlab"]):
        pytest.fail(f"{RECORD.name} is for planpdf {recorded['planpdf']} with ReportLab "
                    f"{recorded['reportlab']}, this is {__version__} with {REPORTLAB}: "
                    "run this test with --update-golden")
    changed = sorted(name for name, digest in made["sha256"].items()
                     if recorded["sha256"].get(name) != digest)
    assert changed == [], (f"{changed}: the bytes changed, but planpdf is still {__version__}, so "
                           "verify would call every PDF made before 'changed'; raise the version "
                           "and run this test with --update-golden")
