"""Three regular expressions that ReportLab and PyYAML compile at import, compiled at first use.

A cold ``planpdf build`` spent ~24 ms, about a seventh of its time, compiling three patterns
its dependencies compile when imported and a build seldom or never uses:

- ReportLab's ``platypus.paragraph.uri_pat`` (~20 ms: wide Unicode ranges, case-insensitive),
  which tells a URL in a word that would overflow its line, so that the word may be broken at a
  slash. ReportLab asks it about ordinary words too (planpdf's styles set ``uriWasteReduce``).
  It matches only a text holding ``://``, so ``match`` answers None for any other text at once,
  and the pattern is compiled for the first text that holds one;
- PyYAML's ``reader.Reader.NON_PRINTABLE`` (~3 ms), which only PyYAML's pure-Python reader uses:
  planpdf reads content with libyaml's parser where it can (``content.source``);
- ReportLab's ``lib.textsplit.rx`` (~2 ms), which only ``cjkwrap`` uses.

While ``lazy_patterns()`` is active (the command line holds it while it imports a command's
modules), ``re.compile`` gives each of these three, known by the SHA-256 of its text, as a
``LazyPattern``: the compiled pattern's methods, compiled at the first call. Every other
pattern, and every module imported before or after, is as it was, and afterwards ``re.compile``
is what it was before. Only the command does this, in the process it owns; the library imports
its dependencies as they are. A ReportLab or PyYAML release that changes a pattern's text just
compiles it at import again, and one that uses a pattern elsewhere is not checked here:
tests/test_lazy_patterns.py fails for either, holds where the three are used, and compares the
matches on generated texts.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

# SHA-256 of a pattern's text → a text every match must contain (None: no such shortcut)
LAZY: dict[str, str | None] = {
    # reportlab 5.1.0, platypus/paragraph.py: uri_pat; "(^(?:[a-z0-9\.\-\+]*)://)" opens it
    "e5bef3fc9b6136e3eed630940dbc3a33a3b509939e0932a3dae75cbeaed21b80": "://",
    # PyYAML 6.0.x, reader.py: Reader.NON_PRINTABLE
    "aedab9a463a2025793f24a91acb7bc3a539672d218f1cb6403367d0ca16e9455": None,
    # reportlab 5.1.0, lib/textsplit.py: rx (cjkwrap)
    "2d62702913aa992691edc850f9977ccc5ed70c053e67118e49a2898ce049b124": None,
}

_lock = threading.RLock()


class LazyPattern:
    """A compiled pattern's stand-in, compiled at first use (by ``compiler``, the ``re.compile``
    in place when it was made). ``match`` answers None without compiling for a text that lacks
    ``needed``, a text every match contains. Not a ``re.Pattern``: ``isinstance`` and the
    module-level functions (``re.sub(pattern, …)``) do not take it, which no user of the three
    does (tests/test_lazy_patterns.py lists where ReportLab and PyYAML use them)."""

    __slots__ = ("_compile", "_compiled", "_flags", "_needed", "pattern")

    def __init__(self, pattern: str, flags: int, needed: str | None,
                 compiler: Callable[..., re.Pattern[str]] = re.compile) -> None:
        self.pattern = pattern
        self._flags = flags
        self._needed = needed
        self._compile = compiler
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        """The pattern, compiled now if it has not been."""
        if self._compiled is None:
            self._compiled = self._compile(self.pattern, self._flags)
        return self._compiled

    def match(self, string: Any, *args: Any, **kwargs: Any) -> re.Match[str] | None:
        if (self._needed is not None and not args and not kwargs and isinstance(string, str)
                and self._needed not in string):
            return None
        return self.compiled().match(string, *args, **kwargs)

    def __getattr__(self, name: str) -> Any:  # search, sub, flags, groups …: the pattern's own
        if name.startswith("_"):  # a slot not set yet (copy makes objects without __init__)
            raise AttributeError(name)
        return getattr(self.compiled(), name)

    def __copy__(self) -> LazyPattern:
        return self  # as a compiled pattern copies: itself

    def __deepcopy__(self, memo: Any) -> LazyPattern:
        return self

    def __repr__(self) -> str:
        state = "compiled" if self._compiled is not None else "not compiled yet"
        return f"LazyPattern({self.pattern[:40]!r}…, {state})"


@contextmanager
def lazy_patterns() -> Iterator[None]:
    """While active, the three patterns above are made lazily when their modules are imported;
    afterwards ``re.compile`` is what it was before."""
    with _lock:
        before = re.compile

        def lazy_compile(pattern: Any, flags: Any = 0) -> Any:
            if isinstance(pattern, str):
                digest = hashlib.sha256(pattern.encode("utf-8", "surrogatepass")).hexdigest()
                if digest in LAZY:
                    return LazyPattern(pattern, flags, LAZY[digest], before)
            return before(pattern, flags)

        re.compile = lazy_compile
        try:
            yield
        finally:
            re.compile = before
