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
from .fingerprint import canonical_yaml, fingerprint
from .fonts import FontSet, check_glyphs, default_fonts_dir, register
from .load import read_source, to_plan
from .pdfa import EditionMeta
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


def check_source(source: Source, world: World) -> tuple[m.Plan, FontSet]:
    """Validate and glyph-check parsed content; ContentError lists every problem."""
    fonts = register(world.fonts_dir)
    glyphs = check_glyphs(source, fonts.charset)  # reported together with schema problems
    try:
        plan = to_plan(source)
    except ContentError as exc:
        raise ContentError(exc.diagnostics + glyphs) from None
    if glyphs:
        raise ContentError(glyphs)
    return plan, fonts


def check(path: str | Path, world: World) -> tuple[m.Plan, Source, FontSet]:
    """Load, validate and glyph-check a content file; ContentError lists every problem."""
    source = read_source(path)
    plan, fonts = check_source(source, world)
    return plan, source, fonts


def pdf_date(plan: m.Plan, world: World) -> date:
    """The date the PDF's metadata carries: the content's 'dato', else the approval's, else
    SOURCE_DATE_EPOCH's, else 1 January of the plan's year."""
    approved = plan.approval.date if plan.approval else None
    return plan.edition_date or approved or world.source_date or date(plan.year, 1, 1)


def edition_meta(plan: m.Plan, source: Source, world: World) -> EditionMeta:
    """What the PDF carries about this edition: fingerprint, status, approval, canonical source.

    The fingerprint is taken over ``source.data``, the data as loaded (after the schema's
    typing), so comments and layout of the YAML do not change it; approval does.
    """
    approval = plan.approval
    return EditionMeta(
        fingerprint=fingerprint(source.data), status=plan.status, council=plan.council.name,
        year=plan.year, approved_by=approval.by if approval else None,
        approved_date=approval.date if approval else None,
        source_yaml=canonical_yaml(source.data).encode("utf-8"), pdf_date=pdf_date(plan, world))


def build_source(source: Source, world: World) -> Rendered:
    """Check and lay out parsed content; the PDF carries its edition and source (PDF/A-3b)."""
    plan, fonts = check_source(source, world)
    return render(plan, fonts, pdf_date(plan, world), edition=edition_meta(plan, source, world))


def build(path: str | Path, world: World) -> Rendered:
    """Check and lay out a content file (see ``build_source``)."""
    return build_source(read_source(path), world)
