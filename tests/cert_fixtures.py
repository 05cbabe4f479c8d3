"""A throw-away signing certificate for the signature tests (made once per session)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

PASSWORD = "hemmelig-æøå"
SIGNER = "Jørn Lykkebak"


@pytest.fixture(scope="session")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A self-signed RSA 2048 certificate and key in a password-protected PKCS#12 file."""
    return make_certificate(tmp_path_factory.mktemp("cert") / "formand.p12", SIGNER)


def make_certificate(path: Path, common_name: str) -> Path:
    """Write a self-signed certificate for ``common_name`` and its key to ``path`` (PKCS#12)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    start = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(start).not_valid_after(start + dt.timedelta(days=365 * 30))
            .sign(key, hashes.SHA256()))
    path.write_bytes(pkcs12.serialize_key_and_certificates(
        b"formand", key, cert, None, serialization.BestAvailableEncryption(PASSWORD.encode())))
    return path
