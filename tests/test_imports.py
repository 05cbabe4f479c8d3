"""The one-way rule between stages, held by parsing every import, and a light build path.

Stages, left to right; a module imports only modules of its own stage or of stages to its left:

    errors ← model, files, workers ← danish, wording ← content ← layout ← render
    ← pipeline, startcache ← edition ← diff ← bundle ← cli
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLE

PACKAGE = ROOT / "src" / "planpdf"
STAGES: list[set[str]] = [
    {"planpdf", "errors"},  # the package's __init__ holds only the version
    {"model", "files", "workers"},
    {"danish", "wording"},
    {"content"},
    {"layout"},
    {"render", "pdfa", "provenance", "objstreams"},
    {"pipeline", "startcache"},
    {"edition"},
    {"diff"},
    {"bundle"},
    {"cli"},
]
RANK = {name: rank for rank, names in enumerate(STAGES) for name in names}


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
            modules = {f"{target}.{a.name}" for a in node.names}  # `from . import model`
            found |= {m for m in modules if m in MODULE_NAMES}
    return found


def _stage(module: str) -> str:
    return module.split(".")[1] if module.count(".") else "planpdf"


MODULES = sorted(PACKAGE.rglob("*.py"))
MODULE_NAMES = {_module_name(p) for p in MODULES}
GRAPH = {_module_name(p): _imports(p) - {_module_name(p)} for p in MODULES}


def test_import_parser_sees_imports() -> None:
    """The parser finds known imports (an empty result would make the rules below vacuous)."""
    assert "planpdf.content.source" in GRAPH["planpdf.content.load"]
    assert "planpdf.model" in GRAPH["planpdf.content.load"]
    assert "planpdf.layout.story" in GRAPH["planpdf.render"]
    assert "planpdf.wording" in GRAPH["planpdf.layout.blocks"]
    assert sum(len(v) for v in GRAPH.values()) > 100


def test_every_module_has_a_stage() -> None:
    """Every top-level module or package of planpdf is placed in the stage order."""
    assert {_stage(m) for m in GRAPH} <= set(RANK), {_stage(m) for m in GRAPH} - set(RANK)


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_one_way(module: str) -> None:
    """A module imports only its own stage and the stages to its left."""
    mine = RANK[_stage(module)]
    later = sorted(m for m in GRAPH[module] if m in GRAPH and RANK[_stage(m)] > mine)
    assert not later, f"{module} imports later stages: {later}"


def test_no_import_cycle() -> None:
    """The whole import graph, within stages too, has no cycle (walked, not listed)."""
    state: dict[str, int] = {}  # 1 visiting, 2 done

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(GRAPH.get(node, ())):
            if nxt not in GRAPH or nxt.rsplit(".", 1)[0] == node:  # a package's own modules
                continue
            if state.get(nxt) == 1:
                cycle = [*trail[trail.index(nxt):], nxt] if nxt in trail else [node, nxt]
                raise AssertionError("import cycle: " + " → ".join(cycle))
            if nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for module in sorted(GRAPH):
        if module not in state:
            visit(module, [module])


def test_build_does_not_import_pypdf(tmp_path: Path) -> None:
    """`planpdf build` runs without importing pypdf, pyHanko or the diff and edition stages,
    nor what only invalid content needs (jsonschema to explain it, difflib to suggest a word)."""
    code = ("import sys, planpdf.cli; "
            f"code = planpdf.cli.main(['build', {str(SAMPLE)!r}, '-q', "
            f"'-o', {str(tmp_path / 'x.pdf')!r}]); "
            "print(code, *(any(m.split('.')[:2] == name.split('.') for m in sys.modules) "
            "for name in ('pypdf', 'pyhanko', 'planpdf.diff', 'planpdf.edition', 'jsonschema', "
            "'difflib')))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["0", *["False"] * 6]
    assert (tmp_path / "x.pdf").stat().st_size > 10_000
