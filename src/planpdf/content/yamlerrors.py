"""PyYAML's problems in Danish, at the place to fix, each with a hint.

PyYAML's own words (``expected <block end>, but found '<block mapping start>'``) never reach
the user. Every problem its scanner, parser and composer can report is recognised here by its
fixed English text and said in Danish at the more useful of its two marks: where a construct
began (an unclosed quote or bracket, a line without a colon) or where it went wrong (a line
indented wrongly). Indentation hints name the key the line should line up with, read from the
lines above, since "wrong indentation" alone does not tell a referent which way to move it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import msgspec
import yaml

from ..errors import Diagnostic, Span

# `  - navn: Anne`: indentation, list dashes, the key, then a colon and a space or the line end
_KEY_LINE = re.compile(r"(?P<indent> *)(?P<dashes>(?:- +)*)"
                       r"(?P<key>[^\s#:'\"\[\]{},&*!|>%@`?-][^:#]*?) *:(?: |\t|\r?$)")
_DASH_LINE = re.compile(r"(?P<indent> *)- ")
_WORD_KEY = re.compile(r"(?P<indent> *)(?P<dashes>(?:- +)*)(?P<key>[^\s:#'\"]+) *")
_QUOTED_CHAR = re.compile(r"found (?:character )?'(.+?)'")


class _Said(msgspec.Struct, frozen=True):
    """A problem said in Danish: where (0-based line and column), what, and how to fix it."""

    line: int
    col: int
    message: str
    hint: str | None


def syntax_error(path: str, exc: yaml.MarkedYAMLError, text: str) -> Diagnostic:
    """One Danish diagnostic for a PyYAML problem, at the most useful place."""
    lines = text.split("\n")
    said = _explain(exc, [*lines, ""])  # PyYAML's last mark may stand just after the last line
    return Diagnostic(Span(path, said.line + 1, said.col + 1), f"ugyldig YAML: {said.message}",
                      said.hint)


def _explain(exc: yaml.MarkedYAMLError, lines: list[str]) -> _Said:
    context, problem = exc.context or "", exc.problem or ""
    mark = exc.problem_mark or exc.context_mark
    at = (mark.line, mark.column) if mark else (0, 0)
    began = (exc.context_mark.line, exc.context_mark.column) if exc.context_mark else at
    for test, explain in _RULES:
        if test(context, problem):
            return explain(exc, lines, at, began)
    return _Said(*at, "her er noget, YAML ikke kan læse",
                 "tjek indrykningen, kolon og anførselstegn på linjen og linjen over")


Where = tuple[int, int]
Explain = Callable[[yaml.MarkedYAMLError, list[str], Where, Where], _Said]


def _tab(exc: yaml.MarkedYAMLError, lines: list[str], at: Where, began: Where) -> _Said:
    return _Said(*at, "et tabulatortegn, hvor YAML ikke tillader det",
                 "brug mellemrum til indrykning, ikke tabulatortegn")


def _mapping_value(exc: yaml.MarkedYAMLError, lines: list[str], at: Where,
                   began: Where) -> _Said:
    """`: ` where YAML does not expect a key: a key indented into the text above it (the text
    would swallow it, "Ken Engedal titel: …"), a line above without its colon, or a colon inside
    a text."""
    line, col = at
    word = _WORD_KEY.fullmatch(lines[line][:col])
    if word is None:
        return _Said(line, col, "et kolon efterfulgt af mellemrum midt i en tekst",
                     "sæt hele teksten i anførselstegn")
    key, key_col = word["key"], len(word["indent"]) + len(word["dashes"])
    first_text: tuple[int, int, str] | None = None  # the topmost text line between key and here
    for above in range(line - 1, -1, -1):
        text = lines[above].rstrip("\r")
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        found = _KEY_LINE.match(text)
        if found is None:
            dashes = _WORD_KEY.match(text)
            indent = len(dashes["indent"]) + len(dashes["dashes"]) if dashes else 0
            first_text = (above, indent, text.strip())
            continue
        parent_col = len(found["indent"]) + len(found["dashes"])
        has_value = text[found.end():].strip()[:1] not in ("", "#")
        if first_text is not None and not has_value and first_text[1] == key_col:
            break  # the text stands where a key belongs: its line lacks the colon
        if parent_col < key_col:
            return _Said(line, key_col, f"'{key}:' er rykket længere ind end '{found['key']}:' "
                         f"i linje {above + 1}, så YAML læser linjen som en del af teksten "
                         "ovenover", _move(key, key_col, parent_col, found["key"], above))
        first_text = None
        break
    if first_text is not None and first_text[1] == key_col:
        shown = first_text[2] if len(first_text[2]) <= 40 else first_text[2][:39] + "…"
        return _Said(first_text[0], key_col, f"linjen '{shown}' har intet kolon, så YAML læser "
                     f"den og linjerne under som én tekst, også '{key}:'",
                     "er det en nøgle, så skriv kolon efter den (fx 'navn: Anne Andersen'); hører "
                     f"'{key}:' til teksten, så sæt hele teksten i anførselstegn")
    return _Said(line, col, "et kolon efterfulgt af mellemrum, hvor YAML ikke venter en nøgle",
                 "tjek indrykningen af linjen og linjen over; er det tekst, så sæt den i "
                 "anførselstegn")


def _no_colon(exc: yaml.MarkedYAMLError, lines: list[str], at: Where, began: Where) -> _Said:
    text = lines[began[0]].strip()
    shown = text if len(text) <= 40 else text[:39] + "…"
    return _Said(*began, f"linjen '{shown}' står, hvor der skal stå en nøgle ('nøgle: værdi'), "
                 "men har intet kolon",
                 "er det en nøgle, så skriv kolon efter den; hører linjen til teksten ovenover, "
                 "så ryk den ind som resten af teksten")


def _block_end(exc: yaml.MarkedYAMLError, lines: list[str], at: Where, began: Where) -> _Said:
    """Something where a block (mapping or list) should have ended: text after a closing quote,
    or a line indented to none of the levels above it."""
    line, col = at
    before = lines[line][:col].rstrip()
    if before.endswith(("\"", "'")) and before.lstrip(" -").count(before[-1]) >= 2:
        return _Said(line, col, "der står mere tekst efter det afsluttende anførselstegn",
                     "sæt anførselstegnene om hele teksten, eller skriv teksten uden")
    return _Said(line, col, "indrykningen passer ikke med linjerne over",
                 _alignment_hint(lines, line, col))


def _document_start(exc: yaml.MarkedYAMLError, lines: list[str], at: Where,
                    began: Where) -> _Said:
    """More after the document's end: a `...` line, a `%` directive, or a first line indented."""
    for above in range(at[0] - 1, -1, -1):
        stripped = lines[above].strip()
        if stripped == "...":
            return _Said(above, 0, "linjen '...' afslutter YAML-dokumentet, men der står mere "
                         "efter den", "fjern linjen '...'")
        if lines[above].startswith("%"):
            return _directive(exc, lines, (above, 0), (above, 0))
    return _Said(*at, "indrykningen passer ikke: linjen står længere ude end linjerne over",
                 "de øverste nøgler (år, råd, medlemmer …) skal stå helt ude til venstre, "
                 "uden mellemrum foran")


def _directive(exc: yaml.MarkedYAMLError, lines: list[str], at: Where, began: Where) -> _Said:
    line = began[0] if exc.context_mark is not None else at[0]
    return _Said(line, 0, "linjer, der begynder med %, er YAML-direktiver, som en indholdsfil "
                 "ikke bruger", "fjern linjen; er det tekst, så ryk den ind under sin nøgle, "
                 "eller sæt den i anførselstegn")


def _bad_start(exc: yaml.MarkedYAMLError, lines: list[str], at: Where, began: Where) -> _Said:
    """A character that cannot begin a plain text: @, `, ], }, %, or a lone | or >."""
    found = _QUOTED_CHAR.search(exc.problem or "")
    char = found.group(1) if found else lines[at[0]][at[1]:at[1] + 1]
    return _Said(*at, f"en tekst kan ikke begynde med '{char}'",
                 f"sæt teksten i anførselstegn, fx \"{char}tekst\"")


def _anchor_or_alias(exc: yaml.MarkedYAMLError, lines: list[str], at: Where,
                     began: Where) -> _Said:
    char = lines[began[0]][began[1]:began[1] + 1] or "*"
    return _Said(*began, f"en tekst kan ikke begynde med '{char}'",
                 f"sæt teksten i anførselstegn, fx \"{char}vigtigt{char}\"; ankre og aliaser "
                 "(&navn, *navn) understøttes ikke")


def _alias_refused(exc: yaml.MarkedYAMLError, lines: list[str], at: Where,
                   began: Where) -> _Said:
    return _Said(*at, "ankre og aliaser (&navn, *navn) understøttes ikke i indholdsfiler",
                 "skriv teksten ud hvert sted, den skal stå")


def _tag(exc: yaml.MarkedYAMLError, lines: list[str], at: Where, began: Where) -> _Said:
    return _Said(*began, "en tekst kan ikke begynde med '!'",
                 "sæt teksten i anførselstegn; YAML-tags (!tag) understøttes ikke")


def _unclosed_quote(exc: yaml.MarkedYAMLError, lines: list[str], at: Where,
                    began: Where) -> _Said:
    return _Said(*began, "en tekst i anførselstegn bliver aldrig afsluttet",
                 "tilføj det afsluttende anførselstegn")


def _escape(exc: yaml.MarkedYAMLError, lines: list[str], at: Where, began: Where) -> _Said:
    line, col = at
    slash = lines[line].rfind("\\", 0, col + 1)
    return _Said(line, slash if slash >= 0 else col,
                 "en omvendt skråstreg (\\) i en tekst i dobbelte anførselstegn skal følges af en "
                 "gyldig escape-kode", "skriv \\\\ for én skråstreg, eller brug enkelte "
                 "anførselstegn: 'C:\\mappe'")


def _block_scalar(exc: yaml.MarkedYAMLError, lines: list[str], at: Where,
                  began: Where) -> _Said:
    if "line break" in (exc.problem or ""):
        return _Said(*at, "efter '|' eller '>' skal teksten begynde på næste linje",
                     "flyt teksten ned på linjerne under, rykket ind")
    return _Said(*at, "efter '|' eller '>' må kun stå '-', '+' eller et ciffer fra 1 til 9",
                 "skriv '|' eller '>' alene, og teksten på linjerne under, rykket ind")


def _flow(exc: yaml.MarkedYAMLError, lines: list[str], at: Where, began: Where) -> _Said:
    """A list in [ ] or keys in { } on one line: a missing comma, or a bracket never closed."""
    square = "]" in (exc.problem or "")
    what, close = ("en liste i [ ]", "]") if square else ("en samling i { }", "}")
    if at[0] == began[0]:
        return _Said(*at, f"punkterne i {what} skal adskilles med komma",
                     "sæt et punkt, der selv indeholder komma, kolon eller anførselstegn, i "
                     "anførselstegn")
    return _Said(*began, f"{what} bliver ikke lukket med '{close}'",
                 f"tilføj '{close}' efter det sidste punkt")


def _node_content(exc: yaml.MarkedYAMLError, lines: list[str], at: Where,
                  began: Where) -> _Said:
    found = _QUOTED_CHAR.search(exc.problem or "")
    char = found.group(1) if found else ""
    if char == ",":
        return _Said(*at, "et tomt punkt i listen (to kommaer efter hinanden)",
                     "fjern det ekstra komma")
    if char == ":":
        return _Said(*at, "der mangler en nøgle før kolon",
                     "skriv nøglen før kolon, eller sæt teksten i anførselstegn")
    if char.startswith("<"):
        return _Said(*at, "her mangler en værdi", "skriv værdien efter kolon, eller fjern linjen")
    return _Said(*at, f"en tekst kan ikke begynde med '{char}'",
                 f"sæt teksten i anførselstegn, fx \"{char}tekst\"")


def _sequence_entry(exc: yaml.MarkedYAMLError, lines: list[str], at: Where,
                    began: Where) -> _Said:
    return _Said(*at, "en liste ('- ') kan ikke begynde på samme linje som nøglen",
                 "skriv hvert punkt på sin egen linje under nøglen, rykket ind ('  - punkt'); er "
                 "det tekst, så sæt den i anførselstegn")


def _mapping_key(exc: yaml.MarkedYAMLError, lines: list[str], at: Where,
                 began: Where) -> _Said:
    return _Said(*at, "en tekst kan ikke begynde med '? '",
                 "sæt teksten i anførselstegn, fx \"? spørgsmål\"")


def _two_documents(exc: yaml.MarkedYAMLError, lines: list[str], at: Where,
                   began: Where) -> _Said:
    return _Said(*at, "filen indeholder mere end ét YAML-dokument ('---')", "fjern linjen '---'")


def _has(context: str = "", *problems: str) -> Callable[[str, str], bool]:
    return lambda c, p: context in c and any(x in p for x in problems or ("",))


# (test on PyYAML's context and problem, explanation), first match wins
_RULES: list[tuple[Callable[[str, str], bool], Explain]] = [
    (lambda c, p: "'\\t'" in p or "\t" in p, _tab),
    (_has("", "mapping values are not allowed here"), _mapping_value),
    (_has("simple key", "could not find expected ':'"), _no_colon),
    (_has("", "expected <block end>"), _block_end),
    (_has("", "expected '<document start>'"), _document_start),
    (_has("directive"), _directive),
    (_has("", "YAML directive", "incompatible YAML document", "duplicate tag handle"), _directive),
    (_has("", "cannot start any token"), _bad_start),
    (_has("anchor"), _anchor_or_alias),
    (_has("alias"), _anchor_or_alias),
    (_has("", "undefined alias", "duplicate anchor"), _alias_refused),
    (_has("tag"), _tag),
    (_has("", "tag handle", "URI"), _tag),
    (_has("quoted scalar", "escape"), _escape),
    (_has("quoted scalar"), _unclosed_quote),
    (_has("block scalar"), _block_scalar),
    (_has("flow", "expected ',' or"), _flow),
    (_has("", "expected the node content"), _node_content),
    (_has("", "sequence entries are not allowed here"), _sequence_entry),
    (_has("", "mapping keys are not allowed here"), _mapping_key),
    (_has("single document", "another document"), _two_documents),
]


# -- indentation hints ---------------------------------------------------------------------

def _move(name: str, col: int, target: int, key: str, line: int) -> str:
    """'ryk 'titel' 1 mellemrum ud, så den flugter med 'navn' i linje 6'."""
    steps, way = abs(target - col), "ind" if target > col else "ud"
    return (f"ryk '{name}' {steps} mellemrum {way}, så den flugter med '{key}' i linje "
            f"{line + 1}")


def _alignment_hint(lines: list[str], line: int, col: int) -> str:
    """Which level open above the misplaced line probably wants it: the nearest one."""
    text = lines[line].rstrip("\r")
    dash = _DASH_LINE.match(text)
    key = _KEY_LINE.match(text)
    if key is None and dash is None:
        return ("hører linjen til teksten ovenover, så ryk den ind som resten af teksten; ellers "
                "skal den flugte med en af nøglerne over den")
    levels: list[tuple[int, str, int]] = []  # (column, key or '-', line), innermost first
    innermost = len(text) + 1
    for above in range(line - 1, -1, -1):
        other = lines[above].rstrip("\r")
        if not other.strip() or other.lstrip().startswith("#"):
            continue
        if dash is not None:
            found_dash = _DASH_LINE.match(other)
            column = len(found_dash["indent"]) if found_dash else None
            name = "-"
        else:
            found = _KEY_LINE.match(other)
            column = len(found["indent"]) + len(found["dashes"]) if found else None
            name = found["key"] if found else ""
        if column is not None and column < innermost:
            levels.append((column, name, above))
            innermost = column
        if not other.startswith(" "):
            break
    if not levels and dash is not None:
        return "en liste ('- ') skal stå på linjerne under den nøgle, den hører til"
    if not levels:
        return "nøgler i samme afsnit skal stå præcis lige under hinanden"
    target = min(levels, key=lambda x: abs(x[0] - col))  # ties: the innermost (first) one
    if target[0] == col:
        return "nøgler i samme afsnit skal stå præcis lige under hinanden"
    return _move("-" if dash is not None else key["key"] if key else "linjen", col, target[0],
                 target[1], target[2])
