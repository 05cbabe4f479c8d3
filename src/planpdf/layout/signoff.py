"""The approved plan's sign-off block: who approved it, when, where, and room to sign.

The block ends with a signature line (name and role under it) for a handwritten signature and,
beside it, an empty signature field (``/FT /Sig``, named ``wording.SIGNATURE_FIELD``, with a
``/TU`` for screen readers) for a visible digital signature: ``planpdf sign`` fills this field,
so the signed file keeps the field's ``Form`` element (PDF/UA-1 7.18.4). Where the field lands
is recorded on the canvas as ``planpdf_signature_box`` = (page, x1, y1, x2, y2) in PDF points,
so the render stage can write it into the document information.
"""

from __future__ import annotations

from contextlib import nullcontext
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFString
from reportlab.platypus import Flowable, KeepTogether, Spacer

from .. import danish, wording
from .. import model as m
from .blocks import StoryBuilder
from .styles import FRAME_WIDTH, INK, MUTED
from .tagging import Node, artifact, tagger_of

SIGNATURE_BOX = (72 * mm, 26 * mm)  # width, height of the rectangle kept free for a signature


class SignatureArea(Flowable):  # type: ignore[misc]
    """A signature line with the name under it, and the free rectangle for a digital signature."""

    def __init__(self, name: str, role: str | None, font: str) -> None:
        super().__init__()
        self.name, self.role, self.font = name, role, font
        self.width, self.height = FRAME_WIDTH, SIGNATURE_BOX[1] + 4 * mm
        self.name_tag, self.under_tag = Node("P"), Node("P")
        self.field_tag = Node("Form")  # the signature field's widget (/OBJR)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canv: Any = self.canv
        line_y = 12 * mm
        line_w = FRAME_WIDTH - SIGNATURE_BOX[0] - 12 * mm
        with artifact(canv):
            canv.setStrokeColor(INK)
            canv.setLineWidth(0.6)
            canv.line(0, line_y, line_w, line_y)
        tagger = tagger_of(canv)
        with tagger.mark(self.name_tag) if tagger else nullcontext():
            canv.setFillColor(INK)
            canv.setFont(self.font, 10)
            canv.drawString(0, line_y - 4.5 * mm, self.name)
        with tagger.mark(self.under_tag) if tagger else nullcontext():
            canv.setFillColor(MUTED)
            canv.setFont(self.font, 8.5)
            under = wording.SIGNOFF_SIGNATURE + (f" · {self.role}" if self.role else "")
            canv.drawString(0, line_y - 8.5 * mm, under)
        x1 = FRAME_WIDTH - SIGNATURE_BOX[0]
        y1 = 0.0
        ax1, ay1 = canv.absolutePosition(x1, y1)
        ax2, ay2 = canv.absolutePosition(x1 + SIGNATURE_BOX[0], y1 + SIGNATURE_BOX[1])
        box = (round(ax1, 2), round(ay1, 2), round(ax2, 2), round(ay2, 2))
        canv.planpdf_signature_box = (canv.getPageNumber(), *box)
        field = _signature_field(canv, box, wording.SIGNATURE_FIELD_TU.format(name=self.name))
        if tagger is not None:
            tagger.annotation(field, self.field_tag)


def _signature_field(canv: Any, box: tuple[float, float, float, float], tooltip: str) -> Any:
    """An empty, printed signature field with its widget (one dictionary) on the current page,
    listed in the catalog's ``/AcroForm``. Its appearance is an empty form of the box's size
    (PDF/A wants one for every widget); ``sign`` gives it the signature's."""
    doc = canv._doc
    width, height = box[2] - box[0], box[3] - box[1]
    appearance = pdfdoc.PDFFormXObject(0, 0, width, height)
    appearance.setStreamList(["% empty until signed"])
    field = PDFDictionary({
        "Type": PDFName("Annot"), "Subtype": PDFName("Widget"), "FT": PDFName("Sig"),
        "T": PDFString(wording.SIGNATURE_FIELD), "TU": PDFString(tooltip),
        "Rect": PDFArray(list(box)), "F": 4, "P": doc.thisPageRef(),
        "AP": PDFDictionary({"N": doc.Reference(appearance)}),
    })
    canv._addAnnotation(field, "signature")
    doc.Catalog.AcroForm = PDFDictionary({
        "Fields": PDFArray([doc.Reference(field)])})
    return field


def signoff(builder: StoryBuilder, approval: m.Approval) -> list[Flowable]:
    """The sign-off block that ends an approved plan."""
    s = builder.s
    role = f", {approval.role}" if approval.role else ""
    lines = [builder.para(wording.SIGNOFF_BY.format(name=approval.by, role=role), s.signature,
                          approval.span),
             builder.para(wording.SIGNOFF_DATE.format(date=danish.format_date(approval.date)),
                          s.signature)]
    if approval.meeting:
        lines.append(builder.para(wording.SIGNOFF_MEETING.format(meeting=approval.meeting),
                                  s.signature))
    area = SignatureArea(approval.by, approval.role, s.fonts.regular)
    return [KeepTogether([builder.heading(wording.SIGNOFF, 0, approval.span), *lines,
                          Spacer(1, 6 * mm), area])]
