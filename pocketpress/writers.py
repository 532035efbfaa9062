"""One writer per output format, all fed from one build unit per edition and language.

A `Unit` renders the print HTML once and lays it out once (lazily: only when a
requested format needs it). The reading PDF, the booklet, the EPUB's page list
and cover, and the proof sheet all come from that one layout. Only the
print-shop PDF (bleed, crop marks, cover background) is laid out again, from the
same HTML plus its own styles. Each writer returns (bytes, warnings).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from pathlib import Path

from . import evenlines, pdf, weasy
from .errors import BuildError
from .formats import NAMES
from .model import Edition
from .printing.settings import settings_of
from .render import picture_warnings, print_html

# The EPUB and print-production modules are imported by the writers that use them:
# they load EbookLib, lxml and pypdf, which a PDF build does not need (0.16 s of its start-up).


class Unit:
    """What the outputs of one edition in one language share, each made at most once."""

    def __init__(self, project, edition: Edition, out_dir: Path):
        self.project, self.edition, self.out_dir = project, edition, out_dir

    @cached_property
    def html(self) -> str:
        """The print edition as one HTML document whose links resolve from out_dir."""
        return print_html(self.project, self.edition, self.out_dir)

    @cached_property
    def _even(self) -> tuple[str, weasy.Layout]:
        families = self.edition.fonts.values()

        def lay_out(html: str) -> weasy.Layout:
            return weasy.lay_out(html, self.out_dir, self.roots, families, self.sources, self.project.show)

        return self._lined("reading", lay_out)

    def _lined(self, kind: str, lay_out: evenlines.LayOut) -> tuple[str, weasy.Layout]:
        return evenlines.lay_out_kept(self.html, lay_out, self.edition, self.out_dir, kind, self.roots)

    @property
    def lined_html(self) -> str:
        """The print HTML with the justified paragraphs' lines fixed (evenlines): what is laid out."""
        return self._even[0]

    @property
    def layout(self) -> weasy.Layout:
        """The print edition laid out: the one layout the reading outputs share."""
        return self._even[1]

    @property
    def roots(self) -> list[Path]:
        """The folders a layout may read files from: the edition's, and the shared layouts/ and styles/."""
        return [self.edition.root, self.project.layouts, self.project.styles]

    @property
    def sources(self) -> list[Path]:
        """The Markdown and CSS files that may ask for other files (to say where a refused one was named)."""
        return [*self.edition.inputs, *sorted(self.project.styles.glob("*.css"))]

    @cached_property
    def reading_pdf(self) -> bytes:
        """Tagged (structure tree, /Lang, alt text, decoration as artifacts): the accessible PDF."""
        fonts = set(self.edition.fonts.values())
        return pdf.pdf_bytes(self.layout, fonts, self.edition.inputs, self.project.show, tagged=True)

    @cached_property
    def printshop_layout(self) -> weasy.Layout:
        """The print-shop layout: bleed, crop marks and cover background need a layout of their own."""
        from .printing import printshop

        def lay_out(html: str) -> weasy.Layout:
            return printshop.lay_out(self.project, self.edition, html, self.out_dir)

        if "_even" in self.__dict__:  # the lines are fixed already (the reading layout was made)
            return lay_out(self.lined_html)
        # the print-shop layout measures the paragraphs as well as the reading one: one layout fewer
        kind = f"print-shop {settings_of(self.edition)!r}"  # its styles are added by printshop.lay_out
        return self._lined(kind, lay_out)[1]

    @cached_property
    def printshop_pdf(self) -> bytes:
        from .printing import printshop

        return printshop.write(self.printshop_layout, self.edition)


def write_html(unit: Unit) -> tuple[bytes, list[str]]:
    """The HTML the reading PDF is laid out from: its justified paragraphs' lines fixed (evenlines), so that
    WeasyPrint alone (`weasyprint build/<name>.html`) makes the same pages as `make pdf`."""
    return unit.lined_html.encode("utf-8"), list(unit.layout.warnings)


def write_pdf(unit: Unit) -> tuple[bytes, list[str]]:
    return unit.reading_pdf, unit.layout.warnings + picture_warnings(unit.edition)


def write_epub(unit: Unit) -> tuple[bytes, list[str]]:
    from . import epub

    data, warnings = epub.epub_bytes(unit.project, unit.edition, unit.layout)
    return data, unit.layout.warnings + warnings + picture_warnings(unit.edition)


def write_booklet(unit: Unit) -> tuple[bytes, list[str]]:
    """The reading PDF's pages imposed for saddle stitching on A4, printed double-sided."""
    from .printing.impose import booklet

    creep = settings_of(unit.edition).creep_mm
    sheets, notes = booklet(unit.reading_pdf, creep, title=unit.edition.title)
    return sheets, unit.layout.warnings + notes


def write_print(unit: Unit) -> tuple[bytes, list[str]]:
    """The print-shop PDF: bleed, crop marks, TrimBox and BleedBox, optional PDF/X or PDF/A."""
    return unit.printshop_pdf, list(unit.printshop_layout.warnings)


def write_proof(unit: Unit) -> tuple[bytes, list[str]]:
    """A PNG of every page, trimmed, as the spreads of the printed booklet.

    From the reading layout, unless the edition has a cover background: that is
    printed only in the print-shop PDF, and the proof shows the cover as printed.
    """
    from .printing.proof import contact_sheet

    edition = unit.edition
    shop = bool(settings_of(edition).cover_background)
    data, layout = (unit.printshop_pdf, unit.printshop_layout) if shop else (unit.reading_pdf, unit.layout)
    note = (
        f"{len(layout.pages)} pages, {edition.page_size}, as printed and trimmed: "
        f"page 1 alone on the right, then the spreads, the last page alone on the left"
    )
    title = f"{edition.title} ({edition.name})"
    return contact_sheet(data, title, note, edition.fonts.get("display", "PT Sans")), list(layout.warnings)


# One writer per format of formats.py, named write_<format>: a format without one fails here, on import.
WRITERS: dict[str, Callable[[Unit], tuple[bytes, list[str]]]] = {name: globals()[f"write_{name}"] for name in NAMES}


def write(unit: Unit, fmt: str) -> tuple[bytes, list[str]]:
    try:
        writer = WRITERS[fmt]
    except KeyError:
        raise BuildError(f"unknown output format '{fmt}'") from None
    data, warnings = writer(unit)
    return data, list(unit.edition.todos) + warnings
