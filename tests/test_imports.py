"""The one-way rule between stages, held by parsing imports, and a light build path."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLE

PACKAGE = ROOT / "src" / "planpdf"
LOAD_STAGE = {"errors", "yamlsrc", "load", "model", "danish", "fingerprint"}
LATER_THAN_LOAD = {"layout", "render", "build", "cli"}
LATER_THAN_LAYOUT = {"render", "build", "cli"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every planpdf module ``path`` imports (absolute names), at any depth of the file."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "planpdf"}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if target.split(".")[0] != "planpdf":
                continue
            found.add(target)
            found |= {f"{target}.{a.name}" for a in node.names}  # `from . import model`
    return found


def _stage(module: str) -> str:
    return module.split(".")[1] if module.count(".") else ""


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_import_parser_sees_imports() -> None:
    """The parser finds known imports (an empty result would make the rules below vacuous)."""
    assert "planpdf.yamlsrc" in _imports(PACKAGE / "load.py")
    assert "planpdf.model" in _imports(PACKAGE / "load.py")
    assert "planpdf.layout.blocks" in _imports(PACKAGE / "render.py")
    assert "planpdf.layout.texts" in _imports(PACKAGE / "layout" / "blocks.py") or \
        "planpdf.layout" in _imports(PACKAGE / "layout" / "blocks.py")


@pytest.mark.parametrize("path", MODULES, ids=lambda p: _module_name(p))
def test_one_way(path: Path) -> None:
    """Load stage imports nothing later; layout not render/build/cli; nothing imports cli."""
    me = _stage(_module_name(path))
    stages = {_stage(m) for m in _imports(path)} - {me, ""}
    if me != "cli":
        assert "cli" not in stages
    if me in LOAD_STAGE:
        assert not stages & LATER_THAN_LOAD, stages
    if me == "layout":
        assert not stages & LATER_THAN_LAYOUT, stages


def test_build_does_not_import_pypdf(tmp_path: Path) -> None:
    """`planpdf build` runs without importing pypdf or pyhanko."""
    code = ("import sys, planpdf.cli; "
            f"code = planpdf.cli.main(['build', {str(SAMPLE)!r}, '-q', "
            f"'-o', {str(tmp_path / 'x.pdf')!r}]); "
            "print(code, 'pypdf' in sys.modules, 'pyhanko' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["0", "False", "False"]
    assert (tmp_path / "x.pdf").stat().st_size > 10_000
