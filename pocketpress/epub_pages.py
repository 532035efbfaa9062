"""Where each numbered page of the print edition begins, read from the print layout (through the adapter, weasy.py).

A numbered page is one with a folio (the edition's `folio` pattern in a page
margin box). Its start is the first text (or picture) laid out on it: the
block element it belongs to, given as the nearest element with an id plus a
path down to the block, and how many characters of that block were printed on
earlier pages (0 when the page begins with the block).
"""

from __future__ import annotations

from dataclasses import dataclass

from . import weasy
from .folio import number_pattern
from .weasy import Layout

HYPHENS = "\u2010-\u00ad\u2011"  # hyphenate-character, hyphen-minus, soft hyphen, the line breaker's hyphen
SKIPPED = HYPHENS + "\u200b"  # WeasyPrint sets a word-spaced lone space as space + zero-width space
LAYOUT_HYPHEN = "\u2011"  # written at hyphenated line ends by linesetter.py: not in the EPUB's text


@dataclass(frozen=True)
class PageStart:
    number: str  # the folio as printed: "5"
    anchor: str  # id of the block or of its nearest ancestor with one
    path: tuple[tuple[str, int], ...]  # (tag, index among same-tag siblings) from there down to the block
    offset: int | None  # non-space characters of the block on earlier pages; None: unknown

    @property
    def target(self) -> str:
        return f"page-{self.number}"


def local(tag) -> str:
    return str(tag).rsplit("}", 1)[-1]


def page_starts(layout: Layout, folio: str) -> list[PageStart]:
    """One PageStart per numbered page of the laid-out print edition, in page order."""
    root = weasy.root_element(layout)
    parents = {child: parent for parent in root.iter() for child in parent}
    return [
        locate(s.number, s.block, s.printed_before, parents) for s in weasy.page_starts(layout, number_pattern(folio))
    ]


def locate(number: str, block, before: str, parents: dict) -> PageStart:
    """The PageStart of a page whose first text is in block, after `before` was printed."""
    path: list[tuple[str, int]] = []
    anchor = block
    while not anchor.get("id") and anchor in parents:
        parent = parents[anchor]
        same = [c for c in parent if c.tag == anchor.tag]
        path.insert(0, (local(anchor.tag), same.index(anchor)))
        anchor = parent
    source = "".join("".join(block.itertext()).split()).replace(LAYOUT_HYPHEN, "")
    offset = consumed(before, source) if before else 0
    return PageStart(number, anchor.get("id", ""), tuple(path), offset)


def consumed(printed: str, source: str) -> int | None:
    """How many characters of source the printed text covers (hyphens added at line ends skipped)."""
    i = 0
    for ch in printed:
        while i < len(source) and source[i] == "\u00ad":
            i += 1
        if i < len(source) and ch.casefold() == source[i].casefold():
            i += 1
        elif ch not in SKIPPED:
            return None
    return i
