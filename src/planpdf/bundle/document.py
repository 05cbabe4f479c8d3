"""The bundle's pages: cover, contents, overview, then each plan as a part of the bundle.

Each plan is laid out by the plans' own story builder (``layout.story``) and moved one level
down: its title becomes the part's heading (``H2``, a contents entry and a top-level bookmark),
its parts ``H3`` and so on; bookmark keys get the part's number, so they stay unique. The plan's
sign-off keeps its text, but no signature field: the bundle itself is not signed. Each part has
its own page template, so header and footer name the plan on its pages (with its draft or
approval note), while "Side X af Y" counts the bundle's pages. The finished PDF is PDF/A-3u and
PDF/UA-1 (``pdfa.finish_document``, ``layout.tagging``) and carries every plan's source as an
associated file.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from datetime import date
from functools import partial
from typing import Any

import msgspec
from msgspec.structs import replace
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFPageLabel, PDFString
from reportlab.platypus import Flowable, NextPageTemplate, PageBreak, PageTemplate, TableStyle
from reportlab.platypus.doctemplate import LayoutError

from .. import __version__, wording
from ..danish import format_date
from ..edition.manifest import council_slug
from ..errors import PlanpdfError, general
from ..layout.blocks import Heading, StoryBuilder
from ..layout.fonts import FontSet
from ..layout.markup import Contents, Markup, MarkupParagraph, escape, plain
from ..layout.pages import PageDecor, PlanCanvas, PlanDocTemplate, draw_page, draw_page_end
from ..layout.signoff import SignatureArea
from ..layout.story import story as plan_story
from ..layout.styles import ACCENT, TOC_LEVELS, Styles, make_styles
from ..layout.tagging import Node, Rule, heading_role
from ..model import images
from ..pdfa import add_info, associated_file, finish_document, image_mime
from ..provenance import (
    INFO_BUNDLE,
    INFO_RENDERER,
    SOURCE_MIME,
    bundle_entry,
    bundle_image_name,
    fingerprint,
    renderer,
)
from ..render import Rendered, edition_marks
from . import words
from .inputs import Part, council_order
from .overview import OverviewBuilder

CONTENTS_DEPTH = 1  # the contents list shows the overview and each plan (11 plans' parts
# would take four pages); the bookmarks show every heading


class Bundle(msgspec.Struct, frozen=True):
    """What the bundle is: its plans (in order), year, districts and date."""

    parts: tuple[Part, ...]
    year: int
    districts: tuple[str | None, ...]  # one, unless --alle-kredse took several

    @classmethod
    def of(cls, parts: Iterable[Part]) -> Bundle:
        """The bundle of these plans, which decide everything else: their order (Danish
        alphabetical by council), the year and the districts. So ``verify`` can build a bundle
        again from its attached sources alone."""
        ordered = tuple(sorted(parts, key=lambda p: council_order(p.summary.council)))
        districts = sorted({p.summary.district for p in ordered}, key=lambda d: d or "")
        return cls(ordered, ordered[0].summary.year, tuple(districts))

    @property
    def district_text(self) -> str:
        return ", ".join(d or words.NO_DISTRICT for d in self.districts)

    @property
    def title(self) -> str:
        return words.TITLE.format(year=self.year)

    @property
    def date(self) -> date:
        """The newest approval among the plans; without any, the newest edition date; else
        1 January of the year. Never the clock."""
        summaries = [p.summary for p in self.parts]
        approved = [s.approved for s in summaries if s.approved is not None]
        dated = [s.edition_date for s in summaries if s.edition_date is not None]
        return max(approved or dated or [date(self.year, 1, 1)])

    def source_names(self) -> list[str]:
        """The name each plan's source is attached under: ``billund-2011.yaml``, unique."""
        names: list[str] = []
        for part in self.parts:
            base = f"{council_slug(part.summary.council)}-{part.summary.year}"
            name, n = f"{base}.yaml", 1
            while name in names:
                n += 1
                name = f"{base}-{n}.yaml"
            names.append(name)
        return names


def _p(text: str, style: Any) -> Flowable:
    return MarkupParagraph(escape(text), style)


def cover(bundle: Bundle, b: StoryBuilder) -> list[Flowable]:
    """Title, district, the councils with each plan's edition, the bundle's date."""
    s = b.s
    one = len(bundle.districts) == 1 and bundle.districts[0] is not None
    subtitle = words.SUBTITLE.format(district=bundle.district_text) if one else \
        words.SUBTITLE_ALL
    out: list[Flowable] = [
        _p(bundle.district_text if one else words.DISTRICTS.format(
            districts=bundle.district_text), s.kicker),
        Heading(bundle.title, s.title, 0, "title", None),
        _p(subtitle, s.subtitle),
        Rule(width="100%", thickness=1.2, color=ACCENT, spaceBefore=6, spaceAfter=10),
        _p(words.COUNCILS_LEAD.format(count=len(bundle.parts)), s.body)]
    out += _bullets([words.COUNCIL_LINE.format(
        council=p.summary.council, municipalities=", ".join(p.summary.municipalities),
        edition=words.APPROVED.format(date=format_date(p.summary.approved))
        if p.summary.approved else words.DRAFT) for p in bundle.parts], s)
    approved = any(p.summary.approved is not None for p in bundle.parts)
    dated = words.DATED if approved else words.DATED_DRAFTS
    left = ParagraphStyle("cover-left", parent=s.body, alignment=TA_LEFT)  # names: no gaps
    out += [_p(dated.format(date=format_date(bundle.date)), left),
            _p(words.SOURCES.format(name=", ".join(bundle.source_names())), left)]
    return out


def _bullets(lines: Iterable[str], s: Styles) -> list[Flowable]:
    """Lines as a tagged list (``L`` → ``LI`` → ``Lbl`` + ``LBody``)."""
    lst = Node("L")
    out: list[Flowable] = []
    for line in lines:
        item = MarkupParagraph(escape(line), s.bullets[0], bulletText="•")
        entry = Node("LI", lst)
        item.planpdf_label = Node("Lbl", entry)
        item.planpdf_tag = Node("LBody", entry)
        out.append(item)
    return out


def overview(bundle: Bundle, b: StoryBuilder) -> list[Flowable]:
    """The overview across councils (``overview``), under its own heading."""
    ob = OverviewBuilder(b.s)
    summaries = [p.summary for p in bundle.parts]
    out: list[Flowable] = [b.heading(words.OVERVIEW, 0), _p(words.OVERVIEW_LEAD, b.s.body)]
    tables = ob.focus_tables(summaries) if any(s.focus for s in summaries) else []
    for title, table in tables:
        out += [b.heading(title, 1), table]
    out.append(ob.legend() if tables else _p(words.NO_FOCUS, b.s.body))
    out += [b.heading(words.NUMBERS, 1), ob.numbers_table(summaries, bundle.year)]
    return out


def part_story(part: Part, index: int, styles: Styles) -> list[Flowable]:
    """A plan's own story, one level down, with keys of its own and no signature field."""
    flowables = plan_story(replace(part.loaded.plan, toc=False), styles)
    return list(_moved_down(flowables, f"p{index + 1}-", part.summary.council))


def _moved_down(flowables: Iterable[Flowable], prefix: str, council: str) -> Iterable[Flowable]:
    """The plan's title becomes the part's heading, named by its council in the contents list
    and the bookmarks (every plan is "Handlingsplan for 2011"); the other headings one down."""
    for flowable in flowables:
        if isinstance(flowable, SignatureArea):
            continue
        if isinstance(flowable, Heading):
            if flowable.key == "title":
                flowable.outline_title = plain(council)
                flowable.contents_entry = escape(flowable.outline_title)
            else:
                flowable.level += 1
            flowable.key = prefix + flowable.key
            flowable.planpdf_tag = Node(heading_role(flowable.level + 2))
        content = getattr(flowable, "_content", None)  # KeepTogether's
        if isinstance(content, list):
            flowable._content = list(_moved_down(content, prefix, council))
        yield flowable


def decor_of(part: Part, fonts: FontSet) -> PageDecor:
    """Header and footer on a plan's pages: the plan's own, as when it is built alone."""
    plan = part.loaded.plan
    title = wording.document_title(plan)
    note, watermark = edition_marks(plan, fingerprint(part.loaded.data, part.loaded.images))
    return PageDecor(header_left=plan.council.name, header_right=title,
                     footer_left=f"{plan.council.name} · {title}", font=fonts.regular,
                     bold_font=fonts.bold, footer_note=note, watermark=watermark)


def _on_page(decor: PageDecor) -> Callable[[Any, Any], None]:
    def on_page(canv: Any, doc: Any) -> None:
        canv.decor = decor
        canv.planpdf_drafts = getattr(canv, "planpdf_drafts", False) or bool(decor.watermark)
        draw_page(canv, doc)

    return on_page


class BundleCanvas(PlanCanvas):
    """The plans' canvas; the watermark's form is defined when any part was a draft.

    Its catalog has ``/PageLabels``: the page number a viewer shows is the one each footer
    prints, "Side X af Y" counting the bundle's pages from the cover on (``draw_page`` on every
    page, the parts' included), so one range of arabic numbers from 1 on the first page. A
    viewer without labels would show the same; the labels say it, and stay the place to say
    otherwise if the footers ever number front matter differently."""

    def save(self) -> None:
        if getattr(self, "planpdf_drafts", False):
            self.decor = replace(self.decor, watermark=wording.WATERMARK)
        self.addPageLabel(0, PDFPageLabel.ARABIC, 1)
        super().save()


class BundleDocTemplate(PlanDocTemplate):
    """The plans' page template for the bundle's own pages, and one per plan."""

    def __init__(self, target: Any, decors: list[PageDecor], **kwargs: Any) -> None:
        super().__init__(target, **kwargs)
        frame = self.pageTemplates[0].frames[0]
        self.addPageTemplates([PageTemplate(id=f"part{i + 1}", frames=[frame],
                                            onPage=_on_page(decor), onPageEnd=draw_page_end)
                               for i, decor in enumerate(decors)])


def finish_bundle(canvas: Any, sources: list[tuple[str, bytes, str, str]],
                  plans: list[tuple[str, str]], pdf_date: date) -> None:
    """PDF/A-3u and PDF/UA-1 (``finish_document``), every plan's source and images as
    associated files (catalog ``/AF`` and ``/EmbeddedFiles``, names in order), and
    ``INFO_BUNDLE``: what the file is, and each source's name with its plan's fingerprint;
    ``INFO_RENDERER``: what made the pages, so that verify knows whether it can rebuild them."""
    add_info(canvas, {INFO_BUNDLE: bundle_entry(plans), INFO_RENDERER: renderer()})
    finish_document(canvas, pdf_date)
    doc = canvas._doc
    specs = [(name, doc.Reference(associated_file(data, name, desc, pdf_date, mime)))
             for name, data, desc, mime in sorted(sources)]
    doc.Catalog.AF = PDFArray([ref for _name, ref in specs])
    doc.Catalog.Names = PDFDictionary({"EmbeddedFiles": PDFDictionary(
        {"Names": PDFArray([x for name, ref in specs for x in (PDFString(name), ref)])})})


def story(bundle: Bundle, styles: Styles) -> list[Flowable]:
    """The whole bundle's flowables; the contents list is given its entries before layout."""
    b = StoryBuilder(styles)
    table_style = TableStyle([  # as the plans' contents list (layout.blocks)
        ("FONTNAME", (0, 0), (-1, -1), styles.fonts.regular),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0)])
    body = overview(bundle, b)
    for index, part in enumerate(bundle.parts):
        body += [NextPageTemplate(f"part{index + 1}"), PageBreak(),
                 *part_story(part, index, styles)]
    toc = Contents(levelStyles=list(styles.toc_levels), dotsMinLevel=0, tableStyle=table_style,
                   link_text=wording.CONTENTS_LINK)
    toc.plan(_contents_entries(body))  # laid out once, its page numbers written at save
    return [*cover(bundle, b), PageBreak(), _p(wording.CONTENTS, styles.toc_title), toc,
            PageBreak(), *body]


def _contents_entries(flowables: Iterable[Flowable]) -> Iterable[tuple[int, Markup, str]]:
    """The contents list's entries (the overview and each plan, not their inner headings),
    known before layout but for their page numbers."""
    for flowable in flowables:
        content = getattr(flowable, "_content", None)  # KeepTogether's
        if isinstance(content, list):
            yield from _contents_entries(content)
        elif (isinstance(flowable, Heading) and flowable.key != "title"
              and flowable.level < CONTENTS_DEPTH):
            yield min(flowable.level, TOC_LEVELS - 1), flowable.contents_entry, flowable.key


def render_bundle(bundle: Bundle, fonts: FontSet) -> Rendered:
    """The bundle as deterministic PDF bytes (same plans, same bytes)."""
    when = bundle.date
    district = bundle.district_text
    one = len(bundle.districts) == 1 and bundle.districts[0] is not None
    decor = PageDecor(header_left=words.HEADER_LEFT.format(year=bundle.year),
                      header_right=bundle.title, footer_left=bundle.title, font=fonts.regular,
                      bold_font=fonts.bold)
    sources = [(name, part.source_yaml,
                f"Kilden til {part.summary.council}s {part.loaded.plan.kind} for {part.summary.year} "
                "(planpdf-indhold, YAML)", SOURCE_MIME)
               for name, part in zip(bundle.source_names(), bundle.parts, strict=True)]
    sources += [(bundle_image_name(name, image), data,
                 f"Billedet {image} i {part.summary.council}s {part.loaded.plan.kind} for "
                 f"{part.summary.year} (en del af kilden {name}: læg det ved siden af den "
                 f"som {image})", image_mime(data))
                for name, part in zip(bundle.source_names(), bundle.parts, strict=True)
                for image, data in images(part.loaded.plan).items()]
    plans = [(name, fingerprint(part.loaded.data, part.loaded.images))
             for name, part in zip(bundle.source_names(), bundle.parts, strict=True)]
    buffer = io.BytesIO()
    doc = BundleDocTemplate(
        buffer, [decor_of(p, fonts) for p in bundle.parts], title=bundle.title,
        author=words.AUTHOR.format(district=district) if one else words.AUTHOR_ALL,
        subject=words.SUBJECT.format(title=bundle.title, district=district),
        keywords=", ".join((*words.KEYWORDS, str(bundle.year))),
        creator=f"planpdf {__version__}", lang="da-DK", invariant=1,
        initialFontName=fonts.regular)
    canvasmaker = partial(BundleCanvas, decor=decor, pdf_date=when,
                          on_save=partial(finish_bundle, sources=sources, plans=plans,
                                          pdf_date=when))
    try:
        doc.build(story(bundle, make_styles(fonts)), canvasmaker=canvasmaker)
    except LayoutError:
        raise PlanpdfError(general("samlingen kan ikke sættes op på siderne: noget fylder mere "
                                   "end en hel side", "byg hver plan for sig med planpdf build "
                                   "for at finde stedet")) from None
    return Rendered(buffer.getvalue(), doc.page)

