"""Even justified lines for the print layout: the breaks chosen by linesetter.py, then laid out again.

The first layout gives each paragraph's measure, first-line indent and fonts, as WeasyPrint computed
them (weasy.paragraphs); linesetter fixes the optimal breaks in the HTML; the second layout is the one
printed. A paragraph the second layout breaks otherwise than planned is reported as a warning.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from . import linebreak, linesetter, weasy
from .shaping import Shaper


def lay_out(
    html: str, lay_out_html: Callable[[str], weasy.Layout], families, folder: Path,
    overrides: dict[str, linebreak.Settings] | None = None,
) -> tuple[str, weasy.Layout]:  # fmt: skip
    """The HTML with its lines fixed, and its layout."""
    marked = linesetter.mark(html)
    first = lay_out_html(marked)
    facts = weasy.paragraphs(first, linesetter.MARK)
    shaper = Shaper(families, folder / weasy.FONTCONFIG_FOLDER)
    fixed, planned = linesetter.set_lines(marked, facts, shaper, weasy.break_opportunities, overrides)
    second = lay_out_html(fixed)
    second.warnings.extend(differences(second, planned))
    return fixed, second


def differences(layout: weasy.Layout, planned: dict[str, int]) -> list[str]:
    """A warning for each paragraph the layout breaks into another number of lines than planned."""
    laid = weasy.paragraphs(layout, linesetter.MARK)
    return [
        f"line breaking: paragraph {key} was planned in {count} lines, laid out in {laid[key].lines}"
        for key, count in sorted(planned.items(), key=lambda kv: int(kv[0]))
        if key in laid and laid[key].lines != count
    ]
