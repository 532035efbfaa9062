"""Print production: booklet imposition, the print-shop PDF, the proof sheet, the preflight."""

from __future__ import annotations

import dataclasses
import io
import re
from importlib.resources import files

import pypdfium2 as pdfium
import pytest
from pdfmaker import helvetica_pdf  # tests/pdfmaker.py
from PIL import Image
from pypdf import PdfReader
from weasyprint import HTML

from pocketpress.build import execute, plan
from pocketpress.cli import main
from pocketpress.errors import BuildError
from pocketpress.loader import load_edition
from pocketpress.printing.impose import booklet, sides
from pocketpress.printing.pdfchecks import PdfFile, check_file, placed_images
from pocketpress.printing.preflight import beyond_margins
from pocketpress.printing.proof import BACKGROUND, HEADER, MARGIN, spreads
from pocketpress.printing.settings import MM, PrintSettings
from pocketpress.writers import Unit

A4 = (595.28, 841.89)
A6 = (297.64, 419.53)


# Helpers -------------------------------------------------------------------------


def print_pdf_bytes(project, edition, settings):
    """The print-shop PDF of edition with other print settings, and its warnings, through the build unit."""
    unit = Unit(project, dataclasses.replace(edition, print_settings=settings), project.build)
    return unit.printshop_pdf, unit.printshop_layout.warnings


def numbered_pdf(count: int, size: str = "A6") -> bytes:
    """A PDF whose pages carry nothing but their number, large."""
    pages = "".join(f'<div class="p">{i}</div>' for i in range(1, count + 1))
    css = (
        f'@page {{ size: {size}; margin: 0 }} body {{ margin: 0; font-family: "PT Sans" }}'
        ".p { height: 100vh; font-size: 60pt; text-align: center; padding-top: 40mm; box-sizing: border-box;"
        " break-after: page } .p:last-child { break-after: auto }"
    )
    return HTML(string=f"<style>{css}</style>{pages}").write_pdf()


def texts_by_region(data: bytes) -> list[list[tuple[str, str]]]:
    """For each sheet side: per row, top first, the text of its (left, right) half."""
    doc = pdfium.PdfDocument(data)
    result = []
    for i in range(len(doc)):
        page = doc[i]
        w, h = page.get_size()
        rows = 2 if h > w else 1
        text = page.get_textpage()
        result.append(
            [
                tuple(
                    " ".join(text.get_text_bounded(x0, h - (r + 1) * h / rows, x1, h - r * h / rows).split())
                    for x0, x1 in ((0, w / 2), (w / 2, w))
                )
                for r in range(rows)
            ]
        )
    return result


def number_centres(data: bytes, side: int) -> dict[int, float]:
    """Page number -> horizontal centre (points) of that number on one side of the booklet."""
    text = pdfium.PdfDocument(data)[side].get_textpage()
    centres = {}
    for i in range(text.count_rects()):
        left, bottom, right, top = text.get_rect(i)
        centres[int(text.get_text_bounded(left, bottom, right, top).strip())] = (left + right) / 2
    return centres


def build(project, fmt: str):
    the_plan = plan(project, [fmt], force=True)
    assert not the_plan.problems, the_plan.problems
    results = execute(project, the_plan.jobs, workers=1)
    assert [r.status for r in results] == ["built"], results
    return the_plan.jobs[0].output, results[0].warnings


def boxes(page) -> dict[str, tuple[float, ...]]:
    return {name: tuple(float(v) for v in page[name]) for name in ("/MediaBox", "/BleedBox", "/TrimBox")}


def grown(by_mm: float, size=A6):
    g = by_mm * MM
    return pytest.approx((-g, -g, size[0] + g, size[1] + g), abs=0.02)


def flagged(out: str) -> list[str]:
    """Lines of the preflight table whose result is an error or a warning."""
    return [line for line in out.splitlines() if re.search(r"\s(ERROR|warning)\s", line)]


def check(project, capsys, *args):
    status = main(["--project", str(project.root), "check", *args])
    out = capsys.readouterr()
    return status, out.out + out.err


# Imposition ----------------------------------------------------------------------


def test_a6_pages_go_four_to_a_side_for_cut_and_stack():
    data, notes = booklet(numbered_pdf(16))
    assert notes == []
    assert [p.mediabox[2:] for p in PdfReader(io.BytesIO(data)).pages] == [pytest.approx(A4, abs=0.01)] * 4
    assert texts_by_region(data) == [
        [("16", "1"), ("12", "5")],  # sheet 1, front: top half outer sheet, bottom half the third
        [("2", "15"), ("6", "11")],  # sheet 1, back
        [("14", "3"), ("10", "7")],  # sheet 2, front
        [("4", "13"), ("8", "9")],  # sheet 2, back
    ]


def test_an_odd_number_of_half_sheets_leaves_the_last_bottom_half_blank():
    data, _ = booklet(numbered_pdf(12))
    assert texts_by_region(data) == [
        [("12", "1"), ("8", "5")],
        [("2", "11"), ("6", "7")],
        [("10", "3"), ("", "")],
        [("4", "9"), ("", "")],
    ]


def test_a5_pages_go_two_to_a_landscape_side():
    data, _ = booklet(numbered_pdf(8, "A5"))
    reader = PdfReader(io.BytesIO(data))
    assert [tuple(p.mediabox[2:]) for p in reader.pages] == [pytest.approx(A4[::-1], abs=0.01)] * 4
    assert "flip on short edge" in reader.metadata["/Subject"]
    assert texts_by_region(data) == [[("8", "1")], [("2", "7")], [("6", "3")], [("4", "5")]]


@pytest.mark.parametrize("pages", [4, 8, 12, 16, 24, 28, 64])
@pytest.mark.parametrize("rows", [1, 2])
def test_cut_stack_and_fold_gives_the_pages_in_reading_order(pages, rows):
    """Follow docs/printing.md: print duplex (the back of a half is behind the front seen
    through the paper: its left is the front's right), cut every sheet across the middle,
    put the stack of top halves on the stack of bottom halves, fold the stack."""
    printed = sides(pages, rows)
    halves = [[] for _ in range(rows)]
    for front, back in zip(printed[::2], printed[1::2], strict=True):
        for row in range(rows):
            if front[row]:
                halves[row].append((front[row][1], back[row][1]))
    stack = [half for row in halves for half in row]  # outermost first
    reading = [p for front, back in stack for p in (front[1], back[0])]
    reading += [p for front, back in reversed(stack) for p in (back[1], front[0])]
    assert reading == list(range(1, pages + 1))


def test_creep_moves_the_inner_pages_toward_the_fold():
    source = numbered_pdf(16)
    plain, creeping = booklet(source)[0], booklet(source, creep_mm=2.0)[0]

    def moved(side, page):  # points moved to the right
        return number_centres(creeping, side)[page] - number_centres(plain, side)[page]

    assert moved(0, 1) == pytest.approx(0, abs=0.01)  # outermost sheet: no shift
    assert moved(0, 5) == pytest.approx(-2 * MM * 2 / 3, abs=0.01)  # third sheet of four, right page
    assert moved(2, 7) == pytest.approx(-2 * MM, abs=0.01)  # innermost, right page: to the left
    assert moved(2, 10) == pytest.approx(2 * MM, abs=0.01)  # innermost, left page: to the right


def test_pages_larger_than_a5_are_refused():
    with pytest.raises(BuildError, match="A5 size or smaller"):
        booklet(numbered_pdf(4, "A4"))


def test_the_mini_booklet_is_imposed_from_the_edition(mini):
    path, _ = build(mini, "booklet")
    front, back = [
        [tuple(t.replace(" ", "") for t in row) for row in side]  # titles are letter-spaced
        for side in texts_by_region(path.read_bytes())
    ]
    (back_cover, cover), (page6, contents) = front
    assert "EN99" in back_cover and "ASMALLTEST" in cover and "CONTENTS" in contents
    assert "Asecondparagraph" in page6
    (imprint, second), (introduction, first) = back
    assert "example.org" in imprint and "THESECONDCHAPTER" in second
    assert "Wepublishhere" in introduction and "THEFIRSTCHAPTER" in first


# The print-shop PDF ----------------------------------------------------------------


def test_print_pdf_has_trim_bleed_and_media_boxes(mini):
    path, warnings = build(mini, "print")
    assert warnings == []
    reader = PdfReader(path)
    assert len(reader.pages) % 4 == 0
    for page in reader.pages:
        assert boxes(page) == {"/MediaBox": grown(6), "/BleedBox": grown(3), "/TrimBox": grown(0)}
    pdf = PdfFile(path, "print", {"PT Serif", "PT Sans", "PT Mono"})
    assert [r for r in check_file(pdf, None) if r[1] != "ok"] == []


def test_bleed_cover_colour_and_crop_marks(mini):
    edition = load_edition(mini, "mini", "en")
    settings = PrintSettings(bleed_mm=5, cover_background="#d8262e")
    data, warnings = print_pdf_bytes(mini, edition, settings)
    assert warnings == []
    reader = PdfReader(io.BytesIO(data))
    assert boxes(reader.pages[0]) == {"/MediaBox": grown(10), "/BleedBox": grown(5), "/TrimBox": grown(0)}
    px = 10  # pixels per mm
    document = pdfium.PdfDocument(data)
    cover = document[0].render(scale=px / MM).to_pil().convert("RGB")
    middle = cover.height // 2
    assert cover.getpixel((7 * px, middle)) == (216, 38, 46)  # 3 mm outside the trim: bleed, coloured
    assert cover.getpixel((3 * px, middle)) == (255, 255, 255)  # 7 mm outside: beyond the bleed, white
    mark = [cover.getpixel((10 * px, y)) for y in range(1 * px, 4 * px)]
    assert all(sum(rgb) < 200 for rgb in mark)  # the crop mark on the trim line, outside
    inside = document[1].render(scale=px / MM).to_pil().convert("RGB")
    assert inside.getpixel((7 * px, middle)) == (255, 255, 255)  # only the cover has the background


def test_cover_picture_of_other_proportions_is_reported(mini):
    picture = mini.content / "mini/pictures/cover.png"
    Image.new("RGB", (400, 400), "#2a6").save(picture)
    edition = load_edition(mini, "mini", "en")
    _, warnings = print_pdf_bytes(mini, edition, PrintSettings(cover_background="pictures/cover.png"))
    assert len(warnings) == 1 and "stretched" in warnings[0] and "111 x 154 mm" in warnings[0]


@pytest.mark.parametrize(
    "settings, message",
    [
        (PrintSettings(cover_background="no-such-colour"), "neither a CSS colour"),
        (PrintSettings(cover_background="pictures/missing.jpg"), "no file pictures/missing.jpg"),
        (PrintSettings(pdf_variant="pdf/z"), "unknown variant"),
        (PrintSettings(pdf_variant="pdf/x-4"), "output_profile"),
    ],
)
def test_bad_print_settings_stop_the_build(mini, settings, message):
    edition = load_edition(mini, "mini", "en")
    with pytest.raises(BuildError, match=message):
        print_pdf_bytes(mini, edition, settings)


def test_pdf_a_variant_keeps_the_boxes(mini):
    edition = load_edition(mini, "mini", "en")
    data, _ = print_pdf_bytes(mini, edition, PrintSettings(pdf_variant="pdf/a-3b"))
    reader = PdfReader(io.BytesIO(data))
    assert "/OutputIntents" in reader.trailer["/Root"]
    assert b"pdfaid:part" in reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert boxes(reader.pages[0])["/BleedBox"] == grown(3)


def test_pdf_x_variant_takes_the_output_profile(mini):
    """No CMYK profile ships with the tests: WeasyPrint's sRGB profile stands in, to check the plumbing."""
    (mini.content / "mini/profile.icc").write_bytes((files("weasyprint.pdf") / "sRGB2014.icc").read_bytes())
    edition = load_edition(mini, "mini", "en")
    settings = PrintSettings(pdf_variant="pdf/x-4", output_profile="profile.icc")
    reader = PdfReader(io.BytesIO(print_pdf_bytes(mini, edition, settings)[0]))
    intent = reader.trailer["/Root"]["/OutputIntents"][0].get_object()
    assert intent["/S"] == "/GTS_PDFX" and "/DestOutputProfile" in intent
    assert boxes(reader.pages[0]) == {"/MediaBox": grown(6), "/BleedBox": grown(3), "/TrimBox": grown(0)}


def test_print_pdf_keeps_pictures_at_full_resolution(mini):
    Image.new("RGB", (1500, 1000), "#468").save(mini.content / "mini/pictures/big.png")
    yaml_path = mini.content / "mini/edition.yaml"
    yaml_path.write_text(yaml_path.read_text().replace("pictures/first.svg", "pictures/big.png"))
    edition = load_edition(mini, "mini", "en")
    data, _ = print_pdf_bytes(mini, edition, PrintSettings())
    document = pdfium.PdfDocument(data)
    found = [image[:2] for i in range(len(document)) for image in placed_images(document[i])]
    assert found == [(1500, 1000)]


# The proof sheet ------------------------------------------------------------------


def test_spreads_as_printed():
    assert spreads(8) == [(None, 1), (2, 3), (4, 5), (6, 7), (8, None)]


def test_proof_shows_every_page_in_spreads(mini):
    path, _ = build(mini, "proof")
    sheet = Image.open(path).convert("RGB")
    page_w = 200
    page_h = round(page_w * A6[1] / A6[0])
    assert sheet.width == 2 * MARGIN + 4 * 2 * page_w + 3 * 36  # four spreads to a row
    first_row = HEADER + page_h // 2
    empty = sheet.getpixel((MARGIN + page_w // 2, first_row))  # left of page 1: nothing
    cover = sheet.crop((MARGIN + page_w + 10, HEADER + 10, MARGIN + 2 * page_w - 10, HEADER + page_h - 10))
    assert empty == Image.new("RGB", (1, 1), BACKGROUND).getpixel((0, 0))
    assert max(cover.getcolors(1 << 16))[1] == (255, 255, 255)  # page 1 is there: mostly paper


# The preflight --------------------------------------------------------------------


def crafted_pdf(pages: int) -> bytes:
    """Pages of A6; the first says Hello in Helvetica (not embedded), half of it off the page."""
    return helvetica_pdf(b"BT /F1 24 Tf -40 200 Td (Hello) Tj ET", pages)


def results_of(path, kind="pdf", families=("PT Serif", "PT Sans", "PT Mono")):
    pdf = PdfFile(path, kind, set(families))
    try:
        return {(name, level) for name, level, _ in check_file(pdf)}
    finally:
        pdf.close()


def test_preflight_is_clean_on_the_mini_edition(mini, capsys):
    for fmt in ("pdf", "print", "booklet"):
        build(mini, fmt)
    status, out = check(mini, capsys)
    assert status == 0, out
    assert [line for line in flagged(out) if "up to date" not in line] == []  # others may edit the toolkit meanwhile
    assert "mini-en-print.pdf" in out and "mini-en-booklet.pdf" in out and "page boxes" in out


def test_preflight_catches_a_low_resolution_picture(mini, capsys):
    Image.new("RGB", (24, 16), "#468").save(mini.content / "mini/pictures/tiny.png")
    yaml_path = mini.content / "mini/edition.yaml"
    yaml_path.write_text(yaml_path.read_text().replace("pictures/first.svg", "pictures/tiny.png"))
    build(mini, "pdf")
    status, out = check(mini, capsys)
    assert status == 2
    line = next(line for line in out.splitlines() if "images" in line)
    assert "ERROR" in line and "24 x 16 px" in line and "dpi" in line


def test_preflight_catches_unembedded_fonts_text_off_the_page_and_a_bad_page_count(mini, capsys, tmp_path):
    path = tmp_path / "crafted.pdf"
    path.write_bytes(crafted_pdf(6))
    found = results_of(path)
    assert {
        ("fonts embedded", "error"),
        ("fonts named", "error"),
        ("page count", "error"),
        ("text inside page", "error"),
    } <= found
    assert ("images", "ok") in found and ("glyphs", "ok") in found
    (mini.build).mkdir(parents=True, exist_ok=True)
    (mini.build / "mini-en.pdf").write_bytes(path.read_bytes())
    status, out = check(mini, capsys)
    assert status == 2 and "Helvetica is not embedded" in out and "6 pages: not a multiple of 4" in out


def test_preflight_catches_missing_glyphs(tmp_path):
    from pocketpress.weasy import font_configuration  # only PT Serif, whatever else the machine has

    path = tmp_path / "notdef.pdf"
    HTML(
        string='<style>@page { size: A6 } body { font-family: "PT Serif" }</style>'
        "<p>A sign PT Serif does not have: \U00016a40.</p>"
    ).write_pdf(path, font_config=font_configuration(["PT Serif"], tmp_path))
    assert ("glyphs", "error") in results_of(path)


def test_preflight_finds_text_beyond_the_margins():
    document = HTML(
        string="<style>@page { size: A6; margin: 15mm } p { hyphens: manual }</style>"
        "<p>Fine words.</p><p>" + "unbreakable" * 8 + "</p>"
    ).render()
    found = beyond_margins(document)
    assert len(found) == 1 and "right margin" in found[0] and "p. 1" in found[0]


def test_preflight_warns_about_outdated_pdfs(mini, capsys):
    build(mini, "pdf")
    chapter = mini.content / "mini/en/second.md"
    chapter.write_text(chapter.read_text() + "\nOne more paragraph.\n")
    status, out = check(mini, capsys)
    assert status == 0
    assert [line.split()[:3] for line in flagged(out)] == [["mini-en.pdf", "up", "to"]]
    assert check(mini, capsys, "--strict")[0] == 2


def test_preflight_reports_a_file_that_is_not_a_pdf(mini, capsys):
    mini.build.mkdir(parents=True)
    (mini.build / "mini-en-print.pdf").write_bytes(b"half a download")
    status, out = check(mini, capsys)
    assert status == 2 and "not a readable PDF" in out


def test_preflight_with_nothing_built_says_so(mini, capsys):
    status, out = check(mini, capsys)
    assert status == 2 and "Nothing to check" in out


# The real edition (one build per output) -------------------------------------------

REAL = ("voices-from-ukraine", "en")


@pytest.fixture
def real(project):
    assert (project.content / REAL[0] / REAL[1]).is_dir(), "the English edition must ship"
    return project


@pytest.mark.slow
def test_real_booklet(real, built):
    reader = PdfReader(built(*REAL, "booklet"))
    pages = len(PdfReader(built(*REAL, "print")).pages)
    assert len(reader.pages) == 2 * -(-pages // 8)
    assert tuple(reader.pages[0].mediabox[2:]) == pytest.approx(A4, abs=0.01)


@pytest.mark.slow
def test_real_print_pdf_and_proof(real, built):
    for page in PdfReader(built(*REAL, "print")).pages:
        assert boxes(page) == {"/MediaBox": grown(6), "/BleedBox": grown(3), "/TrimBox": grown(0)}
    proof = Image.open(built(*REAL, "proof"))
    assert proof.format == "PNG" and proof.width == 2 * MARGIN + 4 * 2 * 200 + 3 * 36


@pytest.mark.slow
def test_preflight_is_clean_on_the_real_edition(real, built, capsys):
    built(*REAL, "booklet"), built(*REAL, "print")
    status = main(
        ["--project", str(real.root), "--out", str(real.build), "check", "--edition", REAL[0], "--langs", REAL[1]]
    )
    out = capsys.readouterr().out
    assert status == 0, out
    assert [line for line in flagged(out) if "ERROR" in line] == []


def test_preflight_reports_the_page_faults(mini, capsys):
    """An edition stylesheet that breaks the page after each opener leaves the chapter's date alone at the foot,
    and the one paragraph of the second chapter alone on its last page."""
    (mini.content / "mini/breaks.css").write_text(".opener { break-after: page }\n")
    yaml_path = mini.content / "mini/edition.yaml"
    yaml_path.write_text(yaml_path.read_text().replace("page_size: A6", "page_size: A6\nstyles: [breaks.css]"))
    build(mini, "pdf")
    status, out = check(mini, capsys)
    assert status == 0, out  # warnings; --strict makes them fail
    heading = "a heading or display line is alone at the foot of the page, its text on the next"
    assert [re.sub(r"element \d+", "element N", " ".join(line.split())) for line in flagged(out)] == [
        f'headings at foot warning p. 5 (PDF page 5): {heading} (element N, line 1): "SEPTEMBER 6, 2024"',
        f'headings at foot warning p. 9 (PDF page 9): {heading} (element N, line 1): "SEPTEMBER 22, 2024"',
        "short last pages warning p. 10 (PDF page 10): the last page of the part holds a single line "
        '(#ch-second-1, line 1): "Only one paragraph here."',
    ]
    for name in ("widows", "orphans", "hyphen at recto foot", "loose lines"):
        assert re.search(rf"\s{name}\s+ok\s", out), name
    assert check(mini, capsys, "--strict")[0] == 2
