"""Quicker stand-ins for ReportLab's number formatting and object writing, byte for byte the same.

A warm build spent about a fifth of its time (sampled) in two places of ReportLab's writer:
``fp_str``, which formats every coordinate, size and colour of the page streams (the same few
hundred numbers over and over), and the generic ``pdfdoc.format``, which writes every value of
every dictionary and array through a chain of type checks and spells each key's PDF name anew.

While ``quick_reportlab()`` is active (``PlanDocTemplate.build`` holds it):

- the canvas and text objects call ``fp_str`` through a memo: the same arguments, the same
  string, since ``fp_str`` depends on its arguments alone;
- ``pdfdoc.format`` writes names, numbers, byte strings and references directly, and hands
  everything else to ReportLab's own ``format``;
- ``PDFDictionary.format`` and ``PDFArray.format`` do what ReportLab's do, with each key's name
  written once per process.

Outside it ReportLab is as it was. The stand-ins give the same bytes by construction, and
tests/test_quick.py compares them with ReportLab's own on generated objects and numbers (and
tests/test_version_bytes.py holds the PDFs' bytes). The memo calls whichever ``fp_str``
ReportLab itself would (its C version when ``rl-accel`` is installed; planpdf does not install
it, since it changes the change report's bytes: README, Speed).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from reportlab import rl_config
from reportlab.lib import rl_accel
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen import canvas, textobject

MEMO_LIMIT = 100_000  # entries per memo, so a long-lived worker stays bounded

_fp_str = rl_accel.fp_str
_format = pdfdoc.format
_Reference = pdfdoc.PDFObjectReference
_remembered_fp_str = lru_cache(maxsize=MEMO_LIMIT)(_fp_str)
_active = 0


def fp_str(*args: Any) -> str:
    """ReportLab's ``fp_str``, remembered (unhashable arguments, such as a list, are not)."""
    try:
        text: str = _remembered_fp_str(*args)
    except TypeError:
        text = _fp_str(*args)
    return text


@lru_cache(maxsize=MEMO_LIMIT)
def _name(key: str) -> bytes:
    """``/Key `` as ReportLab's ``PDFDictionary.format`` writes a key, spelled once."""
    name: bytes = pdfdoc.PDFName(key).encode("extpdfdoc") + b" "
    return name


def format(element: Any, document: Any, toplevel: int = 0) -> bytes:
    """``pdfdoc.format``: the common plain values directly, every other one by ReportLab."""
    kind = type(element)
    if kind is str:
        return element.encode("extpdfdoc")  # type: ignore[no-any-return]
    # numbers and references are ASCII, which PDFDocEncoding spells as ASCII does
    if kind is int or kind is float:  # not bool: ReportLab writes True as "True"
        return fp_str(element).encode("ascii")
    if kind is bytes:
        return element  # type: ignore[no-any-return]
    if kind is _Reference and len(element.__dict__) == 1:  # its name alone: a plain reference
        try:
            number, version = document.idToObjectNumberAndVersion[element.name]
        except (AttributeError, KeyError):  # not a document, or not registered: ReportLab says so
            pass
        else:
            return f"{number} {version} R".encode("ascii")
    result: bytes = _format(element, document, toplevel)
    return result


def dictionary_format(self: Any, document: Any, IND: bytes = b"\n ") -> bytes:
    """``PDFDictionary.format``, the same text."""
    entries = self.dict
    keys = list(entries.keys())
    if not isinstance(entries, OrderedDict):
        keys.sort()
    lines = [_name(k) + format(entries[k], document) for k in keys]
    return b"<<\n" + _joined(self, lines, IND, 6) + b"\n>>"


def array_format(self: Any, document: Any, IND: bytes = b"\n ") -> bytes:
    """``PDFArray.format``, the same text."""
    items = [format(e, document) for e in self.sequence]
    return b"[ " + _joined(self, items, IND, 10) + b" ]"


def _joined(obj: Any, parts: list[bytes], indent: bytes, every: int) -> bytes:
    """The parts as ReportLab joins a dictionary's entries (``every`` 6) or an array's items
    (10): one per line when the object is multi-line, else on one line broken after each
    ``every``."""
    if (obj.multiline and rl_config.pdfMultiLine) or obj.multiline == "forced":
        return indent.join(parts)
    for i in reversed(range(every, len(parts), every)):
        parts.insert(i, b"\n ")
    return b" ".join(parts)


_PLACES = ((canvas, "fp_str", fp_str), (textobject, "fp_str", fp_str), (pdfdoc, "format", format),
           (pdfdoc.PDFDictionary, "format", dictionary_format),
           (pdfdoc.PDFArray, "format", array_format))
_lock = threading.Lock()
_saved: list[Any] = []


@contextmanager
def quick_reportlab() -> Iterator[None]:
    """ReportLab with the stand-ins, until the block ends; then ReportLab as the block found it.
    Nested blocks, and blocks in several threads at once, keep the stand-ins until the last
    ends (they write what ReportLab writes, so another thread's document is not changed)."""
    global _active
    with _lock:
        if _active == 0:
            _saved[:] = [getattr(owner, name) for owner, name, _quick in _PLACES]
            for owner, name, quick in _PLACES:
                setattr(owner, name, quick)
        _active += 1
    try:
        yield
    finally:
        with _lock:
            _active -= 1
            if _active == 0:
                for (owner, name, _quick), before in zip(_PLACES, _saved, strict=True):
                    setattr(owner, name, before)
