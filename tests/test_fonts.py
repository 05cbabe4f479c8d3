"""The embedded font family: licence present, and the four faces show the same characters."""

from __future__ import annotations

from planpdf.layout.fonts import FACES, default_fonts_dir


def test_the_four_faces_cover_the_same_characters() -> None:
    """The glyph check uses the upright faces only; that is sound because all four agree."""
    from reportlab.pdfbase.ttfonts import TTFont

    folder = default_fonts_dir()
    cmaps = {face: frozenset(TTFont(f"probe-{face}", str(folder / name)).face.charToGlyph)
             for face, name in FACES.items()}
    assert len(set(cmaps.values())) == 1
    assert {ord(c) for c in "æøåÆØÅ–•◦"} <= cmaps["regular"]


def test_the_font_licence_ships_with_the_fonts() -> None:
    """The OFL text travels with the fonts, also inside the installed package."""
    text = (default_fonts_dir() / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL Open Font License" in text or "SIL OPEN FONT LICENSE" in text


def test_a_remark_is_set_in_the_embedded_italic_face(cli, tmp_path) -> None:
    """Italic faces load only when needed; a focus area's bemærkning still gets embedded italics."""
    from pypdf import PdfReader

    from conftest import write

    plan = write(tmp_path / "plan.yaml", """\
år: 2011
råd: {navn: Lokalrådet i Test, kommune: Test kommune}
medlemmer: [{navn: Anne Andersen}]
fokusområder:
  grupper:
    - overskrift: Fokusområder for 2011
      områder:
        - titel: Indsatsen mod IT-kriminalitet
          status: lokal_plan
          bemærkning: Planen revideres i **efteråret**.
""")
    result = cli("build", plan, "-o", tmp_path / "plan.pdf")
    assert result.code == 0, result.err
    fonts = set()
    for page in PdfReader(tmp_path / "plan.pdf").pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            assert "/FontFile2" in descriptor["/FontDescriptor"]
            fonts.add(str(font["/BaseFont"]).split("+")[-1])
    assert {"Carlito-Italic", "Carlito-BoldItalic"} <= fonts, fonts


def test_remembered_widths_are_the_widths_reportlab_measures() -> None:
    """The registered faces' ``stringWidth`` remembers; it gives what ReportLab's own gives."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from planpdf.layout.fonts import register

    fonts = register(default_fonts_dir())
    texts = ["", " ", "Lokalrådet", "og", "Ærø — “citat” 17.00", "x" * 300, "ﬁ\u00ad\u200b",
             b"bytes", "Lokalrådet"]
    for name in (fonts.regular, fonts.bold):
        font = pdfmetrics.getFont(name)
        assert font.stringWidth is not TTFont.stringWidth.__get__(font)  # remembered
        for text in texts * 2:
            for size in (10, 10.0, 9.5, 11, 0):
                assert font.stringWidth(text, size) == TTFont.stringWidth(font, text, size)
                assert pdfmetrics.stringWidth(text, name, size) \
                    == TTFont.stringWidth(font, text, size)


def test_a_cut_off_or_damaged_font_is_a_danish_error(tmp_path) -> None:
    """Regression: a font file cut off after 3,000 bytes (a partial copy) raised ReportLab's
    struct.error as a traceback; every damaged face is now "skrifttypen kan ikke indlæses" with
    a hint, and the library's own words stay in the cause (--debug)."""
    import pytest

    from planpdf.errors import PlanpdfError
    from planpdf.layout import fonts

    whole = (default_fonts_dir() / FACES["bold"]).read_bytes()
    for keep in (0, 12, 200, 3000, len(whole) // 2):
        for damage in (whole[:keep], whole[:keep] + b"\xff" * 64):
            (tmp_path / FACES["bold"]).write_bytes(damage)
            with pytest.raises(PlanpdfError) as caught:
                fonts._load(tmp_path, "bold")
            [said] = caught.value.diagnostics
            assert said.message == "skrifttypen kan ikke indlæses", (keep, said.message)
            assert said.hint and said.hint.startswith("installér planpdf igen")
            assert caught.value.__cause__ is not None
