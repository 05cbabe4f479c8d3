"""Reads one untrusted PDF in a separate, limited process: ``python -m planpdf.diff.pdfworker``.

Protocol: the PDF's bytes on stdin, the mode (``source`` or ``text``) as the only argument; one
JSON object on stdout: ``{"source": str | null, "pages": [str] | null}`` or
``{"error": code, "detail": str, ...}``. The parent (``inputs``) kills the process after a time
limit; here the address space is capped, so a decompression bomb ends in MemoryError, not in a
machine out of memory.
"""

from __future__ import annotations

import json
import sys
from typing import Any

MEMORY_LIMIT = 1024 * 1024 * 1024  # bytes of address space for the worker
MAX_PAGES = 1000
MAX_TEXT_CHARS = 5_000_000


def _limit_memory() -> None:
    try:
        import resource
    except ImportError:  # pragma: no cover - not on Linux/macOS: the time limit still holds
        return
    try:
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = MEMORY_LIMIT if hard == resource.RLIM_INFINITY else min(MEMORY_LIMIT, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):  # pragma: no cover - a platform that refuses: time limit holds
        pass


def read(data: bytes, mode: str, source_name: str) -> dict[str, Any]:
    """Read the embedded source (mode ``source``) or the text of every page (mode ``text``)."""
    import io
    import logging

    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    logging.disable(logging.WARNING)  # pypdf logs repairs of damaged files; the parent decides
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    return {"error": "encrypted", "detail": ""}
            except (DependencyError, FileNotDecryptedError, NotImplementedError):
                return {"error": "encrypted", "detail": ""}
        pages = len(reader.pages)
        if pages > MAX_PAGES:
            return {"error": "pages", "detail": str(pages), "pages": pages, "limit": MAX_PAGES}
        if mode == "source":
            return _source(reader, data)
        texts: list[str] = []
        total = 0
        for page in reader.pages:
            text = page.extract_text() or ""
            total += len(text)
            if total > MAX_TEXT_CHARS:
                return {"error": "text", "detail": "", "limit": MAX_TEXT_CHARS}
            texts.append(text)
        return {"source": None, "pages": texts}
    except FileNotDecryptedError:
        return {"error": "encrypted", "detail": ""}
    except MemoryError:
        return {"error": "corrupt", "detail": "for stor til at læse"}
    except PdfReadError as exc:
        return {"error": "corrupt", "detail": str(exc) or type(exc).__name__}
    except _damage_errors() as exc:  # what a hostile file makes pypdf raise; a bug in planpdf
        return {"error": "corrupt", "detail": type(exc).__name__}  # ends the worker with a traceback


def _damage_errors() -> tuple[type[Exception], ...]:
    from ..edition.read import pdf_read_errors

    return pdf_read_errors()


def _source(reader: Any, data: bytes) -> dict[str, Any]:
    """The embedded source as ``edition.read`` finds it, and ``check_source``'s problems
    (a fingerprint that does not match means the pages may show something else)."""
    from ..edition.read import check_source, edition_of, embedded_source

    found = embedded_source(reader)
    if found is None or not _utf8(found):
        return {"source": None, "bad_source": found is not None, "pages": None}
    problems = check_source(edition_of(reader, data, "")).problems
    return {"source": found.decode("utf-8"), "bad_source": False, "pages": None,
            "source_problems": list(problems)}


def _utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def main() -> int:
    """Entry point of the worker process."""
    _limit_memory()
    from ..provenance import SOURCE_NAME

    mode = sys.argv[1] if len(sys.argv) > 1 else "text"
    result = read(sys.stdin.buffer.read(), mode, SOURCE_NAME)
    sys.stdout.write(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
