"""The ``sign``, ``verify`` and ``archive`` commands (part of the CLI: prints, picks exit codes).

Kept apart from cli.py so the build commands' module stays small; cli.py registers these.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from . import __version__
from .errors import PlanpdfError

PASSWORD_ENV = "PLANPDF_CERT_PASSWORD"
MARK = {True: "[ok]  ", False: "[FEJL]", None: "[OBS] "}


def add_edition_commands(sub: Any) -> None:
    """Register sign, verify and archive on the CLI's subparsers."""
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
    sign.add_argument("-q", "--quiet", action="store_true", help="skriv intet ved succes")
    sign.set_defaults(run=_cmd_sign)

    verify = sub.add_parser(
        "verify", help="kontrollér en PDF eller et arkiv (exit 0 eller 1)",
        description="Kontrollér en PDF: status, hvem der godkendte, at fingeraftrykket "
        "stemmer med den indlejrede kilde, at siderne er dem, kilden giver (bygget igen), og "
        "en eventuel digital signatur (den skal dække "
        "hele filen). Gives en arkivmappe eller dens manifest.json, kontrolleres hver fil i "
        "arkivet.")
    verify.add_argument("path", type=Path, metavar="FIL.pdf|ARKIV",
                        help="en PDF, en arkivmappe eller et manifest.json")
    verify.add_argument("--betroet", type=Path, action="append", default=[], metavar="CA.pem",
                        help="en udsteders certifikat, som signaturer må kæde til "
                        "(kan gentages)")
    verify.add_argument("-q", "--quiet", action="store_true", help="skriv kun problemer")
    verify.set_defaults(run=_cmd_verify)

    archive = sub.add_parser(
        "archive", help="læg en godkendt PDF i arkivet (overskriver aldrig)",
        description="Kopiér en godkendt PDF til ARKIV/<råd>/<år>/ under et navn med "
        "fingeraftrykket, skrivebeskyttet, og før den ind i ARKIV/manifest.json. En ny "
        "godkendt udgave af samme år bliver en ny revision; intet overskrives.")
    archive.add_argument("pdf", type=Path, metavar="FIL.pdf", help="den godkendte PDF")
    archive.add_argument("--archive", type=Path, default=Path("archive"), metavar="ARKIV",
                         help="arkivmappen (standard: archive/ i den aktuelle mappe)")
    archive.add_argument("-q", "--quiet", action="store_true", help="skriv intet ved succes")
    archive.set_defaults(run=_cmd_archive)


def _password() -> bytes:
    value = os.environ.get(PASSWORD_ENV)
    if value is not None:
        return value.encode()
    if not sys.stdin.isatty():
        raise PlanpdfError(f"planpdf: error: ingen adgangskode til certifikatet: sæt "
                           f"{PASSWORD_ENV}, eller kør kommandoen i en terminal")
    import getpass  # only sign prompts; keep termios off the build path

    return getpass.getpass("Adgangskode til certifikatet: ").encode()


def _cmd_sign(args: argparse.Namespace) -> int:
    from .editions_io import read_bytes
    from .errors import SigningError
    from .files import write_atomic
    from .signing import load_signer, sign_pdf

    if args.in_place:
        output = args.pdf
    else:
        output = args.output or args.pdf.with_name(f"{args.pdf.stem}-underskrevet.pdf")
        if output.resolve() == args.pdf.resolve():
            raise SigningError(f"{output}: error: output ville overskrive input; brug "
                               "--in-place, hvis det er meningen")
    if output.exists() and not output.stat().st_mode & 0o222:
        raise SigningError(f"{output}: error: filen er skrivebeskyttet (fx en arkiveret kopi) og "
                           "erstattes ikke; skriv den underskrevne udgave et andet sted med -o")
    data = read_bytes(args.pdf)
    try:
        p12 = args.cert.read_bytes()
    except OSError as exc:
        raise SigningError(f"{args.cert}: error: certifikatfilen kan ikke læses: "
                           f"{exc.strerror}") from None
    signer = load_signer(p12, _password(), str(args.cert))
    signed = sign_pdf(data, str(args.pdf), signer, datetime.now().astimezone())
    write_atomic(output, signed.pdf)
    if signed.note:
        print(f"{output}: bemærk: {signed.note}", file=sys.stderr)
    if not args.quiet:
        print(f"Skrev {output}: digitalt underskrevet af {signed.signer_name}")
    return 0


def _print_report(report: Any, quiet: bool) -> int:
    problems = report.problems
    if not quiet:
        print(f"{report.subject}:")
        for finding in report.findings:
            print(f"  {MARK[finding.ok]} {finding.text}")
    for problem in problems:
        print(f"{report.subject}: error: {problem}", file=sys.stderr)
    if problems:
        print(f"planpdf: {len(problems)} problem(er) i {report.subject}", file=sys.stderr)
        return 1
    if not quiet:
        print(f"{report.subject}: i orden")
    return 0


def _cmd_verify(args: argparse.Namespace) -> int:
    from .archive import archive_root, is_archive

    if is_archive(args.path) or (not args.path.exists() and not args.path.suffix):
        return _verify_archive(archive_root(args.path), args.quiet)
    from .editions_io import read_bytes
    from .verify import verify_pdf

    roots = []
    for cert in args.betroet:
        try:
            roots.append(cert.read_bytes())
        except OSError as exc:
            raise PlanpdfError(f"{cert}: error: certifikatet kan ikke læses: "
                               f"{exc.strerror}") from None
    report = verify_pdf(str(args.path), read_bytes(args.path), roots)
    return _print_report(report, args.quiet)


def _verify_archive(root: Path, quiet: bool) -> int:
    from .archive import verify_archive

    entries, problems = verify_archive(root)
    for problem in problems:
        print(f"{problem.file}: error: {problem.message}", file=sys.stderr)
    if problems:
        files = len({p.file for p in problems})
        print(f"planpdf: {len(problems)} problem(er) i {files} fil(er) i arkivet {root}",
              file=sys.stderr)
        return 1
    if not quiet:
        print(f"{root}: i orden ({len(entries)} filer i manifestet; alle uændrede og "
              "verificeret mod deres indlejrede kilde)")
    return 0


def _cmd_archive(args: argparse.Namespace) -> int:
    from .archive import archive_pdf

    result = archive_pdf(args.pdf, args.archive, __version__)
    if not args.quiet:
        if result.already:
            print(f"{args.pdf} ligger allerede i arkivet som {result.path}; intet ændret")
        else:
            rev = f", revision {result.entry.revision}" if result.entry.revision > 1 else ""
            if result.copy_of is not None:
                kind = "underskrevet kopi" if result.entry.signed else "kopi"
                rev += f" ({kind} af revision {result.copy_of})"
            print(f"Arkiverede {args.pdf} som {result.path}{rev} (skrivebeskyttet)")
    return 0
