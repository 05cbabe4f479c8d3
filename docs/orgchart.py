"""Draws content/organisation-vestkysten.png, the organisation chart in the kredsråd sample's
appendix: `python docs/orgchart.py content/organisation-vestkysten.png`.

The chart and this script are planpdf's own (MIT, like the project); the names are fictional.
Pillow draws it with the project's Carlito font, so the PNG is the same on every machine.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
NAVY, LIGHT, INK = (31, 58, 95), (230, 235, 242), (26, 26, 26)
BOXES = {  # text, centre x, top y
    "kreds": ("Kredsrådet\npolitidirektør og borgmestre", 600, 40),
    "sekretariat": ("Sekretariatet\nVestkystens Politi", 1000, 200),
    "lokal": ("Lokalrådene\nén pr. kommune", 600, 360),
    "ssp": ("SSP-samarbejdet", 220, 540),
    "psp": ("PSP-samarbejdet", 600, 540),
    "plus": ("Lokalråd+\nnetværk og projekter", 980, 540),
}
LINES = [("kreds", "lokal"), ("kreds", "sekretariat"), ("lokal", "ssp"), ("lokal", "psp"),
         ("lokal", "plus")]
W, H = 340, 100


def draw(target: Path) -> None:
    img = Image.new("RGB", (1200, 680), "white")
    pen = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(ROOT / "fonts" / "Carlito-Regular.ttf"), 26)
    for a, b in LINES:
        _, ax, ay = BOXES[a]
        _, bx, by = BOXES[b]
        if ay == by - 160 and ax != bx:  # to the side: from the box's right edge
            pen.line([(ax + W // 2, ay + H // 2), (bx, ay + H // 2), (bx, by)], fill=NAVY, width=4)
        else:
            mid = (ay + H + by) // 2
            pen.line([(ax, ay + H), (ax, mid), (bx, mid), (bx, by)], fill=NAVY, width=4)
    for text, x, y in BOXES.values():
        pen.rounded_rectangle([x - W // 2, y, x + W // 2, y + H], 12, fill=LIGHT, outline=NAVY,
                              width=4)
        pen.multiline_text((x, y + H // 2), text, font=font, fill=INK, anchor="mm",
                           align="center", spacing=6)
    img.save(target, optimize=True)


if __name__ == "__main__":
    draw(Path(sys.argv[1]))
