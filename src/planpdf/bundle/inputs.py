"""The bundle's inputs: planpdf PDFs, archive folders and content files → checked ``Part``s.

A PDF is read and verified as ``planpdf verify`` does (``edition``: parsed and rebuilt in a
limited child process), and its embedded source is loaded there too; an archive folder gives
the newest revision of each council's plan for the year; a content file is checked as
``planpdf check`` does. Every problem of every input is collected, each naming its file, and
raised together: nothing is bundled unless every input may be.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any

import msgspec

from ..content.load import Loaded
from ..edition.archive_check import archive_root, is_archive
from ..edition.manifest import Entry, read_manifest, sha256
from ..edition.read import open_edition
from ..edition.verify import verify_edition
from ..errors import Diagnostic, PlanpdfError, about, general
from ..files import same_path
from ..layout.fonts import register
from ..pipeline import World, check
from ..provenance import canonical_yaml
from ..workers import collect_cycles
from .summary import CouncilSummary, summarize

Progress = Callable[[str], None]
CONTENT_SUFFIXES = (".yaml", ".yml")


class Wanted(msgspec.Struct, frozen=True):
    """What the user asked the bundle to take: the year, drafts, plans of other districts."""

    year: int | None = None
    drafts: bool = False
    all_districts: bool = False


class Part(msgspec.Struct, frozen=True):
    """One plan of the bundle: where it came from, its loaded content and its summary."""

    name: str
    loaded: Loaded
    summary: CouncilSummary
    source_yaml: bytes  # the canonical source, as ``build`` embeds it


Found = tuple[Path, str | None]  # a file, and its SHA-256 when an archive's manifest gives one


def expand(paths: list[Path], year: int | None, skip: Path | None = None,
           ) -> tuple[list[Found], list[Diagnostic]]:
    """The files the paths name: a file itself; a folder's PDFs and content files (but
    ``skip``); an archive's newest revision of each council's plan (of ``year``, else the
    newest year)."""
    found: list[Found] = []
    problems: list[Diagnostic] = []
    for path in paths:
        if is_archive(path):
            try:
                found += [(archive_root(path) / e.file, e.sha256)
                          for e in newest(read_manifest(archive_root(path)), year)]
            except PlanpdfError as exc:
                problems += exc.diagnostics
        elif path.is_dir():
            found += [(p, None) for p in sorted(path.rglob("*")) if p.is_file()
                      and not p.name.startswith(".")
                      and p.suffix.lower() in (".pdf", *CONTENT_SUFFIXES)
                      and (skip is None or not same_path(p, skip))]
        elif not path.exists():
            problems.append(about(path, "filen findes ikke"))
        else:
            found.append((path, None))
    return found, problems


def newest(entries: list[Entry], year: int | None) -> list[Entry]:
    """The newest revision of each council's plan for ``year`` (else the archive's newest)."""
    if not entries:
        return []
    year = year if year is not None else max(e.year for e in entries)
    best: dict[str, Entry] = {}
    for entry in entries:
        if entry.year == year and (entry.council not in best
                                   or entry.revision > best[entry.council].revision):
            best[entry.council] = entry
    return [best[council] for council in sorted(best)]


def read_part(path: Path, world: World, archived: str | None = None) -> Part:
    """One input as a part; PlanpdfError with every problem of the file. ``archived`` is the
    SHA-256 an archive's manifest gives the file."""
    if path.suffix.lower() in CONTENT_SUFFIXES:
        loaded = check(path, world).loaded
        return Part(str(path), loaded, summarize(loaded.plan),
                    canonical_yaml(loaded.data).encode("utf-8"))
    edition = open_edition(path)
    if archived is not None and sha256(edition.data) != archived:
        raise PlanpdfError(about(path, "filens SHA-256 stemmer ikke med arkivets manifest: "
                                       "filen er ændret", f"kør planpdf verify {path.parent}"))
    report = verify_edition(edition)
    failed = [*report.errors, *(f"ikke kontrolleret: {text}" for text in report.unchecked)]
    if failed:
        hint = f"kør planpdf verify {path} for hele rapporten"
        raise PlanpdfError([about(path, f"kontrollen fejler: {problem}", hint)
                            for problem in failed])
    source = report.loaded  # loaded by verify, in its limited child process
    if source is None:  # verify reports why; said here, should a check ever change
        raise PlanpdfError(about(path, "den indlejrede kilde kan ikke bruges"))
    # verify rebuilt the PDF byte for byte from this source: it is the canonical one
    return Part(str(path), source, summarize(source.plan),
                (edition.source_text or "").encode("utf-8"))


def collect(paths: list[Path], wanted: Wanted, world: World,
            progress: Progress | None = None, skip: Path | None = None) -> list[Part]:
    """Every plan the paths name, checked and in council order; PlanpdfError with all
    problems of all inputs when any input cannot be bundled. ``skip`` (the bundle's own
    output) is never read as an input from a folder."""
    found, problems = expand(paths, wanted.year, skip)
    parts: list[Part] = []
    for outcome in read_all(found, world, progress):
        if isinstance(outcome, Part):
            parts.append(outcome)
        else:
            problems += outcome
    problems += refusals(parts, wanted)
    if not found and not problems:
        problems.append(general("ingen planer at samle: ingen PDF'er eller indholdsfiler "
                                "blandt " + ", ".join(map(str, paths))))
    if problems:
        raise PlanpdfError(problems)
    return sorted(parts, key=lambda p: council_order(p.summary.council))


Outcome = Part | tuple[Diagnostic, ...]


def _read(found: Found, world: World) -> Outcome:
    try:
        return read_part(found[0], world, found[1])
    except PlanpdfError as exc:
        return exc.diagnostics


def _warm(world: World, pdfs: bool) -> None:
    """Load fonts, schema and (for PDFs) pypdf once, not per plan: in the parent before the
    workers are forked, so they and the children that read PDFs have them loaded."""
    from ..content.validate import schema

    register(world.fonts_dir)
    schema()
    if pdfs:
        import pypdf  # noqa: F401 - imported here once, not in each PDF's child process


def _warm_worker(world: World, pdfs: bool) -> None:
    """A worker's start: ``_warm`` (a no-op after the parent's), and the cyclic collector on,
    since a worker reads plan after plan (``workers``)."""
    _warm(world, pdfs)
    collect_cycles()


def read_all(files: list[Found], world: World, progress: Progress | None) -> list[Outcome]:
    """Each file's part or problems, in the order given; read on the machine's cores (each
    PDF is verified in a limited child process of its worker, as ``verify`` does)."""
    workers = min(len(files), os.cpu_count() or 1)
    pdfs = any(path.suffix.lower() not in CONTENT_SUFFIXES for path, _sha in files)
    _warm(world, pdfs)
    if workers <= 1:
        outcomes = []
        for found in files:
            outcomes.append(_read(found, world))
            if progress is not None:
                progress(str(found[0]))
        return outcomes
    methods = multiprocessing.get_all_start_methods()
    mp: Any = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with ProcessPoolExecutor(workers, mp_context=mp, initializer=_warm_worker,
                             initargs=(world, pdfs)) as pool:
        futures = {pool.submit(_read, found, world): i for i, found in enumerate(files)}
        results: dict[int, Outcome] = {}
        for future in as_completed(futures):
            results[futures[future]] = future.result()
            if progress is not None:
                progress(str(files[futures[future]][0]))
    return [results[i] for i in range(len(files))]


def refusals(parts: list[Part], wanted: Wanted) -> list[Diagnostic]:
    """Drafts, plans of another year or district, and a council named twice."""
    if not parts:
        return []
    year = wanted.year if wanted.year is not None else max(p.summary.year for p in parts)
    district = main_district(parts)
    found: list[Diagnostic] = []
    seen: dict[str, str] = {}
    for part in parts:
        s = part.summary
        if s.status != "godkendt" and not wanted.drafts:
            found.append(about(part.name, "planen er et udkast (ikke godkendt)",
                               "Kredsrådet får de godkendte planer; brug --udkast for også at "
                               "tage udkast med"))
        if s.year != year:
            found.append(about(part.name, f"planen er for {s.year}, men samlingen er for {year}",
                               "en samling rummer ét års planer; vælg året med --år"))
        if s.district != district and not wanted.all_districts:
            found.append(about(part.name, f"planen er fra {s.district or 'ingen politikreds'}, "
                                          f"men samlingen er for {district or 'ingen politikreds'}",
                               "brug --alle-kredse for at samle planer fra flere politikredse"))
        if s.council in seen:
            found.append(about(part.name, f"{s.council} er med to gange (også {seen[s.council]})",
                               "tag kun én udgave af hvert råds plan med"))
        seen.setdefault(s.council, part.name)
    return found


def main_district(parts: list[Part]) -> str | None:
    """The district most plans are from (the first named, when as many are from two)."""
    counts = Counter(p.summary.district for p in parts)
    best = max(counts.values())
    return next(p.summary.district for p in parts if counts[p.summary.district] == best)


_DANISH_ORDER = str.maketrans({"æ": "{", "ø": "|", "å": "}"})  # after z, in this order


def council_order(name: str) -> tuple[str, str]:
    """Councils in Danish alphabetical order (æ, ø, å last), ties by the exact name."""
    return name.casefold().translate(_DANISH_ORDER), name
