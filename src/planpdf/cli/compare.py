"""``diff``: what changed from one edition of a plan to another."""

from __future__ import annotations

import argparse
from datetime import date

from ..diff.output import as_json, terminal
from ..diff.report import render_report
from ..diff.run import diff as compare
from ..errors import Diagnostic, PlanpdfError, about
from ..files import same_path, write_atomic
from ..layout.fonts import register
from ..pipeline import World
from .context import Context


def diff(args: argparse.Namespace, ctx: Context) -> int:
    """Compare two inputs; print the changes, write a report PDF with ``-o``."""
    if args.output is not None and args.output.suffix.lower() != ".pdf":
        raise PlanpdfError(about(args.output, "output-filen skal ende på .pdf"))
    if args.output is not None and (same_path(args.output, args.a)
                                    or same_path(args.output, args.b)):
        raise PlanpdfError(about(args.output, "rapporten må ikke overskrive en af filerne"))
    world = World.default(ctx.source_date())
    result = compare(args.a, args.b, world.fonts_dir)
    ctx.diagnostics(Diagnostic(None, w, severity="warning") for w in result.warnings)
    if args.output is not None:
        pdf, pages = render_report(result, register(world.fonts_dir),
                                   world.source_date or date(result.b.year or 1970, 1, 1))
        write_atomic(args.output, pdf)
        noun = "side" if pages == 1 else "sider"
        (ctx.error if args.json else ctx.print)(f"Skrev {args.output} ({pages} {noun})")
    if args.json:
        ctx.out.write(as_json(result))
    else:
        colour = ctx.out.isatty() and not args.no_color and not ctx.env.get("NO_COLOR")
        ctx.out.write(terminal(result, colour))
    return 1 if args.exit_code and result.changed else 0
