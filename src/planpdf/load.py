"""Content file → Plan. Every problem becomes a Diagnostic at the user's line and column.

Steps: read bytes (size, UTF-8) → parse safe YAML with positions (``yamlsrc``) → give scalars the
type the schema asks for where the user wrote them without quotes → validate against
``schema.json`` (the one description of the format) → build the frozen model.
"""

from __future__ import annotations

import difflib
import json
import re
from datetime import date, time
from functools import cache
from importlib import resources
from pathlib import Path as FsPath
from typing import Any

from . import model as m
from .errors import ContentError, Diagnostic, Span
from .yamlsrc import MAX_BYTES, Path, Source, SourceMap, parse, read_text

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


@cache
def schema() -> dict[str, Any]:
    """The content format as JSON Schema, shipped inside the package."""
    text = resources.files("planpdf").joinpath("schema.json").read_text(encoding="utf-8")
    result: dict[str, Any] = json.loads(text)
    return result


def read_source(path: str | FsPath) -> Source:
    """Read and parse a content file; ContentError for a missing, unreadable or non-YAML file."""
    name = str(path)
    try:
        with FsPath(path).open("rb") as handle:  # never more than the limit: /dev/zero ends
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise ContentError([Diagnostic(None, "filen findes ikke", path=name)]) from None
    except IsADirectoryError:
        raise ContentError([Diagnostic(None, "det er en mappe, ikke en fil", path=name)]) from None
    except OSError as exc:
        raise ContentError([Diagnostic(None, f"filen kan ikke læses: {exc.strerror}", path=name)]) from None
    return parse(name, read_text(name, data))


def to_plan(source: Source) -> m.Plan:
    """Type, validate and build the model of a parsed file; ContentError lists every problem."""
    if not isinstance(source.data, dict):
        raise ContentError([Diagnostic(Span(source.map.path, 1, 1),
                                       "indholdet skal være en samling nøgler (nøgle: værdi)",
                                       "start fra content/billund-2010.yaml")])
    data = _coerce(source.data, schema(), (), source.map)
    source.data = data
    problems = validate(data, source.map)
    problems += _check_placeholders(data, source.map)
    if problems:
        raise ContentError(problems)
    return _Builder(source.map).plan(data)


def load_file(path: str | FsPath) -> tuple[m.Plan, Source]:
    """Read and validate a content file; raise ContentError listing every problem."""
    source = read_source(path)
    return to_plan(source), source


def load_text(name: str, text: str) -> tuple[m.Plan, Source]:
    """Validate YAML text already read from ``name``; raise ContentError on problems."""
    source = parse(name, text)
    return to_plan(source), source


# -- typing scalars the way the schema asks ---------------------------------------------------

def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = schema()["$defs"][node["$ref"].rsplit("/", 1)[1]]
    return node


def _accepts(node: dict[str, Any], kind: str) -> bool:
    node = _resolve(node)
    if "anyOf" in node:
        return any(_accepts(n, kind) for n in node["anyOf"])
    if "enum" in node:
        return kind == "string" and all(isinstance(v, str) for v in node["enum"])
    return bool(node.get("type") == kind)


def _coerce(value: Any, node: dict[str, Any], where: Path, smap: SourceMap) -> Any:
    """Turn unquoted numbers and booleans back into the text the user wrote where text is due.

    ``navn: 2010`` or ``titel: true`` are text to the referent; only the schema knows that.
    """
    node = _resolve(node)
    if isinstance(value, bool | int) and where in smap.plain:
        kind = "boolean" if isinstance(value, bool) else "integer"
        if not _accepts(node, kind) and _accepts(node, "string"):
            return smap.raw[where]
        return value
    branches = [_resolve(n) for n in node.get("anyOf", [node])]
    if isinstance(value, dict):
        for branch in branches:
            props = branch.get("properties")
            if branch.get("type") == "object" and props is not None:
                if "required" in branch and not set(branch["required"]) <= set(value):
                    continue
                return {k: _coerce(v, props[k], (*where, k), smap) if k in props else v
                        for k, v in value.items()}
        return value
    if isinstance(value, list):
        for branch in branches:
            if branch.get("type") == "array" and "items" in branch:
                return [_coerce(v, branch["items"], (*where, i), smap) for i, v in enumerate(value)]
    return value


# -- validation with messages a referent can act on --------------------------------------------

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


def validate(data: Any, smap: SourceMap) -> list[Diagnostic]:
    """Every schema problem in ``data`` as diagnostics, in file order."""
    from jsonschema import Draft202012Validator, FormatChecker

    checker = FormatChecker(formats=())
    checker.checks("date")(_is_date)
    validator = Draft202012Validator(schema(), format_checker=checker)
    problems: list[Diagnostic] = []
    for error in validator.iter_errors(data):
        problems.extend(_explain(error, smap))
    # one error per missing key, say, may explain the same problem twice; keep each once
    return list(dict.fromkeys(problems))


def _is_date(value: object) -> bool:
    if not isinstance(value, str) or not _DATE.match(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _explain(error: Any, smap: SourceMap) -> list[Diagnostic]:
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
        return [Diagnostic(span, f"nøglen '{k}' mangler her", _description(props.get(k, {})))
                for k in missing]
    if kind in ("anyOf", "oneOf"):
        return _explain_any(error, smap)
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
    if kind == "format":
        return [Diagnostic(span, f"'{value}' er ikke en gyldig dato", node.get("x-hint"))]
    if kind in ("minLength", "pattern") and isinstance(value, str) and not value.strip():
        return [Diagnostic(span, "teksten må ikke være tom")]
    if kind == "pattern":
        return [Diagnostic(span, f"'{value}' har ikke den rigtige form", node.get("x-hint"))]
    if kind == "minItems":
        return [Diagnostic(span, "listen må ikke være tom")]
    if kind == "minimum":
        return [Diagnostic(span, f"tallet skal være mindst {error.validator_value}")]
    if kind == "maximum":
        return [Diagnostic(span, f"tallet må højst være {error.validator_value}")]
    return [Diagnostic(span, error.message)]


def _description(node: dict[str, Any]) -> str | None:
    """A property's description, from the property itself or the definition it refers to."""
    found = node.get("description") or _resolve(node).get("description")
    return str(found) if found else None


def _explain_any(error: Any, smap: SourceMap) -> list[Diagnostic]:
    """For text and blocks (anyOf), explain the branch the user evidently meant."""
    by_branch: dict[int, list[Any]] = {}
    for sub in error.context:
        by_branch.setdefault(sub.schema_path[0], []).append(sub)
    plausible = []
    for index, subs in sorted(by_branch.items()):
        root_type = any(s.validator == "type" and not s.relative_path for s in subs)
        branch = _resolve(error.validator_value[index])
        missing_key = any(s.validator == "required" and not s.relative_path for s in subs)
        if root_type or (missing_key and "additionalProperties" in branch):
            continue
        plausible.append(subs)
    if len(plausible) == 1:
        return [d for sub in plausible[0] for d in _explain(sub, smap)]
    span = smap.at(tuple(error.absolute_path))
    return [Diagnostic(span, f"her skal stå en tekst eller en liste af afsnit, men der står "
                       f"{_found(error.instance)}",
                       "et afsnit er en tekst; en punktliste skrives 'punkter:' med en liste; "
                       "en tabel skrives 'tabel:' med 'kolonner:' og 'rækker:'")]


def _check_placeholders(data: dict[str, Any], smap: SourceMap) -> list[Diagnostic]:
    """``{dato}`` in a project item needs a ``dato`` to put there."""
    problems = []
    projects = data.get("forebyggelse", {})
    projects = projects.get("projekter", []) if isinstance(projects, dict) else []
    for pi, project in enumerate(projects if isinstance(projects, list) else []):
        items = project.get("punkter", []) if isinstance(project, dict) else []
        for ii, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict) and "{dato}" in str(item.get("tekst", "")) and "dato" not in item:
                where = ("forebyggelse", "projekter", pi, "punkter", ii, "tekst")
                problems.append(Diagnostic(
                    smap.at(where), "teksten bruger {dato}, men punktet har ingen dato",
                    "tilføj 'dato: 2010-03-18' til punktet, eller fjern {dato}"))
    return problems


# -- building the model ------------------------------------------------------------------------

class _Builder:
    """Builds model nodes from validated data, attaching spans from the source map."""

    def __init__(self, smap: SourceMap) -> None:
        self.smap = smap

    def at(self, where: Path) -> Span:
        return self.smap.at(where)

    def plan(self, d: dict[str, Any]) -> m.Plan:
        r = d["råd"]
        council = m.Council(r["navn"].strip(), r["kommune"].strip(),
                            _strip(r.get("politikreds")), self.at(("råd",)))
        return m.Plan(
            source=self.smap.path,
            year=d["år"],
            title=_strip(d.get("titel")),
            edition_date=_date(d.get("dato")),
            council=council,
            toc=bool(d.get("indholdsfortegnelse", False)),
            foreword=self.foreword(d["forord"]) if "forord" in d else None,
            purpose=self.text(d.get("formål"), ("formål",)),
            composition=self.text(d.get("sammensætning"), ("sammensætning",)),
            members=tuple(self.member(x, ("medlemmer", i)) for i, x in enumerate(d["medlemmer"])),
            work=self.text(d.get("arbejdsform"), ("arbejdsform",)),
            meetings=self.meetings(d["møder"]) if "møder" in d else None,
            lokalraad_plus=self.plus(d["lokalråd_plus"]) if "lokalråd_plus" in d else None,
            focus=self.focus(d["fokusområder"]) if "fokusområder" in d else None,
            prevention=self.prevention(d["forebyggelse"]) if "forebyggelse" in d else None,
            sections=tuple(self.section(x, ("afsnit", i)) for i, x in enumerate(d.get("afsnit", []))),
            closing=self.text(d.get("afslutning"), ("afslutning",)),
            span=self.at(()),
            status=d.get("status", "udkast"),
            approval=self.approval(d["godkendelse"]) if "godkendelse" in d else None,
        )

    def approval(self, d: dict[str, Any]) -> m.Approval:
        return m.Approval(date.fromisoformat(d["dato"]), d["af"].strip(), _strip(d.get("rolle")),
                          _strip(d.get("møde")), self.at(("godkendelse",)))

    def foreword(self, d: dict[str, Any]) -> m.Foreword:
        w: Path = ("forord",)
        return m.Foreword(_strip(d.get("overskrift")), self.text(d["tekst"], (*w, "tekst")),
                          d["navn"].strip(), d["titel"].strip(), self.at(w))

    def member(self, d: dict[str, Any], w: Path) -> m.Member:
        return m.Member(
            name=d["navn"].strip(), title=_strip(d.get("titel")), function=_strip(d.get("funktion")),
            organisation=_strip(d.get("organisation")), unit=_strip(d.get("enhed")),
            role=d.get("rolle", "medlem"), id=d.get("id"), span=self.at(w))

    def meetings(self, d: dict[str, Any]) -> m.Meetings:
        w: Path = ("møder",)
        return m.Meetings(d["mindst_pr_år"], bool(d.get("efter_behov", False)),
                          self.text(d.get("tekst"), (*w, "tekst")), self.at(w))

    def plus(self, d: dict[str, Any]) -> m.LokalraadPlus:
        w: Path = ("lokalråd_plus",)
        conf = None
        if "konference" in d:
            c, cw = d["konference"], (*w, "konference")
            conf = m.Conference(date.fromisoformat(c["dato"]), _time(c.get("start")),
                                _time(c.get("slut")), c["tema"].strip(),
                                self.text(c.get("tekst"), (*cw, "tekst")), self.at(cw))
        return m.LokalraadPlus(_strip(d.get("overskrift")), self.text(d.get("tekst"), (*w, "tekst")),
                               conf, self.at(w))

    def focus(self, d: dict[str, Any]) -> m.FocusAreas:
        w: Path = ("fokusområder",)
        groups = []
        for gi, g in enumerate(d["grupper"]):
            gw = (*w, "grupper", gi)
            areas = tuple(
                m.FocusArea(a["titel"].strip(), a["status"], _strip(a.get("kontaktperson")),
                            self.text(a.get("tekst"), (*gw, "områder", ai, "tekst")),
                            self.text(a.get("bemærkning"), (*gw, "områder", ai, "bemærkning")),
                            a.get("id"), self.at((*gw, "områder", ai)))
                for ai, a in enumerate(g["områder"]))
            groups.append(m.FocusGroup(
                g["overskrift"].strip(), self.text(g.get("indledning"), (*gw, "indledning")), areas,
                self.text(g.get("afslutning"), (*gw, "afslutning")), g.get("id"), self.at(gw)))
        return m.FocusAreas(_strip(d.get("overskrift")), self.text(d.get("indledning"), (*w, "indledning")),
                            tuple(groups), self.at(w))

    def prevention(self, d: dict[str, Any]) -> m.Prevention:
        w: Path = ("forebyggelse",)
        projects = []
        for pi, p in enumerate(d.get("projekter", [])):
            pw = (*w, "projekter", pi)
            items = tuple(m.ProjectItem(_join(x["tekst"]), _date(x.get("dato")),
                                        self.at((*pw, "punkter", ii)))
                          for ii, x in enumerate(p.get("punkter", [])))
            projects.append(m.Project(p["titel"].strip(), items, p.get("id"), self.at(pw)))
        return m.Prevention(_strip(d.get("overskrift")), self.text(d.get("indledning"), (*w, "indledning")),
                            tuple(projects), self.at(w))

    def section(self, d: dict[str, Any], w: Path) -> m.Section:
        subs = tuple(self.section(x, (*w, "afsnit", i)) for i, x in enumerate(d.get("afsnit", [])))
        return m.Section(d["overskrift"].strip(), self.text(d.get("tekst"), (*w, "tekst")), subs,
                         d.get("id"), self.at(w))

    def text(self, value: Any, w: Path) -> tuple[m.Block, ...]:
        if value is None:
            return ()
        if isinstance(value, str):
            return tuple(m.Paragraph(p, self.at(w)) for p in split_paragraphs(value))
        blocks: list[m.Block] = []
        for i, b in enumerate(value):
            bw = (*w, i)
            if isinstance(b, str):
                blocks.extend(m.Paragraph(p, self.at(bw)) for p in split_paragraphs(b))
            elif "punkter" in b:
                blocks.append(m.BulletList(self.items(b["punkter"], (*bw, "punkter")), self.at(bw)))
            else:
                t = b["tabel"]
                blocks.append(m.Table(tuple(_join(c) for c in t.get("kolonner", [])),
                                      tuple(tuple(_join(c) for c in row) for row in t["rækker"]),
                                      self.at(bw)))
        return tuple(blocks)

    def items(self, value: list[Any], w: Path) -> tuple[m.BulletItem, ...]:
        out = []
        for i, it in enumerate(value):
            iw = (*w, i)
            if isinstance(it, str):
                out.append(m.BulletItem(_join(it), (), self.at(iw)))
            else:
                out.append(m.BulletItem(_join(it["tekst"]),
                                        self.items(it.get("punkter", []), (*iw, "punkter")),
                                        self.at(iw)))
        return tuple(out)


def split_paragraphs(text: str) -> list[str]:
    """Split on blank lines; lines inside a paragraph are joined by one space.

    >>> split_paragraphs("Første linje\\nfortsætter.\\n\\n  Andet afsnit. ")
    ['Første linje fortsætter.', 'Andet afsnit.']
    """
    return [_join(p) for p in re.split(r"\n\s*\n", text) if p.strip()]


def _join(text: str) -> str:
    """Fold line breaks and runs of spaces; keep non-breaking spaces the user typed."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip(" ")


def _strip(value: str | None) -> str | None:
    return value.strip() if value is not None else None


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value is not None else None


def _time(value: str | None) -> time | None:
    if value is None:
        return None
    hours, minutes = re.split(r"[.:]", value)
    return time(int(hours), int(minutes))
