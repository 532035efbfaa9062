"""The EPUB 3 writer: the same model and Markdown as the print edition, packaged by EbookLib.

A short recipe of build_* steps, each from a template in layouts/epub/:

1. the print edition's layout (shared with the PDF: writers.Unit) gives the cover and the pages;
2. the XHTML documents: cover, title page, contents, introduction, one per chapter;
3. a page-break marker where each numbered print page begins (epub_pages, epub_markers);
4. the navigation document (contents, landmarks, page list) and the NCX, written here
   so that EbookLib's automatic page list does not decide what is in them;
5. the package (manifest, spine, metadata) by EbookLib, then the zip made reproducible.

Fonts: none are embedded. A reflowable book should take the reader's own font
settings; the PT fonts' licence (OFL) would allow embedding, but the build reads
no font files from outside the project, and the system fonts of reading devices
cover every language we print (Latin and Cyrillic).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import pypdfium2
from ebooklib import epub
from jinja2 import Environment
from lxml import etree

from . import epub_check, epub_links, epub_markers, epub_meta, epub_pages, epub_zip, svg
from .dates import format_in_style
from .errors import BuildError
from .model import Edition
from .project import Project
from .render import chapter_view, environment
from .weasy import Layout

XHTML = "application/xhtml+xml"
STYLESHEET = "styles/epub.css"
COVER = "images/cover.png"
COVER_HEIGHT = 1600  # pixels: sharp on phones and tablets, small enough to page quickly
MEDIA_TYPES = {
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
}


@dataclass
class Doc:
    """One XHTML file of the book."""

    uid: str
    name: str
    tree: etree._ElementTree


@dataclass
class Book:
    """What the steps share: the edition, its views and the files made so far."""

    project: Project
    edition: Edition
    env: Environment
    chapters: list[dict]
    pictures: dict[Path, str]
    docs: list[Doc]


def epub_bytes(project, edition: Edition, layout: Layout) -> tuple[bytes, list[str]]:
    """The EPUB of one edition and language (given the print edition's layout), and its own warnings."""
    when = epub_meta.modification_time(edition)
    book = Book(project, edition, environment(project), chapter_entries(edition), pictures(edition), [])
    build_documents(book)
    chapters = {c["view"].id: (c["href"], c["view"].source) for c in book.chapters}
    unlinked = epub_links.resolve(book.docs, chapters, project.show)
    pages, more = build_page_markers(book, layout)
    nav, ncx = build_nav(book, pages), build_ncx(book, pages)
    package = build_package(book, nav, ncx, cover_png(layout))
    data = epub_zip.reproducible(write_package(package, when), when, package_lang(edition))
    faults = epub_check.problems(data)
    if faults:  # never write a book known to be broken
        raise BuildError(
            "the EPUB failed its self-check (a bug in pocketpress: please report it): " + "; ".join(faults[:5])
        )
    return data, unlinked + more


def package_lang(edition: Edition):
    """xml:lang on <package> (EbookLib writes none): the language of the metadata, for Ace's epub-lang."""
    lang = epub_meta.bcp47(edition.lang)

    def edit(name: str, data: bytes) -> bytes:
        if not name.endswith(".opf"):
            return data
        tree = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
        tree.set("{http://www.w3.org/XML/1998/namespace}lang", lang)
        return etree.tostring(tree, xml_declaration=True, encoding="utf-8")

    return edit


# -- 1. the print edition's cover ---------------------------------------------
def cover_png(layout) -> bytes:
    """The print edition's first page as a PNG, so both formats share one cover."""
    page = pypdfium2.PdfDocument(layout.first_page_pdf())[0]
    image = page.render(scale=COVER_HEIGHT / page.get_height()).to_pil()
    if image.mode != "L" and _grey(image):
        image = image.convert("L")
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def _grey(image) -> bool:
    r, g, b = image.convert("RGB").split()
    return r.tobytes() == g.tobytes() == b.tobytes()


# -- 2. the XHTML documents ----------------------------------------------------
def chapter_entries(edition: Edition) -> list[dict]:
    entries = []
    for ch in edition.chapters:
        view = chapter_view(ch, edition, None)
        entries.append(
            {"view": view, "uid": view.anchor, "href": f"{view.anchor}.xhtml", "title": plain(view.title_html)}
        )
    return entries


def pictures(edition: Edition) -> dict[Path, str]:
    """Each title picture's file name in the book: images/picture-<first chapter using it>.<ext>."""
    names: dict[Path, str] = {}
    for ch in edition.chapters:
        if ch.picture and ch.picture.path not in names:
            suffix = ch.picture.path.suffix.lower()
            if suffix not in MEDIA_TYPES:
                raise BuildError(f"{ch.picture.path.name}: pictures in the EPUB must be SVG, PNG, JPEG, GIF or WebP")
            names[ch.picture.path] = f"images/picture-{ch.id}{suffix}"
    return names


def cover_alt(edition: Edition) -> str:
    return f"{edition.strings['cover']}: {edition.title}. {edition.author}. {edition.series}"


def build_documents(book: Book) -> None:
    """Cover, title page, contents, introduction and chapters, in reading order."""
    e, s = book.edition, book.edition.strings
    add_doc(book, "cover", "cover.xhtml", s["cover"], e.lang, cover_src=COVER, cover_alt=cover_alt(e))
    add_doc(
        book,
        "titlepage",
        "titlepage.xhtml",
        e.title,
        e.lang,
        date_iso=epub_meta.issue_date(e),
        cover_date=format_in_style(e.date, e.cover_date_style, e.lang, s),
    )
    add_doc(book, "contents", "contents.xhtml", s["contents"], e.lang, chapters=book.chapters)
    if e.introduction:
        intro = chapter_view(e.introduction, e, None, "")
        add_doc(book, "introduction", "introduction.xhtml", e.introduction.title, intro.lang, intro=intro)
    for entry in book.chapters:
        view = entry["view"]
        src = book.pictures.get(view.picture.path) if view.picture else None
        add_doc(book, entry["uid"], entry["href"], entry["title"], view.lang, "chapter", ch=view, picture_src=src)


def add_doc(book: Book, uid: str, name: str, title: str, lang: str, template: str | None = None, **values) -> None:
    text = render(book, f"{template or uid}.xhtml.j2", title=title, lang=epub_meta.bcp47(lang), **values)
    book.docs.append(Doc(uid, name, parse(text, name)))


def render(book: Book, template: str, **values) -> str:
    return book.env.get_template(f"epub/{template}").render(
        e=book.edition, s=book.edition.strings, stylesheet=STYLESHEET, **values
    )


def parse(text: str, name: str) -> etree._ElementTree:
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        return etree.parse(io.BytesIO(text.encode("utf-8")), parser)
    except etree.XMLSyntaxError as exc:
        raise BuildError(f"EPUB {name}: not well-formed XHTML ({exc})") from None


def serialize(tree: etree._ElementTree) -> bytes:
    return etree.tostring(tree, xml_declaration=True, encoding="utf-8")


def plain(markup) -> str:
    """The text of an HTML fragment (a title with <em> in it) for the NCX and <title>."""
    return lxml.html.fragment_fromstring(str(markup) or " ", create_parent="span").text_content().strip()


# -- 3. page-break markers -----------------------------------------------------
def build_page_markers(book: Book, layout) -> tuple[list[tuple[str, str]], list[str]]:
    """Markers where the numbered print pages begin; the page list as [(number, href)]."""
    starts = epub_pages.page_starts(layout, book.edition.folio)
    chapters = {doc.name: doc.tree for doc in book.docs if doc.uid in {c["uid"] for c in book.chapters}}
    try:
        return epub_markers.place(chapters, starts)
    except ValueError as exc:
        raise BuildError(str(exc)) from None


# -- 4. navigation -------------------------------------------------------------
def introduction_entry(book: Book) -> dict | None:
    """The introduction in the contents and landmarks (as titled in the book), or None."""
    intro = book.edition.introduction
    if not intro:
        return None
    return {"title": intro.title, "title_html": intro.title, "href": "introduction.xhtml"}


def landmarks(book: Book) -> list[dict]:
    s = book.edition.strings
    marks = [
        {"type": "cover", "guide": "cover", "href": "cover.xhtml", "title": s["cover"]},
        {"type": "titlepage", "guide": "title-page", "href": "titlepage.xhtml", "title": s["title_page"]},
        {"type": "toc", "guide": "toc", "href": "contents.xhtml", "title": s["contents"]},
    ]
    intro = introduction_entry(book)
    if intro:
        marks.append({"type": "introduction", "guide": "preface", "href": intro["href"], "title": intro["title"]})
    if book.chapters:  # a partial translation may have none yet
        marks.append(
            {"type": "bodymatter", "guide": "text", "href": book.chapters[0]["href"], "title": s["start_of_text"]}
        )
    return marks


def build_nav(book: Book, pages: list[tuple[str, str]]) -> Doc:
    text = render(
        book,
        "nav.xhtml.j2",
        title=book.edition.strings["contents"],
        lang=epub_meta.bcp47(book.edition.lang),
        chapters=book.chapters,
        introduction=introduction_entry(book),
        landmarks=landmarks(book),
        pages=pages,
    )
    return Doc("nav", "nav.xhtml", parse(text, "nav.xhtml"))


def build_ncx(book: Book, pages: list[tuple[str, str]]) -> bytes:
    """toc.ncx: the chapters and the print pages, numbered together in reading order (playOrder)."""
    points, targets, order = [], [], 0
    intro = introduction_entry(book)
    if intro:
        order += 1
        points.append({"title": intro["title"], "href": intro["href"], "order": order})
    for entry in book.chapters:
        order += 1
        points.append({"title": entry["title"], "href": entry["href"], "order": order})
        for number, href in pages:
            if href.split("#")[0] == entry["href"]:
                order += 1
                targets.append({"number": number, "href": href, "order": order})
    text = render(
        book,
        "toc.ncx.j2",
        lang=epub_meta.bcp47(book.edition.lang),
        uid=epub_meta.identifier(book.edition),
        nav_points=points,
        pages=targets,
        max_page=max((int(n) for n, _ in pages), default=0),
    )
    return serialize(parse(text, "toc.ncx"))


# -- 5. the package ------------------------------------------------------------
def build_package(book: Book, nav: Doc, ncx: bytes, cover: bytes) -> epub.EpubBook:
    package = epub.EpubBook()
    epub_meta.add_metadata(package, book.edition)
    spine = [package.add_item(epub.EpubItem(d.uid, d.name, XHTML, serialize(d.tree))) for d in book.docs]
    nav_item = package.add_item(epub.EpubItem(nav.uid, nav.name, XHTML, serialize(nav.tree)))
    nav_item.properties = ["nav"]
    package.add_item(epub.EpubItem("ncx", "toc.ncx", "application/x-dtbncx+xml", ncx))
    package.add_item(epub.EpubItem("style", STYLESHEET, "text/css", (book.project.styles / "epub.css").read_bytes()))
    for number, (path, name) in enumerate(book.pictures.items(), start=1):
        data = path.read_bytes()
        if path.suffix.lower() == ".svg":
            data = svg.sanitise(data)  # no external references in the book either
        package.add_item(epub.EpubItem(f"picture-{number}", name, MEDIA_TYPES[path.suffix.lower()], data))
    package.set_cover(COVER, cover, create_page=False)
    package.spine = spine
    package.guide = [{"type": m["guide"], "href": m["href"], "title": m["title"]} for m in landmarks(book)]
    return package


def write_package(package: epub.EpubBook, when) -> bytes:
    out = io.BytesIO()
    options = {
        "mtime": epub_meta.modified(when),
        "epub3_pages": False,
        "epub3_landmark": False,
        "raise_exceptions": True,
    }
    epub.write_epub(out, package, options)
    return out.getvalue()
