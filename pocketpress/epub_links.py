"""Links between chapters in the EPUB, where each chapter is a file of its own.

In the print edition the whole book is one document, so `[see](#second)` or `[see](second.md)` finds
its target anywhere. In the EPUB the target is in another XHTML file: each link inside the book is
pointed at the file that holds its target. A link whose target is nowhere in the book is unlinked
(its text stays) with a warning naming the chapter's file and line: the book stays valid.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlparse

XHTML_NS = "http://www.w3.org/1999/xhtml"


def resolve(docs: list, chapters: dict[str, tuple[str, Path | None]], show: Callable = str) -> list[str]:
    """Rewrite the links of docs (objects with .name and .tree) in place; warnings for those unlinked.
    chapters: chapter id -> (name of its XHTML file, its source file)."""
    where: dict[str, str] = {}
    for doc in docs:
        for value in doc.tree.xpath("//@id"):
            where.setdefault(str(value), doc.name)
    files = {doc.name for doc in docs}
    sources = {name: source for name, source in chapters.values()}
    warnings = []
    for doc in docs:
        own = {str(v) for v in doc.tree.xpath("//@id")}
        for link in doc.tree.iter(f"{{{XHTML_NS}}}a"):
            href = link.get("href")
            if href is None:
                continue
            target = _target(str(href), doc.name, own, where, files, chapters)
            if target is None:
                del link.attrib["href"]
                source = sources.get(doc.name)
                at = _line_of(source, str(href), show) if source else doc.name
                warnings.append(
                    f"{at}: the link '{href}' leads to nothing in the book: unlinked in the EPUB "
                    "(link a chapter as #<chapter id>, or give a full web address)"
                )
            elif target != href:
                link.set("href", target)
    return warnings


def _target(href: str, name: str, own: set[str], where: dict[str, str], files: set[str], chapters) -> str | None:
    """Where href should point in the EPUB, or None when it leads nowhere."""
    parsed = urlparse(href)
    if parsed.scheme or parsed.netloc:
        return href  # a web address, mailto:, tel:
    fragment = unquote(parsed.fragment)
    if not parsed.path:
        if not fragment or fragment in own:
            return href
        if fragment in where:
            return f"{where[fragment]}#{fragment}"
        if fragment in chapters:
            return chapters[fragment][0]
        return None
    stem = PurePosixPath(unquote(parsed.path)).name
    if stem in files:
        return href if not fragment or fragment in where else stem
    chapter = stem.rsplit(".", 1)[0] if stem.endswith((".md", ".html", ".xhtml")) else stem
    if chapter in chapters:
        file = chapters[chapter][0]
        return f"{file}#{fragment}" if fragment and where.get(fragment) == file else file
    return None


def _line_of(source: Path, href: str, show: Callable) -> str:
    try:
        text = source.read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return show(source)
    at = text.find(f"]({href}")
    if at < 0:
        at = text.find(href)
    return f"{show(source)}:{text.count(chr(10), 0, at) + 1}" if at >= 0 else show(source)
