"""Read a tagged PDF back as a screen reader would: its structure tree and the text of every
marked-content sequence and artifact (pikepdf)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Content:
    """A marked-content sequence of an element: page (1-based) and MCID."""

    page: int
    mcid: int


@dataclass(frozen=True)
class ObjRef:
    """An annotation belonging to an element (``/OBJR``)."""

    page: int
    obj: Any


@dataclass
class Element:
    """A structure element: its type, attributes and kids in order."""

    role: str  # "P", "H1", "Table", ... without the slash
    obj: Any  # the pikepdf dictionary
    kids: list[Element | Content | ObjRef] = field(default_factory=list)
    pdf: Any = None  # the open pikepdf.Pdf the objects live in

    @property
    def elements(self) -> list[Element]:
        return [k for k in self.kids if isinstance(k, Element)]

    @property
    def contents(self) -> list[Content]:
        return [k for k in self.kids if isinstance(k, Content)]

    def walk(self) -> Iterator[Element]:
        yield self
        for kid in self.elements:
            yield from kid.walk()

    def attribute(self, name: str) -> Any:
        attrs = self.obj.get("/A")
        return None if attrs is None else attrs.get("/" + name)


@dataclass
class Marks:
    """What each page shows, by the mark it is drawn in."""

    text: dict[tuple[int, int], str]  # (page, MCID) → text
    artifacts: dict[int, list[tuple[str, str]]]  # page → [(/Type/Subtype, text)]
    unmarked: dict[int, list[str]]  # page → text drawn outside any mark (PDF/UA forbids it)
    operators: dict[int, list[tuple[tuple[str, ...], bytes]]]  # page → (mark stack, operator)


def structure(path: Path) -> Element:
    """The document's structure tree, from the ``/StructTreeRoot``'s one kid (``Document``)."""
    import pikepdf

    pdf = pikepdf.open(path)
    pages = {page.objgen: number for number, page in enumerate(pdf.pages, 1)}

    def build(obj: Any) -> Element:
        element = Element(str(obj["/S"])[1:], obj, pdf=pdf)
        page = pages.get(obj["/Pg"].objgen) if "/Pg" in obj else None
        kids = obj.get("/K")
        if kids is None:
            return element
        for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
            if isinstance(kid, int):
                assert page is not None, "an MCID without /Pg"
                element.kids.append(Content(page, int(kid)))
            elif kid.get("/Type") == "/MCR":
                element.kids.append(Content(pages[kid["/Pg"].objgen], int(kid["/MCID"])))
            elif kid.get("/Type") == "/OBJR":
                element.kids.append(ObjRef(pages[kid["/Pg"].objgen], kid["/Obj"]))
            else:
                element.kids.append(build(kid))
        return element

    return build(pdf.Root.StructTreeRoot.K)


def marks(path: Path) -> Marks:
    """The text of each marked-content sequence and artifact, page by page (forms included),
    as a screen reader reads it: a span's /ActualText replaces the text drawn inside it.

    Read with pikepdf and the fonts' /ToUnicode maps (planpdf's fonts use one-byte codes):
    pypdf's ``extract_text`` ignores /ActualText and hands its visitors text only when it
    flushes a line, so it cannot say which span a piece of text was drawn in.
    """
    import pikepdf

    pdf = pikepdf.open(path)
    result = Marks({}, {}, {}, {})
    for number, page in enumerate(pdf.pages, 1):
        reader = _PageText(number, result)
        reader.run(page.obj, page.Resources)
    return result


class _PageText:
    """Walks one page's content (and the forms it draws) with the stack of marks."""

    def __init__(self, number: int, result: Marks) -> None:
        self.number, self.result = number, result
        self.stack: list[tuple[str, Any]] = []
        self.actual: list[str] = []  # the /ActualText of the spans open now
        self.maps: dict[Any, dict[int, str]] = {}
        self.font: dict[int, str] = {}
        result.artifacts.setdefault(number, [])
        result.unmarked.setdefault(number, [])
        result.operators.setdefault(number, [])

    def run(self, stream: Any, resources: Any) -> None:
        import pikepdf

        for operands, op in pikepdf.parse_content_stream(stream):
            name = str(op)
            if name == "BDC":
                props = operands[1] if isinstance(operands[1], pikepdf.Dictionary) else {}
                tag = str(operands[0])
                self.stack.append((tag, props))
                if tag == "/Artifact":
                    kind = f"{props.get('/Type', '')}{props.get('/Subtype', '')}"
                    self.result.artifacts[self.number].append((kind, ""))
                if "/ActualText" in props:
                    self.actual.append(str(props["/ActualText"]))
            elif name == "BMC":
                self.stack.append((str(operands[0]), {}))
            elif name == "EMC":
                _tag, props = self.stack.pop()
                if "/ActualText" in props:
                    self._add(self.actual.pop(), actual=True)
            elif name == "Tf":
                self.font = self._map(resources.Font[operands[0]])
            elif name in ("Tj", "'", '"'):
                if name != "Tj":
                    self._add("\n")
                self._add(self._decode(bytes(operands[-1])))
            elif name == "TJ":
                self._add("".join(self._decode(bytes(x)) for x in operands[0]
                                  if isinstance(x, pikepdf.String)))
            elif name in ("T*", "Td", "TD", "Tm", "ET"):
                self._add("\n")
            elif name == "Do":
                xobject = resources.XObject[operands[0]]
                if xobject.Subtype == "/Form":
                    saved = self.font
                    self.run(xobject, xobject.get("/Resources", resources))
                    self.font = saved
            self.result.operators[self.number].append(
                (tuple(tag for tag, _props in self.stack), name.encode()))

    def _add(self, value: str, actual: bool = False) -> None:
        if not value or (self.actual and not actual):
            return  # nothing, or replaced by the /ActualText of the span it is drawn in
        artifact = any(tag == "/Artifact" for tag, _props in self.stack)
        mcid = next((props.get("/MCID") for tag, props in reversed(self.stack)
                     if tag != "/Artifact" and props.get("/MCID") is not None), None)
        if artifact:
            kind, seen = self.result.artifacts[self.number][-1]
            self.result.artifacts[self.number][-1] = (kind, seen + value)
        elif mcid is not None:
            key = (self.number, int(mcid))
            self.result.text[key] = self.result.text.get(key, "") + value
        elif value.strip():
            self.result.unmarked[self.number].append(value)

    def _decode(self, data: bytes) -> str:
        return "".join(self.font.get(byte, "\ufffd") for byte in data)

    def _map(self, font: Any) -> dict[int, str]:
        key = font.objgen
        if key not in self.maps:
            cmap = font.ToUnicode.read_bytes().decode("latin-1")
            table: dict[int, str] = {}
            for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.DOTALL):
                for code, uni in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
                    table[int(code, 16)] = bytes.fromhex(uni).decode("utf-16-be")
            self.maps[key] = table
        return self.maps[key]


def text_of(element: Element, found: Marks) -> str:
    """An element's text in tree order (what a screen reader reads), whitespace folded."""
    parts: list[str] = []
    for kid in element.kids:
        if isinstance(kid, Element):
            parts.append(text_of(kid, found))
        elif isinstance(kid, Content):
            parts.append(found.text.get((kid.page, kid.mcid), ""))
    return " ".join(" ".join(parts).split())


def split_source(sample_text: str) -> str:
    """The sample with 45 more members (the member table runs over a page), a paragraph long
    enough to be split across pages, and a free section with nested bullets and a table."""
    members = "".join(f"  - navn: Medlem nummer {i}\n    titel: Konsulent\n"
                      f"    organisation: Billund kommune\n" for i in range(45))
    long = " ".join(["Lokalrådet arbejder målrettet med kriminalitetsforebyggelse og "
                     "tryghedsskabende initiativer i lokalsamfundet."] * 45)
    text = sample_text.replace("medlemmer:\n", "medlemmer:\n" + members, 1)
    text = text.replace("sammensætning: >\n", f"sammensætning: |\n  {long}\n\n  ", 1)
    section = ("afsnit:\n  - overskrift: Økonomi\n    tekst:\n"
               "      - Et almindeligt afsnit med **fed** tekst.\n"
               "      - punkter: [Første punkt, {tekst: Andet punkt, punkter: [Et underpunkt]}]\n"
               "      - tabel: {kolonner: [Post, Beløb], rækker: [[Konference, 12.000 kr.]]}\n"
               "    afsnit:\n      - overskrift: Underafsnit\n"
               "        tekst: [Tekst i underafsnittet.]\n")
    return text.replace("afslutning: |", section + "afslutning: |", 1)
