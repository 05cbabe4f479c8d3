"""The one reader and the one writer of planpdf's files, with OS errors in Danish.

``read_bytes`` reads only regular files (a FIFO or ``/dev/zero`` is refused before reading), at
most a given number of bytes, and names the file in a Danish diagnostic when it cannot;
``write_atomic`` writes through a temporary file beside the target, so nothing is ever
half-written, and ``sweep_leftovers`` removes the temporary files of writers that were killed.
Imports only ``errors``.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from .errors import OutputError, PlanpdfError, about

_flock: Callable[[int, int], None] | None
try:
    import fcntl
except ImportError:  # Windows
    _flock, _LOCK_EX, _LOCK_NB = None, 0, 0
else:
    _flock, _LOCK_EX, _LOCK_NB = fcntl.flock, fcntl.LOCK_EX, fcntl.LOCK_NB

_TEMP_NAME = re.compile(r"\.(?P<target>.+)\.[a-z0-9_]{8}\.tmp")

_REASONS = {
    errno.ENOENT: "mappen findes ikke",
    errno.ENOTDIR: "en del af stien er en fil, ikke en mappe",
    errno.EISDIR: "der ligger en mappe med det navn",
    errno.EEXIST: "der ligger en fil med det navn",
    errno.EACCES: "ingen adgang (rettigheder)",
    errno.EPERM: "ingen adgang (rettigheder)",
    errno.EROFS: "drevet er skrivebeskyttet",
    errno.ENOSPC: "der er ikke mere plads på drevet",
    errno.EDQUOT: "der er ikke mere plads på drevet (kvote)",
    errno.ELOOP: "stien har for mange symbolske links (måske en løkke)",
    errno.ENAMETOOLONG: "navnet er for langt",
    errno.EIO: "drevet kunne ikke læses (I/O-fejl)",
}


def reason(exc: OSError) -> str:
    """An OS error as a short Danish phrase.

    >>> reason(FileNotFoundError(errno.ENOENT, "No such file or directory"))
    'mappen findes ikke'
    >>> reason(OSError(errno.ELOOP, "Too many levels of symbolic links"))
    'stien har for mange symbolske links (måske en løkke)'
    """
    return _REASONS.get(exc.errno or 0, "systemfejl " + (errno.errorcode.get(exc.errno or 0)
                                                         or "ukendt"))


def read_bytes(path: str | Path, limit: int | None = None,
               error: type[PlanpdfError] = PlanpdfError,
               too_large: PlanpdfError | None = None) -> bytes:
    """The file's bytes, at most ``limit + 1`` of them: more than ``limit`` raises
    ``too_large`` when it is given, else the caller tells "too large" (at a line and column).

    Only a regular file is read: a FIFO would block forever and a device (``/dev/zero``) never
    ends, so the file is opened without blocking and refused by its type before any byte is
    read. Raises ``error`` with one Danish diagnostic naming the file when it cannot be read.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise error(about(path, "filen findes ikke")) from None
    except IsADirectoryError:
        raise error(about(path, "det er en mappe, ikke en fil")) from None
    except OSError as exc:
        raise error(about(path, f"filen kan ikke læses: {reason(exc)}")) from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise error(about(path, "det er en mappe, ikke en fil"))
        if not stat.S_ISREG(mode):
            raise error(about(path, f"det er ikke en almindelig fil, men {_kind(mode)}; planpdf "
                              "læser kun almindelige filer",
                              "gem indholdet i en fil, og angiv den fil"))
        with os.fdopen(fd, "rb") as handle:
            fd = -1  # the handle closes it now
            data = handle.read() if limit is None else handle.read(limit + 1)
    except OSError as exc:
        raise error(about(path, f"filen kan ikke læses: {reason(exc)}")) from None
    finally:
        if fd >= 0:
            os.close(fd)
    if too_large is not None and limit is not None and len(data) > limit:
        raise too_large
    return data


def _kind(mode: int) -> str:
    """What a file that is not a regular file is, in Danish.

    >>> _kind(stat.S_IFIFO), _kind(stat.S_IFCHR)
    ('en navngiven kanal (FIFO)', 'en enhedsfil (device)')
    """
    if stat.S_ISFIFO(mode):
        return "en navngiven kanal (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "en enhedsfil (device)"
    if stat.S_ISSOCK(mode):
        return "en sokkel (socket)"
    return "en særlig fil"


def same_path(a: str | Path, b: str | Path) -> bool:
    """Whether two paths name the same file; a symlink loop is left for the reader to report
    (``Path.resolve`` raises RuntimeError on one, ``os.path.realpath`` does not).

    >>> same_path("output/../plan.pdf", "plan.pdf")
    True
    """
    return os.path.realpath(a) == os.path.realpath(b)


def temp_target(name: str) -> str | None:
    """The file a temporary file of ``write_atomic`` was to become, or None for other names.

    ``write_atomic`` names its temporary file ``.<name>.<8 random characters>.tmp`` (tempfile's
    own alphabet), so a leftover can be told from the user's files.

    >>> temp_target(".manifest.json.k2v9_xq1.tmp")
    'manifest.json'
    >>> temp_target(".planpdf.lock") is None
    True
    """
    found = _TEMP_NAME.fullmatch(name)
    return found["target"] if found else None


def sweep_leftovers(folder: Path, target: str | None = None) -> list[Path]:
    """Remove the temporary files that ``write_atomic`` runs left in ``folder`` when they were
    killed (all of them, or those meant to become ``target``); returns what was removed.

    A running ``write_atomic`` holds an OS lock (``flock``) on its temporary file until the
    rename, so a file whose lock can be taken belongs to a writer that is gone; a file that is
    still held is left alone. Where there is no ``flock`` (Windows), a file another writer still
    has open cannot be removed, which is nearly the same test (not for the instant between that
    writer's close and its rename, so callers there should hold a lock of their own, as the
    archive does).
    """
    try:
        with os.scandir(folder) as found:
            names = sorted(entry.name for entry in found
                           if entry.is_file(follow_symlinks=False) and temp_target(entry.name)
                           and target in (None, temp_target(entry.name)))
    except OSError:
        return []
    return [folder / name for name in names if _remove_if_abandoned(folder / name)]


def _remove_if_abandoned(path: Path) -> bool:
    if _flock is None:
        try:
            path.unlink()
        except OSError:
            return False
        return True
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return False
    try:
        _flock(fd, _LOCK_EX | _LOCK_NB)  # fails while the writer lives
        if not os.path.samestat(os.fstat(fd), path.lstat()):
            return False
        path.unlink()
    except OSError:
        return False
    finally:
        os.close(fd)
    return True


def _claimed_temp(folder: Path, name: str) -> tuple[int, str]:
    """A new temporary file beside ``name``, opened and held (``flock``) until it is closed.

    A sweeper that removed the file between its creation and the lock leaves it without a
    name (``st_nlink`` 0); then another one is made.
    """
    while True:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
        if _flock is None:
            return fd, tmp
        try:
            _flock(fd, _LOCK_EX)
        except OSError:  # a file system without flock: write unheld, as before
            return fd, tmp
        if os.fstat(fd).st_nlink > 0:
            return fd, tmp
        os.close(fd)


def _sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (best effort: not every system can open a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and a rename.

    A failure leaves any existing file untouched and no temporary file behind; a run that is
    killed may leave one, which the next write to the same file removes (``sweep_leftovers``).
    The new file gets ``mode`` (default: read-write as the umask allows) before it appears
    under its name, and the rename is flushed to disk with the data.
    """
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        sweep_leftovers(folder, path.name)
        fd, tmp = _claimed_temp(folder, path.name)
    except OSError as exc:
        raise OutputError(about(folder, f"mappen kan ikke skrives i: {reason(exc)}")) from exc
    handle = os.fdopen(fd, "wb")
    try:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        Path(tmp).chmod(mode)
        if _flock is None:
            handle.close()  # Windows renames no open file; there is no hold to keep anyway
        Path(tmp).replace(path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(about(path, f"filen kan ikke skrives: {reason(exc)}")) from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    finally:
        handle.close()  # releases the hold, after the rename
    _sync_folder(folder)
