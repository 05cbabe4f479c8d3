"""The rules of format 2 that its schema cannot express, each at the user's line and column.

In: the typed data (valid or not) and its ``Source``. Out: errors: a focus area's status outside
its group's vocabulary, meetings without a number or a sentence, column widths that do not match
the columns, a table cell too tall for a page, an image that is missing, a web address, not a
PNG or JPEG, or too large, and the same ``id`` on two blocks (``diff`` tells blocks apart by it).
Like ``rules``, every rule copes with data of the wrong shape.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from pathlib import Path as FsPath
from typing import Any

from ..errors import ContentError, Diagnostic, Span
from ..files import read_bytes
from .source import Path, Source

STATUSES = ("lokal_plan", "central_plan", "kontaktperson", "ingen_plan")
MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_IMAGE_PIXELS = 25_000_000  # 5000 × 5000: more only slows the build, the page cannot show it
# The page, as layout/styles.py lays it out (A4, 25 mm margins: a 160 × 245 mm frame); a cell's
# text is 9.5 pt on 12 pt lines with 4 pt padding at each side, and a letter about 0.5 em wide.
FRAME_WIDTH_PT = 160 / 25.4 * 72
FRAME_HEIGHT_PT = 245 / 25.4 * 72
CELL_LEADING, CELL_PADDING, LETTER_WIDTH = 12.0, 8.0, 0.5 * 9.5
_PNG, _JPEG = b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff"


KINDS = ("afsnit", "tekst", "punkter", "tabel", "medlemmer", "møder", "arrangement",
         "fokusområder", "initiativer", "projekter", "kontaktpersoner", "billede", "bilag",
         "sideskift")


def kind_of(block: Any) -> str | None:
    """The kind of a block (its kind key), or None for something that is not a block."""
    if isinstance(block, dict):
        return next((k for k in KINDS if k in block), None)
    return None


def errors(data: Any, source: Source) -> list[Diagnostic]:
    """Every format 2 rule broken in ``data``."""
    problems: list[Diagnostic] = []
    for where, kind, block in _blocks(data.get("indhold") if isinstance(data, dict) else None):
        if kind == "fokusområder":
            problems += _statuses(source, where, block)
        elif kind == "møder":
            problems += _meetings(source, where, block)
        elif kind == "tabel":
            problems += _table(source, where, block)
    problems += _ids(data, source)
    return problems


def images(data: Any, source: Source, given: Mapping[str, bytes] | None
           ) -> tuple[dict[str, bytes], list[Diagnostic]]:
    """Every image the plan shows, by its name as written, and the problems with them.

    ``given`` None: the files beside the content file (and nowhere else). Else the images that
    came with the content (a PDF's embedded source): no file is read from disk then.
    """
    found: dict[str, bytes] = {}
    problems: list[Diagnostic] = []
    places: list[tuple[Path, Any]] = [(("forside", "billede"), _get(data, "forside", "billede")),
                                      (("logo",), _get(data, "logo"))]
    places += [((*where, "billede"), block.get("billede"))
               for where, kind, block in _blocks(_get(data, "indhold")) if kind == "billede"]
    for where, image in places:
        written = image.get("fil") if isinstance(image, dict) else None
        if not isinstance(written, str) or not written.strip():
            continue
        span = source.map.at((*where, "fil"))
        name = written.strip()
        said = _image_name(span, name)
        if said:
            data_found = None
        elif given is not None:
            data_found = given.get(name)
            said = [] if data_found is not None else [Diagnostic(
                span, f"billedet '{name}' følger ikke med indholdet",
                "byg PDF'en igen fra indholdsfilen med billedet ved siden af")]
        else:
            data_found, said = _image(source, span, name)
        if data_found is not None and not said:
            said = _image_data(span, name, data_found)
        problems += said
        if not said and data_found is not None:
            found[name] = data_found
    return found, problems


def _get(data: Any, *keys: str) -> Any:
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data


def _blocks(value: Any, where: Path = ("indhold",)) -> Iterator[tuple[Path, str, dict[str, Any]]]:
    """Every block (sections' blocks too) with its place and kind."""
    for index, block in enumerate(value if isinstance(value, list) else []):
        kind = kind_of(block)
        if kind is None:
            continue
        yield (*where, index), kind, block
        if kind in ("afsnit", "bilag"):
            yield from _blocks(block.get("indhold"), (*where, index, "indhold"))


def _statuses(source: Source, where: Path, block: dict[str, Any]) -> list[Diagnostic]:
    own = block.get("statusser")
    known = [*STATUSES, *(own if isinstance(own, dict) else {})]
    areas = block.get("fokusområder")
    problems = []
    for index, area in enumerate(areas if isinstance(areas, list) else []):
        status = area.get("status") if isinstance(area, dict) else None
        if isinstance(status, str) and status not in known:
            problems.append(Diagnostic(
                source.map.at((*where, "fokusområder", index, "status")),
                f"'{status}' er ikke en status i denne gruppe; kendte: {', '.join(known)}",
                f"tilføj den under 'statusser:' i gruppen, fx '{status}: Teksten der skal stå'"))
    return problems


def _meetings(source: Source, where: Path, block: dict[str, Any]) -> list[Diagnostic]:
    meetings = block.get("møder")
    if not isinstance(meetings, dict) or "mindst_pr_år" in meetings or "sætning" in meetings:
        return []
    return [Diagnostic(source.map.at((*where, "møder")),
                       "mødeblokken siger hverken hvor tit ('mindst_pr_år') eller med egne ord "
                       "('sætning')", "skriv fx 'mindst_pr_år: 4', eller 'sætning: Rådet mødes "
                       "mindst 4 gange om året.'")]


def _table(source: Source, where: Path, block: dict[str, Any]) -> list[Diagnostic]:
    table = block.get("tabel")
    if not isinstance(table, dict):
        return []
    given, named = table.get("rækker"), table.get("kolonner")
    rows: list[list[Any]] = [r for r in given if isinstance(r, list)] if isinstance(
        given, list) else []
    columns: list[Any] = named if isinstance(named, list) else []
    count = max([len(columns), *(len(r) for r in rows)], default=0)
    widths = table.get("bredder")
    problems = []
    if isinstance(widths, list) and count and len(widths) != count:
        problems.append(Diagnostic(source.map.at((*where, "tabel", "bredder")),
                                   f"der er {len(widths)} bredder, men tabellen har {count} "
                                   "kolonner", "skriv én bredde pr. kolonne, fx [2, 1, 1]"))
        widths = None
    if not count or not all(isinstance(w, int) and w > 0 for w in widths or [1]):
        return problems
    shares = [w / sum(widths) for w in widths] if widths else [1 / count] * count
    for r, row in enumerate(rows):
        for c, cell in enumerate(row[:count]):
            if isinstance(cell, str) and _too_tall(cell, shares[c]):
                problems.append(Diagnostic(
                    source.map.at((*where, "tabel", "rækker", r, c)),
                    "cellen er for lang til at stå på én side i sin kolonne",
                    "del teksten på flere rækker, gør kolonnen bredere ('bredder'), eller skriv "
                    "den som et afsnit under tabellen"))
    return problems


def _too_tall(text: str, share: float) -> bool:
    """Whether a cell's text, wrapped in a column of ``share`` of the page, is taller than a
    page (a table splits between rows, never inside a cell)."""
    per_line = max(1, int((FRAME_WIDTH_PT * share - CELL_PADDING) / LETTER_WIDTH))
    lines = sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))
    return lines * CELL_LEADING + CELL_PADDING > FRAME_HEIGHT_PT


def _image_name(span: Span, name: str) -> list[Diagnostic]:
    """A web address, or a file outside the content's folder, is no image of the plan (also
    for an embedded source, whose images ``extract`` writes beside the YAML)."""
    if "://" in name or name.lower().startswith(("www.", "data:")):
        return [Diagnostic(span, "et billede skal være en fil, ikke en webadresse",
                           "hent billedet ned, og læg det ved siden af indholdsfilen")]
    if FsPath(name).is_absolute() or ".." in FsPath(name).parts or "\\" in name:
        return [Diagnostic(span, f"billedet '{name}' skal ligge ved siden af indholdsfilen "
                           "(eller i en mappe der)", "kopiér billedet derhen, og skriv dets navn")]
    return []


def _image(source: Source, span: Span, name: str) -> tuple[bytes | None, list[Diagnostic]]:
    """The image file ``name`` beside the content file, or why it cannot be read."""
    path = FsPath(source.map.path).absolute().parent / name
    try:
        return read_bytes(path, MAX_IMAGE_BYTES, ContentError), []
    except ContentError as exc:
        said = exc.diagnostics[0].message if exc.diagnostics else "filen kan ikke læses"
        return None, [Diagnostic(span, f"billedet '{name}': {said}",
                                 "billedet skal ligge ved siden af indholdsfilen")]


def _image_data(span: Span, name: str, data: bytes) -> list[Diagnostic]:
    if len(data) > MAX_IMAGE_BYTES:
        return [Diagnostic(span, f"billedet '{name}' fylder over 5 MB",
                           "gem det i en mindre opløsning (fx 2000 punkter i bredden)")]
    if not data.startswith((_PNG, _JPEG)):
        return [Diagnostic(span, f"'{name}' er ikke et PNG- eller JPEG-billede",
                           "gem billedet som PNG eller JPEG")]
    from io import BytesIO

    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(BytesIO(data)) as img:
            width, height = img.size
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        return [Diagnostic(span, f"billedet '{name}' kan ikke læses", "gem det igen som PNG")]
    if width * height > MAX_IMAGE_PIXELS:
        return [Diagnostic(span, f"billedet '{name}' er {width} × {height} punkter; højst "
                           f"{MAX_IMAGE_PIXELS // 1_000_000} millioner punkter",
                           "gem det i en mindre opløsning (fx 2000 punkter i bredden)")]
    return []


def _ids(data: Any, source: Source) -> list[Diagnostic]:
    """An ``id`` names one block, or one record in its list; the same id twice is an error."""
    seen: dict[str, Path] = {}
    problems = []
    for where, _kind, block in _blocks(_get(data, "indhold")):
        ident = block.get("id")
        if not isinstance(ident, str):
            continue
        if ident in seen:
            first = source.map.at((*seen[ident], "id"))
            problems.append(Diagnostic(source.map.at((*where, "id")),
                                       f"id '{ident}' bruges allerede (linje {first.line})",
                                       "giv hver blok sit eget id"))
        else:
            seen[ident] = where
    return problems
