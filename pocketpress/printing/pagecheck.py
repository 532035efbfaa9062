"""Pages that read well: the faults a reader sees in a laid-out edition, each with its page and line.

The detectors read the lines of a layout (weasy.lines: each line knows its page, its block and its
place in that block) and return `Fault`s: what is wrong, on which page (the PDF page index and the
printed folio), in which block (its id, and its place among the document's elements) and at which
line of it, so that a fixer can act on that line (forbid a hyphen there, make a paragraph shorter).

- widow: a paragraph's last line alone at the top of a page;
- orphan: a paragraph's first line alone at the foot of a page;
- heading at foot: a heading or display line (sub-heading, chapter title or date, dinkus, closing or
  display line, standfirst) is the last thing on a page, and the text after it is on the next page;
- hyphen at recto foot: the last line of a right-hand page ends in a hyphen the layout added;
- single-line last page: the last page of a chapter (or any part of several pages) holds one line;
- loose line: a justified line whose widest word space is over 3x the natural space (spacing.py);
- hyphen pairs: a part (a chapter) with more than MAX_PAIRS pairs of consecutive lines of a block that
  end in a hyphen (the layout's or the text's own), each pair of such a part reported.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from .spacing import TOO_LOOSE, Spaced

if TYPE_CHECKING:
    from ..weasy import Line

HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
DISPLAY_CLASSES = {"chapter-title", "chapter-date", "dinkus", "closing", "display", "standfirst", "epigraph"}

WIDOW, ORPHAN, HEADING = "widow", "orphan", "heading at foot"
HYPHEN, SHORT_END, LOOSE = "hyphen at recto foot", "single-line last page", "loose line"
PAIRS = "hyphen pairs"
KINDS = (WIDOW, ORPHAN, HEADING, HYPHEN, SHORT_END, LOOSE, PAIRS)
MAX_PAIRS = 2  # pairs of consecutive hyphenated lines a chapter may have
HYPHENS = ("-", "\u2010", "\u2011")
SAID = {
    WIDOW: "the paragraph's last line is alone at the top of the page",
    ORPHAN: "the paragraph's first line is alone at the foot of the page",
    HEADING: "a heading or display line is alone at the foot of the page, its text on the next",
    HYPHEN: "the last line of a right-hand page ends in a hyphen",
    SHORT_END: "the last page of the part holds a single line",
    LOOSE: "a word space is over 3x the natural space",
    PAIRS: f"two hyphenated lines in a row, more than {MAX_PAIRS} times in the chapter",
}


@dataclass(frozen=True)
class Fault:
    kind: str  # one of KINDS
    index: int  # the page's index in the PDF, from 0
    folio: str  # the page number printed on it ('' when none)
    block_id: str  # the block's id ('' when it has none)
    block_index: int  # the block's place among the document's elements (root.iter() order)
    line: int  # the line's number within its block, from 1
    text: str  # the line's text
    detail: str = ""

    def __str__(self) -> str:
        page = f"p. {self.folio} (PDF page {self.index + 1})" if self.folio else f"PDF page {self.index + 1}"
        block = f"#{self.block_id}" if self.block_id else f"element {self.block_index}"
        text = " ".join(self.text.split())
        if len(text) > 40:  # a line's end is what a hyphen is about, its start what finds it
            text = "…" + text[-39:] if self.kind == HYPHEN else text[:39] + "…"
        return f'{page}: {SAID[self.kind]}{self.detail} ({block}, line {self.line}): "{text}"'


def _fault(kind: str, line: Line, folios: Sequence[str], detail: str = "") -> Fault:
    folio = folios[line.page - 1] if line.page - 1 < len(folios) else ""
    return Fault(kind, line.page - 1, folio, line.block_id, line.block_index, line.number, line.text, detail)


def _text_lines(lines: Sequence[Line]) -> list[Line]:
    """The lines of text, without list markers and blank lines."""
    return [line for line in lines if "::" not in line.tag and line.text.strip()]


def _page_ends(lines: Sequence[Line]) -> tuple[dict[int, Line], dict[int, Line]]:
    """The first and the last line of each page (1-based page number -> line)."""
    first: dict[int, Line] = {}
    last: dict[int, Line] = {}
    for line in lines:
        first.setdefault(line.page, line)
        last[line.page] = line
    return first, last


def _is_heading(line: Line) -> bool:
    return line.tag in HEADING_TAGS or bool(DISPLAY_CLASSES & set(line.classes))


def widows(lines: Sequence[Line], folios: Sequence[str] = ()) -> list[Fault]:
    first, _ = _page_ends(_text_lines(lines))
    return [_fault(WIDOW, line, folios) for line in first.values() if line.count > 1 and line.last]


def orphans(lines: Sequence[Line], folios: Sequence[str] = ()) -> list[Fault]:
    _, last = _page_ends(_text_lines(lines))
    return [_fault(ORPHAN, line, folios) for line in last.values() if line.count > 1 and line.first]


def headings_at_foot(lines: Sequence[Line], folios: Sequence[str] = ()) -> list[Fault]:
    """A heading or display line ends a page, and the next line, of the same part, is on the next page."""
    text = _text_lines(lines)
    found = []
    for line, after in pairwise(text):
        if line.page != after.page and line.last and _is_heading(line) and line.part == after.part:
            found.append(_fault(HEADING, line, folios))
    return found


def hyphens_at_recto_foot(lines: Sequence[Line], folios: Sequence[str] = ()) -> list[Fault]:
    _, last = _page_ends(_text_lines(lines))
    return [_fault(HYPHEN, line, folios) for line in last.values() if line.side == "right" and line.hyphen]


def single_line_last_pages(lines: Sequence[Line], folios: Sequence[str] = ()) -> list[Fault]:
    """A part (a chapter, the introduction...) of several pages whose last page holds one line of it."""
    parts: dict[int, list[Line]] = {}
    for line in _text_lines(lines):
        parts.setdefault(line.part, []).append(line)
    found = []
    for part_lines in parts.values():
        last_page = part_lines[-1].page
        on_last = [line for line in part_lines if line.page == last_page]
        if len(on_last) == 1 and part_lines[0].page != last_page:
            found.append(_fault(SHORT_END, on_last[0], folios))
    return found


_NOT_COMPARED = re.compile(r"[\s\ufffe\u00ad\u2010-]+")  # white space and hyphens: pdfium and the layout differ


def loose_lines(spaced: Sequence[Spaced], lines: Sequence[Line], folios: Sequence[str] = ()) -> list[Fault]:
    """Justified lines (spacing.justified_lines, from the PDF of the same layout) with a word space over
    TOO_LOOSE times the natural one, each matched to its line of the layout by page and text."""
    by_page: dict[int, list[Line]] = {}
    for line in _text_lines(lines):
        by_page.setdefault(line.page - 1, []).append(line)
    found = []
    for row in spaced:
        if row.widest <= TOO_LOOSE:
            continue
        key = _NOT_COMPARED.sub("", row.text)
        match = [line for line in by_page.get(row.index, []) if key.startswith(_NOT_COMPARED.sub("", line.text))]
        detail = f" ({row.widest:.2f}x)"
        if match:
            found.append(_fault(LOOSE, max(match, key=lambda m: len(m.text)), folios, detail))
        else:  # not found in the layout (never seen): the page and the text only
            folio = folios[row.index] if row.index < len(folios) else ""
            found.append(Fault(LOOSE, row.index, folio, "", -1, 0, row.text, detail))
    return found


def hyphen_pairs(lines: Sequence[Line], folios: Sequence[str] = ()) -> list[Fault]:
    """The second line of each pair of consecutive hyphenated lines of a block, in the parts that have
    more than MAX_PAIRS of them."""
    return [
        _fault(PAIRS, line, folios, f" ({len(pairs)})")
        for pairs in pairs_by_part(lines).values()
        if len(pairs) > MAX_PAIRS
        for line in pairs
    ]


def pairs_by_part(lines: Sequence[Line]) -> dict[int, list[Line]]:
    """The second line of each pair of consecutive hyphenated lines of a block, by part (a chapter)."""
    found: dict[int, list[Line]] = {}
    for line, after in pairwise(_text_lines(lines)):
        same_block = (line.block_index, line.number + 1) == (after.block_index, after.number)
        if same_block and _hyphenated(line) and _hyphenated(after):
            found.setdefault(after.part, []).append(after)
    return found


def _hyphenated(line: Line) -> bool:
    return line.hyphen or line.text.rstrip().endswith(HYPHENS)


def page_faults(lines: Sequence[Line], folios: Sequence[str] = ()) -> dict[str, list[Fault]]:
    """Every fault of the layout's pages but the loose lines (which need the PDF), by kind."""
    lines = list(lines)
    return {
        WIDOW: widows(lines, folios),
        ORPHAN: orphans(lines, folios),
        HEADING: headings_at_foot(lines, folios),
        HYPHEN: hyphens_at_recto_foot(lines, folios),
        SHORT_END: single_line_last_pages(lines, folios),
        PAIRS: hyphen_pairs(lines, folios),
    }
