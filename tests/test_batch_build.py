"""Issue 11 (part): `planpdf build` of many plans at once, on the machine's cores."""

from __future__ import annotations

from pathlib import Path

from conftest import write
from editions_fixtures import sample_source


def _councils(folder: Path, n: int) -> list[Path]:
    """``n`` councils' plans made from the sample, varied in name and purpose."""
    files = []
    for i in range(n):
        text = sample_source(2011, f"Råd nummer {i}.").replace(
            "Lokalrådet i Billund kommune", f"Lokalrådet i Kommune {i}")
        files.append(write(folder / f"raad-{i:02d}.yaml", text))
    return files


def test_issue_11_a_batch_builds_the_same_bytes_as_one_by_one(cli, tmp_path: Path) -> None:
    """build FOLDER builds every plan into output/ with the same bytes as single builds."""
    files = _councils(tmp_path / "planer", 4)
    result = cli("build", tmp_path / "planer")
    assert result.code == 0, result.err
    assert result.err.splitlines()[-1] == "planpdf: 4 planer: 4 bygget i output, 0 med fejl"
    for f in files:
        assert f"Skrev output/{f.stem}.pdf (" in result.out
        single = cli("build", f, "-o", tmp_path / "enkelt" / f"{f.stem}.pdf", "-q")
        assert single.code == 0
        assert (tmp_path / "output" / f"{f.stem}.pdf").read_bytes() == \
            (tmp_path / "enkelt" / f"{f.stem}.pdf").read_bytes()


def test_issue_11_one_broken_plan_does_not_stop_the_others(cli, tmp_path: Path) -> None:
    """A batch with one broken file builds the rest, reports the broken one at its line with its
    path, and exits 1."""
    files = _councils(tmp_path, 3)
    broken = write(tmp_path / "ødelagt.yaml", sample_source(2011).replace("år: 2011", "år: tyve"))
    result = cli("build", *files, broken, "--mappe", "ud")
    assert result.code == 1
    assert f"{broken}:" in result.err and "skriv tallet med cifre" in result.err
    assert sorted(p.name for p in (tmp_path / "ud").iterdir()) == [f"{f.stem}.pdf" for f in files]
    assert "4 planer: 3 bygget i ud, 1 med fejl" in result.err


def test_issue_11_quiet_says_nothing_on_success_and_everything_on_failure(cli, tmp_path: Path):
    """`-q` printed the summary line even when every plan was built."""
    files = _councils(tmp_path, 2)
    result = cli("build", *files, "--mappe", "ud", "-q")
    assert (result.code, result.out, result.err) == (0, "", "")
    broken = write(tmp_path / "ødelagt.yaml", sample_source(2011).replace("år: 2011", "år: tyve"))
    result = cli("build", *files, broken, "--mappe", "ud2", "-q")
    assert result.code == 1 and "3 planer: 2 bygget i ud2, 1 med fejl" in result.err
    assert f"{broken}:" in result.err


def test_issue_11_two_plans_writing_one_pdf_are_refused_before_building(cli, tmp_path: Path):
    """Two content files with the same name in different folders would write the same PDF."""
    a = write(tmp_path / "a" / "plan.yaml", sample_source(2011))
    b = write(tmp_path / "b" / "plan.yaml", sample_source(2012))
    result = cli("build", a, b)
    assert result.code == 1 and "ville skrive output/plan.pdf" in result.err
    assert not (tmp_path / "output").exists()
    assert cli("build", a, b, "-o", "x.pdf").code == 1


def test_issue_11_the_progress_bar_redraws_its_line_on_a_terminal(tmp_path: Path) -> None:
    """On a terminal the bar's carriage returns reach it as such (they were escaped to a
    visible "\\r" by the printable stream before)."""
    import io

    from planpdf.cli import main

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    _councils(tmp_path / "planer", 2)
    out, err = io.StringIO(), Terminal()
    code = main(["build", str(tmp_path / "planer"), "--mappe", str(tmp_path / "ud")], out, err)
    assert code == 0, err.getvalue()
    assert "\rBygger: " in err.getvalue() and "\\r" not in err.getvalue()


def test_issue_11_a_worker_does_not_keep_each_plans_garbage(tmp_path: Path) -> None:
    """A batch worker builds plan after plan in one process, started from the command that
    switches the cyclic garbage collector off: each build's reference cycles must still be
    collected (without that, a worker grew by ~28 MB per 50 plans). Counted in live objects
    in a fresh interpreter, as a worker is."""
    import subprocess
    import sys

    plans = _councils(tmp_path, 2)
    script = """
import gc, sys
gc.disable()  # as cli.run leaves it
from planpdf.cli import batch
batch._warm(None)
def live():
    gc.collect() if gc.isenabled() else None
    return len(gc.get_objects())
for path in sys.argv[1:]:
    assert batch._build_one(path, None).pdf
first = live()
for _ in range(4):
    for path in sys.argv[1:]:
        assert batch._build_one(path, None).pdf
print(live() - first)
"""
    done = subprocess.run([sys.executable, "-c", script, *map(str, plans)], capture_output=True,
                          text=True, check=True)
    growth = int(done.stdout)
    assert growth < 1000, f"{growth} objects more after 8 more builds"
