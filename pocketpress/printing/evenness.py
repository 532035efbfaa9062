"""How even a PDF's justified lines are: the measure of ../shared/tools/typo_metrics.py, in the project.

For every text line of the body size, the word spaces are measured from the glyph boxes (pypdfium2),
ink edge to ink edge, and compared with the natural word space: the median space of the paragraphs'
unjustified last lines. A full line is loose over 1.5 times the natural space, very loose over 2.
Also counted: the lines that end in a hyphen (a layout hyphen, U+2011, or the word's own), and the
longest run of such lines in a row.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

LOOSE, VERY = 1.5, 2.0


@dataclass(frozen=True)
class Evenness:
    full_lines: int
    loose: int  # lines over LOOSE times the natural space
    very_loose: int
    widest: float  # the widest space, in natural spaces
    worst: list[tuple[int, float, str]]  # (page, widest space, text) of the lines over 3x
    hyphenated: int  # lines ending in a hyphen
    hyphens_in_row: int
    pages: int

    def percent(self, count: int) -> float:
        return 100 * count / self.full_lines if self.full_lines else 0.0


def _line_ends(row) -> list[bool]:
    """Whether each line of a row ends in a hyphen: pdfium joins a line that ends in a soft hyphen
    (WeasyPrint's "-" hyphenate-character) to the next one, with U+FFFE between them."""
    text = "".join(c[0] for c in row)
    return [True] * text.count("\ufffe") + [text[-1] in "-\u2011"]


def measure(pdf: Path) -> Evenness:
    """The evenness of the body text of a PDF (the most common font size): spacing.py's measure."""
    import pypdfium2 as pdfium  # deferred: the check command imports this module

    from .spacing import body_rows, justified_lines

    document = pdfium.PdfDocument(str(pdf))
    widest = [(line.index + 1, line.widest, line.text) for line in justified_lines(document)]
    ends = [flag for _, row, _ in body_rows(document) for flag in _line_ends(row)]
    run = longest = 0
    for end in ends:
        run = run + 1 if end else 0
        longest = max(longest, run)
    return Evenness(
        len(widest),
        sum(1 for _, g, _ in widest if g > LOOSE),
        sum(1 for _, g, _ in widest if g > VERY),
        max((g for _, g, _ in widest), default=0.0),
        [(n, g, text) for n, g, text in widest if g > 3.0],
        sum(ends),
        longest,
        len(document),
    )
