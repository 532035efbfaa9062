"""The preflight's checks of one PDF (printing/pdfchecks.py) on small PDFs made here.

Blank pages and hand-written content streams come from pypdf, raster images from Pillow, and
embedded fonts from one small WeasyPrint page (rendered once for the module).
"""

from __future__ import annotations

import io

import pytest
from pdfmaker import A6, helvetica_pdf  # tests/pdfmaker.py
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.generic import RectangleObject

from pocketpress.printing import pdfchecks
from pocketpress.printing.pdfchecks import PdfFile, check_file
from pocketpress.printing.settings import MM

FAMILIES = {"PT Serif", "PT Sans", "PT Mono"}


# -- making PDFs -------------------------------------------------------------------------------
def blank_pdf(pages: int) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(*A6)
    return written(writer)


def written(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def image_pdf(dpi: int, size=(240, 160)) -> bytes:
    """One page holding only a raster image, placed at the given resolution."""
    out = io.BytesIO()
    Image.new("RGB", size, "#468").save(out, "PDF", resolution=dpi)
    return out.getvalue()


@pytest.fixture(scope="module")
def serif_pdf() -> bytes:
    """Four A6 pages of PT Serif text set by WeasyPrint: embedded, subset, with a ToUnicode map."""
    from weasyprint import HTML

    css = '@page { size: A6; margin: 15mm } body { font: 10pt "PT Serif" } p { break-after: page }'
    return HTML(string=f"<style>{css}</style><p>One</p><p>Two</p><p>Three</p><p>Four</p>").write_pdf()


def run(tmp_path, data: bytes, check, kind: str = "pdf", families=FAMILIES, *args):
    path = tmp_path / "made.pdf"
    path.write_bytes(data)
    pdf = PdfFile(path, kind, set(families))
    try:
        return check(pdf, *args)
    finally:
        pdf.close()


def levels(results) -> set[str]:
    return {level for level, _ in results}


# -- page count -----------------------------------------------------------------------------
@pytest.mark.parametrize("pages", [4, 8])
def test_a_multiple_of_4_pages_is_ok(tmp_path, pages):
    assert run(tmp_path, blank_pdf(pages), pdfchecks.check_page_count) == [("ok", f"{pages} pages")]


@pytest.mark.parametrize("pages", [1, 6])
def test_page_count_not_a_multiple_of_4_is_an_error(tmp_path, pages):
    assert run(tmp_path, blank_pdf(pages), pdfchecks.check_page_count) == [
        ("error", f"{pages} pages: not a multiple of 4 (a folded booklet needs 4 pages per sheet)")
    ]


def test_a_booklet_needs_whole_sheets(tmp_path):
    assert run(tmp_path, blank_pdf(6), pdfchecks.check_page_count, "booklet") == [("ok", "6 sides (3 sheets)")]
    assert run(tmp_path, blank_pdf(3), pdfchecks.check_page_count, "booklet") == [
        ("error", "3 sides: not whole sheets")
    ]


# -- fonts ------------------------------------------------------------------------------------
def test_a_font_not_embedded_is_an_error(tmp_path):
    data = helvetica_pdf(b"BT /F1 12 Tf 40 200 Td (Hello) Tj ET")
    assert run(tmp_path, data, pdfchecks.check_embedded) == [("error", "Helvetica is not embedded")]


def test_a_font_the_edition_does_not_name_is_an_error(tmp_path):
    data = helvetica_pdf(b"BT /F1 12 Tf 40 200 Td (Hello) Tj ET")
    assert run(tmp_path, data, pdfchecks.check_named) == [
        ("error", "text in Helvetica, a font the edition does not name")
    ]


def test_embedded_named_fonts_pass(tmp_path, serif_pdf):
    assert run(tmp_path, serif_pdf, pdfchecks.check_embedded) == [("ok", "1 font(s), all embedded")]
    assert run(tmp_path, serif_pdf, pdfchecks.check_named) == [("ok", "PT-Serif")]


def test_an_embedded_font_is_still_checked_against_the_editions_names(tmp_path, serif_pdf):
    results = run(tmp_path, serif_pdf, pdfchecks.check_named, "pdf", {"PT Sans"})
    assert results == [("error", "text in PT-Serif, a font the edition does not name")]


def test_blank_pages_have_no_fonts(tmp_path):
    assert run(tmp_path, blank_pdf(4), pdfchecks.check_named) == [("ok", "no text")]


# -- glyphs ----------------------------------------------------------------------------------
def test_clean_text_has_no_missing_glyphs(tmp_path, serif_pdf):
    assert run(tmp_path, serif_pdf, pdfchecks.check_glyphs) == [("ok", "no missing glyphs")]


def test_a_code_beyond_the_embedded_glyphs_is_a_missing_glyph(tmp_path, serif_pdf):
    """WeasyPrint draws .notdef for a character its font lacks: a glyph id the subset does not hold."""
    reader = PdfReader(io.BytesIO(serif_pdf))
    writer = PdfWriter(clone_from=reader)
    [(_, font)] = pdfchecks.fonts(writer).values()  # the writer's pages hold the same resources
    cmap = font["/ToUnicode"].get_object()
    extra = b"1 beginbfchar\n<EA60> <0416>\nendbfchar\n"
    cmap.set_data(cmap.get_data().replace(b"endcmap", extra + b"endcmap", 1))
    results = run(tmp_path, written(writer), pdfchecks.check_glyphs)
    assert results == [("error", 'PT-Serif: no glyph for "Ж" U+0416 (drawn as .notdef)')]


def test_replacement_characters_in_the_text_are_missing_glyphs(tmp_path):
    from weasyprint import HTML

    data = HTML(
        string='<style>@page { size: A6 } body { font-family: "PT Serif" }</style><p>A \ufffd B</p>'
    ).write_pdf()
    assert ("error", "p. 1: 1 replacement character(s) U+FFFD") in run(tmp_path, data, pdfchecks.check_glyphs)


# -- images ----------------------------------------------------------------------------------
@pytest.mark.parametrize(("dpi", "level"), [(320, "ok"), (600, "ok"), (200, "warning"), (100, "error")])
def test_image_resolution(tmp_path, dpi, level):
    results = run(tmp_path, image_pdf(dpi), pdfchecks.check_images)
    assert levels(results) == {level}, results
    if level != "ok":
        (_, detail), *_ = results
        assert detail.startswith("p. 1: image 240 x 160 px printed at") and detail.endswith(f"= {dpi} dpi")
    else:
        assert results == [("ok", "1 raster image(s), all 300 dpi or more")]


def test_no_images(tmp_path):
    assert run(tmp_path, blank_pdf(4), pdfchecks.check_images) == [("ok", "no raster images")]


# -- text position ------------------------------------------------------------------------------
def test_text_beyond_the_page_edge_is_an_error(tmp_path):
    results = run(tmp_path, helvetica_pdf(b"BT /F1 24 Tf -40 200 Td (Hello) Tj ET"), pdfchecks.check_text_area)
    assert levels(results) == {"error"} and "beyond the page edge" in results[0][1], results


def test_text_close_to_the_edge_is_a_warning(tmp_path):
    x = 1 * MM  # 1 mm from the left edge, inside the page
    data = helvetica_pdf(f"BT /F1 12 Tf {x:.2f} 200 Td (Hello) Tj ET".encode())
    results = run(tmp_path, data, pdfchecks.check_text_area)
    assert levels(results) == {"warning"} and "mm from the page edge" in results[0][1], results


def test_text_well_inside_is_ok(tmp_path):
    data = helvetica_pdf(b"BT /F1 12 Tf 60 200 Td (Hello) Tj ET")
    assert levels(run(tmp_path, data, pdfchecks.check_text_area)) == {"ok"}


# -- page boxes -------------------------------------------------------------------------------
def boxed_pdf(bleed_mm: float) -> bytes:
    writer = PdfWriter()
    for _ in range(4):
        page = writer.add_blank_page(A6[0] + 12 * MM, A6[1] + 12 * MM)
        page.trimbox = RectangleObject((6 * MM, 6 * MM, 6 * MM + A6[0], 6 * MM + A6[1]))
        g = (6 - bleed_mm) * MM
        page.bleedbox = RectangleObject((g, g, A6[0] + 12 * MM - g, A6[1] + 12 * MM - g))
    return written(writer)


def expected_boxes(width, height):
    """3 mm of bleed around the trimmed page, 6 mm of media."""
    return {"/BleedBox": (3 * MM, 3 * MM, width + 9 * MM, height + 9 * MM)}


def test_page_boxes_as_set(tmp_path):
    results = run(tmp_path, boxed_pdf(3), pdfchecks.check_boxes, "print", FAMILIES, expected_boxes)
    assert results == [("ok", "trim 105 x 148 mm, bleed and media boxes as set")]


def test_a_wrong_bleed_box_is_an_error(tmp_path):
    results = run(tmp_path, boxed_pdf(2), pdfchecks.check_boxes, "print", FAMILIES, expected_boxes)
    assert levels(results) == {"error"} and results[0][1].startswith("p. 1: /BleedBox ")
    assert results[-1] == ("error", "... and 1 more")  # four pages wrong, three shown


# -- the whole file ------------------------------------------------------------------------------
def test_check_file_runs_every_check(tmp_path, serif_pdf):
    path = tmp_path / "serif.pdf"
    path.write_bytes(serif_pdf)
    pdf = PdfFile(path, "pdf", FAMILIES)
    try:
        rows = check_file(pdf)
    finally:
        pdf.close()
    assert {name for name, _, _ in rows} == {
        "fonts embedded",
        "fonts named",
        "glyphs",
        "page count",
        "images",
        "text inside page",
    }
    assert {level for _, level, _ in rows} == {"ok"}, rows
