"""Word spaces of justified lines, measured in a PDF: how loose its lines are.

The same measure as the press's reference tool (typo_metrics.py): for every text line of the body
size, the word spaces are measured from the glyph boxes (pypdfium2), ink edge to ink edge, in ems,
and compared with the natural word space: the median space of the paragraphs' unjustified last lines
(lines shorter than 70 % of the measure). A full line (over 85 % of the measure: the 95th percentile
of line widths) is loose when its widest space is over LOOSE times the natural one (TeX's full
stretch is 1.5x), very loose over VERY times; the preflight warns over TOO_LOOSE.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

LOOSE, VERY, TOO_LOOSE = 1.5, 2.0, 3.0
SIZE_TOLERANCE = 0.2  # a line with a glyph of another size than the body's is left out


@dataclass(frozen=True)
class Spaced:
    """A full justified line: its page (0-based index), text, and widest word space / natural space."""

    index: int
    text: str
    widest: float
    spaces: tuple[float, ...]  # every word space of the line / natural space


Char = tuple[str, tuple[float, float, float, float], float]  # character, box (l, b, r, t), font size


def _rows(page: pdfium.PdfPage) -> list[list[Char]]:
    """The page's text lines as pdfium reports them (separated by line breaks)."""
    textpage = page.get_textpage()
    rows: list[list[Char]] = []
    row: list[Char] = []
    for i in range(textpage.count_chars()):
        ch = textpage.get_text_range(i, 1)
        if ch in "\r\n":
            if row:
                rows.append(row)
            row = []
            continue
        row.append((ch, textpage.get_charbox(i), pdfium_c.FPDFText_GetFontSize(textpage, i)))
    if row:
        rows.append(row)
    return rows


def _gaps(row: list[Char]) -> list[float]:
    """The word spaces of a line, in ems, ink edge to ink edge around each space."""
    return [
        (row[j + 1][1][0] - row[j - 1][1][2]) / size
        for j, (ch, _, size) in enumerate(row)
        if ch == " " and 0 < j < len(row) - 1 and size > 0
    ]


def body_rows(document: pdfium.PdfDocument) -> list[tuple[int, list[Char], float]]:
    """Every line of the body size (the commonest): its page index, characters and ink width."""
    rows = [(index, row) for index in range(len(document)) for row in _rows(document[index])]
    sizes = [round(c[2], 1) for _, r in rows for c in r if c[0].strip()]
    if not sizes:
        return []
    body = statistics.mode(sizes)
    kept = []
    for index, row in rows:
        ink = [c for c in row if c[0].strip()]
        if ink and all(abs(round(c[2], 1) - body) <= SIZE_TOLERANCE for c in ink):
            kept.append((index, row, ink[-1][1][2] - ink[0][1][0]))
    return kept


def justified_lines(document: pdfium.PdfDocument) -> list[Spaced]:
    """Every full line of the body size, with its word spaces relative to the natural space."""
    kept = body_rows(document)
    if not kept:
        return []
    widths = [w for _, _, w in kept]
    measure = statistics.quantiles(widths, n=20)[-1] if len(widths) > 20 else max(widths)
    short = [g for _, row, w in kept if w < 0.7 * measure for g in _gaps(row)]
    if not short:
        return []
    natural = statistics.median(short)
    found = []
    for index, row, width in kept:
        gaps = _gaps(row)
        if width > 0.85 * measure and gaps:
            spaces = tuple(g / natural for g in gaps)
            found.append(Spaced(index, "".join(c[0] for c in row), max(spaces), spaces))
    return found


def justified_lines_of(data: bytes) -> list[Spaced]:
    """justified_lines of a PDF given as bytes."""
    document = pdfium.PdfDocument(data)
    try:
        return justified_lines(document)
    finally:
        document.close()
