"""The benchmarks' plain ReportLab script lays out the text planpdf lays out (issue 12).

``benchmarks/plain_reportlab.py`` is the baseline of the speed goals ("a plain ReportLab script,
same text"): a ratio against it means something only if it sets the same words. Here: the
sample built by planpdf and by the script gives the same letters and digits, character for
character (hyphens and spaces aside, as each breaks its lines in its own places), on as many
pages, as pypdf extracts them.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Any

from conftest import ROOT, pdf_text

SAMPLE = ROOT / "tests" / "data" / "billund-2010-format1.yaml"  # what the script reads


def _letters(pages: list[str]) -> Counter[str]:
    return Counter(c for page in pages for c in page if c.isalnum())


def test_the_plain_script_sets_the_same_text_as_planpdf(cli: Any, tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import plain_reportlab
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    plain_reportlab.render(SAMPLE, str(tmp_path / "plain.pdf"))
    assert cli("build", SAMPLE, "-o", tmp_path / "planpdf.pdf").code == 0
    plain, ours = pdf_text(tmp_path / "plain.pdf"), pdf_text(tmp_path / "planpdf.pdf")
    assert len(plain) == len(ours) == 4
    assert sum(_letters(ours).values()) > 5000
    assert _letters(plain) == _letters(ours)
