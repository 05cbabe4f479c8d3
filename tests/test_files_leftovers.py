"""The atomic writer after a crash: what a killed writer leaves is swept, what a live one holds is not."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from planpdf.files import sweep_leftovers, temp_target, write_atomic

fcntl = pytest.importorskip("fcntl", reason="the hold on a temporary file is an flock")


def _leftover(folder: Path, target: str, tag: str = "abcd_123") -> Path:
    """A temporary file as a killed ``write_atomic`` leaves it: complete, but never renamed."""
    path = folder / f".{target}.{tag}.tmp"
    path.write_bytes(b"%PDF-1.7 half a build")
    return path


def test_the_next_write_of_a_file_removes_its_abandoned_temporary_files(tmp_path: Path):
    """A leftover of output.pdf goes with the next write of output.pdf; another file's stays."""
    mine = _leftover(tmp_path, "output.pdf")
    other = _leftover(tmp_path, "andet.pdf")
    write_atomic(tmp_path / "output.pdf", b"data")
    assert (tmp_path / "output.pdf").read_bytes() == b"data"
    assert not mine.exists() and other.exists()
    assert sweep_leftovers(tmp_path) == [other] and not other.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output.pdf"]


def test_a_temporary_file_a_live_writer_holds_is_left_alone(tmp_path: Path):
    """While a writer holds its temporary file (flock), sweeping neither removes nor waits for it."""
    held = _leftover(tmp_path, "output.pdf")
    fd = os.open(held, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        assert sweep_leftovers(tmp_path) == []
        write_atomic(tmp_path / "output.pdf", b"data")
        assert held.exists()
    finally:
        os.close(fd)
    assert sweep_leftovers(tmp_path, "output.pdf") == [held]


def test_only_the_writers_own_names_count_as_temporary():
    """Names of the form .<target>.<8 of tempfile's characters>.tmp, and nothing else."""
    assert temp_target(".billund-2011.pdf.x9_k2a0b.tmp") == "billund-2011.pdf"
    for name in (".planpdf.lock", "billund.pdf", ".billund.pdf.tmp", ".a.pdf.ABCDEFGH.tmp",
                 ".a.pdf.abc.tmp", ".a.pdf.abcdefgh.tmp.bak"):
        assert temp_target(name) is None, name


def test_the_file_appears_with_its_mode(tmp_path: Path):
    """mode=0o444 gives a read-only file that was never writable under its own name."""
    path = tmp_path / "arkiv" / "kopi.pdf"
    write_atomic(path, b"data", mode=0o444)
    assert stat.S_IMODE(path.stat().st_mode) == 0o444
    assert [p.name for p in path.parent.iterdir()] == ["kopi.pdf"]
