"""Content the layout cannot take (or takes minutes for) is refused by `check`, at its line.

The limits live in ``planpdf.content.rules``: a heading or name 300 characters, a paragraph
20,000, a table cell 2,000, a word 100, a table 12 columns, a plan 5,000 texts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import MINIMAL, write
from planpdf.content import source
from planpdf.content.load import load_text
from planpdf.content.rules import MAX_CELL, MAX_PARAGRAPH, MAX_SHORT, MAX_TEXTS, MAX_WORD
from planpdf.errors import ContentError
from worst_case import KINDS, plan, text

HEAD = MINIMAL


def _problems(source: str) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_text("plan.yaml", source)
    return [f"{d.where}: {d.message}" for d in caught.value.diagnostics]


def test_heading_of_800_words_is_refused_by_check_not_a_layout_crash(cli, tmp_path: Path) -> None:
    """Regression: an 800-word heading crashed the layout (Heading got 'bulletText') or ran for
    minutes; `check` and `build` now refuse it at its line, before any layout."""
    write(tmp_path / "plan.yaml", HEAD + "afsnit:\n  - overskrift: " + " ".join(["ord"] * 800)
          + "\n    tekst: Et afsnit.\n")
    for command in ("check", "build"):
        result = cli(command, "plan.yaml")
        assert result.code == 1 and "Traceback" not in result.err
        assert result.err.startswith("plan.yaml:8:17: error: teksten er 3.199 tegn lang; en "
                                     "overskrift eller titel må højst være 300 tegn")


def test_table_of_57_columns_is_refused_by_check(cli, tmp_path: Path) -> None:
    """Regression: 57 columns gave a negative availWidth traceback in build; `check` said ok."""
    row = "[" + ", ".join(["a"] * 57) + "]"
    write(tmp_path / "plan.yaml", HEAD + f"afslutning:\n  - tabel:\n      rækker:\n        - {row}\n")
    result = cli("check", "plan.yaml")
    assert result.code == 1 and "Traceback" not in result.err
    assert result.err.startswith("plan.yaml:10:11: error: rækken har 57 kolonner; en tabel må "
                                 "højst have 12")


@pytest.mark.parametrize(("body", "where", "message"), [
    ("formål: " + text(MAX_PARAGRAPH + 50) + "\n", "plan.yaml:7:9",
     "afsnittet er 20.042 tegn langt; et afsnit må højst være 20.000 tegn"),
    ("formål: |\n  Kort afsnit.\n\n  " + text(MAX_PARAGRAPH + 50) + "\n", "plan.yaml:10:3",
     "afsnittet er 20.042 tegn langt"),
    ("afslutning:\n  - tabel:\n      rækker:\n        - [x, " + text(MAX_CELL + 10) + "]\n",
     "plan.yaml:10:15", "teksten er 2.007 tegn lang; en celle i en tabel må højst være 2.000 tegn"),
    ("afslutning:\n  - tabel:\n      kolonner: [" + ", ".join(["k"] * 13) + "]\n"
     "      rækker: [[a]]\n", "plan.yaml:9:17", "rækken har 13 kolonner"),
    ("afsnit:\n  - overskrift: Ord\n    tekst: før " + "x" * (MAX_WORD + 1) + " efter\n",
     "plan.yaml:9:16", "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…' er 101 tegn uden mellemrum"),
    ("lokalråd_plus:\n  konference:\n    dato: 2010-11-24\n    tema: " + "t " * 200 + "\n",
     "plan.yaml:10:11", "teksten er 399 tegn lang; et navn eller en anden kort tekst"),
])
def test_each_limit_is_an_error_at_the_text(body: str, where: str, message: str) -> None:
    """A text or table over a limit is one error at that text (or row, or key)."""
    (problem,) = _problems(HEAD + body)
    assert problem.startswith(f"{where}: {message}"), problem


def test_a_list_item_is_one_paragraph_for_the_limit() -> None:
    """A list item is laid out as one paragraph even with blank lines in it, so its whole length
    counts (two halves under the limit made one paragraph over it)."""
    half = " ".join(["ord"] * 3000)
    (problem,) = _problems(HEAD + f"afslutning:\n  - punkter:\n    - |\n      {half}\n\n"
                           f"      {half}\n")
    assert problem.startswith("plan.yaml:10:7: afsnittet er 23.999 tegn langt"), problem


def test_too_many_texts_are_refused_where_the_limit_is_passed() -> None:
    """Regression: 100 kB of one-letter table cells took 10 s to lay out (a megabyte, minutes);
    the number of texts is limited, reported at the first one over."""
    rows = "".join("        - [" + ",".join("a" * 10) + "]\n" for _ in range(MAX_TEXTS // 10))
    (problem,) = _problems(HEAD + "afslutning:\n  - tabel:\n      rækker:\n" + rows)
    assert problem.startswith("plan.yaml:509:26: planen har over 5.000 tekster"), problem


def test_limits_are_reported_with_the_schemas_problems() -> None:
    """All problems at once: a limit and a schema problem in the same file are both reported."""
    problems = _problems(HEAD.replace("år: 2010", "år: tyve") + "afsnit:\n  - overskrift: "
                         + "o" * (MAX_SHORT + 1) + "\n")
    assert [p.split(": ")[0] for p in problems] == ["plan.yaml:1:5", "plan.yaml:8:17", "plan.yaml:8:17"]


@pytest.mark.parametrize("kind", KINDS)
def test_content_at_the_limits_still_builds(kind: str, cli, tmp_path: Path) -> None:
    """Texts and tables at the limits pass `check` and build (a 40 kB plan of each of
    `worst_case`'s kinds; the 1 MB ones are timed by `python tests/worst_case.py`)."""
    write(tmp_path / "plan.yaml", plan(kind, size=40_000))
    result = cli("build", "plan.yaml", "-o", "plan.pdf")
    assert result.code == 0, result.err


def test_a_megabyte_of_tiny_values_is_refused_at_the_limit(cli, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Regression: 1 MB of `[a,a,a,…]` (about 350,000 values) took 16 s and 440 MB to parse
    before being refused; composing stops at 50,000 values, at the value that passes the limit.
    Counted in composed nodes, not in seconds (a timed test flakes on a loaded machine)."""
    row = "        - [" + ",".join("a" * 12) + "]\n"
    write(tmp_path / "plan.yaml", HEAD + "afslutning:\n  - tabel:\n      rækker:\n"
          + row * (1_000_000 // len(row)))
    composed = 0
    compose = source._Limits.compose_node

    def counting(self: Any, parent: Any, index: Any) -> Any:
        nonlocal composed
        composed += 1
        return compose(self, parent, index)

    monkeypatch.setattr(source._Limits, "compose_node", counting)
    result = cli("check", "plan.yaml")
    # libyaml's fast path and PyYAML's, which says the problem again: each stops at the limit
    assert 0 < composed <= 2 * (source.MAX_NODES + 1)
    assert result.code == 1
    assert result.err.startswith("plan.yaml:3854:24: error: indholdet har over 50.000 værdier "
                                 "og nøgler; her passeres grænsen")
