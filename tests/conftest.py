"""Shared helpers: run the real CLI, build real PDFs and read them back."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from cert_fixtures import certificate  # noqa: F401  (a pytest fixture, shared here)
from editions_fixtures import make_edition  # noqa: F401  (a pytest fixture, shared here)

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "content" / "billund-2010.yaml"  # the sample a user gets (format 2)
# The same plan in format 1 (the sample until issue 9): for tests that edit format 1 text, and
# for format 1 itself, which still loads.
SAMPLE_FORMAT1 = ROOT / "tests" / "data" / "billund-2010-format1.yaml"
# The real 2010 plan the sample reproduces (a copy of shared/seeds/, so tests need nothing
# outside the repository).
SEED = ROOT / "tests" / "data" / "handlingsplan-billund-2010.txt"
# the smallest valid plan, for tests that add one thing to it
MINIMAL = """\
år: 2010
råd:
  navn: Lokalrådet i Test
  kommune: Test kommune
medlemmer:
  - navn: Anne Andersen
"""


@dataclass
class Result:
    """What a CLI run printed and returned."""

    code: int
    out: str
    err: str

    # the names of subprocess.CompletedProcess, for tests written against either
    @property
    def returncode(self) -> int:
        return self.code

    @property
    def stdout(self) -> str:
        return self.out

    @property
    def stderr(self) -> str:
        return self.err


def pytest_configure(config: pytest.Config) -> None:
    """The start-up cache (``planpdf.startcache``) in a folder of this run's, never the user's."""
    os.environ["PLANPDF_CACHE"] = tempfile.mkdtemp(prefix="planpdf-test-cache-")


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(os.environ.pop("PLANPDF_CACHE", ""), ignore_errors=True)


def _with_test_cache(env: dict[str, str] | None) -> dict[str, str] | None:
    """A test's own environment, with this run's cache folder unless it names one."""
    if env is None or "PLANPDF_CACHE" in env:
        return env
    return {**env, "PLANPDF_CACHE": os.environ["PLANPDF_CACHE"]}


def run_planpdf(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None,
                input: str | None = None) -> Result:
    """Run ``planpdf ARGS`` in this process through ``main(argv, stdout, stderr)``, in ``cwd``.

    The same code path as the installed command, without a new interpreter per run; the few
    tests that need a real process (the entry point, locale and time zone) use
    ``run_installed``.
    """
    from planpdf.cli import main

    env = _with_test_cache(env)
    out, err = io.StringIO(), io.StringIO()
    before = Path.cwd()
    os.chdir(cwd or before)
    try:
        code = main([str(a) for a in args], out, err, environ=env if env is not None else os.environ,
                    stdin=io.StringIO(input or ""))
    finally:
        os.chdir(before)
    return Result(code, out.getvalue(), err.getvalue())


def run_installed(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None,
                  input: str | None = None) -> Result:
    """Run ``planpdf ARGS`` in a fresh process, as a user's shell would."""
    proc = subprocess.run([sys.executable, "-m", "planpdf.cli", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, env=_with_test_cache(env), input=input,
                          timeout=120)
    return Result(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def cli(tmp_path: Path):
    """Run ``planpdf ARGS`` in-process (see ``run_planpdf``), in ``tmp_path`` by default."""

    def run(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None,
            input: str | None = None) -> Result:
        return run_planpdf(*args, cwd=cwd or tmp_path, env=env, input=input)

    return run


@pytest.fixture
def special_files_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What planpdf opened for reading that is no regular file (a FIFO, a device): the file
    type of each, filled while the test runs. ``files.read_bytes`` opens a file without
    blocking and reads it only through ``os.fdopen``, so an empty list proves that a special
    file was refused before a byte of it was read (or a read of it blocked)."""
    import stat

    found: list[str] = []
    real = os.fdopen

    def fdopen(fd: int, *args: object, **kwargs: object) -> object:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            found.append(stat.filemode(mode))
        return real(fd, *args, **kwargs)

    monkeypatch.setattr(os, "fdopen", fdopen)
    return found


def pdf_text(path: Path) -> list[str]:
    """The text of each page as pypdf extracts it."""
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(path).pages]


def pdf_objects(path: Path) -> bytes:
    """The PDF rewritten (by qpdf, through pikepdf) without object streams: every object's
    dictionary as plain text, for tests that look for a key anywhere in the file."""
    import pikepdf

    out = io.BytesIO()
    with pikepdf.open(path) as pdf:
        pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.disable)
    return out.getvalue()


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
    proc = run_planpdf("build", SAMPLE, "-o", out)
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
