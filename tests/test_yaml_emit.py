"""The canonical YAML source is PyYAML's emitter's text; libyaml's emitter writes it only where
``provenance._emits_alike`` says both write the same. Held here on the data of every YAML file
of the repository and on fuzzed data built to hit the emitters' corners (quoting, indicators,
line folding at width 100, line breaks, spaces beside them, unusual characters, keys)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from planpdf import provenance
from planpdf.content.load import load_text
from planpdf.errors import ContentError
from test_fuzz import SETTINGS

pytestmark = pytest.mark.skipif(provenance._CDumper is None, reason="PyYAML without libyaml")
FILES = sorted({*ROOT.glob("content/*.yaml"), *ROOT.glob("tests/**/*.yaml")})


def _python(data: Any) -> str:
    return provenance._dump(data, yaml.SafeDumper)


def _same(data: Any) -> bool:
    """The canonical text is always PyYAML's; where libyaml is used, it wrote the same."""
    alike = provenance._emits_alike(data)
    if alike:
        assert provenance._dump(data, provenance._CDumper) == _python(data), data
    assert provenance.canonical_yaml(data) == _python(data)
    return alike


def test_the_repositorys_plans_emit_alike() -> None:
    emitted = 0
    for path in FILES:
        text = path.read_text(encoding="utf-8", errors="surrogateescape")
        try:  # the loaded data, and (for the cases' broken plans) what PyYAML reads
            _same(load_text(str(path), text).data)
            emitted += 1
        except ContentError:
            pass
        try:
            _same(yaml.safe_load(text))
            emitted += 1
        except (yaml.YAMLError, ValueError):  # not YAML, or a date such as 2010-02-30
            pass
    assert emitted > 50
    sample = load_text("plan.yaml", (ROOT / "content" / "billund-2010.yaml").read_text("utf-8"))
    assert provenance._emits_alike(sample.data)  # the fast path is the one taken for a plan


CHARS = st.sampled_from([
    " ", " ", " ", "\n", "\n", "a", "b", "æ", "ø", "å", "Å", "é", "0", "1", ".", ":", "#", "-",
    "?", "'", '"', ",", "[", "]", "{", "}", "&", "*", "!", "|", ">", "%", "@", "`", "~", "\\",
    "\t", "\r", "\x85", "\xa0", "\u2028", "\u2029", "\ufeff", "\U0001f600", "\x00", "\x1b",
    "\u200b", "—", "€", "y", "n", "N", "o", "x", "=", "<", "/",
])
WORDS = st.sampled_from([
    "Lokalrådet", "politi", "og", "kommune", "-", "#", "a:", "b", ":", "'x'", '"y"', "2010",
    "2010-01-01", "17.00", "null", "yes", "No", "~", "true", "1e3", "0x1F", "...", "---", "",
    "\n", "\n\n", "æøå", "www.example.dk", "a #b", "c: d", "[1]", "{x}", "&anker", "*ref", "!tag",
    "%", "@", "`", "|", ">", "?", "ét" * 30, "x" * 101,
])
PRINTABLE = CHARS.filter(provenance._alike_text)
TEXT = st.one_of(
    st.lists(CHARS, max_size=40).map("".join),
    st.lists(PRINTABLE, max_size=40).map("".join),
    st.lists(PRINTABLE, max_size=250).map("".join),
    st.lists(WORDS, max_size=60).map(" ".join),
    st.lists(WORDS, max_size=60).map("".join),
    st.lists(st.lists(WORDS, max_size=40).map(" ".join), max_size=4).map("\n\n".join),
)
KEY = st.one_of(st.sampled_from(["år", "navn", "tekst", "formål", "råd", "- x", "a: b", "?",
                                 "", "1", "null", "#", "k" * 126, "ø" * 64, "ø" * 63]), TEXT)
SCALAR = st.one_of(TEXT, st.integers(-10**12, 10**12), st.booleans(), st.none(),
                   st.floats(allow_nan=False), st.dates(date(1900, 1, 1), date(2200, 1, 1)))
DATA = st.recursive(SCALAR, lambda inner: st.one_of(
    st.lists(inner, max_size=5), st.dictionaries(KEY, inner, max_size=5)), max_leaves=25)


@settings(max_examples=150, **SETTINGS)
@given(st.dictionaries(KEY, DATA, max_size=6))
def test_fuzzed_data_emits_alike(data: dict[str, Any]) -> None:
    _same(data)

ALIKE_TEXT = TEXT.filter(lambda text: provenance._emits_alike({"k": text}))
ALIKE_DATA = st.recursive(
    st.one_of(ALIKE_TEXT, st.integers(), st.booleans(), st.none(), st.dates()),
    lambda inner: st.one_of(st.lists(inner, max_size=5),
                            st.dictionaries(KEY, inner, max_size=5)), max_leaves=25)


@settings(max_examples=120, **SETTINGS)
@given(st.dictionaries(KEY, ALIKE_DATA, max_size=6))
def test_fuzzed_plain_data_emits_alike(data: dict[str, Any]) -> None:
    _same(data)


@settings(max_examples=800, **SETTINGS)
@given(st.dictionaries(st.sampled_from(["tekst", "navn", "formål"]), TEXT, min_size=1))
def test_fuzzed_texts_emit_alike(data: dict[str, Any]) -> None:
    _same(data)


def test_a_text_both_would_write_differently_takes_pyyaml() -> None:
    data = {"tekst": "linje\x85linje", "a" * 130: 1, "b": "x \ny"}
    assert not provenance._emits_alike(data)
    assert provenance.canonical_yaml(data) == _python(data)
    shared = [1]
    assert not provenance._emits_alike({"a": shared, "b": shared})  # an anchor
