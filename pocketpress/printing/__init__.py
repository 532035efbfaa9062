"""Print production: the home-printed booklet, the print-shop PDF, the proof sheet, the preflight.

Each writer returns (bytes, warnings); build.py writes the bytes atomically to
build/<edition>-<lang>-booklet.pdf, -print.pdf and -proof.png.
"""

from __future__ import annotations

from pathlib import Path

from .settings import PrintSettings, settings_of

__all__ = ["PrintSettings", "add_parser", "booklet_bytes", "print_pdf_bytes", "proof_bytes"]


def print_pdf_bytes(project, edition, out_dir: Path, settings: PrintSettings | None = None) -> tuple[bytes, list[str]]:
    """The print-shop PDF: bleed, crop marks, TrimBox and BleedBox, optional PDF/X or PDF/A."""
    from . import printshop

    settings = settings or settings_of(edition)
    document, warnings = printshop.render(project, edition, out_dir, settings)
    return printshop.write(document, edition, settings), warnings


def booklet_bytes(project, edition, out_dir: Path, settings: PrintSettings | None = None) -> tuple[bytes, list[str]]:
    """The reading PDF's pages imposed for saddle stitching on A4, printed double-sided."""
    from .. import pdf
    from ..render import print_html
    from .impose import booklet

    settings = settings or settings_of(edition)
    document, warnings = pdf.render(print_html(project, edition, out_dir), out_dir, project.root)
    data = pdf.pdf_bytes(document, set(edition.fonts.values()))
    sheets, notes = booklet(data, settings.creep_mm, title=edition.title)
    return sheets, warnings + notes


def proof_bytes(project, edition, out_dir: Path, settings: PrintSettings | None = None) -> tuple[bytes, list[str]]:
    """A PNG of every page, trimmed, as the spreads of the printed booklet."""
    from . import printshop
    from .proof import contact_sheet

    settings = settings or settings_of(edition)
    document, warnings = printshop.render(project, edition, out_dir, settings)
    data = printshop.write(document, edition, settings)
    note = (
        f"{len(document.pages)} pages, {edition.page_size}, as printed and trimmed: "
        f"page 1 alone on the right, then the spreads, the last page alone on the left"
    )
    png = contact_sheet(data, f"{edition.title} ({edition.name})", note, edition.fonts.get("display", "PT Sans"))
    return png, warnings


def add_parser(sub) -> None:
    """`pocketpress check`; the preflight code (and WeasyPrint) load only when it runs."""
    parser = sub.add_parser("check", help="preflight of the built PDFs in build/ (fonts, pages, boxes, images, glyphs)")
    parser.add_argument("--edition", action="append", help="only these editions (slugs, comma-separated)")
    parser.add_argument("--langs", action="append", help="only these languages (comma-separated)")
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")
    parser.set_defaults(func=_check)


def _check(args) -> int:
    from .preflight import cmd_check

    return cmd_check(args)
