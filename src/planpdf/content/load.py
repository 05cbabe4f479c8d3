"""Content file → Plan. Every problem becomes a Diagnostic at the user's line and column.

Steps: read bytes (size, UTF-8) → parse safe YAML with positions (``source``) → give scalars the
type the schema asks for where the user wrote them without quotes → validate against
``schema.json`` (the one description of the format) → build the frozen model. The result is a
``Loaded``: the model and the typed data it was built from (what the fingerprint is taken of);
the parsed ``Source`` is never changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path as FsPath
from typing import Any

import msgspec

from .. import danish
from .. import model as m
from ..errors import ContentError, Diagnostic, Span
from ..files import read_bytes
from . import blocks, rules, rules2
from .blocks import parse_time
from .convert import with_body
from .digest import approved_fingerprint
from .rules import join_lines, split_paragraphs
from .source import MAX_BYTES, Path, Source, SourceMap, parse, read_text
from .validate import resolve, schema, validate, version_of


def read_source(path: str | FsPath) -> Source:
    """Read and parse a content file; ContentError for a missing, unreadable or non-YAML file."""
    name = str(path)
    data = read_bytes(path, MAX_BYTES, ContentError)  # never more than the limit: /dev/zero ends
    return parse(name, read_text(name, data))


class Loaded(msgspec.Struct, frozen=True):
    """A validated content file: the model, the typed data it was built from, and its source.

    ``data`` is what the fingerprint and the embedded canonical YAML are made of: the parsed
    data with unquoted numbers and booleans turned back into text where the format wants text.
    ``warnings`` are what the content probably did not mean (``rules.warnings``); the CLI shows
    them, nothing stops on them.
    """

    plan: m.Plan
    data: Any
    source: Source
    warnings: tuple[Diagnostic, ...] = ()
    images: dict[str, bytes] = msgspec.field(default_factory=dict)  # format 2: every image, by name


def to_plan(source: Source, *, changed_approval_ok: bool = False,
            images: Mapping[str, bytes] | None = None) -> Loaded:
    """Type, validate and build the model of a parsed file; ContentError lists every problem.

    Content changed after its approval is an error unless ``changed_approval_ok`` (for
    ``approve --replace``, which records a new approval). A format 2 plan's images are read
    from beside the file, or, for a PDF's embedded source, taken from ``images``.
    """
    if not isinstance(source.data, dict):
        raise ContentError([Diagnostic(Span(source.map.path, 1, 1),
                                       "indholdet skal være en samling nøgler (nøgle: værdi)",
                                       "start fra content/billund-2010.yaml")])
    version = version_of(source.data)
    root = schema(version)
    data = _coerce(source.data, root, root, (), source.map)
    problems = validate(data, source.map)
    problems += rules.errors(data, source)
    found: dict[str, bytes] = {}
    if version == 2:
        found, said = rules2.images(data, source, images)
        problems += said
    if not problems and not changed_approval_ok:
        problems += _check_approved_content(data, source.map, found)
    if problems:
        raise ContentError(problems)
    built = (blocks.plan(data, source.map, found) if version == 2
             else with_body(_Builder(source.map).plan(data)))
    return Loaded(built, data, source,
                  tuple(sorted(rules.warnings(data, source), key=lambda d: d.span or Span("", 0, 0))),
                  found)


def _check_approved_content(data: dict[str, Any], smap: SourceMap,
                            images: dict[str, bytes]) -> list[Diagnostic]:
    """An approval that records the approved content's fingerprint (with its images) must
    still match it."""
    approval = data.get("godkendelse") or {}
    recorded = approval.get("fingeraftryk")
    if recorded is None or recorded == approved_fingerprint(data, images):
        return []
    return [Diagnostic(smap.key_at(("godkendelse", "fingeraftryk")),
                       f"indholdet er ændret, efter planen blev godkendt den "
                       f"{danish.format_date(date.fromisoformat(approval['dato']))}; det ændrede "
                       "indhold er ikke godkendt",
                       "fortryd ændringen, eller få planen godkendt igen og skriv det med "
                       "planpdf approve --replace")]


def load_file(path: str | FsPath) -> Loaded:
    """Read and validate a content file; raise ContentError listing every problem."""
    return to_plan(read_source(path))


def load_text(name: str, text: str, images: Mapping[str, bytes] | None = None) -> Loaded:
    r"""Validate YAML text already read from ``name``; raise ContentError on problems.

    The text has the same limits as a file (``parse``: 1 MB, no raw control characters). A
    blank line starts a new paragraph in every style of text, ``>`` included:

    >>> plan = load_text("plan.yaml", "år: 2010\nråd: {navn: R, kommune: K}\n"
    ...                  "medlemmer: [{navn: A}]\nformål: >\n  Et afsnit\n  på to linjer.\n\n"
    ...                  "  Et andet afsnit.\n").plan
    >>> [p.text for p in plan.purpose]
    ['Et afsnit på to linjer.', 'Et andet afsnit.']
    """
    return to_plan(parse(name, text), images=images)


# -- typing scalars the way the schema asks ---------------------------------------------------

_KINDS = {bool: "boolean", int: "integer", str: "string"}


def _accepts(node: dict[str, Any], root: dict[str, Any], kind: str) -> bool:
    node = resolve(node, root)
    if "anyOf" in node:
        return any(_accepts(n, root, kind) for n in node["anyOf"])
    if "enum" in node:
        return kind == "string" and all(isinstance(v, str) for v in node["enum"])
    if "const" in node:  # `false` for "no heading", `2` for the format, `true` for a page break
        return kind == _KINDS.get(type(node["const"]))
    return bool(node.get("type") == kind)


def _coerce(value: Any, node: dict[str, Any], root: dict[str, Any], where: Path,
            smap: SourceMap) -> Any:
    """Turn unquoted numbers and booleans back into the text the user wrote where text is due.

    ``navn: 2010`` or ``titel: true`` are text to the referent; only the schema knows that.
    """
    node = resolve(node, root)
    if isinstance(value, bool | int) and where in smap.plain:
        kind = "boolean" if isinstance(value, bool) else "integer"
        if not _accepts(node, root, kind) and _accepts(node, root, "string"):
            return smap.raw[where]
        return value
    branches = [resolve(n, root) for n in node.get("anyOf", [node])]
    if isinstance(value, dict):
        for branch in branches:
            props = branch.get("properties")
            if branch.get("type") == "object" and props is not None:
                if "required" in branch and not set(branch["required"]) <= set(value):
                    continue
                return {k: _coerce(v, props[k], root, (*where, k), smap) if k in props else v
                        for k, v in value.items()}
        return value
    if isinstance(value, list):
        for branch in branches:
            if branch.get("type") == "array" and "items" in branch:
                return [_coerce(v, branch["items"], root, (*where, i), smap)
                        for i, v in enumerate(value)]
    return value


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
                          _strip(d.get("møde")), self.at(("godkendelse",)), d.get("fingeraftryk"))

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
            conf = m.Conference(date.fromisoformat(c["dato"]), parse_time(c.get("start")),
                                parse_time(c.get("slut")), c["tema"].strip(),
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
            items = tuple(m.ProjectItem(join_lines(x["tekst"]), _date(x.get("dato")),
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
                blocks.append(m.Table(tuple(join_lines(c) for c in t.get("kolonner", [])),
                                      tuple(tuple(join_lines(c) for c in row) for row in t["rækker"]),
                                      self.at(bw)))
        return tuple(blocks)

    def items(self, value: list[Any], w: Path) -> tuple[m.BulletItem, ...]:
        out = []
        for i, it in enumerate(value):
            iw = (*w, i)
            if isinstance(it, str):
                out.append(m.BulletItem(join_lines(it), (), self.at(iw)))
            else:
                out.append(m.BulletItem(join_lines(it["tekst"]),
                                        self.items(it.get("punkter", []), (*iw, "punkter")),
                                        self.at(iw)))
        return tuple(out)


def _strip(value: str | None) -> str | None:
    return value.strip() if value is not None else None


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value is not None else None
