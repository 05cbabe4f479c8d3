"""What a command gets from the outside world: its streams, the environment, the clock.

Every line planpdf prints goes through ``Context``; diagnostics are formatted here and nowhere
else (``path:line:col: error: message`` and a ``hint:`` line).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TextIO

from ..errors import Diagnostic, PlanpdfError, general


def format_diagnostic(diagnostic: Diagnostic) -> str:
    """One diagnostic as the lines the user reads.

    >>> from planpdf.errors import Span
    >>> print(format_diagnostic(Diagnostic(Span("plan.yaml", 3, 7), "ukendt nøgle 'x'", "mente du 'y'?")))
    plan.yaml:3:7: error: ukendt nøgle 'x'
    plan.yaml:3:7: hint: mente du 'y'?
    """
    where = diagnostic.where
    text = f"{where}: {diagnostic.severity}: {diagnostic.message}"
    if diagnostic.hint:
        text += f"\n{where}: hint: {diagnostic.hint}"
    return text


@dataclass
class Context:
    """A command's streams, environment and standard input; ``debug`` from ``--debug``."""

    out: TextIO
    err: TextIO
    env: Mapping[str, str]
    stdin: TextIO
    debug: bool = False

    def print(self, text: str) -> None:
        """A line of the command's result, on standard output."""
        self.out.write(text + "\n")

    def error(self, text: str) -> None:
        """A line for the user about problems or progress, on standard error."""
        self.err.write(text + "\n")

    def diagnostics(self, found: Iterable[Diagnostic]) -> None:
        """Every diagnostic, in the order given, on standard error."""
        for diagnostic in found:
            self.error(format_diagnostic(diagnostic))

    def now(self) -> datetime:
        """The clock, read only here (the moment of a signature)."""
        return datetime.now().astimezone()

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
