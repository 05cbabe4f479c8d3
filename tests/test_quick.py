"""ReportLab with planpdf's speed-ups writes exactly what ReportLab writes (issue 12).

``layout.quick`` replaces ReportLab's ``fp_str`` (in the canvas and text objects) with a memo of
it and its object writer with one that skips the generic path for plain values;
``MarkupParagraph.wrap`` lays a paragraph's lines out once per width, and ``plain_frags`` makes a
plain text's fragments without ReportLab's parser. Here: on
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
from reportlab.lib import colors, rl_accel
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen import canvas, textobject
from reportlab.platypus.paragraph import Paragraph, cleanBlockQuotedText
from reportlab.platypus.paraparser import ParaParser

from conftest import ROOT, write
from diffcases import write_pair
from planpdf.layout import pages, quick
from planpdf.layout.fonts import default_fonts_dir, register
from planpdf.layout.markup import MarkupParagraph, escape, markup, plain_frags, rich
from planpdf.layout.styles import make_styles
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
    """What ``work()`` gives, or the error it raises (its kind and message)."""
    try:
        return "value", work()
    except Exception as exc:  # the same failure is the expected outcome too
        return "error", (type(exc), str(exc))


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
    st.integers(min_value=-1, max_value=2).map(lambda i: ("ref", i)),  # -1: never registered
)


def _built(value: Any, refs: list[Any]) -> Any:
    """Turn the drawn plan of an object into ReportLab objects."""
    if isinstance(value, tuple) and value and value[0] == "ref":
        return refs[value[1]] if value[1] >= 0 else pdfdoc.PDFObjectReference("Missing")
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


def test_what_the_block_found_is_what_it_leaves(monkeypatch: pytest.MonkeyPatch) -> None:
    """Someone else's ``fp_str`` (set after planpdf was imported) is back after the block."""
    def theirs(*args: Any) -> str:
        return "x"

    monkeypatch.setattr(canvas, "fp_str", theirs)
    with quick.quick_reportlab():
        assert canvas.fp_str is quick.fp_str
    assert canvas.fp_str is theirs
    assert textobject.fp_str is rl_accel.fp_str


WORDS = ["SSP-konsulenten", "tryghedsvandringer", "lokalråd", "og", "i", "kriminalpræventive",
         "Kontakt", "tlf.", "7213", "1000", "**Status:**", "**SSP-samarbejdet**", "er", "gang",
         "politi-", "kommune-", "samarbejdet", "https://fjordby.invalid/natteravne/tilmelding"]


def _lines(paragraph: Any) -> Any:
    """What a wrap decided: each line's words and room left."""
    para = paragraph.blPara
    if para.kind == 0:
        return [(round(room, 6), list(words)) for room, words in para.lines]
    return [(round(line.extraSpace, 6), [getattr(w, "text", None) for w in line.words])
            for line in para.lines]


@settings(max_examples=200, derandomize=True, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=24),
       st.sampled_from(["body", "cell", "h2"]), st.floats(min_value=20, max_value=460))
def test_a_paragraph_wrapped_again_at_a_width_has_reportlabs_lines(
        words: list[str], style: str, width: float) -> None:
    """However often a paragraph is wrapped at a width (a table measures its cells, then draws
    them; a paragraph kept with the next is measured, then placed), its lines are the ones
    ReportLab's own ``wrap`` gives the last time, including for bold words that break at a
    hyphen, whose second wrap differs from the first."""
    styles = make_styles(register(default_fonts_dir()))
    text = rich(" ".join(words))
    ours = MarkupParagraph(text, getattr(styles, style))
    theirs = MarkupParagraph(text, getattr(styles, style))
    for _ in range(3):
        assert ours.wrap(width, 10_000) == Paragraph.wrap(theirs, width, 10_000)
        assert _lines(ours) == _lines(theirs)


def test_a_width_too_narrow_is_answered_as_reportlab_answers_it() -> None:
    """ReportLab answers a width below its fuzz with "no room" and keeps its lines; the next
    wrap at that width gets the same answer, not the lines of the width before."""
    styles = make_styles(register(default_fonts_dir()))
    ours = MarkupParagraph(rich("Et **kort** afsnit"), styles.body)
    theirs = MarkupParagraph(rich("Et **kort** afsnit"), styles.body)
    for width in (200, 0, 0, 200, 200):
        assert ours.wrap(width, 10_000) == Paragraph.wrap(theirs, width, 10_000)


STYLES = ["body", "cell", "cell_head", "kicker", "title", "subtitle", "h1", "h2", "h3", "status",
          "remark", "signature"]


def _parsed(text: str, style: Any) -> list[Any]:
    frags: list[Any] = ParaParser().parse(text, style)[1]
    return frags


def _same_frags(ours: list[Any], theirs: list[Any]) -> None:
    assert [vars(f) for f in ours] == [vars(f) for f in theirs]
    assert [list(vars(f)) for f in ours] == [list(vars(f)) for f in theirs]  # the same order
    for name in ("link", "us_lines"):  # shared within a paragraph, as the parser shares them
        assert (len({id(getattr(f, name)) for f in ours})
                == len({id(getattr(f, name)) for f in theirs}))


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.text(alphabet=st.one_of(st.sampled_from(list("&<>;#ampltgx \n\t\xa0")),
                                  st.characters(codec="utf-8", exclude_categories=["Cs"])),
               max_size=60),
       st.sampled_from(STYLES))
def test_plain_text_gets_the_parsers_fragments_without_the_parser(text: str, style: str) -> None:
    """Any user text, escaped as every paragraph's is (entities, ``&amp;lt;``, spaces, line
    breaks, any character), gets the fragments ReportLab's parser makes of it, attribute for
    attribute; and it always takes the quick path (a text that cleans to nothing aside)."""
    the_style = getattr(make_styles(register(default_fonts_dir())), style)
    cleaned = cleanBlockQuotedText(escape(text))
    ours = plain_frags(cleaned, the_style)
    if not cleaned:
        assert ours is None
        return
    assert ours is not None
    _same_frags(ours, _parsed(cleaned, the_style))


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.text(alphabet=st.one_of(st.sampled_from(list("&<>;#ampltgx/b** \n")),
                                  st.characters(codec="utf-8", exclude_categories=["Cs"])),
               max_size=40),
       st.sampled_from([None, "uppercase", "lowercase", "capitalize", "none"]))
def test_any_text_plain_frags_takes_is_the_parsers_in_any_text_transform(
        text: str, transform: str | None) -> None:
    """Raw text too (not escaped): where ``plain_frags`` answers, it answers as the parser does,
    and the whole paragraph (its text transform applied) is ReportLab's; with markup, the
    paragraph ReportLab's parser makes of the text cleaned once is the one it makes itself."""
    style = make_styles(register(default_fonts_dir())).body.clone("t", textTransform=transform)
    with_markup = markup(text)  # bold where ** is: ReportLab's parser, on the text cleaned once
    ours_marked, theirs_marked = MarkupParagraph(with_markup, style), Paragraph(with_markup, style)
    assert [vars(f) for f in ours_marked.frags] == [vars(f) for f in theirs_marked.frags]
    assert ours_marked.text == theirs_marked.text
    cleaned = cleanBlockQuotedText(text)
    ours = plain_frags(cleaned, style)
    if ours is None:
        return
    _same_frags(ours, _parsed(cleaned, style))
    ours_whole, theirs_whole = MarkupParagraph(escape(text), style), Paragraph(escape(text), style)
    assert [vars(f) for f in ours_whole.frags] == [vars(f) for f in theirs_whole.frags]
    assert ours_whole.text == theirs_whole.text


def test_text_with_tags_or_other_entities_goes_to_the_parser() -> None:
    styles = make_styles(register(default_fonts_dir()))
    for text in (markup("a **fed** b"), rich("*kursiv*"), "a &#x41; b", "a &nbsp; b", "a & b"):
        assert plain_frags(text, styles.body) is None
    assert plain_frags(escape("a &#x41; & b"), styles.body) is not None


def test_a_style_changed_after_use_gets_fragments_in_its_new_look() -> None:
    styles = make_styles(register(default_fonts_dir()))
    style = styles.body.clone("changed")
    first = plain_frags("Lokalrådet", style)
    style.textColor, style.fontName, style.fontSize = colors.red, styles.h1.fontName, 17
    again = plain_frags("Lokalrådet", style)
    assert first is not None and again is not None
    assert (again[0].textColor, again[0].fontSize) == (colors.red, 17) != (
        first[0].textColor, first[0].fontSize)
    _same_frags(again, _parsed("Lokalrådet", style))


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
    """With the stand-ins, a paragraph's wrap remembered per width (``MarkupParagraph.wrap``)
    and plain text's fragments made without the parser (``MarkupParagraph._setup``), and
    without any of them, every PDF is the same, to the byte."""
    pair = write_pair(tmp_path)  # the report names its inputs: the same two for both
    heavy = [write(tmp_path / f"{kind}.yaml", plan(kind, size=30_000))
             for kind in ("bold", "long-words", "cells-full", "headings")]
    # cells of bold and plain text that break at a hyphen: ReportLab's second wrap of such a
    # paragraph (its words already split) lays the lines out otherwise than its first
    aalunde = (ROOT / "content" / "handleplan-aalunde-2026.yaml").read_text(encoding="utf-8")
    cells = aalunde.replace("bredder: [2, 1, 3]", "bredder: [4, 1, 1]").replace(
        "            - [Temadag,",
        '            - [Tryghedsvandring, "**Status:** SSP-samarbejdet er i gang",'
        ' "Kontakt SSP-konsulenten på **tlf. 7213 1000**"]\n            - [Temadag,')
    assert cells.count("SSP-konsulenten") == 1
    heavy.append(write(tmp_path / "cells.yaml", cells))
    quick_bytes = _digests(cli, tmp_path / "quick", pair, heavy)
    monkeypatch.setattr(pages, "quick_reportlab", contextlib.nullcontext)
    monkeypatch.setattr(MarkupParagraph, "wrap", Paragraph.wrap)
    monkeypatch.setattr(MarkupParagraph, "_setup", Paragraph._setup)
    plain_bytes = _digests(cli, tmp_path / "plain", pair, heavy)
    assert len(plain_bytes) == 10
    assert quick_bytes == plain_bytes
