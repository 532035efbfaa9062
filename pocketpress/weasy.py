"""The seam around WeasyPrint: the only module that imports it.

Everything pocketpress needs from a laid-out document goes through here: the
layout itself (with the project-only URL fetcher and WeasyPrint's warnings
collected), the PDF bytes, the fonts used, and the few facts read off the box
tree that WeasyPrint has no public API for:

- the page type (`@page pad`) of each page, to drop spare blank pages;
- the lines of text of each page, with their position, the page's side, and the
  block (paragraph, heading, list item) each belongs to with its place in it, for
  the stranded-fragment, margin and page checks (printing/pagecheck.py);
- the folio printed in a page's margin box and the first text laid out on the
  page, for the EPUB's page list.

Those use `Page._page_box` and `weasyprint.formatting_structure.boxes`, which are
not public. `CONTRACT` names each such assumption; `contract_problems()` checks
them all on a tiny document, and tests/test_weasy_contract.py runs it, so a
WeasyPrint upgrade that breaks one fails with a message naming it.
"""

from __future__ import annotations

import logging
import re
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import weasyprint
from weasyprint import HTML
from weasyprint.formatting_structure import boxes
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from . import fonts
from .errors import BuildError

LOGGER = logging.getLogger("weasyprint")
NOTDEF = re.compile(r'^\.notdef glyph rendered .*?: (".*" \(U\+[0-9A-F]+\))$', re.S)
FONTCONFIG_FOLDER = ".fontconfig"  # in the build folder: the generated fontconfig files and their cache
VERSION = weasyprint.__version__
PAD_PAGE = "pad"  # the @page name of the layout's spare blank pages
COUNTS = {"layouts": 0}  # WeasyPrint layouts made by this process (the benchmark reports it)

CONTRACT = {
    "Page._page_box": "each laid-out page keeps its page box (page types, lines, folios)",
    "PageBox.page_type.name": "the @page name a page was laid out with (spare pages are 'pad')",
    "boxes.LineBox/TextBox/MarginBox/ReplacedBox/InlineReplacedBox": "the box classes walked",
    "Box.children/.element/.element_tag": "a box's children and the HTML element it comes from",
    "TextBox.text/.position_x/.position_y/.width/.height": "a piece of text and where it stands",
    "PageBox.content_box_x()/content_box_y()/width/height": "the page's content area",
    "weasyprint.pdf.VARIANTS": "the PDF variants (pdf/a-3b, pdf/x-4, ...) WeasyPrint can write",
    "Document.fonts[*].family": "the family of each font a document embedded",
    "margin-box folios": "the text of a page's margin boxes (the folio) is in its box tree",
    "pdf.tags._build_box_tree": "pdf_tags builds the structure tree box by box through this generator function",
    "pdf.stream.Stream.marked/artifact": "pdf_tags marks text and pictures with Stream.marked, decoration .artifact",
    "PageBox.page_type.side": "the side of each page ('right' is recto), for a hyphen at a right-hand page's foot",
    "LineBox.element across pages": "the line boxes of a paragraph split over pages share its element (a line's block)",
    "html > body > part boxes": "a page's box tree is html, body, then one box per child of body (a line's part)",
    "TextBox.style['hyphenate_character']": "a line broken inside a word ends with this text (layout hyphens)",
    "Element.itertext()/.get()/iter()": "the elements are ElementTree elements: their text, attributes, order",
    "InlineBox.position_x/width of empty elements": "probe_positions finds empty marker spans (balanced titles)",
    "text.line_break.get_log_attrs": "Pango's line break opportunities of a text, as WeasyPrint asks for them",
    "style text_indent/text_align_all/hyphenate_limit_chars": "computed styles the line breaker reads",
    "pdf.tags._build_box_tree arguments": "(box, parent, pdf, page_number, nums, annotations, tags), and "
    "`tags` mapping each drawn TextBox to {'tag', 'mcid'}: line spans are left out of the structure tree",
}


class RefusedURL(FatalURLFetchingError):
    """A resource outside the project, or on the network: the build stops and names it."""


class ProjectFetcher(URLFetcher):
    """Fetches only files inside the allowed folders (the edition's, and the project's shared layouts/ and
    styles/: never the rest of the project, never .git) and data: URLs; no network at build time. SVG
    pictures are sanitised (svg.sanitise): no external references or entities reach the layout."""

    def __init__(self, roots: Path | Sequence[Path], show=str):
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)
        self.roots = [r.resolve() for r in ([roots] if isinstance(roots, Path) else roots)]
        self.show = show

    def fetch(self, url, headers=None):
        scheme = url.split(":", 1)[0].lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            path = Path(unquote(urlparse(url).path)).resolve()
            if ".git" not in path.parts and any(path.is_relative_to(root) for root in self.roots):
                return self._sanitised(super().fetch(url, headers), path)
            allowed = ", ".join(f"{self.show(r)}/" for r in self.roots)
            raise RefusedURL(f"{url}: outside the edition (only files in {allowed} may be used)")
        raise RefusedURL(f"{url}: no network access at build time (only the edition's files and data: URLs)")

    @staticmethod
    def _sanitised(response, path: Path):
        if path.suffix.lower() != ".svg":
            return response
        from . import svg

        try:
            data = response.read()
        finally:
            response.close()
        return URLFetcherResponse(response.url, svg.sanitise(data), response.headers, response.status)


REFERENCE = re.compile(
    r"""\]\(\s*<?([^)\s>]+)|url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)|(?:src|href)=['"]([^'"]+)"""
)


def locate(url: str, sources: Sequence[Path], base_dir: Path, show) -> str:
    """The `path:line` of the Markdown or CSS text that asked for url ('' when none is found)."""
    from urllib.parse import urljoin

    target = unquote(urlparse(url).path) if url.startswith("file:") else url
    tail = Path(target).name
    fallback = ""
    for source in sources:
        if source.suffix.lower() not in (".md", ".css"):
            continue
        base = (source.parent if source.suffix.lower() == ".css" else base_dir).as_uri() + "/"
        try:
            text = source.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for number, line in enumerate(text.split("\n"), start=1):
            for match in REFERENCE.finditer(line):
                ref = next(g for g in match.groups() if g)
                joined = urljoin(base, ref)
                if joined == url or (joined.startswith("file:") and unquote(urlparse(joined).path) == target):
                    return f"{show(source)}:{number}"
                if not fallback and tail and tail in ref:
                    fallback = f"{show(source)}:{number}"
    return fallback


class WarningLog(logging.Handler):
    """Collects WeasyPrint's warnings during one rendering."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def collect_warnings() -> Iterator[list[str]]:
    handler = WarningLog()
    LOGGER.addHandler(handler)
    try:
        yield handler.messages
    finally:
        LOGGER.removeHandler(handler)


@dataclass
class Layout:
    """A laid-out document (spare pages trimmed) and the warnings met while laying it out."""

    document: Any
    warnings: list[str] = field(default_factory=list)
    missing_glyphs: list[str] = field(default_factory=list)  # found when the PDF is written: '"☃" (U+2603)'

    @property
    def pages(self) -> list:
        return list(self.document.pages)

    def pdf(self, tagged: bool = False, **options) -> bytes:
        """The PDF bytes (reproducible: the identifier comes from the content). Characters none of the
        fonts has are drawn as .notdef while writing: they are recorded in missing_glyphs.
        tagged: a tagged PDF (see `tagging`): structure tree, /Lang, alt text, decoration as artifacts."""
        with collect_warnings() as warnings, tagging(self.document, tagged):
            data = self.document.write_pdf(**{"pdf_identifier": True, "pdf_tags": tagged, **options})
        found = {m.group(1) for m in map(NOTDEF.search, warnings) if m}
        self.missing_glyphs = sorted(found | set(self.missing_glyphs))
        return data

    def first_page_pdf(self) -> bytes:
        return self.document.copy([self.document.pages[0]]).write_pdf()

    def font_families(self) -> set[str]:
        """The family of every font the document embeds."""
        return {_text(font.family) for font in self.document.fonts.values()}

    def page_size_px(self, index: int) -> tuple[float, float]:
        page = self.document.pages[index]
        return page.width, page.height


def font_configuration(families, build_dir: Path):
    """A WeasyPrint font configuration that sees only the font files of `families` (fonts.isolated)."""
    from weasyprint.text.fonts import FontConfiguration

    with fonts.isolated(families, build_dir / FONTCONFIG_FOLDER):
        return FontConfiguration()  # it calls FcInitLoadConfigAndFonts, which reads FONTCONFIG_FILE now


def lay_out(
    html: str, base_dir: Path, root: Path | Sequence[Path], families, sources: Sequence[Path] = (), show=str
) -> Layout:
    """Lay out the HTML in the given font families only (links resolve from base_dir; files only
    from inside root, one folder or several). The generated fontconfig files go to base_dir/.fontconfig.
    A refused URL names the Markdown or CSS file of sources, and its line, that asked for it."""
    config = font_configuration(families, base_dir)
    document, warnings = _render(html, base_dir, root, config, sources, show)
    return Layout(trim_padding(document), warnings)


def _render(html: str, base_dir: Path, root, config, sources: Sequence[Path] = (), show=str):
    """The laid-out document, untrimmed, and the warnings met (WeasyPrint's, stranded fragments)."""
    COUNTS["layouts"] += 1
    with collect_warnings() as warnings:
        try:
            html_doc = HTML(string=html, base_url=base_dir.as_uri() + "/", url_fetcher=ProjectFetcher(root, show))
            document = html_doc.render(font_config=config)
        except RefusedURL as exc:
            url = str(exc).split(": ", 1)[0]
            where = locate(url, sources, base_dir, show)
            raise BuildError(f"{where + ': ' if where else ''}refused to fetch {exc}") from None
    return document, warnings + stranded_fragments(document)


def pdf_variants() -> set[str]:
    from weasyprint.pdf import VARIANTS  # the one place the variant table is read

    return set(VARIANTS)


def _text(value) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


# -- tagged PDF ------------------------------------------------------------------
# WeasyPrint's pdf_tags maps HTML to PDF structure (h1 -> H1, p -> P, blockquote -> BlockQuote,
# img -> Figure with /Alt, figcaption -> Caption, ...). While one tagged PDF is written, three
# additions are made around it (and removed after):
# - a passage in another language than the document's gets /Lang on its structure element;
# - the list of a nav with role="doc-toc" is a TOC, its items TOCI;
# - margin boxes (folios, running heads) and elements that are decoration (aria-hidden="true", or
#   role separator/presentation/none: the dinkus) are drawn as /Artifact, out of the structure tree.
#   WeasyPrint 70 leaves margin-box text as marked content outside the tree, which is neither.
# - a line span of the line breaker (<span class="ln">, linesetter.py) is layout, not structure: it makes
#   no structure element, its text and inline elements belong to the paragraph around it, and the texts
#   of a line (with the space between two line spans) are one /Span, as before the lines were fixed: a
#   screen reader reads paragraphs, not lines, and the structure tree does not grow with them.
DECORATION_ROLES = {"separator", "presentation", "none"}
LINE_CLASS = "ln"  # the class of linesetter's line spans


def _line_span(box) -> bool:
    element = getattr(box, "element", None)
    return (
        isinstance(box, boxes.InlineBox)
        and element is not None
        and box.element_tag == "span"
        and element.get("class") == LINE_CLASS
    )


def _transparent(box, parent, build, pdf, page_number, nums, annotations, tags) -> Iterator:
    """The structure elements of a line span's children, as children of the span's parent (see above):
    a text as WeasyPrint tags the text of a paragraph's line (pdf/tags.py), an inline element as itself."""
    import pydyf

    made = None  # the structure element of the text met last: the texts that follow it join it
    for child in box.children:
        if not isinstance(child, boxes.TextBox):
            made = None
            yield from build(child, parent, pdf, page_number, nums, annotations, tags)
            continue
        kid = tags.pop(child)
        if made is not None and made["S"] == f"/{kid['tag']}":
            made["K"].append(kid["mcid"])
            nums[kid["mcid"]] = made.reference
            continue
        made = pydyf.Dictionary(
            {
                "Type": "/StructElem",
                "S": f"/{kid['tag']}",
                "K": pydyf.Array([kid["mcid"]]),
                "Pg": pdf.page_references[page_number],
                "P": parent.reference,
            }
        )
        pdf.add_object(made)
        nums[kid["mcid"]] = made.reference
        yield made


def _spaces_in_line_spans(box):
    """The box, or a copy of it whose lines' white-space texts are moved into the line span beside them
    (before the span, or after it): a line's text is one structure element, as before the lines were fixed."""
    lines, changed = [], False
    for line in box.children:
        kids = list(getattr(line, "children", None) or []) if isinstance(line, boxes.LineBox) else []
        spans = [i for i, kid in enumerate(kids) if _line_span(kid)]
        if not spans:
            lines.append(line)
            continue
        regrouped: list = []
        for i, kid in enumerate(kids):
            if isinstance(kid, boxes.TextBox) and not kid.text.strip() and regrouped and _line_span(regrouped[-1]):
                regrouped[-1] = regrouped[-1].copy_with_children([*regrouped[-1].children, kid])
            elif (
                isinstance(kid, boxes.TextBox)
                and not kid.text.strip()
                and i + 1 < len(kids)
                and _line_span(kids[i + 1])
            ):
                kids[i + 1] = kids[i + 1].copy_with_children([kid, *kids[i + 1].children])
            else:
                regrouped.append(kid)
        changed |= len(regrouped) != len(kids)
        lines.append(line.copy_with_children(regrouped))
    return box.copy_with_children(lines) if changed else box


def _decoration(element) -> bool:
    return element.get("aria-hidden") == "true" or element.get("role") in DECORATION_ROLES


def _artifact_boxes(document) -> set[int]:
    """The ids of every box drawn as an artifact: in margin boxes, or made by a decoration element."""
    found: set[int] = set()

    def visit(box, hidden: bool) -> None:
        element = getattr(box, "element", None)
        hidden = hidden or isinstance(box, boxes.MarginBox) or (element is not None and _decoration(element))
        if hidden:
            found.add(id(box))
        for child in getattr(box, "children", None) or []:
            visit(child, hidden)

    for page in document.pages:
        visit(page_box(page), False)
    return found


@contextmanager
def tagging(document, enabled: bool = True) -> Iterator[None]:
    """While a tagged PDF is written: /Lang on passages, the contents as TOC, decoration as artifacts."""
    if not enabled:
        yield
        return
    import pydyf
    from weasyprint.pdf import stream as pdf_stream
    from weasyprint.pdf import tags as pdf_tags

    artifacts = _artifact_boxes(document)
    document_lang = page_box(document.pages[0]).children[0].element.get("lang")  # the catalog's /Lang
    original_marked, original_tree = pdf_stream.Stream.marked, pdf_tags._build_box_tree
    toc_depth = [0]

    def marked(self, box, tag):
        return self.artifact() if id(box) in artifacts else original_marked(self, box, tag)

    def build_box_tree(box, parent, *args):
        if id(box) in artifacts:
            return
        if _line_span(box):
            yield from _transparent(box, parent, build_box_tree, *args)
            return
        element = getattr(box, "element", None)
        toc = element is not None and element.get("role") == "doc-toc"
        toc_depth[0] += toc
        try:
            made = list(original_tree(_spaces_in_line_spans(box) if element is not None else box, parent, *args))
        finally:
            toc_depth[0] -= toc
        if element is None or box.element_tag in ("html", "body") or len(made) != 1:
            yield from made
            return
        if made[0].get("P") == parent.reference:
            lang = element.get("lang") or element.get("{http://www.w3.org/XML/1998/namespace}lang")
            if lang and lang != document_lang:
                made[0]["Lang"] = pydyf.String(lang)
            if toc_depth[0] and made[0]["S"] == "/L":
                made[0]["S"] = "/TOC"
            elif toc_depth[0] and made[0]["S"] == "/LI" and parent["S"] in ("/L", "/TOC"):
                made[0]["S"] = "/TOCI"
        yield from made

    pdf_stream.Stream.marked = marked
    pdf_tags._build_box_tree = build_box_tree
    try:
        yield
    finally:
        pdf_stream.Stream.marked = original_marked
        pdf_tags._build_box_tree = original_tree


# -- pages ---------------------------------------------------------------------
def page_box(page):
    return page._page_box


def page_type(page) -> str:
    return page_box(page).page_type.name


def trim_padding(document):
    """Keep just enough of the layout's spare blank pages for a multiple of 4 pages."""
    pads = [p for p in document.pages if page_type(p) == PAD_PAGE]
    content = len(document.pages) - len(pads)
    kept_pads = pads[: -content % 4]
    return document.copy([p for p in document.pages if page_type(p) != PAD_PAGE or p in kept_pads])


def walk(box) -> Iterator:
    yield box
    for child in getattr(box, "children", None) or []:
        yield from walk(child)


def text_of(box) -> str:
    return "".join(b.text for b in walk(box) if isinstance(b, boxes.TextBox))


# -- lines: stranded fragments, the margins, the page checks ---------------------
@dataclass(frozen=True)
class Line:
    """A line of text on a page: its words and the box around its ink, in CSS px; the block (paragraph,
    heading, list item...) it belongs to, and where in that block it stands."""

    page: int  # 1-based
    text: str
    ink: tuple[float, float, float, float]  # left, top, right, bottom
    area: tuple[float, float, float, float]  # the page's content area
    side: str = "right"  # the page's side: 'right' (recto) or 'left' (verso)
    tag: str = ""  # the block's element tag ('p', 'h2', 'li', 'figcaption'; 'li::marker' for a list marker)
    classes: tuple[str, ...] = ()  # the block's classes
    block_id: str = ""  # the block's id attribute ('' when it has none)
    block_index: int = -1  # the block's place among all elements of the document (root.iter() order)
    number: int = 1  # the line's number within its block, from 1
    count: int = 1  # how many lines the block has, on all pages
    part: int = -1  # the block's part: the index of the <body> child it lies in (a chapter, the contents...)
    hyphen: bool = False  # ends in a hyphen the layout added (hyphens: auto), not one of the text

    @property
    def first(self) -> bool:
        return self.number == 1

    @property
    def last(self) -> bool:
        return self.number == self.count


@dataclass
class _Found:
    """A line box as found, before its block's line count is known."""

    box: Any
    page: int
    side: str
    area: tuple[float, float, float, float]
    part: int
    number: int = 1  # within its block, once the block's lines are all found
    following: Any = None  # the block's next line box


def lines(layout_or_document) -> Iterator[Line]:
    """Every line of running text (not folios or running heads), page by page, each with its block."""
    document = getattr(layout_or_document, "document", layout_or_document)
    found = []
    for number, page in enumerate(document.pages, start=1):
        box = page_box(page)
        area = (box.content_box_x(), box.content_box_y(), box.content_box_x() + box.width,
                box.content_box_y() + box.height)  # fmt: skip
        found += [_Found(line, number, box.page_type.side, area, part) for line, part in _parts(box)]
    order = _element_order(document)
    per_block: dict[tuple[int, str], list[_Found]] = {}  # a list marker's lines apart from its item's
    for item in found:
        block = per_block.setdefault((id(item.box.element), item.box.element_tag), [])
        if block:
            block[-1].following = item.box
        item.number = len(block) + 1
        block.append(item)
    for item in found:
        yield _line(item, len(per_block[id(item.box.element), item.box.element_tag]), order)


def _line(item: _Found, count: int, order: dict[int, int]) -> Line:
    texts = [t for t in walk(item.box) if isinstance(t, boxes.TextBox)]
    text = "".join(t.text for t in texts)
    element = item.box.element
    return Line(
        item.page,
        text,
        _ink(item.box, texts),
        item.area,
        side=item.side,
        tag=item.box.element_tag or "",
        classes=tuple((element.get("class") or "").split()) if element is not None else (),
        block_id=(element.get("id") or "") if element is not None else "",
        block_index=order.get(id(element), -1),
        number=item.number,
        count=count,
        part=item.part,
        hyphen=bool(texts) and _layout_hyphen(text, item.following, texts[-1].style["hyphenate_character"], element),
    )


def _element_order(document) -> dict[int, int]:
    if not document.pages:
        return {}
    root = page_box(document.pages[0]).children[0].element
    return {id(element): i for i, element in enumerate(root.iter())}


def _parts(page) -> Iterator[tuple[Any, int]]:
    """(line box, index of the <body> child it lies in) for every line of a page's box tree."""
    for html in page.children:
        if isinstance(html, boxes.MarginBox):
            continue
        for body in html.children:
            for child in body.children:
                part = _child_index(body.element, child.element)
                yield from ((line, part) for line in _line_boxes(child))


def _child_index(parent, element) -> int:
    for i, child in enumerate(parent if parent is not None else ()):
        if child is element:
            return i
    return -1


def _layout_hyphen(text: str, following_box, hyphen: str, element) -> bool:
    """Whether a line ending in the hyphenate character broke a word there (hyphens: auto) rather than
    at a hyphen of the text: the block's text has the two halves joined, not joined by the hyphen."""
    text = text.rstrip()
    if not hyphen or not text.endswith(hyphen) or element is None:
        return False
    following = text_of(following_box) if following_box is not None else ""
    head = text.split()[-1] if text.split() else ""
    tail = following.split()[0].removesuffix(hyphen) if following.split() else ""  # ('ex-', 'traordin-')
    source = "".join("".join(element.itertext()).split())
    return (head[: -len(hyphen)] + tail) in source and (head + tail) not in source


def _line_boxes(box) -> Iterator:
    if isinstance(box, boxes.LineBox):
        yield box
        return
    for child in getattr(box, "children", ()):
        if isinstance(child, boxes.LineBox):
            yield child
        elif not isinstance(child, boxes.MarginBox):
            yield from _line_boxes(child)


def _ink(line, texts) -> tuple[float, float, float, float]:
    """The box around the text of a line (the line box itself is as wide as its block)."""
    parts = [(t.position_x, t.position_y, t.position_x + t.width, t.position_y + t.height) for t in texts]
    if not parts:
        parts = [(line.position_x, line.position_y, line.position_x, line.position_y)]
    return (min(p[0] for p in parts), min(p[1] for p in parts), max(p[2] for p in parts), max(p[3] for p in parts))


def page_folios(layout: Layout, number: re.Pattern) -> list[str]:
    """The folio printed in each page's margin boxes (group 1 of `number`), '' where there is none."""
    return [_folio(page_box(page), number) or "" for page in layout.document.pages]


def stranded_fragments(document) -> list[str]:
    """Lines that hold only the first part of a hyphenated word: a layout defect a reader sees."""
    found = []
    for number, page in enumerate(document.pages, start=1):
        for box in walk(page_box(page)):
            if not isinstance(box, boxes.LineBox):
                continue
            text = text_of(box).strip()
            if text.endswith(("-", "\u2011")) and " " not in text and len(text) < 15:  # U+2011: print.css
                found.append(f"page {number}: a line holds only the word fragment '{text}'")
    return found


# -- paragraphs: the geometry and fonts the line breaker (evenlines.py) needs -------
@dataclass
class Paragraph:
    """A block laid out from an element with the marker attribute: its measure, first-line indent,
    the computed font of each of its elements (by index in element.iter() order), and its lines."""

    width: float
    indent: float
    justified: bool
    styles: dict[int, dict[str, Any]]
    lines: int = 0
    generated: bool = False  # holds ::before/::after content, or boxes the breaker does not know


def paragraphs(layout: Layout, attribute: str) -> dict[str, Paragraph]:
    """Every block whose element has `attribute`, keyed by its value (fragments over pages merged)."""
    found: dict[str, Paragraph] = {}
    for page in layout.document.pages:
        for box in walk(page_box(page)):
            element = getattr(box, "element", None)
            if not isinstance(box, boxes.BlockBox) or element is None or element.get(attribute) is None:
                continue
            if box.element_tag != element.tag:
                continue
            key = element.get(attribute)
            if key not in found:
                found[key] = _paragraph(box)
            _add_lines(found[key], box, element)
    return found


def _paragraph(box) -> Paragraph:
    style = box.style
    indent = style["text_indent"]
    indent_px = indent.value * box.width / 100 if indent.unit == "%" else indent.value
    justified = style["text_align_all"] == "justify" and style["white_space"] == "normal"
    return Paragraph(box.width, indent_px, justified, {})


def _add_lines(paragraph: Paragraph, box, element) -> None:
    elements = list(element.iter())  # kept: lxml's proxies (and so their ids) live as long as a reference
    index = {id(e): n for n, e in enumerate(elements)}
    for child in walk(box):
        if isinstance(child, boxes.LineBox):
            paragraph.lines += 1
        tag = getattr(child, "element_tag", "") or ""
        if "::" in tag or (isinstance(child, (boxes.AtomicInlineLevelBox, boxes.BlockBox)) and child is not box):
            paragraph.generated = True
        mine = getattr(child, "element", None)
        if isinstance(child, (boxes.InlineBox, boxes.BlockBox)) and id(mine) in index:
            paragraph.styles.setdefault(index[id(mine)], _font_facts(child.style))


@dataclass(frozen=True)
class PageLine:
    """A line of running text, for the page fix-ups: the paragraph it belongs to (its `attribute`
    value, '' when none), its index among that paragraph's lines, its text, and the chapter it is in."""

    key: str
    index: int
    text: str
    chapter: str


def page_lines(layout: Layout, attribute: str) -> list[list[PageLine]]:
    """The lines of running text of each page (margin boxes left out)."""
    seen: dict[str, int] = {}
    pages = []
    for page in layout.document.pages:
        found: list[PageLine] = []
        _collect_lines(page_box(page), attribute, "", "", seen, found)
        pages.append(found)
    return pages


def _collect_lines(box, attribute: str, key: str, chapter: str, seen: dict[str, int], found: list) -> None:
    element = getattr(box, "element", None)
    if element is not None and getattr(box, "element_tag", "") == element.tag:
        key = element.get(attribute, key) if isinstance(box, boxes.BlockBox) else key
        if element.tag == "article" and "chapter" in (element.get("class") or "").split():
            chapter = element.get("id") or chapter
    for child in getattr(box, "children", None) or []:
        if isinstance(child, boxes.LineBox):
            index = seen[key] = seen.get(key, -1) + 1 if key else 0
            found.append(PageLine(key, index, text_of(child).rstrip(), chapter))
        elif not isinstance(child, boxes.MarginBox):
            _collect_lines(child, attribute, key, chapter, seen, found)


def break_opportunities(text: str, lang: str) -> list[bool]:
    """For each character of text, whether Pango allows a line break before it (UAX #14, as in layout)."""
    from weasyprint.text.line_break import get_log_attrs

    attrs = get_log_attrs(text, lang or None)
    return [bool(attrs[i].is_line_break) for i in range(len(text))]


def _font_facts(style) -> dict[str, Any]:
    spacing = style["letter_spacing"]
    return {
        "family": style["font_family"][0],
        "weight": int(style["font_weight"]),
        "italic": style["font_style"] != "normal",
        "size": float(style["font_size"]),
        "lang": style["lang"] or "",
        "letter_spacing": 0.0 if spacing == "normal" else float(spacing),
        "word_spacing": float(style["word_spacing"]),
        "hyphens": style["hyphens"],
        "hyphenate_character": style["hyphenate_character"],
        "limit_chars": tuple(style["hyphenate_limit_chars"]),
    }


# -- page starts: the EPUB's page list -------------------------------------------
@dataclass(frozen=True)
class PageStart:
    """Where a numbered page begins: its folio, the block of its first text, and what of it came before."""

    number: str
    block: Any  # the HTML element (an lxml element of the document WeasyPrint parsed)
    printed_before: str  # that block's text laid out on earlier pages, without white space


def root_element(layout: Layout):
    """The <html> element of the laid-out document."""
    return page_box(layout.document.pages[0]).children[0].element


def page_starts(layout: Layout, number: re.Pattern) -> list[PageStart]:
    """For each page whose margin boxes print a folio matching `number` (group 1: the number),
    where its first text or picture is."""
    printed: dict = {}
    starts = []
    for page in layout.document.pages:
        folio = _folio(page_box(page), number)
        first = _walk_page(page_box(page), printed)
        if folio and first is not None:
            starts.append(PageStart(folio, *first))
    return starts


def _folio(box, number: re.Pattern) -> str | None:
    for margin in box.children:
        if isinstance(margin, boxes.MarginBox):
            match = number.fullmatch("".join(text_of(margin).split()))
            if match:
                return match.group(1)
    return None


def _walk_page(box, printed: dict):
    """(block of the page's first text, its text printed before this page); records this page's text."""
    first = None
    for leaf, block in _leaves(box, None):
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


# -- the contract ----------------------------------------------------------------
PROBE = """<html><head><style>@page { size: 60mm 40mm; @bottom-center { content: "p" counter(page) } }
@page pad { } .pad { page: pad; }</style></head>
<body><p id="x">Probe text</p><img src="data:image/png;base64,{png}" alt="">
<div class="pad">&#160;</div></body></html>"""
PNG_1PX = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="


def contract_problems() -> list[str]:
    """Each undocumented WeasyPrint feature this module relies on that no longer works as assumed."""
    problems: list[str] = []

    def check(name: str, test) -> None:
        try:
            ok = test()
        except Exception as exc:  # any failure of an assumption is reported, not raised
            ok = False
            name = f"{name} ({type(exc).__name__}: {exc})"
        if not ok:
            meaning = CONTRACT.get(name.split(" (")[0], "")
            problems.append(f"WeasyPrint {VERSION}: {name} no longer works: {meaning}")

    document = HTML(string=PROBE.replace("{png}", PNG_1PX)).render()
    pages = document.pages
    check("Page._page_box", lambda: all(hasattr(p, "_page_box") for p in pages))
    check("PageBox.page_type.name", lambda: [page_type(p) for p in pages][-1] == PAD_PAGE)
    check(
        "boxes.LineBox/TextBox/MarginBox/ReplacedBox/InlineReplacedBox",
        lambda: all(
            isinstance(getattr(boxes, n, None), type)
            for n in ("LineBox", "TextBox", "MarginBox", "ReplacedBox", "InlineReplacedBox")
        ),
    )
    check("Box.children/.element/.element_tag", lambda: root_element(Layout(document)).tag == "html")
    check("TextBox.text/.position_x/.position_y/.width/.height", lambda: _probe_line(document))
    check("PageBox.content_box_x()/content_box_y()/width/height", lambda: _probe_area(document))
    check("weasyprint.pdf.VARIANTS", lambda: {"pdf/a-3b", "pdf/ua-1"} <= pdf_variants())
    check("Document.fonts[*].family", lambda: _probe_fonts(document))
    folios = re.compile(r"p(\d+)")
    check("margin-box folios", lambda: [s.number for s in page_starts(Layout(document), folios)][:1] == ["1"])
    check("pdf.tags._build_box_tree", _probe_tag_tree)
    check("pdf.tags._build_box_tree arguments", _probe_line_spans)
    check("pdf.stream.Stream.marked/artifact", lambda: _probe_artifacts(document))
    split = list(lines(HTML(string=PROBE_BLOCKS).render()))
    check("PageBox.page_type.side", lambda: {(line.page, line.side) for line in split} >= {(1, "right"), (2, "left")})
    check("LineBox.element across pages", lambda: _probe_block(split))
    check("html > body > part boxes", lambda: [line.part for line in split] == [0] * (len(split) - 1) + [1])
    check("TextBox.style['hyphenate_character']", lambda: any(line.hyphen for line in split))
    check("Element.itertext()/.get()/iter()", lambda: split[0].block_id == "b" and split[0].block_index == 4)
    check("InlineBox.position_x/width of empty elements", _probe_markers)
    check(
        "text.line_break.get_log_attrs",
        lambda: break_opportunities("a / b c", "en") == [False] * 4 + [True, False, True],
    )
    check("style text_indent/text_align_all/hyphenate_limit_chars", lambda: _probe_paragraph(document))
    return problems


PROBE_BLOCKS = """<html lang="en"><head><style>@page { size: 40mm 30mm; margin: 2mm }
p { hyphens: auto; hyphenate-character: "-"; widows: 1; orphans: 1; margin: 0 }</style></head>
<body><p id="b">Extraordinarily incomprehensible communications extraordinarily
incomprehensible communications extraordinarily incomprehensible communications</p><p>End</p></body></html>"""


def _probe_block(split: list[Line]) -> bool:
    """One paragraph over two pages or more: its lines numbered 1..n in order, each knowing n."""
    block = [line for line in split if line.block_id == "b"]
    numbers = [line.number for line in block]
    pages = {line.page for line in block}
    return (
        len(pages) > 1 and numbers == list(range(1, len(block) + 1)) and {line.count for line in block} == {len(block)}
    )


def _probe_markers() -> bool:
    html = '<p><span data-probe="t">Probe<span data-probe="m"></span> text</span></p>'
    with tempfile.TemporaryDirectory() as folder:
        found = probe_positions(html, Path(folder), Path(folder), ("PT Sans",))
    return set(found) == {"t", "m"} and found["t"][0] < found["m"][0] < found["t"][0] + found["t"][1]


def _probe_paragraph(document) -> bool:
    style = next(b for b in walk(page_box(document.pages[0])) if isinstance(b, boxes.BlockBox)).style
    return style["text_indent"].unit in ("px", "%") and style["text_align_all"] and style["hyphenate_limit_chars"]


def _probe_tag_tree() -> bool:
    import inspect

    from weasyprint.pdf import tags as pdf_tags

    build = pdf_tags._build_box_tree
    names = list(inspect.signature(build).parameters)
    return inspect.isgeneratorfunction(build) and names[:2] == ["box", "parent"]


def _probe_line_spans() -> bool:
    """A paragraph of two line spans, one holding an <em>: the tagged PDF has the P, the NonStruct of the
    <em>, a /Span for each piece of text ('One ', 'two', ' ', 'three'), none for the line spans."""
    import inspect

    from weasyprint.pdf import tags as pdf_tags

    arguments = ["box", "parent", "pdf", "page_number", "nums", "annotations", "tags"]
    if list(inspect.signature(pdf_tags._build_box_tree).parameters) != arguments:
        return False
    html = '<p><span class="ln">One <em>two</em></span> <span class="ln">three</span></p>'
    data = Layout(HTML(string=html).render()).pdf(tagged=True, uncompressed_pdf=True)
    spans = len(re.findall(rb"/S /Span\b", data))
    return b"/S /P" in data and spans == 4 and b"/S /NonStruct" in data


def _probe_artifacts(document) -> bool:
    """The folio of a tagged probe is an artifact, and the paragraph is a P in the structure tree."""
    data = Layout(document).pdf(tagged=True, uncompressed_pdf=True)
    return b"/Artifact\nBMC" in data and b"/S /P" in data and b"/StructTreeRoot" in data


def _probe_line(document) -> bool:
    found = [line for line in lines(document) if "Probe" in line.text]
    return bool(found) and found[0].ink[2] > found[0].ink[0]


def _probe_area(document) -> bool:
    area = next(lines(document)).area
    return area[2] > area[0] and area[3] > area[1]


def _probe_fonts(document) -> bool:
    document.write_pdf()
    return all(isinstance(_text(f.family), str) for f in document.fonts.values())


# -- probes: measuring text before the edition is laid out ----------------------
PROBE_ATTRIBUTE = "data-probe"


def probe_positions(html: str, base_dir: Path, root, families) -> dict[str, tuple[float, float, float]]:
    """Lay out a small probe document (not a layout of the edition: not counted in COUNTS["layouts"])
    and give, for each element with a `data-probe` attribute, its value -> (x, width, width of the
    block it stands in), in CSS px, from the element's first box. render.balance uses it to find where
    display titles break (empty inline elements mark the spaces)."""
    COUNTS["probes"] = COUNTS.get("probes", 0) + 1
    config = font_configuration(families, base_dir)
    with collect_warnings():
        try:
            document = HTML(string=html, base_url=base_dir.as_uri() + "/", url_fetcher=ProjectFetcher(root)).render(
                font_config=config
            )
        except RefusedURL:
            return {}  # nothing measured: the edition's own layout stops with the file and line that asked
    found: dict[str, tuple[float, float, float]] = {}

    def visit(box, block_width: float) -> None:
        if isinstance(box, boxes.BlockContainerBox):
            block_width = box.width
        element = getattr(box, "element", None)
        if element is not None and not isinstance(box, boxes.BlockBox):
            key = element.get(PROBE_ATTRIBUTE)
            if key is not None and key not in found:
                found[key] = (box.position_x, box.width, block_width)
        for child in getattr(box, "children", None) or []:
            visit(child, block_width)

    for page in document.pages:
        visit(page_box(page), page_box(page).width)
    return found


# -- the live preview: parts of the edition laid out one by one -------------------
def lay_out_part(html: str, base_dir: Path, root: Path, config) -> Layout:
    """Lay out one part of the edition (its front matter, one chapter, the back) with a font
    configuration made once by font_configuration(): spare pages are kept, the caller places them."""
    return Layout(*_render(html, base_dir, root, config))


def page_types(layout: Layout) -> list[str]:
    """The @page name of each page of a layout (spare pages are PAD_PAGE)."""
    return [page_type(p) for p in layout.document.pages]
