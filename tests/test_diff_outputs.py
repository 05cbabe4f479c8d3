"""The outputs of planpdf diff: the PDF change report, the terminal summary and its colours."""

from __future__ import annotations

from pathlib import Path

from conftest import flat, pdf_text
from diffcases import write_pair
from planpdf.diff.changes import Change, DiffResult, InputInfo
from planpdf.diff.output import terminal
from planpdf.diff.words import word_ops


def test_report_pdf_shows_title_and_changed_words(cli, tmp_path: Path) -> None:
    """The report reads 'Ændringer fra 2010 til 2011' and shows old and new words and names."""
    a, b = write_pair(tmp_path)
    report = tmp_path / "out" / "aendringer.pdf"
    result = cli("diff", a, b, "-o", report)
    assert result.code == 0, result.err
    assert f"Skrev {report}" in result.out
    text = flat(" ".join(pdf_text(report)))
    assert "Ændringer fra 2010 til 2011" in text
    for words in ("kriminalitetsudviklingen", "kriminalitetsbilledet", "Kim Søgaard", "Lise Berg",
                  "Ingen lokal handleplan", "Lokal handleplan udarbejdet",
                  "24. november 2010", "23. november 2011", "Kommunikation og presse",
                  "Oversigt", "Side 1 af"):
        assert words in text, words


def test_report_is_deterministic_and_unchanged_plans_say_so(cli, tmp_path: Path) -> None:
    """Two runs give the same bytes; equal plans give a report saying 'Ingen ændringer'."""
    a, b = write_pair(tmp_path)
    first, second, same = tmp_path / "1.pdf", tmp_path / "2.pdf", tmp_path / "same.pdf"
    assert cli("diff", a, b, "-o", first).code == 0
    assert cli("diff", a, b, "-o", second).code == 0
    assert first.read_bytes() == second.read_bytes()
    assert cli("diff", a, a, "-o", same, "--exit-code").code == 0
    assert "Ingen ændringer" in flat(" ".join(pdf_text(same)))


def test_report_escapes_user_text(tmp_path: Path) -> None:
    """Markup in the content prints literally in the report, also inside changed words."""
    from planpdf.diff.report import render_report
    from planpdf.layout.fonts import register
    from planpdf.pipeline import World

    info = InputInfo("a.yaml", "yaml", False, 2010, "Rådet <b>&amp;</b>")
    change = Change("changed", "formål/1", "Formål", "Formål <i>", "formål", "a <b>x</b> c",
                    "a <font color='red'>y</font> c",
                    word_ops("a <b>x</b> c", "a <font color='red'>y</font> c"))
    result = DiffResult(info, info, "struktur", (change,))
    pdf, _pages = render_report(result, register(World.default().fonts_dir),
                                __import__("datetime").date(2010, 1, 1))
    out = tmp_path / "r.pdf"
    out.write_bytes(pdf)
    text = flat(" ".join(pdf_text(out)))
    assert "<b>x</b>" in text and "<font color='red'>y</font>" in text
    assert "Formål <i>" in text


def test_terminal_colours_only_when_asked(cli, tmp_path: Path) -> None:
    """Colour codes appear only for a terminal; piped output and --no-color are plain."""
    a, b = write_pair(tmp_path)
    piped = cli("diff", a, b)
    assert "\033[" not in piped.out
    assert "[-kriminalitetsudviklingen,-] {+kriminalitetsbilledet,+}" in piped.out
    info = InputInfo("a.yaml", "yaml", False, 2010, None)
    change = Change("changed", "formål/1", "Formål", "Formål", "formål", "a x", "a y",
                    word_ops("a x", "a y"))
    result = DiffResult(info, info, "struktur", (change,))
    coloured = terminal(result, colour=True)
    assert "\033[31;9mx\033[0m" in coloured and "\033[32;4my\033[0m" in coloured
    assert "\033[" not in terminal(result, colour=False)


def test_terminal_summary_is_grouped_by_section(cli, tmp_path: Path) -> None:
    """The summary names each part of the plan once, with its changes under it, and a count."""
    a, b = write_pair(tmp_path)
    out = cli("diff", a, b, "--no-color").out
    lines = out.splitlines()
    assert lines[0].startswith("Ændringer fra 2010 til 2011")
    for heading in ("Planen", "Medlemmer", "Arbejdsform og møder", "Lokalråd+",
                    "Fokus- og indsatsområder", "Øvrige afsnit"):
        assert lines.count(heading) == 1, heading
    assert "  - fjernet: [-Kim Søgaard (Ingeniør, Billund kommune)-]" in lines
    assert ("  ~ status ændret: Indsatsen mod IT-kriminalitet: [-Ingen lokal handleplan-] → "
            "{+Lokal handleplan udarbejdet+}") in lines
    assert "  > flyttet: Evaluering: [-øverste niveau, nr. 3-] → {+øverste niveau, nr. 1+}" in lines
    assert lines[-1] == "10 ændringer."


def test_colour_on_a_terminal_unless_no_color(tmp_path: Path) -> None:
    """On a terminal the CLI colours; --no-color and the NO_COLOR variable switch it off."""
    import os
    import select
    import subprocess
    import sys

    import pytest

    pty = pytest.importorskip("pty")
    a, b = write_pair(tmp_path)

    base = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}

    def run(*extra: str, env: dict[str, str] | None = None) -> str:
        master, slave = pty.openpty()
        try:
            proc = subprocess.run([sys.executable, "-m", "planpdf.cli", "diff", str(a), str(b),
                                   *extra], stdout=slave, stderr=subprocess.PIPE, timeout=120,
                                  env={**base, **(env or {})}, check=False)
            assert proc.returncode == 0, proc.stderr
            chunks = []
            while True:
                ready, _, _ = select.select([master], [], [], 0.5)
                if not ready:
                    break
                chunk = os.read(master, 65536)
                if not chunk:
                    break
                chunks.append(chunk)
        finally:
            os.close(master)
            os.close(slave)
        return b"".join(chunks).decode("utf-8")

    assert "\033[31;9m" in run()
    assert "\033[" not in run("--no-color")
    assert "\033[" not in run(env={"NO_COLOR": "1"})
