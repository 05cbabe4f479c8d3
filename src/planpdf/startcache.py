"""What every build loads before it lays out a page, kept between runs of the command.

A cold ``planpdf build`` spends ~20 ms parsing the same files each time: the two upright Carlito
faces (ReportLab's TrueType parser), Babel's Danish locale data (pickles merged with what they
inherit, and Babel's global data to learn what they inherit) and pyphen's Danish hyphenation
patterns. ``warm_start`` keeps them, as parsed, in one file in the user's cache folder and gives
them back to ReportLab, Babel and pyphen at the next run:

- the faces as ``layout.fonts.saved_face`` gives them (``register`` makes the face from them);
- Babel's merged data for ``danish.LOCALE``, as ``babel.localedata.load`` returns it, put in
  Babel's own cache of loaded locales;
- pyphen's patterns for ``layout.styles.HYPHENATION``, as a ``pyphen.HyphDict`` in pyphen's own
  cache of loaded dictionaries, where ReportLab's hyphenation finds it.

The file is used only when it names the same planpdf, Python, ReportLab, Babel and pyphen and
the same font and data files (their size and modification time, as Python's own bytecode cache
checks its sources), and when its checksum holds; otherwise the files are parsed as before and
the cache written again (atomically, ``files.write_atomic``). A cache that cannot be read or
written only means the files are parsed: it never fails a command. What it gives back makes the
same PDF, byte for byte (tests/test_startcache.py). The file is ``marshal``'s plain values, but
Babel's part is a pickle (Babel's own format), read with only Babel's four classes allowed.

The CLI calls ``warm_start`` (``PLANPDF_CACHE`` chooses the folder or turns it off); the library
itself never reads or writes a cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import marshal
import pickle
import sys
from pathlib import Path
from typing import Any

from . import __version__
from .errors import PlanpdfError
from .files import read_bytes, write_atomic
from .layout.fonts import register, saved_face

MAGIC = b"planpdf start-up cache 1\n"
UPRIGHT = ("regular", "bold")
_LIMIT = 16 * 1024 * 1024  # the sample's cache is ~0.5 MB


def default_folder() -> Path:
    """The user's cache folder for planpdf, where the operating system keeps such files
    (``~/.cache/planpdf`` on Linux, ``%LOCALAPPDATA%\\planpdf\\Cache`` on Windows)."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("planpdf", appauthor=False))


def cache_file(folder: Path) -> Path:
    """The cache file in ``folder``: one per Python (its bytecode tag, e.g. ``cpython-311``)."""
    return folder / f"start-{sys.implementation.cache_tag}.bin"


def warm_start(folder: Path, fonts_dir: Path) -> bool:
    """Register the fonts in ``fonts_dir`` and load Babel's and pyphen's Danish data, from the
    cache in ``folder`` where it holds them, else by parsing (and then write the cache).
    True when the cache was used. Once per process; never raises for the cache's sake."""
    if (folder, fonts_dir) not in _started:
        _started[folder, fonts_dir] = _warm_start(folder, fonts_dir)
    return _started[folder, fonts_dir]


_started: dict[tuple[Path, Path], bool] = {}


def _warm_start(folder: Path, fonts_dir: Path) -> bool:
    from .danish import LOCALE
    from .layout.styles import HYPHENATION

    key = _key(fonts_dir, LOCALE, HYPHENATION)
    saved = _read(cache_file(folder), key)
    if saved is not None and _install(saved, fonts_dir, LOCALE, HYPHENATION):
        return True
    register(fonts_dir)
    payload = _collect(fonts_dir, LOCALE, HYPHENATION, key)
    if payload is not None:
        with contextlib.suppress(PlanpdfError):  # a folder that cannot be written: parse again
            write_atomic(cache_file(folder), payload)
    return False


def _key(fonts_dir: Path, locale: str, language: str) -> str:
    """What the cached values were parsed from: versions and files (size, modification time)."""
    import babel
    import pyphen
    from babel import localedata
    from reportlab import Version as reportlab_version

    from .layout.fonts import FACES

    files = [fonts_dir / FACES[face] for face in UPRIGHT]
    files += [Path(localedata.resolve_locale_filename(name)) for name in _lineage(locale)]
    files += [Path(babel.__file__).parent / "global.dat", Path(_dictionary(language))]
    stamps = []
    for path in files:
        try:
            info = path.stat()
        except OSError:
            stamps.append(f"{path} -")
        else:
            stamps.append(f"{path} {info.st_size} {info.st_mtime_ns}")
    return "\n".join([__version__, sys.implementation.cache_tag, str(marshal.version),
                      reportlab_version, babel.__version__, pyphen.__version__, locale, language,
                      *stamps])


def _lineage(locale: str) -> list[str]:
    """``da_DK``, ``da`` and ``root``: the locale files Babel merges (without its exceptions to
    that rule, which come from global.dat, whose stamp the key holds too)."""
    parts = locale.split("_")
    return ["_".join(parts[:n]) for n in range(len(parts), 0, -1)] + ["root"]


def _dictionary(language: str) -> Path:
    import pyphen

    return Path(pyphen.LANGUAGES[pyphen.language_fallback(language)])


def _read(path: Path, key: str) -> dict[str, Any] | None:
    """The cached values, or None when the file is missing, damaged or made from other files."""
    try:
        data = read_bytes(path, _LIMIT)
    except PlanpdfError:
        return None
    digest_end = len(MAGIC) + 32
    if not data.startswith(MAGIC) or len(data) > _LIMIT:
        return None
    if hashlib.sha256(data[digest_end:]).digest() != data[len(MAGIC):digest_end]:
        return None
    try:
        saved = marshal.loads(data[digest_end:])
    except (EOFError, ValueError, TypeError):
        return None
    if not isinstance(saved, dict) or saved.get("key") != key:
        return None
    return saved


def _install(saved: dict[str, Any], fonts_dir: Path, locale: str, language: str) -> bool:
    """Give the cached values to Babel, pyphen and ReportLab; False (nothing given) when they
    are not what ``_collect`` writes."""
    import pyphen
    from babel import localedata

    try:
        faces = saved["faces"]
        locale_data = _BabelData(io.BytesIO(saved["babel"])).load()
        patterns, maxlen = saved["pyphen"]
        if not (isinstance(faces, dict) and isinstance(locale_data, dict)
                and isinstance(patterns, dict) and isinstance(maxlen, int)):
            return False
    except (KeyError, TypeError, ValueError, EOFError, pickle.UnpicklingError):
        return False
    hyphenation = pyphen.HyphDict.__new__(pyphen.HyphDict)
    hyphenation.patterns, hyphenation.cache, hyphenation.maxlen = patterns, {}, maxlen
    with localedata._cache_lock:
        localedata._cache.setdefault(locale, locale_data)
    pyphen.hdcache.setdefault(_dictionary(language), hyphenation)
    register(fonts_dir, faces)
    return True


def _collect(fonts_dir: Path, locale: str, language: str, key: str) -> bytes | None:
    """The cache file's bytes for what this process has loaded (loading Babel's and pyphen's
    Danish data now if it has not); None when a value is not plain enough for ``marshal``."""
    import pyphen
    from babel import localedata
    from reportlab.pdfbase.pdfmetrics import getFont

    from .layout.fonts import FAMILY

    hyphenation = pyphen.Pyphen(lang=language).hd
    values = {
        "key": key,
        "faces": {face: saved_face(getFont(f"{FAMILY}-{face}")) for face in UPRIGHT},
        "babel": pickle.dumps(localedata.load(locale), protocol=5),
        "pyphen": (hyphenation.patterns, hyphenation.maxlen),
    }
    try:
        body = marshal.dumps(values)
    except ValueError:  # a value marshal cannot write (a newer library's): no cache
        return None
    return MAGIC + hashlib.sha256(body).digest() + body


class _BabelData(pickle.Unpickler):
    """Babel's locale data, allowing only the classes Babel's data is made of."""

    ALLOWED = frozenset({("babel.localedata", "Alias"), ("babel.numbers", "NumberPattern"),
                         ("babel.dates", "DateTimePattern"), ("babel.plural", "PluralRule")})

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in self.ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not Babel's locale data")
        return super().find_class(module, name)
