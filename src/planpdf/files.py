"""The one reader and the one writer of planpdf's files, with OS errors in Danish.

``read_bytes`` reads only regular files (a FIFO or ``/dev/zero`` is refused before reading), at
most a given number of bytes, and names the file in a Danish diagnostic when it cannot;
``write_atomic`` writes through a temporary file beside the target, so nothing is ever
half-written. Imports only ``errors``.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from .errors import OutputError, PlanpdfError, about

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
               error: type[PlanpdfError] = PlanpdfError) -> bytes:
    """The file's bytes, at most ``limit + 1`` of them (the caller tells "too large").

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
            return handle.read() if limit is None else handle.read(limit + 1)
    except OSError as exc:
        raise error(about(path, f"filen kan ikke læses: {reason(exc)}")) from None
    finally:
        if fd >= 0:
            os.close(fd)


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


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and a rename.

    A failure leaves any existing file untouched and no temporary file behind.
    """
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(about(folder, f"mappen kan ikke skrives i: {reason(exc)}")) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        umask = os.umask(0)
        os.umask(umask)
        Path(tmp).chmod(0o666 & ~umask)
        Path(tmp).replace(path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(about(path, f"filen kan ikke skrives: {reason(exc)}")) from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
