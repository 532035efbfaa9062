"""The print PDF writer: HTML from the layouts, paged by WeasyPrint."""

from __future__ import annotations

import logging
import re
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlparse

from weasyprint import HTML
from weasyprint.urls import FatalURLFetchingError, URLFetcher

from . import fonts
from .errors import BuildError

LOGGER = logging.getLogger("weasyprint")
NOTDEF = re.compile(r'^\.notdef glyph rendered .*?: (".*" \(U\+[0-9A-F]+\))$', re.S)


class RefusedURL(FatalURLFetchingError):
    """A resource outside the project, or on the network: the build stops and names it."""


class ProjectFetcher(URLFetcher):
    """Fetches only files inside the project and data: URLs; no network at build time."""

    def __init__(self, root: Path):
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)
        self.root = root.resolve()

    def fetch(self, url, headers=None):
        scheme = url.split(":", 1)[0].lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            path = Path(unquote(urlparse(url).path)).resolve()
            if path.is_relative_to(self.root):
                return super().fetch(url, headers)
            raise RefusedURL(f"{url}: outside the project (only files inside {self.root} may be used)")
        raise RefusedURL(f"{url}: no network access at build time (only project files and data: URLs)")


class WarningLog(logging.Handler):
    """Collects WeasyPrint's warnings during one rendering."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


@contextmanager
def collect_warnings():
    handler = WarningLog()
    LOGGER.addHandler(handler)
    try:
        yield handler.messages
    finally:
        LOGGER.removeHandler(handler)


def render(html: str, base_dir: Path, root: Path):
    """The laid-out WeasyPrint document, with padding pages trimmed, and its warnings.

    The layout sees only the fonts the document names (fonts.font_configuration)."""
    with collect_warnings() as warnings:
        try:
            document = HTML(string=html, base_url=base_dir.as_uri() + "/", url_fetcher=ProjectFetcher(root)).render(
                font_config=fonts.font_configuration(fonts.named_in(html), base_dir / ".fontconfig")
            )
        except RefusedURL as exc:
            raise BuildError(f"refused to fetch {exc}") from None
    return trim_padding(document), warnings + stranded_fragments(document)


def _boxes(box):
    yield box
    for child in getattr(box, "children", None) or []:
        yield from _boxes(child)


def stranded_fragments(document) -> list[str]:
    """Lines that hold only the first part of a hyphenated word: a layout defect a reader sees."""
    found = []
    for number, page in enumerate(document.pages, start=1):
        for box in _boxes(page._page_box):
            if type(box).__name__ != "LineBox":
                continue
            text = "".join(getattr(b, "text", "") for b in _boxes(box)).strip()
            if text.endswith("-") and " " not in text and len(text) < 15:
                found.append(f"page {number}: a line holds only the word fragment '{text}'")
    return found


def is_pad(page) -> bool:
    return page._page_box.page_type.name == "pad"


def trim_padding(document):
    """Keep just enough of the layout's spare blank pages for a multiple of 4 pages."""
    pads = [p for p in document.pages if is_pad(p)]
    content = len(document.pages) - len(pads)
    keep = -content % 4
    kept_pads = pads[:keep]
    pages = [p for p in document.pages if not is_pad(p) or p in kept_pads]
    return document.copy(pages)


def pdf_bytes(document, allowed_fonts: set[str], **options) -> bytes:
    """The PDF; fails if any text was set in a font the edition did not name, or drawn as .notdef."""
    with collect_warnings() as warnings:
        data = document.write_pdf(**{"pdf_identifier": True, **options})
    missing = sorted({m.group(1) for m in map(NOTDEF.search, warnings) if m})
    if missing:
        raise BuildError(
            "some characters are in none of the edition's fonts ("
            + ", ".join(sorted(allowed_fonts))
            + "): "
            + ", ".join(missing)
            + " (remove them, or name a font that has them in edition.yaml, e.g. fonts.symbols)"
        )
    used = {_text(font.family) for font in document.fonts.values()}
    stray = sorted(f for f in used if f.lower() not in {a.lower() for a in allowed_fonts})
    if stray:
        raise BuildError(
            "text was set in fonts the edition does not name: "
            + ", ".join(stray)
            + " (some characters are missing from the edition's fonts, "
            "or an SVG picture names another font)"
        )
    return data


def _text(value) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
