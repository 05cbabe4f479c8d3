"""Positions, diagnostics and the one root exception. Imports nothing of planpdf's."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Span:
    """A place in a content file: 1-based line and column."""

    path: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in the user's content, with where it is and how to fix it."""

    span: Span | None
    message: str
    hint: str | None = None
    path: str | None = None  # the file, when there is no line and column to give
    severity: str = "error"

    def __str__(self) -> str:
        where = str(self.span) if self.span else (self.path or "planpdf")
        text = f"{where}: {self.severity}: {self.message}"
        if self.hint:
            text += f"\n{where}: hint: {self.hint}"
        return text


class PlanpdfError(Exception):
    """Root of every error planpdf raises on purpose; the CLI prints it and exits 1."""


class ContentError(PlanpdfError):
    """The content cannot be used; carries every diagnostic found, in file order."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = sorted(
            diagnostics, key=lambda d: (d.span or Span(d.path or "", 0, 0), d.message)
        )
        super().__init__("\n".join(str(d) for d in self.diagnostics))


class OutputError(PlanpdfError):
    """A file could not be written; nothing was left half-written."""


class InputError(PlanpdfError):
    """A file given to compare cannot be read: missing, corrupt, encrypted, without text, too big."""


class EditionError(PlanpdfError):
    """A PDF cannot be read as an edition planpdf made, or is not the kind the command needs."""

    def __init__(self, message: str, reason: str | None = None) -> None:
        super().__init__(message)
        self.reason = reason or message  # the sentence without "file: error:", for lists


class SigningError(PlanpdfError):
    """A PDF could not be signed (certificate, password, or the PDF itself); nothing was written."""


class ArchiveError(PlanpdfError):
    """The archive refused a PDF or its manifest cannot be used; nothing was changed."""


class ContentEditError(PlanpdfError):
    """A content file cannot be changed as asked (approve, new); nothing was written."""
