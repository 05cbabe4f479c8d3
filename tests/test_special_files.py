"""Inputs that are not regular files end at once with a Danish error, never a hang or traceback."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from conftest import SAMPLE


def _clean_failure(result, name: str) -> str:
    assert result.code == 1, result
    assert "Traceback" not in result.err
    assert result.out == ""
    first = result.err.splitlines()[0]
    assert first.startswith(f"{name}: error: "), result.err
    return first


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_fifo_input_is_refused_without_blocking(cli, tmp_path: Path,
                                                special_files_read: list[str]) -> None:
    """Regression: `planpdf check FIFO` blocked forever in open(); a FIFO is refused by its
    type, never opened for reading (the join's time-out only keeps a regression from hanging
    the suite)."""
    os.mkfifo(tmp_path / "plan.yaml")
    done: list[object] = []
    worker = threading.Thread(target=lambda: done.append(cli("check", "plan.yaml")), daemon=True)
    worker.start()
    worker.join(60)
    if worker.is_alive():  # unblock the reader so the test process can end, then fail
        with (tmp_path / "plan.yaml").open("wb"):
            pass
        worker.join(5)
        pytest.fail("planpdf check blocked on a FIFO")
    assert special_files_read == [], "the FIFO was opened for reading"
    first = _clean_failure(done[0], "plan.yaml")
    assert first == ("plan.yaml: error: det er ikke en almindelig fil, men en navngiven kanal "
                     "(FIFO); planpdf læser kun almindelige filer")


def test_symlink_loop_is_a_danish_error(cli, tmp_path: Path) -> None:
    """Regression (ELOOP): a content path that is a symlink loop gets a Danish reason."""
    (tmp_path / "a.yaml").symlink_to("b.yaml")
    (tmp_path / "b.yaml").symlink_to("a.yaml")
    for command in ("check", "build"):
        first = _clean_failure(cli(command, "a.yaml"), "a.yaml")
        assert first == ("a.yaml: error: filen kan ikke læses: stien har for mange symbolske "
                         "links (måske en løkke)")


def test_directory_input_is_named_a_folder(cli, tmp_path: Path) -> None:
    """A folder given as the content file is called a folder (open() no longer says EISDIR)."""
    (tmp_path / "plan.yaml").mkdir()
    first = _clean_failure(cli("check", "plan.yaml"), "plan.yaml")
    assert first == "plan.yaml: error: det er en mappe, ikke en fil"


def test_symlink_to_a_regular_file_is_read(cli, tmp_path: Path) -> None:
    """Refusing special files does not refuse a symlink to an ordinary content file."""
    (tmp_path / "plan.yaml").symlink_to(SAMPLE)
    result = cli("check", "plan.yaml")
    assert result.code == 0, result.err
