"""What every build parses before it lays out a page, kept between runs of the command.

A cold ``planpdf build`` parses the same files each time: the two upright Carlito faces
(ReportLab's TrueType parser, ~10 ms) and pyphen's Danish hyphenation patterns (~4 ms).
``warm_start`` keeps them, as parsed, in one file in the user's cache folder and gives them back
at the next run, in ~5 ms:

- the faces as ``layout.fonts.saved_face`` gives them (``register`` makes the face from them);
- pyphen's patterns for ``layout.styles.HYPHENATION``, as a ``pyphen.HyphDict`` in pyphen's own
  cache of loaded dictionaries, where ReportLab's hyphenation finds it.

The file holds only plain values (``marshal``: numbers, strings, bytes, lists, tuples, dicts),
never objects to be made from it, and is read only when

- it names the same planpdf, Python, ReportLab and pyphen and the same font and dictionary
  files (their size and modification time, as Python's own bytecode cache checks its sources),
- its checksum holds (a torn or damaged file), and
- on POSIX, the file and its folder belong to the user and no one else may write them (the
  folder is made ``0700`` and the file ``0600``): a cache in a shared folder is not read.

Otherwise the files are parsed as before and the cache written again (atomically,
``files.write_atomic``). A cache that is missing, damaged, stale, shared or cannot be written
only means parsing. (A file the user's own account has crafted, checksum and all, is not
guarded against beyond the shape of its values: whoever can write it can change planpdf too.)
What it gives back makes the same PDF, byte for byte (tests/test_startcache.py).
Babel's Danish data (~8 ms) is not kept: it is made of Babel's classes, and a pickle of them
could run code (a plural rule evaluates code it carries). Made again from plain values through
their constructors, it saved nothing measurable (the file grows by half, and making ~1,000
objects costs most of what loading Babel's pickles does).

The CLI calls ``warm_start`` (``PLANPDF_CACHE`` chooses the folder or turns it off); the library
itself never reads or writes a cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import stat
import sys
from pathlib import Path
from typing import Any

from . import __version__
from .errors import PlanpdfError
from .files import read_bytes, write_atomic
from .layout.fonts import FACES, FAMILY, register, restorable, saved_face

MAGIC = b"planpdf start-up cache 2\n"
UPRIGHT = ("regular", "bold")
_LIMIT = 16 * 1024 * 1024  # the shipped fonts' cache is ~0.3 MB


def default_folder() -> Path:
    """The user's cache folder for planpdf, where the operating system keeps such files
    (``~/.cache/planpdf`` on Linux, ``%LOCALAPPDATA%\\planpdf\\Cache`` on Windows)."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("planpdf", appauthor=False))


def cache_file(folder: Path, fonts_dir: Path) -> Path | None:
    """The cache file in ``folder`` for this installation: named by its Python (bytecode tag,
    e.g. ``cpython-311``) and by where planpdf, its fonts, ReportLab and pyphen are installed, so
    two installations never take turns overwriting one file. None for a Python without a
    bytecode tag."""
    import pyphen
    import reportlab

    tag = sys.implementation.cache_tag
    if tag is None:
        return None
    where = "\n".join(str(Path(p).resolve()) for p in (
        fonts_dir, Path(__file__).parent, Path(reportlab.__file__).parent,
        Path(pyphen.__file__).parent))
    return folder / f"start-{tag}-{hashlib.sha256(where.encode()).hexdigest()[:12]}.bin"


def warm_start(folder: Path, fonts_dir: Path) -> bool:
    """Register the fonts in ``fonts_dir`` and load pyphen's Danish patterns, from the cache in
    ``folder`` where it holds them, else by parsing (and then write the cache). True when the
    cache was used. Once per process; never raises for the cache's sake."""
    if (folder, fonts_dir) not in _started:
        _started[folder, fonts_dir] = _warm_start(folder, fonts_dir)
    return _started[folder, fonts_dir]


_started: dict[tuple[Path, Path], bool] = {}


def _warm_start(folder: Path, fonts_dir: Path) -> bool:
    from .layout.styles import HYPHENATION

    path = cache_file(folder, fonts_dir)
    if path is None:
        register(fonts_dir)
        return False
    key = _key(fonts_dir, HYPHENATION)
    saved = _read(path, key)
    if saved is not None and _install(saved, fonts_dir, HYPHENATION):
        return True
    register(fonts_dir)
    payload = _collect(HYPHENATION, key)
    if payload is not None:
        with contextlib.suppress(PlanpdfError, OSError):  # cannot be written: parse next time
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            if _private(folder):  # else it would never be read
                write_atomic(path, payload, mode=0o600)
    return False


def _key(fonts_dir: Path, language: str) -> str:
    """What the cached values were parsed from: versions and files (size, modification time)."""
    import pyphen
    from reportlab import Version as reportlab_version

    stamps = []
    for file in [*(fonts_dir / FACES[face] for face in UPRIGHT), _dictionary(language)]:
        try:
            info = file.stat()
        except OSError:
            stamps.append(f"{file} -")
        else:
            stamps.append(f"{file} {info.st_size} {info.st_mtime_ns}")
    return "\n".join([__version__, sys.version, str(marshal.version), reportlab_version,
                      pyphen.__version__, language, *stamps])


def _dictionary(language: str) -> Path:
    import pyphen

    return Path(pyphen.LANGUAGES[pyphen.language_fallback(language)])


def _private(path: Path) -> bool:
    """Whether only the user may write ``path`` (POSIX: owned by the user, not writable by
    group or others); always True where there are no such owners (Windows)."""
    if not hasattr(os, "getuid"):
        return True
    try:
        info = path.stat()
    except OSError:
        return False
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _read(path: Path, key: str) -> dict[str, Any] | None:
    """The cached values, or None when the file is missing, damaged, made from other files or
    writable by someone else."""
    if not _private(path.parent):  # first the folder: then no one else can swap the file
        return None
    try:
        data = read_bytes(path, _LIMIT)
    except PlanpdfError:
        return None
    if not _private(path):
        return None
    digest_end = len(MAGIC) + 32
    if not data.startswith(MAGIC) or len(data) > _LIMIT:
        return None
    if hashlib.sha256(data[digest_end:]).digest() != data[len(MAGIC):digest_end]:
        return None
    try:
        saved = marshal.loads(data[digest_end:])
    except Exception:  # whatever marshal makes of bytes it did not write (MemoryError too)
        return None
    if not isinstance(saved, dict) or saved.get("key") != key:
        return None
    return saved


def _install(saved: dict[str, Any], fonts_dir: Path, language: str) -> bool:
    """Give the cached values to pyphen and ReportLab; False (nothing given) when they are not
    what ``_collect`` writes."""
    import pyphen

    faces, hyphenation = saved.get("faces"), saved.get("pyphen")
    if not (isinstance(faces, dict) and isinstance(hyphenation, tuple) and len(hyphenation) == 2):
        return False
    patterns, maxlen = hyphenation
    if not (isinstance(patterns, dict) and isinstance(maxlen, int) and maxlen > 0
            and all(isinstance(v, tuple) and len(v) == 2 for v in patterns.values())
            and all(restorable(faces.get(face)) for face in UPRIGHT)):
        return False
    patterns_made = pyphen.HyphDict.__new__(pyphen.HyphDict)  # as HyphDict.__init__ leaves it
    patterns_made.patterns, patterns_made.cache, patterns_made.maxlen = patterns, {}, maxlen
    pyphen.hdcache.setdefault(_dictionary(language), patterns_made)
    register(fonts_dir, faces)
    return True


def _collect(language: str, key: str) -> bytes | None:
    """The cache file's bytes for the faces this process registered and pyphen's patterns
    (loaded now if they were not); None when a value is not plain enough for ``marshal``."""
    import pyphen
    from reportlab.pdfbase.pdfmetrics import getFont

    hyphenation = pyphen.Pyphen(lang=language).hd
    values = {
        "key": key,
        "faces": {face: saved_face(getFont(f"{FAMILY}-{face}")) for face in UPRIGHT},
        "pyphen": (hyphenation.patterns, hyphenation.maxlen),
    }
    try:
        body = marshal.dumps(values)
    except ValueError:  # a value marshal cannot write (a newer library's): no cache
        return None
    return MAGIC + hashlib.sha256(body).digest() + body
