"""The preflight's layout pass: the print-shop layout again, for WeasyPrint's warnings and overset text.

The build prints WeasyPrint's warnings once and does not keep them, so the check
(commands/check.py) lays the edition out again rather than trusting a record, and
looks for text that runs beyond the page margins, and for the faults of the pages
(`faults`: pagecheck.py on the layout's lines, spacing.py on its PDF).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import BuildError

if TYPE_CHECKING:
    from ..weasy import Layout
    from .pagecheck import Fault

MARGIN_TOLERANCE = 0.75  # CSS px a line may stand out of the page area


@dataclass(frozen=True)
class Row:
    target: str
    check: str
    level: str
    detail: str


def layout_rows(project, edition) -> list[Row]:
    """The print-shop layout again: WeasyPrint's warnings and text beyond the margins."""
    # deferred: WeasyPrint, Jinja and pypdf load slowly, and the build command imports this module's Row
    from .. import evenlines
    from ..render import print_html
    from . import printshop
    from .pdfchecks import listed
    from .settings import settings_of

    target = f"{edition.name} (layout)"

    def lay_out(html: str) -> Layout:
        return printshop.lay_out(project, edition, html, project.build)

    # the print-shop layout as `make print` makes it, its lines taken from the same store (writers.Unit)
    kind = f"print-shop {settings_of(edition)!r}"
    roots = [edition.root, project.layouts, project.styles]
    try:
        html = print_html(project, edition, project.build)
        _, layout = evenlines.lay_out_kept(html, lay_out, edition, project.build, kind, roots)
    except BuildError as exc:
        return [Row(target, "renders", "error", str(exc))]
    data = layout.pdf()  # the characters no font has are found while the PDF is written (Layout.missing_glyphs)
    from ..pdf import glyph_line

    tried = ", ".join(sorted(set(edition.fonts.values())))
    notdef = [w for w in layout.warnings if ".notdef" in w]
    notdef += [glyph_line(g, edition.inputs, project.show, tried) for g in layout.missing_glyphs]
    others = [w for w in layout.warnings if ".notdef" not in w]
    results = [("missing glyphs", *r) for r in listed("error", notdef, "every character has a glyph")]
    results += [("renderer warnings", *r) for r in listed("warning", others, "none")]
    results += [("text in margins", *r) for r in listed("warning", beyond_margins(layout), "none")]
    results += page_rows(layout, data, edition)
    return [Row(target, *result) for result in results]


CHECKS = {  # pagecheck kind -> the check's name in the table, and what "ok" says
    "widow": ("widows", "no paragraph's last line alone at the top of a page"),
    "orphan": ("orphans", "no paragraph's first line alone at the foot of a page"),
    "heading at foot": ("headings at foot", "no heading or display line alone at the foot of a page"),
    "hyphen at recto foot": ("hyphen at recto foot", "no right-hand page ends in a hyphen"),
    "single-line last page": ("short last pages", "no chapter's last page holds a single line"),
    "loose line": ("loose lines", "no word space over 3x the natural space"),
    "hyphen pairs": ("hyphen pairs", "no chapter with more than two pairs of hyphenated lines in a row"),
}


def page_rows(layout: Layout, data: bytes, edition) -> list[tuple[str, str, str]]:
    """The page checks of the layout and of its PDF (data), one group of rows per kind of fault."""
    from .pdfchecks import listed  # deferred: pypdf loads slowly

    rows = []
    for kind, found in faults(layout, data, edition).items():
        name, ok = CHECKS[kind]
        rows += [(name, *r) for r in listed("warning", [str(f) for f in found], ok)]
    return rows


def faults(layout: Layout, data: bytes, edition) -> dict[str, list[Fault]]:
    """Every fault of the layout's pages (pagecheck.py), by kind; the loose lines are measured in its PDF."""
    from .. import weasy  # deferred: WeasyPrint loads slowly, and the check command imports this module
    from . import pagecheck, spacing

    lines = list(weasy.lines(layout))
    folios = edition_folios(layout, edition)
    found = pagecheck.page_faults(lines, folios)
    found[pagecheck.LOOSE] = pagecheck.loose_lines(spacing.justified_lines_of(data), lines, folios)
    return found


def edition_folios(layout: Layout, edition) -> list[str]:
    """The page number printed on each page of the layout (the edition's folio or contents folio), or ''."""
    from .. import folio, weasy  # deferred: as above

    numbered = weasy.page_folios(layout, folio.number_pattern(edition.folio))
    front = weasy.page_folios(layout, folio.number_pattern(edition.contents_folio))
    return [a or b for a, b in zip(numbered, front, strict=True)]


def beyond_margins(layout: Layout) -> list[str]:
    """Lines of text that stand out of their page's content area (into the margins or off the page)."""
    from .. import weasy  # deferred: WeasyPrint loads slowly, and the check command imports this module

    found = []
    for line in weasy.lines(layout):
        side, by = overrun(line.ink, line.area)
        if by > MARGIN_TOLERANCE:
            text = " ".join(line.text.split())[:40]
            found.append(f'p. {line.page}: "{text}" stands {by * 25.4 / 96:.1f} mm into the {side} margin')
    return found


def overrun(ink, area) -> tuple[str, float]:
    """The side on which the text stands out the most, and by how much (CSS px)."""
    sides = {"left": area[0] - ink[0], "top": area[1] - ink[1], "right": ink[2] - area[2], "bottom": ink[3] - area[3]}
    return max(sides.items(), key=lambda item: item[1])
