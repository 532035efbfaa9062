"""How even a PDF's justified lines are: the measure of ../shared/tools/typo_metrics.py, in the project.

For every text line of the body size, the word spaces are measured from the glyph boxes (pypdfium2),
ink edge to ink edge, and compared with the natural word space: the median space of the paragraphs'
unjustified last lines. A full line is loose over 1.5 times the natural space, very loose over 2.
Also counted: the lines that end in a hyphen (a layout hyphen, U+2011, or the word's own), and the
longest run of such lines in a row.
"""

from __future__ import annotations

import statistics
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


def _rows(page) -> list[list[tuple[str, tuple, float]]]:
    import pypdfium2.raw as raw

    text = page.get_textpage()
    rows: list[list[tuple[str, tuple, float]]] = []
    current: list[tuple[str, tuple, float]] = []
    for i in range(text.count_chars()):
        char = text.get_text_range(i, 1)
        if char in "\r\n":
            if current:
                rows.append(current)
            current = []
            continue
        current.append((char, text.get_charbox(i), raw.FPDFText_GetFontSize(text, i)))
    if current:
        rows.append(current)
    return rows


def _gaps(row) -> list[float]:
    out = []
    for j, (char, _, size) in enumerate(row):
        if char == " " and 0 < j < len(row) - 1 and size > 0:
            out.append((row[j + 1][1][0] - row[j - 1][1][2]) / size)
    return out


def _line_ends(row) -> list[bool]:
    """Whether each line of a row ends in a hyphen: pdfium joins a line that ends in a soft hyphen
    (WeasyPrint's "-" hyphenate-character) to the next one, with U+FFFE between them."""
    text = "".join(c[0] for c in row)
    return [True] * text.count("\ufffe") + [text[-1] in "-\u2011"]


def measure(pdf: Path) -> Evenness:
    """The evenness of the body text of a PDF (the most common font size)."""
    import pypdfium2 as pdfium  # deferred: the check command imports this module

    document = pdfium.PdfDocument(str(pdf))
    rows = [(number, row) for number, page in enumerate(document, start=1) for row in _rows(page)]
    sizes = [round(c[2], 1) for _, r in rows for c in r if c[0].strip()]
    body = statistics.mode(sizes)
    kept = []
    for number, row in rows:
        ink = [c for c in row if c[0].strip()]
        if ink and all(abs(round(c[2], 1) - body) <= 0.2 for c in ink):
            kept.append((number, row, ink[-1][1][2] - ink[0][1][0]))
    widths = [w for _, _, w in kept]
    measure_ = statistics.quantiles(widths, n=20)[-1] if len(widths) > 20 else max(widths)
    full = [(n, r) for n, r, w in kept if w > 0.85 * measure_]
    natural = statistics.median([g for _, r, w in kept if w < 0.7 * measure_ for g in _gaps(r)])
    widest = [(n, max(_gaps(r)) / natural, r) for n, r in full if _gaps(r)]
    ends = [flag for _, r, _ in kept for flag in _line_ends(r)]
    run = longest = 0
    for end in ends:
        run = run + 1 if end else 0
        longest = max(longest, run)
    return Evenness(
        len(full),
        sum(1 for _, g, _ in widest if g > LOOSE),
        sum(1 for _, g, _ in widest if g > VERY),
        max((g for _, g, _ in widest), default=0.0),
        [(n, g, "".join(c[0] for c in r)) for n, g, r in widest if g > 3.0],
        sum(ends),
        longest,
        len(document),
    )
