"""Issue 8 §3: an approval is tied to the text it approved."""

from __future__ import annotations

from pathlib import Path

from conftest import write
from editions_fixtures import sample_source


def _approved(cli, folder: Path) -> Path:
    content = write(folder / "billund-2011.yaml", sample_source(2011))
    result = cli("approve", content, "--date", "2011-02-15", "--by", "Jørn Lykkebak")
    assert result.code == 0, result.err
    return content


def test_issue_8_content_changed_after_approval_is_not_built_as_approved(cli, tmp_path: Path):
    """Issue 8 §3: changing an approved file (mindst_pr_år 4 → 2) stops build and check at the
    approval, in Danish with a hint; nothing is written; approve --replace approves it again."""
    content = _approved(cli, tmp_path)
    text = content.read_text(encoding="utf-8")
    assert "mindst_pr_år: 4" in text
    content.write_text(text.replace("mindst_pr_år: 4", "mindst_pr_år: 2"), encoding="utf-8")
    for args in (("build", content, "-o", "x.pdf"), ("check", content)):
        result = cli(*args)
        assert result.code == 1, result.out
        assert "error: indholdet er ændret, efter planen blev godkendt den 15. februar 2011" \
            in result.err
        assert "hint: fortryd ændringen, eller få planen godkendt igen" in result.err
    assert not (tmp_path / "x.pdf").exists()
    again = cli("approve", content, "--date", "2011-02-20", "--by", "Jørn Lykkebak", "--replace")
    assert again.code == 0, again.err
    assert cli("build", content, "-o", "x.pdf").code == 0


def test_issue_8_a_comment_or_layout_change_keeps_the_approval(cli, tmp_path: Path):
    """The binding is to the content, not the text: a new comment and re-indenting change nothing."""
    content = _approved(cli, tmp_path)
    content.write_text("# en ny kommentar\n" + content.read_text(encoding="utf-8"), encoding="utf-8")
    assert cli("check", content).code == 0


def test_issue_8_an_embedded_source_changed_after_approval_fails_verify(cli, tmp_path: Path):
    """Issue 8 §3: a PDF whose embedded source was changed after approval (and rebuilt by a tool
    that ignored the rule) is reported by verify: its source does not load as approved."""
    from pypdf import PdfReader, PdfWriter

    from planpdf.content.load import load_text
    from planpdf.provenance import INFO_FINGERPRINT, SOURCE_NAME, canonical_yaml, fingerprint

    content = _approved(cli, tmp_path)
    assert cli("build", content, "-o", "godkendt.pdf").code == 0
    data = load_text("x.yaml", content.read_text(encoding="utf-8")).data
    data["møder"]["mindst_pr_år"] = 2
    changed = canonical_yaml(data)
    writer = PdfWriter(clone_from=str(tmp_path / "godkendt.pdf"))
    spec = writer.root_object["/AF"][0].get_object()
    spec["/EF"]["/F"].get_object().set_data(changed.encode("utf-8"))
    writer.add_metadata({INFO_FINGERPRINT: fingerprint(data)})
    writer.write(tmp_path / "aendret.pdf")
    assert PdfReader(tmp_path / "aendret.pdf").metadata[INFO_FINGERPRINT] == fingerprint(data)
    result = cli("verify", "aendret.pdf")
    assert result.code == 1, result.out
    assert "indholdet er ændret, efter planen blev godkendt" in result.err
    assert f"{SOURCE_NAME}" in result.err
