"""The ``planpdf`` command: the only module that prints or chooses an exit status."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

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
  planpdf new content/billund-2011.yaml --from content/billund-2010.yaml
  planpdf approve content/billund-2011.yaml --date 2011-02-15 --by "Jørn Lykkebak"

Samme indhold giver altid den samme PDF, byte for byte. Datoen i PDF'ens
metadata er 'dato' fra indholdet; uden den godkendelsesdatoen, så
SOURCE_DATE_EPOCH, hvis den er sat, ellers 1. januar i planens år."""


class _Parser(argparse.ArgumentParser):
    """argparse with Danish headings and help, and errors in planpdf's format."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["add_help"] = False  # our own -h with a Danish help text
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumenter"
        self._optionals.title = "valg"
        self.add_argument("-h", "--help", action="help", help="vis denne hjælp og stop")
        # --debug is accepted before and after the command; SUPPRESS keeps a later default
        # from overwriting an earlier --debug
        self.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                          help="vis hele Python-sporet ved fejl (til fejlfinding)")

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"planpdf: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="planpdf", description=DESCRIPTION, epilog=EPILOG,
                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"planpdf {__version__}",
                        help="vis planpdfs version og stop")
    sub = parser.add_subparsers(dest="command", metavar="KOMMANDO", required=True,
                                title="kommandoer", parser_class=_Parser)

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

    diff = sub.add_parser(
        "diff", help="vis hvad der er ændret fra én udgave af planen til en anden",
        description="Sammenlign to udgaver af en handlingsplan: YAML-filer eller PDF'er.\n"
        "En PDF bygget af planpdf sammenlignes på indholdet (den indlejrede kilde);\n"
        "en anden PDF sammenlignes som kun tekst, afsnit for afsnit og ord for ord.",
        epilog="eksempler:\n"
        "  planpdf diff content/billund-2010.yaml content/billund-2011.yaml\n"
        "  planpdf diff arkiv/billund-2010.pdf output/billund-2011.pdf --json\n"
        "  planpdf diff A B -o output/aendringer-2010-2011.pdf\n\n"
        "exit-status: 0 når sammenligningen lykkedes (med --exit-code kun, når der\n"
        "ingen ændringer er); 1 ved ændringer med --exit-code, eller når en fil ikke\n"
        "kan læses.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    diff.add_argument("a", type=Path, metavar="A", help="den gamle udgave (.yaml eller .pdf)")
    diff.add_argument("b", type=Path, metavar="B", help="den nye udgave (.yaml eller .pdf)")
    diff.add_argument("--json", action="store_true",
                      help="skriv ændringerne som JSON (til andre programmer)")
    diff.add_argument("-o", "--output", type=Path, metavar="FIL.pdf",
                      help="skriv også en ændringsrapport som PDF")
    diff.add_argument("--exit-code", action="store_true",
                      help="afslut med status 1, hvis der er ændringer (til scripts)")
    diff.add_argument("--no-color", action="store_true",
                      help="ingen farver (farver bruges kun i en terminal; NO_COLOR virker også)")
    diff.set_defaults(run=_cmd_diff)
    _add_edition_commands(sub)
    approve = sub.add_parser(
        "approve", help="skriv i indholdsfilen, at planen er godkendt",
        description="Skriv godkendelsen ind i indholdsfilen: 'status: godkendt' og "
        "'godkendelse:' (dato, af, rolle, møde). Kun de linjer ændres; kommentarer og "
        "rækkefølge bliver stående. En plan med fejl godkendes ikke.",
        epilog="Rollen: uden --role bruges rollen fra 'medlemmer', hvis personen er formand "
        "eller næstformand. Et navn, der ikke står blandt medlemmerne, kræver --role.")
    approve.add_argument("content", type=Path, metavar="INDHOLD.yaml", help="indholdsfilen")
    approve.add_argument("--date", required=True, metavar="ÅÅÅÅ-MM-DD",
                         help="datoen for godkendelsen, fx 2011-02-15")
    approve.add_argument("--by", required=True, metavar="NAVN", help="hvem der godkendte")
    approve.add_argument("--role", metavar="ROLLE", help="underskriverens rolle, fx formand")
    approve.add_argument("--meeting", metavar="TEKST", help="mødet, fx 'rådsmøde 15. februar 2011'")
    approve.add_argument("--replace", action="store_true",
                         help="erstat en godkendelse, der allerede står i filen")
    approve.add_argument("-q", "--quiet", action="store_true", help="skriv intet ved succes")
    approve.set_defaults(run=_cmd_approve)

    new = sub.add_parser(
        "new", help="start næste års indhold fra et tidligere års",
        description="Skriv næste års indholdsfil: året +1, status udkast, godkendelsen "
        "fjernet, og hver dato markeret '# TJEK: dato fra <år>'. Alt andet, også "
        "kommentarer, bliver som i den gamle fil. En eksisterende fil overskrives aldrig.")
    new.add_argument("content", type=Path, metavar="NY.yaml", help="den nye indholdsfil")
    new.add_argument("--from", dest="source", type=Path, required=True, metavar="GAMMEL.yaml",
                     help="sidste års indholdsfil")
    new.add_argument("-q", "--quiet", action="store_true", help="skriv intet ved succes")
    new.set_defaults(run=_cmd_new)
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
    from .files import write_atomic

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


def _cmd_diff(args: argparse.Namespace) -> int:
    from .build import World
    from .diff.output import as_json, terminal
    from .diff.run import diff

    if args.output is not None and args.output.suffix.lower() != ".pdf":
        raise PlanpdfError(f"{args.output}: error: output-filen skal ende på .pdf")
    if args.output is not None and args.output.resolve() in (args.a.resolve(), args.b.resolve()):
        raise PlanpdfError(f"{args.output}: error: rapporten må ikke overskrive en af filerne")
    world = World.default(_source_date())
    result = diff(args.a, args.b, world.fonts_dir)
    for warning in result.warnings:
        print(f"planpdf: warning: {warning}", file=sys.stderr)
    if args.output is not None:
        from .diff.report import render_report
        from .files import write_atomic
        from .fonts import register

        pdf, pages = render_report(result, register(world.fonts_dir),
                                   world.source_date or date(result.b.year or 1970, 1, 1))
        write_atomic(args.output, pdf)
        noun = "side" if pages == 1 else "sider"
        print(f"Skrev {args.output} ({pages} {noun})", file=sys.stderr if args.json else sys.stdout)
    if args.json:
        sys.stdout.write(as_json(result))
    else:
        colour = (sys.stdout.isatty() and not args.no_color
                  and not os.environ.get("NO_COLOR"))
        sys.stdout.write(terminal(result, colour))
    return 1 if args.exit_code and result.changed else 0


def _parse_date(text: str, option: str) -> date:
    try:
        if len(text) != 10:
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise PlanpdfError(f"planpdf: error: {option} {text!r} er ikke en gyldig dato; skriv "
                           "år-måned-dag, fx 2011-02-15") from None


def _write_text(path: Path, text: str, original: bytes | None) -> None:
    from .files import write_atomic

    bom = b"\xef\xbb\xbf" if original and original.startswith(b"\xef\xbb\xbf") else b""
    write_atomic(path, bom + text.encode("utf-8"))


def _cmd_approve(args: argparse.Namespace) -> int:
    from .build import World, check
    from .editions import approve

    when = _parse_date(args.date, "--date")
    plan, source, _fonts = check(args.content, World.default())
    edit = approve(plan, source, when, args.by, args.role, args.meeting, replace=args.replace)
    _write_text(args.content, edit.text, args.content.read_bytes())
    if not args.quiet:
        for note in edit.notes:
            print(f"{args.content}: bemærk: {note}")
        print(f"Godkendelsen er skrevet i {args.content}; byg nu PDF'en med "
              f"planpdf build {args.content}")
    return 0


def _cmd_new(args: argparse.Namespace) -> int:
    from .build import World, check
    from .editions import new_edition

    if args.content.suffix.lower() not in (".yaml", ".yml"):
        raise PlanpdfError(f"{args.content}: error: den nye indholdsfil skal ende på .yaml")
    if args.content.exists():
        raise PlanpdfError(f"{args.content}: error: filen findes allerede; planpdf new "
                           "overskriver aldrig en fil (vælg et andet navn, eller slet den først)")
    if args.content.resolve() == args.source.resolve():
        raise PlanpdfError(f"{args.content}: error: den nye fil må ikke være den gamle")
    plan, source, _fonts = check(args.source, World.default())
    edit = new_edition(plan, source, str(args.content))
    if args.content.exists():  # appeared meanwhile: still never overwrite
        raise PlanpdfError(f"{args.content}: error: filen findes allerede")
    _write_text(args.content, edit.text, args.source.read_bytes())
    if not args.quiet:
        print(f"Skrev {args.content} (udkast for {plan.year + 1}, fra {args.source})")
        for note in edit.notes:
            print(f"{args.content}: bemærk: {note}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run planpdf; return the exit status (0 ok, 1 problems found, 2 wrong usage)."""
    args = _parser().parse_args(argv)
    args.debug = getattr(args, "debug", False)
    if not args.debug and args.command not in ("build", "check"):
        import logging  # off the build path; pyHanko and pypdf log what we report as one sentence

        for name in ("pyhanko", "pyhanko_certvalidator", "pypdf"):
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
