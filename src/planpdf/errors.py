"""Positions, diagnostics and the one root exception. Imports nothing of planpdf's.

Every problem planpdf finds is a ``Diagnostic`` value from the place it is found to the CLI,
which alone turns it into text (``path:line:col: error: …``). No code builds such a line itself
or parses one back.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import msgspec

Severity = Literal["error", "warning", "note"]


class Span(msgspec.Struct, frozen=True, order=True):
    """A place in a content file: 1-based line and column."""

    path: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


class Diagnostic(msgspec.Struct, frozen=True):
    """One finding about the user's files, with where it is and how to fix it.

    ``span`` is a line and column; without one, ``path`` names the file (or nothing: the
    finding is about planpdf's command as a whole). ``severity`` is ``error`` (the command
    fails), ``warning`` (the user should look) or ``note`` (information, e.g. a check passed).
    """

    span: Span | None
    message: str
    hint: str | None = None
    path: str | None = None
    severity: Severity = "error"

    @property
    def where(self) -> str:
        """The place as the CLI names it: ``path:line:col``, the file, or ``planpdf``."""
        return str(self.span) if self.span else (self.path or "planpdf")


def about(path: object, message: str, hint: str | None = None,
          severity: Severity = "error") -> Diagnostic:
    """A diagnostic about a whole file (no line and column)."""
    return Diagnostic(None, message, hint, path=str(path), severity=severity)


def general(message: str, hint: str | None = None) -> Diagnostic:
    """A diagnostic about the command as a whole (a wrong option, a missing extra)."""
    return Diagnostic(None, message, hint)


class PlanpdfError(Exception):
    """Root of every error planpdf raises on purpose; carries diagnostics for the CLI to print."""

    def __init__(self, diagnostics: Diagnostic | Iterable[Diagnostic]) -> None:
        found = [diagnostics] if isinstance(diagnostics, Diagnostic) else list(diagnostics)
        self.diagnostics: tuple[Diagnostic, ...] = tuple(self._order(found))
        super().__init__("\n".join(f"{d.where}: {d.severity}: {d.message}"
                                   for d in self.diagnostics))

    @staticmethod
    def _order(found: list[Diagnostic]) -> list[Diagnostic]:
        return found

    def __reduce__(self) -> tuple[type[PlanpdfError], tuple[tuple[Diagnostic, ...]]]:
        """Pickled by its diagnostics (errors cross from the bounded child process)."""
        return (type(self), (self.diagnostics,))

    @property
    def reason(self) -> str:
        """The first problem's sentence, for a list of reasons (never parsed back)."""
        return self.diagnostics[0].message if self.diagnostics else ""


class ContentError(PlanpdfError):
    """The content cannot be used; carries every diagnostic found, in file order."""

    @staticmethod
    def _order(found: list[Diagnostic]) -> list[Diagnostic]:
        return sorted(found, key=lambda d: (d.span or Span(d.path or "", 0, 0), d.message))


class OutputError(PlanpdfError):
    """A file could not be written; nothing was left half-written."""


class InputError(PlanpdfError):
    """A file given to compare cannot be read: missing, corrupt, encrypted, without text, too big."""


class EditionError(PlanpdfError):
    """A PDF cannot be read as an edition planpdf made, or is not the kind the command needs."""


class SigningError(PlanpdfError):
    """A PDF could not be signed (certificate, password, or the PDF itself); nothing was written."""


class ArchiveError(PlanpdfError):
    """The archive refused a PDF or its manifest cannot be used; nothing was changed."""


class ContentEditError(PlanpdfError):
    """A content file cannot be changed as asked (approve, new); nothing was written."""
