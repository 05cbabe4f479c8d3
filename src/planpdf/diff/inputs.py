"""An input to compare → a plan (YAML, or a planpdf PDF with its embedded source) or page texts.

Reading a PDF is bounded, because a PDF may come from anywhere: the file may be at most
``MAX_PDF_BYTES``; pypdf runs in the limited child process of ``edition.bounded`` (address
space capped, killed after its time limit), which reads at most ``pdfworker.MAX_PAGES`` pages
and ``pdfworker.MAX_TEXT_CHARS`` characters of text, and loads the embedded source once, like
any content file (at most 1 MB).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import msgspec

from .. import model as m
from .. import wording
from ..content.load import load_file
from ..edition.bounded import MEMORY_LIMIT, ChildTraceback, bounded
from ..errors import InputError, about
from ..files import reason
from ..provenance import SOURCE_NAME
from . import pdfworker

SOURCE_MISMATCH = ("{file}: den indlejrede kilde stemmer ikke med PDF'ens fingeraftryk ({problems}); "
                   "sammenligningen bruger kilden, og siderne kan vise noget andet")
MAX_PDF_BYTES = 50 * 1024 * 1024


class Input(msgspec.Struct, frozen=True):
    """One side of a comparison as read from disk."""

    file: str
    type: Literal["yaml", "pdf"]
    plan: m.Plan | None  # None: a PDF without embedded source, compared as text only
    pdf: bytes | None  # the PDF's bytes, kept for text extraction
    warnings: tuple[str, ...] = ()  # for the user: e.g. a source that does not match the PDF


def _fail(file: str, message: str, hint: str | None = None) -> InputError:
    return InputError(about(file, message, hint))


def read_input(path: Path) -> Input:
    """Read a YAML content file or a PDF; raise ContentError or InputError with Danish text."""
    file = str(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(1024)
            is_pdf = b"%PDF-" in head
            if not is_pdf and path.suffix.lower() == ".pdf":
                raise _fail(file, wording.NOT_PDF)
            if not is_pdf:
                return Input(file, "yaml", load_file(path).plan, None)
            data = head + handle.read(max(0, MAX_PDF_BYTES + 1 - len(head)))
    except FileNotFoundError:
        raise _fail(file, wording.NOT_FOUND) from None
    except IsADirectoryError:
        raise _fail(file, wording.NOT_READABLE.format(reason="det er en mappe")) from None
    except OSError as exc:
        raise _fail(file, wording.NOT_READABLE.format(reason=reason(exc))) from None
    if len(data) > MAX_PDF_BYTES:
        raise _fail(file, wording.TOO_LARGE.format(size=f"over {MAX_PDF_BYTES // 2**20}",
                                                 limit=MAX_PDF_BYTES // 2**20))
    result = run_worker(file, data, "source")
    if result.get("bad_source"):
        raise _fail(file, wording.SOURCE_NOT_TEXT.format(name=SOURCE_NAME))
    problems = [str(p) for p in result.get("source_problems") or []]
    warnings = (SOURCE_MISMATCH.format(file=file, problems="; ".join(problems)),) if problems else ()
    if result.get("bundle"):
        warnings = (wording.BUNDLE_TEXT_ONLY.format(file=file),)
    return Input(file, "pdf", result.get("plan"), data, warnings)


def run_worker(file: str, data: bytes, mode: Literal["source", "text"]) -> dict[str, Any]:
    """``pdfworker.read`` in the bounded child; a problem becomes an InputError naming ``file``."""
    result: dict[str, Any] = bounded(file, pdfworker.read, data, mode, file, error=InputError)
    error = result.get("error")
    if error == "encrypted":
        raise _fail(file, wording.PDF_ENCRYPTED, wording.PDF_HINT_ENCRYPTED)
    if error == "pages":
        raise _fail(file, wording.PDF_TOO_MANY_PAGES.format(pages=result["pages"],
                                                         limit=pdfworker.MAX_PAGES))
    if error == "text":
        raise _fail(file, wording.PDF_TOO_MUCH_TEXT.format(limit=f"{pdfworker.MAX_TEXT_CHARS:,}"
                                                         .replace(",", ".")))
    # pypdf's own (English) words reach only --debug: the worker's traceback is the cause
    cause = ChildTraceback(result.get("traceback") or error or "")
    if error == "memory":
        raise _fail(file, wording.PDF_TOO_DEMANDING.format(limit=MEMORY_LIMIT // 2**20),
                    wording.PDF_HINT_TOO_DEMANDING) from cause
    if error:
        raise _fail(file, wording.PDF_CORRUPT, wording.PDF_HINT_CORRUPT) from cause
    return result


def page_texts(side: Input) -> list[str]:
    """The text of each page of a PDF input, read by the bounded worker."""
    assert side.pdf is not None
    pages = run_worker(side.file, side.pdf, "text")["pages"]
    if not any(p.strip() for p in pages):
        raise _fail(side.file, wording.PDF_NO_TEXT)
    return [str(p) for p in pages]
