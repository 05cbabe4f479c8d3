"""Shared helpers: run the real CLI, build real PDFs and read them back."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from cert_fixtures import certificate  # noqa: F401  (a pytest fixture, shared here)
from editions_fixtures import make_edition  # noqa: F401  (a pytest fixture, shared here)

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "content" / "billund-2010.yaml"
# The real 2010 plan the sample reproduces (a copy of shared/seeds/, so tests need nothing
# outside the repository).
SEED = ROOT / "tests" / "data" / "handlingsplan-billund-2010.txt"


@dataclass
class Result:
    """What a CLI run printed and returned."""

    code: int
    out: str
    err: str


@pytest.fixture
def cli(tmp_path: Path):
    """Run ``planpdf ARGS`` in a fresh process (as a user would), in ``tmp_path`` by default."""

    def run(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None,
            input: str | None = None) -> Result:
        proc = subprocess.run(
            [sys.executable, "-m", "planpdf.cli", *map(str, args)], cwd=cwd or tmp_path,
            capture_output=True, text=True, env=env, input=input, timeout=120,
        )
        return Result(proc.returncode, proc.stdout, proc.stderr)

    return run


def pdf_text(path: Path) -> list[str]:
    """The text of each page as pypdf extracts it."""
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(path).pages]


def flat(text: str) -> str:
    """Whitespace folded and hyphenation at line ends undone, for comparing sentences."""
    text = re.sub(r"(\w)-\n(\w)", r"\1\2", text)
    return " ".join(text.split())


def write(path: Path, text: str) -> Path:
    """Write a content file (UTF-8) and return its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def has_poppler() -> bool:
    """Whether poppler's pdftotext and pdffonts are installed (optional extra checks)."""
    return bool(shutil.which("pdftotext") and shutil.which("pdffonts"))


@pytest.fixture(scope="session")
def sample_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample plan built once with the real CLI."""
    out = tmp_path_factory.mktemp("sample") / "billund-2010.pdf"
    proc = subprocess.run([sys.executable, "-m", "planpdf.cli", "build", str(SAMPLE), "-o", str(out)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return out


def pytest_addoption(parser: pytest.Parser) -> None:
    """``pytest --update-golden`` rewrites expected files instead of comparing with them."""
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite golden files (expected-errors.txt, seed-sentences.txt)")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """Whether this run rewrites golden files (``--update-golden``)."""
    return bool(request.config.getoption("--update-golden"))
