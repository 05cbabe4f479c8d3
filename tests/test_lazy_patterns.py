"""Three patterns ReportLab and PyYAML compile at import are compiled at first use (issue 12).

``planpdf.cli.lazy`` says why and how. Here: the three are the installed releases' own (a
release that changes one fails here, not silently); a fresh ``planpdf build`` of the sample
leaves all three uncompiled and writes the bytes of a build in a process that compiled them at
import; a plan with a web address in a narrow table cell compiles ReportLab's URL pattern when
it needs it, with the same bytes; the stand-in matches as the pattern does; and ``re.compile`` is
itself again after the block.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import reportlab.lib.textsplit
import reportlab.platypus.paragraph
import yaml.reader
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from planpdf.cli.lazy import LAZY, LazyPattern, lazy_patterns

PATTERNS = {
    "reportlab.platypus.paragraph.uri_pat": reportlab.platypus.paragraph.uri_pat,
    "yaml.reader.Reader.NON_PRINTABLE": yaml.reader.Reader.NON_PRINTABLE,
    "reportlab.lib.textsplit.rx": reportlab.lib.textsplit.rx,
}

# In a fresh process: build, then report each pattern's kind and whether it was compiled.
_FRESH = """
import json, re, sys
from planpdf.cli import lazy, main
asked = []  # the texts the stand-ins' match was asked about
real_match = lazy.LazyPattern.match
def match(self, string, *args, **kwargs):
    asked.append(string)
    return real_match(self, string, *args, **kwargs)
lazy.LazyPattern.match = match
status = main(["build", sys.argv[1], "-o", sys.argv[2], "-q"])
import reportlab.lib.textsplit, reportlab.platypus.paragraph, yaml.reader
found = {
    "reportlab.platypus.paragraph.uri_pat": reportlab.platypus.paragraph.uri_pat,
    "yaml.reader.Reader.NON_PRINTABLE": yaml.reader.Reader.NON_PRINTABLE,
    "reportlab.lib.textsplit.rx": reportlab.lib.textsplit.rx,
}
print(json.dumps({"status": status, "re.compile restored": re.compile.__module__ == "re",
                  "asked": asked,
                  "patterns": {name: [type(p).__name__, getattr(p, "_compiled", p) is not None]
                               for name, p in found.items()}}))
"""


def _digest(pattern: re.Pattern[str]) -> str:
    return hashlib.sha256(pattern.pattern.encode("utf-8", "surrogatepass")).hexdigest()


def test_the_three_are_the_installed_releases_patterns() -> None:
    """Each known digest is one of the three patterns as the installed release compiles it (this
    process imported them before any block); a release that changes one fails here."""
    assert all(isinstance(p, re.Pattern) for p in PATTERNS.values())
    assert sorted(_digest(p) for p in PATTERNS.values()) == sorted(LAZY)
    assert LAZY[_digest(PATTERNS["reportlab.platypus.paragraph.uri_pat"])] == "://"


def _uses(package: Any, name: str) -> list[str]:
    """Every line of the installed package's sources that names ``name`` (as a whole word)."""
    found = []
    for source in sorted(Path(package.__file__).parent.rglob("*.py")):
        for line in source.read_text(encoding="utf-8", errors="replace").splitlines():
            if re.search(rf"\b{name}\b", line):
                found.append(f"{source.name}: {line.strip()[:60]}")
    return found


def test_reportlab_and_pyyaml_use_the_three_only_as_the_stand_in_allows() -> None:
    """Each pattern is made once and used once, through a method the stand-in answers (never
    ``isinstance`` or a module-level ``re`` function, which it would not satisfy)."""
    import reportlab
    import yaml

    uri = _uses(reportlab, "uri_pat")
    assert len(uri) == 2 and uri[0].startswith("paragraph.py: uri_pat = re.compile(")
    assert uri[1] == "paragraph.py: m = uri_pat.match(uri)"
    printable = _uses(yaml, "NON_PRINTABLE")
    assert len(printable) == 2 and printable[0].startswith("reader.py: NON_PRINTABLE = re.compile(")
    assert printable[1] == "reader.py: match = self.NON_PRINTABLE.search(data)"
    cjk = [u for u in _uses(reportlab, "rx") if u.startswith("textsplit.py")]
    assert len(cjk) == 2 and cjk[0].startswith("textsplit.py: rx=re.compile(")
    assert cjk[1].startswith("textsplit.py: rx.sub(")
    assert not any("textsplit.rx" in u or "import rx" in u for u in _uses(reportlab, "rx"))


def _fresh_build(content: Path, out: Path) -> dict[str, Any]:
    proc = subprocess.run([sys.executable, "-c", _FRESH, str(content), str(out)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    report: dict[str, Any] = json.loads(proc.stdout.splitlines()[-1])
    assert report["status"] == 0 and report["re.compile restored"]
    return report


def test_a_fresh_build_compiles_none_of_them_and_writes_the_same_bytes(
        cli: Any, tmp_path: Path) -> None:
    sample = ROOT / "content" / "billund-2010.yaml"
    report = _fresh_build(sample, tmp_path / "fresh.pdf")
    assert report["patterns"] == {name: ["LazyPattern", False] for name in PATTERNS}
    # ReportLab asked the URL pattern about words it might break, and got its answer at once
    assert len(report["asked"]) > 10 and not any("://" in text for text in report["asked"])
    assert cli("build", sample, "-o", tmp_path / "here.pdf").code == 0  # compiled at import
    assert (tmp_path / "fresh.pdf").read_bytes() == (tmp_path / "here.pdf").read_bytes()


def test_a_web_address_at_a_line_end_compiles_the_url_pattern_with_the_same_bytes(
        cli: Any, tmp_path: Path) -> None:
    """Ålunde's plan has a long address in a narrow table cell: ReportLab asks the URL pattern
    whether it may break it at a slash, and the pattern is compiled for that question."""
    plan = ROOT / "content" / "handleplan-aalunde-2026.yaml"
    assert "https://fjordby.invalid/natteravne/" in plan.read_text(encoding="utf-8")
    report = _fresh_build(plan, tmp_path / "fresh.pdf")
    assert report["patterns"]["reportlab.platypus.paragraph.uri_pat"] == ["LazyPattern", True]
    assert cli("build", plan, "-o", tmp_path / "here.pdf").code == 0
    assert (tmp_path / "fresh.pdf").read_bytes() == (tmp_path / "here.pdf").read_bytes()


def _same_match(ours: re.Match[str] | None, theirs: re.Match[str] | None) -> None:
    assert (ours is None) == (theirs is None)
    if ours is not None and theirs is not None:
        assert (ours.span(), ours.groups()) == (theirs.span(), theirs.groups())


words = st.text(alphabet=st.sampled_from(list("aZ09.-+:/?#@[]æøåÆ\u00a1\uffef x")), max_size=40)
addresses = st.builds("".join, st.lists(st.sampled_from(
    ["https", "http", "ftp", "://", ":/", "/", "www.", "politi", ".dk", ".invalid", "-", "?a=1",
     "#top", "@", "user:pw@", "[::1]", "127.0.0.1", ":8080", "localhost", "xn--bcher-kva", " ",
     "æøå", "."]), max_size=10))


@settings(max_examples=400, derandomize=True, deadline=None)
@given(st.one_of(words, addresses))
def test_the_url_stand_in_matches_as_reportlabs_pattern(text: str) -> None:
    """Without ``://`` nothing matches, so the stand-in answers at once and stays uncompiled;
    with it, it compiles and answers as the pattern does."""
    real = PATTERNS["reportlab.platypus.paragraph.uri_pat"]
    lazy = LazyPattern(real.pattern, re.IGNORECASE, "://")
    _same_match(lazy.match(text), real.match(text))
    if "://" not in text:
        assert lazy._compiled is None
    assert lazy.flags == real.flags  # anything else is the compiled pattern's own


@pytest.mark.parametrize("name", ["yaml.reader.Reader.NON_PRINTABLE", "reportlab.lib.textsplit.rx"])
def test_the_other_stand_ins_answer_as_their_patterns(name: str) -> None:
    real = PATTERNS[name]
    lazy = LazyPattern(real.pattern, real.flags, None)
    for text in ("plain text", "tab\there", "\x00\x07 control", "\ufffe", "中文 text", ""):
        _same_match(lazy.search(text), real.search(text))
        assert lazy.sub(r"<\1>" if real.groups else "", text) == real.sub(
            r"<\1>" if real.groups else "", text)
    assert lazy._compiled is not None


def test_re_compile_is_itself_again_after_the_block() -> None:
    original = re.compile
    with lazy_patterns():
        assert re.compile is not original
        made = re.compile(PATTERNS["reportlab.lib.textsplit.rx"].pattern, re.UNICODE)
        other = re.compile("[a-z]+")
    assert re.compile is original
    assert isinstance(made, LazyPattern) and isinstance(other, re.Pattern)
    with pytest.raises(RuntimeError), lazy_patterns():
        raise RuntimeError("an import fails")
    assert re.compile is original


def test_the_block_restores_what_it_found_and_nests() -> None:
    """Whatever ``re.compile`` was when the block began (another tool's patch, say), it is
    again afterwards, and the stand-in compiles through it; a block inside a block too."""
    original = re.compile
    made: list[str] = []

    def patched(pattern: Any, flags: int = 0) -> Any:
        made.append(pattern)
        return original(pattern, flags)

    re.compile = patched  # type: ignore[assignment]
    try:
        with lazy_patterns():
            with lazy_patterns():
                lazy = re.compile(PATTERNS["reportlab.lib.textsplit.rx"].pattern, re.UNICODE)
            assert re.compile is not patched
        assert re.compile is patched
        assert made == []  # not compiled yet
        assert lazy.sub(r"<\1>", "中") == "<中>" and len(made) == 1
    finally:
        re.compile = original


def test_the_stand_in_copies_and_takes_keywords_as_a_pattern_does() -> None:
    import copy

    real = PATTERNS["reportlab.platypus.paragraph.uri_pat"]
    lazy = LazyPattern(real.pattern, re.IGNORECASE, "://")
    assert copy.copy(lazy) is lazy and copy.deepcopy(lazy) is lazy
    for text in ("https://politi.dk/a", "xhttps://politi.dk", "ingen adresse"):
        _same_match(lazy.match(text, pos=1), real.match(text, pos=1))
        _same_match(lazy.match(text, 0, 5), real.match(text, 0, 5))
