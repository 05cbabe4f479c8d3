"""Render the first page of a PDF to PNG for the README (the project's own tooling).

    python docs/preview.py output/billund-2010.pdf docs/billund-2010-side-1.png

Uses pypdfium2 (``pip install pypdfium2``), or poppler's pdftoppm when that is installed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path


def main(pdf: str, png: str, dpi: int = 80) -> None:
    if shutil.which("pdftoppm"):
        stem = str(Path(png).with_suffix(""))
        subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1",
                        "-singlefile", pdf, stem], check=True)
        return
    import pypdfium2

    page = pypdfium2.PdfDocument(pdf)[0]
    page.render(scale=dpi / 72).to_pil().save(png)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
