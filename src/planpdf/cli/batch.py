"""``build`` of many plans at once: spread over the machine's cores, with progress.

Each worker process loads planpdf, its fonts and the schema once (``_warm``) and then builds
plan after plan with the same ``pipeline.build`` as a single build, so the bytes are the same.
The parent writes each PDF atomically, reports each plan's problems with its path, and goes on
with the others.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from datetime import date
from pathlib import Path
from typing import Any

import msgspec

from ..errors import Diagnostic, PlanpdfError, about
from ..files import write_atomic
from ..layout.fonts import register
from ..pipeline import World, build_checked
from ..pipeline import check as check_file
from ..workers import collect_cycles
from .context import Context


class Built(msgspec.Struct, frozen=True):
    """One plan's outcome: the PDF and its page count, or its problems."""

    pdf: bytes = b""
    pages: int = 0
    problems: tuple[Diagnostic, ...] = ()
    warnings: tuple[Diagnostic, ...] = ()


def _warm(source_date: date | None) -> None:
    """Load fonts and schema once per worker, not per plan.

    A worker lives for many plans, so it collects reference cycles (``workers``): each build
    leaves a few thousand objects in them (ReportLab's documents and flowables), and without
    the collector a worker grew by about 28 MB per 50 plans.
    """
    from ..content.validate import schema

    register(World.default(source_date).fonts_dir)
    schema()
    collect_cycles()


def _build_one(path: str, source_date: date | None) -> Built:
    world = World.default(source_date)
    try:
        checked = check_file(path, world)
        result = build_checked(checked, world)
    except PlanpdfError as exc:
        return Built(problems=exc.diagnostics)
    return Built(result.pdf, result.pages, warnings=checked.loaded.warnings)


def build_many(files: list[Path], folder: Path, quiet: bool, ctx: Context) -> int:
    """Build every plan into ``folder``; exit 1 if any failed, with a summary line."""
    targets = [folder / f"{f.stem}.pdf" for f in files]
    seen: dict[Path, Path] = {}
    for source, target in zip(files, targets, strict=True):
        if target in seen:
            raise PlanpdfError(about(source, f"både {seen[target]} og denne fil ville skrive "
                                             f"{target}", "giv filerne forskellige navne"))
        seen[target] = source
    source_date = ctx.source_date()
    workers = max(1, min(len(files), os.cpu_count() or 1))
    methods = multiprocessing.get_all_start_methods()
    mp: Any = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    failed = 0
    bar = _progress(len(files), ctx)
    with ProcessPoolExecutor(workers, mp_context=mp, initializer=_warm,
                             initargs=(source_date,)) as pool:
        futures: dict[Future[Built], int] = {
            pool.submit(_build_one, str(f), source_date): i for i, f in enumerate(files)}
        for future in as_completed(futures):
            i = futures[future]
            built = future.result()
            ctx.diagnostics(built.warnings)  # what the content probably did not mean
            if built.problems:
                failed += 1
                ctx.diagnostics(built.problems)
            else:
                write_atomic(targets[i], built.pdf)
                if not quiet and bar is None:
                    noun = "side" if built.pages == 1 else "sider"
                    ctx.print(f"Skrev {targets[i]} ({built.pages} {noun}, "
                              f"{len(built.pdf) // 1024} kB)")
            if bar is not None:
                bar.update(1)
    if bar is not None:
        bar.close()
    if failed or not quiet:  # -q: nothing on success, as for one plan
        ctx.error(f"planpdf: {len(files)} planer: {len(files) - failed} bygget i {folder}, "
                  f"{failed} med fejl")
    return 1 if failed else 0


def _progress(total: int, ctx: Context) -> Any:
    """A progress bar on a terminal (tqdm), None elsewhere (plain lines instead)."""
    stream = ctx.progress_stream()
    if stream is None:
        return None
    from tqdm import tqdm  # only on a terminal

    return tqdm(total=total, file=stream, unit="plan", desc="Bygger", leave=False)
