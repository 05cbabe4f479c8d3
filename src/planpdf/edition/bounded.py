"""Work on a PDF from outside, done in a child process with limits on time and memory.

A PDF may come from anywhere: parsing it, loading its embedded source and rebuilding its pages
run here in a forked child (``spawn`` where there is no fork) whose address space is capped, and
which is killed after ``TIMEOUT_SECONDS``. A planpdf error in the child comes back as itself;
running out of time or memory is an ``EditionError`` naming the file. The size limit is applied
before anything is read (``MAX_PDF_BYTES``).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from ..errors import EditionError, PlanpdfError, about

MAX_PDF_BYTES = 50 * 1024 * 1024
TIMEOUT_SECONDS = 60.0
MEMORY_LIMIT = 1024 * 1024 * 1024  # bytes of address space the child may add to its parent's

T = TypeVar("T")


class ChildTraceback(Exception):
    """The child process's traceback, as the cause of its error (shown with ``--debug``)."""


def too_large(name: str) -> EditionError:
    """The error for a PDF over ``MAX_PDF_BYTES`` (read no further than one byte past it)."""
    return EditionError(about(name, f"filen fylder over {MAX_PDF_BYTES // 2**20} MB; højst "
                                    f"{MAX_PDF_BYTES // 2**20} MB kontrolleres",
                              "en handlingsplan fylder sjældent over 1 MB; er det den rigtige fil?"))


def _limit_memory() -> None:
    try:
        import resource
    except ImportError:  # pragma: no cover - not on Linux/macOS: the time limit still holds
        return
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:  # noqa: PTH123 - a proc file
            now = int(statm.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError):  # pragma: no cover - no /proc: only the time limit holds
        return
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = now + MEMORY_LIMIT
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    with contextlib.suppress(ValueError, OSError):  # a platform that refuses: time limit holds
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _child(conn: Connection, func: Callable[..., Any], args: tuple[Any, ...]) -> None:
    _limit_memory()
    try:
        result: tuple[str, Any] = ("ok", func(*args))
    except PlanpdfError as exc:
        result = ("error", (exc, traceback.format_exc()))
    except MemoryError:
        result = ("memory", None)
    except Exception:  # a bug in planpdf: the parent raises it with the child's traceback
        result = ("bug", traceback.format_exc())
    try:
        conn.send(result)
    except MemoryError:  # pragma: no cover - the result itself does not fit
        conn.send(("memory", None))
    conn.close()


def bounded(name: str, func: Callable[..., T], *args: Any,
            error: type[PlanpdfError] = EditionError) -> T:
    """``func(*args)`` in a limited child process; its result, or its planpdf error.

    Running out of time or memory raises ``error`` (an ``EditionError`` unless the caller
    reads PDFs for another purpose, such as the comparison's ``InputError``).
    """
    methods = multiprocessing.get_all_start_methods()
    context: Any = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(send, func, args), daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(TIMEOUT_SECONDS):
            raise error(about(name, f"PDF'en kunne ikke læses inden for {TIMEOUT_SECONDS:g} "
                                    "sekunder og er opgivet",
                              "er det en handlingsplan? En plan læses normalt på under et "
                              "sekund"))
        try:
            kind, value = receive.recv()
        except EOFError:
            kind, value = "memory", None  # the child died: killed by the memory cap
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receive.close()
    if kind == "ok":
        return value  # type: ignore[no-any-return]
    if kind == "error":
        failure, child_traceback = value
        del value  # this frame must not hold the error it raises (see below)
        try:
            raise failure from ChildTraceback(child_traceback)
        finally:  # else error → traceback → this frame → error: a cycle, kept for good while
            del failure  # the command runs without the cyclic collector (``cli.run``)
    if kind == "memory":
        raise error(about(name, f"PDF'en kræver mere end {MEMORY_LIMIT // 2**20} MB "
                                "hukommelse at læse og er opgivet"))
    raise RuntimeError(f"fejl i planpdf under kontrollen af {name}:\n{value}")
