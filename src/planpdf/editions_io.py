"""Reading an edition PDF from disk for the sign, archive and verify commands.

Turns every way a file can fail to be an edition (missing, unreadable, not a PDF, not made by
planpdf) into one EditionError that names the file.
"""

from __future__ import annotations

from pathlib import Path

from .edition import Edition, damage, pdf_read_errors, read_edition, verify_source
from .errors import EditionError


def read_bytes(path: Path) -> bytes:
    """The file's bytes; EditionError naming the file when it cannot be read."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise EditionError(f"{path}: error: filen findes ikke") from None
    except IsADirectoryError:
        raise EditionError(f"{path}: error: det er en mappe, ikke en PDF-fil") from None
    except OSError as exc:
        raise EditionError(f"{path}: error: filen kan ikke læses: {exc.strerror}") from None


def load_edition(path: Path | str, data: bytes) -> Edition:
    """The edition ``data`` carries; EditionError when it is no PDF or not one planpdf made."""
    if not data.lstrip()[:5] == b"%PDF-":
        raise EditionError(f"{path}: error: filen er ikke en PDF")
    edition = read_edition(data, str(path))
    if not edition.fingerprint:
        raise EditionError(f"{path}: error: PDF'en er ikke lavet af planpdf (den har intet "
                           "fingeraftryk)")
    return edition


def source_problems(path: Path | str, data: bytes) -> list[str]:
    """verify_source's problems, with a damaged file reported as a problem too."""
    try:
        return verify_source(data)
    except EditionError as exc:  # read_edition's reason already says "beskadiget"
        return [exc.reason]
    except pdf_read_errors() as exc:  # the source itself cannot be decoded or loaded
        return [f"PDF'en er beskadiget og kan ikke læses ({damage(exc)})"]
