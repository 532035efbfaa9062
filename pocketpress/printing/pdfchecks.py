"""Checks of one built PDF, read back as a print shop would: fonts, pages, boxes, text, images, glyphs.

Each check returns a list of (level, detail): level is "ok", "warning" or "error".
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Callable, Iterator

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from .settings import MM, mm

SAFE_MM = 3.0  # text closer than this to the trim edge is at risk when trimming
LOW_DPI, MIN_DPI = 300, 150
FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")
SHOWN = 3  # problems listed per check before "... and N more"

Result = tuple[str, str]


class PdfFile:
    """A built PDF opened with pypdf (structure) and pypdfium2 (text, images)."""

    def __init__(self, path, kind: str, families: set[str]):
        self.path, self.kind, self.families = path, kind, families
        self.data = path.read_bytes()
        self.reader = PdfReader(io.BytesIO(self.data))
        self.doc = pdfium.PdfDocument(self.data)

    def close(self):
        self.doc.close()


def listed(level: str, problems: list[str], ok: str) -> list[Result]:
    if not problems:
        return [("ok", ok)]
    shown = [(level, p) for p in problems[:SHOWN]]
    if len(problems) > SHOWN:
        shown.append((level, f"... and {len(problems) - SHOWN} more"))
    return shown


def graded(errors: list[str], warnings: list[str], ok: str) -> list[Result]:
    """Errors, then warnings; one "ok" row when there are neither."""
    if not errors and not warnings:
        return [("ok", ok)]
    return (listed("error", errors, "") if errors else []) + (listed("warning", warnings, "") if warnings else [])


# Fonts ----------------------------------------------------------------------


def fonts(reader: PdfReader) -> dict[int, tuple[str, object]]:
    """Every font used on any page or in any form XObject: id -> (name, font dictionary)."""
    found, seen = {}, set()

    def walk(resources):
        resources = resources.get_object() if resources is not None else None
        if not resources or id(resources) in seen:
            return
        seen.add(id(resources))
        for ref in (resources.get("/Font") or {}).values():
            font = ref.get_object()
            found[id(font)] = (str(font.get("/BaseFont", "/untitled"))[1:].split("+")[-1], font)
        for ref in list((resources.get("/XObject") or {}).values()) + list((resources.get("/Pattern") or {}).values()):
            walk(ref.get_object().get("/Resources"))

    for page in reader.pages:
        walk(page.get("/Resources"))
    return found


def descriptor(font):
    if font.get("/Subtype") == "/Type0":
        font = font["/DescendantFonts"][0].get_object()
    return font.get("/FontDescriptor"), font


def is_embedded(font) -> bool:
    if font.get("/Subtype") == "/Type3":
        return True
    desc, _ = descriptor(font)
    return desc is not None and any(key in desc.get_object() for key in FONT_FILES)


def check_embedded(pdf: PdfFile) -> list[Result]:
    used = fonts(pdf.reader).values()
    missing = sorted({name for name, font in used if not is_embedded(font)})
    return listed("error", [f"{name} is not embedded" for name in missing], f"{len(used)} font(s), all embedded")


def squeeze(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def check_named(pdf: PdfFile) -> list[Result]:
    allowed = [squeeze(f) for f in pdf.families]
    names = sorted({name for name, _ in fonts(pdf.reader).values()})
    stray = [n for n in names if not any(squeeze(n).startswith(a) for a in allowed)]
    return listed(
        "error", [f"text in {n}, a font the edition does not name" for n in stray], ", ".join(names) or "no text"
    )


# Glyphs ---------------------------------------------------------------------


def to_unicode(font) -> dict[int, str]:
    """Code -> text, from the font's ToUnicode CMap (bfchar and simple bfrange entries)."""
    cmap = font.get("/ToUnicode")
    if cmap is None:
        return {}
    text = cmap.get_object().get_data().decode("latin-1")
    pairs = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for code, uni in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>", block):
            pairs[int(code, 16)] = utf16(uni)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for lo, hi, start in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            for offset in range(int(hi, 16) - int(lo, 16) + 1):
                pairs[int(lo, 16) + offset] = chr(int(start, 16) + offset)
    return pairs


def utf16(hex_text: str) -> str:
    return bytes.fromhex(hex_text).decode("utf-16-be", "replace") if hex_text else ""


def notdef_text(font) -> list[str]:
    """Characters drawn with glyphs the embedded font lacks (WeasyPrint draws .notdef for them)."""
    if font.get("/Subtype") != "/Type0":
        return []
    desc, cid_font = descriptor(font)
    program = desc.get_object().get("/FontFile2") if desc is not None else None
    if program is None or cid_font.get("/CIDToGIDMap", "/Identity") != "/Identity":
        return []
    count = TTFont(io.BytesIO(program.get_object().get_data()), lazy=True)["maxp"].numGlyphs
    return [text for gid, text in to_unicode(font).items() if gid >= count]


def check_glyphs(pdf: PdfFile) -> list[Result]:
    problems = []
    for name, font in fonts(pdf.reader).values():
        problems += [f"{name}: no glyph for {describe(t)} (drawn as .notdef)" for t in notdef_text(font)]
    for number in range(len(pdf.doc)):
        count = pdf.doc[number].get_textpage().get_text_range().count("\ufffd")
        if count:
            problems.append(f"p. {number + 1}: {count} replacement character(s) U+FFFD")
    return listed("error", problems, "no missing glyphs")


def describe(text: str) -> str:
    return " ".join(f'"{c}" U+{ord(c):04X}' for c in text)


# Pages and boxes --------------------------------------------------------------


def check_page_count(pdf: PdfFile) -> list[Result]:
    n = len(pdf.reader.pages)
    if pdf.kind == "booklet":
        ok = n % 2 == 0
        return [("ok" if ok else "error", f"{n} sides ({n // 2} sheets)" if ok else f"{n} sides: not whole sheets")]
    if n % 4:
        return [("error", f"{n} pages: not a multiple of 4 (a folded booklet needs 4 pages per sheet)")]
    return [("ok", f"{n} pages")]


def box(page, name: str) -> tuple[float, ...] | None:
    value = page.get(name)
    return tuple(float(v) for v in value) if value is not None else None


def check_boxes(pdf: PdfFile, expected) -> list[Result]:
    """Print-shop PDF: every page has the MediaBox, BleedBox and TrimBox the settings ask for.
    expected(trim width, trim height) -> {box name: (x0, y0, x1, y1)}."""
    problems, sizes = [], set()
    for number, page in enumerate(pdf.reader.pages, start=1):
        trim = box(page, "/TrimBox")
        if trim is None:
            problems.append(f"p. {number}: no TrimBox")
            continue
        sizes.add((round(mm(trim[2] - trim[0]), 1), round(mm(trim[3] - trim[1]), 1)))
        for name, want in expected(trim[2] - trim[0], trim[3] - trim[1]).items():
            got = box(page, name)
            if got is None or len(got) != len(want) or any(abs(g - w) > 0.05 for g, w in zip(got, want, strict=True)):
                problems.append(f"p. {number}: {name} {fmt_box(got)}, expected {fmt_box(want)}")
    if len(sizes) > 1:
        problems.append("pages of different trim sizes: " + ", ".join(f"{w} x {h} mm" for w, h in sorted(sizes)))
    ok = ", ".join(f"trim {w:g} x {h:g} mm" for w, h in sorted(sizes))
    return listed("error", problems, ok + ", bleed and media boxes as set")


def fmt_box(values) -> str:
    return "missing" if values is None else "[" + " ".join(f"{v:.2f}" for v in values) + "]"


# Text position ----------------------------------------------------------------


def text_near_edges(page: pdfium.PdfPage) -> Iterator[tuple[str, float]]:
    """(text, gap in points to the nearest trim edge, negative outside) of each text run near an edge."""
    trim = page.get_trimbox()
    textpage = page.get_textpage()
    for i in range(textpage.count_rects()):
        rect = textpage.get_rect(i)
        gap = min(rect[0] - trim[0], rect[1] - trim[1], trim[2] - rect[2], trim[3] - rect[3])
        if gap < SAFE_MM * MM:
            yield " ".join(textpage.get_text_bounded(*rect).split())[:40], gap


def check_text_area(pdf: PdfFile) -> list[Result]:
    """Text outside the trimmed page is an error; text within SAFE_MM of its edge a warning."""
    outside, close = [], []
    for number in range(len(pdf.doc)):
        for text, gap in text_near_edges(pdf.doc[number]):
            if gap < 0:
                outside.append(f'p. {number + 1}: "{text}" {-mm(gap):.1f} mm beyond the page edge')
            else:
                close.append(f'p. {number + 1}: "{text}" {mm(gap):.1f} mm from the page edge')
    return graded(outside, close, f"all text inside the page, at least {SAFE_MM:g} mm from its edges")


# Images ---------------------------------------------------------------------


def placed_images(page: pdfium.PdfPage) -> Iterator[tuple[int, int, float, float]]:
    """(pixel width, pixel height, placed width pt, placed height pt) of every image, in forms too."""
    parents: dict[int, pdfium.PdfMatrix] = {}  # the matrix of the form object at each nesting level
    for obj in page.get_objects(max_depth=16):
        matrix = obj.get_matrix()
        if obj.level:
            matrix = matrix.multiply(parents[obj.level - 1])
        if obj.type == pdfium_c.FPDF_PAGEOBJ_FORM:
            parents[obj.level] = matrix
        elif obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            w_px, h_px = obj.get_px_size()
            yield w_px, h_px, math.hypot(matrix.a, matrix.b), math.hypot(matrix.c, matrix.d)


def check_images(pdf: PdfFile) -> list[Result]:
    low: list[str] = []
    too_low: list[str] = []
    count = 0
    for number in range(len(pdf.doc)):
        for w_px, h_px, w_pt, h_pt in placed_images(pdf.doc[number]):
            count += 1
            dpi = min(w_px / max(w_pt, 0.01), h_px / max(h_pt, 0.01)) * 72
            if dpi < LOW_DPI:
                size = f"{mm(w_pt):.0f} x {mm(h_pt):.0f} mm"
                (too_low if dpi < MIN_DPI else low).append(
                    f"p. {number + 1}: image {w_px} x {h_px} px printed at {size} = {dpi:.0f} dpi"
                )
    ok = f"{count} raster image(s), all {LOW_DPI} dpi or more" if count else "no raster images"
    return graded(too_low, low, ok)


def check_file(pdf: PdfFile, expected_boxes=None) -> list[tuple[str, str, str]]:
    """(check, level, detail) rows for one PDF."""
    checks: list[tuple[str, Callable[[PdfFile], list[Result]]]] = [
        ("fonts embedded", check_embedded),
        ("fonts named", check_named),
        ("glyphs", check_glyphs),
        ("page count", check_page_count),
        ("images", check_images),
    ]
    if pdf.kind != "booklet":
        checks.append(("text inside page", check_text_area))
    if expected_boxes is not None:
        checks.append(("page boxes", lambda p: check_boxes(p, expected_boxes)))
    return [(name, level, detail) for name, check in checks for level, detail in check(pdf)]
