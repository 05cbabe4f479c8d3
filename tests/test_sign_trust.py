"""Issue 8 §3: a signature means what it says: the approver's certificate, a usable certificate,
and nothing signed that verify would reject."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from cert_fixtures import PASSWORD, SIGNER, make_certificate

pytest.importorskip("pyhanko", reason="planpdf[sign] is not installed")


def _env() -> dict[str, str]:
    return {**os.environ, "PLANPDF_CERT_PASSWORD": PASSWORD}


def _ca_and_leaf(folder: Path, *, not_before: dt.datetime, not_after: dt.datetime,
                 signing_usage: bool = True) -> tuple[Path, Path]:
    """A CA certificate (PEM) and a PKCS#12 file with a leaf for SIGNER that the CA issued."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Prøve-CA")])
    start = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name)
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(start).not_valid_after(start + dt.timedelta(days=365 * 60))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .add_extension(x509.KeyUsage(True, False, False, False, False, True, True, False, False),
                         critical=True)
          .sign(ca_key, hashes.SHA256()))
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    usage = x509.KeyUsage(signing_usage, signing_usage, False, False, not signing_usage, False,
                          False, False, False)
    leaf = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, SIGNER)]))
            .issuer_name(ca_name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(not_before).not_valid_after(not_after)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(usage, critical=True)
            .sign(ca_key, hashes.SHA256()))
    p12 = folder / "leaf.p12"
    p12.write_bytes(pkcs12.serialize_key_and_certificates(
        b"leaf", key, leaf, [ca], serialization.BestAvailableEncryption(PASSWORD.encode())))
    pem = folder / "ca.pem"
    pem.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    return pem, p12


def test_issue_8_another_persons_certificate_is_refused_unless_asked(make_edition, cli,
                                                                     tmp_path: Path) -> None:
    """Issue 8 §3: a certificate for someone else than the approver does not sign the chair's
    field; with --anden-underskriver it does, and verify shows who signed and who approved."""
    other = make_certificate(tmp_path / "anden.p12", "Hans Hansen")
    pdf = make_edition(tmp_path / "godkendt.pdf")
    result = cli("sign", pdf, "--cert", other, "-o", "ud.pdf", env=_env())
    assert result.code == 1
    assert "certifikatet er 'Hans Hansen', men planen er godkendt af 'Jørn Lykkebak'" in result.err
    assert "--anden-underskriver" in result.err
    assert not (tmp_path / "ud.pdf").exists()
    result = cli("sign", pdf, "--cert", other, "-o", "ud.pdf", "--anden-underskriver", env=_env())
    assert result.code == 0, result.err
    shown = cli("verify", "ud.pdf")
    assert "[OBS]  Signaturen er af Hans Hansen, men planen er godkendt af Jørn Lykkebak" \
        in shown.out


@pytest.mark.parametrize(("when", "usage", "reason"), [
    ("expired", True, "det var udløbet, da der blev underskrevet"),
    ("future", True, "det var endnu ikke gyldigt"),
    ("now", False, "nøglebrug"),
])
def test_issue_8_an_unusable_certificate_from_a_trusted_ca_fails_with_the_reason(
        make_edition, cli, tmp_path: Path, when: str, usage: bool, reason: str) -> None:
    """Issue 8 §3: with --betroet naming the CA, an expired, not-yet-valid or wrong-key-usage
    certificate is a failure with pyHanko's reason in Danish, never "i orden"."""
    now = dt.datetime.now(dt.UTC)
    span = {"expired": (dt.datetime(2001, 1, 1, tzinfo=dt.UTC), dt.datetime(2002, 1, 1, tzinfo=dt.UTC)),
            "future": (now + dt.timedelta(days=400), now + dt.timedelta(days=800)),
            "now": (now - dt.timedelta(days=1), now + dt.timedelta(days=400))}[when]
    pem, p12 = _ca_and_leaf(tmp_path, not_before=span[0], not_after=span[1], signing_usage=usage)
    pdf = make_edition(tmp_path / "godkendt.pdf")
    signed = cli("sign", pdf, "--cert", p12, "-o", "ud.pdf", env=_env())
    assert signed.code == 0, signed.err
    result = cli("verify", "ud.pdf", "--betroet", pem)
    assert result.code == 1, result.out
    assert "certifikatet godkendes ikke" in result.out and reason in result.out
    assert "i orden" not in result.out


def test_issue_8_a_valid_certificate_from_the_trusted_ca_is_trusted(make_edition, cli,
                                                                  tmp_path: Path) -> None:
    """The CA fixture itself is sound: a valid signing certificate verifies as trusted."""
    now = dt.datetime.now(dt.UTC)
    pem, p12 = _ca_and_leaf(tmp_path, not_before=now - dt.timedelta(days=1),
                            not_after=now + dt.timedelta(days=400))
    pdf = make_edition(tmp_path / "godkendt.pdf")
    assert cli("sign", pdf, "--cert", p12, "-o", "ud.pdf", env=_env()).code == 0
    result = cli("verify", "ud.pdf", "--betroet", pem)
    assert result.code == 0, result.out + result.err
    assert "gyldig og betroet" in result.out


def test_issue_8_sign_refuses_what_verify_would_reject(make_edition, cli, tmp_path: Path) -> None:
    """Issue 8 §3: a certificate name with an emoji made a signature verify rejects; sign now
    refuses (or signs something verify accepts), and never writes a file verify fails."""
    cert = make_certificate(tmp_path / "emoji.p12", "Jørn Lykkebak 😀")
    pdf = make_edition(tmp_path / "godkendt.pdf")
    result = cli("sign", pdf, "--cert", cert, "-o", "ud.pdf", "--anden-underskriver", env=_env())
    if result.code == 0:
        assert cli("verify", "ud.pdf").code == 0
    else:
        assert result.code == 1 and "Traceback" not in result.err
        assert "ville ikke bestå planpdf verify" in result.err
        assert not (tmp_path / "ud.pdf").exists()


def test_an_archive_is_verified_against_the_trusted_issuers_too(make_edition, cli,
                                                               tmp_path: Path) -> None:
    """`verify ARKIV --betroet CA.pem` checks each archived signature against that CA, as
    `verify FILE --betroet` does: before, the archive's files were checked without the issuers,
    so a signature from a certificate nobody trusts passed as "i orden"."""
    now = dt.datetime.now(dt.UTC)
    pem, p12 = _ca_and_leaf(tmp_path, not_before=now - dt.timedelta(days=1),
                            not_after=now + dt.timedelta(days=400))
    other = tmp_path / "anden"
    other.mkdir()
    other_pem, _ = _ca_and_leaf(other, not_before=now - dt.timedelta(days=1),
                                not_after=now + dt.timedelta(days=400))
    pdf = make_edition(tmp_path / "godkendt.pdf")
    assert cli("sign", pdf, "--cert", p12, "-o", "ud.pdf", env=_env()).code == 0
    archive = tmp_path / "arkiv"
    assert cli("archive", "ud.pdf", "--archive", archive, "-q").code == 0
    (archived,) = archive.rglob("*.pdf")

    trusted = cli("verify", archive, "--betroet", pem)
    assert trusted.code == 0, trusted.err
    assert f"{archive}: i orden" in trusted.out
    for args in ((archive,), (archive, pdf)):  # alone, and among other paths
        result = cli("verify", *args, "--betroet", other_pem)
        assert result.code == 1, result.out + result.err
        assert f"{archived}: error: Signatur af {SIGNER}" in result.err
        # the other CA has the same name and another key: the chain cannot be checked
        assert "certifikatet godkendes ikke: kæden til de betroede udstedere holder ikke" \
            in result.err
        assert "pyHanko" not in result.err
        assert f"{archive}: i orden" not in result.out


def test_a_certificate_file_over_the_limit_is_refused_before_any_pdf(make_edition, cli,
                                                                    tmp_path: Path) -> None:
    """`--betroet` and `sign --cert` read no more than a megabyte and a byte: a larger file is
    no certificate, and is refused with a Danish error before any PDF is read or written (a
    PDF that does not exist is not even looked for)."""
    from planpdf.edition.verify import MAX_CERT_BYTES

    big = tmp_path / "stor.pem"
    big.write_bytes(b"-" * (MAX_CERT_BYTES + 1))
    pdf = make_edition(tmp_path / "godkendt.pdf")
    for args in (("verify", pdf, "--betroet", big),
                 ("sign", pdf, "--cert", big, "-o", "ud.pdf"),
                 ("verify", "findes-ikke.pdf", "--betroet", big),
                 ("sign", "findes-ikke.pdf", "--cert", big, "-o", "ud.pdf")):
        result = cli(*args, env=_env())
        assert result.code == 1, result.out
        assert result.err.startswith(f"{big}: error: filen fylder over 1 MB og er ikke et "
                                     "certifikat, planpdf læser"), result.err
        assert "hint: angiv selve certifikatfilen" in result.err
        assert "Traceback" not in result.err and result.out == ""
    assert not (tmp_path / "ud.pdf").exists()


def test_every_reason_pyhanko_gives_is_said_in_danish() -> None:
    """A certificate that is not trusted gets a Danish reason for every reason pyHanko has;
    "no chain found" and GENERIC have their own wording, never pyHanko's code."""
    from pyhanko.sign.ades.report import AdESIndeterminate

    from planpdf.edition.verify import _TRUST_PROBLEMS

    reasons = set(AdESIndeterminate.__members__) - {"GENERIC", "NO_CERTIFICATE_CHAIN_FOUND"}
    assert reasons <= set(_TRUST_PROBLEMS)
    assert not any(code in text for text in _TRUST_PROBLEMS.values() for code in reasons)
