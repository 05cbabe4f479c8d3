"""Writing files so that nothing is ever half-written, and OS errors in Danish.

Kept apart from ``render`` so commands that only write files (approve, new, archive, sign) do not
import the layout machinery.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from .errors import OutputError

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
}


def reason(exc: OSError) -> str:
    """An OS error as a short Danish phrase.

    >>> reason(FileNotFoundError(errno.ENOENT, "No such file or directory"))
    'mappen findes ikke'
    """
    return _REASONS.get(exc.errno or 0, exc.strerror or str(exc))


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and a rename.

    A failure leaves any existing file untouched and no temporary file behind.
    """
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"{folder}: error: mappen kan ikke skrives i: {reason(exc)}") from exc
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
        raise OutputError(f"{path}: error: filen kan ikke skrives: {reason(exc)}") from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
