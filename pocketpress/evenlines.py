"""Even justified lines for the print layout: the breaks chosen by linesetter.py, then laid out again.

The first layout gives each paragraph's measure, first-line indent and fonts, as WeasyPrint computed
them (weasy.paragraphs); linesetter fixes the optimal breaks in the HTML; the second layout is the one
printed. A paragraph the second layout breaks otherwise than planned is reported as a warning (the
tests build the shipped editions without warnings).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from . import linebreak, linesetter, weasy
from .shaping import Shaper

LayOut = Callable[[str], weasy.Layout]


def lined(
    html: str, lay_out_html: LayOut, families, folder: Path, overrides: dict[str, linebreak.Settings] | None = None
) -> tuple[str, dict[str, int]]:
    """The HTML with the justified paragraphs' lines fixed (measured on a first layout by lay_out_html),
    and the number of lines planned for each paragraph (by its data-lb number)."""
    marked = linesetter.mark(html)
    facts = weasy.paragraphs(lay_out_html(marked), linesetter.MARK)
    shaper = Shaper(families, folder / weasy.FONTCONFIG_FOLDER)
    return linesetter.set_lines(marked, facts, shaper, weasy.break_opportunities, overrides)


def lay_out(
    html: str, lay_out_html: LayOut, families, folder: Path, overrides: dict[str, linebreak.Settings] | None = None
) -> tuple[str, weasy.Layout]:
    """The HTML with its lines fixed, and its layout."""
    fixed, planned = lined(html, lay_out_html, families, folder, overrides)
    layout = lay_out_html(fixed)
    layout.warnings.extend(differences(layout, planned))
    return fixed, layout


def differences(layout: weasy.Layout, planned: dict[str, int]) -> list[str]:
    """A warning for each paragraph the layout breaks into another number of lines than planned."""
    laid = weasy.paragraphs(layout, linesetter.MARK)
    return [
        f"line breaking: paragraph {key} was planned in {count} lines, laid out in {laid[key].lines}"
        for key, count in sorted(planned.items(), key=lambda kv: int(kv[0]))
        if key in laid and laid[key].lines != count
    ]
