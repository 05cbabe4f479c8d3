"""Reads one untrusted PDF for the comparison, in the limited child of ``edition.bounded``.

``read(data, mode, name)`` returns ``{"plan": Plan | None, "source_problems": [...],
"bad_source": bool, "bundle": bool}`` (mode ``source``: the embedded source, loaded once, here;
``bundle`` for a bundle of plans, which has none of its own) or
``{"pages": [str]}`` (mode ``text``), or ``{"error": code, ...}`` for an encrypted, too long,
damaged or too demanding PDF (with the pypdf traceback, for a damaged one or one that ran out of
memory). The parent (``inputs``) turns codes into Danish messages and chains the traceback for
``--debug``; the child's time and memory are capped by ``bounded``.
"""

from __future__ import annotations

from typing import Any

MAX_PAGES = 1000
MAX_TEXT_CHARS = 5_000_000


def read(data: bytes, mode: str, name: str) -> dict[str, Any]:
    """Read the embedded source (mode ``source``) or the text of every page (mode ``text``)."""
    import io
    import logging

    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    logging.disable(logging.WARNING)  # pypdf logs repairs of damaged files; the parent decides
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    return {"error": "encrypted"}
            except (DependencyError, FileNotDecryptedError, NotImplementedError):
                return {"error": "encrypted"}
        pages = len(reader.pages)
        if pages > MAX_PAGES:
            return {"error": "pages", "pages": pages, "limit": MAX_PAGES}
        if mode == "source":
            return _source(reader, data, name)
        texts: list[str] = []
        total = 0
        for page in reader.pages:
            text = page.extract_text() or ""
            total += len(text)
            if total > MAX_TEXT_CHARS:
                return {"error": "text", "limit": MAX_TEXT_CHARS}
            texts.append(text)
        return {"pages": texts}
    except FileNotDecryptedError:
        return {"error": "encrypted"}
    except MemoryError:  # past the child's memory cap (``bounded``)
        return {"error": "memory", "traceback": _traceback()}
    # pypdf's errors (PdfReadError among them) and what a hostile file makes it raise; a bug
    # in planpdf is none of these and ends the worker with its traceback
    except _damage_errors():
        return {"error": "corrupt", "traceback": _traceback()}


def _traceback() -> str:
    """The exception being handled, as text: the parent chains it for ``--debug``."""
    import traceback

    try:
        return traceback.format_exc()
    except MemoryError:  # pragma: no cover - not even the text fits
        return "MemoryError"


def _damage_errors() -> tuple[type[Exception], ...]:
    from ..edition.read import pdf_read_errors

    return pdf_read_errors()


def _source(reader: Any, data: bytes, name: str) -> dict[str, Any]:
    """The embedded source as ``edition.read`` finds it, loaded once (a ContentError names the
    file), and where the PDF's metadata disagrees with it (the pages may show something else)."""
    from ..content.load import load_text
    from ..edition.read import edition_of, embedded_images, embedded_source, metadata_problems
    from ..provenance import INFO_BUNDLE, SOURCE_NAME

    found = embedded_source(reader)
    if found is None:  # a bundle of plans carries several sources, and no one plan's; only
        # its key is read, since any other PDF is compared as text whatever its metadata says
        return {"plan": None, "bad_source": False,
                "bundle": INFO_BUNDLE in (reader.metadata or {})}
    if not _utf8(found):
        return {"plan": None, "bad_source": True}
    loaded = load_text(f"{name}#{SOURCE_NAME}", found.decode("utf-8"), embedded_images(reader))
    problems = metadata_problems(edition_of(reader, data, name), loaded)
    return {"plan": loaded.plan, "bad_source": False, "source_problems": problems}


def _utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
