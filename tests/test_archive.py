"""planpdf archive and planpdf verify ARKIV/: read-only copies, revisions, manifest checks."""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path

import pytest

from cert_fixtures import PASSWORD
from planpdf import __version__
from planpdf.edition.read import read_edition


@pytest.fixture(scope="module")
def editions(make_edition, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """An approved edition, a second different approved one of the same year, and a draft."""
    folder = tmp_path_factory.mktemp("input")
    return {
        "first": make_edition(folder / "billund-2011.pdf"),
        "second": make_edition(folder / "billund-2011-rettet.pdf", purpose_suffix="Rettet.",
                               approved_date="2011-03-01"),
        "draft": make_edition(folder / "udkast.pdf", status="udkast"),
    }


def _manifest(root: Path) -> dict:
    return json.loads((root / "manifest.json").read_text(encoding="utf-8"))


def test_archive_copies_read_only_and_records_the_edition(editions, cli, tmp_path: Path):
    """The copy lands in archive/<råd>/<år>/ by fingerprint, read-only, and the manifest says so."""
    pdf = editions["first"]
    result = cli("archive", pdf)
    assert result.code == 0, result.err
    fp = read_edition(pdf.read_bytes()).fingerprint
    assert fp
    rel = f"billund/2011/billund-2011-{fp[:12]}.pdf"
    copy = tmp_path / "archive" / rel
    assert copy.read_bytes() == pdf.read_bytes()
    assert stat.S_IMODE(copy.stat().st_mode) == 0o444
    manifest = _manifest(tmp_path / "archive")
    assert manifest["format"] == "planpdf-arkiv" and manifest["format_version"] == 1
    assert manifest["entries"] == [{
        "file": rel, "sha256": hashlib.sha256(pdf.read_bytes()).hexdigest(),
        "fingerprint": fp, "council": "Lokalrådet i Billund kommune", "year": 2011,
        "revision": 1, "approved_by": "Jørn Lykkebak", "approved_date": "2011-02-15",
        "planpdf_version": __version__, "signed": False,
    }]
    assert cli("verify", "archive").code == 0


def test_archiving_the_same_file_twice_changes_nothing(editions, cli, tmp_path: Path):
    """Archiving an identical file again is a no-op with a message; the manifest is untouched."""
    assert cli("archive", editions["first"]).code == 0
    manifest = (tmp_path / "archive" / "manifest.json").read_bytes()
    result = cli("archive", editions["first"])
    assert result.code == 0 and "allerede" in result.out
    assert (tmp_path / "archive" / "manifest.json").read_bytes() == manifest
    assert len(list((tmp_path / "archive").rglob("*.pdf"))) == 1


def test_a_second_approved_version_becomes_revision_2(editions, cli, tmp_path: Path):
    """A different approved PDF for the same year is added as revision 2; the first stays."""
    first = editions["first"].read_bytes()
    assert cli("archive", editions["first"]).code == 0
    result = cli("archive", editions["second"], "--archive", "andet/arkiv")
    assert result.code == 0, result.err
    assert [e["revision"] for e in _manifest(tmp_path / "andet" / "arkiv")["entries"]] == [1]
    result = cli("archive", editions["second"])
    assert result.code == 0, result.err
    entries = _manifest(tmp_path / "archive")["entries"]
    assert [e["revision"] for e in entries] == [1, 2]
    assert "-r2-" in entries[1]["file"] and "-r2-" not in entries[0]["file"]
    assert entries[1]["approved_date"] == "2011-03-01"
    assert (tmp_path / "archive" / entries[0]["file"]).read_bytes() == first
    assert cli("verify", "archive/").code == 0


def test_drafts_and_foreign_pdfs_are_not_archived(editions, make_edition, cli, tmp_path: Path):
    """A draft, a foreign PDF and one failing verify_source are refused; nothing is created."""
    from editions_fixtures import foreign_pdf, sample_source

    foreign = foreign_pdf(tmp_path / "tekstbehandler.pdf")
    mismatched = make_edition(tmp_path / "forkert.pdf", fingerprint_of=sample_source(2011, "X."))
    for pdf, words in ((editions["draft"], "udkast"), (foreign, "ikke lavet af planpdf"),
                       (mismatched, "fingeraftrykket passer ikke")):
        result = cli("archive", pdf)
        assert result.code == 1, pdf
        assert f"{pdf}: error:" in result.err and words in result.err
        assert "Traceback" not in result.err
    assert not (tmp_path / "archive").exists()


def test_a_tampered_archived_file_fails_verify_and_is_named(editions, cli, tmp_path: Path):
    """One changed byte in an archived file: verify archive/ exits 1 and names that file."""
    assert cli("archive", editions["first"]).code == 0
    assert cli("archive", editions["second"]).code == 0
    entries = _manifest(tmp_path / "archive")["entries"]
    victim = tmp_path / "archive" / entries[1]["file"]
    victim.chmod(0o644)
    data = bytearray(victim.read_bytes())
    data[len(data) // 2] ^= 0x20
    victim.write_bytes(bytes(data))
    result = cli("verify", "archive")
    assert result.code == 1
    assert str(Path("archive") / entries[1]["file"]) in result.err
    assert entries[0]["file"] not in result.err


def test_an_edited_manifest_fails_verify(editions, cli, tmp_path: Path):
    """A manifest whose fingerprint or hash was edited no longer verifies, naming the file."""
    assert cli("archive", editions["first"]).code == 0
    path = tmp_path / "archive" / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    entry = manifest["entries"][0]
    entry["fingerprint"] = "0" * 64
    path.write_text(json.dumps(manifest), encoding="utf-8")
    result = cli("verify", path)
    assert result.code == 1
    assert entry["file"].split("/")[-1] in result.err and "fingeraftrykket" in result.err
    entry["fingerprint"] = read_edition(editions["first"].read_bytes()).fingerprint
    entry["sha256"] = "f" * 64
    path.write_text(json.dumps(manifest), encoding="utf-8")
    result = cli("verify", "archive")
    assert result.code == 1 and "SHA-256" in result.err


def test_files_missing_from_the_manifest_are_reported(editions, cli, tmp_path: Path):
    """A PDF in the archive folder that the manifest does not list is named; a missing one too."""
    assert cli("archive", editions["first"]).code == 0
    stray = tmp_path / "archive" / "billund" / "2011" / "ekstra.pdf"
    stray.write_bytes(editions["second"].read_bytes())
    result = cli("verify", "archive")
    assert result.code == 1 and str(Path("archive/billund/2011/ekstra.pdf")) in result.err
    stray.unlink()
    listed = next((tmp_path / "archive" / "billund" / "2011").glob("*.pdf"))
    listed.unlink()
    result = cli("verify", "archive")
    assert result.code == 1 and "filen mangler" in result.err and listed.name in result.err


def test_verify_of_a_missing_archive_folder_is_a_clear_error(cli):
    """verify on an archive folder that does not exist: exit 1 and a Danish message naming it."""
    result = cli("verify", "arkiv-findes-ikke")
    assert result.code == 1
    assert "arkiv-findes-ikke: error:" in result.err and "findes ikke" in result.err


def test_a_damaged_manifest_is_reported_not_overwritten(editions, cli, tmp_path: Path):
    """A manifest that is not valid JSON stops archive and verify; the file is left as it was."""
    root = tmp_path / "archive"
    root.mkdir()
    (root / "manifest.json").write_text("{ikke json", encoding="utf-8")
    for args in (("archive", editions["first"]), ("verify", "archive")):
        result = cli(*args)
        assert result.code == 1 and "manifest.json:1:2: error: manifestet er ikke gyldig JSON" in result.err
    assert (root / "manifest.json").read_text(encoding="utf-8") == "{ikke json"
    assert list(root.rglob("*.pdf")) == []


@pytest.mark.parametrize("entries", ['[{"fil": "x.pdf"}]', '[17]', '"ingen liste"'],
                         ids=["unknown-field", "not-a-table", "not-a-list"])
def test_a_manifest_of_the_wrong_shape_is_said_in_danish(editions, cli, tmp_path: Path,
                                                         entries: str):
    """Regression: an entry with an unknown field printed Python's English TypeError
    ("Entry.__init__() got an unexpected keyword argument 'fil'") in the Danish message."""
    root = tmp_path / "archive"
    root.mkdir()
    text = ('{"format": "planpdf-arkiv", "format_version": 1, "entries": ' + entries + '}')
    (root / "manifest.json").write_text(text, encoding="utf-8")
    for args in (("archive", editions["first"]), ("verify", "archive")):
        result = cli(*args)
        assert result.code == 1, result.err
        assert "manifest.json: error: manifestet har ikke den forventede form" in result.err
        assert "manifest.json: hint: manifestet skrives af planpdf archive" in result.err
        for english in ("__init__", "unexpected", "object", "argument", "Traceback"):
            assert english not in result.err, result.err
    assert (root / "manifest.json").read_text(encoding="utf-8") == text


def test_sign_archive_verify_round_trip(editions, certificate: Path, cli, tmp_path: Path):
    """A signed edition archives like any other, and the archived copy still verifies as signed."""
    pyhanko = pytest.importorskip("pyhanko", reason="planpdf[sign] is not installed")
    assert pyhanko
    env = {**os.environ, "PLANPDF_CERT_PASSWORD": PASSWORD}
    signed = tmp_path / "underskrevet.pdf"
    assert cli("sign", editions["first"], "--cert", certificate, "-o", signed, env=env).code == 0
    result = cli("archive", signed)
    assert result.code == 0, result.err
    (entry,) = _manifest(tmp_path / "archive")["entries"]
    assert cli("verify", "archive").code == 0
    result = cli("verify", tmp_path / "archive" / entry["file"])
    assert result.code == 0, result.err
    assert "Signaturen dækker hele filen" in result.out


def test_the_cli_module_stays_light():
    """Importing planpdf.cli (as every build does) loads neither pypdf nor pyHanko."""
    import subprocess
    import sys

    code = ("import sys, planpdf.cli; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "{'pypdf', 'pyhanko', 'cryptography', 'asn1crypto'}))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_a_busy_archive_is_not_changed(editions, cli, tmp_path: Path, monkeypatch):
    """While another process holds the archive's lock, archive waits, then gives up with a
    Danish error naming the lock file that does not invite deleting it; nothing is changed.
    Once the lock is released, archive works, and leaves the lock file free."""
    from archive_helpers import held_lock, lock_is_free

    monkeypatch.setattr("planpdf.edition.archive.LOCK_TIMEOUT", 0.5)
    lock = tmp_path / "archive" / ".planpdf.lock"
    with held_lock(lock):
        result = cli("archive", editions["first"])
        assert result.code == 1
        assert (f"{Path('archive/.planpdf.lock')}: note: arkivet er i brug af en anden planpdf; "
                "venter op til 0,5 sekunder") in result.err
        assert (f"{Path('archive/.planpdf.lock')}: error: arkivet var stadig i brug af en anden "
                "planpdf efter 0,5 sekunder; intet blev ændret") in result.err
        assert "slet" not in result.err and "Traceback" not in result.err
        assert sorted(p.name for p in lock.parent.iterdir()) == [".planpdf.lock"]
    assert cli("archive", editions["first"]).code == 0
    assert lock_is_free(lock)


def test_a_lock_file_left_behind_blocks_nothing(editions, cli, tmp_path: Path):
    """REGRESSION (stale lock): a lock file nobody holds, as a crash or an older planpdf left
    it, is no reason to refuse; only a held OS lock is."""
    lock = tmp_path / "archive" / ".planpdf.lock"
    lock.parent.mkdir()
    lock.write_text("12345\n")
    result = cli("archive", editions["first"])
    assert result.code == 0, result.err
    assert result.err == ""
    assert cli("verify", "archive").code == 0
