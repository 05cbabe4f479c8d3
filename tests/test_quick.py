"""ReportLab with planpdf's speed-ups writes exactly what ReportLab writes (issue 12).

``layout.quick`` replaces ReportLab's ``fp_str`` (in the canvas and text objects) with a memo of
it and its object writer with one that skips the generic path for plain values;
``MarkupParagraph.wrap`` lays a paragraph's lines out once per width. Here: on
generated numbers and PDF objects, the stand-ins give ReportLab's own text, value for value
(or fail as ReportLab fails); whole documents (plans, a change report, a bundle) come out byte
for byte the same with and without all of it; and ReportLab is itself again after the block.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections import OrderedDict
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib import rl_accel
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen import canvas, textobject
from reportlab.platypus.paragraph import Paragraph

from conftest import ROOT, write
from diffcases import write_pair
from planpdf.layout import pages, quick
from planpdf.layout.markup import MarkupParagraph
from worst_case import plan

ORIGINALS = (rl_accel.fp_str, pdfdoc.format, pdfdoc.PDFDictionary.format, pdfdoc.PDFArray.format)

numbers = st.one_of(
    st.integers(min_value=-10**12, max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.floats(min_value=-2000, max_value=2000),  # page coordinates, sizes, colours
    st.booleans(),
)


def _current() -> tuple[Any, ...]:
    return (canvas.fp_str, pdfdoc.format, pdfdoc.PDFDictionary.format, pdfdoc.PDFArray.format)


def _outcome(work: Any) -> tuple[str, Any]:
    """What ``work()`` gives, or the kind of error it raises."""
    try:
        return "value", work()
    except Exception as exc:  # the same failure is the expected outcome too
        return "error", type(exc)


@settings(max_examples=400, derandomize=True)
@given(st.lists(st.lists(numbers, min_size=1, max_size=6), min_size=1, max_size=8))
def test_the_remembered_fp_str_gives_reportlabs_text(calls: list[list[Any]]) -> None:
    """Calls repeated, and equal numbers of other types (1, 1.0, True) in either order, still
    give what ReportLab's fp_str gives for each call."""
    for args in [*calls, *calls, *([[float(a) for a in c] for c in calls])]:
        assert quick.fp_str(*args) == rl_accel.fp_str(*args)
    assert quick.fp_str([1.5, 2]) == rl_accel.fp_str([1.5, 2])  # a list: not remembered


def _document() -> tuple[Any, list[Any]]:
    doc = pdfdoc.PDFDocument(invariant=1)
    refs = [doc.Reference(pdfdoc.PDFDictionary({"N": i}), f"Obj{i}") for i in range(3)]
    return doc, refs


names = st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x17F), min_size=1,
                max_size=8)
leaves = st.one_of(
    numbers, names, st.text(max_size=6), st.binary(max_size=6), st.none(),
    names.map(pdfdoc.PDFName),
    st.text(max_size=6).map(pdfdoc.PDFString),
    st.integers(min_value=0, max_value=2).map(lambda i: ("ref", i)),
)


def _built(value: Any, refs: list[Any]) -> Any:
    """Turn the drawn plan of an object into ReportLab objects."""
    if isinstance(value, tuple) and value and value[0] == "ref":
        return refs[value[1]]
    if isinstance(value, tuple) and value and value[0] in ("dict", "ordered", "forced"):
        kind, entries = value
        made = {k: _built(v, refs) for k, v in entries}
        d = pdfdoc.PDFDictionary(OrderedDict(made) if kind == "ordered" else made)
        if kind == "forced":
            d.multiline = "forced"
        return d
    if isinstance(value, tuple) and value and value[0] in ("array", "compact"):
        items = [_built(v, refs) for v in value[1]]
        return pdfdoc.PDFArray(items) if value[0] == "array" else pdfdoc.PDFArrayCompact(items)
    return value


objects = st.recursive(
    leaves,
    lambda inner: st.one_of(
        st.tuples(st.sampled_from(["array", "compact"]), st.lists(inner, max_size=24)),
        st.tuples(st.sampled_from(["dict", "ordered", "forced"]),
                  st.lists(st.tuples(names, inner), max_size=14)),
    ),
    max_leaves=60,
)


@settings(max_examples=200, derandomize=True)
@given(objects)
def test_objects_are_written_as_reportlab_writes_them(plan: Any) -> None:
    """Dictionaries (sorted, ordered, forced onto lines), arrays (plain and compact, long enough
    to be broken), names, numbers, booleans, strings, bytes, references and None, nested: the
    same text, or the same error (a character the PDF's encoding lacks)."""
    doc, refs = _document()
    value = _built(plan, refs)
    expected = _outcome(lambda: pdfdoc.format(value, doc))
    with quick.quick_reportlab():
        got = _outcome(lambda: pdfdoc.format(value, doc))
    assert got == expected


@settings(max_examples=100, derandomize=True)
@given(objects.filter(lambda p: isinstance(p, tuple) and p[0] in ("array", "compact", "dict",
                                                                    "ordered", "forced")))
def test_a_separator_given_by_reportlab_is_kept(plan: Any) -> None:
    """ReportLab's link annotations format an array with ``IND=b" "`` and its page label
    dictionary with ``IND=b"\\n"``: the stand-ins take the same argument."""
    doc, refs = _document()
    value = _built(plan, refs)
    own = pdfdoc.PDFDictionary.format if isinstance(value, pdfdoc.PDFDictionary) \
        else pdfdoc.PDFArray.format
    for indent in (b" ", b"\n"):
        expected = _outcome(lambda: own(value, doc, IND=indent))  # noqa: B023 - called at once
        with quick.quick_reportlab():
            got = _outcome(lambda: value.format(doc, IND=indent))  # noqa: B023
        assert got == expected


def test_reportlab_is_itself_again_after_the_block() -> None:
    """After the block, nested or left by an error, ReportLab's own functions are back."""
    assert _current() == ORIGINALS
    with quick.quick_reportlab():
        assert _current() == (quick.fp_str, quick.format, quick.dictionary_format,
                              quick.array_format)
        assert textobject.fp_str is quick.fp_str
        with quick.quick_reportlab():
            pass
        assert canvas.fp_str is quick.fp_str  # the inner block ended, the outer has not
    assert _current() == ORIGINALS
    with pytest.raises(RuntimeError), quick.quick_reportlab():
        raise RuntimeError("a layout that fails")
    assert _current() == ORIGINALS
    assert textobject.fp_str is rl_accel.fp_str


def _digests(cli, out: Path, pair: tuple[Path, Path], heavy: list[Path]) -> dict[str, str]:
    """The bytes of every kind of PDF planpdf writes: the three samples (one with a contents
    list, images, a table and bookmarks), plans whose paragraphs and tables break across pages,
    a change report and a bundle."""
    plans = sorted((ROOT / "content").glob("*.yaml"))
    for content in [*plans, *heavy]:
        assert cli("build", content, "-o", out / f"{content.stem}.pdf").code == 0
    assert cli("diff", *pair, "-o", out / "report.pdf").code == 0
    assert cli("bundle", *plans[1:], "--udkast", "--alle-kredse", "-o",
               out / "bundle.pdf").code == 0
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out.iterdir())}


def test_documents_are_byte_for_byte_those_of_reportlab_alone(
        cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the stand-ins and a paragraph's wrap remembered per width (``MarkupParagraph.wrap``)
    and without either, every PDF is the same, to the byte."""
    pair = write_pair(tmp_path)  # the report names its inputs: the same two for both
    heavy = [write(tmp_path / f"{kind}.yaml", plan(kind, size=30_000))
             for kind in ("bold", "long-words", "cells-full", "headings")]
    quick_bytes = _digests(cli, tmp_path / "quick", pair, heavy)
    monkeypatch.setattr(pages, "quick_reportlab", contextlib.nullcontext)
    monkeypatch.setattr(MarkupParagraph, "wrap", Paragraph.wrap)
    plain_bytes = _digests(cli, tmp_path / "plain", pair, heavy)
    assert len(plain_bytes) == 9
    assert quick_bytes == plain_bytes
