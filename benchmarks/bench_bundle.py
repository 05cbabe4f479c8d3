"""What a `planpdf bundle` of a district's 11 plans costs, as figures and ratios measured in one
run (never as timed tests). Goal (issue 11): at most 1.5 s for 11 plans.

Eleven councils' plans are made from the sample (place names and one status varied), approved
and built once. Then, each in a fresh process, the kinds interleaved so machine noise hits all
alike, the median of N runs of the wall-clock time and of the CPU time (user + system, the
bounded child processes included) of:

- ``bundle`` of the 11 content files (YAML): checked, laid out, one PDF;
- ``bundle`` of the 11 PDFs: each first verified as ``planpdf verify`` does (parsed and rebuilt
  in a limited child process), then the same;
- one ``build`` of one plan, for scale.

    python benchmarks/bench_bundle.py [N]
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "content" / "billund-2010.yaml"
PLACES = ("Billund", "Vejle", "Horsens", "Hedensted", "Odder", "Skanderborg", "Kolding",
          "Fredericia", "Middelfart", "Haderslev", "Juelsminde")
STATUSES = ("lokal_plan", "central_plan", "kontaktperson", "ingen_plan")


def planpdf(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "planpdf.cli", *map(str, args)]


def run(cmd: list[str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system, children included) of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def make_plans(work: Path) -> tuple[list[Path], list[Path]]:
    """Eleven approved plans: their content files and their PDFs."""
    sample = SAMPLE.read_text(encoding="utf-8")
    sources, pdfs = [], []
    for index, place in enumerate(PLACES):
        text = sample.replace("Billund", place).replace(
            "status: lokal_plan", f"status: {STATUSES[index % 4]}", 1)
        source = work / f"{place.lower()}-2010.yaml"
        source.write_text(text, encoding="utf-8")
        subprocess.run(planpdf("approve", source, "--date", f"2010-02-{index + 1:02d}", "--by",
                               "Jørn Lykkebak", "-q"), check=True, cwd=ROOT)
        pdf = work / "pdf" / f"{place.lower()}-2010.pdf"
        subprocess.run(planpdf("build", source, "-o", pdf, "-q"), check=True, cwd=ROOT)
        sources.append(source)
        pdfs.append(pdf)
    return sources, pdfs


def main(runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        sources, pdfs = make_plans(work)
        commands = {
            "bundle 11 YAML": planpdf("bundle", *sources, "-o", work / "a.pdf", "-q"),
            "bundle 11 PDF": planpdf("bundle", *pdfs, "-o", work / "b.pdf", "-q"),
            "build 1 plan": planpdf("build", sources[0], "-o", work / "c.pdf", "-q"),
        }
        for cmd in commands.values():  # warm the file cache and .pyc files
            run(cmd)
        samples: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, cmd in commands.items():
                samples[name].append(run(cmd))
        pages = subprocess.run(planpdf("bundle", *sources, "-o", work / "d.pdf"), cwd=ROOT,
                               capture_output=True, text=True, check=True).stdout.strip()
    one = statistics.median(w for w, _c in samples["build 1 plan"])
    print(f"{runs} runs each, medians; {pages}")
    for name, values in samples.items():
        wall = statistics.median(w for w, _c in values)
        cpu = statistics.median(c for _w, c in values)
        print(f"  {name:15} {wall:6.2f} s wall  {cpu:6.2f} s CPU   {wall / one:5.1f} × one build")
    print("goal: a bundle of 11 plans in at most 1.5 s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
