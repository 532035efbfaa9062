"""Where each numbered page of the print edition begins, read from WeasyPrint's layout.

A numbered page is one with a folio (the edition's `folio` pattern in a page
margin box). Its start is the first text (or picture) laid out on it: the
block element it belongs to, given as the nearest element with an id plus a
path down to the block, and how many characters of that block were printed on
earlier pages (0 when the page begins with the block).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from weasyprint.formatting_structure import boxes

from .folio import number_pattern

HYPHENS = "\u2010-\u00ad"  # hyphenate-character, hyphen-minus, soft hyphen


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


def page_starts(document, folio: str) -> list[PageStart]:
    """One PageStart per numbered page of a laid-out WeasyPrint document, in page order."""
    pattern = number_pattern(folio)
    root = document.pages[0]._page_box.children[0].element
    parents = {child: parent for parent in root.iter() for child in parent}
    printed: dict = {}
    starts = []
    for page in document.pages:
        number = page_number(page._page_box, pattern)
        first = _walk_page(page._page_box, printed)
        if number and first is not None:
            block, before = first
            starts.append(locate(number, block, before, parents))
    return starts


def page_number(page_box, pattern: re.Pattern) -> str | None:
    """The folio printed in one of the page's margin boxes, or None."""
    for margin in page_box.children:
        if isinstance(margin, boxes.MarginBox):
            match = pattern.fullmatch("".join(_texts(margin)))
            if match:
                return match.group(1)
    return None


def _texts(box):
    if isinstance(box, boxes.TextBox):
        yield "".join(box.text.split())
    for child in getattr(box, "children", ()):
        yield from _texts(child)


def _walk_page(page_box, printed: dict):
    """(block of the page's first text, its text printed before this page); records this page's text."""
    first = None
    for leaf, block in _leaves(page_box, None):
        if first is None:
            first = (block, printed.get(block, ""))
        if isinstance(leaf, boxes.TextBox):
            printed[block] = printed.get(block, "") + "".join(leaf.text.split())
    return first


def _leaves(box, block):
    """(leaf box, block element) in layout order: non-blank text and pictures, not margins or markers."""
    if isinstance(box, boxes.MarginBox) or "::" in (getattr(box, "element_tag", "") or ""):
        return
    if isinstance(box, boxes.LineBox):
        block = box.element
    if isinstance(box, boxes.TextBox):
        if box.text.strip():
            yield box, block
        return
    if isinstance(box, boxes.ReplacedBox):
        yield box, block if isinstance(box, boxes.InlineReplacedBox) else box.element
        return
    for child in getattr(box, "children", ()):
        yield from _leaves(child, block)


def locate(number: str, block, before: str, parents: dict) -> PageStart:
    """The PageStart of a page whose first text is in block, after `before` was printed."""
    path: list[tuple[str, int]] = []
    anchor = block
    while not anchor.get("id") and anchor in parents:
        parent = parents[anchor]
        same = [c for c in parent if c.tag == anchor.tag]
        path.insert(0, (local(anchor.tag), same.index(anchor)))
        anchor = parent
    offset = consumed(before, "".join("".join(block.itertext()).split())) if before else 0
    return PageStart(number, anchor.get("id", ""), tuple(path), offset)


def consumed(printed: str, source: str) -> int | None:
    """How many characters of source the printed text covers (hyphens added at line ends skipped)."""
    i = 0
    for ch in printed:
        while i < len(source) and source[i] == "\u00ad":
            i += 1
        if i < len(source) and ch.casefold() == source[i].casefold():
            i += 1
        elif ch not in HYPHENS:
            return None
    return i
