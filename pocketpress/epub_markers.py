"""Page-break markers in the EPUB's XHTML, where the print edition's pages begin.

A page that begins with a block gets its marker just before the outermost
element that begins there (before the chapter's <section> on a chapter's first
page); a page that begins inside a paragraph gets it inside, before the word
that opens the printed page (or that the page break cuts, when the last word
of the previous page is hyphenated).
"""

from __future__ import annotations

from lxml import etree

from .epub_pages import PageStart, local

XHTML = "http://www.w3.org/1999/xhtml"
OPS = "http://www.idpf.org/2007/ops"
FLOW_ONLY_INSIDE = {"ol", "ul", "dl", "table", "thead", "tbody", "tfoot", "tr", "hgroup", "menu"}


def marker(number: str) -> etree._Element:
    return etree.Element(
        f"{{{XHTML}}}span",
        {f"{{{OPS}}}type": "pagebreak", "role": "doc-pagebreak", "id": f"page-{number}", "aria-label": number},
        # lxml takes None as the prefix of the default namespace; lxml-stubs 0.5 types nsmap as str keys only
        nsmap={None: XHTML, "epub": OPS},  # type: ignore[dict-item]
    )


def place(trees: dict[str, etree._ElementTree], starts: list[PageStart]):
    """Insert a marker for every page start; ([(number, href)], warnings)."""
    ids = {el.get("id"): (name, el) for name, tree in trees.items() for el in tree.iter() if el.get("id")}
    resolved = [(start, *_resolve(start, ids)) for start in starts]  # all found before any is inserted
    entries, warnings = [], []
    for start, name, block in resolved:
        if block is None:
            raise ValueError(
                f"page {start.number} of the print edition begins at #{start.anchor}, which is not in the EPUB"
            )
        if start.offset is None or not insert_in_text(block, start.offset, marker(start.number)):
            insert_after_block(block, marker(start.number))
            warnings.append(
                f"EPUB page list: page {start.number} begins inside a paragraph that could not be "
                f"matched word for word; its marker stands before the next block"
            )
        entries.append((start.number, f"{name}#{start.target}"))
    return entries, warnings


def _resolve(start: PageStart, ids: dict):
    """(file name, element) of the block a page begins in; (None, None) if the EPUB lacks it."""
    name, element = ids.get(start.anchor, (None, None))
    for tag, index in start.path:
        if element is None:
            break
        same = [c for c in element if isinstance(c.tag, str) and local(c.tag) == tag]
        element = same[index] if index < len(same) else None
    return name, element


def insert_in_text(block, offset: int, span) -> bool:
    """Put span at the block's start (offset 0) or before the word holding its offset-th printed character."""
    if offset == 0:
        insert_before(block, span)
        return True
    slots = list(_slots(block))
    text = "".join(getattr(node, attr) or "" for node, attr in slots)
    position = _nth_visible(text, offset)
    if position is None:
        return False
    while position > 0 and not text[position - 1].isspace():
        position -= 1
    if position == 0:
        insert_before(block, span)
        return True
    _split_slot(slots, position, span)
    return True


def _slots(element):
    """(node, 'text' | 'tail') pairs holding the element's text, in reading order (not its own tail)."""
    yield element, "text"
    for child in element:
        if isinstance(child.tag, str):
            yield from _slots(child)
        yield child, "tail"


def _nth_visible(text: str, n: int) -> int | None:
    """Index of the n-th (0-based) non-space character of text (as epub_pages counts them)."""
    seen = 0
    for i, ch in enumerate(text):
        if ch.isspace():
            continue
        if seen == n:
            return i
        seen += 1
    return None


def _split_slot(slots, position: int, span) -> None:
    for node, attr in slots:
        value = getattr(node, attr) or ""
        if position <= len(value) and value:
            before, after = value[:position], value[position:]
            setattr(node, attr, before)
            span.tail = after
            if attr == "text":
                node.insert(0, span)
            else:
                node.addnext(span)
            return
        position -= len(value)


def insert_before(element, span) -> None:
    """Before the outermost element that begins where element begins (inside it, where a list needs items)."""
    while _begins_parent(element):
        element = element.getparent()
    parent = element.getparent()
    if parent is None or local(parent.tag) in FLOW_ONLY_INSIDE:
        span.tail, element.text = element.text, None
        element.insert(0, span)
    else:
        element.addprevious(span)


def _begins_parent(element) -> bool:
    parent = element.getparent()
    if parent is None or local(parent.tag) == "body" or parent.getparent() is None:
        return False
    first = next((c for c in parent if isinstance(c.tag, str)), None)
    return first is element and not (parent.text or "").strip() and local(parent.tag) not in FLOW_ONLY_INSIDE


def insert_after_block(block, span) -> None:
    """Fallback: before the next element after block, or at the end of its parent."""
    element = block
    while element.getnext() is None and element.getparent() is not None and local(element.getparent().tag) != "body":
        element = element.getparent()
    following = element.getnext()
    if following is not None:
        insert_before(following, span)
    else:
        element.addnext(span)
