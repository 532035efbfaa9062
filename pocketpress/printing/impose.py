"""Booklet imposition for saddle stitching on A4, printed double-sided at home.

A6 pages go four to a side ("cut and stack"): each half of the A4 sheet holds one
A5 saddle-stitch sheet. The top halves hold the outer sheets of the booklet, the
bottom halves the inner ones, so after cutting the printed stack across the
middle, the stack of top halves goes on the stack of bottom halves, and the whole
is folded once. A5 pages go two to a side on landscape A4 (plain saddle stitch).
The procedure, with a picture, is in docs/printing.md.

Pages are placed with pypdf, each as a Form XObject made from its own content
stream (copied, not re-parsed: a 64-page edition takes a few hundredths of a
second); nothing is rasterised. pdfimpose (2.10) does the same schemes but needs
PyMuPDF, pads an odd number of A5 sheets with four blank pages (which then
follow the back cover), and its own help calls its creep option broken.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, IndirectObject, NameObject, StreamObject

from ..errors import BuildError
from .settings import A4, MM, mm

TOLERANCE = 0.5 * MM  # a page may exceed its cell by this much (A6 is 105 x 148 mm, A4/4 is 105 x 148.5 mm)

Spread = tuple[int, int]  # (left page, right page), 1-based, as seen on that side of the sheet


@dataclass(frozen=True)
class Scheme:
    sheet: tuple[float, float]  # width, height of the printed sheet, in points
    rows: int  # spreads on one side: 2 = cut and stack, 1 = plain saddle stitch
    flip: str  # how the printer turns the sheet for the back side

    @property
    def cell(self) -> tuple[float, float]:
        return self.sheet[0] / 2, self.sheet[1] / self.rows


FOUR_UP = Scheme(A4, 2, "flip on long edge")
TWO_UP = Scheme((A4[1], A4[0]), 1, "flip on short edge")


def scheme_for(width: float, height: float) -> Scheme:
    """Four pages to a side if they fit a quarter of A4 (A6), two if they fit half (A5)."""
    for scheme in (FOUR_UP, TWO_UP):
        cell_w, cell_h = scheme.cell
        if width <= cell_w + TOLERANCE and height <= cell_h + TOLERANCE:
            return scheme
    raise BuildError(
        f"a booklet on A4 needs pages of A5 size or smaller; these are "
        f"{mm(width):.0f} x {mm(height):.0f} mm (use page_size: A6 or A5, "
        f"or give the print-shop PDF to a print shop)"
    )


def folio(n: int, k: int) -> tuple[Spread, Spread]:
    """Front and back of saddle-stitch sheet k (0 = outermost) of an n-page booklet."""
    return (n - 2 * k, 2 * k + 1), (2 * k + 2, n - 2 * k - 1)


def sides(n: int, rows: int) -> list[list[tuple[int, Spread] | None]]:
    """Each printed side, front then back of every sheet: per row (top first) the
    (folio number, spread) it holds, or None for a half left blank."""
    if n % 4 or n == 0:
        raise BuildError(f"a booklet needs a multiple of 4 pages, not {n}")
    folios = n // 4
    sheets = math.ceil(folios / rows)
    result = []
    for s in range(sheets):
        numbers = [s + row * sheets for row in range(rows)]
        for face in (0, 1):
            result.append([(k, folio(n, k)[face]) if k < folios else None for k in numbers])
    return result


def creep_shift(k: int, folios: int, creep_mm: float) -> float:
    """How far (points) the pages of folio k move toward the fold: 0 outside, creep_mm innermost."""
    if folios < 2:
        return 0.0
    return creep_mm * MM * k / (folios - 1)


def place(writer, sheet, pages, spread: Spread, row: int, scheme: Scheme, shift: float) -> list[str]:
    """Put the spread's two pages on the sheet, against the fold, centred in their row;
    returns the content-stream operators that draw them."""
    sheet_w, sheet_h = scheme.sheet
    _, cell_h = scheme.cell
    drawing = []
    for number, left_side in zip(spread, (True, False), strict=True):
        page = pages[number - 1]
        box = page.mediabox
        x = sheet_w / 2 - float(box.width) + shift if left_side else sheet_w / 2 - shift
        y = sheet_h - (row + 1) * cell_h + (cell_h - float(box.height)) / 2
        dx, dy = x - float(box.left), y - float(box.bottom)
        name = f"/P{number}"
        sheet["/Resources"]["/XObject"][NameObject(name)] = as_form(writer, page, number)
        drawing.append(f"q 1 0 0 1 {dx:.4f} {dy:.4f} cm {name} Do Q")
    return drawing


def as_form(writer, page, number: int) -> IndirectObject:
    """The page as a Form XObject in writer, clipped to its media box."""
    contents = page.get("/Contents")
    if not isinstance(contents, IndirectObject) or not isinstance(contents.get_object(), StreamObject):
        raise BuildError(f"page {number}: its content is not one stream, as WeasyPrint writes it")
    ref = contents.clone(writer, force_duplicate=True)
    form = ref.get_object()
    if not isinstance(form, StreamObject):
        raise BuildError(f"page {number}: its content stream could not be copied")
    form.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject(FloatObject(v) for v in page.mediabox),
            NameObject("/Resources"): page["/Resources"].clone(writer),
        }
    )
    return ref


def new_sheet(writer, scheme: Scheme):
    sheet = writer.add_blank_page(*scheme.sheet)
    sheet[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): DictionaryObject()})
    return sheet


def draw(sheet, drawing: list[str]) -> None:
    stream = StreamObject()
    stream.set_data("\n".join(drawing).encode("ascii"))
    sheet.replace_contents(stream.flate_encode())


def booklet(data: bytes, creep_mm: float = 0.0, title: str = "") -> tuple[bytes, list[str]]:
    """The pages of a PDF imposed as a booklet on A4, and notes for the printer."""
    pages = PdfReader(io.BytesIO(data)).pages
    first = pages[0].mediabox
    scheme = scheme_for(float(first.width), float(first.height))
    folios = len(pages) // 4
    writer = PdfWriter()
    for side in sides(len(pages), scheme.rows):
        sheet = new_sheet(writer, scheme)
        drawing = []
        for row, slot in enumerate(side):
            if slot:
                k, spread = slot
                drawing += place(writer, sheet, pages, spread, row, scheme, creep_shift(k, folios, creep_mm))
        draw(sheet, drawing)
    writer.add_metadata({"/Title": f"{title} (booklet)".strip(), "/Subject": f"print double-sided, {scheme.flip}"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), trim_notes(scheme, float(first.width), float(first.height))


def trim_notes(scheme: Scheme, width: float, height: float) -> list[str]:
    cell_w, cell_h = scheme.cell
    if cell_w - width > MM or cell_h - height > MM:
        return [
            f"pages are {mm(width):.0f} x {mm(height):.0f} mm, smaller than their place on the sheet: "
            f"trim the folded booklet to that size"
        ]
    return []
