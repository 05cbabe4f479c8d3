"""What a command gets from the outside world: its streams, the environment, the clock.

Every line planpdf prints goes through ``Context``; diagnostics are formatted here and nowhere
else (``path:line:col: error: message`` and a ``hint:`` line).

Nothing a user wrote reaches the terminal raw. A line (``print``, ``error``, each part of a
diagnostic) shows every control, format and bidi character as a visible escape
(``content.controls.printable``), line breaks included, so a key, a file name or a certificate
name can neither drive the terminal nor forge a line of its own. Whatever else is written to the
streams (argparse's help and usage, the diff's summary and JSON) passes ``printable_output``,
which keeps only line breaks and planpdf's own colour codes; the diff escapes the user's text
in its summary with the same ``printable`` before it adds those colour codes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TextIO, cast

import msgspec

from ..content.controls import printable
from ..errors import Diagnostic, PlanpdfError, general

# SGR, "select graphic rendition": the colour codes `planpdf diff` writes on a terminal
_COLOUR = re.compile(r"\x1b\[[0-9;]*m")


def printable_output(text: str) -> str:
    r"""Text bound for a stream: line breaks and colour codes (SGR) stay, all else is escaped.

    >>> printable_output("\x1b[31;9mgammel\x1b[0m \u202e\x1b]0;titel\x07\n")
    '\x1b[31;9mgammel\x1b[0m <U+202E>\\x1b]0;titel\\x07\n'
    """
    lines = []
    for line in text.split("\n"):
        codes = _COLOUR.findall(line)
        pieces = [printable(piece) for piece in _COLOUR.split(line)]
        lines.append(pieces[0] + "".join(c + p for c, p in zip(codes, pieces[1:], strict=True)))
    return "\n".join(lines)


class _Printable:
    """A text stream that passes everything written through ``printable_output``."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(printable_output(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:  # flush, isatty, encoding, fileno …
        return getattr(self.stream, name)


def format_diagnostic(diagnostic: Diagnostic) -> str:
    """One diagnostic as the lines the user reads.

    >>> from planpdf.errors import Span
    >>> print(format_diagnostic(Diagnostic(Span("plan.yaml", 3, 7), "ukendt nøgle 'x'", "mente du 'y'?")))
    plan.yaml:3:7: error: ukendt nøgle 'x'
    plan.yaml:3:7: hint: mente du 'y'?
    """
    where = printable(diagnostic.where)
    text = f"{where}: {diagnostic.severity}: {printable(diagnostic.message)}"
    if diagnostic.hint:
        text += f"\n{where}: hint: {printable(diagnostic.hint)}"
    return text


class Context(msgspec.Struct):
    """A command's streams, environment and standard input; ``debug`` from ``--debug``."""

    out: TextIO
    err: TextIO
    env: Mapping[str, str]
    stdin: TextIO
    debug: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.out, _Printable):
            self.out = cast(TextIO, _Printable(self.out))
        if not isinstance(self.err, _Printable):
            self.err = cast(TextIO, _Printable(self.err))

    def print(self, text: str) -> None:
        """A line of the command's result, on standard output (one line: breaks are escaped)."""
        self.out.write(printable(text) + "\n")

    def error(self, text: str) -> None:
        """A line for the user about problems or progress, on standard error (one line)."""
        self.err.write(printable(text) + "\n")

    def progress_stream(self) -> TextIO | None:
        """Standard error, unescaped, for a progress bar on a terminal (it redraws its line with
        a carriage return); None when standard error is no terminal. Only planpdf's own words
        and counts go there: no name or text of the user's."""
        raw = self.err.stream if isinstance(self.err, _Printable) else self.err
        return raw if raw.isatty() else None

    def diagnostics(self, found: Iterable[Diagnostic]) -> None:
        """Every diagnostic, in the order given, on standard error."""
        for diagnostic in found:
            self.err.write(format_diagnostic(diagnostic) + "\n")

    def now(self) -> datetime:
        """The clock, read only here (the moment of a signature)."""
        return datetime.now().astimezone()

    def cache_folder(self) -> Path | None:
        """``PLANPDF_CACHE``: the folder of the start-up cache (``planpdf.startcache``), the
        user's cache folder when it is unset or empty, none when it is ``off`` (or ``0``,
        ``false``, ``no``, ``nej``, ``fra``); read only here."""
        value = self.env.get("PLANPDF_CACHE", "").strip()
        if value.lower() in ("off", "0", "false", "no", "nej", "fra"):
            return None
        if value:
            return Path(value)
        from ..startcache import default_folder

        return default_folder()

    def source_date(self) -> date | None:
        """SOURCE_DATE_EPOCH as a date, the reproducible-builds convention; read only here."""
        raw = self.env.get("SOURCE_DATE_EPOCH", "").strip()
        if not raw:
            return None
        try:
            return datetime.fromtimestamp(int(raw), UTC).date()
        except (ValueError, OverflowError, OSError):
            raise PlanpdfError(general(f"SOURCE_DATE_EPOCH={raw!r} er ikke et antal sekunder "
                                       "siden 1970")) from None
