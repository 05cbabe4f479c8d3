"""Validation of content data against ``schema.json``, with messages a referent can act on.

In: data as parsed (with its ``SourceMap``). Out: a list of Danish diagnostics at the user's
lines and columns; the JSON Schema library's own messages are translated, never shown raw.
"""

from __future__ import annotations

import json
import re
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from ..errors import Diagnostic
from .source import Path, SourceMap

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


SCHEMA_FILES = {1: "schema.json", 2: "schema2.json"}


@cache
def schema(version: int = 1) -> dict[str, Any]:
    """A content format as JSON Schema, shipped inside the package: format 1 (``schema.json``,
    the parts in a fixed order) or format 2 (``schema2.json``, ordered blocks)."""
    text = resources.files("planpdf.content").joinpath(SCHEMA_FILES[version]).read_text(
        encoding="utf-8")
    result: dict[str, Any] = json.loads(text)
    return result


def version_of(data: Any) -> int:
    """The format a content file is written in: 1 without a ``format`` key (or ``format: 1``),
    else 2 (whose schema reports a ``format`` other than 2)."""
    written = data.get("format", 1) if isinstance(data, dict) else 1
    return 1 if written == 1 and not isinstance(written, bool) else 2


def resolve(node: dict[str, Any], root: dict[str, Any] | None = None) -> dict[str, Any]:
    """``node`` with its ``$ref`` followed, inside ``root`` (the format 1 schema by default)."""
    defs = (root or schema())["$defs"]
    while "$ref" in node:
        node = defs[node["$ref"].rsplit("/", 1)[1]]
    return node


_TYPE_NAMES = {
    "string": "en tekst",
    "integer": "et helt tal",
    "boolean": "true eller false",
    "array": "en liste (linjer der starter med '- ')",
    "object": "nøgler med værdier (nøgle: værdi)",
    "null": "ingenting",
}


def _found(value: Any) -> str:
    if value is None:
        return "ingen værdi (tomt, ~ eller null)"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, int):
        return f"tallet {value}"
    if isinstance(value, str):
        return f"teksten '{value}'" if len(value) < 40 else "en tekst"
    if isinstance(value, list):
        return "en liste"
    return "nøgler med værdier"


def valid(data: Any) -> bool:
    """Whether ``data`` satisfies its format's schema, by the check generated from it
    (``schemacheck`` for format 1, ``schemacheck2`` for format 2, by
    tools/generate_schemacheck.py): a few milliseconds, where importing jsonschema takes ~45."""
    if version_of(data) == 1:
        from . import schemacheck as check
    else:
        from . import schemacheck2 as check  # type: ignore[no-redef]
    try:
        check.validate(data, custom_formats={"date": _is_date})  # type: ignore[no-untyped-call]
    except check.JsonSchemaValueException:
        return False
    return True


def validate(data: Any, smap: SourceMap) -> list[Diagnostic]:
    """Every schema problem in ``data`` as diagnostics, in file order; jsonschema finds and
    explains them, and is imported only when the generated check has found one."""
    if valid(data):
        return []
    problems: list[Diagnostic] = []
    root = schema(version_of(data))
    for error in schema_errors(data):
        problems.extend(_explain(error, smap, root))
    # one error per missing key, say, may explain the same problem twice; keep each once
    return list(dict.fromkeys(problems))


def schema_errors(data: Any) -> list[Any]:
    """jsonschema's errors for ``data`` (its ``ValidationError``s)."""
    from jsonschema import Draft202012Validator, FormatChecker

    checker = FormatChecker(formats=())
    checker.checks("date")(_is_date)
    root = schema(version_of(data))
    return list(Draft202012Validator(root, format_checker=checker).iter_errors(data))


def _is_date(value: object) -> bool:
    if not isinstance(value, str) or not _DATE.match(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _explain(error: Any, smap: SourceMap, root: dict[str, Any]) -> list[Diagnostic]:
    import difflib  # only for invalid content
    where: Path = tuple(error.absolute_path)
    span = smap.at(where)
    value = error.instance
    kind = error.validator
    node = error.schema if isinstance(error.schema, dict) else {}
    if "x-message" in node:  # a rule between keys (schema.json "allOf"), said in Danish there
        return [Diagnostic(smap.key_at((*where, node["x-at"])), node["x-message"],
                           node.get("x-hint"))]
    if kind == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        out = []
        for key in value:
            if key in allowed:
                continue
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            hint = f"mente du '{close[0]}'?" if close else "tilladte nøgler her: " + ", ".join(allowed)
            out.append(Diagnostic(smap.key_at((*where, key)), f"ukendt nøgle '{key}'", hint))
        return out
    if kind == "required":
        missing = [k for k in error.validator_value if k not in value]
        props = error.schema.get("properties", {})
        return [Diagnostic(span, f"nøglen '{k}' mangler her", _description(props.get(k, {}), root))
                for k in missing]
    if kind in ("anyOf", "oneOf"):
        return _explain_any(error, smap, root)
    if kind == "type":
        raw = error.validator_value
        expected: list[str] = raw if isinstance(raw, list) else [raw]
        want = " eller ".join(_TYPE_NAMES.get(t, t) for t in expected)
        type_hint: str | None = None
        if value is None and "string" in expected and smap.raw.get(where):
            type_hint = f'skriv "{smap.raw[where]}" i anførselstegn, hvis det er teksten'
        elif "boolean" in expected and isinstance(value, str):
            type_hint = "skriv true (ja) eller false (nej)"
        elif "integer" in expected and isinstance(value, str):
            digits = value.strip().lstrip("+-").isdigit()
            if digits and where in smap.plain:
                type_hint = "skriv tallet uden foranstillede nuller, fx 2012"
            elif digits:
                type_hint = "skriv tallet uden anførselstegn"
            else:
                type_hint = "skriv tallet med cifre"
        return [Diagnostic(span, f"her skal stå {want}, men der står {_found(value)}", type_hint)]
    if kind == "enum":
        options = [str(o) for o in error.validator_value]
        close = difflib.get_close_matches(str(value), options, n=1, cutoff=0.6)
        enum_hint = f"mente du '{close[0]}'?" if close else None
        return [Diagnostic(span, f"{_found(value)} er ikke en af de gyldige værdier: "
                           + ", ".join(options), enum_hint)]
    if kind == "const":
        return [Diagnostic(span, f"her skal stå {_found(error.validator_value)}, men der står "
                           f"{_found(value)}", _description(node, root))]
    if kind == "maxItems":
        return [Diagnostic(span, f"listen må højst have {error.validator_value} punkter")]
    if kind == "format":
        return [Diagnostic(span, f"'{value}' er ikke en gyldig dato", node.get("x-hint"))]
    if kind in ("minLength", "pattern") and isinstance(value, str) and not value.strip():
        return [Diagnostic(span, "teksten må ikke være tom")]
    if kind == "pattern":
        return [Diagnostic(span, f"'{value}' har ikke den rigtige form", node.get("x-hint"))]
    if kind == "minItems" and isinstance(value, list) and value:
        return [Diagnostic(span, f"listen har {len(value)} punkter, men skal have mindst "
                           f"{error.validator_value}", _description(node, root))]
    if kind == "minItems":
        return [Diagnostic(span, "listen må ikke være tom")]
    if kind == "minimum":
        return [Diagnostic(span, f"tallet skal være mindst {error.validator_value}")]
    if kind == "maximum":
        return [Diagnostic(span, f"tallet må højst være {error.validator_value}")]
    return [Diagnostic(span, error.message)]


def _description(node: dict[str, Any], root: dict[str, Any]) -> str | None:
    """A property's description, from the property itself or the definition it refers to."""
    found = node.get("description") or resolve(node, root).get("description")
    return str(found) if found else None


def _explain_any(error: Any, smap: SourceMap, root: dict[str, Any]) -> list[Diagnostic]:
    """For text and blocks (anyOf), explain the branch the user evidently meant."""
    by_branch: dict[int, list[Any]] = {}
    for sub in error.context:
        by_branch.setdefault(sub.schema_path[0], []).append(sub)
    plausible = []
    for index, subs in sorted(by_branch.items()):
        root_type = any(s.validator == "type" and not s.relative_path for s in subs)
        branch = resolve(error.validator_value[index], root)
        missing_key = any(s.validator == "required" and not s.relative_path for s in subs)
        if root_type or (missing_key and "additionalProperties" in branch):
            continue
        plausible.append(subs)
    if len(plausible) == 1:
        return [d for sub in plausible[0] for d in _explain(sub, smap, root)]
    span = smap.at(tuple(error.absolute_path))
    node = error.schema if isinstance(error.schema, dict) else {}
    if node.get("x-kinds"):  # a format 2 block whose kind is not known (or that names none)
        kinds = [k.strip() for k in str(node["x-kinds"]).split(",")]
        keys = [k for k in error.instance if isinstance(k, str)] \
            if isinstance(error.instance, dict) else []
        import difflib  # only for invalid content

        close = [c for k in keys for c in difflib.get_close_matches(k, kinds, n=1, cutoff=0.75)]
        hint = f"mente du '{close[0]}'? En" if close else "en"
        return [Diagnostic(span, f"her skal stå en blok, men der står {_found(error.instance)}",
                           f"{hint} blok starter med sin art: {node['x-kinds']}")]
    if isinstance(error.instance, str) and not error.instance.strip():
        return [Diagnostic(span, "teksten må ikke være tom")]
    if node.get("x-choice"):  # format 2's choices (a date or a text, a text or a list)
        return [Diagnostic(span, f"{_found(error.instance)} passer ikke her",
                           str(node["description"]))]
    return [Diagnostic(span, f"her skal stå en tekst eller en liste af afsnit, men der står "
                       f"{_found(error.instance)}",
                       "et afsnit er en tekst; en punktliste skrives 'punkter:' med en liste; "
                       "en tabel skrives 'tabel:' med 'kolonner:' og 'rækker:'")]
