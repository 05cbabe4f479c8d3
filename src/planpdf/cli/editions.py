"""``sign``, ``verify`` and ``archive``: the commands on edition PDFs."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import NamedTuple

from ..edition.archive import archive_pdf
from ..edition.archive_check import archive_root, is_archive, verify_archive
from ..edition.bounded import bounded
from ..edition.manifest import MANIFEST
from ..edition.read import Edition, check_source, open_edition
from ..edition.sign import load_signer, sign_pdf
from ..edition.verify import (
    MAX_CERT_BYTES,
    Report,
    cert_too_large,
    read_trust_roots,
    verify_edition,
)
from ..errors import PlanpdfError, SigningError, about, general
from ..files import read_bytes, same_path, write_atomic
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
        if same_path(output, args.pdf):
            raise SigningError(about(output, "den underskrevne udgave ville erstatte den "
                                             "oprindelige PDF; brug --in-place, hvis det er meningen"))
    if output.exists() and not output.stat().st_mode & 0o222:
        raise SigningError(about(output, "filen er skrivebeskyttet (fx en arkiveret kopi) og "
                                 "erstattes ikke; skriv den underskrevne udgave et andet sted "
                                 "med -o"))
    p12 = read_bytes(args.cert, MAX_CERT_BYTES, SigningError,
                     SigningError(cert_too_large(args.cert)))
    edition = open_edition(args.pdf)
    signer = load_signer(p12, _password(ctx), str(args.cert))
    signed = sign_pdf(edition, signer, ctx.now(), other_signer=args.anden_underskriver)
    write_atomic(output, signed.pdf)
    if signed.note:
        ctx.error(f"{output}: bemærk: {signed.note}")
    if not args.quiet:
        ctx.print(f"Skrev {output}: digitalt underskrevet af {signed.signer_name}")
    return 0


UNCHECKED = 3  # exit status: nothing found wrong, but a check could not be carried out


def _print_report(report: Report, quiet: bool, ctx: Context) -> int:
    if not quiet:
        ctx.print(f"{report.subject}:")
        for finding in report.findings:
            ctx.print(f"  {MARK[finding.severity]} {finding.message}")
    ctx.diagnostics(about(report.subject, problem) for problem in report.errors)
    if report.errors:
        ctx.error(f"planpdf: {len(report.errors)} problem(er) i {report.subject}")
        return 1
    if report.unchecked:
        ctx.diagnostics(about(report.subject, f"ikke kontrolleret: {text}", severity="warning")
                        for text in report.unchecked)
        ctx.error(f"planpdf: {report.subject} kunne ikke kontrolleres fuldt ud, og er derfor "
                  "ikke erklæret i orden")
        return UNCHECKED
    if not quiet:
        ctx.print(f"{report.subject}: i orden ({report.verdict})")
    return 0


def verify(args: argparse.Namespace, ctx: Context) -> int:
    """Verify PDFs, folders of PDFs, or archives; one report, or a line per file."""
    roots = read_trust_roots(args.betroet)
    if len(args.paths) == 1:
        path = args.paths[0]
        if is_archive(path):
            return _verify_archive(archive_root(path), roots, args.quiet, ctx)
        if not path.is_dir():
            return _print_report(_verify_one(path, roots), args.quiet, ctx)
    return _verify_many(args.paths, roots, args.quiet, ctx)


def _verify_one(path: Path, roots: list[bytes]) -> Report:
    """An edition's report, or what can be checked of a bundle of plans (``planpdf bundle``)."""
    edition = open_edition(path, bundle_ok=True)
    if edition.bundle is not None:
        from ..bundle.verify import verify_bundle  # ~18 ms of imports one plan's verify skips

        return verify_bundle(edition)
    return verify_edition(edition, roots)


class _Found(NamedTuple):
    """What one path on the command line names."""

    archives: list[Path]
    pdfs: list[Path]
    links: list[Path]  # links in a folder (to a folder or a PDF), which are not followed


def _contents(path: Path) -> _Found:
    """The archives and the PDFs a path names: an archive, the file itself, or what a folder
    holds. An archive inside a folder is one archive (checked with its manifest), not PDFs. In
    a folder, links are not followed (as in an archive); a path named is taken as named."""
    if is_archive(path):
        return _Found([archive_root(path)], [], [])
    if not path.is_dir():
        return _Found([], [path], [])
    archives: list[Path] = []
    pdfs: list[Path] = []
    links: list[Path] = []
    for folder, dirs, files in os.walk(path):
        here = Path(folder)
        for name in sorted(dirs):
            if (here / name).is_symlink():
                links.append(here / name)  # os.walk does not enter it either
            elif (here / name / MANIFEST).is_file():
                archives.append(here / name)
                dirs.remove(name)  # its files are the archive's
        for name in files:
            if Path(name).suffix.lower() != ".pdf" or name.startswith("."):
                continue
            (links if (here / name).is_symlink() else pdfs).append(here / name)
    return _Found(sorted(archives), sorted(p for p in pdfs if p.is_file()), sorted(links))


Counts = dict[str, int]


def _verify_many(paths: list[Path], roots: list[bytes], quiet: bool, ctx: Context) -> int:
    """One line per file and a summary; exit 1 if any has a problem, 3 if any is unchecked.

    An archive among the paths is checked as ``verify ARKIV`` checks it (manifest, SHA-256,
    files not in the manifest), its files counted in the one summary."""
    counts = {"ok": 0, "udkast": 0, "fejl": 0, "ukontrolleret": 0}
    files = 0
    named = [_contents(path) for path in paths]
    archived = [_real(root) for found in named for root in found.archives]
    seen: set[Path] = set()  # an archive or a file named twice (a folder and a file in it)
    for found in named:
        ctx.diagnostics(about(link, "et symbolsk link i mappen; planpdf følger ikke links i en "
                                    "mappe", "angiv det, linket peger på, hvis det skal "
                                    "kontrolleres", severity="warning") for link in found.links)
        for root in _unseen(found.archives, seen):
            files += _archive_counts(root, roots, counts, quiet, ctx)
        pdfs = [pdf for pdf in _unseen(found.pdfs, seen)  # an archived file: with its archive
                if not any(_real(pdf).is_relative_to(root) for root in archived)]
        files += len(pdfs)
        _pdf_counts(pdfs, roots, counts, quiet, ctx)
    ctx.error(f"planpdf: {files} fil(er): {counts['ok']} godkendt og i orden, "
              f"{counts['udkast']} udkast i orden, {counts['fejl']} med problemer, "
              f"{counts['ukontrolleret']} ikke fuldt kontrolleret")
    if counts["fejl"]:
        return 1
    return UNCHECKED if counts["ukontrolleret"] else 0


def _real(path: Path) -> Path:
    """Where ``path`` leads (``realpath``: a link loop is no error here, as in resolve)."""
    return Path(os.path.realpath(path))


def _unseen(paths: list[Path], seen: set[Path]) -> list[Path]:
    """The paths not seen before (by where they lead), each now seen."""
    fresh = []
    for path in paths:
        where = _real(path)
        if where not in seen:
            seen.add(where)
            fresh.append(path)
    return fresh


def _archive_counts(root: Path, roots: list[bytes], counts: Counts, quiet: bool,
                    ctx: Context) -> int:
    """Check an archive among many paths: its findings, and its files added to ``counts``
    (each file with an error, or an unusable manifest, as one with problems); the number of
    files counted."""
    try:
        entries, findings = verify_archive(root, trust_roots=roots,
                                           waiting=lambda note: ctx.diagnostics([note]))
    except PlanpdfError as exc:  # no manifest, or one that cannot be read
        ctx.diagnostics(exc.diagnostics)
        counts["fejl"] += 1
        return 1
    ctx.diagnostics(findings)
    bad = {f.where for f in findings if f.severity == "error"}
    listed = {str(root / entry.file) for entry in entries}
    counts["fejl"] += len(bad)
    counts["ok"] += len(listed - bad)  # an archive holds approved editions only
    if not bad and not quiet:
        ctx.print(_archive_ok(root, len(entries)))
    return len(listed | bad)


def _pdf_counts(pdfs: list[Path], roots: list[bytes], counts: Counts, quiet: bool,
                ctx: Context) -> None:
    """Check each PDF: a line for each, its outcome added to ``counts``."""
    for pdf in pdfs:
        try:
            report = _verify_one(pdf, roots)
        except PlanpdfError as exc:
            ctx.diagnostics(exc.diagnostics)
            counts["fejl"] += 1
            continue
        if report.errors:
            ctx.diagnostics(about(pdf, problem) for problem in report.errors)
            counts["fejl"] += 1
        elif report.unchecked:
            ctx.diagnostics(about(pdf, f"ikke kontrolleret: {text}", severity="warning")
                            for text in report.unchecked)
            counts["ukontrolleret"] += 1
        else:
            counts["ok" if report.approved else "udkast"] += 1
            if not quiet:
                ctx.print(f"{pdf}: i orden ({report.verdict})")


def extract(args: argparse.Namespace, ctx: Context) -> int:
    """Write the embedded source of a planpdf PDF, never overwriting."""
    output = args.output or args.pdf.with_suffix(".yaml")
    if output.suffix.lower() not in (".yaml", ".yml"):
        raise PlanpdfError(about(output, "kilden skal skrives til en fil, der ender på .yaml"))
    if output.exists():
        raise PlanpdfError(about(output, "filen findes allerede; planpdf extract overskriver "
                                         "aldrig en fil", "vælg et andet navn med -o"))
    edition = open_edition(args.pdf)
    source = bounded(str(args.pdf), check_source, edition)  # the source may be hostile too
    if edition.source_text is None or source.problems:
        raise PlanpdfError(about(args.pdf, "kilden tages ikke ud: "
                                 + "; ".join(source.problems or ("den mangler",))))
    images = source.loaded.images if source.loaded is not None else {}
    targets = {output.parent / name: data for name, data in images.items()}
    taken = [str(t) for t in targets if t.exists()]
    if taken:
        raise PlanpdfError(about(args.pdf, "billederne tages ikke ud: " + ", ".join(taken)
                                 + " findes allerede; planpdf extract overskriver aldrig en fil",
                                 "tag kilden ud i en tom mappe med -o"))
    for target, data in targets.items():  # the images first: the YAML needs them beside it
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, data)
    write_atomic(output, edition.source_text.encode("utf-8"))
    if not args.quiet:
        count = len(targets)
        with_images = f", {count} {'billede' if count == 1 else 'billeder'}" if count else ""
        ctx.print(f"Skrev {output} (kilden til {edition.council or 'planen'}, "
                  f"{edition.year}, {report_status(edition)}{with_images})")
    return 0


def report_status(edition: Edition) -> str:
    """The edition's status in a few words."""
    if edition.status != "godkendt":
        return "udkast"
    return f"godkendt {edition.approved_date}" if edition.approved_date else "godkendt"


def _verify_archive(root: Path, roots: list[bytes], quiet: bool, ctx: Context) -> int:
    entries, findings = verify_archive(root, trust_roots=roots,
                                       waiting=lambda note: ctx.diagnostics([note]))
    ctx.diagnostics(findings)
    problems = [f for f in findings if f.severity == "error"]
    if problems:
        files = len({p.where for p in problems})
        ctx.error(f"planpdf: {len(problems)} problem(er) i {files} fil(er) i arkivet {root}")
        return 1
    if not quiet:
        ctx.print(_archive_ok(root, len(entries)))
    return 0


def _archive_ok(root: Path, files: int) -> str:
    return (f"{root}: i orden ({files} filer i manifestet; alle uændrede og verificeret mod "
            "deres indlejrede kilde)")


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
