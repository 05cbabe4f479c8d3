"""Review findings on archive/verify agreement: archive refuses what verify FILE fails, and
verify ARKIV/ reports for each archived file what verify FILE would."""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cert_fixtures import PASSWORD
from conftest import run_planpdf


@pytest.fixture(scope="module")
def signed(make_edition, certificate: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An approved 2011 edition, signed with the throw-away certificate by the real CLI."""
    pytest.importorskip("pyhanko", reason="planpdf[sign] is not installed")
    folder = tmp_path_factory.mktemp("signed")
    pdf = make_edition(folder / "billund-2011.pdf")
    out = folder / "billund-2011-underskrevet.pdf"
    proc = run_planpdf("sign", pdf, "--cert", certificate, "-o", out, "-q",
                       env={**os.environ, "PLANPDF_CERT_PASSWORD": PASSWORD})
    assert proc.returncode == 0, proc.stderr
    return out


def _appended(signed: Path, target: Path) -> Path:
    target.write_bytes(signed.read_bytes() + b"\n%junk\n")
    return target


def _retitled(signed: Path, target: Path) -> Path:
    """An incremental update after signing that changes the document's /Title."""
    from pypdf import PdfWriter

    writer = PdfWriter(signed, incremental=True)
    writer.add_metadata({"/Title": "Forfalsket"})
    buffer = io.BytesIO()
    writer.write(buffer)
    target.write_bytes(buffer.getvalue())
    return target


def _manifest(root: Path) -> dict:
    return json.loads((root / "manifest.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("tamper", [_appended, _retitled], ids=["bytes-appended", "incremental"])
def test_review_1_archive_refuses_a_pdf_changed_after_signing(signed: Path, tamper, cli,
                                                               tmp_path: Path):
    """REVIEW #1: a signed PDF that verify FILE fails (changed after signing) is not archived."""
    bad = tamper(signed, tmp_path / "t.pdf")
    assert cli("verify", bad).code == 1
    result = cli("archive", bad)
    assert result.code == 1, result.out
    assert f"{bad}: error:" in result.err and "ændret efter underskriften" in result.err
    assert not (tmp_path / "archive").exists()


def test_review_1_verify_archive_agrees_with_verify_file(signed: Path, cli, tmp_path: Path):
    """REVIEW #1: an archived signed file with bytes appended (and a manifest hash to match)
    fails verify ARKIV/ exactly as verify FILE fails it."""
    assert cli("archive", signed).code == 0
    root = tmp_path / "archive"
    manifest = _manifest(root)
    entry = manifest["entries"][0]
    copy = root / entry["file"]
    copy.chmod(0o644)
    _appended(signed, copy)
    entry["sha256"] = hashlib.sha256(copy.read_bytes()).hexdigest()
    (root / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    single = cli("verify", copy)
    assert single.code == 1
    result = cli("verify", "archive")
    assert result.code == 1, result.out
    assert f"{Path('archive') / entry['file']}: error:" in result.err
    assert "ændret efter underskriften" in result.err


def test_review_1_without_pyhanko_a_signed_pdf_is_not_archived(signed: Path, tmp_path: Path):
    """REVIEW #1: when pyHanko is missing, archive refuses a signed PDF and names planpdf[sign]."""
    code = ("import sys\n"
            "for name in ('pyhanko', 'pyhanko_certvalidator'): sys.modules[name] = None\n"
            "from planpdf.cli import main\n"
            f"sys.exit(main(['archive', {str(signed)!r}]))\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=tmp_path, timeout=120)
    assert proc.returncode == 1, proc.stdout
    assert "planpdf[sign]" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "archive").exists()


def test_review_2_manifest_claims_are_compared_with_the_pdf(make_edition, cli, tmp_path: Path):
    """REVIEW #2: an edited council, year, approved_by, approved_date or file name in the
    manifest is an error naming the field, exit 1."""
    pdf = make_edition(tmp_path / "input" / "billund-2011.pdf")
    assert cli("archive", pdf).code == 0
    root = tmp_path / "archive"
    path = root / "manifest.json"
    original = (root / "manifest.json").read_text(encoding="utf-8")
    manifest = _manifest(root)
    entry = manifest["entries"][0]
    entry.update(council="Lokalrådet i Vejle kommune", year=2012, approved_by="Hans Hansen",
                 approved_date="1999-01-01")
    path.write_text(json.dumps(manifest), encoding="utf-8")
    result = cli("verify", "archive")
    assert result.code == 1, result.out
    name = f"{Path('archive') / entry['file']}: error: "
    for line in ("manifestets council (råd) er 'Lokalrådet i Vejle kommune', men PDF'en siger "
                 "'Lokalrådet i Billund kommune'",
                 "manifestets year (år) er 2012, men PDF'en siger 2011",
                 "manifestets approved_by (godkendt af) er 'Hans Hansen', men PDF'en siger "
                 "'Jørn Lykkebak'",
                 "manifestets approved_date (godkendt dato) er '1999-01-01', men PDF'en siger "
                 "'2011-02-15'"):
        assert name + line in result.err, result.err

    manifest = json.loads(original)  # the true claims again; now only the file is renamed
    entry = manifest["entries"][0]
    old = root / entry["file"]
    entry["file"] = "billund/2011/planen.pdf"
    old.rename(root / entry["file"])
    path.write_text(json.dumps(manifest), encoding="utf-8")
    result = cli("verify", "archive")
    assert result.code == 1, result.out
    assert "manifestets file følger ikke arkivets navneskema" in result.err
    assert old.relative_to(root).as_posix() in result.err


def test_review_22_a_signed_copy_is_marked_as_such(make_edition, signed: Path, cli,
                                                   tmp_path: Path):
    """REVIEW #22: archiving the signed copy of an archived edition records "signed": true and
    says "revision 2 (underskrevet kopi af revision 1)"; a false "signed" fails verify."""
    unsigned = signed.with_name("billund-2011.pdf")
    assert cli("archive", unsigned).code == 0
    result = cli("archive", signed)
    assert result.code == 0, result.err
    assert "revision 2 (underskrevet kopi af revision 1)" in result.out
    entries = _manifest(tmp_path / "archive")["entries"]
    assert [(e["revision"], e["signed"]) for e in entries] == [(1, False), (2, True)]
    assert entries[0]["fingerprint"] == entries[1]["fingerprint"]
    assert cli("verify", "archive").code == 0
    manifest = _manifest(tmp_path / "archive")
    manifest["entries"][1]["signed"] = False
    (tmp_path / "archive" / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    result = cli("verify", "archive")
    assert result.code == 1 and "manifestets signed (underskrevet) er False" in result.err
