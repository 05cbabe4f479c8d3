"""Issue 8 §4: every PDF that verify, archive and sign read is read with limits on size, time
and memory, and the rebuild of its pages too (``planpdf.edition.bounded``)."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest

from planpdf.edition import bounded as b
from planpdf.errors import EditionError, about


def _sleep(pid: Path, finished: Path) -> None:
    pid.write_text(str(os.getpid()), encoding="ascii")
    time.sleep(30)
    finished.touch()


def _hog() -> int:
    return len(bytearray(4 * 1024**3))


def _refuse() -> None:
    raise EditionError(about("x.pdf", "en planpdf-fejl i barnet", "et råd"))


def _bug() -> None:
    raise ZeroDivisionError("en fejl i planpdf")


def test_issue_8_a_pdf_over_the_size_limit_is_refused_before_it_is_parsed(
        make_edition, cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Issue 8 §4: a planpdf PDF with 60 MB appended is refused by its size (parsing it took
    52 s and 1.2 GB): no child process parses it, pypdf never sees it, and no more of it is
    read than the limit and one byte."""
    import pypdf

    from planpdf.edition import read

    good = make_edition(tmp_path / "godkendt.pdf")
    big = tmp_path / "stor.pdf"
    big.write_bytes(good.read_bytes() + b"\n%" + b"x" * (60 * 1024 * 1024))
    parsed: list[object] = []
    sizes: list[int] = []  # what each read of a file returned (files.read_bytes reads once)
    real_fdopen = os.fdopen

    class Counted:
        def __init__(self, handle: Any) -> None:
            self.handle = handle

        def __enter__(self) -> Counted:
            return self

        def __exit__(self, *_exc: object) -> None:
            self.handle.close()

        def read(self, size: int = -1) -> bytes:
            data: bytes = self.handle.read(size)
            sizes.append(len(data))
            return data

    monkeypatch.setattr(os, "fdopen", lambda *args, **kw: Counted(real_fdopen(*args, **kw)))
    monkeypatch.setattr(read, "bounded", lambda name, *_args, **_kw: parsed.append(name))
    monkeypatch.setattr(pypdf, "PdfReader", lambda *args, **_kw: parsed.append(args))
    for args in (("verify", big), ("archive", big)):
        result = cli(*args)
        assert result.code == 1, result.out
        assert "højst 50 MB kontrolleres" in result.err and "Traceback" not in result.err
    assert parsed == []
    assert sizes == [b.MAX_PDF_BYTES + 1] * 2
    assert not (tmp_path / "archive").exists()


def test_issue_8_work_past_the_time_limit_is_stopped(monkeypatch: pytest.MonkeyPatch,
                                                     tmp_path: Path) -> None:
    """Issue 8 §4: a child still working after the time limit is killed, with a Danish error:
    it never gets to the end of its work, and it is gone when the error arrives."""
    monkeypatch.setattr(b, "TIMEOUT_SECONDS", 1.0)
    pid, finished = tmp_path / "pid", tmp_path / "fertig"
    with pytest.raises(EditionError) as caught:
        b.bounded("langsom.pdf", _sleep, pid, finished)
    assert not finished.exists(), "the child was waited for, not stopped"
    if pid.exists():  # else it was stopped before it began (a loaded machine)
        with pytest.raises(ProcessLookupError):  # killed and reaped
            os.kill(int(pid.read_text(encoding="ascii")), 0)
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.path == "langsom.pdf"
    assert "kunne ikke læses inden for 1 sekunder" in diagnostic.message


def test_issue_8_work_past_the_memory_limit_is_stopped() -> None:
    """Issue 8 §4: a child that needs more memory than allowed ends in a Danish error, and the
    machine's memory is never at stake (the address space is capped)."""
    with pytest.raises(EditionError) as caught:
        b.bounded("stor.pdf", _hog)
    assert "hukommelse" in caught.value.diagnostics[0].message


def test_a_planpdf_error_in_the_child_arrives_as_itself() -> None:
    """Errors keep their class and diagnostics across the process boundary."""
    with pytest.raises(EditionError) as caught:
        b.bounded("x.pdf", _refuse)
    assert caught.value.diagnostics == (about("x.pdf", "en planpdf-fejl i barnet", "et råd"),)
    assert isinstance(caught.value.__cause__, b.ChildTraceback)


def test_review1_d_an_error_from_the_child_is_not_kept_in_a_reference_cycle() -> None:
    """Review 1 D: the command runs without the cyclic garbage collector (``cli.run``) and
    ``verify`` of many files goes on after a file's error, so an error raised from the child must
    be freed by reference counting alone: ``bounded``'s frame held it (error → traceback →
    frame → error), ~20 objects and ~10 kB per damaged file for the rest of the run."""
    import gc

    def refused() -> None:
        with pytest.raises(EditionError):
            b.bounded("x.pdf", _refuse)

    refused()  # what is loaded once is not counted
    gc.collect()
    gc.disable()
    try:
        for _ in range(20):
            refused()
        left = gc.collect()  # what only the cyclic collector could free
    finally:
        gc.enable()
    assert left < 20, f"{left} objects in cycles after 20 errors"


def test_a_bug_in_the_child_is_not_hidden() -> None:
    """A programming error in the child is raised in the parent with the child's traceback."""
    with pytest.raises(RuntimeError, match="ZeroDivisionError: en fejl i planpdf"):
        b.bounded("x.pdf", _bug)


def test_where_there_is_no_fork_the_child_is_spawned(make_edition, cli, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows has no fork: the same work runs in a spawned child (a fresh interpreter that
    imports planpdf and gets its arguments by pickle), with the same verdicts and errors."""
    import multiprocessing

    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    pdf = make_edition(tmp_path / "godkendt.pdf")
    result = cli("verify", pdf)
    assert result.code == 0, result.err
    assert "i orden" in result.out
    damaged = tmp_path / "skadet.pdf"
    damaged.write_bytes(pdf.read_bytes()[: len(pdf.read_bytes()) // 2])
    result = cli("verify", damaged)
    assert result.code == 1 and "Traceback" not in result.err, result.err
    with pytest.raises(EditionError):
        b.bounded("x.pdf", _refuse)
    from conftest import SAMPLE  # the batch build's workers are spawned the same way

    plans = tmp_path / "planer"
    plans.mkdir()
    for name in ("a", "b"):
        (plans / f"{name}.yaml").write_bytes(SAMPLE.read_bytes())
    result = cli("build", plans, "--mappe", tmp_path / "ud")
    assert result.code == 0, result.err
    assert (tmp_path / "ud" / "a.pdf").read_bytes() == (tmp_path / "ud" / "b.pdf").read_bytes()
