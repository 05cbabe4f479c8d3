"""The check generated from schema.json (``content.schemacheck``) is up to date and says what
jsonschema says: valid or not, on the samples, every error case and damaged variants of the
sample. (jsonschema still finds and explains the problems; the generated check only lets valid
content pass without importing it.)
"""

from __future__ import annotations

import copy
import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, SAMPLE_FORMAT1
from planpdf.content.load import read_source
from planpdf.content.validate import schema_errors, valid
from planpdf.errors import ContentError

GENERATOR = ROOT / "tools" / "generate_schemacheck.py"
WRONG = [None, True, 0, 3000, "", " ", "x", "17:00", "2010-02-30", "2010-11-24", [], ["x"], {},
         {"ukendt": 1}, {"tekst": "x"}]


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("generate_schemacheck", GENERATOR)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("generate_schemacheck", module)
    spec.loader.exec_module(module)
    return module


def test_the_generated_checks_are_up_to_date() -> None:
    """Fails after a change to schema.json or schema2.json: run
    `python tools/generate_schemacheck.py`."""
    generator = _generator()
    for source, target in generator.TARGETS.items():
        assert target.read_text(encoding="utf-8") == generator.generate(source), \
            f"{target.name} is out of date: python tools/generate_schemacheck.py"


def _documents() -> Iterator[tuple[str, Any]]:
    files = [*sorted((ROOT / "content").glob("*.yaml")),
             *sorted((ROOT / "tests" / "cases").glob("*/plan.yaml"))]
    for path in files:
        try:
            yield str(path.relative_to(ROOT)), read_source(path).data
        except ContentError:
            continue  # not YAML at all: never reaches the schema


def _paths(value: Any, where: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every place in ``value``; of a list only the first and the last item."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield (*where, key)
            yield from _paths(item, (*where, key))
    elif isinstance(value, list):
        for index in sorted({0, len(value) - 1} if value else set()):
            yield (*where, index)
            yield from _paths(value[index], (*where, index))


def _replaced(data: Any, where: tuple[Any, ...], new: Any) -> Any:
    out = copy.deepcopy(data)
    parent = out
    for step in where[:-1]:
        parent = parent[step]
    if new is _DELETE:
        del parent[where[-1]]
    else:
        parent[where[-1]] = new
    return out


_DELETE = object()


def _agree(data: Any) -> bool:
    return valid(data) == (not schema_errors(data))


@pytest.mark.parametrize(("name", "data"), list(_documents()), ids=lambda x: x if isinstance(x, str) else "")
def test_generated_check_agrees_with_jsonschema_on_the_files(name: str, data: Any) -> None:
    assert _agree(data), name


@pytest.mark.parametrize("sample", [SAMPLE_FORMAT1, *sorted((ROOT / "content").glob("*-2026.yaml"))],
                         ids=lambda p: p.name)
def test_generated_check_agrees_with_jsonschema_on_damaged_samples(sample: Path) -> None:
    """Format 1's sample and format 2's: every place replaced by wrong values, or removed."""
    data = read_source(sample).data
    assert valid(data)
    checked = invalid = 0
    for where in _paths(data):
        for new in [*WRONG, _DELETE]:
            variant = _replaced(data, where, new)
            assert _agree(variant), (where, new)
            checked += 1
            invalid += not valid(variant)
    assert checked > 500 and invalid > checked / 2
