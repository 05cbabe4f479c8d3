"""REVIEW #13: a damaged edition PDF is reported once, in Danish, and --debug shows the cause."""

from __future__ import annotations

from pathlib import Path

from conftest import run_installed


def _broken_af(src: Path, out: Path) -> Path:
    """The edition with its /AF array pointing at a number instead of a file specification."""
    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, NameObject, NumberObject

    writer = PdfWriter(clone_from=str(src))
    writer.root_object[NameObject("/AF")] = ArrayObject([NumberObject(7)])
    writer.write(out)
    return out


def test_review_13_a_damaged_pdf_is_wrapped_once_and_keeps_its_cause(make_edition, cli,
                                                                      tmp_path: Path):
    """REVIEW #13: verify and archive say "beskadiget" once (no nested message), in Danish with
    a hint (the library's English words only under --debug), and --debug shows the library's
    exception as the direct cause."""
    bad = _broken_af(make_edition(tmp_path / "godkendt.pdf"), tmp_path / "skadet.pdf")
    for args in (("verify", bad), ("archive", bad)):
        result = cli(*args)
        assert result.code == 1
        assert result.err.startswith(
            f"{bad}: error: PDF'en er beskadiget og kan ikke læses\n"
            f"{bad}: hint: den er måske kun delvist hentet eller gemt"), result.err
        assert result.err.count("kan ikke læses") == 1, result.err
        assert "Traceback" not in result.err
        assert "AttributeError" not in result.err and "object has no" not in result.err
    debug = run_installed("--debug", "verify", bad, cwd=tmp_path)  # the traceback is printed
    assert "AttributeError" in debug.err
    assert "The above exception was the direct cause of the following exception" in debug.err
