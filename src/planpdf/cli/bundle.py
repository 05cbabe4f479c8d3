"""``bundle``: one PDF of a district's plans for the Kredsråd (``planpdf.bundle``)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..bundle.document import Bundle, render_bundle
from ..bundle.inputs import Wanted, collect
from ..edition.read import open_edition
from ..errors import PlanpdfError, about
from ..files import same_path, write_atomic
from ..layout.fonts import register
from ..pipeline import World
from .context import Context


def bundle(args: argparse.Namespace, ctx: Context) -> int:
    """Check every input, then write the bundle atomically; nothing when any input fails."""
    world = World.default(ctx.source_date())
    wanted = Wanted(year=args.year, drafts=args.udkast, all_districts=args.alle_kredse)
    if args.output is not None:
        _check_output(args.output, [p for p in args.inputs if not p.is_dir()])
    bar = _progress(ctx, args.quiet)
    try:
        parts = collect(args.inputs, wanted, world, bar.update if bar else None, args.output)
    except PlanpdfError as exc:
        if bar is not None:
            bar.close()
        files = len({d.where for d in exc.diagnostics})
        ctx.diagnostics(exc.diagnostics)
        ctx.error(f"planpdf: {len(exc.diagnostics)} problem(er) i {files} fil(er); "
                  "intet blev skrevet")
        return 1
    if bar is not None:
        bar.close()
    the_bundle = Bundle.of(parts)  # one district, unless --alle-kredse let in more
    output: Path = args.output or Path("output") / f"kredsraad-{the_bundle.year}.pdf"
    _check_output(output, [Path(p.name) for p in parts])
    result = render_bundle(the_bundle, register(world.fonts_dir))
    write_atomic(output, result.pdf)
    if not args.quiet:
        plans = "1 plan" if len(parts) == 1 else f"{len(parts)} planer"
        ctx.print(f"Skrev {output} ({plans}, {result.pages} sider, "
                  f"{len(result.pdf) // 1024} kB)")
    return 0


def _check_output(output: Path, inputs: list[Path]) -> None:
    """A .pdf that is no input, and no plan (a folder's plan is skipped as an input when it
    is the output, which is right only for an earlier bundle)."""
    if output.suffix.lower() != ".pdf":
        raise PlanpdfError(about(output, "samlingen skal skrives til en fil, der ender på .pdf"))
    if any(same_path(output, path) for path in inputs) or _is_plan(output):
        raise PlanpdfError(about(output, "samlingen ville overskrive en af planerne, der samles",
                                 "vælg et andet navn med -o"))


def _is_plan(path: Path) -> bool:
    """Whether ``path`` is a plan planpdf made (it carries a fingerprint; the PDF is parsed,
    bounded, since its information dictionary may sit in a compressed object stream)."""
    if not path.is_file():
        return False
    try:
        open_edition(path)
    except PlanpdfError:  # no PDF, damaged, or no fingerprint (an earlier bundle): not a plan
        return False
    return True


class _Bar:
    """tqdm's bar over the inputs, on a terminal only."""

    def __init__(self, bar: Any) -> None:
        self.bar = bar

    def update(self, _name: str) -> None:
        self.bar.update(1)

    def close(self) -> None:
        self.bar.close()


def _progress(ctx: Context, quiet: bool) -> _Bar | None:
    stream = ctx.progress_stream()
    if quiet or stream is None:
        return None
    from tqdm import tqdm  # only on a terminal

    return _Bar(tqdm(file=stream, unit="fil", desc="Kontrollerer", leave=False))
