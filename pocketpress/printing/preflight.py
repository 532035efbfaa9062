"""The preflight's layout pass: the print-shop layout again, for WeasyPrint's warnings and overset text.

The build prints WeasyPrint's warnings once and does not keep them, so the check
(commands/check.py) lays the edition out again rather than trusting a record, and
looks for text that runs beyond the page margins.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import BuildError
from .pdfchecks import listed
from .settings import settings_of

MARGIN_TOLERANCE = 0.75  # CSS px a line may stand out of the page area


@dataclass(frozen=True)
class Row:
    target: str
    check: str
    level: str
    detail: str


def layout_rows(project, edition) -> list[Row]:
    """The print-shop layout again: WeasyPrint's warnings and text beyond the margins."""
    from . import printshop  # deferred: it loads WeasyPrint, which the other commands do not need

    target = f"{edition.name} (layout)"
    try:
        document, warnings = printshop.render(project, edition, project.build, settings_of(edition))
    except BuildError as exc:
        return [Row(target, "renders", "error", str(exc))]
    notdef = [w for w in warnings if ".notdef" in w]
    others = [w for w in warnings if ".notdef" not in w]
    results = [("missing glyphs", *r) for r in listed("error", notdef, "every character has a glyph")]
    results += [("renderer warnings", *r) for r in listed("warning", others, "none")]
    results += [("text in margins", *r) for r in listed("warning", beyond_margins(document), "none")]
    return [Row(target, *result) for result in results]


def beyond_margins(document) -> list[str]:
    """Lines of text that stand out of their page's content area (into the margins or off the page)."""
    from weasyprint.formatting_structure import boxes  # deferred: WeasyPrint loads slowly

    found = []
    for number, page in enumerate(document.pages, start=1):
        box = page._page_box
        area = (
            box.content_box_x(),
            box.content_box_y(),
            box.content_box_x() + box.width,
            box.content_box_y() + box.height,
        )
        for line in lines(box, boxes):
            side, by = overrun(extent(line, boxes), area)
            if by > MARGIN_TOLERANCE:
                text = " ".join("".join(t.text for t in texts(line, boxes)).split())[:40]
                found.append(f'p. {number}: "{text}" stands {by * 25.4 / 96:.1f} mm into the {side} margin')
    return found


def lines(box, boxes):
    """The line boxes of a page, outside its margin boxes (folios and running heads)."""
    for child in getattr(box, "children", ()):
        if isinstance(child, boxes.LineBox):
            yield child
        elif not isinstance(child, boxes.MarginBox):
            yield from lines(child, boxes)


def texts(box, boxes):
    for child in getattr(box, "children", ()):
        if isinstance(child, boxes.TextBox):
            yield child
        else:
            yield from texts(child, boxes)


def extent(line, boxes) -> tuple[float, float, float, float]:
    """The box around the text of a line (the line box itself is as wide as its block)."""
    parts = [
        (t.position_x, t.position_y, t.position_x + t.width, t.position_y + t.height) for t in texts(line, boxes)
    ] or [(line.position_x, line.position_y) * 2]
    return (min(p[0] for p in parts), min(p[1] for p in parts), max(p[2] for p in parts), max(p[3] for p in parts))


def overrun(ink, area) -> tuple[str, float]:
    """The side on which the text stands out the most, and by how much (CSS px)."""
    sides = {"left": area[0] - ink[0], "top": area[1] - ink[1], "right": ink[2] - area[2], "bottom": ink[3] - area[3]}
    return max(sides.items(), key=lambda item: item[1])
