"""The preview's layout: the edition in parts, each laid out alone and kept in memory.

The print HTML is cut into its front matter (cover, imprint, contents, introduction), one part per
chapter, and the back (spare pages and back cover). Every chapter starts on a right-hand page, so a
chapter laid out alone, with its page counter started at its first page number, gives the pages the
whole book gives. A part is laid out again only when its HTML, its first page number or the styles
and pictures change; the contents numbers are written into the front matter from the chapters'
first pages (laid out again when they move). The pages are rasterised with pypdfium2 at screen
resolution and kept as PNG.

`exact_pages()` lays the book out in one piece, as `make pdf` does, to check the draft against it.
"""

from __future__ import annotations

import hashlib
import io
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
from jinja2 import TemplateError, TemplateSyntaxError

from .. import breakcache, evenlines, folio, fonts, weasy
from ..errors import BuildError, ContentError
from ..loader import load_edition
from ..model import Chapter, Edition
from ..project import Project
from ..render import ChapterView, chapter_view, print_html

SCALE = 1.5  # PDF points to pixels: 108 dpi, the pages at screen resolution (zoom scales them in the browser)
CHAPTER = re.compile(r'(?=<article class="chapter")')
BACK = '<div class="pad">'
TEXT_SUFFIXES = {".md", ".yaml", ".yml", ".j2"}  # read through the HTML: they change it, and so the part keys


@dataclass(frozen=True)
class Page:
    """One page image of the booklet, and the part of the edition it belongs to."""

    png: bytes
    digest: str
    part: str  # "front", a chapter id, "blank" or "back"


@dataclass
class Snapshot:
    """What the preview shows: the last good pages, and the problems of the files as they are now."""

    version: int
    pages: list[Page]
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    changed: int | None = None  # 0-based index of the first page whose image changed in the last rebuild
    seconds: float = 0.0  # time of the last rebuild
    laid_out: list[str] = field(default_factory=list)  # the parts laid out again in the last rebuild
    exact: bool = False  # True once the pages were compared with the book laid out in one piece


def rasterise(pdf: bytes, known: dict[str, bytes] | None = None, scale: float = SCALE) -> list[tuple[str, bytes]]:
    """Each page of a PDF as (digest of its pixels, PNG). Only pages not already in `known` (digest to
    PNG) are encoded: after a one-word change most pages of a chapter come out the same."""
    known = {} if known is None else known
    document = pdfium.PdfDocument(pdf)
    images = []
    try:
        for index in range(len(document)):
            image = document[index].render(scale=scale).to_pil()
            key = digest(image.tobytes())
            if key not in known:
                known[key] = png_of(image)
            images.append((key, known[key]))
    finally:
        document.close()
    return images


def png_of(image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()


def digest(data: bytes | str) -> str:
    return hashlib.sha1(data.encode() if isinstance(data, str) else data).hexdigest()[:16]


def split_html(html: str) -> tuple[str, str, list[str], str]:
    """(head, front matter, chapters, back) of the print HTML."""
    head, body = html.split("<body>", 1)
    body = body.rsplit("</body>", 1)[0]
    front, *chapters = CHAPTER.split(body)
    holder = chapters[-1] if chapters else front
    cut = holder.index(BACK)
    back = holder[cut:]
    if chapters:
        chapters[-1] = holder[:cut]
    else:
        front = holder[:cut]
    return head, front, chapters, back


def with_style(head: str, css: str) -> str:
    return head.replace("</head>", f"<style>{css}</style>\n</head>", 1) if css else head


def contents_css(edition: Edition, numbers: list[int]) -> str:
    """The contents' page numbers written in, for a front matter laid out without its chapters."""
    return "\n".join(
        f'.contents li:nth-child({n}) a::after {{ content: leader(" ") '
        f"{folio.css_content(edition.contents_folio, repr(str(number)).replace(chr(39), chr(34)))}; }}"
        for n, number in enumerate(numbers, start=1)
    )


def assets_digest(paths: Iterable[Path]) -> str:
    """Size and time of every style sheet, picture and font file: a part's pages depend on them."""
    stats = []
    for path in paths:
        if path.is_file() and path.suffix not in TEXT_SUFFIXES:
            info = path.stat()
            stats.append(f"{path}:{info.st_size}:{info.st_mtime_ns}")
    return digest("\n".join(sorted(stats)))


def template_problem(project: Project, exc: TemplateError) -> str:
    """`layouts/x.j2:line: message` for a layout that does not work."""
    if isinstance(exc, TemplateSyntaxError) and exc.filename:
        return f"{project.show(Path(exc.filename))}:{exc.lineno}: {exc.message} (in a layout)"
    return f"layouts: {exc.message or type(exc).__name__} (in a layout)"


class Engine:
    """One edition in one language, laid out part by part; the parts' pages stay in memory."""

    def __init__(self, project: Project, slug: str, lang: str, out_dir: Path):
        self.project, self.slug, self.lang, self.out_dir = project, slug, lang, out_dir
        self.parts: dict[str, list[Page]] = {}  # part key -> its pages
        self.configs: dict[tuple[str, ...], object] = {}
        self.starts: list[int] = []  # first page of each chapter in the last layout
        self.snapshot = Snapshot(version=0, pages=[])
        self.html = ""
        self.edition: Edition | None = None
        self.views: dict[str, ChapterView] = {}  # render.chapter_view of each chapter, by its inputs
        self.views_used: set[str] = set()
        self.stores: dict[str, breakcache.Store] = {}  # the line breaker's work (one context at a time)

    # -- the public side --------------------------------------------------
    def rebuild(self) -> Snapshot:
        """Lay out what changed; on bad content keep the last good pages and record the problems."""
        start = time.perf_counter()
        previous = self.snapshot
        self.views_used = set()
        try:
            edition = load_edition(self.project, self.slug, self.lang)
            html = print_html(self.project, edition, self.out_dir, self.chapter_view)
            pages, laid_out, warnings = self._pages(edition, html)
        except ContentError as exc:
            return self._failed(previous, [str(p) for p in exc.problems], start)
        except BuildError as exc:
            return self._failed(previous, [f"error: {exc}"], start)
        except TemplateError as exc:  # a layout being edited
            return self._failed(previous, [template_problem(self.project, exc)], start)
        except Exception as exc:  # the preview outlives anything a half-saved file can do to the layout
            return self._failed(
                previous, [f"error: {type(exc).__name__}: {exc} (the last good pages are shown)"], start
            )
        self.edition, self.html = edition, html
        self.views = {key: view for key, view in self.views.items() if key in self.views_used}
        old = [p.digest for p in previous.pages]
        new = [p.digest for p in pages]
        changed = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), None)
        if changed is None and len(old) != len(new) and previous.pages:
            changed = min(len(old), len(new)) - 1
        self.snapshot = Snapshot(
            version=previous.version + 1,
            pages=pages,
            warnings=warnings,
            changed=changed,
            seconds=time.perf_counter() - start,
            laid_out=laid_out,
        )
        return self.snapshot

    def exact_pages(self) -> list[tuple[str, bytes]]:
        """The pages of the book laid out in one piece, as `make pdf` writes it (PNG each)."""
        from .. import pdf, writers

        if self.edition is None:
            return []
        unit = writers.Unit(self.project, self.edition, self.out_dir)
        return rasterise(pdf.pdf_bytes(unit.layout, set(self.edition.fonts.values())))

    def confirm(self, version: int, exact: list[tuple[str, bytes]]) -> Snapshot:
        """Compare the draft of `version` with the book laid out in one piece; show the latter if they differ."""
        snapshot = self.snapshot
        if snapshot.version != version or not exact:
            return snapshot
        if [p.digest for p in snapshot.pages] != [key for key, _ in exact]:
            snapshot.warnings.append(
                "the draft differed from the book laid out in one piece: showing the latter, as make pdf prints it"
            )
            snapshot.pages = [Page(png, key, "exact") for key, png in exact]
        snapshot.exact = True
        return snapshot

    def chapter_view(self, chapter: Chapter, edition: Edition, base: Path | None) -> ChapterView:
        """render.chapter_view, kept for chapters whose text and settings did not change (the
        Markdown of a 600-page book takes longer to render than one chapter to lay out)."""
        key = repr((chapter, edition.lang, edition.strings, edition.quotes, edition.date_style, base))
        if key not in self.views:
            self.views[key] = chapter_view(chapter, edition, base)
        self.views_used.add(key)
        return self.views[key]

    # -- laying out --------------------------------------------------------
    def _failed(self, previous: Snapshot, problems: list[str], start: float) -> Snapshot:
        self.snapshot = Snapshot(
            version=previous.version + 1,
            pages=previous.pages,
            problems=problems,
            seconds=time.perf_counter() - start,
            exact=previous.exact,
        )
        return self.snapshot

    def _config(self, edition: Edition):
        families = tuple(sorted(set(edition.fonts.values())))
        if families not in self.configs:
            self.configs[families] = weasy.font_configuration(families, self.out_dir)
        return self.configs[families]

    def _pages(self, edition: Edition, html: str) -> tuple[list[Page], list[str], list[str]]:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        head, front, chapters, back = split_html(html)
        assets = assets_digest(
            [
                *self.project.styles.rglob("*"),
                *edition.root.rglob("*"),
                *edition.styles,
                *self.project.layouts.rglob("*"),
            ]
        )
        config = self._config(edition)
        roots = [self.project.styles, edition.root, self.project.layouts]
        context = breakcache.context(f"{edition.name} preview", roots, fonts.font_files(edition.fonts.values()))
        if context not in self.stores:  # the line breaker's work on the parts, saved once per rebuild
            self.stores = {context: breakcache.Store(self.out_dir, context, breakcache.PARTS)}
        store = self.stores[context]
        laid_out: list[str] = []
        warnings: list[str] = []
        used: set[str] = set()
        known = {page.digest: page.png for pages in self.parts.values() for page in pages}

        def lay_out_part(document: str) -> weasy.Layout:
            return weasy.lay_out_part(document, self.out_dir, self.project.root, config)

        def part(name: str, source: str, css: str, first: int = 1) -> list[Page]:
            key = digest(f"{assets}\n{first}\n{css}\n{source}")
            used.add(key)
            if key not in self.parts:
                document = f"{with_style(head, css)}<body>\n{source}\n</body>\n</html>\n"
                families = edition.fonts.values()  # a change of words is not measured again (reuse_facts)
                layout = evenlines.lay_out(
                    document, lay_out_part, families, self.out_dir, store, True, edition.hyphenation
                )[1]
                # the contents link to chapters laid out elsewhere: their numbers are written in by contents_css
                warnings.extend(f"{name}: {w}" for w in layout.warnings if not w.startswith("No anchor #"))
                types = weasy.page_types(layout)
                images = rasterise(layout.pdf(), known)
                if layout.missing_glyphs:
                    warnings.append(
                        f"{name}: characters in none of the edition's fonts: {', '.join(layout.missing_glyphs)}"
                    )
                self.parts[key] = [
                    Page(png, key, weasy.PAD_PAGE if kind == weasy.PAD_PAGE else name)
                    for (key, png), kind in zip(images, types, strict=True)
                ]
                laid_out.append(name)
            return self.parts[key]

        ids = [ch.id for ch in edition.chapters]
        guess = self.starts if len(self.starts) == len(ids) else [0] * len(ids)
        for _ in range(4):  # the contents numbers depend on the chapters, which follow the front matter
            pages = list(part("front", front, contents_css(edition, guess)))
            starts = []
            for cid, source in zip(ids, chapters, strict=True):
                if len(pages) % 2 == 1:  # the next page would be a left-hand one: a blank page before the chapter
                    pages.append(self._blank(pages[-1]))
                starts.append(len(pages) + 1)
                pages += part(cid, source, f"@page :first {{ counter-reset: page {len(pages) + 1}; }}", len(pages) + 1)
            if starts == guess:
                break
            guess = starts
        self.starts = guess
        tail = part("back", back, "")
        spare = [p for p in tail if p.part == weasy.PAD_PAGE]
        printed = [p for p in tail if p.part != weasy.PAD_PAGE]
        keep = -(len(pages) + len(printed)) % 4
        pages += spare[:keep] + printed
        for key in set(self.parts) - used:  # keep only the parts of the current book in memory
            del self.parts[key]
        store.save()
        return pages, laid_out, warnings

    def _blank(self, like: Page) -> Page:
        """A blank page of the same size as a page of the booklet."""
        from PIL import Image

        image = Image.new("RGB", Image.open(io.BytesIO(like.png)).size, "white")
        return Page(png_of(image), digest(image.tobytes()), "blank")
