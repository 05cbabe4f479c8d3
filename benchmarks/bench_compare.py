"""This tree against an earlier revision, in one interleaved run: what a change did to speed.

bench_build.py says how far planpdf is from its goals; this says whether a change helped. The
revision's ``src/`` and ``fonts/`` are taken out of git into a temporary folder, and both
versions run with the same interpreter and dependencies (this virtual environment's), each with
its own ``src`` first on ``sys.path``:

- cold: N fresh processes of ``planpdf build`` of the sample for each version, interleaved with
  the import floor (as in bench_build.py), medians of CPU time;
- warm: R alternating child processes per version, each timing 40 builds in one process after
  5 to warm up, the median of each child's median (ms per plan);
- and whether both versions wrote the same bytes.

A revision with the start-up cache (``planpdf.startcache``) writes it at its first, unmeasured
run and reads it in every measured one, as a user's second run does.

    python benchmarks/bench_compare.py REV [N] [R]    # e.g. bench_compare.py 5fac3ff 30 3
"""

from __future__ import annotations

import io
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from bench_build import ENV, ROOT, SAMPLE, cpu

FLOOR = [sys.executable, "-c", "import reportlab.platypus, yaml, babel.dates"]
WARM = """
import statistics, sys, time
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from planpdf.pipeline import World, build
world, sample = World.default(), Path(sys.argv[2])
for _ in range(5):
    build(sample, world)
times = []
for _ in range(40):
    start = time.process_time()
    build(sample, world)
    times.append((time.process_time() - start) * 1000)
print(statistics.median(times))
"""


def _checkout(rev: str, into: Path) -> Path:
    """``src/`` and ``fonts/`` of ``rev``, written under ``into``; its ``src``."""
    archive = subprocess.run(["git", "archive", "--format=tar", rev, "src", "fonts"], cwd=ROOT,
                             check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        if hasattr(tarfile, "data_filter"):  # Python 3.11.4 and later
            tar.extractall(into, filter="data")
        else:  # our own repository's archive
            tar.extractall(into)
    return into / "src"


def _build(src: Path, out: Path) -> list[str]:
    return [sys.executable, "-c",
            "import sys; sys.path.insert(0, sys.argv[1]); "
            "sys.argv = ['planpdf', 'build', sys.argv[2], '-o', sys.argv[3], '-q']; "
            "from planpdf.cli import run; run()", str(src), str(SAMPLE), str(out)]


def _warm(src: Path) -> float:
    done = subprocess.run([sys.executable, "-c", WARM, str(src), str(SAMPLE)], check=True,
                          capture_output=True, text=True, env=ENV)
    return float(done.stdout)


def main(rev: str, runs: int, rounds: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        ENV["PLANPDF_CACHE"] = str(work / "cache")  # the start-up cache, once a revision has one
        sources = {rev: _checkout(rev, work / "rev"), "this tree": ROOT / "src"}
        outputs = {name: work / f"{i}.pdf" for i, name in enumerate(sources)}
        commands = {name: _build(src, outputs[name]) for name, src in sources.items()}
        commands["floor"] = FLOOR
        for cmd in commands.values():  # bytecode written, files cached
            cpu(cmd)
        cold: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, cmd in commands.items():
                cold[name].append(cpu(cmd) * 1000)
        warm: dict[str, list[float]] = {name: [] for name in sources}
        for _ in range(rounds):
            for name, src in sources.items():
                warm[name].append(_warm(src))
        same = outputs[rev].read_bytes() == outputs["this tree"].read_bytes()
    floor = statistics.median(cold["floor"])
    print(f"cold, median CPU over {runs} interleaved runs (floor {floor:.1f} ms)")
    for name in sources:
        ms = statistics.median(cold[name])
        print(f"  {name:10s} {ms:7.1f} ms  {ms / floor:5.2f} × floor")
    print(f"warm, ms per plan: median of {rounds} alternating processes of 40 builds each")
    for name in sources:
        print(f"  {name:10s} {statistics.median(warm[name]):7.1f} ms  "
              f"(each: {', '.join(f'{v:.1f}' for v in warm[name])})")
    print("the sample's bytes: " + ("the same" if same else "DIFFERENT"))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 21,
         int(sys.argv[3]) if len(sys.argv) > 3 else 3)
