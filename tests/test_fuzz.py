"""Hostile content, generated: the loader, `planpdf check` and `planpdf build` never crash.

Hypothesis mutates a small valid plan (inserted YAML syntax, raw and escaped control characters,
bidi characters, re-indented, duplicated and swapped lines, deleted stretches) and also writes
text and bytes from scratch. Whatever comes in, the loader raises nothing but ContentError, the
CLI exits 0, 1 or 2 without a traceback, every line it prints is free of raw control and bidi
characters, and no PyYAML English reaches the user. Derandomised, so every run tries the same
examples (1,500 through the loader, 600 through `check`, 100 through `build`).
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import run_planpdf
from planpdf.cli.context import format_diagnostic
from planpdf.content.controls import printable
from planpdf.content.load import load_text
from planpdf.errors import ContentError

BASE = """\
år: 2010
dato: 2010-01-01
råd:
  navn: Lokalrådet i Test
  kommune: Test kommune
medlemmer:
  - navn: Anne Andersen
    titel: formand for rådet
    rolle: formand
  - navn: "Bo Berg"
møder:
  mindst_pr_år: 4
lokalråd_plus:
  konference:
    dato: 2010-11-24
    start: "17.00"
    slut: "21.00"
    tema: tryghed
formål: >
  Et afsnit med **fed** tekst
  over to linjer.

  Et andet afsnit.
forebyggelse:
  projekter:
    - titel: Projekt
      punkter:
        - tekst: Konference den {dato}.
          dato: 2010-03-18
afsnit:
  - overskrift: Økonomi
    tekst:
      - 'Et afsnit i enkelte anførselstegn.'
      - punkter: [Første, {tekst: Andet, punkter: [Under]}]
      - tabel: {kolonner: [Post, Beløb], rækker: [[Konference, 12.000 kr.]]}
afslutning: |
  Slut.
"""

# Pieces that matter to YAML, to the rules and to a terminal.
PIECES = [":", ": ", " #", "#", "**", "<b>", "&amp;", "<img src=x>", "-", "- ", "? ", "'", '"',
          "[", "]", "{", "}", ",", "|", ">", "&a", "*a", "!", "!!python/object:os.system",
          "%YAML 1.1", "---", "...", "@", "`",
          "\t", "\n", "\r\n", "\r", " ", "  ", "\\", "\\0", "\\e", "\\x9b", "\\u202e", "\\N",
          "\\L", "\\U0010ffff", "\x00", "\x07", "\x1b[2J", "\x1b]0;x\x07", "\x7f", "\x85", "\x9b",
          "\u2028", "\u2029", "\u202e", "\u2066", "\u200f", "\ufeff", "\ufffe", "\u00ad",
          "a\u030a", "æøå", "–", "\u00a0", "☃", "{dato}", "{Dato}", "titel: x", "navn:",
          "2010-02-30", "17.00", "25.00", "010", "no", "~", "null", "1e3", "x" * 120]
# letters the font mostly has, or any at all; control characters come from PIECES
WORDS = (st.characters(max_codepoint=0x24F, exclude_categories=("Cc", "Cs"))
         | st.characters(exclude_categories=("Cc", "Cs")))
ENGLISH = re.compile(r"expected|found|while (?:scanning|parsing)|not allowed|could not|"
                     r"unacceptable|but got|special characters", re.IGNORECASE)


KINDS = ("insert", "insert", "indent", "delete", "duplicate", "swap")


@st.composite
def mutated(draw: st.DrawFn, kinds: tuple[str, ...] = KINDS, most: int = 4) -> str:
    lines = BASE.split("\n")
    for _ in range(draw(st.integers(1, most))):
        kind = draw(st.sampled_from(kinds))
        i = draw(st.integers(0, len(lines) - 1))
        if kind == "value":  # a line that holds a value, not a key that opens a block
            i = draw(st.sampled_from([k for k, line in enumerate(lines)
                                      if line.strip() and not line.rstrip().endswith(":")]))
        if kind in ("insert", "value"):  # anywhere, or only after the key ("- ", ": ")
            piece = draw(st.sampled_from(PIECES) | st.text(WORDS, max_size=6))
            key = re.search(r"(?:^ *- |: )", lines[i]) if kind == "value" else None
            at = draw(st.integers(key.end() if key else 0, len(lines[i])))
            lines[i] = lines[i][:at] + piece + lines[i][at:]
        elif kind == "indent":
            step = draw(st.sampled_from([-2, -1, 1, 2]))
            lines[i] = " " * step + lines[i] if step > 0 else lines[i][-step:]
        elif kind == "delete" and len(lines) > 2:
            del lines[i:i + draw(st.integers(1, 3))]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        else:
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines)


# mostly mutated plans (three in four), else pieces and any characters at all, from scratch
TEXTS = st.one_of(mutated(), mutated(), mutated(),
                  st.lists(st.sampled_from(PIECES) | st.text(max_size=8), max_size=30).map("".join))
SETTINGS = {"derandomize": True, "deadline": None, "database": None,
            "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large,
                                      HealthCheck.function_scoped_fixture]}


def _assert_shown_safely(lines: list[str]) -> None:
    for line in lines:
        assert printable(line) == line, f"raw control or bidi character printed: {line!r}"
        assert not ENGLISH.search(line), f"English reached the user: {line!r}"


@settings(max_examples=1500, **SETTINGS)
@given(TEXTS)
def test_loader_raises_only_content_errors(text: str) -> None:
    """Regression: 194 of 5,100 fuzzed inputs raised yaml.reader.ReaderError; now any text
    loads or raises ContentError, whose every line is printable Danish."""
    try:
        loaded = load_text("plan.yaml", text)
    except ContentError as exc:
        assert exc.diagnostics
        _assert_shown_safely([line for d in exc.diagnostics
                              for line in format_diagnostic(d).split("\n")])
    else:
        _assert_shown_safely([line for d in loaded.warnings
                              for line in format_diagnostic(d).split("\n")])


def _run_cli(command: str, data: bytes, tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_bytes(data)
    result = run_planpdf(command, "plan.yaml", "-o", "plan.pdf", cwd=tmp_path) \
        if command == "build" else run_planpdf(command, "plan.yaml", cwd=tmp_path)
    assert result.code in (0, 1, 2), result
    assert "Traceback" not in result.err
    _assert_shown_safely(result.out.splitlines() + result.err.splitlines())
    if command == "build":
        assert (tmp_path / "plan.pdf").exists() == (result.code == 0)
        (tmp_path / "plan.pdf").unlink(missing_ok=True)


BYTES = TEXTS.map(lambda t: t.encode("utf-8", "surrogatepass")) | st.binary(max_size=200)


@settings(max_examples=600, **SETTINGS)
@given(data=BYTES)
def test_check_never_crashes_or_prints_raw_controls(data: bytes, tmp_path: Path) -> None:
    """`planpdf check` on any bytes: exit 0/1/2, no traceback, only printable lines."""
    _run_cli("check", data, tmp_path)


@settings(max_examples=100, **SETTINGS)
@given(text=mutated(kinds=("value",), most=2))  # in values: about half of these still build
def test_build_never_crashes_or_prints_raw_controls(text: str, tmp_path: Path) -> None:
    """`planpdf build` on mutated plans: a PDF exactly when it exits 0, never a traceback."""
    _run_cli("build", text.encode("utf-8", "surrogatepass"), tmp_path)
