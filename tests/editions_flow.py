"""The editions round trip, run once per test session with the real CLI (shared by test modules)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from conftest import SAMPLE, Result, run_planpdf


@dataclass(frozen=True)
class Flow:
    """Files of one life cycle: new → draft build → dates reviewed → approve → approved build (twice)."""

    folder: Path
    content: Path
    after_new: str
    before_approve: str
    draft_pdf: Path
    approved_pdf: Path
    approved_again: Path
    outputs: dict[str, str]


def run(folder: Path, *args: str | Path) -> Result:
    """Run the real ``planpdf`` CLI (in-process) in ``folder``."""
    return run_planpdf(*args, cwd=folder)


def review_dates(content: Path, year: int) -> None:
    """What the referent does after ``planpdf new``: move each marked date to ``year``, drop the mark."""
    text = content.read_text(encoding="utf-8")
    text = re.sub(r"\b\d{4}(-\d\d-\d\d)  # TJEK: dato fra \d{4}", rf"{year}\1", text)
    content.write_text(text, encoding="utf-8")


def make_flow(folder: Path) -> Flow:
    content = folder / "billund-2011.yaml"
    outputs = {}
    steps = {
        "new": ("new", content, "--from", SAMPLE),
        "draft": ("build", content, "-o", folder / "draft.pdf"),
        "approve": ("approve", content, "--date", "2011-02-15", "--by", "Jørn Lykkebak",
                    "--meeting", "rådsmødet i Grindsted"),
        "approved": ("build", content, "-o", folder / "approved.pdf"),
        "again": ("build", content, "-o", folder / "again.pdf"),
    }
    before = after_new = ""
    for name, args in steps.items():
        if name == "approve":
            review_dates(content, 2011)
            before = content.read_text(encoding="utf-8")
        proc = run(folder, *args)
        assert proc.returncode == 0, f"{name}: {proc.stderr}"
        outputs[name] = proc.stdout
        if name == "new":
            after_new = content.read_text(encoding="utf-8")
    return Flow(folder, content, after_new, before, folder / "draft.pdf", folder / "approved.pdf",
                folder / "again.pdf", outputs)
