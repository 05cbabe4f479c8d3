"""The content rules a JSON Schema cannot express, and how a text is divided into paragraphs.

In: the typed data (valid or not) and its ``Source``. Out: ``errors`` (the content cannot be
used as written) and ``warnings`` (it can, but probably does not say what the writer meant),
each at the user's line and column. Every rule copes with data of the wrong shape, so its
problems are reported together with the schema's, all at once.

Errors: control characters written as escapes (``"a\\0b"``), texts over the limits below, a
table wider than the page can take, a conference that ends before it starts, and ``{dato}``
without a date or in the wrong case. Warnings: a ``#`` that silently cut a text short, a line
inside a text that looks like a key indented too far, a blank line inside quotes (no new
paragraph there), ``{dato}`` where it is not replaced, and an edition date from another year
than the plan's.

The limits keep every valid file quick to lay out. ReportLab's line breaking costs about the
square of a paragraph's length, and far more for one long word, which it hyphenates letter by
letter; every text costs a little on its own, and a table about its rows times its pages.
``tests/worst_case.py`` builds the slowest valid files these limits allow (1 MB); a referent's
plan is far inside them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from functools import cache, lru_cache
from typing import Any

from ..errors import Diagnostic, Span
from . import rules2
from .controls import TEXT_FORBIDDEN, describe
from .source import Path, Source, strings
from .validate import SCHEMA_FILES, schema, version_of

MAX_SHORT = 300  # a heading, title, name or other one-line text
MAX_PARAGRAPH = 20_000
MAX_CELL = 2_000
MAX_WORD = 100  # characters without a space: long URLs, pasted garbage
MAX_COLUMNS = 12
MAX_TEXTS = 5_000  # paragraphs, items, headings, table cells, names …: each is laid out alone

# keys whose value is running text (one string, or a list of paragraphs, lists and tables)
TEXT_KEYS = frozenset({"formål", "sammensætning", "arbejdsform", "afslutning", "indledning",
                       "bemærkning", "tekst", "sætning", "billedtekst", "alt"})
# keys whose value is a code, a date or a time, not words for the PDF
CODE_KEYS = frozenset({"id", "dato", "status", "rolle", "start", "slut", "fil"})
# an initiative's fields (format 2), which stand in a table's cells
INITIATIVE_KEYS = frozenset({"mål", "ansvarlig", "partnere", "status", "frist"})
_TIME = re.compile(r"([01][0-9]|2[0-3])[.:]([0-5][0-9])\Z")
_DATO = re.compile(r"\{\s*dato\s*\}", re.IGNORECASE)
_LONG_WORD = re.compile(rf"\S{{{MAX_WORD + 1},}}")
_COMMENT_AFTER = re.compile(r"[ \t]+#\S")
_BLANK_LINE = re.compile(r"\n\s*\n")
_SPACES = re.compile(r"[ \t\r\n]+")
# YAML double-quoted escapes and what they stand for (PyYAML's table)
_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)", re.DOTALL)
_ESCAPES = {"0": "\0", "a": "\x07", "b": "\x08", "t": "\t", "\t": "\t", "n": "\n", "v": "\x0b",
            "f": "\x0c", "r": "\r", "e": "\x1b", "N": "\x85"}


def split_paragraphs(text: str) -> list[str]:
    """Split on blank lines; lines inside a paragraph are joined by one space.

    >>> split_paragraphs("Første linje\\nfortsætter.\\n\\n  Andet afsnit. ")
    ['Første linje fortsætter.', 'Andet afsnit.']
    """
    return [join_lines(p) for p in _BLANK_LINE.split(text) if p.strip()]


def join_lines(text: str) -> str:
    """Fold line breaks and runs of spaces; keep non-breaking spaces the user typed."""
    return _SPACES.sub(" ", text).strip(" ")


def errors(data: Any, source: Source) -> list[Diagnostic]:
    """Every rule broken in ``data``; the content cannot be built while there are any."""
    problems: list[Diagnostic] = []
    for where, text in strings(data):
        problems += _controls(source, where, text)
        problems += _lengths(source, where, text)
    problems += _tables(data, source)
    problems += _text_count(data, source)
    problems += _conference_times(data, source)
    problems += _placeholders(data, source)
    if version_of(data) == 2:
        problems += rules2.errors(data, source)
    return problems


def warnings(data: Any, source: Source) -> list[Diagnostic]:
    """What is probably not what the writer meant; the content can still be built."""
    found: list[Diagnostic] = []
    for where, _text in strings(data):
        if _kind(where) != "code":
            found += _comment_after_text(source, where)
            found += _key_inside_text(source, where)
        if _kind(where) == "paragraph":
            found += _blank_line_in_quotes(source, where, _text)
    found += _placeholders_elsewhere(data, source)
    found += _edition_year(data, source)
    return found


# -- where a text stands --------------------------------------------------------------------

@lru_cache(maxsize=8192)  # asked again for each text by each rule: the errors, the warnings …
def _kind(where: Path) -> str:
    """'cell', 'paragraph', 'code' or 'short', from the keys on the way to a text."""
    keys = [k for k in where if isinstance(k, str)]
    if "initiativer" in keys and keys[-1] in INITIATIVE_KEYS:
        return "cell"
    if keys and keys[-1] == "rolle" and where[:1] == ("indhold",):
        return "short"  # format 2: a role is the plan's own word
    if keys and keys[-1] in CODE_KEYS:  # a project item's `dato` too, though under `punkter`
        return "code"
    if "tabel" in keys:
        return "cell"
    if any(k in TEXT_KEYS or k == "punkter" for k in keys):
        return "paragraph"
    return "short"


def _find(source: Source, where: Path, needle: str) -> Span:
    """Where ``needle`` first stands inside the text at ``where``, or where the text begins."""
    span = source.map.at(where)
    end = source.map.ends.get(where, span)
    lines = source.lines
    for number in range(span.line - 1, min(end.line, len(lines))):
        start = span.col - 1 if number == span.line - 1 else 0
        stop = end.col - 1 if number == end.line - 1 else len(lines[number])
        col = lines[number].find(needle, start, stop) if needle else -1
        if col >= 0:
            return Span(span.path, number + 1, col + 1)
    return span


def _paragraphs(where: Path, text: str) -> list[str]:
    """The paragraphs a text becomes: a list item (under `punkter`) is one, blank lines or not."""
    return [join_lines(text)] if "punkter" in where else split_paragraphs(text)


def _number(n: int) -> str:
    """20.000: thousands with a dot, as Danish writes them."""
    return f"{n:_}".replace("_", ".")


def _get(data: Any, *keys: str) -> Any:
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data


# -- errors --------------------------------------------------------------------------------

def _controls(source: Source, where: Path, text: str) -> list[Diagnostic]:
    problems = []
    for char in dict.fromkeys(TEXT_FORBIDDEN.findall(text)):
        written = _escape_of(source, where, char)
        problems.append(Diagnostic(
            _find(source, where, written) if written else source.map.at(where),
            f"teksten indeholder kontroltegnet {describe(char)}"
            + (f", skrevet som {written}" if written else ""),
            "fjern det; et kontroltegn kan ikke vises i PDF'en"))
    return problems


def _escape_of(source: Source, where: Path, char: str) -> str | None:
    """How ``char`` is written in the quoted text at ``where`` (``\\0``, ``\\x07``), if found."""
    raw = _scalar_text(source, where)
    for match in _ESCAPE.finditer(raw):
        code = match.group(1)
        value = chr(int(code[1:], 16)) if len(code) > 1 else _ESCAPES.get(code)
        if value == char:
            return match.group()
    return None


def _scalar_text(source: Source, where: Path) -> str:
    """The text of the scalar at ``where`` as written in the file, quotes and escapes and all."""
    span, end = source.map.at(where), source.map.ends.get(where)
    if end is None:
        return ""
    lines = source.lines[span.line - 1:end.line]
    if not lines:
        return ""
    if len(lines) == 1:
        return lines[0][span.col - 1:end.col - 1]
    return "\n".join([lines[0][span.col - 1:], *lines[1:-1], lines[-1][:end.col - 1]])


def _lengths(source: Source, where: Path, text: str) -> list[Diagnostic]:
    kind = _kind(where)
    problems = []
    if kind == "paragraph":
        for paragraph in _paragraphs(where, text):
            if len(paragraph) > MAX_PARAGRAPH:
                problems.append(Diagnostic(
                    _find(source, where, paragraph[:20]),
                    f"afsnittet er {_number(len(paragraph))} tegn langt; et afsnit må højst være "
                    f"{_number(MAX_PARAGRAPH)} tegn", "del det i flere afsnit med en tom linje "
                    "imellem"))
    elif kind == "cell" and len(text) > MAX_CELL:
        problems.append(Diagnostic(
            source.map.at(where), f"teksten er {_number(len(text))} tegn lang; en celle i en "
            f"tabel må højst være {_number(MAX_CELL)} tegn",
            "del teksten på flere rækker, eller skriv den som et afsnit under tabellen"))
    elif kind == "short" and len(text) > MAX_SHORT:
        what = ("en overskrift eller titel" if where[-1] in ("overskrift", "titel")
                else "et navn eller en anden kort tekst")
        problems.append(Diagnostic(
            source.map.at(where), f"teksten er {_number(len(text))} tegn lang; {what} må højst "
            f"være {_number(MAX_SHORT)} tegn",
            "skriv den kortere; en længere tekst hører til i et afsnit"))
    long_word = _LONG_WORD.search(text)
    if long_word is not None and kind != "code":
        word = long_word.group()
        problems.append(Diagnostic(
            _find(source, where, word[:20]),
            f"'{word[:30]}…' er {_number(len(word))} tegn uden mellemrum; et ord må højst være "
            f"{MAX_WORD} tegn", "del det med mellemrum; en lang webadresse kan ofte forkortes"))
    return problems


def _tables(data: Any, source: Source) -> list[Diagnostic]:
    problems = []
    for where, table in _walk_tables(data):
        columns, rows = table.get("kolonner"), table.get("rækker")
        if isinstance(columns, list) and len(columns) > MAX_COLUMNS:
            problems.append(_too_wide(source, (*where, "kolonner"), len(columns)))
        if isinstance(rows, list):
            for r, row in enumerate(rows):
                if isinstance(row, list) and len(row) > MAX_COLUMNS:
                    problems.append(_too_wide(source, (*where, "rækker", r), len(row)))
    return problems


def _too_wide(source: Source, where: Path, count: int) -> Diagnostic:
    return Diagnostic(source.map.at(where), f"rækken har {count} kolonner; en tabel må højst have "
                      f"{MAX_COLUMNS}, ellers bliver kolonnerne for smalle til teksten",
                      "del tabellen i flere tabeller, eller saml nogle af kolonnerne")


def _walk_tables(value: Any, where: Path = ()) -> Iterator[tuple[Path, dict[str, Any]]]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "tabel" and isinstance(item, dict):
                yield (*where, key), item
            else:
                yield from _walk_tables(item, (*where, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk_tables(item, (*where, index))


def _text_count(data: Any, source: Source) -> list[Diagnostic]:
    """Every text is laid out on its own, so their number is limited too (a 1 MB file of
    one-letter table cells would otherwise take minutes); reported where the limit is passed."""
    count = 0
    for where, text in strings(data):
        count += max(1, len(_paragraphs(where, text))) if _kind(where) == "paragraph" else 1
        if count > MAX_TEXTS:
            total = sum(1 for _ in strings(data))
            return [Diagnostic(source.map.at(where),
                               f"planen har over {_number(MAX_TEXTS)} tekster (afsnit, punkter, "
                               f"overskrifter, tabelceller, navne …; i alt {_number(total)} "
                               "værdier); her passeres grænsen",
                               "en handlingsplan har sjældent over 1.000; er det den rigtige fil?")]
    return []


def _conference_times(data: Any, source: Source) -> list[Diagnostic]:
    """A conference (format 1) or an event (format 2) must end after it starts."""
    found: list[tuple[Path, Any, str]] = [
        (("lokalråd_plus", "konference"), _get(data, "lokalråd_plus", "konference"), "konferencen")]
    found += [(where, event, "arrangementet") for where, event in _keyed(data, "arrangement")]
    problems = []
    for where, event, what in found:
        start, end = _get(event, "start"), _get(event, "slut")
        if not (isinstance(start, str) and isinstance(end, str)):
            continue
        a, b = _TIME.match(start), _TIME.match(end)
        if a is None or b is None or (int(a[1]), int(a[2])) < (int(b[1]), int(b[2])):
            continue
        problems.append(Diagnostic(source.map.at((*where, "slut")),
                                   f"{what} slutter kl. {end}, men starter først kl. {start}",
                                   "sluttidspunktet skal ligge efter starttidspunktet; er de "
                                   "byttet om?"))
    return problems


def _keyed(value: Any, name: str, where: Path = ()) -> Iterator[tuple[Path, Any]]:
    """Every value under the key ``name``, anywhere in the data."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == name:
                yield (*where, key), item
            else:
                yield from _keyed(item, name, (*where, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _keyed(item, name, (*where, index))


def _project_items(data: Any) -> Iterator[tuple[Path, dict[str, Any]]]:
    """Every project's items: under ``forebyggelse`` (format 1), in ``projekter`` blocks (2)."""
    for where, projects in _keyed(data, "projekter"):
        for pi, project in enumerate(projects if isinstance(projects, list) else []):
            items = project.get("punkter", []) if isinstance(project, dict) else []
            for ii, item in enumerate(items if isinstance(items, list) else []):
                if isinstance(item, dict):
                    yield (*where, pi, "punkter", ii), item


def _placeholders(data: Any, source: Source) -> list[Diagnostic]:
    """``{dato}`` in a project item needs a ``dato``, and is replaced only as ``{dato}``."""
    problems = []
    for where, item in _project_items(data):
        text = item.get("tekst")
        if not isinstance(text, str):
            continue
        tw = (*where, "tekst")
        if "{dato}" in text and "dato" not in item:
            problems.append(Diagnostic(
                source.map.at(tw), "teksten bruger {dato}, men punktet har ingen dato",
                "tilføj 'dato: 2010-03-18' til punktet, eller fjern {dato}"))
        for written in dict.fromkeys(m.group() for m in _DATO.finditer(text)):
            if written != "{dato}":
                problems.append(Diagnostic(
                    _find(source, tw, written), f"'{written}' bliver ikke erstattet af datoen; "
                    "det skrives {dato}", "skriv {dato} med små bogstaver og uden mellemrum"))
    return problems


# -- warnings ------------------------------------------------------------------------------

def _warning(span: Span, message: str, hint: str) -> Diagnostic:
    return Diagnostic(span, message, hint, severity="warning")


def _comment_after_text(source: Source, where: Path) -> list[Diagnostic]:
    """`journal nr. #2010-123`: in a text without quotes, ` #` starts a comment, so the rest of
    the line silently drops out of the PDF."""
    end = source.map.ends.get(where)
    if where not in source.map.plain or end is None:
        return []
    line = source.lines[end.line - 1].rstrip("\r")
    after = _COMMENT_AFTER.match(line, end.col - 1)
    if after is None:
        return []
    cut = line[after.end() - 2:].strip()
    shown = cut if len(cut) <= 30 else cut[:29] + "…"
    return [_warning(Span(end.path, end.line, after.end() - 1),
                     f"'#' efter et mellemrum starter en kommentar, så '{shown}' kommer ikke med "
                     "i PDF'en", "hører det med til teksten, så sæt hele teksten i anførselstegn")]


@cache
def _all_keys() -> frozenset[str]:
    keys: set[str] = set()

    def collect(node: Any) -> None:
        if isinstance(node, dict):
            keys.update(node.get("properties", {}))
            for value in node.values():
                collect(value)
        elif isinstance(node, list):
            for value in node:
                collect(value)

    for version in SCHEMA_FILES:
        collect(schema(version))
    return frozenset(keys)


def _key_inside_text(source: Source, where: Path) -> list[Diagnostic]:
    """A line of a quoted or block text that begins like a key (`titel: …`): usually a key
    indented too far, swallowed by the text above it."""
    span, end = source.map.at(where), source.map.ends.get(where)
    if where in source.map.plain or end is None or end.line <= span.line:
        return []
    lines = source.lines
    last = end.line if end.col > 1 else end.line - 1  # a block text ends at the next key's line
    for number in range(span.line, min(last, len(lines))):
        found = re.match(r"\s*(\S+?):(?:\s|$)", lines[number])
        if found is not None and found.group(1) in _all_keys():
            key = found.group(1)
            return [_warning(Span(span.path, number + 1, found.start(1) + 1),
                             f"linjen '{key}: …' står inde i teksten ovenover; er '{key}' en "
                             "nøgle, der er rykket for langt ind?",
                             f"ryk '{key}' ud, så den flugter med nøglerne over teksten; hører "
                             "linjen til teksten, kan du se bort fra dette")]
    return []


def _blank_line_in_quotes(source: Source, where: Path, text: str) -> list[Diagnostic]:
    """In a quoted text YAML turns one blank line into a line break, which cannot be told from a
    line break written on purpose, so it does not start a paragraph as it does elsewhere."""
    raw = _scalar_text(source, where)
    if raw[:1] not in ("'", '"') or re.search(r"[^\n]\n[^\n]", text) is None:
        return []
    blank = re.search(r"\n[ \t]*\n", raw)
    if blank is None:
        return []
    line = source.map.at(where).line + raw.count("\n", 0, blank.start()) + 1
    return [_warning(Span(source.map.path, line, 1),
                     "en tom linje i en tekst i anførselstegn starter ikke et nyt afsnit (YAML gør "
                     "den til et linjeskift)", "skriv teksten uden anførselstegn eller med | eller "
                     ">, eller brug to tomme linjer")]


def _placeholders_elsewhere(data: Any, source: Source) -> list[Diagnostic]:
    items = {(*where, "tekst") for where, _item in _project_items(data)}
    where_replaced = ("projekternes punkter" if version_of(data) == 2
                      else "punkter under forebyggelse")
    found = []
    for where, text in strings(data):
        if where in items:
            continue
        match = _DATO.search(text)
        if match is not None:
            found.append(_warning(
                _find(source, where, match.group()),
                f"'{match.group()}' erstattes kun i {where_replaced}; her står det i "
                "PDF'en, som det er skrevet", "skriv datoen ud, fx 18. marts 2010"))
    return found


def _edition_year(data: Any, source: Source) -> list[Diagnostic]:
    """A plan's own date from another year: usually last year's, left over from `new`.

    A date in the autumn before the plan's year is normal (next year's plan is written then).
    """
    year, written = _get(data, "år"), _get(data, "dato")
    if not isinstance(year, int) or isinstance(year, bool) or not isinstance(written, str):
        return []
    try:
        when = date.fromisoformat(written)
    except ValueError:
        return []  # the schema reports it
    if when.year == year or (when.year == year - 1 and when.month >= 9):
        return []
    return [_warning(source.map.at(("dato",)),
                     f"udgavens dato {written} er fra {when.year}, men planen gælder for {year}",
                     f"ret 'dato', eller fjern den (så bruges 1. januar {year})")]
