"""Render page 1 of the change report the tests compare (2010 → 2011) for the README.

    python docs/report_preview.py docs/aendringer-2010-2011-side-1.png

The two plans are ``tests/diffcases.py``'s (the sample plan and its 2011 edition); the report is
made by the real command, ``planpdf diff A B -o``, and rendered with poppler's
``pdftoppm -png -r 60 -f 1 -l 1``.
"""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(png: str) -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    from diffcases import write_pair
    from planpdf.cli import main as planpdf

    with tempfile.TemporaryDirectory() as folder:
        a, b = write_pair(Path(folder))
        report = Path(folder) / "aendringer.pdf"
        err = io.StringIO()
        if planpdf(["diff", str(a), str(b), "-o", str(report)], io.StringIO(), err) != 0:
            raise SystemExit(err.getvalue())
        stem = str(Path(png).with_suffix(""))
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile",
                        str(report), stem], check=True)


if __name__ == "__main__":
    main(sys.argv[1])
