"""Sign an approved edition with a PAdES signature (pyHanko), keeping its PDF/A properties.

In: the approved PDF's bytes, a PKCS#12 file's bytes and its password, the signing moment (from
the CLI). Out: the signed PDF's bytes, an incremental update of the input.

PDF/A: pyHanko's writer normally rewrites the document information (ModDate, Producer) and
re-serialises the XMP packet through its own XMP model on every incremental update; that
round trip is known to turn valid PDF/A extension schemas into invalid RDF (pyHanko issue
#755). planpdf's signature changes no metadata at all: the writer keeps Info and XMP as they
are (``_KeepMetadataWriter``), and ``sign_pdf`` checks afterwards that the XMP packet and the
Info dictionary are byte for byte the same, refusing to return anything otherwise. The visible
appearance is drawn with ReportLab in the embedded Carlito font, so every font stays embedded.

PDF/UA: a widget pyHanko creates is untagged and has no ``/TU``, which PDF/UA-1 forbids
(7.18.1, 7.18.4). So the build creates the signature field (``layout.signoff``: ``/TU``, a
``Form`` element, its ``/StructParent``) and ``sign_pdf`` fills that field; pyHanko keeps the
widget's keys and sets its value and appearance. It checks afterwards that the signed field is
still that tagged field.

pyHanko is an optional extra (``planpdf[sign]``) and is imported only inside these functions.
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

import msgspec
from reportlab.pdfgen.canvas import Canvas

from .. import wording
from ..danish import format_date, format_time
from ..errors import SigningError, about, general
from ..layout.fonts import FAMILY, default_fonts_dir, register
from ..pdfa import drop_unmapped_codes
from .read import Edition, read_edition
from .verify import check_signatures, edition_problems, same_person

# Where the signature goes when the edition names no box: bottom left of the last page.
DEFAULT_BOX = (56.0, 56.0, 306.0, 116.0)


class Signed(msgspec.Struct, frozen=True):
    """A signed PDF and who signed it."""

    pdf: bytes
    signer_name: str
    note: str | None = None  # said to the user: the visible stamp shows another name


def _require_pyhanko() -> None:
    try:
        import pyhanko  # noqa: F401
    except ImportError:
        raise SigningError(general("digital signatur kræver tilføjelsen planpdf[sign]; "
                           "installér den med: pip install 'planpdf[sign]'")) from None


def load_signer(p12: bytes, password: bytes | None, cert_name: str) -> Any:
    """A pyHanko SimpleSigner from PKCS#12 bytes; SigningError on a wrong password or bad file."""
    _require_pyhanko()
    from cryptography.hazmat.primitives.serialization import pkcs12
    from pyhanko.sign.signers import SimpleSigner

    try:
        key, cert, _others = pkcs12.load_key_and_certificates(p12, password)
    except ValueError:
        raise SigningError(about(cert_name, "certifikatet kan ikke åbnes: forkert adgangskode, "
                           "eller filen er ikke en PKCS#12-fil (.p12/.pfx)")) from None
    if key is None or cert is None:
        raise SigningError(about(cert_name, "certifikatfilen indeholder ikke både en nøgle og "
                           "et certifikat"))
    try:
        return SimpleSigner.load_pkcs12_data(p12, [], passphrase=password)
    except ValueError:
        raise SigningError(about(cert_name, "certifikatet kan ikke bruges")) from None


def signer_name(signer: Any) -> str:
    """The certificate's common name (or its whole subject)."""
    subject = signer.signing_cert.subject
    name = subject.native.get("common_name")
    return str(name) if name else str(subject.human_friendly)


def stamp_name(certificate_name: str, approved_by: str | None) -> tuple[str, str | None]:
    """The name the visible signature shows, and a note when it is not the certificate's.

    The stamp is drawn in Carlito; a character it lacks would silently vanish, so a certificate
    name with such characters is replaced by the approver's name from the plan (which the
    build's glyph check has passed), and the note says so. The digital signature itself always
    carries the certificate's name, and ``verify`` reports that one.
    """
    charset = register(default_fonts_dir()).charset
    missing = sorted({c for c in certificate_name if ord(c) not in charset})
    if not missing:
        return certificate_name, None
    chars = ", ".join(f"U+{ord(c):04X}" for c in missing)
    if not approved_by or any(ord(c) not in charset for c in approved_by):
        raise SigningError(general(f"certifikatets navn {certificate_name!r} har tegn, "
                           f"skrifttypen {FAMILY} ikke kan vise ({chars}), og planen har intet "
                           "navn på godkenderen at vise i stedet"))
    return approved_by, (f"certifikatets navn {certificate_name!r} har tegn, skrifttypen {FAMILY} "
                         f"ikke kan vise ({chars}); den synlige underskrift viser derfor "
                         f"godkenderens navn fra planen, {approved_by!r}. Den digitale signatur "
                         "bærer certifikatets navn")


def appearance_pdf(name: str, when: datetime, width: float, height: float) -> bytes:
    """A one-page PDF of the box's size: the visible signature text, in the embedded font."""
    fonts = register(default_fonts_dir())
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height), invariant=1,
                    initialFontName=fonts.regular)
    lines = [(fonts.bold, wording.SIGNED_BY.format(name=name)),
             (fonts.regular, wording.SIGNED_AT.format(date=format_date(when.date()),
                                                    time=format_time(when.time())))]
    size = min(10.0, height / 3.2)
    for font, line in lines:  # shrink until the longest line fits
        while size > 5 and canvas.stringWidth(line, font, size) > width - 8:
            size -= 0.5
    y = height / 2 + size * 0.35
    for font, line in lines:
        canvas.setFont(font, size)
        canvas.drawString(4, y, line)
        y -= size * 1.4
    canvas.showPage()
    drop_unmapped_codes(canvas._doc)  # its fonts' maps end up in the signed PDF
    canvas.save()
    return buffer.getvalue()


def _metadata_keeping_writer(data: bytes) -> Any:
    """pyHanko's incremental writer, keeping the Info dictionary and the XMP packet (PDF/A)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    class _KeepMetadataWriter(IncrementalPdfFileWriter):
        def _update_meta(self) -> None:
            """Keep the Info dictionary and the XMP packet exactly as they are."""

    return _KeepMetadataWriter(io.BytesIO(data), strict=False)


def _page_from_bytes(pdf: bytes, width: float, height: float) -> Any:
    """The first page of an in-memory PDF as pyHanko content (pyHanko's ImportedPdfPage only
    reads from a file name)."""
    from pyhanko.pdf_utils import content, layout
    from pyhanko.pdf_utils.reader import PdfFileReader

    class _PageFromBytes(content.PdfContent):
        def render(self) -> bytes:
            xobj = self._ensure_writer.import_page_as_xobject(
                PdfFileReader(io.BytesIO(pdf)), page_ix=0)
            self.resources.xobject["/Underskrift"] = xobj
            return b"/Underskrift Do"

    return _PageFromBytes(box=layout.BoxConstraints(width=width, height=height))


def sign_pdf(edition: Edition, signer: Any, when: datetime, other_signer: bool = False) -> Signed:
    """Sign an approved edition visibly in its sign-off box; SigningError when it must not be.

    The certificate's name must be the approver's (``other_signer`` allows another person,
    which ``verify`` then shows), and the signed file must pass the signature checks of
    ``verify``: what verify would reject is never written.
    """
    _require_pyhanko()
    _refuse_unsignable(edition)
    name, data = edition.name, edition.data

    from pyhanko.sign import fields, signers
    from pyhanko.stamp import StaticStampStyle

    writer = _metadata_keeping_writer(data)
    pages = int(writer.root["/Pages"]["/Count"])
    if edition.signature_box is not None:
        page, x1, y1, x2, y2 = edition.signature_box
    else:
        page, (x1, y1, x2, y2) = pages, DEFAULT_BOX
    if not 1 <= page <= pages or x2 <= x1 or y2 <= y1:
        raise SigningError(about(name, "underskriftsfeltet i PDF'en ligger uden for siderne"))
    width, height = x2 - x1, y2 - y1
    who = signer_name(signer)
    approver = edition.approved_by or ""
    if not same_person(who, approver) and not other_signer:
        raise SigningError(about(name, f"certifikatet er {who!r}, men planen er godkendt af "
                                       f"{approver!r}",
                                 "underskriv med godkenderens certifikat; skal en anden "
                                 "underskrive, så brug --anden-underskriver (verify viser det)"))
    shown, note = stamp_name(who, edition.approved_by)
    stamp = StaticStampStyle(background=_page_from_bytes(appearance_pdf(shown, when, width, height),
                                                         width, height),
                             border_width=0)
    meta = signers.PdfSignatureMetadata(
        field_name=wording.SIGNATURE_FIELD, md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES, name=who)
    # the build made the field (tagged, with /TU) and pyHanko fills a field of this name; the
    # spec is only for a PDF without one
    spec = fields.SigFieldSpec(wording.SIGNATURE_FIELD, on_page=page - 1,
                               box=(round(x1), round(y1), round(x2), round(y2)))
    pdf_signer = signers.PdfSigner(meta, signer=signer, stamp_style=stamp, new_field_spec=spec)
    from pyhanko.pdf_utils.misc import PdfError

    try:
        out = pdf_signer.sign_pdf(writer, output=io.BytesIO())
    except (PdfError, ValueError, KeyError, TypeError, OSError) as exc:  # pyHanko's bases
        raise SigningError(about(name, "signeringen mislykkedes; intet blev skrevet",
                                 "kør igen med --debug for pyHankos egen forklaring (på "
                                 "engelsk), og send den til den, der driver planpdf")) from exc
    signed = bytes(out.getvalue())
    _refuse_what_verify_rejects(edition, signed)
    return Signed(signed, who, note)


def _refuse_unsignable(edition: Edition) -> None:
    """A draft, a signed file or one that fails verify's source and page checks is not signed."""
    name = edition.name
    if edition.status != "godkendt":
        raise SigningError(about(name, "PDF'en er et udkast og kan ikke underskrives; "
                           "godkend planen og byg den igen først"))
    if edition.signed:
        raise SigningError(about(name, "PDF'en er allerede underskrevet"))
    problems = edition_problems(edition)  # the source and the pages, as verify checks them
    if problems:
        raise SigningError(about(name, f"PDF'en kan ikke underskrives: {problems[0]}"))


def _refuse_what_verify_rejects(edition: Edition, signed: bytes) -> None:
    """The signed bytes keep the field's tagging and the metadata, and pass verify's signature
    checks; otherwise SigningError and nothing is written."""
    name = edition.name
    after = read_edition(signed, name)  # parsed once: its field, its metadata
    if edition.signature_field is not None and after.signature_field != "filled":
        raise SigningError(about(name, "signeringen ville fjerne underskriftsfeltets tilgængelighed "
                                       "(PDF/UA); intet blev skrevet"))
    if (after.xmp, after.info) != (edition.xmp, edition.info):
        raise SigningError(about(name, "signeringen ville ændre PDF'ens metadata (XMP/Info), "
                           "og så er den ikke længere PDF/A; intet blev skrevet"))
    rejected = [f.message for f in check_signatures(after) if f.severity == "error"]
    if rejected:
        raise SigningError(about(name, "den underskrevne PDF ville ikke bestå planpdf verify ("
                                       + "; ".join(rejected) + "); intet blev skrevet"))
