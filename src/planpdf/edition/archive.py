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
         "planpdf_version": "0.1.0",  # the version that made the PDF (its /Creator)
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

import hashlib
import json
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..danish import slug
from ..errors import ArchiveError, Diagnostic, EditionError, OutputError, Span, about
from ..files import reason, sweep_leftovers, temp_target, write_atomic
from .read import Edition, load_edition, open_edition
from .verify import edition_problems

MANIFEST = "manifest.json"
LOCK = ".planpdf.lock"
FORMAT = "planpdf-arkiv"
FORMAT_VERSION = 1
LOCK_TIMEOUT = 30.0  # seconds archive and verify wait for another planpdf's lock
_FILLER = {"lokalrådet", "lokalraadet", "lokalråd", "lokalraad", "i", "for", "kommune",
           "kommunes", "rådet", "raadet"}
_NAME = re.compile(r"(?P<slug>[a-z0-9-]+)/(?P<year>[0-9]+)/(?P=slug)-(?P=year)"
                   r"(?:-r(?P<revision>[0-9]+))?-(?P<fp>[0-9a-f]{12})\.pdf")

Notify = Callable[[Diagnostic], None]


@dataclass(frozen=True)
class Entry:
    """One archived file, as the manifest lists it."""

    file: str
    sha256: str
    fingerprint: str
    council: str
    year: int
    revision: int
    approved_by: str
    approved_date: str
    planpdf_version: str
    signed: bool | None = None  # None: a manifest written before the key existed


@dataclass(frozen=True)
class Archived:
    """What ``archive_pdf`` did: the entry, its path, and whether it was there already."""

    entry: Entry
    path: Path
    already: bool
    copy_of: int | None = None  # the revision with the same content fingerprint, if any
    recovered: tuple[Diagnostic, ...] = ()  # what an interrupted run had left, and what became of it


def council_slug(council: str) -> str:
    """The council's folder name: its place name, in ASCII.

    >>> council_slug("Lokalrådet i Billund kommune")
    'billund'
    >>> council_slug("Lokalrådet i Ærø Kommune")
    'aeroe'
    """
    words = [w for w in slug(council).split("-") if w]
    kept = [w for w in words if w not in {slug(f) for f in _FILLER}]
    return "-".join(kept or words) or "raad"


def archive_name(council: str, year: int, revision: int, fingerprint: str) -> str:
    """Where an edition lies in the archive, relative and with "/" (see the module's layout)."""
    slug = council_slug(council)
    tag = f"-r{revision}" if revision > 1 else ""
    return f"{slug}/{year}/{slug}-{year}{tag}-{fingerprint[:12]}.pdf"


def named_revision(file: str) -> int | None:
    """The revision an archive file's name gives (1 without ``-rN``); None off the scheme.

    >>> named_revision("billund/2011/billund-2011-3f2a9c1b04de.pdf")
    1
    >>> named_revision("billund/2011/billund-2011-r2-3f2a9c1b04de.pdf")
    2
    >>> named_revision("billund/2011/planen.pdf") is None
    True
    """
    found = _NAME.fullmatch(file)
    if not found:
        return None
    return int(found["revision"]) if found["revision"] else 1


def made_with(edition: Edition) -> str:
    """The planpdf version that made the PDF, from its /Creator (all of it for other makers)."""
    return (edition.creator or "").removeprefix("planpdf ")


def sha256(data: bytes) -> str:
    """Hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def read_manifest(root: Path) -> list[Entry]:
    """The manifest's entries ([] when there is none yet); ArchiveError when it is damaged."""
    path = root / MANIFEST
    if path.is_symlink():
        raise ArchiveError(about(path, "manifestet er et symbolsk link; arkivet bruger kun sin "
                                       "egen fil", "erstat linket med selve manifestet"))
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise ArchiveError(about(path, f"manifestet kan ikke læses: {reason(exc)}")) from None
    except UnicodeDecodeError:
        raise ArchiveError(about(path, "manifestet kan ikke læses: det er ikke UTF-8-tekst")) \
            from None
    except json.JSONDecodeError as exc:
        raise ArchiveError(Diagnostic(
            Span(str(path), exc.lineno, exc.colno), "manifestet er ikke gyldig JSON",
            "manifestet skrives af planpdf archive; er det rettet i hånden, så ret fejlen her "
            "eller hent det fra en sikkerhedskopi")) from None
    try:
        if raw.get("format") != FORMAT or raw.get("format_version") != FORMAT_VERSION:
            raise ValueError("ukendt format")
        entries = [Entry(**item) for item in raw["entries"]]
        for entry in entries:
            texts = (entry.file, entry.sha256, entry.fingerprint, entry.council,
                     entry.approved_by, entry.approved_date, entry.planpdf_version)
            numbers = (entry.year, entry.revision)
            if not all(isinstance(t, str) for t in texts) \
                    or not all(isinstance(n, int) and not isinstance(n, bool) for n in numbers) \
                    or not isinstance(entry.signed, bool | None):
                raise ValueError(f"forkert indgang {entry.file!r}")
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise ArchiveError(about(path, f"manifestet har ikke den forventede form: "
                           f"{exc}")) from None
    return entries


def manifest_bytes(entries: list[Entry]) -> bytes:
    """The manifest's text: stable key order, entries sorted by file, UTF-8, final newline."""
    doc: dict[str, Any] = {
        "format": FORMAT, "format_version": FORMAT_VERSION,
        "entries": [asdict(e) for e in sorted(entries, key=lambda e: e.file)],
    }
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode()


def _seconds(value: float) -> str:
    """A wait in Danish words.

    >>> _seconds(30), _seconds(1), _seconds(0.5)
    ('30 sekunder', '1 sekund', '0,5 sekunder')
    """
    return f"{value:g}".replace(".", ",") + (" sekund" if value == 1 else " sekunder")


@contextmanager
def _locked(root: Path, timeout: float | None, waiting: Notify | None,
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


def _listing(root: Path) -> list[tuple[str, str]]:
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
    with _locked(root, lock_timeout, waiting):
        entries, recovered = _recover(root)
        return _archive_locked(edition, root, entries, recovered)


def _recover(root: Path) -> tuple[list[Entry], list[Diagnostic]]:
    """Under the lock: remove the atomic writer's leftovers and complete an interrupted run.

    Returns the manifest's entries afterwards and a diagnostic for each thing found.
    """
    found: list[Diagnostic] = []
    tree = _listing(root)
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


def _archive_locked(edition: Edition, root: Path, entries: list[Entry],
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


def verify_archive(root: Path, *, lock_timeout: float | None = None,
                   waiting: Notify | None = None) -> tuple[list[Entry], list[Diagnostic]]:
    """Check every manifest entry, field by field, and everything else in the archive folder.

    Each archived file gets the same check as ``planpdf verify FILE`` (``edition_problems``).
    The manifest is read and the folder listed under the archive's lock, so a running
    ``archive`` is never caught half-way; what is found is an ``error``, except the atomic
    writer's leftovers, which the next ``archive`` removes (a ``warning``).
    """
    if not root.is_dir():
        what = "findes ikke" if not root.exists() else "er ikke en mappe"
        raise ArchiveError(about(root, f"arkivmappen {what}"))
    if not (root / MANIFEST).is_file() and not (root / MANIFEST).is_symlink():
        raise ArchiveError(about(root / MANIFEST, "arkivet har intet manifest"))
    with _locked(root, lock_timeout, waiting, optional=True):
        entries = read_manifest(root)
        tree = _listing(root)
    problems: list[Diagnostic] = []
    listed: set[str] = set()
    for entry in entries:
        if entry.file in listed:
            problems.append(about(root / entry.file, "står mere end én gang i manifestet"))
        listed.add(entry.file)
        problems.extend(_entry_problems(root, entry))
    problems.extend(_revision_clashes(root, entries))
    problems.extend(_unknown_files(root, tree, listed))
    return entries, problems


def _entry_problems(root: Path, entry: Entry) -> list[Diagnostic]:
    """What is wrong with one manifest entry and its file."""
    path = root / entry.file
    name = str(path)
    parts = Path(entry.file).parts
    if Path(entry.file).is_absolute() or ".." in parts:
        return [about(name, "stien i manifestet peger uden for arkivet")]
    if any((root.joinpath(*parts[:i])).is_symlink() for i in range(1, len(parts) + 1)):
        return [about(name, "filen er et symbolsk link (eller ligger i en mappe, der er det); "
                            "et arkiv rummer kun almindelige filer, og planpdf følger ikke links",
                      "læg selve filen i arkivet i stedet for linket")]
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return [about(name, "filen mangler")]
    except OSError as exc:
        return [about(name, f"filen kan ikke læses: {reason(exc)}")]
    problems: list[Diagnostic] = []
    if sha256(data) != entry.sha256:
        problems.append(about(name, "filens SHA-256 stemmer ikke med manifestet: filen er ændret"))
    try:
        edition = load_edition(name, data)
    except EditionError as exc:
        return [*problems, *exc.diagnostics]
    if edition.fingerprint != entry.fingerprint:
        problems.append(about(name, "fingeraftrykket stemmer ikke med manifestet"))
    problems.extend(about(name, p) for p in _claims(entry, edition))
    problems.extend(about(name, p) for p in edition_problems(edition))
    return problems


def _revision_clashes(root: Path, entries: list[Entry]) -> list[Diagnostic]:
    """Two entries claiming the same revision of one council's year."""
    seen: dict[tuple[str, int, int], str] = {}
    found: list[Diagnostic] = []
    for entry in sorted(entries, key=lambda e: e.file):
        key = (entry.file.split("/")[0], entry.year, entry.revision)
        if key in seen and seen[key] != entry.file:
            found.append(about(root / entry.file, f"manifestet giver også {seen[key]} revision "
                                                  f"{entry.revision} for {entry.year}"))
        seen.setdefault(key, entry.file)
    return found


def _unknown_files(root: Path, tree: list[tuple[str, str]], listed: set[str]) -> list[Diagnostic]:
    """Everything in the folder that is neither the manifest, the lock nor a listed file."""
    found: list[Diagnostic] = []
    for rel, kind in tree:
        path = root / rel
        name = rel.rsplit("/", 1)[-1]
        if kind == "dir" or rel in listed or rel == MANIFEST or (rel == LOCK and kind == "file"):
            continue  # a listed file is checked with its entry, the manifest when it is read
        if kind == "symlink":
            found.append(about(path, "et symbolsk link i arkivet; et arkiv rummer kun "
                                     "almindelige filer og mapper, og planpdf følger ikke links",
                               "flyt linket ud af arkivet"))
        elif kind == "other":
            found.append(about(path, "er hverken en almindelig fil eller en mappe",
                               "flyt den ud af arkivet"))
        elif kind == "hidden-dir":
            found.append(about(path, "en skjult mappe, som arkivet ikke kender",
                               "flyt den ud af arkivet; det rummer kun manifestet og de "
                               "arkiverede PDF'er"))
        elif temp_target(name) is not None:
            found.append(about(path, "en midlertidig fil efterladt af en planpdf, der blev "
                                     "afbrudt", "den næste planpdf archive fjerner den",
                               severity="warning"))
        elif name.startswith("."):
            found.append(about(path, "en skjult fil, som manifestet ikke kender",
                               "flyt den ud af arkivet; det rummer kun manifestet og de "
                               "arkiverede PDF'er"))
        elif named_revision(rel) is not None:
            found.append(about(path, "filen står ikke i manifestet",
                               "den ligner en arkivering, der blev afbrudt; den næste planpdf "
                               "archive gør den færdig, når den er næste revision og består "
                               "kontrollen"))
        else:
            found.append(about(path, "filen står ikke i manifestet"))
    return found


def _claims(entry: Entry, edition: Edition) -> list[str]:
    """Where the manifest entry says something else than the PDF, or its name breaks the scheme."""
    found: list[str] = []
    pairs: list[tuple[str, str, object, object]] = [
        ("council", "råd", entry.council, edition.council),
        ("year", "år", entry.year, edition.year),
        ("approved_by", "godkendt af", entry.approved_by, edition.approved_by),
        ("approved_date", "godkendt dato", entry.approved_date, edition.approved_date),
        ("planpdf_version", "planpdf-version", entry.planpdf_version, made_with(edition))]
    if entry.signed is not None:
        pairs.append(("signed", "underskrevet", entry.signed, edition.signed))
    for key, label, said, pdf_says in pairs:
        if said != pdf_says:
            found.append(f"manifestets {key} ({label}) er {said!r}, men PDF'en siger {pdf_says!r}")
    named = named_revision(entry.file)
    if named is not None and named != entry.revision:
        found.append(f"manifestets revision er {entry.revision!r}, men filnavnet siger "
                     f"revision {named}")
    if edition.council and edition.year is not None and edition.fingerprint:
        expected = archive_name(edition.council, edition.year, entry.revision, edition.fingerprint)
        if entry.file != expected:
            found.append(f"manifestets file følger ikke arkivets navneskema: for denne PDF og "
                         f"revision {entry.revision} skulle den hedde {expected!r}")
    return found


def is_archive(path: Path) -> bool:
    """Whether ``path`` names an archive folder or its manifest rather than one PDF."""
    return path.is_dir() or path.name == MANIFEST


def archive_root(path: Path) -> Path:
    """The archive folder for a folder or manifest path."""
    return path.parent if path.name == MANIFEST and not path.is_dir() else path


__all__ = ["LOCK_TIMEOUT", "Archived", "Entry", "archive_name", "archive_pdf", "archive_root",
           "council_slug", "is_archive", "made_with", "named_revision", "read_manifest",
           "verify_archive"]
