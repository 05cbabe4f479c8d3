"""Where a warm build's time goes, stage by stage, beside the plain ReportLab script (one run).

bench_build.py says how far planpdf is from its goals; this says where to look. Each stage is
timed through planpdf's public functions, in one process after a few builds to warm up (what a
batch worker does), as the median CPU time of N rounds, the stages and the plain script
interleaved so machine noise hits them alike:

- read: the file read and parsed (YAML with positions),
- check: validated, glyph-checked and loaded into the model,
- edition: fingerprint and canonical YAML (what the PDF carries about its edition),
- story: the plan laid out as ReportLab flowables (no layout yet),
- layout and save: ``render`` less the story (ReportLab's layout, tagging, PDF/A finishing,
  object streams),
- whole build: ``pipeline.build`` as the batch build's workers call it.

    python benchmarks/bench_stages.py [N]
"""

from __future__ import annotations

import io
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "tests" / "data" / "billund-2010-format1.yaml"  # what plain_reportlab.py reads
sys.path.insert(0, str(ROOT / "benchmarks"))


def _timed(work: Callable[[], Any]) -> tuple[float, Any]:
    start = time.process_time()
    result = work()
    return (time.process_time() - start) * 1000, result


def main(rounds: int) -> None:
    import plain_reportlab

    from planpdf.content.load import read_source
    from planpdf.layout.story import story
    from planpdf.layout.styles import make_styles
    from planpdf.pipeline import World, build, build_checked, check_source, edition_meta

    world = World.default()
    for _ in range(5):  # fonts, schema, Babel's locale and the hyphenation dictionary loaded
        build(SAMPLE, world)
        plain_reportlab.render(SAMPLE, io.BytesIO())
    times: dict[str, list[float]] = {}
    for _ in range(rounds):
        ms, source = _timed(lambda: read_source(SAMPLE))
        times.setdefault("read", []).append(ms)
        ms, checked = _timed(lambda: check_source(source, world))  # noqa: B023 - called at once
        times.setdefault("check", []).append(ms)
        ms, _ = _timed(lambda: edition_meta(checked.loaded, world))  # noqa: B023
        times.setdefault("edition", []).append(ms)
        ms, _ = _timed(lambda: story(checked.plan, make_styles(checked.fonts)))  # noqa: B023
        times.setdefault("story", []).append(ms)
        ms, _ = _timed(lambda: build_checked(checked, world))  # noqa: B023
        times.setdefault("render", []).append(ms)
        ms, _ = _timed(lambda: build(SAMPLE, world))
        times.setdefault("whole build", []).append(ms)
        ms, _ = _timed(lambda: plain_reportlab.render(SAMPLE, io.BytesIO()))
        times.setdefault("plain script", []).append(ms)
    median = {name: statistics.median(values) for name, values in times.items()}
    median["layout and save"] = median["render"] - median["edition"] - median["story"]
    plain = median["plain script"]
    print(f"median CPU ms per plan over {rounds} rounds (sample: {SAMPLE.name})")
    for name in ("read", "check", "edition", "story", "layout and save", "whole build",
                 "plain script"):
        print(f"  {name:16s} {median[name]:6.1f} ms  {median[name] / plain:5.2f} × plain script")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 40)
