"""The start-up cache: what it gives back is what parsing gives, so the PDF's bytes are the same;
a cache that is damaged, stale or cannot be written only means parsing again."""

from __future__ import annotations

import io
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SAMPLE, run_planpdf
from planpdf import startcache
from planpdf.cli.context import Context
from planpdf.layout import fonts

ROOT = Path(__file__).resolve().parents[1]


def _build(content: Path, out: Path, cache: str) -> str:
    """``planpdf build --debug`` in a fresh process (the cache is read at a process's start);
    its standard error, which says whether the cache was used."""
    proc = subprocess.run([sys.executable, "-m", "planpdf.cli", "build", str(content), "-o",
                           str(out), "--debug"], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PLANPDF_CACHE": cache})
    assert proc.returncode == 0, proc.stderr
    return proc.stderr


@pytest.mark.parametrize("content", [SAMPLE, ROOT / "content" / "samarbejdsplan-vestkysten-2026.yaml"])
def test_a_build_from_the_cache_writes_the_same_bytes(tmp_path: Path, content: Path) -> None:
    folder = tmp_path / "cache"
    assert f"mellemlageret i {folder} er skrevet" in _build(content, tmp_path / "a.pdf", str(folder))
    assert startcache.cache_file(folder).is_file()
    assert f"mellemlageret i {folder} er brugt" in _build(content, tmp_path / "b.pdf", str(folder))
    assert "mellemlageret" not in _build(content, tmp_path / "parsed.pdf", "off")
    parsed = (tmp_path / "parsed.pdf").read_bytes()
    assert (tmp_path / "a.pdf").read_bytes() == parsed
    assert (tmp_path / "b.pdf").read_bytes() == parsed


def test_a_damaged_cache_is_parsed_again_and_written_anew(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    _build(SAMPLE, tmp_path / "a.pdf", str(folder))
    cached = startcache.cache_file(folder)
    good = cached.read_bytes()
    cached.write_bytes(good[:-1] + bytes([good[-1] ^ 1]))  # one bit, after the checksum
    assert "er skrevet" in _build(SAMPLE, tmp_path / "b.pdf", str(folder))
    assert cached.read_bytes() == good
    assert (tmp_path / "b.pdf").read_bytes() == (tmp_path / "a.pdf").read_bytes()


def _fresh_font(face: str) -> object:
    from reportlab.pdfbase.ttfonts import TTFont

    path = fonts.default_fonts_dir() / fonts.FACES[face]
    return TTFont(f"test-{face}", str(path), asciiReadable=False)


@pytest.mark.parametrize("face", ["regular", "bold", "italic"])
def test_a_saved_face_is_made_again_as_reportlab_parsed_it(face: str) -> None:
    parsed = _fresh_font(face)
    saved = pickle.loads(pickle.dumps(fonts.saved_face(parsed)))  # plain values only
    path = fonts.default_fonts_dir() / fonts.FACES[face]
    made = fonts._restored(f"test-{face}", path, saved)
    assert made is not None
    assert vars(made).keys() == vars(parsed).keys()
    assert made.face is not parsed.face
    got, want = vars(made.face), vars(parsed.face)
    assert got.keys() == want.keys()
    for key in want.keys() - {"_pdfScale"}:
        assert got[key] == want[key], key
        assert type(got[key]) is type(want[key]), key
    assert got["fullName"].ustr == want["fullName"].ustr
    for units in (-1234, 0, 1, 7, 1000, 2048, 65535):
        assert got["_pdfScale"](units) == want["_pdfScale"](units)
    assert made.face.makeSubset([0, 36, 37]) == parsed.face.makeSubset([0, 36, 37])
    assert made.stringWidth("Kriminalpræventivt råd", 10) == parsed.stringWidth(
        "Kriminalpræventivt råd", 10)


@pytest.mark.parametrize("saved", [{}, {"values": [], "names": {}}, {"values": {1: 2}, "names": {}},
                                   {"values": {"_ttf_data": b""}, "names": {}}])
def test_a_face_not_as_saved_is_parsed(saved: object) -> None:
    path = fonts.default_fonts_dir() / fonts.FACES["regular"]
    assert fonts._restored("test-x", path, saved) is None  # type: ignore[arg-type]


def _saved(tmp_path: Path) -> tuple[Path, str]:
    """A cache written for the shipped fonts, and its key."""
    folder = tmp_path / "cache"
    fonts.register(fonts.default_fonts_dir())
    key = startcache._key(fonts.default_fonts_dir(), "da_DK", "da_DK")
    payload = startcache._collect(fonts.default_fonts_dir(), "da_DK", "da_DK", key)
    assert payload is not None
    folder.mkdir()
    startcache.cache_file(folder).write_bytes(payload)
    return startcache.cache_file(folder), key


def test_only_a_whole_cache_made_from_the_same_files_is_read(tmp_path: Path) -> None:
    path, key = _saved(tmp_path)
    good = path.read_bytes()
    saved = startcache._read(path, key)
    assert saved is not None and set(saved) == {"key", "faces", "babel", "pyphen"}
    assert startcache._read(path, key + "x") is None  # other versions or files
    for damaged in (b"", good[:100], good[:-1], b"x" + good[1:], good + b"x"):
        path.write_bytes(damaged)
        assert startcache._read(path, key) is None
    assert startcache._read(tmp_path / "missing.bin", key) is None


def test_the_key_changes_with_a_font_file(tmp_path: Path) -> None:
    copied = tmp_path / "fonts"
    copied.mkdir()
    for name in fonts.FACES.values():
        (copied / name).write_bytes((fonts.default_fonts_dir() / name).read_bytes())
    before = startcache._key(copied, "da_DK", "da_DK")
    regular = copied / fonts.FACES["regular"]
    os.utime(regular, ns=(regular.stat().st_atime_ns, regular.stat().st_mtime_ns + 1))
    assert startcache._key(copied, "da_DK", "da_DK") != before


def test_babel_data_and_hyphenation_come_back_as_loaded(tmp_path: Path) -> None:
    import pyphen
    from babel import localedata

    path, key = _saved(tmp_path)
    saved = startcache._read(path, key)
    assert saved is not None
    data = startcache._BabelData(io.BytesIO(saved["babel"])).load()
    loaded = localedata.load("da_DK")
    assert data.keys() == loaded.keys()
    assert pickle.dumps(data, protocol=5) == pickle.dumps(loaded, protocol=5)
    patterns, maxlen = saved["pyphen"]
    parsed = pyphen.HyphDict(startcache._dictionary("da_DK"))
    assert patterns == parsed.patterns and maxlen == parsed.maxlen


class _Evil:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (print, ("ran",))


def test_babel_part_may_hold_only_babel_classes(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    path, key = _saved(tmp_path)
    saved = startcache._read(path, key)
    assert saved is not None
    saved["babel"] = pickle.dumps({"x": _Evil()})
    assert startcache._install(saved, fonts.default_fonts_dir(), "da_DK", "da_DK") is False
    assert "ran" not in capsys.readouterr().out
    assert startcache._install({"faces": {}}, fonts.default_fonts_dir(), "da_DK", "da_DK") is False


def test_a_folder_that_cannot_be_written_does_not_fail_the_build(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    out = tmp_path / "plan.pdf"
    result = run_planpdf("build", SAMPLE, "-o", out, env={**os.environ,
                                                           "PLANPDF_CACHE": str(blocker / "x")})
    assert result.code == 0, result.err
    assert out.read_bytes()[:5] == b"%PDF-"
    assert blocker.read_text() == "not a folder"


def test_planpdf_cache_chooses_the_folder_or_turns_it_off() -> None:
    def folder(value: str | None) -> Path | None:
        env = {} if value is None else {"PLANPDF_CACHE": value}
        return Context(sys.stdout, sys.stderr, env, sys.stdin).cache_folder()

    assert folder("off") is None
    assert folder(" OFF ") is None
    assert folder("/srv/planpdf-cache") == Path("/srv/planpdf-cache")
    assert folder(None) == folder("") == startcache.default_folder()
    assert startcache.default_folder().name in ("planpdf", "Cache")
