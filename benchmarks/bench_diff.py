"""Benchmark of ``planpdf diff`` (a script, not a test): run ``python benchmarks/bench_diff.py``.

Prints, measured in this one run (best of several repetitions):
1. comparing two plans of the sample's size (load both + compare) against building one PDF
   (``planpdf.pipeline.build``), as a ratio;
2. comparing two generated plans of about 100 pages each, in seconds (the page count is printed,
   from a real build of the generated plan).
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from planpdf.content.load import load_file  # noqa: E402
from planpdf.diff.compare import compare_plans  # noqa: E402
from planpdf.diff.run import diff  # noqa: E402
from planpdf.pipeline import World, build  # noqa: E402

SAMPLE = ROOT / "content" / "billund-2010.yaml"
WORDS = [
    "lokalrådet", "politiet", "kommunen", "skolerne", "forebyggelse", "tryghed", "borgerne",
    "samarbejde", "indsats", "kriminalitet", "unge", "netværk", "handleplan", "konference",
    "misbrug", "trafik", "indbrud", "lokalsamfundet", "partnerskab", "dialog",
]


def best(fn: Callable[[], object], repeat: int) -> float:
    """The fastest of ``repeat`` runs, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def paragraph(seed: int, words: int = 110, indent: int = 6) -> str:
    """Deterministic filler text of ``words`` words, wrapped for YAML at ``indent``."""
    chosen = [WORDS[(seed * 7 + k * k + k * seed) % len(WORDS)] for k in range(words)]
    lines = [" ".join(chosen[i:i + 12]) for i in range(0, words, 12)]
    return "\n".join(" " * indent + line for line in lines) + "."


def big_plan(year: int, changed: bool) -> str:
    """About 100 pages: 60 members, 80 focus areas, 150 free sections of two paragraphs."""
    out = [f"år: {year}", "råd:", "  navn: Lokalrådet i Storby kommune",
           "  kommune: Storby kommune", "medlemmer:"]
    for k in range(60):
        name = f"Medlem Nummer{k}" if not (changed and k % 20 == 0) else f"Ny Person{k}"
        out += [f"  - navn: {name}", f"    titel: Titel {k % 7}",
                "    organisation: Storby kommune"]
    out += ["fokusområder:", "  grupper:"]
    for g in range(4):
        out += [f"    - overskrift: Gruppe {g}", "      områder:"]
        for k in range(20):
            n = g * 20 + k
            status = "lokal_plan" if not (changed and n % 9 == 0) else "central_plan"
            title = f"Indsatsen mod emne {n}" + (" og mere" if changed and n % 11 == 0 else "")
            # half the areas carry an id, half are matched by title and text
            if n % 2 == 0:
                out.append(f"        - id: emne-{n}")
                out.append(f"          titel: {title}")
            else:
                out.append(f"        - titel: {title}")
            out += [f"          status: {status}", "          tekst: >", paragraph(n, 40, 12)]
    out.append("afsnit:")
    order = list(range(150))
    if changed:
        order[10], order[100] = order[100], order[10]
    for k in order:
        heading = f"Afsnit om emne {k}" + (" (revideret)" if changed and k % 25 == 0 else "")
        first = paragraph(1000 + k)
        if changed and k % 10 == 0:
            first = first[:-1] + " og ændret."
        out += [f"  - overskrift: {heading}", "    tekst: |", first, "", paragraph(2000 + k)]
    return "\n".join(out) + "\n"


def main() -> None:
    world = World.default()
    build_s = best(lambda: build(SAMPLE, world), 3)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        text = SAMPLE.read_text(encoding="utf-8")
        a = folder / "a.yaml"
        a.write_text(text, encoding="utf-8")
        b = folder / "b.yaml"
        b.write_text(text.replace("Kim Søgaard", "Lise Berg")
                     .replace("sætte ekstra", "sætte flere", 1)
                     .replace("dato: 2010-11-24", "dato: 2011-11-23"), encoding="utf-8")
        fonts = world.fonts_dir
        diff_s = best(lambda: diff(a, b, fonts), 20)
        plan_a, plan_b = load_file(a).plan, load_file(b).plan
        compare_s = best(lambda: compare_plans(plan_a, plan_b), 20)

        big_a, big_b = folder / "big-a.yaml", folder / "big-b.yaml"
        big_a.write_text(big_plan(2010, False), encoding="utf-8")
        big_b.write_text(big_plan(2011, True), encoding="utf-8")
        pages = build(big_a, world).pages
        result = diff(big_a, big_b, fonts)
        big_s = best(lambda: diff(big_a, big_b, fonts), 3)

    print("planpdf diff benchmark (best of several runs)")
    print(f"  build sample (planpdf.pipeline.build):      {build_s * 1000:8.1f} ms")
    print(f"  diff two sample-size plans (load+compare): {diff_s * 1000:6.1f} ms"
          f"  = {diff_s / build_s:.3f} × build")
    print(f"    of which compare_plans only:           {compare_s * 1000:8.2f} ms")
    print(f"  diff two generated {pages}-page plans:       {big_s:8.2f} s"
          f"  ({len(result.changes)} changes)")


if __name__ == "__main__":
    main()
