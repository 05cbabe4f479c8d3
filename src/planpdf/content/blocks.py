"""Format 2 data → the model: a plan's ordered blocks (``indhold``), each with its span.

In: validated data (``schema2.json``) and its ``SourceMap``. Out: a ``model.Plan`` whose ``body``
holds the blocks in the plan's own order; the fixed parts of format 1 stay empty. A block is a
mapping whose first key names its kind (``afsnit``, ``tekst``, ``punkter`` …).
"""

from __future__ import annotations

import re
from datetime import date, time
from typing import Any

from .. import danish
from .. import model as m
from ..errors import Span
from .rules import join_lines, split_paragraphs
from .rules2 import kind_of
from .source import Path, SourceMap


def plan(data: dict[str, Any], smap: SourceMap, images: dict[str, bytes]) -> m.Plan:
    """The model of a valid format 2 plan; ``images`` holds every image's bytes by name."""
    return _Builder(smap, images).plan(data)


class _Builder:
    def __init__(self, smap: SourceMap, images: dict[str, bytes]) -> None:
        self.smap = smap
        self.images = images

    def at(self, where: Path) -> Span:
        return self.smap.at(where)

    def plan(self, d: dict[str, Any]) -> m.Plan:
        u = d["udgiver"]
        towns = tuple(x.strip() for x in u["kommuner"])
        council = m.Council(u["navn"].strip(), danish.join_list(list(towns)),
                            _strip(u.get("politikreds")), self.at(("udgiver",)), u["type"], towns)
        return m.Plan(
            source=self.smap.path, year=d["år"], title=_strip(d.get("titel")),
            edition_date=_date(d.get("dato")), council=council,
            toc=bool(d.get("indholdsfortegnelse", False)), foreword=None, purpose=(),
            composition=(), members=(), work=(), meetings=None, lokalraad_plus=None, focus=None,
            prevention=None, sections=(), closing=(), span=self.at(()),
            status=d.get("status", "udkast"),
            approval=self.approval(d["godkendelse"]) if "godkendelse" in d else None,
            format=2, kind=d.get("art", "handlingsplan"), subtitle=_strip(d.get("undertitel")),
            cover=self.cover(d["forside"]) if "forside" in d else None,
            logo=self.image(d["logo"], None, ("logo",)) if "logo" in d else None,
            numbered=bool(d.get("nummerering", False)),
            words=tuple((k, tuple(v) if isinstance(v, list) else v)
                        for k, v in sorted(d.get("ord", {}).items())),
            body=self.blocks(d["indhold"], ("indhold",)))

    def approval(self, d: dict[str, Any]) -> m.Approval:
        return m.Approval(date.fromisoformat(d["dato"]), d["af"].strip(), _strip(d.get("rolle")),
                          _strip(d.get("møde")), self.at(("godkendelse",)), d.get("fingeraftryk"))

    def cover(self, d: dict[str, Any]) -> m.Cover:
        w: Path = ("forside",)
        image = self.image(d["billede"], None, (*w, "billede")) if "billede" in d else None
        return m.Cover(_strip(d.get("titel")), _strip(d.get("undertitel")),
                       bool(d.get("kommuner", True)), image, self.at(w))

    def blocks(self, value: list[Any], w: Path) -> tuple[m.Node, ...]:
        return tuple(self.block(b, (*w, i)) for i, b in enumerate(value))

    def block(self, b: dict[str, Any], w: Path) -> m.Node:
        kind = kind_of(b) or "sideskift"  # valid data: every block has its kind
        if kind == "sideskift":
            return m.PageBreak(self.at(w))
        ident, v, vw = b.get("id"), b[kind], (*w, kind)
        if kind in ("afsnit", "bilag"):
            return m.SectionBlock(v.strip(), self.blocks(b.get("indhold", []), (*w, "indhold")),
                                  bool(b.get("nummereret", True)), kind == "bilag", ident,
                                  self.at(w))
        if kind == "tekst":
            signers = tuple(m.Signer(s["navn"].strip(), _strip(s.get("titel")),
                                     self.at((*w, "underskrivere", i)))
                            for i, s in enumerate(b.get("underskrivere", [])))
            return m.TextBlock(self.paras(v, vw), signers, ident, self.at(w))
        if kind == "punkter":
            return m.ListBlock(self.items(v, vw), bool(b.get("nummereret", False)), ident,
                               self.at(w))
        if kind == "tabel":
            return m.TableBlock(tuple(join_lines(c) for c in v.get("kolonner", [])),
                                tuple(tuple(join_lines(c) for c in row) for row in v["rækker"]),
                                tuple(v.get("bredder", [])), ident, self.at(w))
        return self.record(kind, b, ident, w)

    def record(self, kind: str, b: dict[str, Any], ident: str | None,
               w: Path) -> m.Node:
        v, vw = b[kind], (*w, kind)
        if kind == "medlemmer":
            return m.MembersBlock(tuple(self.person(x, (*vw, i)) for i, x in enumerate(v)),
                                  b.get("visning", "tabel"), _optional(b.get("overskrift")),
                                  _optional(b.get("indledning")), ident, self.at(w))
        if kind == "kontaktpersoner":
            return m.ContactsBlock(tuple(self.person(x, (*vw, i)) for i, x in enumerate(v)),
                                   _optional(b.get("overskrift")) or None, ident, self.at(w))
        if kind == "møder":
            return m.MeetingsBlock(v.get("mindst_pr_år"), bool(v.get("efter_behov", False)),
                                   _strip(v.get("hvem")), _line(v.get("sætning")),
                                   self.paras(v.get("tekst"), (*vw, "tekst")), ident, self.at(w))
        if kind == "arrangement":
            return m.EventBlock(_strip(v.get("hvad")), date.fromisoformat(v["dato"]),
                                parse_time(v.get("start")), parse_time(v.get("slut")),
                                _strip(v.get("sted")), _strip(v.get("tema")),
                                _line(v.get("sætning")),
                                self.paras(v.get("tekst"), (*vw, "tekst")), ident, self.at(w))
        if kind == "fokusområder":
            return self.focus(b, ident, w)
        if kind == "initiativer":
            return m.InitiativesBlock(tuple(self.initiative(x, (*vw, i)) for i, x in enumerate(v)),
                                      b.get("visning", "tabel"), ident, self.at(w))
        if kind == "projekter":
            return m.ProjectsBlock(self.paras(b.get("indledning"), (*w, "indledning")),
                                   tuple(self.project(p, (*vw, i)) for i, p in enumerate(v)),
                                   ident, self.at(w))
        return self.image(v, ident, w)

    def focus(self, b: dict[str, Any], ident: str | None, w: Path) -> m.FocusBlock:
        areas = []
        for i, a in enumerate(b["fokusområder"]):
            aw = (*w, "fokusområder", i)
            areas.append(m.Area(a["titel"].strip(), a.get("status"),
                                _strip(a.get("kontaktperson")),
                                self.paras(a.get("tekst"), (*aw, "tekst")),
                                self.paras(a.get("bemærkning"), (*aw, "bemærkning")),
                                a.get("id"), self.at(aw)))
        statuses = tuple((k, join_lines(v)) for k, v in b.get("statusser", {}).items())
        return m.FocusBlock(_strip(b.get("overskrift")),
                            self.paras(b.get("indledning"), (*w, "indledning")), tuple(areas),
                            self.paras(b.get("afslutning"), (*w, "afslutning")), statuses, ident,
                            self.at(w))

    def person(self, d: dict[str, Any], w: Path) -> m.Person:
        return m.Person(d["navn"].strip(), _strip(d.get("titel")), _strip(d.get("funktion")),
                        _strip(d.get("organisation")), _strip(d.get("enhed")),
                        _strip(d.get("rolle")), _strip(d.get("emne")), _strip(d.get("mail")),
                        _strip(d.get("telefon")), d.get("id"), self.at(w))

    def initiative(self, d: dict[str, Any], w: Path) -> m.Initiative:
        partners = d.get("partnere", [])
        deadline = d.get("frist")
        return m.Initiative(
            d["titel"].strip(), _line(d.get("mål")), _line(d.get("ansvarlig")),
            tuple(join_lines(p) for p in ([partners] if isinstance(partners, str) else partners)),
            _deadline(deadline), _line(d.get("status")), d.get("id"), self.at(w))

    def project(self, p: dict[str, Any], w: Path) -> m.Project:
        items = tuple(m.ProjectItem(join_lines(x["tekst"]), _date(x.get("dato")),
                                    self.at((*w, "punkter", i)))
                      for i, x in enumerate(p.get("punkter", [])))
        return m.Project(p["titel"].strip(), items, p.get("id"), self.at(w))

    def image(self, d: dict[str, Any], ident: str | None, w: Path) -> m.Image:
        d = d.get("billede", d)
        written = d["fil"].strip()
        return m.Image(written, self.images[written], join_lines(d["alt"]),
                       _line(d.get("billedtekst")), _line(d.get("kreditering")), d.get("bredde"),
                       ident, self.at(w))

    def paras(self, value: str | None, w: Path) -> tuple[m.Paragraph, ...]:
        if value is None:
            return ()
        return tuple(m.Paragraph(p, self.at(w)) for p in split_paragraphs(value))

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


def _line(value: str | None) -> str | None:
    return join_lines(value) if value is not None else None


def _optional(value: str | bool | None) -> str | None:
    """A replaceable word: None (absent: planpdf's default), "" (``false``: none), or the text."""
    if value is None:
        return None
    return "" if value is False else join_lines(str(value))


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value is not None else None


def _deadline(value: str | None) -> date | str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return join_lines(value)


def parse_time(value: str | None) -> time | None:
    """``"17.00"`` (or ``"17:00"``) as a time."""
    if value is None:
        return None
    hours, minutes = re.split(r"[.:]", value)
    return time(int(hours), int(minutes))
