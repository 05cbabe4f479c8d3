"""`planpdf diff` on format 2: block by block (id, then heading, then similarity), with moves
of blocks and changes inside initiatives, focus areas and member lists."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import ROOT, SAMPLE, write

KREDS = ROOT / "content" / "samarbejdsplan-vestkysten-2026.yaml"
AALUNDE = ROOT / "content" / "handleplan-aalunde-2026.yaml"


def _changes(cli, a: Path, b: Path) -> list[dict[str, str]]:
    result = cli("diff", "--json", a, b)
    assert result.code in (0, 1), result.err
    return json.loads(result.out)["changes"]  # type: ignore[no-any-return]


def _edited(tmp: Path, source: Path, *edits: tuple[str, str]) -> Path:
    text = source.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    return write(tmp / f"ny-{source.name}", text)


def _kreds(tmp: Path) -> Path:
    shutil.copy(ROOT / "content" / "organisation-vestkysten.png", tmp)
    return Path(shutil.copy(KREDS, tmp))


def test_the_same_plan_has_no_changes(cli, tmp_path: Path) -> None:
    plan = _kreds(tmp_path)
    assert _changes(cli, plan, plan) == []


def test_changes_inside_initiatives_and_focus_areas(cli, tmp_path: Path) -> None:
    a = _kreds(tmp_path)
    b = _edited(tmp_path, a, ("            status: Planlagt\n", "            status: I gang\n"),
                ("Nabohjælp udbredes i alle fem kommuner.", "Nabohjælp udbredes i fire kommuner."),
                ("            partnere: TrygFonden\n", ""))
    found = {(c["kind"], c["path"], c.get("field")): c for c in _changes(cli, a, b)}
    status = found["changed", "indhold/initiativer/initiativer-1/nabohjaelp/initiativstatus",
                   "initiativstatus"]
    assert (status["old"], status["new"]) == ("Planlagt", "I gang")
    assert ("removed", "indhold/initiativer/initiativer-1/nabohjaelp/partnere", "partnere") in found
    text = [c for c in found.values() if c["path"].startswith("indhold/fokus/")]
    assert [c["label"] for c in text] == ["Indbrud i private hjem"]
    assert len(found) == 3


def test_a_section_moved_is_a_move_not_a_removal_and_an_addition(cli, tmp_path: Path) -> None:
    a = _kreds(tmp_path)
    text = a.read_text(encoding="utf-8")
    i, j, k = (text.index(x) for x in ("  - afsnit: Initiativer", "  - afsnit: Kontakt",
                                       "  - bilag:"))
    b = write(tmp_path / "b.yaml", text[:i] + text[j:k] + text[i:j] + text[k:])
    changes = _changes(cli, a, b)
    assert [c["kind"] for c in changes] == ["moved"]
    assert changes[0]["path"] in ("indhold/initiativer", "indhold/kontakt")


def test_a_block_without_id_is_matched_by_heading_and_similarity(cli, tmp_path: Path) -> None:
    a = _edited(tmp_path, AALUNDE, ("    id: moeder\n", ""))
    b = _edited(tmp_path, a, ("  - afsnit: Møder\n", "  - afsnit: Rådets møder\n"),
                ("mindst 4 gange om året", "mindst 6 gange om året"))
    changes = _changes(cli, a, b)
    assert [(c["kind"], c.get("field")) for c in changes] == [("renamed", "overskrift"),
                                                               ("changed", "sætning")]


def test_members_added_removed_and_changed(cli, tmp_path: Path) -> None:
    b = _edited(tmp_path, AALUNDE, ("            rolle: observatør\n", "            rolle: medlem\n"),
                ("          - navn: Ida Lund\n", "          - navn: Ida Lund Hansen\n"))
    changes = {(c["kind"], c.get("field")): c for c in _changes(cli, AALUNDE, b)}
    assert changes["changed", "rolle"]["new"] == "medlem"
    assert changes["renamed", "titel"]["new"] == "Ida Lund Hansen"


def test_a_format_1_plan_compares_with_a_format_2_plan(cli) -> None:
    """Block by block, the format 1 plan by the blocks it is laid out as: two different plans
    give their real differences (here, nearly everything), never an empty comparison."""
    changes = _changes(cli, SAMPLE, AALUNDE)
    kinds = {c["kind"] for c in changes}
    assert {"added", "removed"} <= kinds
    assert any(c["label"] == "Lokalrådets medlemmer" for c in changes)
