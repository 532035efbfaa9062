"""Print production: the home-printed booklet, the print-shop PDF, the proof sheet (and the preflight's parts).

Each writer returns (bytes, warnings); build.py writes the bytes atomically to
build/<edition>-<lang>-booklet.pdf, -print.pdf and -proof.png.
"""

from __future__ import annotations

from pathlib import Path

from ..render import print_html
from .impose import booklet
from .proof import contact_sheet
from .settings import PrintSettings, settings_of

__all__ = ["PrintSettings", "booklet_bytes", "print_pdf_bytes", "proof_bytes"]


def print_pdf_bytes(project, edition, out_dir: Path, settings: PrintSettings | None = None) -> tuple[bytes, list[str]]:
    """The print-shop PDF: bleed, crop marks, TrimBox and BleedBox, optional PDF/X or PDF/A."""
    from . import printshop  # deferred: WeasyPrint loads slowly, and the preflight command imports this package

    settings = settings or settings_of(edition)
    document, warnings = printshop.render(project, edition, out_dir, settings)
    return printshop.write(document, edition, settings), warnings


def booklet_bytes(project, edition, out_dir: Path, settings: PrintSettings | None = None) -> tuple[bytes, list[str]]:
    """The reading PDF's pages imposed for saddle stitching on A4, printed double-sided."""
    from .. import pdf  # deferred: WeasyPrint loads slowly, and the preflight command imports this package

    settings = settings or settings_of(edition)
    document, warnings = pdf.render(print_html(project, edition, out_dir), out_dir, project.root)
    data = pdf.pdf_bytes(document, set(edition.fonts.values()))
    sheets, notes = booklet(data, settings.creep_mm, title=edition.title)
    return sheets, warnings + notes


def proof_bytes(project, edition, out_dir: Path, settings: PrintSettings | None = None) -> tuple[bytes, list[str]]:
    """A PNG of every page, trimmed, as the spreads of the printed booklet."""
    from . import printshop  # deferred: WeasyPrint loads slowly, and the preflight command imports this package

    settings = settings or settings_of(edition)
    document, warnings = printshop.render(project, edition, out_dir, settings)
    data = printshop.write(document, edition, settings)
    note = (
        f"{len(document.pages)} pages, {edition.page_size}, as printed and trimmed: "
        f"page 1 alone on the right, then the spreads, the last page alone on the left"
    )
    png = contact_sheet(data, f"{edition.title} ({edition.name})", note, edition.fonts.get("display", "PT Sans"))
    return png, warnings
