"""verify ARKIV/ compares every field of an entry with its file and knows everything in the folder:
hidden and unlisted files, links, leftovers."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from planpdf import __version__


@pytest.fixture(scope="module")
def editions(make_edition, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Two different approved editions of 2011."""
    folder = tmp_path_factory.mktemp("input")
    return [make_edition(folder / "billund-2011.pdf"),
            make_edition(folder / "billund-2011-b.pdf", purpose_suffix="Rettet.",
                         approved_date="2011-03-01")]


@pytest.fixture(scope="module")
def template(editions, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An archive holding both editions (revisions 1 and 2) that verify passes, made once."""
    from conftest import run_planpdf

    root = tmp_path_factory.mktemp("template") / "archive"
    for pdf in editions:
        assert run_planpdf("archive", pdf, "--archive", root).code == 0
    assert run_planpdf("verify", root).code == 0
    return root


@pytest.fixture
def archived(template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the template as archive/ in the test's folder."""
    return Path(shutil.copytree(template, tmp_path / "archive", symlinks=True))


def _edit(root: Path, index: int, **fields: object) -> dict:
    path = root / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["entries"][index].update(fields)
    path.write_text(json.dumps(manifest), encoding="utf-8")
    return manifest["entries"][index]


@pytest.mark.parametrize(("fields", "expected"), [
    ({"revision": 0}, "manifestets revision er 0, men filnavnet siger revision 1"),
    ({"planpdf_version": "0.1.8"},
     "manifestets planpdf_version (planpdf-version) er '0.1.8', men PDF'en siger "
     f"'{__version__}'"),
    ({"signed": True}, "manifestets signed (underskrevet) er True, men PDF'en siger False"),
], ids=["revision", "planpdf_version", "signed"])
def test_every_field_of_an_entry_is_compared(archived: Path, cli, fields, expected):
    """REGRESSION ('revision 1' → 0 and version '0.1.0' → '0.1.8' went unnoticed): each edited
    field is an error naming the file and the field."""
    entry = _edit(archived, 0, **fields)
    result = cli("verify", "archive")
    assert result.code == 1
    assert f"{Path('archive') / entry['file']}: error: {expected}" in result.err, result.err


def test_two_entries_with_one_revision_are_an_error(archived: Path, cli):
    """Revision 2 claimed as revision 1 clashes with the real revision 1, and with its name."""
    entry = _edit(archived, 1, revision=1)
    result = cli("verify", "archive")
    assert result.code == 1
    assert "manifestets revision er 1, men filnavnet siger revision 2" in result.err
    assert f"{Path('archive') / entry['file']}: error: manifestet giver også " in result.err


def test_hidden_and_unknown_things_are_named(archived: Path, cli):
    """REGRESSION (verify ignored dot files): a hidden file, a hidden folder and a pipe are
    errors; the lock file is known and not named."""
    (archived / "billund" / ".DS_Store").write_bytes(b"\0")
    (archived / ".git" / "objects").mkdir(parents=True)
    (archived / ".git" / "objects" / "ab").write_bytes(b"x")
    os.mkfifo(archived / "billund" / "2011" / "roer")
    result = cli("verify", "archive")
    assert result.code == 1
    assert (f"{Path('archive/billund/.DS_Store')}: error: en skjult fil, som manifestet ikke "
            "kender") in result.err
    assert f"{Path('archive/.git')}: error: en skjult mappe, som arkivet ikke kender" in result.err
    assert f"{Path('archive/billund/2011/roer')}: error: er hverken en almindelig fil" in result.err
    assert "objects" not in result.err and ".planpdf.lock" not in result.err
    assert "planpdf: 3 problem(er) i 3 fil(er)" in result.err


def test_leftover_temporary_files_are_a_warning(archived: Path, cli):
    """The atomic writer's leftovers are named as such, but the archive is intact: exit 0."""
    leftover = archived / "billund" / "2011" / ".billund-2011-r3-0123456789ab.pdf.abcdefgh.tmp"
    leftover.write_bytes(b"%PDF-1.7")
    result = cli("verify", "archive")
    assert result.code == 0, result.err
    assert (f"{leftover.relative_to(archived.parent)}: warning: en midlertidig fil efterladt af "
            "en planpdf, der blev afbrudt") in result.err
    assert "i orden" in result.out


def test_an_archived_file_that_is_a_link_is_refused(archived: Path, editions, cli,
                                                    tmp_path: Path):
    """An archived file replaced by a symbolic link to an identical copy fails verify; a year
    folder that is a link stops archive, and a link elsewhere in the archive is named."""
    entries = json.loads((archived / "manifest.json").read_text(encoding="utf-8"))["entries"]
    victim = archived / entries[0]["file"]
    outside = tmp_path / "udenfor.pdf"
    outside.write_bytes(victim.read_bytes())
    victim.unlink()
    victim.symlink_to(outside)
    (archived / "genvej.pdf").symlink_to(outside)
    result = cli("verify", "archive")
    assert result.code == 1
    assert f"{Path('archive') / entries[0]['file']}: error: filen er et symbolsk link" in result.err
    assert f"{Path('archive/genvej.pdf')}: error: et symbolsk link i arkivet" in result.err

    other = cli("archive", editions[0], "--archive", "andet")
    assert other.code == 0
    year = tmp_path / "andet" / "billund" / "2011"
    year.rename(tmp_path / "elsewhere")
    year.symlink_to(tmp_path / "elsewhere")
    result = cli("archive", editions[1], "--archive", "andet")
    assert result.code == 1
    assert f"{Path('andet/billund/2011')}: error: mappen er et symbolsk link" in result.err
    assert sorted(p.name for p in (tmp_path / "elsewhere").iterdir()) == [
        Path(entries[0]["file"]).name]


def test_a_manifest_that_is_a_link_is_refused(archived: Path, cli, tmp_path: Path):
    """manifest.json as a symbolic link: verify and archive stop with a Danish error."""
    manifest = archived / "manifest.json"
    moved = tmp_path / "manifest-kopi.json"
    manifest.rename(moved)
    manifest.symlink_to(moved)
    result = cli("verify", "archive")
    assert result.code == 1 and "manifestet er et symbolsk link" in result.err


def test_a_lock_file_that_is_a_link_is_not_followed(archived: Path, editions, cli,
                                                    tmp_path: Path):
    """A symbolic link in the lock's place: archive refuses without touching its target; verify
    still checks the archive (unlocked) and names the link."""
    target = tmp_path / "andet-sted.txt"
    target.write_text("uændret\n", encoding="utf-8")
    (archived / ".planpdf.lock").unlink()
    (archived / ".planpdf.lock").symlink_to(target)
    result = cli("archive", editions[0])
    assert result.code == 1
    assert (f"{Path('archive/.planpdf.lock')}: error: låsefilen er et symbolsk link"
            in result.err)
    result = cli("verify", "archive")
    assert result.code == 1
    assert f"{Path('archive/.planpdf.lock')}: error: et symbolsk link i arkivet" in result.err
    assert "planpdf: 1 problem(er)" in result.err
    assert target.read_text(encoding="utf-8") == "uændret\n"
