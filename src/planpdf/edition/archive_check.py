"""``verify ARKIV``: every entry of the manifest against its file, and every file against the
manifest (hidden, unlisted, linked or clashing files included), under the archive's lock."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from msgspec.structs import replace

from ..errors import ArchiveError, Diagnostic, EditionError, about
from ..files import read_bytes, temp_target
from .archive import LOCK, listing, locked
from .bounded import MAX_PDF_BYTES, too_large
from .manifest import (
    MANIFEST,
    Entry,
    Notify,
    archive_name,
    made_with,
    named_revision,
    read_manifest,
    sha256,
)
from .read import Edition, load_edition
from .verify import edition_problems

NOT_A_FILE = "er hverken en almindelig fil eller en mappe"
NOT_A_FILE_HINT = "flyt den ud af arkivet; et arkiv rummer kun almindelige filer og mapper"
FOLDER_HINT = "manifestet nævner en arkiveret PDF her; læg den tilbage i mappens sted"


def verify_archive(root: Path, *, trust_roots: Sequence[bytes] = (),
                   lock_timeout: float | None = None,
                   waiting: Notify | None = None) -> tuple[list[Entry], list[Diagnostic]]:
    """Check every manifest entry, field by field, and everything else in the archive folder.

    Each archived file gets the same check as ``planpdf verify FILE`` (``edition_problems``),
    a signature against the issuers in ``trust_roots`` (``--betroet``) when there are any.
    The manifest is read and the folder listed under the archive's lock, so a running
    ``archive`` is never caught half-way; what is found is an ``error``, except the atomic
    writer's leftovers, which the next ``archive`` removes (a ``warning``).
    """
    if not root.is_dir():
        what = "findes ikke" if not root.exists() else "er ikke en mappe"
        raise ArchiveError(about(root, f"arkivmappen {what}"))
    if not (root / MANIFEST).is_file() and not (root / MANIFEST).is_symlink():
        raise ArchiveError(about(root / MANIFEST, "arkivet har intet manifest"))
    with locked(root, lock_timeout, waiting, optional=True):
        entries = read_manifest(root)
        tree = listing(root)
    problems: list[Diagnostic] = []
    listed: set[str] = set()
    for entry in entries:
        if entry.file in listed:
            problems.append(about(root / entry.file, "står mere end én gang i manifestet"))
        listed.add(entry.file)
        problems.extend(_entry_problems(root, entry, trust_roots))
    problems.extend(_revision_clashes(root, entries))
    problems.extend(_unknown_files(root, tree, listed))
    return entries, problems


def _entry_problems(root: Path, entry: Entry, trust_roots: Sequence[bytes]) -> list[Diagnostic]:
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
    if not path.exists():
        return [about(name, "filen mangler")]
    try:  # a regular file only (a FIFO would block), and no more than a PDF may be
        data = read_bytes(path, MAX_PDF_BYTES, EditionError, too_large(name))
    except EditionError as exc:  # a folder in its place, or a FIFO
        hint = FOLDER_HINT if path.is_dir() else None if path.is_file() else NOT_A_FILE_HINT
        return [replace(d, hint=hint or d.hint) for d in exc.diagnostics]
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
    problems.extend(about(name, p) for p in edition_problems(edition, trust_roots))
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
            found.append(about(path, NOT_A_FILE, NOT_A_FILE_HINT))
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
    """Whether ``path`` names an archive (a folder with a manifest) or its manifest, rather than
    one PDF or a plain folder of PDFs."""
    return (path.name == MANIFEST and not path.is_dir()) or (path / MANIFEST).is_file()


def archive_root(path: Path) -> Path:
    """The archive folder for a folder or manifest path."""
    return path.parent if path.name == MANIFEST and not path.is_dir() else path
