"""An image of the plan (format 2) as a tagged ``Figure`` with its alternative text (``/Alt``).

In: a PNG or JPEG file that ``content`` has checked (beside the content file, not too large),
its alt text and an optional width. Out: a flowable that draws the image inside the marked
content of a ``Figure`` element, scaled to fit the frame.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Image

from ..errors import Span
from .styles import FRAME_WIDTH
from .tagging import Node, tagger_of

DPI = 150  # an image without a width is shown at this resolution, at most the frame's width
MAX_HEIGHT = 190 * mm  # leaves room for a heading and the caption on the page


class Figure(Image):  # type: ignore[misc]
    """ReportLab's ``Image``, drawn as the content of a ``Figure`` with ``/Alt``."""

    def __init__(self, data: bytes, width: float, height: float, alt: str) -> None:
        super().__init__(BytesIO(data), width=width, height=height, hAlign="LEFT")
        self.planpdf_tag = Node("Figure", alt=alt)

    def draw(self) -> None:
        tagger = tagger_of(self.canv)
        if tagger is None:
            super().draw()
            return
        with tagger.mark(self.planpdf_tag):
            super().draw()


def figure(data: bytes, alt: str, width_mm: int | None, span: Span | None) -> Any:
    """The image ``data`` at ``width_mm`` (or its own size at 150 dpi), within the frame."""
    pixels_w, pixels_h = ImageReader(BytesIO(data)).getSize()
    width = width_mm * mm if width_mm else pixels_w * 72 / DPI
    width = min(width, FRAME_WIDTH)
    height = width * pixels_h / pixels_w
    if height > MAX_HEIGHT:
        width, height = width * MAX_HEIGHT / height, MAX_HEIGHT
    flowable = Figure(data, width, height, alt)
    flowable.planpdf_span = span
    flowable.spaceBefore, flowable.spaceAfter = 4, 4
    return flowable
