"""`kill -9` during `archive` and `build` leaves no corrupt file, no stuck archive, no stale lock.

The real CLI runs as a process (``python -m planpdf.cli``) and is killed with SIGKILL at a
random moment (seeded): three in four runs at a random file operation inside the archive or
the output folder (the process kills itself there, see ``killpoint/sitecustomize.py``: that
is where a crash can do harm, and a timer would almost never hit it), the rest after a random
delay from outside. After every kill: the manifest parses, every listed file exists and has
its SHA-256, every PDF there is byte for byte one of the inputs, at most one is unlisted (an
interrupted run), and nobody holds the lock. After each round of kills the next run (in this
process, the same ``main``) must succeed, ``verify`` must pass without a word, and no
temporary file may be left.

``PLANPDF_KILL_TESTS=200`` runs 200 kills instead of the default few dozen (two thirds
``archive``, one third ``build``); ``PLANPDF_KILL_SEED`` picks other random moments.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from archive_helpers import lock_is_free
from conftest import SAMPLE, run_planpdf

KILLS = int(os.environ.get("PLANPDF_KILL_TESTS") or 24)
SEED = int(os.environ.get("PLANPDF_KILL_SEED") or 2011)
ROUND = 4  # killed archive runs into one archive before the clean run that must recover it
KILLPOINT = Path(__file__).with_name("killpoint")
TEMP = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")  # write_atomic's temporary files

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs kill -9")


@dataclass
class Seen:
    """What the kills left behind, for the summary (and the invariants' failures)."""

    counts: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, what: str, n: int = 1) -> None:
        with self.lock:
            self.counts[what] += n

    def check(self, ok: bool, what: str) -> None:
        if not ok:
            with self.lock:
                self.failures.append(what)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _env(folder: Path, **extra: str) -> dict[str, str]:
    paths = [str(KILLPOINT), *filter(None, [os.environ.get("PYTHONPATH")])]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths), "PLANPDF_KILL_UNDER": str(folder),
            **extra}


def _calibrate(args: list[str], folder: Path, cwd: Path) -> tuple[int, float]:
    """How many file operations a clean run makes in ``folder``, and how long it takes."""
    count = cwd / "count.txt"
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "planpdf.cli", *args], cwd=cwd, timeout=120,
                          capture_output=True, text=True,
                          env=_env(folder, PLANPDF_KILL_COUNT=str(count)))
    assert proc.returncode == 0, proc.stderr
    return int(count.read_text(encoding="utf-8")), time.monotonic() - start


def _killed_run(args: list[str], folder: Path, cwd: Path, rng: random.Random, operations: int,
                seconds: float, seen: Seen) -> None:
    """One run of the CLI, killed at a random file operation or after a random delay."""
    command = [sys.executable, "-m", "planpdf.cli", *args]
    if rng.random() < 0.75:
        at = rng.randint(1, operations)
        proc = subprocess.run(command, cwd=cwd, timeout=120, capture_output=True,
                              env=_env(folder, PLANPDF_KILL_AT=str(at)))
        code = proc.returncode
    else:
        with subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, env=_env(folder)) as running:
            try:
                running.wait(timeout=rng.uniform(0, seconds * 1.1))
            except subprocess.TimeoutExpired:
                running.send_signal(signal.SIGKILL)
            code = running.wait(timeout=120)
    outcome = {-signal.SIGKILL: "killed", 0: "ended before the kill"}.get(code, "failed")
    seen.add(f"{args[0]} runs {outcome}")
    seen.check(code in (0, -signal.SIGKILL), f"{args}: exit status {code}")


def _leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if TEMP.fullmatch(p.name)] if folder.exists() else []


def _check_archive(root: Path, known: set[str], seen: Seen, label: str) -> None:
    """The invariants that hold after any kill, between any two runs."""
    seen.check(lock_is_free(root / ".planpdf.lock"), f"{label}: the lock is still held")
    if not root.exists():
        return
    entries: list[dict[str, object]] = []
    manifest = root / "manifest.json"
    if manifest.exists():
        try:
            doc = json.loads(manifest.read_text(encoding="utf-8"))
            entries = doc["entries"]
        except (ValueError, KeyError) as exc:
            seen.check(False, f"{label}: the manifest does not parse ({exc})")
    listed = {str(e["file"]) for e in entries}
    for entry in entries:
        path = root / str(entry["file"])
        seen.check(path.is_file() and _sha(path.read_bytes()) == entry["sha256"],
                   f"{label}: {entry['file']} is missing or not what the manifest says")
    pdfs = [p for p in root.rglob("*.pdf") if not TEMP.fullmatch(p.name)]
    for pdf in pdfs:
        seen.check(_sha(pdf.read_bytes()) in known, f"{label}: {pdf.name} is a corrupt file")
        seen.check(pdf.stat().st_mode & 0o222 == 0, f"{label}: {pdf.name} is writable")
    unlisted = [p for p in pdfs if p.relative_to(root).as_posix() not in listed]
    seen.check(len(unlisted) <= 1, f"{label}: {len(unlisted)} unlisted PDFs")
    seen.add("archive runs leaving an unlisted PDF", bool(unlisted))
    seen.add("archive runs leaving temporary files", bool(_leftovers(root)))


@pytest.fixture(scope="module")
def pool(make_edition, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """ROUND + 1 different approved editions of 2011."""
    folder = tmp_path_factory.mktemp("pool")
    return [make_edition(folder / f"billund-2011-{n}.pdf", purpose_suffix=f"Udgave {n}." if n
                         else "", approved_date=f"2011-02-{n + 10}") for n in range(ROUND + 1)]


def _archive_round(index: int, pool: list[Path], base: Path, calibration: tuple[int, float],
                   seen: Seen) -> Path:
    rng = random.Random(f"{SEED}-archive-{index}")
    root = base / f"arkiv-{index}"
    known = {_sha(p.read_bytes()) for p in pool}
    for n, pdf in enumerate(pool[:ROUND]):
        _killed_run(["archive", str(pdf), "--archive", str(root), "-q"], root, base, rng,
                    calibration[0] + 4, calibration[1], seen)
        _check_archive(root, known, seen, f"archive round {index}, run {n + 1}")
    return root


def _build_round(index: int, contents: list[Path], base: Path, calibration: tuple[int, float],
                 known: set[str], seen: Seen) -> tuple[Path, Path]:
    rng = random.Random(f"{SEED}-build-{index}")
    out = base / f"ud-{index}"
    content = rng.choice(contents)
    _killed_run(["build", str(content), "-o", str(out / "plan.pdf"), "-q"], out, base, rng,
                calibration[0] + 1, calibration[1], seen)
    pdf = out / "plan.pdf"
    seen.check(not pdf.exists() or _sha(pdf.read_bytes()) in known,
               f"build {index}: plan.pdf is a corrupt file")
    seen.add("build runs leaving temporary files", bool(_leftovers(out)))
    return out, content


def test_kill_9_leaves_nothing_stuck(pool: list[Path], tmp_path: Path):
    """After SIGKILL at random moments of archive and build, every invariant above holds and the
    next run repairs what was left; the summary is printed (pytest -s)."""
    archive_rounds = max(1, round(KILLS * 2 / 3) // ROUND)
    builds = max(1, KILLS - archive_rounds * ROUND)
    contents = [tmp_path / "a.yaml", tmp_path / "b.yaml"]
    contents[0].write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    contents[1].write_text(SAMPLE.read_text(encoding="utf-8").replace(
        "sikkerhed for borgerne i lokalsamfundet.", "sikkerhed for borgerne. Ændret.", 1),
        encoding="utf-8")
    expected = {}
    for content in contents:
        reference = tmp_path / "reference" / f"{content.stem}.pdf"
        assert run_planpdf("build", content, "-o", reference, "-q").code == 0
        expected[content] = reference.read_bytes()
    known_builds = {_sha(data) for data in expected.values()}

    seen = Seen()
    with ThreadPoolExecutor(max_workers=2) as workers:
        calibrations = [
            workers.submit(_calibrate, ["archive", str(pool[0]), "--archive",
                                        str(tmp_path / "kalibrering"), "-q"],
                           tmp_path / "kalibrering", tmp_path),
            workers.submit(_calibrate, ["build", str(contents[0]), "-o",
                                        str(tmp_path / "kal-ud" / "plan.pdf"), "-q"],
                           tmp_path / "kal-ud", tmp_path)]
        archive_calibration, build_calibration = (c.result() for c in calibrations)
        archives = [workers.submit(_archive_round, i, pool, tmp_path, archive_calibration, seen)
                    for i in range(archive_rounds)]
        outputs = [workers.submit(_build_round, i, contents, tmp_path, build_calibration,
                                  known_builds, seen) for i in range(builds)]
        archive_roots = [a.result() for a in archives]
        build_outputs = [o.result() for o in outputs]

    for root in archive_roots:  # the next run: another edition, then verify
        result = run_planpdf("archive", pool[ROUND], "--archive", root)
        seen.check(result.code == 0, f"{root.name}: the next archive failed: {result.err}")
        seen.add("unlisted PDFs completed by the next run", result.err.count("gjort færdig"))
        seen.add("temporary files removed by the next run", result.err.count("er fjernet"))
        result = run_planpdf("verify", root)
        seen.check(result.code == 0 and not result.err, f"{root.name}: verify: {result.err}")
        seen.check(not _leftovers(root), f"{root.name}: temporary files after the next run")
        seen.check(lock_is_free(root / ".planpdf.lock"), f"{root.name}: lock held at the end")
    for out, content in build_outputs:  # the next build
        result = run_planpdf("build", content, "-o", out / "plan.pdf", "-q")
        seen.check(result.code == 0 and (out / "plan.pdf").read_bytes() == expected[content],
                   f"{out.name}: the next build failed: {result.err}")
        seen.check(not _leftovers(out), f"{out.name}: temporary files after the next build")

    print(f"\nkill -9, seed {SEED}: " + ", ".join(f"{k}: {v}" for k, v in sorted(seen.counts.items()))
          + f"; {len(seen.failures)} failed checks")
    killed = seen.counts["archive runs killed"] + seen.counts["build runs killed"]
    assert killed >= (archive_rounds * ROUND + builds) // 2, seen.counts
    assert not seen.failures, "\n".join(seen.failures)
