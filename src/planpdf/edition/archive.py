"""The archive of approved editions: copies that are never overwritten, and their manifest.

Layout (relative to the archive folder, ``archive/`` by default)::

    manifest.json
    .planpdf.lock                                                          the lock (see below)
    <council-slug>/<year>/<council-slug>-<year>-<fingerprint12>.pdf       revision 1
    <council-slug>/<year>/<council-slug>-<year>-r2-<fingerprint12>.pdf    revision 2, ...

``manifest.json`` (stable shape, ``format_version`` 1; entries sorted by ``file``)::

    {
      "format": "planpdf-arkiv",
      "format_version": 1,
      "entries": [
        {"file": "billund/2011/billund-2011-3f2a9c1b04de.pdf",  # relative, "/" separators
         "sha256": "<64 hex: SHA-256 of the archived file's bytes>",
         "fingerprint": "<64 hex: the content fingerprint the PDF carries>",
         "council": "Lokalrådet i Billund kommune", "year": 2011, "revision": 1,
         "approved_by": "Jørn Lykkebak", "approved_date": "2011-02-15",
         "planpdf_version": "0.3.0",  # the version that made the PDF (its /Creator)
         "signed": false}        # whether the file carries a digital signature (added later in
                                 # format 1: absent in older manifests, then not checked)
      ]
    }

A second, different approved PDF for the same council and year becomes the next revision; an
identical file (same SHA-256) is a no-op. The signed copy of an archived edition (same
fingerprint) is a new revision too, with ``"signed": true``; ``archive`` says whose copy it is.

Crashes and concurrency. ``archive`` holds an OS lock on ``.planpdf.lock`` (``flock`` through
``filelock``) while it changes anything, and waits for it up to ``LOCK_TIMEOUT`` seconds; the
operating system releases it when its holder dies, so it cannot go stale, and the file stays. The
PDF is written before the manifest, each atomically, the PDF already read-only. So a run that is
killed leaves at most one archived PDF the manifest does not list, the next revision of its
council and year, and temporary files of the atomic writer. The next ``archive``, under the
lock and before anything else, removes those temporary files and completes the interrupted run:
an unlisted file at exactly the name the next revision would get, which passes the whole
``verify`` check (the check ``archive`` itself makes before writing), is added to the manifest
with the entry that run would have written (every field comes from the file). Any other unlisted
file is left alone, named in a warning, and reported by ``verify ARKIV``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import ArchiveError, Diagnostic, EditionError, OutputError, about
from ..files import reason, sweep_leftovers, write_atomic
from .manifest import (
    MANIFEST,
    Archived,
    Entry,
    Notify,
    archive_name,
    council_slug,
    made_with,
    manifest_bytes,
    named_revision,
    read_manifest,
    sha256,
)
from .read import Edition, load_edition, open_edition
from .verify import edition_problems

LOCK = ".planpdf.lock"
LOCK_TIMEOUT = 30.0  # seconds archive and verify wait for another planpdf's lock


def _seconds(value: float) -> str:
    """A wait in Danish words.

    >>> _seconds(30), _seconds(1), _seconds(0.5)
    ('30 sekunder', '1 sekund', '0,5 sekunder')
    """
    return f"{value:g}".replace(".", ",") + (" sekund" if value == 1 else " sekunder")


@contextmanager
def locked(root: Path, timeout: float | None, waiting: Notify | None,
            optional: bool = False) -> Iterator[None]:
    """Hold the archive's lock (an OS lock, see the module); wait ``timeout`` seconds for it
    (None: ``LOCK_TIMEOUT``, read when called).

    ``waiting`` hears a note when another planpdf holds it. ``optional``: go on unlocked when
    the lock file cannot be opened at all (a read-only archive, which nobody can change).
    """
    from filelock import Timeout, UnixFileLock, WindowsFileLock

    native = WindowsFileLock if sys.platform == "win32" else UnixFileLock
    timeout = LOCK_TIMEOUT if timeout is None else timeout
    path = root / LOCK
    if path.is_symlink() and not optional:  # never followed (nor by filelock: O_NOFOLLOW)
        raise ArchiveError(about(path, "låsefilen er et symbolsk link; planpdf følger ikke "
                                       "links i arkivet",
                                 "erstat linket med en almindelig fil, eller fjern det; planpdf "
                                 "laver selv låsefilen"))
    lock = native(path, fallback_to_soft=False, preserve_lock_file=True)
    held = False
    try:
        try:
            lock.acquire(blocking=False)
        except Timeout:
            if waiting is not None:
                waiting(about(path, f"arkivet er i brug af en anden planpdf; venter op til "
                                    f"{_seconds(timeout)} på, at den bliver færdig",
                              severity="note"))
            lock.acquire(timeout=timeout)
        held = True
    except Timeout:  # before OSError: filelock's Timeout is a TimeoutError
        raise ArchiveError(about(
            path, f"arkivet var stadig i brug af en anden planpdf efter {_seconds(timeout)}; "
                  "intet blev ændret",
            "prøv igen, når den anden planpdf er færdig; låsen slipper af sig selv, når den "
            "stopper")) from None
    except OSError as exc:
        if not optional:
            raise OutputError(about(path, f"arkivet kan ikke låses: {reason(exc)}")) from None
    try:
        yield
    finally:
        if held:
            lock.release()


def listing(root: Path) -> list[tuple[str, str]]:
    """Everything in the archive folder as (relative path, kind), without following links.

    Kinds: ``dir``, ``file``, ``symlink``, ``other`` (a device, a pipe), ``hidden-dir`` (a
    folder whose name starts with a dot; not entered).
    """
    found: list[tuple[str, str]] = []

    def walk(folder: Path, prefix: str) -> None:
        try:
            with os.scandir(folder) as entries:
                items = sorted(entries, key=lambda e: e.name)
            for item in items:
                rel = prefix + item.name
                if item.is_symlink():
                    kind = "symlink"
                elif item.is_dir(follow_symlinks=False):
                    kind = "hidden-dir" if item.name.startswith(".") else "dir"
                elif item.is_file(follow_symlinks=False):
                    kind = "file"
                else:
                    kind = "other"
                found.append((rel, kind))
                if kind == "dir":
                    walk(Path(item.path), rel + "/")
        except OSError as exc:
            raise ArchiveError(about(folder, f"mappen i arkivet kan ikke læses: "
                                             f"{reason(exc)}")) from None

    walk(root, "")
    return found


def _next_revision(entries: list[Entry], council_folder: str, year: int) -> int:
    same = [e.revision for e in entries if e.year == year and e.file.startswith(f"{council_folder}/")]
    return max(same, default=0) + 1


def _entry(rel: str, revision: int, edition: Edition) -> Entry:
    """The manifest entry for an edition: every field comes from the file."""
    assert edition.fingerprint is not None and edition.year is not None and edition.council
    return Entry(rel, sha256(edition.data), edition.fingerprint, edition.council, edition.year,
                 revision, edition.approved_by or "", edition.approved_date or "",
                 made_with(edition), signed=edition.signed)


def archive_pdf(pdf: Path, root: Path, *, lock_timeout: float | None = None,
                waiting: Notify | None = None) -> Archived:
    """Copy an approved edition into the archive under ``root``; ArchiveError if refused.

    Waits up to ``lock_timeout`` seconds (default ``LOCK_TIMEOUT``) for another planpdf working
    in the archive (``waiting`` hears about it), and first completes what an interrupted run
    left (see the module).
    """
    edition = open_edition(pdf)
    if edition.status != "godkendt":
        raise ArchiveError(about(pdf, "PDF'en er et udkast; kun godkendte udgaver arkiveres"))
    problems = edition_problems(edition)
    if problems:
        raise ArchiveError(about(pdf, "PDF'en arkiveres ikke, for den består ikke kontrollen "
                           "(planpdf verify): " + "; ".join(problems)))
    if edition.year is None or not edition.council:
        raise ArchiveError(about(pdf, "PDF'en mangler råd eller år i sine metadata"))
    if root.exists() and not root.is_dir():
        raise ArchiveError(about(root, "arkivet skal være en mappe"))
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(about(root, f"arkivet kan ikke skrives i: {reason(exc)}")) from None
    with locked(root, lock_timeout, waiting):
        entries, recovered = _recover(root)
        return _archivelocked(edition, root, entries, recovered)


def _recover(root: Path) -> tuple[list[Entry], list[Diagnostic]]:
    """Under the lock: remove the atomic writer's leftovers and complete an interrupted run.

    Returns the manifest's entries afterwards and a diagnostic for each thing found.
    """
    found: list[Diagnostic] = []
    tree = listing(root)
    for folder in [root, *(root / rel for rel, kind in tree if kind == "dir")]:
        found.extend(about(path, "en midlertidig fil fra en afbrudt planpdf er fjernet",
                           severity="note") for path in sweep_leftovers(folder))
    entries = read_manifest(root)
    listed = {e.file for e in entries}
    orphans = sorted((rel.rsplit("/", 1)[0], named, rel) for rel, kind in tree
                     if kind == "file" and rel not in listed
                     and (named := named_revision(rel)) is not None)
    for place, revision, rel in orphans:  # by council and year, then revision
        council_folder, year = place.split("/")
        if revision != _next_revision(entries, council_folder, int(year)):
            continue
        entry, why = _interrupted_entry(root, rel, revision, entries)
        if entry is None:
            found.append(about(root / rel, f"filen står ikke i manifestet og er ikke en afbrudt "
                                           f"arkivering, der kan gøres færdig ({why}); den er "
                                           "ikke rørt",
                               "se på filen, og flyt den ud af arkivet, hvis den ikke hører til",
                               severity="warning"))
            continue
        try:
            (root / rel).chmod(0o444)
        except OSError as exc:
            raise OutputError(about(root / rel, f"filen kan ikke gøres skrivebeskyttet: "
                                                f"{reason(exc)}")) from None
        entries = [*entries, entry]
        write_atomic(root / MANIFEST, manifest_bytes(entries))
        found.append(about(root / rel, f"en afbrudt arkivering er gjort færdig: filen står nu i "
                                       f"manifestet som revision {revision}", severity="note"))
    return entries, found


def _interrupted_entry(root: Path, rel: str, revision: int,
                       entries: list[Entry]) -> tuple[Entry | None, str]:
    """The entry an interrupted ``archive`` would have written for ``rel``, or why it is none."""
    path = root / rel
    try:
        edition = load_edition(path, path.read_bytes())
    except OSError as exc:
        return None, f"den kan ikke læses: {reason(exc)}"
    except EditionError as exc:
        return None, exc.reason
    if edition.status != "godkendt" or edition.year is None or not edition.council:
        return None, "den er ikke en godkendt udgave med råd og år"
    assert edition.fingerprint is not None
    if archive_name(edition.council, edition.year, revision, edition.fingerprint) != rel:
        return None, "navnet passer ikke til PDF'ens råd, år og fingeraftryk"
    if any(e.sha256 == sha256(edition.data) for e in entries):
        return None, "den samme fil står allerede i manifestet under et andet navn"
    problems = edition_problems(edition)
    if problems:
        return None, "den består ikke kontrollen (planpdf verify): " + "; ".join(problems)
    return _entry(rel, revision, edition), ""


def _archivelocked(edition: Edition, root: Path, entries: list[Entry],
                    recovered: list[Diagnostic]) -> Archived:
    assert edition.fingerprint is not None and edition.year is not None and edition.council
    digest = sha256(edition.data)
    for entry in entries:
        if entry.sha256 == digest:
            return Archived(entry, root / entry.file, already=True, recovered=tuple(recovered))

    council_folder = council_slug(edition.council)
    revision = _next_revision(entries, council_folder, edition.year)
    rel = archive_name(edition.council, edition.year, revision, edition.fingerprint)
    target = root / rel
    for folder in (root / council_folder, target.parent):
        if folder.is_symlink():
            raise ArchiveError([*recovered, about(
                folder, "mappen er et symbolsk link; arkivet lægger kun filer i sine egne mapper",
                "erstat linket med en almindelig mappe")])
    if target.exists() or target.is_symlink():
        raise ArchiveError([*recovered, about(
            target, "filen findes allerede i arkivet, men står ikke i manifestet med dette "
                    "indhold; intet blev overskrevet",
            "planpdf verify ARKIV siger, hvad der er galt med den; flyt den ud af arkivet, hvis "
            "den ikke hører til")])
    entry = _entry(rel, revision, edition)
    same = [e for e in entries if e.year == edition.year and e.file.startswith(f"{council_folder}/")]
    copy_of = min((e.revision for e in same if e.fingerprint == edition.fingerprint), default=None)
    write_atomic(target, edition.data, mode=0o444)
    try:
        write_atomic(root / MANIFEST, manifest_bytes([*entries, entry]))
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return Archived(entry, target, already=False, copy_of=copy_of, recovered=tuple(recovered))


__all__ = ["LOCK", "LOCK_TIMEOUT", "MANIFEST", "Archived", "Entry", "archive_name", "archive_pdf",
           "council_slug", "read_manifest"]
