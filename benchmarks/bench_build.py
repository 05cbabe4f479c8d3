"""What a `planpdf build` costs, as ratios measured in one run (never as timed tests).

Cold: each command runs in a fresh process (what the referent experiences), the kinds
interleaved so machine noise hits all of them alike; the median of N runs of the child's CPU
time (user + system) is reported, against the bare imports and a plain ReportLab script laying
out the same text. That script is the goals' baseline and reads its YAML with
``yaml.safe_load``; beside it runs the same script reading its YAML with libyaml, as planpdf
does, for a stricter figure. planpdf runs with its start-up cache written (as from a user's
second run on), and without it (``PLANPDF_CACHE=off``, as a first run). Warm: builds in one
process (what the batch build's workers do), against the plain script in one process, both
ways. Also: the cost of a contents list on a 170-page plan, the sample's size, and a batch of
plans in one `planpdf build` call against one process per plan.
Typst (PyPI `typst`) is measured beside them when it is installed. Every child runs with its
bytecode cached (PYTHONDONTWRITEBYTECODE removed from its environment), as an installed planpdf
runs: pip compiles it at install, and site-packages is compiled for the baselines already.

    python benchmarks/bench_build.py [N]
"""

from __future__ import annotations

import io
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The sample plan in format 1 (content/billund-2010.yaml until issue 9): plain_reportlab.py reads
# its format 1 keys, and the numbers stay comparable with earlier measurements.
SAMPLE = ROOT / "tests" / "data" / "billund-2010-format1.yaml"
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
sys.path.insert(0, str(ROOT / "benchmarks"))

TYPST_DOC = """#set page(paper: "a4")
#set text(lang: "da")
= Handlingsplan for 2010
""" + "\n\n".join(["Lokalrådets formål er at virke som et fremtidsorienteret partnerskab "
                   "mellem politi og kommune. " * 6] * 40)


def cpu(cmd: list[str], env: dict[str, str] | None = None) -> float:
    """The CPU time (user + system) of one child process, in seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, check=True, cwd=ROOT, stdout=subprocess.DEVNULL, env=env or ENV)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def cold(runs: int, work: Path) -> dict[str, float]:
    out = work / "x.pdf"
    commands = {
        "imports": [sys.executable, "-c", "import reportlab.platypus, yaml, babel.dates"],
        "plain": [sys.executable, str(ROOT / "benchmarks" / "plain_reportlab.py"), str(SAMPLE),
                  str(out)],
        "build": [sys.executable, "-m", "planpdf.cli", "build", str(SAMPLE), "-o", str(out), "-q"],
    }
    commands["plainyaml"] = [*commands["plain"], "--libyaml"]  # its YAML read as planpdf reads it
    commands["nocache"] = commands["build"]  # the same build, run as a first run: nothing cached
    envs = {"nocache": {**ENV, "PLANPDF_CACHE": "off"}}
    if _has_typst():
        (work / "plan.typ").write_text(TYPST_DOC, encoding="utf-8")
        commands["typst"] = [sys.executable, "-c", "import sys, typst; "
                             "typst.compile(sys.argv[1], output=sys.argv[2])",
                             str(work / "plan.typ"), str(work / "t.pdf")]
    for name, cmd in commands.items():  # warm the file cache and .pyc files (and planpdf's)
        cpu(cmd, envs.get(name))
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            samples[name].append(cpu(cmd, envs.get(name)))
    return {name: statistics.median(values) for name, values in samples.items()}


def warm(renders: int) -> tuple[float, float, float]:
    """Median CPU ms per plan, in-process: planpdf's build, the plain script as written (YAML
    read by ``yaml.safe_load``, PyYAML's pure-Python loader), and the plain script reading its
    YAML with libyaml's ``CSafeLoader`` instead (as planpdf reads it), interleaved."""
    import plain_reportlab

    from planpdf.pipeline import World, build

    world = World.default()
    kinds = {"planpdf": lambda: build(SAMPLE, world),
             "plain": lambda: plain_reportlab.render(SAMPLE, io.BytesIO()),
             "plain libyaml": lambda: plain_reportlab.render(SAMPLE, io.BytesIO(), libyaml=True)}
    times: dict[str, list[float]] = {name: [] for name in kinds}
    for work in kinds.values():
        work()
    for _ in range(renders):
        for name, work in kinds.items():
            start = time.process_time()
            work()
            times[name].append(time.process_time() - start)
    planpdf_ms, plain_ms, plain_c_ms = (statistics.median(times[name]) * 1000 for name in kinds)
    return planpdf_ms, plain_ms, plain_c_ms


def contents_cost(work: Path) -> tuple[float, float, int]:
    """CPU s (median of 3) of a 170-page plan built without and with a contents list, and its
    pages."""
    text = SAMPLE.read_text(encoding="utf-8")
    body = "\n".join(f"  - overskrift: Afsnit {i}\n    tekst: >\n      "
                     + "Lokalrådets formål er at virke som et fremtidsorienteret partnerskab. " * 40
                     for i in range(160))
    plain = work / "lang.yaml"
    plain.write_text(text + "\nafsnit:\n" + body + "\n", encoding="utf-8")
    with_toc = work / "lang-indhold.yaml"
    with_toc.write_text(text.replace("år: 2010\n", "år: 2010\nindholdsfortegnelse: true\n", 1)
                        + "\nafsnit:\n" + body + "\n", encoding="utf-8")
    runs: list[list[float]] = [[], []]
    for _ in range(3):  # interleaved, the median of three each
        for i, f in enumerate((plain, with_toc)):
            runs[i].append(cpu([sys.executable, "-m", "planpdf.cli", "build", str(f), "-o",
                                str(work / f"{f.stem}.pdf"), "-q"]))
    times = [statistics.median(r) for r in runs]
    from pypdf import PdfReader

    return times[0], times[1], len(PdfReader(work / "lang-indhold.pdf").pages)


def batch(plans: int, work: Path) -> tuple[float, float, int]:
    """Wall seconds for ``plans`` sample-size plans: one `build` call, and one process each."""
    folder = work / "planer"
    folder.mkdir()
    text = SAMPLE.read_text(encoding="utf-8")
    for i in range(plans):
        (folder / f"raad-{i:03d}.yaml").write_text(
            text.replace("Lokalrådet i Billund kommune", f"Lokalrådet i Kommune {i}"),
            encoding="utf-8")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "planpdf.cli", "build", str(folder), "--mappe",
                    str(work / "ud"), "-q"], check=True, stderr=subprocess.DEVNULL, env=ENV)
    together = time.perf_counter() - start
    start = time.perf_counter()
    for f in sorted(folder.iterdir()):
        subprocess.run([sys.executable, "-m", "planpdf.cli", "build", str(f), "-o",
                        str(work / "enkelt" / f"{f.stem}.pdf"), "-q"], check=True, env=ENV)
    one_by_one = time.perf_counter() - start
    return together, one_by_one, os.cpu_count() or 1


def typst_batch(plans: int, work: Path) -> float:
    """Wall seconds for Typst to compile ``plans`` documents of the same size, each from
    scratch as far as the API allows (a new ``typst.Compiler`` per document; Typst may still keep
    caches of its own within the process), one after another in one
    process: Typst's answer to a batch."""
    folder = work / "typst"
    folder.mkdir()
    for i in range(plans):
        (folder / f"raad-{i:03d}.typ").write_text(
            TYPST_DOC.replace("Handlingsplan for 2010", f"Handlingsplan for Kommune {i}"),
            encoding="utf-8")
    script = ("import sys, pathlib, typst\n"
              "for f in sorted(pathlib.Path(sys.argv[1]).glob('*.typ')):\n"
              "    typst.Compiler(str(f)).compile(output=str(f.with_suffix('.pdf')))\n")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", script, str(folder)], check=True, env=ENV)
    return time.perf_counter() - start


def _has_typst() -> bool:
    try:
        import typst  # noqa: F401
    except ImportError:
        return False
    return True


def main(runs: int, plans: int) -> None:
    work = Path(tempfile.mkdtemp())
    ENV["PLANPDF_CACHE"] = str(work / "cache")  # planpdf's start-up cache, as a user's second run has it
    try:
        median = cold(runs, work)
        for name, value in median.items():
            print(f"cold {name:8s} median CPU {value * 1000:7.1f} ms over {runs} runs")
        print(f"cold build / imports = {median['build'] / median['imports']:.2f}  (goal ≤ 1.3)")
        print(f"cold build / plain   = {median['build'] / median['plain']:.2f}  (goal ≤ 0.9)")
        print(f"cold build against the plain script reading its YAML with libyaml = "
              f"{median['build'] / median['plainyaml']:.2f}")
        print(f"cold build without the start-up cache (a first run) / imports = "
              f"{median['nocache'] / median['imports']:.2f}, / plain = "
              f"{median['nocache'] / median['plain']:.2f}")
        if "typst" in median:
            print(f"cold build / typst   = {median['build'] / median['typst']:.2f}")
        planpdf_ms, plain_ms, plain_c_ms = warm(max(runs, 10))
        print(f"warm build {planpdf_ms:.1f} ms per plan, plain ReportLab {plain_ms:.1f} ms: "
              f"{planpdf_ms / plain_ms:.2f}  (goal ≤ 1.2)")
        print(f"warm build against the plain script reading its YAML with libyaml "
              f"({plain_c_ms:.1f} ms): {planpdf_ms / plain_c_ms:.2f}")
        without, with_toc, pages = contents_cost(work)
        print(f"{pages}-page plan: {without:.2f} s CPU, with a contents list {with_toc:.2f} s "
              f"({with_toc / without:.2f} ×; goal ≤ 2 s)")
        size = len((work / "x.pdf").read_bytes())
        print(f"sample PDF {size / 1024:.1f} KB  (goal ≤ 40 KB)")
        if plans:
            together, apart, cores = batch(plans, work)
            print(f"{plans} plans: one build call {together:.2f} s wall on {cores} cores, one "
                  f"process each {apart:.2f} s ({apart / together:.1f} × faster; goal ≤ 1.5 s)")
            if _has_typst():
                fresh = typst_batch(plans, work)
                print(f"{plans} Typst documents, each compiled fresh in one process: {fresh:.2f} s "
                      f"wall (planpdf's one call / Typst = {together / fresh:.2f})")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15,
         int(sys.argv[2]) if len(sys.argv) > 2 else 98)
