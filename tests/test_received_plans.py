"""Issue 11 (the Kredsråd's side, part): `verify` of many received files and folders, and
`extract` of a received PDF's embedded source."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from editions_fixtures import foreign_pdf, sample_source


def _cut_page_1(src: Path, out: Path) -> Path:
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=str(src))
    page = writer.pages[0]
    stream = page.get_contents()
    stream.set_data(stream.get_data()[: len(stream.get_data()) // 2])
    page.replace_contents(stream)
    writer.write(out)
    return out


def test_issue_11_verify_a_mixed_folder_gives_one_line_per_file(make_edition, cli,
                                                                tmp_path: Path) -> None:
    """verify FOLDER: a good approved plan, a tampered one, a draft and a foreign PDF each get
    the right line; the summary counts them; exit 1 because one has a problem."""
    folder = tmp_path / "modtaget"
    good = make_edition(folder / "a-godkendt.pdf")
    _cut_page_1(make_edition(tmp_path / "x.pdf", "Ændret."), folder / "b-aendret.pdf")
    make_edition(folder / "c-udkast.pdf", status="udkast")
    foreign_pdf(folder / "d-fremmed.pdf")
    (folder / "noter.txt").write_text("ikke en PDF", encoding="utf-8")
    result = cli("verify", folder)
    assert result.code == 1, result.out + result.err
    out = result.out.splitlines()
    assert f"{good}: i orden (godkendt, ikke digitalt underskrevet)" in out
    assert f"{folder / 'c-udkast.pdf'}: i orden (udkast, ikke godkendt)" in out
    assert f"{folder / 'b-aendret.pdf'}: error: siderne svarer ikke til den indlejrede kilde" \
        in result.err
    assert f"{folder / 'd-fremmed.pdf'}: error: PDF'en er ikke lavet af planpdf" in result.err
    assert "noter.txt" not in result.out + result.err
    assert result.err.splitlines()[-1] == ("planpdf: 4 fil(er): 1 godkendt og i orden, "
                                           "1 udkast i orden, 2 med problemer, "
                                           "0 ikke fuldt kontrolleret")


def test_issue_11_verify_takes_many_files(make_edition, cli, tmp_path: Path) -> None:
    """verify A.pdf B.pdf: both checked (argparse took one file before); all well is exit 0."""
    a = make_edition(tmp_path / "a.pdf")
    b = make_edition(tmp_path / "b.pdf", status="udkast")
    result = cli("verify", a, b)
    assert result.code == 0, result.err
    assert len(result.out.splitlines()) == 2
    assert "2 fil(er): 1 godkendt og i orden, 1 udkast i orden, 0 med problemer" in result.err


def test_issue_11_extract_round_trips_the_source(make_edition, cli, tmp_path: Path) -> None:
    """extract writes the embedded source beside the PDF; it loads to the same data and the same
    fingerprint; a second extract never overwrites it."""
    from planpdf.content.load import load_file
    from planpdf.edition.read import read_edition
    from planpdf.provenance import fingerprint

    pdf = make_edition(tmp_path / "vejle-2011.pdf")
    result = cli("extract", pdf)
    assert result.code == 0, result.err
    extracted = tmp_path / "vejle-2011.yaml"
    assert f"Skrev {extracted}" in result.out
    edition = read_edition(pdf.read_bytes())
    assert fingerprint(load_file(extracted).data) == edition.fingerprint
    assert extracted.read_text(encoding="utf-8") == edition.source_text
    again = cli("extract", pdf)
    assert again.code == 1 and "overskriver aldrig" in again.err
    assert cli("build", extracted, "-o", tmp_path / "igen.pdf", "-q").code == 0


def test_issue_11_extract_refuses_a_source_that_does_not_match(make_edition, cli,
                                                              tmp_path: Path) -> None:
    """extract of a PDF whose fingerprint was forged writes nothing and says why."""
    pdf = make_edition(tmp_path / "forfalsket.pdf", fingerprint_of=sample_source(2012))
    result = cli("extract", pdf, "-o", tmp_path / "ud.yaml")
    assert result.code == 1
    assert "kilden tages ikke ud: fingeraftrykket passer ikke" in result.err
    assert not (tmp_path / "ud.yaml").exists()


def _damage(archived: Path, unlisted: Path, draft: Path) -> None:
    """An archived file changed after archiving, and a draft put in the archive unlisted."""
    import stat

    unlisted.write_bytes(draft.read_bytes())
    archived.chmod(stat.S_IRUSR | stat.S_IWUSR)
    with archived.open("ab") as handle:  # its SHA-256 differs now
        handle.write(b"\n")


def _found_damage(result, archive: Path, archived: Path, unlisted: Path) -> None:
    """verify found both (``_damage``), with the draft beside the archive counted in order."""
    assert result.code == 1
    assert f"{archived}: error: filens SHA-256 stemmer ikke med manifestet" in result.err
    assert f"{unlisted}: error: filen står ikke i manifestet" in result.err
    assert f"{archive}: i orden" not in result.out
    assert result.err.splitlines()[-1] == ("planpdf: 3 fil(er): 0 godkendt og i orden, "
                                           "1 udkast i orden, 2 med problemer, "
                                           "0 ikke fuldt kontrolleret")


def test_review1_b_an_archive_among_other_paths_is_verified_as_an_archive(
        make_edition, cli, tmp_path: Path) -> None:
    """Review 1 B: `verify ARKIV other.pdf` checks the archive as `verify ARKIV` does (manifest,
    SHA-256, files not in it), not only its PDFs; its files count in the one summary."""
    import stat

    approved = make_edition(tmp_path / "godkendt.pdf")
    other = make_edition(tmp_path / "andet.pdf", status="udkast")
    archive = tmp_path / "arkiv"
    assert cli("archive", approved, "--archive", archive, "-q").code == 0
    manifest = archive / "manifest.json"
    (archived,) = archive.rglob("*.pdf")

    result = cli("verify", archive, other)  # all well: the archive's line, and its file counted
    assert result.code == 0, result.err
    assert f"{archive}: i orden (1 filer i manifestet;" in result.out
    assert result.err.splitlines()[-1] == ("planpdf: 2 fil(er): 1 godkendt og i orden, "
                                           "1 udkast i orden, 0 med problemer, "
                                           "0 ikke fuldt kontrolleret")

    _damage(archived, archive / "løs.pdf", other)
    result = cli("verify", manifest, other)  # an archive named by its manifest, too
    _found_damage(result, archive, archived, archive / "løs.pdf")

    manifest.chmod(stat.S_IRUSR | stat.S_IWUSR)
    manifest.write_text("{}", encoding="utf-8")  # an unusable manifest: exit 1, as alone
    alone = cli("verify", archive)
    result = cli("verify", archive, other)
    assert alone.code == 1 and result.code == 1
    assert f"{manifest}: error: manifestet har ikke den forventede form" in result.err
    assert result.err.splitlines()[-1] == ("planpdf: 2 fil(er): 0 godkendt og i orden, "
                                           "1 udkast i orden, 1 med problemer, "
                                           "0 ikke fuldt kontrolleret")


def test_an_archive_inside_a_folder_is_verified_as_an_archive(make_edition, cli,
                                                            tmp_path: Path) -> None:
    """`verify MAPPE` where the folder holds an archive (a subfolder with a manifest) checks
    that archive with its manifest, as `verify ARKIV` does; before, its PDFs were read as loose
    files, so a file the manifest does not list, or a changed one, passed."""

    received = tmp_path / "modtaget"
    loose = make_edition(received / "løs.pdf", status="udkast")
    approved = make_edition(tmp_path / "godkendt.pdf")
    archive = received / "2011" / "arkiv"
    assert cli("archive", approved, "--archive", archive, "-q").code == 0
    (archived,) = archive.rglob("*.pdf")

    result = cli("verify", received)
    assert result.code == 0, result.err
    assert f"{archive}: i orden (1 filer i manifestet;" in result.out
    assert f"{loose}: i orden" in result.out
    assert result.err.splitlines()[-1] == ("planpdf: 2 fil(er): 1 godkendt og i orden, "
                                           "1 udkast i orden, 0 med problemer, "
                                           "0 ikke fuldt kontrolleret")
    twice = cli("verify", received, archive / "manifest.json", loose)  # each counted once
    assert twice.code == 0, twice.err
    assert twice.out.count(f"{archive}: i orden") == 1 and twice.out.count(f"{loose}:") == 1
    assert twice.err.splitlines()[-1] == result.err.splitlines()[-1]
    linked = tmp_path / "andre"  # a link to the archive's folder is not followed
    linked.mkdir()
    (linked / "arkiv").symlink_to(archive, target_is_directory=True)
    result = cli("verify", linked)
    assert result.code == 0, result.err
    assert "i orden" not in result.out
    assert result.err.splitlines()[-1].startswith("planpdf: 0 fil(er)")

    _damage(archived, archived.parent / "ekstra.pdf", loose)
    result = cli("verify", received)
    _found_damage(result, archive, archived, archived.parent / "ekstra.pdf")


def _archived_then_removed(make_edition, cli, tmp_path: Path) -> tuple[Path, Path]:
    """An archive of one approved PDF whose archived file was then removed (for something else
    to take its place): the archive and the archived file's path."""
    approved = make_edition(tmp_path / "godkendt.pdf")
    archive = tmp_path / "arkiv"
    assert cli("archive", approved, "--archive", archive, "-q").code == 0
    (archived,) = archive.rglob("*.pdf")
    archived.parent.chmod(0o755)
    archived.unlink()
    return archive, archived


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_an_archived_file_that_is_no_regular_file_is_refused_unread(
        make_edition, cli, tmp_path: Path, special_files_read: list[str]) -> None:
    """`verify ARKIV` reads an archived file as `verify FILE` does: a FIFO in a listed file's
    place is refused by its type (it would block forever if read)."""
    archive, archived = _archived_then_removed(make_edition, cli, tmp_path)
    os.mkfifo(archived)
    result = cli("verify", archive)
    assert special_files_read == [], "the FIFO was opened for reading"
    assert result.code == 1
    assert f"{archived}: error: det er ikke en almindelig fil, men en navngiven kanal (FIFO)" \
        in result.err
    assert f"{archived}: hint: flyt den ud af arkivet; et arkiv rummer kun almindelige filer" \
        in result.err
    assert "Traceback" not in result.err


def test_links_and_repeats_among_the_paths_verify(make_edition, cli, tmp_path: Path) -> None:
    """In a folder, links (to a PDF or a folder) are not followed, and each is named in a
    warning; a link loop named on the command line is the reader's Danish error, no traceback;
    a PDF inside an archive named beside it is checked once, with its archive."""
    approved = make_edition(tmp_path / "godkendt.pdf")
    archive = tmp_path / "arkiv"
    assert cli("archive", approved, "--archive", archive, "-q").code == 0
    (archived,) = archive.rglob("*.pdf")
    result = cli("verify", archive, archived)
    assert result.code == 0, result.err
    assert f"{archived}: i orden" not in result.out  # counted with the archive
    assert result.err.splitlines()[-1].startswith("planpdf: 1 fil(er): 1 godkendt og i orden")

    folder = tmp_path / "modtaget"
    folder.mkdir()
    (folder / "alias.pdf").symlink_to(approved)
    (folder / "arkivlink").symlink_to(archive, target_is_directory=True)
    (folder / "løkke.pdf").symlink_to(folder / "løkke.pdf")
    result = cli("verify", folder, folder / "løkke.pdf")
    assert result.code == 1
    assert "Traceback" not in result.err
    for link in ("alias.pdf", "arkivlink", "løkke.pdf"):
        assert (f"{folder / link}: warning: et symbolsk link i mappen; planpdf følger ikke links "
                "i en mappe") in result.err
    assert f"{folder / 'løkke.pdf'}: error: filen kan ikke læses: stien har for mange " \
        "symbolske links" in result.err
    assert result.err.splitlines()[-1].startswith("planpdf: 1 fil(er): 0 godkendt og i orden")


def test_a_folder_in_place_of_an_archived_file_gets_a_hint_that_fits(make_edition, cli,
                                                                   tmp_path: Path) -> None:
    """A folder where the manifest lists a PDF: the hint says to put the PDF back (not to move
    the folder out of an archive that may hold folders)."""
    archive, archived = _archived_then_removed(make_edition, cli, tmp_path)
    archived.mkdir()
    result = cli("verify", archive)
    assert result.code == 1
    assert f"{archived}: error: det er en mappe, ikke en fil" in result.err
    assert (f"{archived}: hint: manifestet nævner en arkiveret PDF her; læg den tilbage i "
            "mappens sted") in result.err
