"""The command line, declared in one place: subcommands, options and their Danish help.

Each subcommand's ``run`` default names the module of ``planpdf.cli`` and the function that
carries it out; ``main`` imports that module only when the command runs.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .. import __version__
from ..content.controls import printable

PASSWORD_ENV = "PLANPDF_CERT_PASSWORD"

DESCRIPTION = """\
planpdf laver lokalråds og kredsråds planer (handlingsplaner, handleplaner og
samarbejdsplaner) om til officielle PDF'er på dansk.

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
  planpdf bundle archive/ -o kredsraad-2011.pdf  samler planerne til Kredsrådet
  planpdf new content/billund-2011.yaml --from content/billund-2010.yaml
  planpdf approve content/billund-2011.yaml --date 2011-02-15 --by "Jørn Lykkebak"

Samme indhold giver altid den samme PDF, byte for byte. Datoen i PDF'ens
metadata er 'dato' fra indholdet; uden den godkendelsesdatoen, så
SOURCE_DATE_EPOCH, hvis den er sat, ellers 1. januar i planens år.

planpdf gemmer de indlæste skrifttyper og den danske orddeling i brugerens
mellemlager-mappe (fx ~/.cache/planpdf), så næste kørsel starter hurtigere;
PDF'en bliver den samme. PLANPDF_CACHE=mappe vælger en anden mappe,
PLANPDF_CACHE=off slår det fra."""


# argparse's own sentences (Python 3.11 to 3.13), in Danish; the first match wins
_ARGPARSE = [
    (r"the following arguments are required: KOMMANDO", "angiv en kommando, fx planpdf check"),
    (r"the following arguments are required: (?P<a>.+)", "disse argumenter mangler: {a}"),
    (r"unrecognized arguments: (?P<a>.+)", "ukendte argumenter: {a}"),
    (r"argument KOMMANDO: invalid choice: (?P<v>.+?) \(choose from (?P<c>.+)\)",
     "ukendt kommando {v}; vælg mellem {c}"),
    (r"argument (?P<o>.+?): invalid choice: (?P<v>.+?) \(choose from (?P<c>.+)\)",
     "{o}: ugyldigt valg {v}; vælg mellem {c}"),
    (r"argument (?P<o>.+?): expected one argument", "{o} skal efterfølges af en værdi"),
    (r"argument (?P<o>.+?): expected at most one argument", "{o} tager højst én værdi"),
    (r"argument (?P<o>.+?): expected at least one argument", "{o} skal have mindst én værdi"),
    (r"argument (?P<o>.+?): expected (?P<n>\d+) arguments?", "{o} skal have {n} værdier"),
    (r"argument (?P<o>.+?): not allowed with argument (?P<p>.+)",
     "{o} kan ikke bruges sammen med {p}"),
    (r"argument (?P<o>.+?): ignored explicit argument (?P<v>.+)", "{o} tager ingen værdi (fik {v})"),
    (r"argument (?P<o>.+?): invalid \S+ value: (?P<v>.+)", "{o}: ugyldig værdi {v}"),
    (r"ambiguous option: (?P<o>.+?) could match (?P<c>.+)", "{o} er tvetydigt: det kan være {c}"),
    (r"one of the arguments (?P<a>.+?) is required", "et af argumenterne {a} skal angives"),
]


def danish_usage_error(message: str) -> str:
    r"""argparse's English error as Danish; the user's words in it made printable.

    >>> danish_usage_error("argument -o/--output: expected one argument")
    '-o/--output skal efterfølges af en værdi'
    >>> print(danish_usage_error("unrecognized arguments: \x1b[2J"))
    ukendte argumenter: \x1b[2J
    """
    for pattern, danish in _ARGPARSE:
        found = re.fullmatch(pattern, message, re.DOTALL)
        if found is not None:
            return printable(danish.format(**found.groupdict()))
    return "kommandolinjen kan ikke forstås"


class _Formatter(argparse.HelpFormatter):
    """Help with a Danish usage line ("brug: …")."""

    def add_usage(self, usage: str | None, actions: Iterable[argparse.Action],
                  groups: Iterable[argparse._MutuallyExclusiveGroup], prefix: str | None = None,
                  ) -> None:
        super().add_usage(usage, actions, groups, "brug: " if prefix is None else prefix)


class _RawFormatter(_Formatter, argparse.RawDescriptionHelpFormatter):
    """The same, keeping the description's and epilog's own line breaks."""


class _Parser(argparse.ArgumentParser):
    """argparse with Danish headings, help and errors, in planpdf's format."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["add_help"] = False  # our own -h with a Danish help text
        raw = kwargs.get("formatter_class") is argparse.RawDescriptionHelpFormatter
        kwargs["formatter_class"] = _RawFormatter if raw else _Formatter
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
        self.exit(2, f"planpdf: error: {danish_usage_error(message)}\n"
                     f"planpdf: hint: se {self.prog} --help\n")


def build_parser() -> argparse.ArgumentParser:
    """The whole command line; each subcommand's ``run`` names its module and function."""
    parser = _Parser(prog="planpdf", description=DESCRIPTION, epilog=EPILOG,
                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"planpdf {__version__}",
                        help="vis planpdfs version og stop")
    sub = parser.add_subparsers(dest="command", metavar="KOMMANDO", required=True,
                                title="kommandoer", parser_class=_Parser)

    build = sub.add_parser("build", help="byg PDF'en af en eller flere indholdsfiler",
                           description="Byg PDF'en af en indholdsfil. Findes PDF'en i forvejen, "
                           "erstattes den først, når den nye er færdig; fejler bygningen, "
                           "står den gamle urørt. Gives flere filer eller mapper, bygges alle "
                           "planer på maskinens kerner, med fremskridt; en plan med fejl "
                           "stopper ikke de andre.")
    build.add_argument("content", type=Path, nargs="+", metavar="INDHOLD.yaml|MAPPE",
                       help="indholdsfilen (eller flere, eller mapper med .yaml-filer)")
    where = build.add_mutually_exclusive_group()
    where.add_argument("-o", "--output", type=Path, metavar="FIL.pdf",
                       help="hvor PDF'en skrives, når der er én indholdsfil "
                       "(standard: output/<navn>.pdf)")
    where.add_argument("--mappe", type=Path, metavar="MAPPE",
                       help="hvor PDF'erne skrives (standard: output/)")
    build.add_argument("-q", "--quiet", action="store_true", help="skriv intet ved succes")
    build.set_defaults(run=("plans", "build"))

    check = sub.add_parser("check", help="tjek en indholdsfil uden at bygge (exit 0 eller 1)",
                           description="Tjek en indholdsfil: YAML, nøgler, typer, datoer og "
                           "tegn, som skrifttypen ikke kan vise. Alle fejl vises på én gang.")
    check.add_argument("content", type=Path, metavar="INDHOLD.yaml", help="indholdsfilen")
    check.add_argument("-q", "--quiet", action="store_true", help="skriv intet ved succes")
    check.set_defaults(run=("plans", "check"))

    _add_diff_command(sub)
    _add_edition_commands(sub)
    _add_bundle_command(sub)
    _add_content_commands(sub)
    return parser


def _add_edition_commands(sub: Any) -> None:
    """sign, verify and archive."""
    sign = sub.add_parser(
        "sign", help="underskriv en godkendt PDF digitalt (kræver planpdf[sign])",
        description="Underskriv en godkendt PDF med en digital PAdES-signatur fra en "
        "PKCS#12-fil (.p12/.pfx). Signaturen vises i godkendelsesfeltet. Adgangskoden "
        f"spørges der om, eller den læses fra miljøvariablen {PASSWORD_ENV}; den gives "
        "aldrig på kommandolinjen. Udkast underskrives ikke.")
    sign.add_argument("pdf", type=Path, metavar="FIL.pdf", help="den godkendte PDF")
    sign.add_argument("--cert", type=Path, required=True, metavar="CERT.p12",
                      help="certifikat og nøgle i en PKCS#12-fil")
    where = sign.add_mutually_exclusive_group()
    where.add_argument("-o", "--output", type=Path, metavar="UD.pdf",
                       help="hvor den underskrevne PDF skrives "
                       "(standard: <navn>-underskrevet.pdf ved siden af)")
    where.add_argument("--in-place", action="store_true",
                       help="erstat selve FIL.pdf med den underskrevne udgave")
    sign.add_argument("--anden-underskriver", action="store_true",
                      help="tillad et certifikat med et andet navn end godkenderens "
                      "(verify viser det)")
    sign.add_argument("-q", "--quiet", action="store_true", help="skriv intet ved succes")
    sign.set_defaults(run=("editions", "sign"))

    verify = sub.add_parser(
        "verify", help="kontrollér PDF'er, mapper eller et arkiv (exit 0, 1 eller 3)",
        description="Kontrollér en PDF: status, hvem der godkendte, at fingeraftrykket "
        "stemmer med den indlejrede kilde, at siderne er dem, kilden giver (bygget igen), og "
        "en eventuel digital signatur (den skal dække hele filen). Gives flere filer eller en "
        "mappe, kontrolleres hver PDF, med én linje pr. fil og en opsummering. En mappe med "
        "manifest.json er et arkiv: hver fil i arkivet kontrolleres mod manifestet.",
        epilog="exit-status: 0 i orden; 1 et problem er fundet (ændret, ugyldig signatur, "
        "ikke en planpdf-PDF ...); 3 intet problem fundet, men en kontrol kunne ikke udføres "
        "(fx siderne i en PDF fra en anden planpdf- eller ReportLab-version); 2 forkert "
        "kommandolinje.")
    verify.add_argument("paths", type=Path, nargs="+", metavar="FIL.pdf|MAPPE",
                        help="PDF'er, mapper (alle PDF'er i dem) eller et arkiv")
    verify.add_argument("--betroet", type=Path, action="append", default=[], metavar="CA.pem",
                        help="en udsteders certifikat, som signaturer må kæde til "
                        "(kan gentages)")
    verify.add_argument("-q", "--quiet", action="store_true", help="skriv kun problemer")
    verify.set_defaults(run=("editions", "verify"))

    extract = sub.add_parser(
        "extract", help="tag den indlejrede kilde (YAML) ud af en planpdf-PDF",
        description="Skriv indholdsfilen, som en planpdf-PDF bærer indlejret, så den kan "
        "sammenlignes eller genbruges. Kilden skrives kun, når den stemmer med PDF'ens "
        "fingeraftryk, og en eksisterende fil overskrives aldrig.")
    extract.add_argument("pdf", type=Path, metavar="FIL.pdf", help="en PDF lavet af planpdf")
    extract.add_argument("-o", "--output", type=Path, metavar="UD.yaml",
                         help="hvor kilden skrives (standard: <navn>.yaml ved siden af PDF'en)")
    extract.add_argument("-q", "--quiet", action="store_true", help="skriv intet ved succes")
    extract.set_defaults(run=("editions", "extract"))

    archive = sub.add_parser(
        "archive", help="læg en godkendt PDF i arkivet (overskriver aldrig)",
        description="Kopiér en godkendt PDF til ARKIV/<råd>/<år>/ under et navn med "
        "fingeraftrykket, skrivebeskyttet, og før den ind i ARKIV/manifest.json. En ny "
        "godkendt udgave af samme år bliver en ny revision; intet overskrives.")
    archive.add_argument("pdf", type=Path, metavar="FIL.pdf", help="den godkendte PDF")
    archive.add_argument("--archive", type=Path, default=Path("archive"), metavar="ARKIV",
                         help="arkivmappen (standard: archive/ i den aktuelle mappe)")
    archive.add_argument("-q", "--quiet", action="store_true", help="skriv intet ved succes")
    archive.set_defaults(run=("editions", "archive"))


def _paragraphs(*paragraphs: str) -> str:
    """Paragraphs wrapped for a help text that keeps its own line breaks."""
    import textwrap

    return "\n\n".join(textwrap.fill(paragraph, 78) for paragraph in paragraphs)


def _year(text: str) -> int:
    if not re.fullmatch(r"[0-9]{4}", text):
        raise ValueError(text)  # argparse: "--år: ugyldig værdi 'x'"
    return int(text)


def _add_bundle_command(sub: Any) -> None:
    """bundle."""
    bundle = sub.add_parser(
        "bundle", help="saml en politikreds' godkendte planer til én PDF til Kredsrådet",
        description=_paragraphs(
            "Saml lokalrådenes godkendte handlingsplaner for et år til én PDF til Kredsrådet: "
            "en forside, en indholdsfortegnelse, en oversigt på tværs af rådene (fokusområder "
            "og hvert råds status, medlemmer, projekter og datoer) og derefter hver plan som en "
            "del af samlingen. Hver plans kilde (YAML) følger med som vedhæftet fil.",
            "Planerne kan gives som PDF'er lavet af planpdf (de kontrolleres først som med "
            "planpdf verify), som et arkiv (den nyeste revision af hvert råds plan) eller som "
            "indholdsfiler (.yaml). Udkast, planer fra et andet år og planer fra en anden "
            "politikreds afvises, medmindre det bedes om. Er der problemer med blot én plan, "
            "vises alle problemer, og intet skrives."),
        epilog="eksempler:\n"
        "  planpdf bundle arkiv/ -o kredsraad-2011.pdf\n"
        "  planpdf bundle modtaget/*.pdf -o kredsraad-2011.pdf\n"
        "  planpdf bundle content/ --år 2011 --udkast -o udkast-2011.pdf\n\n"
        "Samlingens dato er den nyeste godkendelsesdato blandt planerne, aldrig dagens dato;\n"
        "de samme planer giver altid den samme PDF, byte for byte.\n\n"
        "exit-status: 0 samlingen er skrevet; 1 en plan kan ikke tages med (intet skrevet);\n"
        "2 forkert kommandolinje.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    bundle.add_argument("inputs", type=Path, nargs="+", metavar="FIL.pdf|INDHOLD.yaml|MAPPE",
                        help="planerne: PDF'er, indholdsfiler, mapper med dem eller et arkiv")
    bundle.add_argument("-o", "--output", type=Path, metavar="FIL.pdf",
                        help="hvor samlingen skrives (standard: output/kredsraad-<år>.pdf)")
    bundle.add_argument("--år", dest="year", type=_year, metavar="ÅÅÅÅ",
                        help="året, der samles (standard: det nyeste år blandt planerne)")
    bundle.add_argument("--udkast", action="store_true",
                        help="tag også planer med, der ikke er godkendt (de mærkes UDKAST)")
    bundle.add_argument("--alle-kredse", action="store_true",
                        help="tag planer fra flere politikredse med i samme samling")
    bundle.add_argument("-q", "--quiet", action="store_true", help="skriv intet ved succes")
    bundle.set_defaults(run=("bundle", "bundle"))


def _add_diff_command(sub: Any) -> None:
    """diff."""
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
    diff.set_defaults(run=("compare", "diff"))


def _add_content_commands(sub: Any) -> None:
    """approve and new."""
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
    approve.set_defaults(run=("plans", "approve"))

    new = sub.add_parser(
        "new", help="start næste års indhold fra et tidligere års",
        description="Skriv næste års indholdsfil: året +1, status udkast, godkendelsen "
        "fjernet, og hver dato markeret '# TJEK: dato fra <år>'. Alt andet, også "
        "kommentarer, bliver som i den gamle fil. En eksisterende fil overskrives aldrig.")
    new.add_argument("content", type=Path, metavar="NY.yaml", help="den nye indholdsfil")
    new.add_argument("--from", dest="source", type=Path, required=True, metavar="GAMMEL.yaml",
                     help="sidste års indholdsfil")
    new.add_argument("-q", "--quiet", action="store_true", help="skriv intet ved succes")
    new.set_defaults(run=("plans", "new"))
