"""Read a tagged PDF back as a screen reader would: its structure tree (pikepdf) and the text of
every marked-content sequence and artifact (pypdf's content-stream visitors)."""

from __future__ import annotations

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
    """The text of each marked-content sequence and artifact, page by page (forms included)."""
    from pypdf import PdfReader

    reader = PdfReader(path)
    result = Marks({}, {}, {}, {})
    for number, page in enumerate(reader.pages, 1):
        stack: list[tuple[str, Any]] = []
        artifacts = result.artifacts.setdefault(number, [])
        unmarked = result.unmarked.setdefault(number, [])
        ops = result.operators.setdefault(number, [])

        def before(op: bytes, args: Any, cm: Any, tm: Any, stack: Any = stack, ops: Any = ops,
                   artifacts: Any = artifacts) -> None:
            if op == b"BDC":
                props = args[1] if hasattr(args[1], "get") else {}
                stack.append((str(args[0]), props))
                if str(args[0]) == "/Artifact":
                    artifacts.append((f"{props.get('/Type', '')}{props.get('/Subtype', '')}", ""))
            elif op == b"BMC":
                stack.append((str(args[0]), {}))
            elif op == b"EMC":
                stack.pop()
            ops.append((tuple(tag for tag, _props in stack), op))

        def text(value: str, cm: Any, tm: Any, font: Any, size: Any, stack: Any = stack,
                 artifacts: Any = artifacts, unmarked: Any = unmarked, number: int = number) -> None:
            if not value:
                return
            artifact = next((props for tag, props in stack if tag == "/Artifact"), None)
            mcid = next((props.get("/MCID") for tag, props in reversed(stack)
                         if tag != "/Artifact" and props.get("/MCID") is not None), None)
            if artifact is not None:
                kind, seen = artifacts[-1]
                artifacts[-1] = (kind, seen + value)
            elif mcid is not None:
                key = (number, int(mcid))
                result.text[key] = result.text.get(key, "") + value
            elif value.strip():
                unmarked.append(value)

        page.extract_text(visitor_operand_before=before, visitor_text=text)
    return result


def text_of(element: Element, found: Marks) -> str:
    """An element's text in tree order (what a screen reader reads), whitespace folded and a
    word hyphenated at a line end joined (``conftest.flat``)."""
    parts: list[str] = []
    for kid in element.kids:
        if isinstance(kid, Element):
            parts.append(text_of(kid, found))
        elif isinstance(kid, Content):
            parts.append(found.text.get((kid.page, kid.mcid), ""))
    from conftest import flat

    return flat("\n".join(parts))


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
