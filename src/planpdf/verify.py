"""Verify an edition PDF: status, approval, fingerprint against the embedded source, signature.

In: a PDF's bytes and the name to report it by. Out: a ``Report`` of findings in Danish; the
CLI prints it and exits 1 when any finding is a problem. pyHanko (``planpdf[sign]``) is needed
only for a signed PDF and is imported only then.

A signature is accepted only when it is intact, cryptographically valid and covers the ENTIRE
file: pyHanko calls a signature with bytes appended after ``%%EOF`` valid "at revision level",
so the byte range is checked against the file's length here as well. A certificate that does
not chain to a trusted issuer (a self-signed one, say) is reported distinctly, as a warning.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .danish import format_date
from .edition import Edition
from .editions_io import load_edition, source_problems
from .errors import PlanpdfError
from .fingerprint import short

UNTRUSTED = "gyldig signatur, men certifikatet er ikke fra en betroet udsteder"


@dataclass(frozen=True)
class Finding:
    """One line of a report: ``ok`` True (checked), False (a problem) or None (a warning)."""

    ok: bool | None
    text: str


@dataclass
class Report:
    """What verification found about one file."""

    subject: str
    findings: list[Finding] = field(default_factory=list)

    def add(self, ok: bool | None, text: str) -> None:
        self.findings.append(Finding(ok, text))

    @property
    def problems(self) -> list[str]:
        return [f.text for f in self.findings if f.ok is False]


def _danish_date(iso: str | None) -> str:
    try:
        return format_date(date.fromisoformat(iso)) if iso else "ukendt dato"
    except ValueError:
        return iso or "ukendt dato"


def verify_pdf(name: str, data: bytes, trust_roots: Sequence[bytes] = ()) -> Report:
    """Check one edition PDF; EditionError when it is unreadable or not made by planpdf.

    ``trust_roots`` are the issuers' certificates (PEM or DER) a signature may chain to; no
    operating-system trust list is used, and nothing is fetched from the network.
    """
    return edition_report(name, data, load_edition(name, data), trust_roots)


def edition_problems(name: str, data: bytes, edition: Edition | None = None) -> list[str]:
    """The problems of an edition PDF: exactly what makes ``planpdf verify FILE`` fail.

    ``archive`` refuses a PDF with any, and ``verify ARKIV`` reports them for each archived file,
    so the two can never disagree about one file.
    """
    if edition is None:
        edition = load_edition(name, data)
    return edition_report(name, data, edition).problems


def edition_report(name: str, data: bytes, edition: Edition,
                   trust_roots: Sequence[bytes] = ()) -> Report:
    """Every finding about an edition already read from ``data`` (see ``verify_pdf``)."""
    from .signing import is_signed

    report = Report(name)
    if edition.status == "godkendt":
        report.add(True, "Status: godkendt")
        who = edition.approved_by or "ukendt"
        report.add(True, f"Godkendt af {who} den {_danish_date(edition.approved_date)}")
    else:
        report.add(None, f"Status: {edition.status or 'ukendt'} (ikke godkendt)")
    assert edition.fingerprint is not None
    problems = source_problems(name, data)
    if problems:
        for problem in problems:
            report.add(False, f"Fingeraftryk {short(edition.fingerprint)}: {problem}")
    else:
        report.add(True, f"Fingeraftryk {short(edition.fingerprint)} stemmer med den "
                         "indlejrede kilde")
    signed = is_signed(data)
    if not problems:
        report.findings.append(check_pages(data, edition, signed))
    if signed:
        report.findings.extend(check_signatures(data, trust_roots))
    else:
        report.add(None, "Ikke digitalt underskrevet")
    return report


PAGES_CHANGED = "siderne svarer ikke til den indlejrede kilde (PDF'en er ændret efter bygningen)"


def check_pages(data: bytes, edition: Edition, signed: bool) -> Finding:
    """Whether the pages are the ones the embedded source gives: planpdf's builds are
    byte-deterministic, so the source is built again and compared with the file.

    The rebuild is dated by the PDF's own /CreationDate (that is how a draft dated by
    SOURCE_DATE_EPOCH was built); a signed PDF must start with the rebuilt bytes (the signature
    is an incremental update after them), an unsigned one must be them exactly. Only a PDF made
    by this very planpdf version can be checked; for others the finding is a note.
    """
    from . import __version__

    if edition.creator != f"planpdf {__version__}":
        maker = edition.creator or "et ukendt program"
        return Finding(None, f"siderne kan ikke kontrolleres: PDF'en er lavet med {maker}")
    assert edition.source_text is not None
    try:
        rebuilt = rebuild(edition.source_text, edition.created)
    except PlanpdfError as exc:
        return Finding(False, f"{PAGES_CHANGED}; kilden kan ikke bygges igen: "
                              + str(exc).split(": error: ", 1)[-1].split("\n", 1)[0])
    same = data.startswith(rebuilt) if signed else data == rebuilt
    if not same:
        return Finding(False, PAGES_CHANGED)
    return Finding(True, "Siderne svarer byte for byte til den indlejrede kilde")


def rebuild(source_text: str, created: date | None) -> bytes:
    """The PDF ``planpdf build`` makes of ``source_text``, dated ``created`` where the content
    does not date itself; ContentError when the source cannot be built."""
    from .build import World, build_source
    from .fingerprint import SOURCE_NAME
    from .fonts import default_fonts_dir
    from .yamlsrc import parse

    return build_source(parse(SOURCE_NAME, source_text), World(default_fonts_dir(), created)).pdf


def _load_roots(trust_roots: Sequence[bytes]) -> list[Any]:
    from asn1crypto import pem, x509

    roots: list[Any] = []
    for blob in trust_roots:
        if pem.detect(blob):
            roots.extend(x509.Certificate.load(der) for _t, _h, der in pem.unarmor(blob, True))
        else:
            roots.append(x509.Certificate.load(blob))
    return roots


def check_signatures(data: bytes, trust_roots: Sequence[bytes] = ()) -> list[Finding]:
    """Validate every signature; the newest must be intact, valid and cover the whole file."""
    try:
        from pyhanko.pdf_utils.reader import PdfFileReader
        from pyhanko.sign.validation import validate_pdf_signature
        from pyhanko.sign.validation.status import SignatureCoverageLevel
        from pyhanko_certvalidator import ValidationContext
    except ImportError:
        return [Finding(False, "PDF'en er underskrevet, men signaturen kan ikke kontrolleres uden "
                               "tilføjelsen planpdf[sign] (pip install 'planpdf[sign]')")]
    from pyhanko.pdf_utils.misc import PdfError

    from .edition import damage, pdf_read_errors

    # pyHanko's base, and what a damaged file raises
    broken: tuple[type[Exception], ...] = (PdfError, *pdf_read_errors())
    try:
        signatures = PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures
    except broken as exc:
        return [Finding(False, f"Signaturen kan ikke læses: PDF'en er beskadiget ({damage(exc)})")]
    try:
        context = ValidationContext(trust_roots=_load_roots(trust_roots), allow_fetching=False)
    except (ValueError, TypeError, KeyError, OSError) as exc:  # asn1crypto on a bad certificate
        return [Finding(False, f"Et betroet certifikat (--betroet) kan ikke læses "
                               f"({type(exc).__name__})")]
    if not signatures:
        return [Finding(False, "PDF'en ligner en underskrevet PDF, men har ingen signatur")]
    findings: list[Finding] = []
    for index, sig in enumerate(signatures):
        newest = index == len(signatures) - 1
        try:
            status = validate_pdf_signature(sig, context)
        except broken as exc:  # pyHanko reports broken signatures by raising, too
            findings.append(Finding(False, f"Signaturen er ugyldig: den kan ikke kontrolleres "
                                           f"({type(exc).__name__})"))
            continue
        who = status.signing_cert.subject.native.get("common_name") or "ukendt"
        when = status.signer_reported_dt
        stamp = f" den {format_date(when.date())}" if when else ""
        if not (status.intact and status.valid):
            findings.append(Finding(False, f"Signatur af {who}: ugyldig (dokumentet er ændret, "
                                           "eller signaturen er beskadiget)"))
            continue
        if status.trusted:
            findings.append(Finding(True, f"Signatur af {who}{stamp}: gyldig og betroet"))
        else:
            findings.append(Finding(None, f"Signatur af {who}{stamp}: {UNTRUSTED}"))
        if newest:
            start, _len1, start2, len2 = (int(x) for x in sig.byte_range)
            whole = (status.coverage == SignatureCoverageLevel.ENTIRE_FILE
                     and start == 0 and start2 + len2 == len(data))
            if whole:
                findings.append(Finding(True, "Signaturen dækker hele filen: intet er ændret "
                                              "efter underskriften"))
            else:
                extra = len(data) - (start2 + len2)
                findings.append(Finding(False, "Dokumentet er ændret efter underskriften: "
                                               f"signaturen dækker ikke hele filen ({extra} "
                                               "byte efter det underskrevne)"))
    return findings
