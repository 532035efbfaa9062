"""The print-shop PDF: the print HTML with bleed and crop marks, and TrimBox and BleedBox set.

The same HTML as the reading PDF, plus styles/print-shop.css and a few generated
rules (bleed, cover background, colour profile). WeasyPrint draws the crop marks
in the outer half of the CSS bleed area and caps its BleedBox at 10 pt, so the CSS
bleed is twice the requested bleed (the marks stand outside the bleed) and the
BleedBox is then set to the requested bleed with pypdf, in an incremental update
that leaves WeasyPrint's bytes (and any PDF/X or PDF/A metadata) untouched.
Fonts are embedded (subset) and images keep their full resolution: WeasyPrint
does not resample unless asked to.
"""

from __future__ import annotations

import html as html_escape
import io
from pathlib import Path
from urllib.parse import quote

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, RectangleObject
from tinycss2.color5 import parse_color

from .. import pdf, weasy
from ..errors import BuildError
from ..loader import PICTURE_SUFFIXES
from ..render import relative_url
from ..weasy import Layout
from .settings import MM, PrintSettings, settings_of

MARK_MM = 3.0  # crop marks stand at least this far outside the trim, and are as long
BOX_TOLERANCE = 0.01  # points


def css_bleed_mm(settings: PrintSettings) -> float:
    return 2 * max(settings.bleed_mm, MARK_MM)


def lay_out(project, edition, html: str, out_dir: Path) -> Layout:
    """The print-shop layout of the edition's print HTML, with WeasyPrint's warnings."""
    settings = settings_of(edition)
    sheet = project.styles / "print-shop.css"
    if not sheet.is_file():
        raise BuildError(f"no {project.show(sheet)}: the print-shop PDF needs it (crop marks)")
    extra = generated_css(edition, settings, out_dir)
    page = add_to_head(html, [relative_url(sheet, out_dir)], extra)
    roots = [edition.root, project.layouts, project.styles]  # as the reading layout (writers.Unit.roots)
    layout = weasy.lay_out(page, out_dir, roots, edition.fonts.values(), edition.inputs, project.show)
    layout.warnings += cover_notes(layout, edition, settings)
    return layout


def add_to_head(html: str, hrefs: list[str], css: str) -> str:
    at = html.find("</head>")
    if at < 0:
        raise BuildError("the print layout has no </head>: cannot add the print-shop styles")
    links = "".join(f'<link rel="stylesheet" href="{html_escape.escape(h)}">\n' for h in hrefs)
    return f"{html[:at]}{links}<style>\n{css}\n</style>\n{html[at:]}"


def generated_css(edition, settings: PrintSettings, out_dir: Path) -> str:
    rules = [f"@page {{ bleed: {css_bleed_mm(settings):g}mm; }}"]
    if settings.cover_background:
        rules.append(cover_css(edition, settings, out_dir))
    if settings.output_profile:
        url = relative_url(edition_file(edition, settings.output_profile, "output_profile"), out_dir)
        rules.append(f'@color-profile device-cmyk {{ src: url("{url}"); components: cyan, magenta, yellow, black; }}')
    return "\n".join(rules)


def cover_css(edition, settings: PrintSettings, out_dir: Path) -> str:
    """The front cover's background, filling the page and the bleed (not the marks)."""
    b = settings.bleed_mm
    layer = cover_layer(edition, settings.cover_background or "", out_dir)
    return (
        f"@page cover {{ background: {layer} -{b:g}mm -{b:g}mm / "
        f"calc(100% + {2 * b:g}mm) calc(100% + {2 * b:g}mm) no-repeat fixed; }}"
    )


def cover_layer(edition, value: str, out_dir: Path) -> str:
    if Path(value).suffix.lower() in PICTURE_SUFFIXES:
        return f'url("{relative_url(edition_file(edition, value, "cover_background"), out_dir)}")'
    if parse_color(value) is None:
        raise BuildError(
            f"print.cover_background: '{value}' is neither a CSS colour (like #d8262e) "
            f"nor a picture in the edition folder (like pictures/cover.jpg)"
        )
    # A background colour would also cover the crop marks' area: a sized picture stops at the bleed.
    svg = (
        "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10' viewBox='0 0 10 10' "
        f"preserveAspectRatio='none'><rect width='10' height='10' fill='{value}'/></svg>"
    )
    return f'url("data:image/svg+xml,{quote(svg)}")'


def edition_file(edition, name: str, key: str) -> Path:
    path = (edition.root / name).resolve()
    if not path.is_file():
        raise BuildError(f"print.{key}: no file {name} in {edition.root.name}/")
    return path


def cover_notes(layout: Layout, edition, settings: PrintSettings) -> list[str]:
    """A warning when the cover picture's proportions differ from the cover's with bleed."""
    value = settings.cover_background
    if not value or Path(value).suffix.lower() not in PICTURE_SUFFIXES - {".svg"}:
        return []
    from PIL import Image

    with Image.open(edition_file(edition, value, "cover_background")) as picture:
        ratio = picture.width / picture.height
    width, height = layout.page_size_px(0)
    w, h = width * 25.4 / 96 + 2 * settings.bleed_mm, height * 25.4 / 96 + 2 * settings.bleed_mm
    if abs(ratio / (w / h) - 1) <= 0.02:
        return []
    return [
        f"print.cover_background: {value} is stretched to fill the cover with its bleed "
        f"({w:.0f} x {h:.0f} mm); crop it to those proportions"
    ]


def write(layout: Layout, edition) -> bytes:
    """The print-shop PDF bytes, boxes set and checked."""
    settings = settings_of(edition)
    data = pdf.pdf_bytes(layout, set(edition.fonts.values()), edition.inputs, **write_options(settings))
    data = set_bleed_box(data, settings.bleed_mm)
    check_boxes(data, [(p.width * 0.75, p.height * 0.75) for p in layout.pages], settings)
    return data


def write_options(settings: PrintSettings) -> dict:
    options = {}
    variant = settings.pdf_variant
    if variant:
        variants = weasy.pdf_variants()
        if variant not in variants:
            raise BuildError(f"print.pdf_variant: unknown variant '{variant}' (known: {', '.join(sorted(variants))})")
        if variant.startswith("pdf/x") and not settings.output_profile:
            raise BuildError(
                f"print.pdf_variant: {variant} needs the print shop's CMYK profile: "
                "name its ICC file in print.output_profile"
            )
        options["pdf_variant"] = variant
    return options


def set_bleed_box(data: bytes, bleed_mm: float) -> bytes:
    """BleedBox = TrimBox grown by the bleed, on every page (an incremental update)."""
    writer = PdfWriter(io.BytesIO(data), incremental=True)
    grow = bleed_mm * MM
    for page in writer.pages:
        t = page.trimbox
        page.bleedbox = RectangleObject(
            [float(t.left) - grow, float(t.bottom) - grow, float(t.right) + grow, float(t.top) + grow]
        )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def expected_boxes(width: float, height: float, settings: PrintSettings) -> dict[str, tuple]:
    """MediaBox, BleedBox and TrimBox of a page of this trim size, in points (WeasyPrint's origin)."""

    def grown(by_mm):
        g = by_mm * MM
        return (-g, -g, width + g, height + g)

    return {"/MediaBox": grown(css_bleed_mm(settings)), "/BleedBox": grown(settings.bleed_mm), "/TrimBox": grown(0)}


def check_boxes(data: bytes, sizes: list[tuple[float, float]], settings: PrintSettings) -> None:
    """Read the boxes back: each page's must be what the settings ask for."""
    pages = PdfReader(io.BytesIO(data)).pages
    if len(pages) != len(sizes):
        raise BuildError(f"print-shop PDF: {len(pages)} pages written, {len(sizes)} laid out")
    for number, (page, size) in enumerate(zip(pages, sizes, strict=True), start=1):
        for name, want in expected_boxes(*size, settings).items():
            box = page[name].get_object() if name in page else None
            got = tuple(float(v) for v in box) if isinstance(box, ArrayObject) else ()
            if len(got) != 4 or any(abs(g - w) > BOX_TOLERANCE for g, w in zip(got, want, strict=True)):
                raise BuildError(f"print-shop PDF, page {number}: {name} is {got}, expected {want}")
