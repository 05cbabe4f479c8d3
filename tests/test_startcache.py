"""The start-up cache: what it gives back is what parsing gives, so the PDF's bytes are the same;
a cache that is damaged, stale or cannot be written only means parsing again."""

from __future__ import annotations

import marshal
import os
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
    assert _file(folder).is_file()
    if hasattr(os, "getuid"):  # no one else may write them, whatever the umask
        assert folder.stat().st_mode & 0o777 == 0o700
        assert _file(folder).stat().st_mode & 0o777 == 0o600
    assert f"mellemlageret i {folder} er brugt" in _build(content, tmp_path / "b.pdf", str(folder))
    assert "mellemlageret" not in _build(content, tmp_path / "parsed.pdf", "off")
    parsed = (tmp_path / "parsed.pdf").read_bytes()
    assert (tmp_path / "a.pdf").read_bytes() == parsed
    assert (tmp_path / "b.pdf").read_bytes() == parsed


def _file(folder: Path) -> Path:
    found = startcache.cache_file(folder, fonts.default_fonts_dir())
    assert found is not None
    return found


# a build in a fresh process in which ReportLab's TrueType parser and pyphen's dictionary parser
# fail: it succeeds only if the start-up cache gives back everything they would parse
_WITHOUT_PARSERS = """
import sys
import pyphen
from reportlab.pdfbase import ttfonts

def refuse(*args, **kwargs):
    raise RuntimeError("parsed")

ttfonts.TTFontFile.__init__ = refuse
pyphen.HyphDict.__init__ = refuse
from planpdf.cli import main
sys.exit(main(["build", sys.argv[1], "-o", sys.argv[2]]))
"""


def test_a_build_from_the_cache_parses_no_font_and_no_dictionary(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    _build(SAMPLE, tmp_path / "parsed.pdf", str(folder))

    def without_parsers(cache: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-c", _WITHOUT_PARSERS, str(SAMPLE),
                               str(tmp_path / "cached.pdf")], capture_output=True, text=True,
                              timeout=120, env={**os.environ, "PLANPDF_CACHE": cache})

    assert "parsed" in without_parsers("off").stderr  # the parsers do fail without the cache
    done = without_parsers(str(folder))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "cached.pdf").read_bytes() == (tmp_path / "parsed.pdf").read_bytes()


def test_a_damaged_cache_is_parsed_again_and_written_anew(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    _build(SAMPLE, tmp_path / "a.pdf", str(folder))
    cached = _file(folder)
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
    saved = marshal.loads(marshal.dumps(fonts.saved_face(parsed)))  # as the cache keeps it
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
    key = startcache._key(fonts.default_fonts_dir(), "da_DK")
    payload = startcache._collect("da_DK", key)
    assert payload is not None
    folder.mkdir(mode=0o700)
    path = _file(folder)
    path.write_bytes(payload)
    path.chmod(0o600)  # as warm_start writes it, whatever the umask
    return path, key


def test_only_a_whole_cache_made_from_the_same_files_is_read(tmp_path: Path) -> None:
    path, key = _saved(tmp_path)
    good = path.read_bytes()
    saved = startcache._read(path, key)
    assert saved is not None and set(saved) == {"key", "faces", "pyphen"}
    assert startcache._read(path, key + "x") is None  # other versions or files
    for damaged in (b"", good[:100], good[:-1], b"x" + good[1:], good + b"x"):
        path.write_bytes(damaged)
        assert startcache._read(path, key) is None
    assert startcache._read(tmp_path / "missing.bin", key) is None


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX owners and modes")
def test_a_cache_others_may_write_is_not_read(tmp_path: Path) -> None:
    path, key = _saved(tmp_path)
    assert startcache._read(path, key) is not None
    path.chmod(0o666)
    assert startcache._read(path, key) is None
    path.chmod(0o600)
    path.parent.chmod(0o777)
    assert startcache._read(path, key) is None
    path.parent.chmod(0o700)
    assert startcache._read(path, key) is not None


def test_the_key_changes_with_a_font_file_and_with_planpdf(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    copied = tmp_path / "fonts"
    copied.mkdir()
    for name in fonts.FACES.values():
        (copied / name).write_bytes((fonts.default_fonts_dir() / name).read_bytes())
    before = startcache._key(copied, "da_DK")
    regular = copied / fonts.FACES["regular"]
    os.utime(regular, ns=(regular.stat().st_atime_ns, regular.stat().st_mtime_ns + 1))
    touched = startcache._key(copied, "da_DK")
    assert touched != before
    import pyphen
    import reportlab

    monkeypatch.setattr(startcache, "__version__", "0.0.0")
    assert startcache._key(copied, "da_DK") != touched
    planpdf_changed = startcache._key(copied, "da_DK")
    monkeypatch.setattr(pyphen, "__version__", "0.0.0")
    pyphen_changed = startcache._key(copied, "da_DK")
    monkeypatch.setattr(reportlab, "Version", "0.0.0")
    assert len({planpdf_changed, pyphen_changed, startcache._key(copied, "da_DK")}) == 3


def test_the_key_changes_with_the_dictionary(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    copied = tmp_path / "hyph_da_DK.dic"
    copied.write_bytes(startcache._dictionary("da_DK").read_bytes())
    before = startcache._key(fonts.default_fonts_dir(), "da_DK")
    monkeypatch.setattr(startcache, "_dictionary", lambda language: copied)
    assert startcache._key(fonts.default_fonts_dir(), "da_DK") != before


def test_two_installations_keep_two_files(tmp_path: Path) -> None:
    shipped = fonts.default_fonts_dir()
    assert startcache.cache_file(tmp_path, shipped) != startcache.cache_file(tmp_path, tmp_path)
    assert startcache.cache_file(tmp_path, shipped) == _file(tmp_path)


def test_hyphenation_patterns_come_back_as_parsed(tmp_path: Path) -> None:
    import pyphen

    path, key = _saved(tmp_path)
    saved = startcache._read(path, key)
    assert saved is not None
    patterns, maxlen = saved["pyphen"]
    parsed = pyphen.HyphDict(startcache._dictionary("da_DK"))
    assert patterns == parsed.patterns and maxlen == parsed.maxlen
    assert len(patterns) > 1000


def test_values_not_as_written_are_not_installed(tmp_path: Path) -> None:
    path, key = _saved(tmp_path)
    saved = startcache._read(path, key)
    assert saved is not None
    shipped = fonts.default_fonts_dir()
    faces = saved["faces"]
    regular = faces["regular"]
    for broken in ({**saved, "faces": {}}, {**saved, "pyphen": ({}, "x")},
                   {**saved, "pyphen": (saved["pyphen"][0], -5)},
                   {**saved, "pyphen": ({"ab": 3}, 2)},
                   {**saved, "faces": {**faces, "regular": {
                       **regular, "values": {**regular["values"], "unitsPerEm": 0}}}},
                   {**saved, "faces": {**faces, "regular": {
                       **regular, "values": {**regular["values"], "charWidths": "x"}}}},
                   {**saved, "faces": {**saved["faces"], "bold": {"values": []}}}, {}):
        assert startcache._install(broken, shipped, "da_DK") is False


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

    for off in ("off", " OFF ", "0", "false", "no", "nej", "fra"):
        assert folder(off) is None
    assert folder("/srv/planpdf-cache") == Path("/srv/planpdf-cache")
    assert folder(None) == folder("") == startcache.default_folder()
    assert startcache.default_folder().name in ("planpdf", "Cache")
