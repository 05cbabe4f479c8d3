"""Two planpdfs at one archive: the second waits for the first's OS lock instead of refusing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from archive_helpers import held_lock, lock_is_free


@pytest.fixture(scope="module")
def editions(make_edition, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Two different approved editions of the same year."""
    folder = tmp_path_factory.mktemp("input")
    return [make_edition(folder / "billund-2011.pdf"),
            make_edition(folder / "billund-2011-rettet.pdf", purpose_suffix="Rettet.",
                         approved_date="2011-03-01")]


def _archive(pdf: Path, cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "planpdf.cli", "archive", str(pdf)], cwd=cwd,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_archive_waits_for_a_held_lock_and_says_so(editions, tmp_path: Path):
    """REGRESSION (refused instead of waiting): with the lock held, archive prints a Danish note
    that it waits, and archives as soon as the lock is released."""
    lock = tmp_path / "archive" / ".planpdf.lock"
    with held_lock(lock):
        proc = _archive(editions[0], tmp_path)
        assert proc.stderr is not None
        line = proc.stderr.readline()
        assert line == (f"{Path('archive/.planpdf.lock')}: note: arkivet er i brug af en anden "
                        "planpdf; venter op til 30 sekunder på, at den bliver færdig\n")
        assert proc.poll() is None and not (tmp_path / "archive" / "manifest.json").exists()
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "Arkiverede" in out and err == ""
    assert lock_is_free(lock)


def test_parallel_archives_both_land_as_revisions_1_and_2(editions, cli, tmp_path: Path):
    """Two archive commands started together both succeed, one after the other."""
    procs = [_archive(pdf, tmp_path) for pdf in editions]
    for proc in procs:
        _out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
    manifest = json.loads((tmp_path / "archive" / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(e["revision"] for e in manifest["entries"]) == [1, 2]
    assert cli("verify", "archive").code == 0


def test_verify_waits_for_the_lock_too_and_gives_up_in_danish(editions, cli, tmp_path: Path,
                                                              monkeypatch):
    """verify ARKIV reads the manifest under the lock, so a running archive is never caught
    half-way; when the lock stays held past the timeout it says so and exits 1."""
    assert cli("archive", editions[0]).code == 0
    monkeypatch.setattr("planpdf.edition.archive.LOCK_TIMEOUT", 0.3)
    with held_lock(tmp_path / "archive" / ".planpdf.lock"):
        result = cli("verify", "archive")
    assert result.code == 1
    assert "note: arkivet er i brug af en anden planpdf; venter op til 0,3 sekunder" in result.err
    assert "error: arkivet var stadig i brug af en anden planpdf efter 0,3 sekunder" in result.err
    assert "slet" not in result.err
    assert cli("verify", "archive").code == 0
