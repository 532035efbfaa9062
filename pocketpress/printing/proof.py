"""Proof sheet: every page of the booklet on one PNG, as the spreads a reader sees.

Page 1 stands alone on the right, then 2-3, 4-5, ..., and the last page alone on
the left; its number is under each page. Pages are rendered with pypdfium2,
cropped to their TrimBox (what is left after trimming), and laid out with Pillow.
"""

from __future__ import annotations

import io
import math
import shutil
import subprocess

import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFont

THUMB_W = 200  # page width on the sheet, pixels
PER_ROW = 4  # spreads per row
MARGIN, GAP_X, GAP_Y, LABEL, HEADER = 28, 36, 16, 24, 64
BACKGROUND, PAPER, EDGE, SPINE, INK = "#e4e2dc", "#ffffff", "#a8a6a0", "#6e6c66", "#2a2a2a"


def spreads(n: int) -> list[tuple[int | None, int | None]]:
    """Facing pages as printed: (None, 1), (2, 3), ..., (n, None) for an even n."""
    pairs: list[tuple[int | None, int | None]] = [(None, 1)]
    pairs += [(p, p + 1 if p + 1 <= n else None) for p in range(2, n + 1, 2)]
    return pairs


def thumbnails(data: bytes, width: int = THUMB_W) -> list[Image.Image]:
    """Each page rendered at the given width, cropped to its TrimBox."""
    doc = pdfium.PdfDocument(data)
    try:
        return [thumbnail(doc[i], width) for i in range(len(doc))]
    finally:
        doc.close()


def thumbnail(page, width: int) -> Image.Image:
    ml, _mb, _mr, mt = page.get_mediabox()
    tl, tb, tr, tt = page.get_trimbox()
    scale = width / (tr - tl)
    image = page.render(scale=scale, draw_annots=False).to_pil()
    left, top = round((tl - ml) * scale), round((mt - tt) * scale)
    return image.crop((left, top, left + width, top + round((tt - tb) * scale)))


def font(family: str, size: int):
    path = None
    if shutil.which("fc-match"):
        path = subprocess.run(["fc-match", "-f", "%{file}", family], capture_output=True, text=True).stdout
    try:
        return ImageFont.truetype(path, size) if path else ImageFont.load_default(size)
    except OSError:
        return ImageFont.load_default(size)


def contact_sheet(data: bytes, title: str, note: str, family: str = "PT Sans") -> bytes:
    """The proof PNG of a PDF whose pages are the booklet's pages in reading order."""
    pages = thumbnails(data)
    tw, th = pages[0].size
    pairs = spreads(len(pages))
    cols = min(PER_ROW, len(pairs))
    rows = math.ceil(len(pairs) / cols)
    width = 2 * MARGIN + cols * 2 * tw + (cols - 1) * GAP_X
    height = HEADER + MARGIN + rows * (th + LABEL) + (rows - 1) * GAP_Y
    sheet = Image.new("RGB", (width, height), BACKGROUND)
    draw = ImageDraw.Draw(sheet)
    draw.text((MARGIN, 18), title, fill=INK, font=font(family + ":bold", 20))
    draw.text((MARGIN, 44), note, fill=INK, font=font(family, 13))
    label_font = font(family, 14)
    for i, pair in enumerate(pairs):
        x = MARGIN + (i % cols) * (2 * tw + GAP_X)
        y = HEADER + (i // cols) * (th + LABEL + GAP_Y)
        for side, number in enumerate(pair):
            if number is not None:
                put_page(draw, sheet, pages[number - 1], number, x + side * tw, y, label_font)
        if all(pair):
            draw.line([(x + tw, y), (x + tw, y + th - 1)], fill=SPINE, width=1)
    return png(sheet)


def png(image: Image.Image) -> bytes:
    """PNG with an adaptive 256-colour palette: a third of the size of RGB, and as legible."""
    out = io.BytesIO()
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(out, format="PNG")
    return out.getvalue()


def put_page(draw, sheet, image, number: int, x: int, y: int, label_font) -> None:
    tw, th = image.size
    sheet.paste(image, (x, y))
    draw.rectangle([x, y, x + tw - 1, y + th - 1], outline=EDGE)
    draw.text((x + tw / 2, y + th + 5), str(number), fill=INK, font=label_font, anchor="mt")
