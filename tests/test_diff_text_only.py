"""Text-only comparison (a plan received as a word-processor PDF) without line-break noise.

Issue 13: hyphenated line ends were joined wrongly (``[-fokusog-] {+fokus- og+}``) and changes
were labelled 'Tekst – tekst, afsnit 23'.
"""

from __future__ import annotations

import json
from pathlib import Path

from diffcases import word_processor_pdf
from planpdf.diff.text_only import paragraphs, vocabulary

INTRO = "Handlingsplan for 2011"
# One paragraph, broken at hyphens of every kind: suspended ("fokus- og"), a compound's own
# ("ikke-personfarlig", "IT-kriminalitet") and a hyphenation ("interesse-rede").
BROKEN = ["Lokalrådet drøfter herunder hvordan samarbejdet kan inddrages i de nedennævnte fokus-",
          "og indsatsområder, hvor personfarlig kriminalitet går forud for ikke-",
          "personfarlig kriminalitet, og hvor indsatsen mod IT-",
          "kriminalitet og SSP-samarbejdet skal nå alle interesse-",
          "rede borgere i kommunen."]
WHOLE = ("Lokalrådet drøfter herunder hvordan samarbejdet kan inddrages i de nedennævnte fokus- og "
         "indsatsområder, hvor personfarlig kriminalitet går forud for ikke-personfarlig "
         "kriminalitet, og hvor indsatsen mod IT-kriminalitet og SSP-samarbejdet skal nå alle "
         "interesserede borgere i kommunen.")


def test_line_end_hyphens_are_joined_as_a_reader_would(cli, tmp_path: Path) -> None:
    """Regression (issue 13): a word processor's line breaks at hyphens are no change: the same
    paragraph broken elsewhere compares equal ('fokus- og', 'ikke-personfarlig', 'interesserede')."""
    a = word_processor_pdf(tmp_path / "a.pdf", [INTRO, BROKEN])
    b = word_processor_pdf(tmp_path / "b.pdf", [INTRO, WHOLE], width=47)
    result = cli("diff", a, b, "--exit-code", "--no-color")
    assert result.code == 0, result.out
    assert "Ingen ændringer" in result.out
    assert "fokusog" not in result.out


def test_a_hyphen_is_kept_or_dropped_by_the_words_of_both_documents() -> None:
    """Without the other document a lower-case break is a hyphenation and a capital keeps its
    hyphen; a compound written with a hyphen elsewhere keeps it, one written closed is joined."""
    pages = ["\n".join(BROKEN)]
    (alone,) = paragraphs(pages)
    assert "fokus- og indsatsområder" in alone
    assert "mod IT-kriminalitet og SSP-samarbejdet" in alone
    assert "alle interesserede borgere" in alone
    assert "for ikkepersonfarlig kriminalitet" in alone  # nothing says otherwise
    (together,) = paragraphs(pages, vocabulary(pages, [WHOLE]))
    assert together == WHOLE
    (closed,) = paragraphs(pages, vocabulary(pages, ["ikkepersonfarlig"]))
    assert "for ikkepersonfarlig kriminalitet" in closed


def test_text_only_changes_are_labelled_by_paragraph(cli, tmp_path: Path) -> None:
    """Regression (issue 13): labels read 'Tekst – tekst, afsnit 2'; now 'Afsnit 2'."""
    a = word_processor_pdf(tmp_path / "a.pdf", [INTRO, WHOLE])
    b = word_processor_pdf(tmp_path / "b.pdf", [INTRO, WHOLE.replace("alle interesserede",
                                                                     "alle berørte")])
    data = json.loads(cli("diff", a, b, "--json").out)
    assert [(c["kind"], c["label"]) for c in data["changes"]] == [("changed", "Afsnit 2")]
    out = cli("diff", a, b, "--no-color").out
    assert ("  ~ ændret: Afsnit 2: … IT-kriminalitet og SSP-samarbejdet skal nå alle "
            "[-interesserede-] {+berørte+} borgere i kommunen.") in out
