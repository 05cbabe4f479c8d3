"""How much a cold `planpdf build` of the sample costs, as ratios measured in one run.

Each command runs in a fresh process (what the referent experiences), the three kinds
interleaved so machine noise hits all of them alike; the median of N runs is reported.

    python benchmarks/bench_build.py [N]

Targets from issue #2: build ≤ ~1.5 × (Python start + import reportlab.platypus, yaml,
babel.dates), and ≤ ~1.1 × a plain ReportLab script laying out the same text.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "content" / "billund-2010.yaml"


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main(runs: int) -> None:
    out = Path(tempfile.mkdtemp()) / "x.pdf"
    commands = {
        "imports": [sys.executable, "-c", "import reportlab.platypus, yaml, babel.dates"],
        "plain": [sys.executable, str(ROOT / "benchmarks" / "plain_reportlab.py"), str(SAMPLE), str(out)],
        "build": [sys.executable, "-m", "planpdf.cli", "build", str(SAMPLE), "-o", str(out), "-q"],
    }
    for cmd in commands.values():  # warm the file cache and .pyc files
        timed(cmd)
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            samples[name].append(timed(cmd))
    median = {name: statistics.median(values) for name, values in samples.items()}
    for name, value in median.items():
        print(f"{name:8s} median {value * 1000:7.1f} ms over {runs} runs")
    print(f"build / imports = {median['build'] / median['imports']:.2f}  (target ≤ ~1.5)")
    print(f"build / plain   = {median['build'] / median['plain']:.2f}  (target ≤ ~1.1)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
