"""libyaml's parser (``source._FastLoader``) reads content exactly as PyYAML's own (``_Loader``):
the same data, the same positions, plain or quoted alike; and where PyYAML finds a problem,
libyaml finds one too, so ``parse`` falls back to PyYAML and its Danish messages. Held on every
YAML file of the repository and on the fuzz tests' hostile texts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from msgspec.structs import astuple

from conftest import ROOT
from planpdf.content import source
from planpdf.errors import ContentError
from test_fuzz import SETTINGS, TEXTS

pytestmark = pytest.mark.skipif(source.CParser is None, reason="PyYAML without libyaml")
FILES = sorted({*ROOT.glob("content/*.yaml"), *ROOT.glob("tests/**/*.yaml")})


def _outcome(text: str, fast: bool) -> tuple[str, Any]:
    """What becomes of ``text`` by one parser: the source's data and map, or the problems."""
    try:
        if fast:
            node = source._fast_node(text)
            if node is None:
                return "refused", None
        else:
            node = source._node("plan.yaml", text, source._Loader)
        parsed = source.to_source("plan.yaml", text, node)
    except ContentError as exc:
        return "problems", [astuple(d) for d in exc.diagnostics]
    smap = parsed.map
    return "data", (parsed.data, smap.values, smap.keys, smap.plain, smap.raw, smap.ends)


def _same(text: str) -> None:
    """Where libyaml gives a document, PyYAML gives the same one (and where libyaml gives none,
    ``parse`` uses PyYAML's anyway)."""
    fast_kind, fast = _outcome(text, fast=True)
    if fast_kind == "refused":
        return
    python_kind, python = _outcome(text, fast=False)
    if python_kind == "problems" and fast_kind == "data":
        pytest.fail(f"libyaml accepts what PyYAML refuses: {text!r}")  # parse would not fall back
    assert (fast_kind, fast) == (python_kind, python)


def test_the_files_read_the_same() -> None:
    assert len(FILES) > 40
    for path in FILES:
        text = path.read_text(encoding="utf-8", errors="surrogateescape")
        try:
            source.check_text(str(path), text)
        except ContentError:
            continue  # refused before any parser sees it
        _same(text)


@settings(max_examples=2000, **SETTINGS)
@given(TEXTS)
def test_hostile_texts_read_the_same(text: str) -> None:
    try:
        source.check_text("plan.yaml", text)
    except ContentError:
        return
    _same(text)


def test_parse_uses_libyaml_and_falls_back_for_problems(tmp_path: Path) -> None:
    assert source._fast_node((ROOT / "content" / "billund-2010.yaml").read_text(encoding="utf-8"))
    good = "år: 2010\nråd: {navn: x}\n"
    assert source._fast_node(good) is not None
    bad = "år: 2010\n  råd: x\n"
    assert source._fast_node(bad) is None
    with pytest.raises(ContentError) as python:
        source._node("plan.yaml", bad, source._Loader)
    with pytest.raises(ContentError) as parsed:
        source.parse("plan.yaml", bad)
    assert parsed.value.diagnostics == python.value.diagnostics
