"""Verify an edition PDF: status, approval, fingerprint against the embedded source, signature.

In: an ``Edition`` (a PDF parsed once, see ``read``). Out: a ``Report`` of findings as
diagnostics; the CLI prints it and exits 1 when any finding is an error. pyHanko (``planpdf[sign]``) is needed
only for a signed PDF and is imported only then.

A signature is accepted only when it is intact, cryptographically valid and covers the ENTIRE
file: pyHanko calls a signature with bytes appended after ``%%EOF`` valid "at revision level",
so the byte range is checked against the file's length here as well. A certificate that does
not chain to a trusted issuer (a self-signed one, say) is reported distinctly, as a warning.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import msgspec
from msgspec.structs import replace

from ..content.load import Loaded
from ..danish import format_date
from ..errors import Diagnostic, PlanpdfError, Severity, about
from ..files import read_bytes
from ..layout.fonts import default_fonts_dir
from ..pipeline import World, rebuild
from ..provenance import renderer, short
from .bounded import bounded
from .read import Edition, SourceCheck, check_source, conformance_claims, pdf_read_errors

UNTRUSTED = "gyldig signatur, men certifikatet er ikke fra en betroet udsteder"
OK: Severity = "note"  # a check that passed is a note in the report


class Report(msgspec.Struct):
    """What verification found about one file: a ``note`` for each check that passed, a
    ``warning`` for what the reader should know, an ``error`` for each problem.

    ``unchecked`` names the checks that could not be carried out (the pages of a PDF made by
    another planpdf or ReportLab, say): such a file is never "i orden", but it is not shown to
    be changed either.
    """

    edition: Edition
    findings: list[Diagnostic] = msgspec.field(default_factory=list)
    unchecked: list[str] = msgspec.field(default_factory=list)
    loaded: Loaded | None = None  # the embedded source, when it could be loaded (bundle uses it)
    drafts: int = 0  # a bundle's plans that are drafts (``bundle --udkast``)

    @property
    def approved(self) -> bool:
        """Whether the file is approved: the edition, or every plan in a bundle."""
        if self.edition.bundle is not None:
            return self.drafts == 0
        return self.edition.status == "godkendt"

    @property
    def subject(self) -> str:
        return self.edition.name

    def add(self, severity: Severity, text: str) -> None:
        self.findings.append(_finding(self.edition, severity, text))

    @property
    def errors(self) -> list[str]:
        """What was found wrong."""
        return [f.message for f in self.findings if f.severity == "error"]

    @property
    def problems(self) -> list[str]:
        """Everything that keeps the file from being "i orden": errors and unchecked checks."""
        return [*self.errors, *self.unchecked]

    @property
    def verdict(self) -> str:
        """What the file is, in a few words, when nothing is wrong with it."""
        if self.edition.bundle is not None:
            count = len(self.edition.bundle)
            plans = f"en samling af {count} {'plan' if count == 1 else 'planer'}"
            return f"{plans}, heraf {self.drafts} udkast" if self.drafts else \
                f"{plans}, alle godkendt"
        if self.edition.status != "godkendt":
            return "udkast, ikke godkendt"
        return "godkendt og digitalt underskrevet" if self.edition.signed else \
            "godkendt, ikke digitalt underskrevet"


def _danish_date(iso: str | None) -> str:
    try:
        return format_date(date.fromisoformat(iso)) if iso else "ukendt dato"
    except ValueError:
        return iso or "ukendt dato"


def edition_problems(edition: Edition, trust_roots: Sequence[bytes] = ()) -> list[str]:
    """The problems of an edition PDF: exactly what makes ``planpdf verify FILE`` fail (with
    the same ``--betroet`` issuers, ``trust_roots``).

    ``archive`` and ``sign`` refuse a PDF with any, and ``verify ARKIV`` reports them for each
    archived file, so they can never disagree about one file.
    """
    return verify_edition(edition, trust_roots).problems


def verify_edition(edition: Edition, trust_roots: Sequence[bytes] = ()) -> Report:
    """Every finding about an edition (status, approval, source, pages, signatures).

    ``trust_roots`` are the issuers' certificates (PEM or DER) a signature may chain to; no
    operating-system trust list is used, and nothing is fetched from the network. The work
    (loading the embedded source, rebuilding the pages, validating signatures) runs in a
    limited child process (``bounded``).
    """
    report: Report = bounded(edition.name, _verify, edition, tuple(trust_roots))
    return replace(report, edition=edition)


def _verify(edition: Edition, trust_roots: tuple[bytes, ...]) -> Report:
    """The checks themselves (in the child); the PDF's bytes stay with the parent."""
    report = _checks(edition, trust_roots)
    return replace(report, edition=replace(edition, data=b""))


def _checks(edition: Edition, trust_roots: tuple[bytes, ...]) -> Report:
    report = Report(edition)
    if edition.status == "godkendt":
        report.add(OK, "Status: godkendt")
        who = edition.approved_by or "ukendt"
        report.add(OK, f"Godkendt af {who} den {_danish_date(edition.approved_date)}")
    else:
        report.add("warning", f"Status: {edition.status or 'ukendt'} (ikke godkendt)")
    assert edition.fingerprint is not None
    source = check_source(edition)
    report.loaded = source.loaded
    if source.problems:
        for problem in source.problems:
            report.add("error", f"Fingeraftryk {short(edition.fingerprint)}: {problem}")
    else:
        report.add(OK, f"Fingeraftryk {short(edition.fingerprint)} stemmer med den "
                       "indlejrede kilde")
        pages = check_pages(edition, source)
        report.findings.append(pages)
        if pages.severity == "warning":
            report.unchecked.append(pages.message)
    if edition.signed:
        report.findings.extend(check_signatures(edition, trust_roots))
    else:
        report.add("warning", "Ikke digitalt underskrevet")
    report.findings.append(check_claims(edition))
    return report


def check_claims(edition: Edition) -> Diagnostic:
    """What the PDF's XMP claims (PDF/A-3u and PDF/UA-1 for planpdf's builds): a note when both,
    a warning naming what is missing (an older build, or a file changed by another program).
    A claim, not a validation: veraPDF validates planpdf's builds in its tests."""
    claims = conformance_claims(edition.xmp)
    missing = [want for want in ("PDF/A-3u", "PDF/UA-1") if want not in claims]
    said = " og ".join(claims) if claims else "ingen standard"
    if not missing:
        return _finding(edition, OK, f"Metadata (XMP) erklærer {said}")
    return _finding(edition, "warning", f"Metadata (XMP) erklærer {said}, ikke "
                                         + " og ".join(missing))


def _finding(edition: Edition, severity: Severity, text: str) -> Diagnostic:
    return Diagnostic(None, text, path=edition.name, severity=severity)


PAGES_CHANGED = "siderne svarer ikke til den indlejrede kilde (PDF'en er ændret efter bygningen)"


def check_pages(edition: Edition, source: SourceCheck) -> Diagnostic:
    """Whether the pages are the ones the embedded source gives: planpdf's builds are
    byte-deterministic, so the source is built again and compared with the file.

    The rebuild is dated by the PDF's own /CreationDate (that is how a draft dated by
    SOURCE_DATE_EPOCH was built); a signed PDF must start with the rebuilt bytes (the signature
    is an incremental update after them), an unsigned one must be them exactly. The bytes are
    the same only for the same planpdf and ReportLab, which the PDF records
    (``provenance.INFO_RENDERER``); when they differ from this installation's, the pages cannot
    be checked here, and the finding is a warning that keeps the file from being "i orden".
    Nothing else (the /Creator, say) can switch the check off.
    """
    def finding(severity: Severity, text: str) -> Diagnostic:
        return _finding(edition, severity, text)

    unknown = renderer_problem(edition)
    if unknown is not None:
        return finding("warning", unknown)
    assert source.loaded is not None
    try:
        rebuilt = rebuild(source.loaded, edition.created, World(default_fonts_dir()))
    except PlanpdfError as exc:
        return finding("error", f"{PAGES_CHANGED}; kilden kan ikke bygges igen: {exc.reason}")
    data = edition.data
    same = data.startswith(rebuilt) if edition.signed else data == rebuilt
    if not same:
        return finding("error", PAGES_CHANGED)
    return finding(OK, "Siderne svarer byte for byte til den indlejrede kilde")


def renderer_problem(edition: Edition) -> str | None:
    """Why the pages cannot be rebuilt here: the PDF does not say what made them, or another
    planpdf or ReportLab did (bytes are the same only for the same two); None when they can."""
    ours = renderer()
    if edition.renderer is None:
        return ("siderne kan ikke kontrolleres: PDF'en siger ikke, hvilken planpdf og ReportLab "
                "den er lavet med (en ældre planpdf, eller metadata er ændret)")
    if edition.renderer != ours:
        return (f"siderne kan ikke kontrolleres her: PDF'en er lavet med {edition.renderer}, "
                f"denne installation er {ours}; kontrollér den med den version, den er lavet med")
    return None


def _load_roots(trust_roots: Sequence[bytes]) -> list[Any]:
    from pyhanko.keys.pemder import load_certs_from_pemder_data

    return [cert for blob in trust_roots for cert in load_certs_from_pemder_data(blob)]


NOT_A_CERTIFICATE = "filen kan ikke læses som certifikat (PEM eller DER)"
NOT_A_CERTIFICATE_HINT = ("--betroet skal pege på en udsteders certifikat, fx en .pem-fil, der "
                          "begynder med -----BEGIN CERTIFICATE-----, eller en .cer-fil (DER); "
                          "ikke en nøgle eller en .p12-fil")


def read_trust_roots(paths: Sequence[Path]) -> list[bytes]:
    """The bytes of each ``--betroet`` file, each checked to hold at least one certificate
    (PEM or DER) before any PDF is read; a PlanpdfError naming the first file that does not.

    Without pyHanko (``planpdf[sign]``) the files are only read: no signature can be checked
    then, and a signed PDF says so.
    """
    roots = [read_bytes(path, MAX_CERT_BYTES, too_large=PlanpdfError(cert_too_large(path)))
             for path in paths]
    try:
        from pyhanko.keys.pemder import load_certs_from_pemder_data
        from pyhanko_certvalidator import ValidationContext
    except ImportError:
        return roots
    for path, blob in zip(paths, roots, strict=True):
        try:
            certs = list(load_certs_from_pemder_data(blob))
            for cert in certs:
                cert.native  # noqa: B018 - asn1crypto parses lazily: a damaged body fails here
            ValidationContext(trust_roots=certs, allow_fetching=False)
        except (ValueError, TypeError, KeyError, OSError) as exc:  # asn1crypto's, in English
            raise PlanpdfError(about(path, NOT_A_CERTIFICATE, NOT_A_CERTIFICATE_HINT)) from exc
        if not certs:  # a PEM file with only a key, say
            raise PlanpdfError(about(path, NOT_A_CERTIFICATE, NOT_A_CERTIFICATE_HINT))
    return roots


MAX_CERT_BYTES = 2**20  # a certificate is a few kB; a bundle of every public CA is ~250 kB


def cert_too_large(path: Path) -> Diagnostic:
    """The error for a certificate file (``--betroet``, ``--cert``) over ``MAX_CERT_BYTES``."""
    return about(path, f"filen fylder over {MAX_CERT_BYTES // 2**20} MB og er ikke et "
                       "certifikat, planpdf læser", "angiv selve certifikatfilen (.pem, .crt "
                       "eller .p12), som fylder nogle få kB")


UNTRUSTED_ROOT = "det kæder ikke til en af de betroede udstedere (--betroet)"
_TRUST_PROBLEMS = {
    "EXPIRED": "det var udløbet, da der blev underskrevet",
    "OUT_OF_BOUNDS_NO_POE": "det var ikke gyldigt, da der blev underskrevet",
    "OUT_OF_BOUNDS_NOT_REVOKED": "det var ikke gyldigt, da der blev underskrevet",
    "NOT_YET_VALID": "det var endnu ikke gyldigt, da der blev underskrevet",
    "REVOKED": "det er tilbagekaldt",
    "REVOKED_NO_POE": "det er tilbagekaldt",
    "REVOKED_CA_NO_POE": "udstederens certifikat er tilbagekaldt",
    "SIG_CONSTRAINTS_FAILURE": "det må ikke bruges til underskrifter (nøglebrug)",
    "CHAIN_CONSTRAINTS_FAILURE": "kæden til udstederen overholder ikke reglerne (nøglebrug)",
    "CRYPTO_CONSTRAINTS_FAILURE": "det bruger en algoritme, der ikke længere er sikker",
    "CRYPTO_CONSTRAINTS_FAILURE_NO_POE": "det bruger en algoritme, der ikke længere er sikker",
    # a path that cannot be built or checked: an issuer of the same name with another key, say
    "CERTIFICATE_CHAIN_GENERAL_FAILURE": "kæden til de betroede udstedere holder ikke",
    "POLICY_PROCESSING_ERROR": "certifikatets politik kan ikke godkendes",
    "SIGNATURE_POLICY_NOT_AVAILABLE": "signaturens politik er ikke til rådighed",
    "TIMESTAMP_ORDER_FAILURE": "signaturens tidsstempler står i en umulig rækkefølge",
    "NO_SIGNING_CERTIFICATE_FOUND": "underskriverens certifikat er ikke i signaturen",
    "REVOCATION_OUT_OF_BOUNDS_NO_POE": "oplysningerne om tilbagekaldelse er ikke fra tiden, "
                                       "da der blev underskrevet",
    "NO_POE": "intet viser, hvornår der blev underskrevet",
    "TRY_LATER": "det kræver oplysninger om tilbagekaldelse, som planpdf ikke henter fra nettet",
    "SIGNED_DATA_NOT_FOUND": "det underskrevne indhold findes ikke i signaturen",
}
TRUST_PROBLEM = "det kan ikke godkendes"  # pyHanko's GENERIC, or a reason newer than this table


def _trust_problem(status: Any) -> str | None:
    """pyHanko's reason a certificate is not trusted, in Danish; None for "no chain found".

    pyHanko reports a certificate used before its validity as a general chain failure, so the
    validity dates are compared with the signing time here too.
    """
    cert, when = status.signing_cert, status.signer_reported_dt or status.validation_time
    if when is not None and cert.not_valid_before > when:
        return _TRUST_PROBLEMS["NOT_YET_VALID"]
    if when is not None and cert.not_valid_after < when:
        return _TRUST_PROBLEMS["EXPIRED"]
    name = getattr(status.trust_problem_indic, "name", None)
    if name is None or name == "NO_CERTIFICATE_CHAIN_FOUND":
        return None
    return _TRUST_PROBLEMS.get(name, TRUST_PROBLEM)


def same_person(a: str, b: str) -> bool:
    """Whether two names are the same person's as written (case and spacing aside).

    >>> same_person("Jørn  Lykkebak", "jørn lykkebak")
    True
    """
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def check_signatures(edition: Edition, trust_roots: Sequence[bytes] = ()) -> list[Diagnostic]:
    """Validate every signature; the newest must be intact, valid and cover the whole file."""
    data = edition.data

    def finding(severity: Severity, text: str) -> Diagnostic:
        return _finding(edition, severity, text)

    try:
        from pyhanko.pdf_utils.reader import PdfFileReader
        from pyhanko.sign.validation import validate_pdf_signature
        from pyhanko.sign.validation.status import SignatureCoverageLevel
        from pyhanko_certvalidator import ValidationContext
    except ImportError:
        return [finding("error", "PDF'en er underskrevet, men signaturen kan ikke kontrolleres "
                                 "uden tilføjelsen planpdf[sign] (pip install 'planpdf[sign]')")]
    from pyhanko.pdf_utils.misc import PdfError

    # pyHanko's base, and what a damaged file raises
    broken: tuple[type[Exception], ...] = (PdfError, *pdf_read_errors())
    try:
        signatures = PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures
    except broken:  # pyHanko's words are English; the finding says it in Danish
        return [finding("error", "Signaturen kan ikke læses, fordi PDF'en er beskadiget")]
    try:
        context = ValidationContext(trust_roots=_load_roots(trust_roots), allow_fetching=False)
    except (ValueError, TypeError, KeyError, OSError):  # read_trust_roots checked them first
        return [finding("error", "De betroede certifikater (--betroet) kan ikke bruges")]
    if not signatures:
        return [finding("error", "PDF'en ligner en underskrevet PDF, men har ingen signatur")]
    findings: list[Diagnostic] = []
    for index, sig in enumerate(signatures):
        newest = index == len(signatures) - 1
        try:
            status = validate_pdf_signature(sig, context)
        except broken:  # pyHanko reports broken signatures by raising, too (in English)
            findings.append(finding("error", "Signaturen er ugyldig: den kan ikke kontrolleres"))
            continue
        findings += _signature_findings(edition, sig, status, newest=newest,
                                        trust_asked=bool(trust_roots),
                                        entire=SignatureCoverageLevel.ENTIRE_FILE)
    return findings


def _signature_findings(edition: Edition, sig: Any, status: Any, *, newest: bool,
                        trust_asked: bool, entire: Any) -> list[Diagnostic]:
    """What one validated signature says: valid or not, trusted or why not, whether the
    signer is the approver, and (for the newest) whether it covers the whole file."""
    def finding(severity: Severity, text: str) -> Diagnostic:
        return _finding(edition, severity, text)

    who = status.signing_cert.subject.native.get("common_name") or "ukendt"
    when = status.signer_reported_dt
    stamp = f" den {format_date(when.date())}" if when else ""
    if not (status.intact and status.valid):
        return [finding("error", f"Signatur af {who}: ugyldig (dokumentet er ændret, "
                                 "eller signaturen er beskadiget)")]
    if status.trusted:
        findings = [finding(OK, f"Signatur af {who}{stamp}: gyldig og betroet")]
    elif not trust_asked:  # nobody named an issuer to trust: a self-signed one, say
        findings = [finding("warning", f"Signatur af {who}{stamp}: {UNTRUSTED}")]
    else:  # the user asked for trust: say pyHanko's reason
        problem = _trust_problem(status) or UNTRUSTED_ROOT
        findings = [finding("error", f"Signatur af {who}{stamp}: certifikatet godkendes ikke: "
                                     f"{problem}")]
    if not newest:
        return findings
    if edition.approved_by and not same_person(who, edition.approved_by):
        findings.append(finding("warning", f"Signaturen er af {who}, men planen er godkendt "
                                           f"af {edition.approved_by}"))
    data = edition.data
    start, _len1, start2, len2 = (int(x) for x in sig.byte_range)
    if status.coverage == entire and start == 0 and start2 + len2 == len(data):
        findings.append(finding(OK, "Signaturen dækker hele filen: intet er ændret efter "
                                    "underskriften"))
    else:
        extra = len(data) - (start2 + len2)
        findings.append(finding("error", "Dokumentet er ændret efter underskriften: signaturen "
                                         f"dækker ikke hele filen ({extra} byte efter det "
                                         "underskrevne)"))
    return findings
