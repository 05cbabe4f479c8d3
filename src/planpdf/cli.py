"""The ``planpdf`` command: the only module that prints or chooses an exit status."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path

from . import __version__
from .cli_editions import add_edition_commands as _add_edition_commands
from .errors import ContentError, PlanpdfError

DESCRIPTION = """\
planpdf laver et lokalråds handlingsplan om til en officiel PDF på dansk.

Indholdet skrives i en YAML-fil (se content/billund-2010.yaml). Fejl i indholdet
vises som fil:linje:kolonne: error: ..., og der skrives da ingen PDF."""

EPILOG = """\
eksempler:
  planpdf check content/billund-2010.yaml     tjek indholdet, skriv intet
  planpdf build content/billund-2010.yaml     skriver output/billund-2010.pdf
  planpdf build content/billund-2010.yaml -o udkast.pdf
  planpdf sign output/billund-2011.pdf --cert formand.p12
  planpdf archive output/billund-2011.pdf     kopierer til archive/ (skrivebeskyttet)
  planpdf verify archive/                     tjekker hele arkivet

Samme indhold giver altid den samme PDF, byte for byte. Datoen i PDF'ens
metadata er 'dato' fra indholdet; uden den SOURCE_DATE_EPOCH, hvis den er sat,
ellers 1. januar i planens år."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"planpdf: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="planpdf", description=DESCRIPTION, epilog=EPILOG,
                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"planpdf {__version__}")
    parser.add_argument("--debug", action="store_true",
                        help="vis hele Python-sporet ved fejl (til fejlfinding)")
    sub = parser.add_subparsers(dest="command", metavar="KOMMANDO", required=True)

    build = sub.add_parser("build", help="byg PDF'en af en indholdsfil",
                           description="Byg PDF'en af en indholdsfil. Findes PDF'en i forvejen, "
                           "erstattes den først, når den nye er færdig; fejler bygningen, "
                           "står den gamle urørt.")
    build.add_argument("content", type=Path, metavar="INDHOLD.yaml", help="indholdsfilen")
    build.add_argument("-o", "--output", type=Path, metavar="FIL.pdf",
                       help="hvor PDF'en skrives (standard: output/<navn>.pdf)")
    build.add_argument("-q", "--quiet", action="store_true", help="skriv intet ved succes")
    build.set_defaults(run=_cmd_build)

    check = sub.add_parser("check", help="tjek en indholdsfil uden at bygge (exit 0 eller 1)",
                           description="Tjek en indholdsfil: YAML, nøgler, typer, datoer og "
                           "tegn, som skrifttypen ikke kan vise. Alle fejl vises på én gang.")
    check.add_argument("content", type=Path, metavar="INDHOLD.yaml", help="indholdsfilen")
    check.add_argument("-q", "--quiet", action="store_true", help="skriv intet ved succes")
    check.set_defaults(run=_cmd_check)
    _add_edition_commands(sub)
    return parser


def _source_date() -> date | None:
    """SOURCE_DATE_EPOCH as a date, the reproducible-builds convention; read only here."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return None
    try:
        return datetime.fromtimestamp(int(raw), UTC).date()
    except (ValueError, OverflowError, OSError):
        raise PlanpdfError(f"planpdf: error: SOURCE_DATE_EPOCH={raw!r} er ikke et antal sekunder "
                           "siden 1970") from None


def _default_output(content: Path) -> Path:
    return Path("output") / f"{content.stem}.pdf"


def _cmd_build(args: argparse.Namespace) -> int:
    from .build import World, build
    from .render import write_atomic

    output = args.output or _default_output(args.content)
    if output.suffix.lower() != ".pdf":
        raise PlanpdfError(f"{output}: error: output-filen skal ende på .pdf")
    if output.resolve() == args.content.resolve():
        raise PlanpdfError(f"{output}: error: output må ikke overskrive indholdsfilen")
    result = build(args.content, World.default(_source_date()))
    write_atomic(output, result.pdf)
    if not args.quiet:
        pages = "side" if result.pages == 1 else "sider"
        print(f"Skrev {output} ({result.pages} {pages}, {len(result.pdf) // 1024} kB)")
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from .build import World, check

    plan, _source, _fonts = check(args.content, World.default())
    if not args.quiet:
        areas = sum(len(g.areas) for g in plan.focus.groups) if plan.focus else 0
        print(f"{args.content}: ingen fejl ({len(plan.members)} medlemmer, {areas} fokusområder)")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run planpdf; return the exit status (0 ok, 1 problems found, 2 wrong usage)."""
    args = _parser().parse_args(argv)
    if not args.debug:  # pyHanko logs each failed check with a traceback; we report them
        for name in ("pyhanko", "pyhanko_certvalidator"):
            logging.getLogger(name).addHandler(logging.NullHandler())
            logging.getLogger(name).propagate = False
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except ContentError as exc:
        if args.debug:
            raise
        for diagnostic in exc.diagnostics:
            print(diagnostic, file=sys.stderr)
        count = len(exc.diagnostics)
        print(f"planpdf: {count} fejl fundet; intet blev skrevet",
              file=sys.stderr)
        return 1
    except PlanpdfError as exc:
        if args.debug:
            raise
        print(exc, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("planpdf: afbrudt; intet blev skrevet", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
