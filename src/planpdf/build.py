"""The build pipeline in one place: content file → checked plan → PDF bytes.

``World`` is the one door for the outside: the fonts folder and the fallback date arrive here;
no stage reads the clock or the environment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import model as m
from .errors import ContentError
from .fonts import FontSet, check_glyphs, default_fonts_dir, register
from .load import read_source, to_plan
from .render import Rendered, render
from .yamlsrc import Source


@dataclass(frozen=True)
class World:
    """What a build takes from outside the content."""

    fonts_dir: Path
    source_date: date | None = None  # from SOURCE_DATE_EPOCH, if the caller was given one

    @classmethod
    def default(cls, source_date: date | None = None) -> World:
        return cls(default_fonts_dir(), source_date)


def check(path: str | Path, world: World) -> tuple[m.Plan, Source, FontSet]:
    """Load, validate and glyph-check a content file; ContentError lists every problem."""
    fonts = register(world.fonts_dir)
    source = read_source(path)
    glyphs = check_glyphs(source, fonts.charset)  # reported together with schema problems
    try:
        plan = to_plan(source)
    except ContentError as exc:
        raise ContentError(exc.diagnostics + glyphs) from None
    if glyphs:
        raise ContentError(glyphs)
    return plan, source, fonts


def pdf_date(plan: m.Plan, world: World) -> date:
    """The date the PDF's metadata carries: the content's, else SOURCE_DATE_EPOCH's, else 1 January."""
    return plan.edition_date or world.source_date or date(plan.year, 1, 1)


def build(path: str | Path, world: World) -> Rendered:
    """Check and lay out a content file."""
    plan, _source, fonts = check(path, world)
    return render(plan, fonts, pdf_date(plan, world))
