"""The strict gates of pyproject.toml (ruff, mypy --strict on src/) hold, so CI enforces them."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT


def _run(module: str, *args: str) -> subprocess.CompletedProcess[str]:
    pytest.importorskip(module)
    return subprocess.run([sys.executable, "-m", module, *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)


def test_ruff_finds_nothing() -> None:
    """ruff, with the rule set in pyproject.toml, passes on src, tests, benchmarks and docs."""
    result = _run("ruff", "check", "--no-cache", "src", "tests", "benchmarks", "docs")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_passes_on_src() -> None:
    """mypy --strict (configured in pyproject.toml) finds no type errors in src/planpdf."""
    result = _run("mypy", "--no-incremental")
    assert result.returncode == 0, result.stdout + result.stderr
