"""YAML text → plain data (dict, list, str, int, bool, None) plus a map of where each value stands.

Only safe YAML is read, and YAML 1.1's surprises are switched off: a plain scalar becomes an int
only when it is a plain decimal number (``2010``, not ``010`` or ``17:00``), a bool only when it is
``true`` or ``false``, and everything else stays the text the user wrote (``no``, ``17.00``,
``2010-11-24``). Anchors and aliases, explicit tags and duplicate keys are errors, which also
refuses alias bombs before any expansion happens.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cached_property
from typing import Any

import msgspec
import yaml
from yaml.composer import Composer
from yaml.resolver import Resolver

try:
    from yaml._yaml import CParser
except ImportError:  # PyYAML built without libyaml: PyYAML's parser alone
    CParser = None  # type: ignore[assignment,misc]

from ..errors import ContentError, Diagnostic, Span
from .controls import LINE_BREAKS, RAW_FORBIDDEN, describe, is_control

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 40
MAX_NODES = 50_000  # values, keys, lists and mappings; a valid plan (≤ 5,000 texts) has far fewer
MAX_SHOWN = 10  # raw control characters reported one by one; a binary file has thousands

Path = tuple[str | int, ...]

_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)\Z")
_LONE_BREAK = re.compile(r"(?<=[^\n])\n(?=[^\n])")
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_STANDARD_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq", "merge", "value")
}


class SourceMap(msgspec.Struct):
    """Where each value and each mapping key of a loaded file stands."""

    path: str
    values: dict[Path, Span] = msgspec.field(default_factory=dict)
    keys: dict[Path, Span] = msgspec.field(default_factory=dict)
    plain: set[Path] = msgspec.field(default_factory=set)  # scalars written without quotes
    raw: dict[Path, str] = msgspec.field(default_factory=dict)  # the text of each scalar as written
    ends: dict[Path, Span] = msgspec.field(default_factory=dict)  # where each scalar ends (exclusive)

    def at(self, where: Path) -> Span:
        """The span of the value at ``where``, or of its nearest ancestor that has one."""
        while where not in self.values and where:
            where = where[:-1]
        return self.values.get(where, Span(self.path, 1, 1))

    def key_at(self, where: Path) -> Span:
        """The span of the key that introduces ``where``, falling back to the value."""
        return self.keys.get(where) or self.at(where)


class Source(msgspec.Struct, dict=True):
    """A loaded YAML document: its data, the map of positions and the text it came from."""

    data: Any
    map: SourceMap
    text: str

    @cached_property
    def lines(self) -> list[str]:
        """The text's lines (split once: the checks look up many positions)."""
        return self.text.split("\n")


class _Refused(Exception):
    def __init__(self, mark: yaml.Mark | None, message: str, hint: str | None = None) -> None:
        self.mark, self.message, self.hint = mark, message, hint


class _Limits:
    """Composes nodes only (no construction) and refuses anchors, aliases, deep nesting and
    more values than any valid plan has (so a megabyte of `[a,a,a,…]` ends in seconds)."""

    _depth = 0
    _nodes = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()  # type: ignore[attr-defined]
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _Refused(
                event.start_mark,
                "ankre og aliaser (&navn, *navn) understøttes ikke i indholdsfiler",
                "skriv teksten ud hvert sted, den skal stå",
            )
        self._nodes += 1
        if self._nodes > MAX_NODES:
            raise _Refused(event.start_mark, f"indholdet har over {MAX_NODES:_} værdier og nøgler; "
                           "her passeres grænsen".replace("_", "."),
                           "en handlingsplan har sjældent over 5.000; er det den rigtige fil?")
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _Refused(event.start_mark, f"indholdet er indlejret mere end {MAX_DEPTH} niveauer")
            return super().compose_node(parent, index)  # type: ignore[misc]
        finally:
            self._depth -= 1


class _Loader(_Limits, yaml.SafeLoader):
    """PyYAML's own reader, scanner and parser: every problem said where it is (``yamlerrors``)."""


class _FastLoader(_Limits, Composer, CParser, Resolver):
    """The same composing on the events of libyaml's C parser (PyYAML's ``CParser``), about ten
    times faster than PyYAML's parser in Python. Used only where it succeeds: any problem is
    found and said again by ``_Loader``, so the diagnostics stay PyYAML's. Plain scalars come
    with style '' here (None from PyYAML); ``_convert`` reads both as plain.
    ``tests/test_yaml_fast.py`` holds that both give the same data and positions."""

    def __init__(self, text: str) -> None:
        CParser.__init__(self, text)
        Composer.__init__(self)
        Resolver.__init__(self)


def _span(path: str, mark: yaml.Mark | None) -> Span:
    if mark is None:
        return Span(path, 1, 1)
    return Span(path, mark.line + 1, mark.column + 1)


def _too_large(path: str) -> ContentError:
    return ContentError([Diagnostic(
        None, f"filen fylder mere end {MAX_BYTES:_} byte, som er det højeste tilladte"
        .replace("_", "."),
        "en handlingsplan fylder sjældent over 100 kB; er det den rigtige fil?", path=path)])


def read_text(path: str, data: bytes) -> str:
    """Decode a content file, or raise ContentError saying why it cannot be read."""
    if len(data) > MAX_BYTES:
        raise _too_large(path)
    if data.startswith(b"%PDF-"):
        raise ContentError([Diagnostic(
            None, "filen er en PDF; her skal angives indholdsfilen (.yaml), som PDF'en bygges af",
            f"en PDF lavet med planpdf bærer sin kilde: planpdf extract {path} skriver den ud; "
            "planpdf diff og planpdf verify læser PDF'er", path=path)])
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data  # a BOM is not text
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        data = body  # exc.start counts from after the BOM
        before = data[: exc.start].decode("utf-8", errors="replace")
        line = before.count("\n") + 1
        col = len(before) - (before.rfind("\n") + 1) + 1
        raise ContentError([Diagnostic(
            Span(path, line, col), f"filen er ikke gyldig UTF-8 (byte 0x{data[exc.start]:02x})",
            "gem filen med tegnsættet UTF-8")]) from None
    if "\x00" in text:
        raise ContentError([Diagnostic(None, "filen indeholder NUL-tegn; er det en tekstfil?", path=path)])
    return text


def check_text(path: str, text: str) -> None:
    """Refuse text YAML cannot read as the user sees it: over the size limit (text given as text,
    such as a PDF's embedded source, has the same limit as a file), or holding raw control
    characters or line separators. Each such character is an error at its line and column."""
    if len(text) > MAX_BYTES or len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise _too_large(path)
    problems: list[Diagnostic] = []
    found = RAW_FORBIDDEN.finditer(text)
    for count, match in enumerate(found):
        if count == MAX_SHOWN:
            rest = 1 + sum(1 for _ in found)
            problems.append(Diagnostic(
                None, f"filen indeholder {rest + MAX_SHOWN} tegn, som ikke kan stå i en "
                f"tekstfil (de første {MAX_SHOWN} er vist); er det en tekstfil?", path=path))
            break
        offset, char = match.start(), match.group()
        line = text.count("\n", 0, offset) + 1
        col = offset - (text.rfind("\n", 0, offset) + 1) + 1
        problems.append(Diagnostic(Span(path, line, col), *_raw_problem(char)))
    if problems:
        raise ContentError(problems)


def _raw_problem(char: str) -> tuple[str, str]:
    """The message and hint for a character that cannot stand raw in a content file."""
    if char == "\r":
        return (f"tegnet {describe(char)} står uden linjeskift (LF) efter sig; YAML tæller det "
                "som et linjeskift, editoren måske ikke", "gem filen med almindelige linjeskift "
                "(LF, eller CRLF som i Windows)")
    if char in LINE_BREAKS:
        return (f"tegnet {describe(char)} er et usynligt linjeskift, som editoren ikke viser "
                "som et linjeskift", "erstat det med et almindeligt linjeskift eller et mellemrum")
    if is_control(char):
        return (f"tegnet {describe(char)} er et kontroltegn og kan ikke stå i en indholdsfil",
                "fjern det; kontroltegn kommer tit med, når tekst kopieres fra et andet program")
    return (f"tegnet {describe(char)} er ikke et gyldigt tegn i en tekstfil", "fjern det")


def parse(path: str, text: str) -> Source:
    """Parse YAML text into data and a source map; raise ContentError on any YAML problem."""
    check_text(path, text)
    return to_source(path, text, _fast_node(text) or _node(path, text, _Loader))


def _fast_node(text: str) -> yaml.Node | None:
    """The document's node by libyaml, or None: no libyaml, a problem of any kind, or a text
    where libyaml and PyYAML part ways (``tests/test_yaml_fast`` found these): libyaml reads a
    tab inside a plain scalar that PyYAML refuses, skips a BOM inside the text where PyYAML
    counts a character, reads some plain scalars with ``?`` that PyYAML refuses, and places an
    empty value (``navn:``) at the next token where PyYAML places it after the colon. Such
    texts are PyYAML's alone: slower, never different (the sample goes through libyaml)."""
    if CParser is None or "\t" in text or "\ufeff" in text or "?" in text:
        return None
    loader = _FastLoader(text)
    try:
        node: yaml.Node | None = loader.get_single_node()
    except (yaml.YAMLError, _Refused, RecursionError):
        return None
    finally:
        loader.dispose()
    return None if node is None or _has_empty_value(node) else node


def _has_empty_value(node: yaml.Node) -> bool:
    if isinstance(node, yaml.ScalarNode):
        return node.value == "" and not node.style
    if isinstance(node, yaml.SequenceNode):
        return any(_has_empty_value(item) for item in node.value)
    return any(_has_empty_value(k) or _has_empty_value(v) for k, v in node.value)


def _node(path: str, text: str, loader_class: Any) -> yaml.Node | None:
    loader = loader_class(text)
    try:
        node: yaml.Node | None = loader.get_single_node()
    except _Refused as exc:
        raise ContentError([Diagnostic(_span(path, exc.mark), exc.message, exc.hint)]) from None
    except yaml.MarkedYAMLError as exc:
        from .yamlerrors import syntax_error  # only for a problem: ~2 ms of import

        raise ContentError([syntax_error(path, exc, text)]) from None
    except yaml.YAMLError:  # not marked: the reader's problems are refused by check_text first
        raise ContentError([Diagnostic(Span(path, 1, 1), "ugyldig YAML: filen kan ikke læses som YAML",
                                       "tjek, at det er den rigtige fil")]) from None
    except RecursionError:
        raise ContentError([Diagnostic(Span(path, 1, 1), "indholdet er indlejret for dybt")]) from None
    finally:
        loader.dispose()
    return node


def to_source(path: str, text: str, node: yaml.Node | None) -> Source:
    """The data and source map of a composed document."""
    if node is None:
        raise ContentError([Diagnostic(Span(path, 1, 1), "filen er tom",
                                       "start fra content/billund-2010.yaml")])
    smap = SourceMap(path)
    problems: list[Diagnostic] = []
    data = _convert(node, (), smap, problems)
    if problems:
        raise ContentError(problems)
    return Source(data, smap, text)


def _convert(node: yaml.Node, where: Path, smap: SourceMap, problems: list[Diagnostic]) -> Any:
    span = _span(smap.path, node.start_mark)
    smap.values[where] = span
    if node.tag not in _STANDARD_TAGS:
        problems.append(Diagnostic(span, f"YAML-tagget '{node.tag}' understøttes ikke",
                                   "fjern tagget; indholdsfiler er ren tekst"))
        return None
    if isinstance(node, yaml.ScalarNode):
        smap.raw[where] = node.value
        smap.ends[where] = _span(smap.path, node.end_mark)
        text = normalise(node.value)
        style = node.style or None  # plain: None from PyYAML's parser, '' from libyaml's
        if style in (None, ">"):
            text = keep_blank_lines(text)
        if style is None:
            smap.plain.add(where)
            return resolve_plain(text)
        return text
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, (*where, i), smap, problems) for i, item in enumerate(node.value)]
    assert isinstance(node, yaml.MappingNode)
    result: dict[str, Any] = {}
    first_seen: dict[str, Span] = {}
    for key_node, value_node in node.value:
        key_span = _span(smap.path, key_node.start_mark)
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(Diagnostic(key_span, "en nøgle skal være et enkelt ord eller en tekst"))
            continue
        key = normalise(key_node.value)
        if key == "<<":
            problems.append(Diagnostic(key_span, "fletning med << understøttes ikke i indholdsfiler",
                                       "skriv nøglerne ud her"))
            continue
        if key in first_seen:
            problems.append(Diagnostic(
                key_span, f"nøglen '{key}' står to gange i samme afsnit",
                f"den første står i linje {first_seen[key].line}; YAML ville stille og roligt "
                "beholde den sidste og miste den første"))
            continue
        first_seen[key] = key_span
        smap.keys[(*where, key)] = key_span
        result[key] = _convert(value_node, (*where, key), smap, problems)
    return result


def strings(value: Any, where: Path = ()) -> list[tuple[Path, str]]:
    """Every text in loaded data, with its path, in document order (walked without recursion:
    each rule walks the plan again, and a generator per level cost a build ~0.5 ms).

    >>> strings({"a": ["x", 1, {"b": "y"}]})
    [(('a', 0), 'x'), (('a', 2, 'b'), 'y')]
    """
    found: list[tuple[Path, str]] = []
    stack: list[tuple[Path, Any]] = [(where, value)]
    while stack:
        at, item = stack.pop()
        if isinstance(item, str):
            found.append((at, item))
        elif isinstance(item, dict):
            stack.extend(((*at, k), v) for k, v in reversed(item.items()))
        elif isinstance(item, list):
            stack.extend(((*at, i), v) for i, v in reversed(list(enumerate(item))))
    return found


def normalise(text: str) -> str:
    """Text as the font and the fingerprint should see it: Unicode NFC, no soft hyphens.

    Copy and paste (macOS, PDFs) gives decomposed letters such as ``a`` + ring for ``å``; Word
    leaves soft hyphens. Danish hyphenation is automatic, so soft hyphens are dropped.

    >>> normalise("a\u030arhus kriminal\u00adforebyggelse") == "århus kriminalforebyggelse"
    True
    """
    return unicodedata.normalize("NFC", text).replace("\u00ad", "")


def keep_blank_lines(text: str) -> str:
    r"""A folded (``>``) or unquoted text with each blank line between paragraphs kept blank.

    YAML joins the lines of such a text with spaces and turns a blank line into a single line
    break, which would make "a blank line starts a new paragraph" false for them. Here that line
    break becomes a blank line again, as in a ``|`` text. A line break at the end stays as it is,
    and a text without blank lines is unchanged. Quoted texts are left alone: the canonical
    YAML embedded in a PDF writes every multi-line text quoted, so a rebuild reads them back
    exactly.

    >>> keep_blank_lines("Første afsnit fortsætter.\nAndet afsnit.\n")
    'Første afsnit fortsætter.\n\nAndet afsnit.\n'
    >>> keep_blank_lines("Et afsnit.\n\n\nEfter to tomme linjer.")
    'Et afsnit.\n\n\nEfter to tomme linjer.'
    """
    return _LONE_BREAK.sub("\n\n", text)


def resolve_plain(value: str) -> Any:
    """Resolve an unquoted scalar by the small, unsurprising rules described above.

    >>> [resolve_plain(v) for v in ["2010", "010", "17:00", "17.00", "no", "true", "", "1e3"]]
    [2010, '010', '17:00', '17.00', 'no', True, None, '1e3']
    """
    if value in _NULL:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _INT.match(value):
        return int(value)
    return value
