"""Text pasted from elsewhere: decomposed letters, soft hyphens, a PDF given as content."""

from __future__ import annotations

from pathlib import Path

from conftest import flat, pdf_text, write

HEAD = "år: 2012\nråd: {navn: Lokalrådet i Test, kommune: Test kommune}\nmedlemmer: [{navn: Anne}]\n"


def test_decomposed_letters_and_soft_hyphens_are_accepted_and_printed_composed(cli, tmp_path: Path):
    """Regression (review #9): 'a' + combining ring (macOS copy/paste) is å, not a glyph error;
    a soft hyphen from Word is dropped instead of rejected."""
    plan = write(tmp_path / "plan.yaml",
                 HEAD + 'formål: "Samarbejde i A\\u030arhus om kriminal\\u00adforebyggelse."\n')
    result = cli("build", plan, "-o", tmp_path / "plan.pdf")
    assert result.code == 0, result.err
    assert "Samarbejde i Århus om kriminalforebyggelse." in flat(" ".join(pdf_text(tmp_path / "plan.pdf")))


def test_the_same_missing_character_is_reported_in_every_text_that_has_it(cli, tmp_path: Path):
    """Regression (review #9): one run shows every place to fix, not only the first."""
    plan = write(tmp_path / "plan.yaml", HEAD + "formål: ☃ et\nafslutning: to ☃\n")
    result = cli("check", plan)
    assert result.code == 1
    assert [line.split(": error:")[0] for line in result.err.splitlines() if ": error:" in line] == [
        f"{plan}:4:9", f"{plan}:5:16"]


def test_a_pdf_given_as_content_says_which_file_is_wanted(cli, tmp_path: Path, sample_pdf: Path):
    """Regression (review #18): `planpdf build plan.pdf` explains, instead of 'not UTF-8'."""
    result = cli("build", sample_pdf, "-o", tmp_path / "x.pdf")
    assert result.code == 1
    assert f"{sample_pdf}: error: filen er en PDF" in result.err
    assert f"{sample_pdf}: hint: en PDF lavet med planpdf bærer sin kilde: planpdf extract " \
        f"{sample_pdf} skriver den ud" in result.err
    assert not (tmp_path / "x.pdf").exists()


def test_a_long_council_name_is_shortened_in_header_and_footer(cli, tmp_path: Path):
    """Regression (review #5): long names no longer run over 'Side X af Y' or off the page."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from planpdf.layout.fonts import default_fonts_dir, register
    from planpdf.layout.pages import PAGE_NUMBER_ROOM, fit
    from planpdf.layout.styles import FRAME_WIDTH

    name = ("Lokalrådet for Ringkøbing-Skjern, Lemvig, Struer, Holstebro og Herning kommuner "
            "samt Midt- og Vestjyllands Politi")
    font = register(default_fonts_dir()).regular
    short = fit(f"{name} · Handlingsplan for 2012", font, 9, FRAME_WIDTH - PAGE_NUMBER_ROOM)
    assert short.endswith(" …") and stringWidth(short, font, 9) <= FRAME_WIDTH - PAGE_NUMBER_ROOM
    plan = write(tmp_path / "plan.yaml", HEAD.replace("Lokalrådet i Test", f"\"{name}\"")
                 + "afsnit: [" + ", ".join(f"{{overskrift: Afsnit {i}, tekst: [{'ord ' * 300}]}}"
                                           for i in range(3)) + "]\n")
    assert cli("build", plan, "-o", tmp_path / "plan.pdf").code == 0
    pages = pdf_text(tmp_path / "plan.pdf")
    assert len(pages) > 1
    for number, text in enumerate(pages, 1):
        assert f"Side {number} af {len(pages)}" in text
        footer = next(line for line in text.splitlines() if line.startswith("Lokalrådet for"))
        assert footer.endswith("…") and "Vestjyllands Politi" not in footer


def test_deeply_nested_sections_stay_readable_in_the_table_of_contents(cli, tmp_path: Path):
    """Regression (review #12): headings below the fourth level share its indent in 'Indhold'."""
    nested = "{overskrift: Niveau 12, tekst: [Bund.]}"
    for level in range(11, 0, -1):
        nested = f"{{overskrift: Niveau {level}, tekst: [Tekst.], afsnit: [{nested}]}}"
    plan = write(tmp_path / "plan.yaml", HEAD + f"indholdsfortegnelse: true\nafsnit: [{nested}]\n")
    assert cli("build", plan, "-o", tmp_path / "plan.pdf").code == 0
    contents = pdf_text(tmp_path / "plan.pdf")[0].split("Indhold", 1)[1]
    for level in range(1, 13):
        assert f"Niveau {level}" in contents
