"""What an interrupted archive leaves (an unlisted copy, temporary files) is repaired by the next
archive, under the lock; what planpdf did not leave is named and left alone."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from planpdf.edition.archive import archive_name
from planpdf.edition.read import read_edition


@pytest.fixture(scope="module")
def editions(make_edition, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Three different approved editions of 2011."""
    folder = tmp_path_factory.mktemp("input")
    return [make_edition(folder / "billund-2011.pdf"),
            make_edition(folder / "billund-2011-b.pdf", purpose_suffix="Rettet.",
                         approved_date="2011-03-01"),
            make_edition(folder / "billund-2011-c.pdf", purpose_suffix="Rettet igen.",
                         approved_date="2011-04-01")]


def _manifest(root: Path) -> list[dict]:
    return json.loads((root / "manifest.json").read_text(encoding="utf-8"))["entries"]


def _interrupted(root: Path, pdf: Path, revision: int, data: bytes | None = None,
                 mode: int = 0o444) -> Path:
    """The state a killed archive leaves after its PDF landed and before the manifest did:
    the copy at the next revision's name, and a temporary file of the manifest's write."""
    edition = read_edition(pdf.read_bytes())
    assert edition.council and edition.year and edition.fingerprint
    copy = root / archive_name(edition.council, edition.year, revision, edition.fingerprint)
    copy.parent.mkdir(parents=True, exist_ok=True)
    copy.write_bytes(pdf.read_bytes() if data is None else data)
    copy.chmod(mode)
    (root / ".manifest.json.k2v9_xq1.tmp").write_text('{"format": "planp', encoding="utf-8")
    return copy


def test_an_interrupted_archive_is_completed_by_the_next(editions, cli, tmp_path: Path):
    """REGRESSION (orphan blocks every later archive): verify names the unlisted copy and the
    leftover; the next archive of another edition completes revision 2, removes the leftover,
    says both, and becomes revision 3; then verify passes."""
    root = tmp_path / "archive"
    assert cli("archive", editions[0]).code == 0
    orphan = _interrupted(root, editions[1], 2)
    result = cli("verify", "archive")
    assert result.code == 1
    rel = orphan.relative_to(tmp_path)
    assert f"{rel}: error: filen står ikke i manifestet" in result.err
    assert f"{rel}: hint: den ligner en arkivering, der blev afbrudt" in result.err
    assert (f"{Path('archive/.manifest.json.k2v9_xq1.tmp')}: warning: en midlertidig fil "
            "efterladt af en planpdf, der blev afbrudt") in result.err

    result = cli("archive", editions[2])
    assert result.code == 0, result.err
    assert (f"{rel}: note: en afbrudt arkivering er gjort færdig: filen står nu i manifestet "
            "som revision 2") in result.err
    assert (f"{Path('archive/.manifest.json.k2v9_xq1.tmp')}: note: en midlertidig fil fra en "
            "afbrudt planpdf er fjernet") in result.err
    assert "revision 3" in result.out
    entries = _manifest(root)
    assert [e["revision"] for e in entries] == [1, 2, 3]
    assert entries[1]["file"] == orphan.relative_to(root).as_posix()
    assert entries[1]["approved_date"] == "2011-03-01" and entries[1]["signed"] is False
    assert not list(root.rglob("*.tmp"))
    result = cli("verify", "archive")
    assert result.code == 0, result.err
    assert result.err == ""


def test_archiving_the_interrupted_file_again_completes_it(editions, cli, tmp_path: Path):
    """Running the interrupted command again completes it, then finds the file archived; a copy
    the crash left writable becomes read-only."""
    root = tmp_path / "archive"
    orphan = _interrupted(root, editions[0], 1, mode=0o644)
    (root / "manifest.json").unlink(missing_ok=True)
    result = cli("archive", editions[0])
    assert result.code == 0, result.err
    assert "som revision 1" in result.err and "ligger allerede i arkivet" in result.out
    assert stat.S_IMODE(orphan.stat().st_mode) == 0o444
    assert [e["file"] for e in _manifest(root)] == [orphan.relative_to(root).as_posix()]
    assert cli("verify", "archive").code == 0


def test_an_unlisted_file_that_is_no_planpdf_copy_is_left_alone(editions, cli, tmp_path: Path):
    """A changed copy at the next revision's name is not completed or removed: archive warns,
    and refuses the edition that would be written there, naming the file."""
    root = tmp_path / "archive"
    assert cli("archive", editions[0]).code == 0
    data = bytearray(editions[1].read_bytes())
    data[len(data) // 2] ^= 0x20
    orphan = _interrupted(root, editions[1], 2, data=bytes(data))
    result = cli("archive", editions[1])
    assert result.code == 1
    rel = orphan.relative_to(tmp_path)
    assert f"{rel}: warning: filen står ikke i manifestet og er ikke en afbrudt" in result.err
    assert f"{rel}: error: filen findes allerede i arkivet" in result.err
    assert orphan.read_bytes() == bytes(data)
    assert len(_manifest(root)) == 1
    assert not list(root.rglob("*.tmp"))  # the leftovers went all the same
