"""The ``planpdf`` command: the only place that prints, reads the environment or the clock, or
chooses an exit status.

``main(argv, stdout, stderr)`` runs one command and returns its exit status; the console script
and ``python -m planpdf.cli`` call it with the process's own streams, the tests call it
in-process with their own. ``parser`` declares the command line; one module per command group
carries the commands out: ``plans`` (build, check, approve, new), ``compare`` (diff),
``editions`` (sign, verify, archive). While a command's module is imported, ``lazy`` has three
patterns that ReportLab and PyYAML compile at import compiled at first use instead (~24 ms).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import TextIO

from ..errors import ContentError, PlanpdfError
from .context import Context
from .lazy import lazy_patterns
from .parser import build_parser


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None,
         stderr: TextIO | None = None, environ: Mapping[str, str] | None = None,
         stdin: TextIO | None = None) -> int:
    """Run planpdf; return the exit status (0 ok, 1 problems found, 2 wrong usage)."""
    ctx = Context(stdout or sys.stdout, stderr or sys.stderr,
                  os.environ if environ is None else environ, stdin or sys.stdin)
    try:  # argparse prints help, version and usage errors to sys.stdout/stderr, then exits
        with contextlib.redirect_stdout(ctx.out), contextlib.redirect_stderr(ctx.err):
            args = build_parser().parse_args(argv)
    except SystemExit as stop:
        return stop.code if isinstance(stop.code, int) else 0
    ctx.debug = getattr(args, "debug", False)
    if not ctx.debug and args.command not in ("build", "check"):
        import logging  # off the build path; pyHanko and pypdf log what we report as one sentence

        for name in ("pyhanko", "pyhanko_certvalidator", "pypdf"):
            logging.getLogger(name).addHandler(logging.NullHandler())
            logging.getLogger(name).propagate = False
    group, name = args.run
    # the command's module is imported only now, so `build` loads neither diff nor editions;
    # three patterns its dependencies compile at import are compiled at first use (cli.lazy)
    with lazy_patterns():
        module = importlib.import_module(f"{__name__}.{group}")
    run: Callable[[argparse.Namespace, Context], int] = getattr(module, name)
    try:
        if name in _LAYS_OUT:
            _warm_start(ctx)
        return run(args, ctx)
    except ContentError as exc:
        if ctx.debug:
            raise
        ctx.diagnostics(exc.diagnostics)
        ctx.error(f"planpdf: {len(exc.diagnostics)} fejl fundet; intet blev skrevet")
        return 1
    except PlanpdfError as exc:
        if ctx.debug:
            raise
        ctx.diagnostics(exc.diagnostics)
        return 1
    except KeyboardInterrupt:
        ctx.error("planpdf: afbrudt; intet blev skrevet")
        return 130


# the commands that register the fonts (to lay out, or to check the text against them)
_LAYS_OUT = frozenset({"build", "check", "approve", "new", "sign", "verify", "archive", "bundle",
                       "diff"})


def _warm_start(ctx: Context) -> None:
    """The fonts and pyphen's Danish patterns from the start-up cache (``startcache``)."""
    folder = ctx.cache_folder()
    if folder is None:
        return
    from ..layout.fonts import default_fonts_dir
    from ..startcache import warm_start

    used = warm_start(folder, default_fonts_dir())
    if ctx.debug:
        state = "brugt" if used else "skrevet (eller kunne ikke skrives)"
        ctx.error(f"planpdf: mellemlageret i {folder} er {state}")


def run() -> None:  # pragma: no cover - the process's own end; tests call main()
    """The ``planpdf`` console script: ``main`` with the process's streams, then a quick exit.

    A command is short-lived, so the cyclic garbage collector is off, and once every output is
    written (files are fsynced and closed by ``files.write_atomic``) and the streams are flushed,
    the process ends without the interpreter's teardown (~35 ms of a build's cost, measured by
    benchmarks/bench_build.py).
    """
    import gc

    gc.disable()
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
