"""Tagged PDF: the structure tree, marked content and artifacts (PDF/UA-1, ISO 14289-1).

In: ``Node``s that the story's builders hang on their flowables (``planpdf_tag``), and the
flowables' drawing. Out: marked content in the page streams (``/P <</MCID 3>> BDC … EMC``), every
other mark an ``/Artifact``, and at save the structure tree (``/StructTreeRoot`` with a
``/ParentTree``), each page's ``/StructParents`` and ``/Tabs /S``, and the catalog's
``/MarkInfo`` and ``/ViewerPreferences``.

How the pieces meet:

- The builders make the *logical* tree as ``Node``s with parents (``Node("LI", parent=a_list)``)
  and put a node on each flowable. A node never holds content: a ``Tagger`` (one per canvas,
  one canvas per layout pass) attaches a node to its parent the first time
  something of it is drawn, so the tree's order is the reading order of a one-column page, and
  the same node gathers the content of every piece of a paragraph or table split across pages.
  Nodes are keyed by the objects themselves, never by ``id()`` of something temporary.
- Flowables mark themselves inside their own ``draw`` (inside ``drawOn``'s ``q``/``Q``):
  ``MarkupParagraph`` (``layout.markup``), the tables' ``TableTags`` callback (backgrounds, lines
  and a header row repeated on a later page are artifacts), ``Rule``, the sign-off block.
- Everything drawn outside a mark would break PDF/UA (7.1-3); the page decoration is drawn as
  artifacts by ``layout.pages``.

ReportLab has no structure tree of its own; this uses only ``Canvas.addLiteral`` for the marks
and ReportLab's PDF objects for the tree (see ``tests/test_tagging.py`` for the internals relied on).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfdoc import PDFArrayCompact, PDFDictionary, PDFName, PDFString
from reportlab.platypus import HRFlowable
from reportlab.platypus.tables import TableRenderCB

HEADING_DEPTH = 6  # H1..H6 are the standard heading types; deeper headings are tagged H6
_name = cache(PDFName)  # a structure type's PDF name, spelled once (~1 ms of a warm build)


class Node:
    """One structure element of the logical tree: its type, parent and attributes.

    ``parent`` None means a child of the document. ``alt`` is the element's ``/Alt``;
    ``scope`` (``"Column"``/``"Row"``) a table header's ``/Scope`` attribute.
    """

    __slots__ = ("alt", "parent", "role", "scope")

    def __init__(self, role: str, parent: Node | None = None, *, alt: str | None = None,
                 scope: str | None = None) -> None:
        self.role, self.parent, self.alt, self.scope = role, parent, alt, scope

    def __repr__(self) -> str:
        return f"Node({self.role!r})"


def heading_role(depth: int) -> str:
    """``H1`` for the title (depth 1), ``H2`` for the plan's parts, …, at most ``H6``."""
    return f"H{max(1, min(depth, HEADING_DEPTH))}"


class _Content:
    """A marked-content sequence: page (1-based) and MCID."""

    __slots__ = ("mcid", "page")

    def __init__(self, page: int, mcid: int) -> None:
        self.page, self.mcid = page, mcid


class _Annotation:
    """An annotation belonging to an element (``/OBJR``): its ReportLab object and page."""

    __slots__ = ("obj", "page")

    def __init__(self, obj: Any, page: int) -> None:
        self.obj, self.page = obj, page


Kid = Node | _Content | _Annotation


class Tagger:
    """The marks of one canvas and, at ``finish``, the structure tree they belong to."""

    def __init__(self, canvas: Any) -> None:
        self.canvas = canvas
        self.root = Node("Document")
        self.kids: dict[Node, list[Kid]] = {self.root: []}
        self.mcids: dict[int, list[Node]] = {}  # page → the node of each MCID on it
        self.annotations: list[tuple[_Annotation, Node]] = []
        self._open: list[Node] = []  # the node whose marked content is open, if any
        self._artifact = 0  # depth of open artifacts: marks inside them are left out

    # -- the tree ----------------------------------------------------------------------

    def attach(self, node: Node) -> None:
        """Put ``node`` (and its ancestors) in the tree, after what is there already."""
        if node in self.kids:
            return
        parent = node.parent or self.root
        self.attach(parent)
        self.kids[parent].append(node)
        self.kids[node] = []

    def attached(self, node: Node) -> bool:
        """Whether anything of ``node`` has been drawn (or it was attached) in this pass."""
        return node in self.kids

    @property
    def in_artifact(self) -> bool:
        return self._artifact > 0

    # -- marks ---------------------------------------------------------------------------

    @contextmanager
    def mark(self, node: Node) -> Iterator[None]:
        """What is drawn inside belongs to ``node`` (one marked-content sequence)."""
        if self._artifact or (self._open and self._open[-1] is node):
            yield  # inside an artifact, or more of the same node's content
            return
        outer = self._open[-1] if self._open else None
        if outer is not None:
            self._end()
        self._begin(node)
        try:
            yield
        finally:
            self._end()
            if outer is not None:
                self._begin(outer)

    @contextmanager
    def artifact(self, kind: str = "Layout", subtype: str | None = None) -> Iterator[None]:
        """What is drawn inside is an artifact (``/Artifact <</Type /Layout>> BDC``)."""
        if self._artifact:
            self._artifact += 1
            try:
                yield
            finally:
                self._artifact -= 1
            return
        outer = self._open[-1] if self._open else None
        if outer is not None:
            self._end()
        props = f"/Type /{kind}" + (f" /Subtype /{subtype}" if subtype else "")
        self.canvas.addLiteral(f"/Artifact <<{props}>> BDC")
        self._artifact = 1
        try:
            yield
        finally:
            self._artifact = 0
            self.canvas.addLiteral("EMC")
            if outer is not None:
                self._begin(outer)

    def annotation(self, obj: Any, node: Node) -> None:
        """``obj`` (a ReportLab annotation or an annotation dictionary, already added to this
        page) belongs to ``node``: an ``/OBJR`` kid, and the annotation's ``/StructParent``."""
        self.attach(node)
        ref = _Annotation(obj, self.canvas.getPageNumber())
        self.kids[node].append(ref)
        self.annotations.append((ref, node))

    def _begin(self, node: Node) -> None:
        self.attach(node)
        page = self.canvas.getPageNumber()
        on_page = self.mcids.setdefault(page, [])
        self.kids[node].append(_Content(page, len(on_page)))
        self.canvas.addLiteral(f"/{node.role} <</MCID {len(on_page)}>> BDC")
        on_page.append(node)
        self._open.append(node)

    def _end(self) -> None:
        self._open.pop()
        self.canvas.addLiteral("EMC")

    # -- the PDF objects -----------------------------------------------------------------

    def finish(self, doc: Any) -> None:
        """Write the structure tree into ``doc`` and the keys tagged PDF needs on the catalog,
        the pages and the annotations. Call once, when every page is done."""
        pages = list(doc.Pages.pages)
        page_refs = [doc.Reference(page) for page in pages]
        elements: dict[Node, PDFDictionary] = {}
        refs: dict[Node, Any] = {}
        order = list(self._walk(self.root))
        for number, node in enumerate(order, 1):
            elements[node] = PDFDictionary({"Type": _name("StructElem"), "S": _name(node.role)})
            refs[node] = doc.Reference(elements[node], f"StructElem{number}")
        root = PDFDictionary({"Type": _name("StructTreeRoot")})
        root_ref = doc.Reference(root, "StructTreeRoot")
        for node in order:
            element = elements[node]
            element["P"] = refs[node.parent or self.root] if node is not self.root else root_ref
            page = self._first_page(node)
            if page is not None:
                element["Pg"] = page_refs[page - 1]
            kids = [self._kid(doc, kid, refs, page_refs, page) for kid in self.kids[node]]
            if kids:
                element["K"] = PDFArrayCompact(kids)
            if node.alt is not None:
                element["Alt"] = PDFString(node.alt)
            if node.scope is not None:
                element["A"] = PDFDictionary({"O": _name("Table"), "Scope": _name(node.scope)})
        nums: list[Any] = []
        for index, page in enumerate(pages):
            owners = self.mcids.get(index + 1, [])
            nums += [index, PDFArrayCompact([refs[node] for node in owners])]
            _set_page_keys(page, index)
        for number, (ann, node) in enumerate(self.annotations, len(pages)):
            if isinstance(ann.obj, PDFDictionary):  # an annotation planpdf wrote itself
                ann.obj["StructParent"] = number
            else:  # one of ReportLab's Annotation classes, whose list of keys is short
                ann.obj.permitted = (*ann.obj.permitted, "StructParent")
                ann.obj.otherkw["StructParent"] = number
            nums += [number, refs[node]]
        root["K"] = refs[self.root]
        root["ParentTree"] = doc.Reference(PDFDictionary({"Nums": PDFArrayCompact(nums)}),
                                           "ParentTree")
        root["ParentTreeNextKey"] = len(pages) + len(self.annotations)
        catalog = doc.Catalog
        catalog.StructTreeRoot = root_ref
        catalog.MarkInfo = PDFDictionary({"Marked": "true"})
        catalog.ViewerPreferences = PDFDictionary({"DisplayDocTitle": "true"})

    def _walk(self, node: Node) -> Iterator[Node]:
        yield node
        for kid in self.kids[node]:
            if isinstance(kid, Node):
                yield from self._walk(kid)

    def _first_page(self, node: Node) -> int | None:
        for kid in self.kids[node]:
            if not isinstance(kid, Node):
                return kid.page
        return None

    def _kid(self, doc: Any, kid: Kid, refs: dict[Node, Any], page_refs: list[Any],
             page: int | None) -> Any:
        if isinstance(kid, Node):
            return refs[kid]
        if isinstance(kid, _Content):
            if kid.page == page:
                return kid.mcid
            return PDFDictionary({"Type": _name("MCR"), "Pg": page_refs[kid.page - 1],
                                  "MCID": kid.mcid})
        return PDFDictionary({"Type": _name("OBJR"), "Pg": page_refs[kid.page - 1],
                              "Obj": doc.Reference(kid.obj)})


def _set_page_keys(page: Any, index: int) -> None:
    """``/StructParents`` and ``/Tabs /S`` on a ReportLab page: PDFPage writes only the keys its
    ``__NoDefault__`` lists, so this page gets its own, longer list."""
    names = list(pdfdoc.PDFPage.__NoDefault__)
    setattr(page, "__NoDefault__", [*names, "StructParents", "Tabs"])  # noqa: B010 - no mangling
    page.StructParents = index
    page.Tabs = _name("S")


def tagger_of(canvas: Any) -> Tagger | None:
    """The canvas's tagger; None on a canvas that is not tagged (then nothing is marked)."""
    tagger = getattr(canvas, "planpdf_tagger", None)
    return tagger if isinstance(tagger, Tagger) else None


@contextmanager
def artifact(canvas: Any, kind: str = "Layout", subtype: str | None = None) -> Iterator[None]:
    """``Tagger.artifact`` on a tagged canvas; nothing on any other."""
    tagger = tagger_of(canvas)
    if tagger is None:
        yield
        return
    with tagger.artifact(kind, subtype):
        yield


class Rule(HRFlowable):  # type: ignore[misc]
    """A horizontal rule, drawn as an artifact."""

    def draw(self) -> None:
        with artifact(self.canv):
            super().draw()


class TableTags(TableRenderCB):  # type: ignore[misc]
    """Marks for a ``Table`` (``renderCB``; ReportLab hands it to both pieces of a split table).

    The cells' flowables carry their ``TH``/``TD`` nodes and mark their own content; this makes
    every cell an element even when it draws nothing (PDF/UA wants regular tables), draws the
    backgrounds and lines as artifacts, and the header row again on a later page as an artifact.
    """

    def __init__(self) -> None:
        self._artifacts: list[Any] = []  # the artifacts now open (backgrounds, lines, a row)

    def _begin_artifact(self, table: Any, kind: str = "Layout") -> None:
        tagger = tagger_of(table.canv)
        ctx = tagger.artifact(kind) if tagger is not None else None
        if ctx is not None:
            ctx.__enter__()
        self._artifacts.append(ctx)

    def _end_artifact(self, table: Any) -> None:
        ctx = self._artifacts.pop()
        if ctx is not None:
            ctx.__exit__(None, None, None)

    def startTable(self, table: Any) -> None:
        pass

    def endTable(self, table: Any) -> None:
        pass

    def startBG(self, table: Any) -> None:
        self._begin_artifact(table)

    def endBG(self, table: Any) -> None:
        self._end_artifact(table)

    def startLines(self, table: Any) -> None:
        self._begin_artifact(table)

    def endLines(self, table: Any) -> None:
        self._end_artifact(table)

    def startRow(self, table: Any, row: int) -> None:
        tagger = tagger_of(table.canv)
        first = _cell_node(table._cellvalues[row][0])
        if (tagger is not None and row < (table.repeatRows or 0) and first is not None
                and tagger.attached(first)):  # the header row again, on a later page
            self._begin_artifact(table, "Pagination")
        else:
            self._artifacts.append(None)

    def endRow(self, table: Any) -> None:
        self._end_artifact(table)

    def startCell(self, table: Any, row: int, col: int, value: Any, style: Any, pos: Any,
                  size: Any) -> None:
        tagger = tagger_of(table.canv)
        node = _cell_node(value)
        if tagger is not None and node is not None and not tagger.in_artifact:
            tagger.attach(node)

    def endCell(self, table: Any) -> None:
        pass


def _cell_node(value: Any) -> Node | None:
    """The element of a table cell (ReportLab keeps a cell's flowables in a list or tuple)."""
    for part in value if isinstance(value, list | tuple) else [value]:
        node = getattr(part, "planpdf_tag", None)
        if isinstance(node, Node):
            return node
    return None
