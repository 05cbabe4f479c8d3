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

pyHanko is an optional extra (``planpdf[sign]``) and is imported only inside these functions.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .danish import format_date, format_time
from .editions_io import load_edition
from .errors import SigningError
from .layout import texts

# Where the signature goes when the edition names no box: bottom left of the last page.
DEFAULT_BOX = (56.0, 56.0, 306.0, 116.0)


@dataclass(frozen=True)
class Signed:
    """A signed PDF and who signed it."""

    pdf: bytes
    signer_name: str
    note: str | None = None  # said to the user: the visible stamp shows another name


def _require_pyhanko() -> None:
    try:
        import pyhanko  # noqa: F401
    except ImportError:
        raise SigningError("planpdf: error: digital signatur kræver tilføjelsen planpdf[sign]; "
                           "installér den med: pip install 'planpdf[sign]'") from None


def is_signed(data: bytes) -> bool:
    """Whether the PDF carries a signature dictionary (a cheap test, no pyHanko needed)."""
    return b"/ByteRange" in data


def load_signer(p12: bytes, password: bytes | None, cert_name: str) -> Any:
    """A pyHanko SimpleSigner from PKCS#12 bytes; SigningError on a wrong password or bad file."""
    _require_pyhanko()
    from cryptography.hazmat.primitives.serialization import pkcs12
    from pyhanko.sign.signers import SimpleSigner

    try:
        key, cert, _others = pkcs12.load_key_and_certificates(p12, password)
    except ValueError:
        raise SigningError(f"{cert_name}: error: certifikatet kan ikke åbnes: forkert adgangskode, "
                           "eller filen er ikke en PKCS#12-fil (.p12/.pfx)") from None
    if key is None or cert is None:
        raise SigningError(f"{cert_name}: error: certifikatfilen indeholder ikke både en nøgle og "
                           "et certifikat")
    try:
        return SimpleSigner.load_pkcs12_data(p12, [], passphrase=password)
    except ValueError:
        raise SigningError(f"{cert_name}: error: certifikatet kan ikke bruges") from None


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
    from .fonts import FAMILY, default_fonts_dir, register

    charset = register(default_fonts_dir()).charset
    missing = sorted({c for c in certificate_name if ord(c) not in charset})
    if not missing:
        return certificate_name, None
    chars = ", ".join(f"U+{ord(c):04X}" for c in missing)
    if not approved_by or any(ord(c) not in charset for c in approved_by):
        raise SigningError(f"planpdf: error: certifikatets navn {certificate_name!r} har tegn, "
                           f"skrifttypen {FAMILY} ikke kan vise ({chars}), og planen har intet "
                           "navn på godkenderen at vise i stedet")
    return approved_by, (f"certifikatets navn {certificate_name!r} har tegn, skrifttypen {FAMILY} "
                         f"ikke kan vise ({chars}); den synlige underskrift viser derfor "
                         f"godkenderens navn fra planen, {approved_by!r}. Den digitale signatur "
                         "bærer certifikatets navn")


def appearance_pdf(name: str, when: datetime, width: float, height: float) -> bytes:
    """A one-page PDF of the box's size: the visible signature text, in the embedded font."""
    from reportlab.pdfgen.canvas import Canvas

    from .fonts import default_fonts_dir, register

    fonts = register(default_fonts_dir())
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height), invariant=1,
                    initialFontName=fonts.regular)
    lines = [(fonts.bold, texts.SIGNED_BY.format(name=name)),
             (fonts.regular, texts.SIGNED_AT.format(date=format_date(when.date()),
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
    canvas.save()
    return buffer.getvalue()


def _metadata_snapshot(data: bytes) -> tuple[bytes | None, dict[str, str]]:
    """The XMP packet's bytes and the Info dictionary, as the newest revision has them."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    root: Any = reader.trailer["/Root"].get_object()
    xmp = root.get("/Metadata")
    packet = xmp.get_object().get_data() if xmp is not None else None
    info = {str(k): str(v) for k, v in (reader.metadata or {}).items()}
    return packet, info


def sign_pdf(data: bytes, name: str, signer: Any, when: datetime) -> Signed:
    """Sign an approved edition visibly in its sign-off box; SigningError when it must not be."""
    _require_pyhanko()
    edition = load_edition(name, data)
    if edition.status != "godkendt":
        raise SigningError(f"{name}: error: PDF'en er et udkast og kan ikke underskrives; "
                           "godkend planen og byg den igen først")
    if is_signed(data):
        raise SigningError(f"{name}: error: PDF'en er allerede underskrevet")
    from .verify import edition_problems  # here: verify imports this module

    problems = edition_problems(name, data, edition)  # the source and the pages, as verify checks
    if problems:
        raise SigningError(f"{name}: error: PDF'en kan ikke underskrives: {problems[0]}")

    from pyhanko.pdf_utils import content, layout
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import StaticStampStyle

    class _KeepMetadataWriter(IncrementalPdfFileWriter):
        def _update_meta(self) -> None:
            """Keep the Info dictionary and the XMP packet exactly as they are (PDF/A)."""

    class _PageFromBytes(content.PdfContent):
        """The first page of an in-memory PDF as a form XObject (pyHanko's ImportedPdfPage,
        which only reads from a file name)."""

        def __init__(self, pdf: bytes, width: float, height: float) -> None:
            super().__init__(box=layout.BoxConstraints(width=width, height=height))
            self.pdf = pdf

        def render(self) -> bytes:
            xobj = self._ensure_writer.import_page_as_xobject(
                PdfFileReader(io.BytesIO(self.pdf)), page_ix=0)
            self.resources.xobject["/Underskrift"] = xobj
            return b"/Underskrift Do"

    writer = _KeepMetadataWriter(io.BytesIO(data), strict=False)
    pages = int(writer.root["/Pages"]["/Count"])
    if edition.signature_box is not None:
        page, x1, y1, x2, y2 = edition.signature_box
    else:
        page, (x1, y1, x2, y2) = pages, DEFAULT_BOX
    if not 1 <= page <= pages or x2 <= x1 or y2 <= y1:
        raise SigningError(f"{name}: error: underskriftsfeltet i PDF'en ligger uden for siderne")
    width, height = x2 - x1, y2 - y1
    who = signer_name(signer)
    shown, note = stamp_name(who, edition.approved_by)
    stamp = StaticStampStyle(background=_PageFromBytes(appearance_pdf(shown, when, width, height),
                                                       width, height),
                             border_width=0)
    meta = signers.PdfSignatureMetadata(
        field_name=texts.SIGNATURE_FIELD, md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES, name=who)
    spec = fields.SigFieldSpec(texts.SIGNATURE_FIELD, on_page=page - 1,
                               box=(round(x1), round(y1), round(x2), round(y2)))
    pdf_signer = signers.PdfSigner(meta, signer=signer, stamp_style=stamp, new_field_spec=spec)
    from pyhanko.pdf_utils.misc import PdfError

    try:
        out = pdf_signer.sign_pdf(writer, output=io.BytesIO())
    except (PdfError, ValueError, KeyError, TypeError, OSError) as exc:  # pyHanko's bases
        raise SigningError(f"{name}: error: signeringen mislykkedes "
                           f"({str(exc) or type(exc).__name__})") from exc
    signed = bytes(out.getvalue())
    if _metadata_snapshot(signed) != _metadata_snapshot(data):
        raise SigningError(f"{name}: error: signeringen ville ændre PDF'ens metadata (XMP/Info), "
                           "og så er den ikke længere PDF/A; intet blev skrevet")
    return Signed(signed, who, note)
