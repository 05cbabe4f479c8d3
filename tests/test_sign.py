"""planpdf sign and verify of single PDFs: PAdES round trip with a throw-away certificate."""

from __future__ import annotations

import io
import os
from datetime import datetime
from pathlib import Path

import pytest

from cert_fixtures import PASSWORD, SIGNER

pytest.importorskip("pyhanko", reason="planpdf[sign] is not installed")



def _env(password: str | None = PASSWORD) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PLANPDF_CERT_PASSWORD"}
    if password is not None:
        env["PLANPDF_CERT_PASSWORD"] = password
    return env


@pytest.fixture(scope="session")
def signed(make_edition, certificate: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An approved edition signed once with the real CLI (the default output name)."""
    from conftest import run_planpdf

    folder = tmp_path_factory.mktemp("signed")
    pdf = make_edition(folder / "billund-2011.pdf")
    proc = run_planpdf("sign", pdf, "--cert", certificate, env=_env())
    assert proc.returncode == 0, proc.stderr
    assert SIGNER in proc.stdout
    return folder / "billund-2011-underskrevet.pdf"


def _flip_inside_a_stream(data: bytes) -> bytes:
    """``data`` with one byte changed inside the first content stream after the middle."""
    at = data.index(b"stream\n", len(data) // 4) + 20
    changed = bytearray(data)
    changed[at] ^= 0x01
    return bytes(changed)


def test_sign_then_verify_reports_an_intact_signature_over_the_whole_file(signed: Path, cli):
    """A fresh signature verifies: intact, whole file covered, self-signed reported as untrusted."""
    original = signed.with_name("billund-2011.pdf")
    assert original.exists() and original.read_bytes() != signed.read_bytes()
    result = cli("verify", signed)
    assert result.code == 0, result.err
    assert "Signaturen dækker hele filen" in result.out
    assert "gyldig signatur, men certifikatet er ikke fra en betroet udsteder" in result.out
    assert f"Signatur af {SIGNER}" in result.out
    assert "Godkendt af Jørn Lykkebak den 15. februar 2011" in result.out
    assert "stemmer med den indlejrede kilde" in result.out
    assert "Siderne svarer byte for byte til den indlejrede kilde" in result.out  # REVIEW #3
    assert "Metadata (XMP) erklærer PDF/A-3u og PDF/UA-1" in result.out


def test_sign_fills_the_tagged_field_the_build_made(signed: Path):
    """The build's empty signature field (a Form element, /TU, /StructParent) is the one the
    signature fills: one field, the same object, still tagged, now with a value (PDF/UA-1)."""
    import pikepdf

    before = pikepdf.open(signed.with_name("billund-2011.pdf"))
    after = pikepdf.open(signed)
    (empty,) = before.Root.AcroForm.Fields
    (field,) = after.Root.AcroForm.Fields
    assert empty.objgen == field.objgen and "/V" not in empty and field.V.Type == "/Sig"
    assert str(field.TU) == str(empty.TU) == "Felt til digital underskrift af Jørn Lykkebak"
    assert int(field.StructParent) == int(empty.StructParent)
    nums = list(after.Root.StructTreeRoot.ParentTree.Nums)
    form = dict(zip(nums[::2], nums[1::2], strict=True))[int(field.StructParent)]
    assert form.S == "/Form" and form.K[0].Type == "/OBJR" and form.K[0].Obj.objgen == field.objgen


def test_bytes_appended_after_eof_fail_verification(signed: Path, cli, tmp_path: Path):
    """Bytes after the signed %%EOF (which pyHanko alone accepts at revision level) fail verify."""
    tampered = tmp_path / "tilfoejet.pdf"
    tampered.write_bytes(signed.read_bytes() + b"\n% added afterwards\n")
    result = cli("verify", tampered)
    assert result.code == 1
    assert "ændret efter underskriften" in result.out
    assert str(tampered) in result.err


def test_a_changed_byte_inside_the_signed_range_fails_verification(signed: Path, cli, tmp_path):
    """One flipped byte inside the signed document makes the signature invalid."""
    tampered = tmp_path / "aendret.pdf"
    tampered.write_bytes(_flip_inside_a_stream(signed.read_bytes()))
    result = cli("verify", tampered)
    assert result.code == 1
    assert "ugyldig" in result.out + result.err
    assert str(tampered) in result.err


def test_signing_keeps_the_pdfa_identification_and_the_metadata(signed: Path):
    """The signature's incremental update leaves the XMP packet (PDF/A-3u) and Info unchanged."""
    from pypdf import PdfReader

    before = PdfReader(signed.with_name("billund-2011.pdf"))
    after = PdfReader(signed)
    xmp_before = before.trailer["/Root"]["/Metadata"].get_object().get_data()
    xmp_after = after.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert xmp_after == xmp_before
    assert b"<pdfaid:part>3</pdfaid:part>" in xmp_after
    assert b"<pdfaid:conformance>U</pdfaid:conformance>" in xmp_after
    assert dict(after.metadata or {}) == dict(before.metadata or {})


def test_the_visible_signature_sits_in_the_sign_off_box_with_embedded_fonts(signed: Path):
    """The signature widget is printable, at the edition's box, and its appearance embeds fonts."""
    from pypdf import PdfReader
    from pypdf.generic import DictionaryObject

    from planpdf.edition.read import read_edition

    reader = PdfReader(signed)
    box = read_edition(signed.read_bytes()).signature_box
    assert box is not None
    page = reader.pages[box[0] - 1]
    widgets = [a.get_object() for a in page.get("/Annots", [])
               if a.get_object().get("/FT") == "/Sig"]
    assert len(widgets) == 1
    widget = widgets[0]
    assert [round(float(v)) for v in widget["/Rect"]] == [round(v) for v in box[1:]]
    assert int(widget["/F"]) & 4  # print flag (PDF/A)
    fonts: list[DictionaryObject] = []

    def walk(xobject: DictionaryObject) -> None:
        resources = xobject.get("/Resources", {})
        fonts.extend(f.get_object() for f in resources.get("/Font", {}).values())
        for inner in resources.get("/XObject", {}).values():
            walk(inner.get_object())

    walk(widget["/AP"]["/N"].get_object())
    assert fonts, "the appearance draws its text with a font"
    for font in fonts:
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font \
            else font
        descriptor = descendant["/FontDescriptor"].get_object()
        assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def test_the_edition_carries_its_signature_field_and_sign_refuses_a_result_without_it(
        signed: Path, make_edition, tmp_path: Path):
    """The edition says, from its one parse, what became of planpdf's tagged signature field:
    empty before signing, filled after, none in a draft or where its /TU is gone; and sign
    refuses a result whose field is not that field, filled (PDF/UA), before anything is written."""
    import pikepdf

    from planpdf.edition.read import read_edition
    from planpdf.edition.sign import _refuse_what_verify_rejects
    from planpdf.errors import SigningError

    original = signed.with_name("billund-2011.pdf").read_bytes()
    edition = read_edition(original, "billund-2011.pdf")
    assert edition.signature_field == "empty"
    assert read_edition(signed.read_bytes()).signature_field == "filled"
    draft = make_edition(tmp_path / "udkast.pdf", status="udkast")
    assert read_edition(draft.read_bytes()).signature_field is None
    out = io.BytesIO()
    with pikepdf.open(signed) as pdf:
        del pdf.Root.AcroForm.Fields[0]["/TU"]
        pdf.save(out)
    untagged = out.getvalue()
    assert read_edition(untagged).signature_field is None
    for result in (original, untagged):  # not signed; signed, but the field's tagging gone
        with pytest.raises(SigningError, match="underskriftsfeltets tilgængelighed"):
            _refuse_what_verify_rejects(edition, result)


def test_a_wrong_password_writes_nothing(make_edition, certificate: Path, cli, tmp_path: Path):
    """A wrong certificate password is a clear error naming the certificate, and no file appears."""
    pdf = make_edition(tmp_path / "plan.pdf")
    result = cli("sign", pdf, "--cert", certificate, env=_env("forkert"))
    assert result.code == 1
    assert f"{certificate}: error:" in result.err and "adgangskode" in result.err
    assert "Traceback" not in result.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.pdf"]


def test_a_draft_is_not_signed(make_edition, certificate: Path, cli, tmp_path: Path):
    """Signing a draft is refused with a message naming the PDF; nothing is written."""
    pdf = make_edition(tmp_path / "udkast.pdf", status="udkast")
    result = cli("sign", pdf, "--cert", certificate, env=_env())
    assert result.code == 1
    assert f"{pdf}: error:" in result.err and "udkast" in result.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["udkast.pdf"]


def test_a_pdf_planpdf_did_not_make_is_refused(certificate: Path, cli, tmp_path: Path):
    """A PDF without planpdf's fingerprint is neither signed nor verified."""
    from editions_fixtures import foreign_pdf

    sample_pdf = foreign_pdf(tmp_path / "tekstbehandler.pdf")
    result = cli("sign", sample_pdf, "--cert", certificate, "-o", tmp_path / "u.pdf", env=_env())
    assert result.code == 1 and "ikke lavet af planpdf" in result.err
    assert not (tmp_path / "u.pdf").exists()
    result = cli("verify", sample_pdf)
    assert result.code == 1 and f"{sample_pdf}: error:" in result.err


def test_a_corrupt_pdf_is_a_clear_error(cli, tmp_path: Path, certificate: Path):
    """A damaged or non-PDF file gives a one-line Danish error naming it, no traceback."""
    broken = tmp_path / "beskadiget.pdf"
    broken.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50)
    notpdf = tmp_path / "tekst.pdf"
    notpdf.write_text("ikke en pdf")
    for path in (broken, notpdf):
        for args in (("verify", path), ("sign", path, "--cert", certificate)):
            result = cli(*args, env=_env())
            assert result.code == 1, args
            assert f"{path}: error:" in result.err, args
            assert "Traceback" not in result.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["beskadiget.pdf", "tekst.pdf"]


def test_the_input_is_never_overwritten_unless_in_place(make_edition, certificate: Path, cli,
                                                        tmp_path: Path):
    """-o naming the input and read-only files are refused; --in-place replaces a writable one."""
    pdf = make_edition(tmp_path / "plan.pdf")
    before = pdf.read_bytes()
    result = cli("sign", pdf, "--cert", certificate, "-o", pdf, env=_env())
    assert result.code == 1 and "--in-place" in result.err
    assert "den underskrevne udgave ville erstatte den oprindelige PDF" in result.err
    assert pdf.read_bytes() == before
    pdf.chmod(0o444)  # as an archived copy is
    result = cli("sign", pdf, "--cert", certificate, "--in-place", env=_env())
    assert result.code == 1 and "skrivebeskyttet" in result.err
    assert pdf.read_bytes() == before
    pdf.chmod(0o644)
    result = cli("sign", pdf, "--cert", certificate, "--in-place", env=_env())
    assert result.code == 0, result.err
    assert pdf.read_bytes() != before
    assert cli("verify", pdf).code == 0


def test_without_a_password_source_signing_stops(make_edition, certificate: Path, cli,
                                                 tmp_path: Path):
    """No PLANPDF_CERT_PASSWORD and no terminal: a clear message, exit 1, nothing written."""
    pdf = make_edition(tmp_path / "plan.pdf")
    result = cli("sign", pdf, "--cert", certificate, env=_env(None), input="")
    assert result.code == 1
    assert "PLANPDF_CERT_PASSWORD" in result.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.pdf"]


def test_an_unsigned_approved_pdf_verifies(make_edition, cli, tmp_path: Path):
    """An approved, unsigned edition verifies (exit 0) and says it is not signed."""
    pdf = make_edition(tmp_path / "plan.pdf")
    result = cli("verify", pdf)
    assert result.code == 0, result.err
    assert "Ikke digitalt underskrevet" in result.out
    assert "Metadata (XMP) erklærer PDF/A-3u og PDF/UA-1" in result.out


def test_a_fingerprint_that_does_not_match_the_source_fails(make_edition, cli, tmp_path: Path):
    """verify fails when the embedded source does not give the fingerprint the PDF carries."""
    from editions_fixtures import sample_source

    pdf = make_edition(tmp_path / "plan.pdf", fingerprint_of=sample_source(2011, "Ændret."))
    result = cli("verify", pdf)
    assert result.code == 1
    assert "fingeraftrykket passer ikke" in result.err


def test_a_signature_chaining_to_a_given_trust_root_is_trusted(signed: Path, certificate: Path,
                                                               cli, tmp_path: Path):
    """With --betroet naming the signer's certificate, verify calls the signature trusted."""
    from cryptography.hazmat.primitives.serialization import Encoding, pkcs12

    _key, cert, _more = pkcs12.load_key_and_certificates(certificate.read_bytes(),
                                                          PASSWORD.encode())
    assert cert is not None
    root = tmp_path / "ca.pem"
    root.write_bytes(cert.public_bytes(Encoding.PEM))
    result = cli("verify", signed, "--betroet", root)
    assert result.code == 0, result.err
    assert "gyldig og betroet" in result.out
    assert "ikke fra en betroet udsteder" not in result.out


def _trust_root_pem(certificate: Path, path: Path) -> Path:
    """The signer's own certificate as a PEM file (the self-signed certificate is its issuer)."""
    from cryptography.hazmat.primitives.serialization import Encoding, pkcs12

    _key, cert, _more = pkcs12.load_key_and_certificates(certificate.read_bytes(),
                                                          PASSWORD.encode())
    assert cert is not None
    path.write_bytes(cert.public_bytes(Encoding.PEM))
    return path


def test_review1_a_betroet_file_that_is_no_certificate_is_named_in_danish(
        signed: Path, certificate: Path, cli, tmp_path: Path):
    """Review 1 A: a --betroet file that holds no certificate is reported against that file
    (not the PDF), in Danish without a library's class name, before any PDF is read; the
    library's own words stay in the chained exception for --debug."""
    from cryptography.hazmat.primitives.serialization import (
        Encoding,
        NoEncryption,
        PrivateFormat,
        pkcs12,
    )

    from planpdf.errors import PlanpdfError

    good = _trust_root_pem(certificate, tmp_path / "ca.pem")
    junk = tmp_path / "j.pem"
    junk.write_text("junk\n", encoding="ascii")
    key, _cert, _more = pkcs12.load_key_and_certificates(certificate.read_bytes(),
                                                         PASSWORD.encode())
    assert key is not None
    only_key = tmp_path / "nøgle.pem"  # PEM, but no certificate in it
    only_key.write_bytes(key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()))
    unsigned = signed.with_name("billund-2011.pdf")
    for bad in (junk, only_key, certificate):  # certificate: the .p12 with the key
        for pdf in (signed, unsigned):
            result = cli("verify", pdf, "--betroet", good, "--betroet", bad)
            assert result.code == 1
            assert result.out == ""  # refused before any PDF is read
            assert result.err.splitlines()[:2] == [
                f"{bad}: error: filen kan ikke læses som certifikat (PEM eller DER)",
                f"{bad}: hint: --betroet skal pege på en udsteders certifikat, fx en .pem-fil, "
                "der begynder med -----BEGIN CERTIFICATE-----, eller en .cer-fil (DER); ikke en "
                "nøgle eller en .p12-fil"], result.err
            assert "Error" not in result.err and str(pdf) not in result.err
    with pytest.raises(PlanpdfError) as caught:
        cli("verify", signed, "--betroet", junk, "--debug")
    assert isinstance(caught.value.__cause__, ValueError)  # asn1crypto's English, for --debug
    assert cli("verify", signed, "--betroet", good).code == 0


def test_review1_a_signature_that_cannot_be_checked_is_said_without_a_class_name(
        signed: Path, monkeypatch: pytest.MonkeyPatch):
    """Review 1 A: when pyHanko raises on a signature, the finding is Danish only."""
    import pyhanko.sign.validation as validation
    from pyhanko.pdf_utils.misc import PdfReadError

    from planpdf.edition.read import open_edition
    from planpdf.edition.verify import check_signatures

    def broken(*_args: object, **_kwargs: object) -> None:
        raise PdfReadError("broken signature dictionary")

    monkeypatch.setattr(validation, "validate_pdf_signature", broken)
    (finding,) = check_signatures(open_edition(signed))
    assert finding.severity == "error"
    assert finding.message == "Signaturen er ugyldig: den kan ikke kontrolleres"


def test_review_10_a_certificate_name_the_font_cannot_show_is_not_dropped(
        make_edition, cli, tmp_path: Path):
    """REVIEW #10: a CN with characters Carlito lacks: the stamp shows the approver, and says so."""
    from cert_fixtures import make_certificate
    from planpdf.edition.sign import appearance_pdf, stamp_name

    cert = make_certificate(tmp_path / "wang.p12", "王小明")
    pdf = make_edition(tmp_path / "godkendt.pdf")
    result = cli("sign", pdf, "--cert", cert, "-o", "ud.pdf", "--anden-underskriver", env=_env())
    assert result.code == 0, result.err
    assert "ud.pdf: bemærk: certifikatets navn '王小明' har tegn" in result.err
    assert "U+738B" in result.err
    assert "viser derfor godkenderens navn fra planen, 'Jørn Lykkebak'" in result.err
    assert "Signatur af 王小明" in cli("verify", "ud.pdf").out  # the signature keeps the CN
    shown, note = stamp_name("王小明 😀", "Jørn Lykkebak")
    assert note is not None and "U+1F600" in note
    from pypdf import PdfReader

    page = PdfReader(io.BytesIO(appearance_pdf(shown, datetime(2011, 3, 1, 12), 250, 60))).pages[0]
    assert "Jørn Lykkebak" in page.extract_text()
    assert stamp_name("Jørn Lykkebak", "Hans Hansen") == ("Jørn Lykkebak", None)


def test_the_signed_file_has_no_null_unicode_entries(signed: Path):
    """The signature's appearance brings its own font subsets; their /ToUnicode maps, like the
    build's, list only the codes in use (no <0000> entries)."""
    import pikepdf

    pdf = pikepdf.open(signed)
    maps = [obj.read_bytes() for obj in pdf.objects
            if isinstance(obj, pikepdf.Stream) and b"beginbfchar" in obj.read_bytes()]
    assert len(maps) >= 3  # the build's fonts and the appearance's
    assert not [m for m in maps if b"<0000>" in m]
