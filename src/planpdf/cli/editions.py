"""``sign``, ``verify`` and ``archive``: the commands on edition PDFs."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..edition.archive import archive_pdf, archive_root, is_archive, verify_archive
from ..edition.read import open_edition
from ..edition.sign import load_signer, sign_pdf
from ..edition.verify import Report, verify_edition
from ..errors import PlanpdfError, SigningError, about, general
from ..files import read_bytes, write_atomic
from .context import Context
from .parser import PASSWORD_ENV

MARK = {"note": "[ok]  ", "error": "[FEJL]", "warning": "[OBS] "}


def _password(ctx: Context) -> bytes:
    value = ctx.env.get(PASSWORD_ENV)
    if value is not None:
        return value.encode()
    if not ctx.stdin.isatty():
        raise PlanpdfError(general(f"ingen adgangskode til certifikatet: sæt {PASSWORD_ENV}, "
                                   "eller kør kommandoen i en terminal"))
    import getpass  # only sign prompts; keep termios off the other commands

    return getpass.getpass("Adgangskode til certifikatet: ").encode()


def sign(args: argparse.Namespace, ctx: Context) -> int:
    """Sign an approved PDF with a PAdES signature in its sign-off box."""
    if args.in_place:
        output = args.pdf
    else:
        output = args.output or args.pdf.with_name(f"{args.pdf.stem}-underskrevet.pdf")
        if output.resolve() == args.pdf.resolve():
            raise SigningError(about(output, "output ville overskrive input; brug --in-place, "
                                             "hvis det er meningen"))
    if output.exists() and not output.stat().st_mode & 0o222:
        raise SigningError(about(output, "filen er skrivebeskyttet (fx en arkiveret kopi) og "
                                 "erstattes ikke; skriv den underskrevne udgave et andet sted "
                                 "med -o"))
    edition = open_edition(args.pdf)
    p12 = read_bytes(args.cert, error=SigningError)
    signer = load_signer(p12, _password(ctx), str(args.cert))
    signed = sign_pdf(edition, signer, ctx.now())
    write_atomic(output, signed.pdf)
    if signed.note:
        ctx.error(f"{output}: bemærk: {signed.note}")
    if not args.quiet:
        ctx.print(f"Skrev {output}: digitalt underskrevet af {signed.signer_name}")
    return 0


def _print_report(report: Report, quiet: bool, ctx: Context) -> int:
    problems = report.problems
    if not quiet:
        ctx.print(f"{report.subject}:")
        for finding in report.findings:
            ctx.print(f"  {MARK[finding.severity]} {finding.message}")
    for problem in problems:
        ctx.error(f"{report.subject}: error: {problem}")
    if problems:
        ctx.error(f"planpdf: {len(problems)} problem(er) i {report.subject}")
        return 1
    if not quiet:
        ctx.print(f"{report.subject}: i orden")
    return 0


def verify(args: argparse.Namespace, ctx: Context) -> int:
    """Verify one PDF, or every file of an archive."""
    if is_archive(args.path) or (not args.path.exists() and not args.path.suffix):
        return _verify_archive(archive_root(args.path), args.quiet, ctx)
    roots = [read_bytes(cert) for cert in args.betroet]
    report = verify_edition(open_edition(args.path), roots)
    return _print_report(report, args.quiet, ctx)


def _verify_archive(root: Path, quiet: bool, ctx: Context) -> int:
    entries, findings = verify_archive(root, waiting=lambda note: ctx.diagnostics([note]))
    ctx.diagnostics(findings)
    problems = [f for f in findings if f.severity == "error"]
    if problems:
        files = len({p.where for p in problems})
        ctx.error(f"planpdf: {len(problems)} problem(er) i {files} fil(er) i arkivet {root}")
        return 1
    if not quiet:
        ctx.print(f"{root}: i orden ({len(entries)} filer i manifestet; alle uændrede og "
                  "verificeret mod deres indlejrede kilde)")
    return 0


def archive(args: argparse.Namespace, ctx: Context) -> int:
    """Copy an approved PDF into the archive, never overwriting."""
    result = archive_pdf(args.pdf, args.archive, waiting=lambda note: ctx.diagnostics([note]))
    ctx.diagnostics(result.recovered)
    if not args.quiet:
        if result.already:
            ctx.print(f"{args.pdf} ligger allerede i arkivet som {result.path}; intet ændret")
        else:
            rev = f", revision {result.entry.revision}" if result.entry.revision > 1 else ""
            if result.copy_of is not None:
                kind = "underskrevet kopi" if result.entry.signed else "kopi"
                rev += f" ({kind} af revision {result.copy_of})"
            ctx.print(f"Arkiverede {args.pdf} som {result.path}{rev} (skrivebeskyttet)")
    return 0
