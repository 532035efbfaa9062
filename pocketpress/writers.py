"""One writer per output format; each turns an edition into bytes plus warnings."""

from __future__ import annotations

from pathlib import Path

from .errors import BuildError
from .formats import NAMES
from .model import Edition


def render_html(project, edition: Edition, out_dir: Path) -> tuple[bytes, list[str]]:
    from .render import print_html

    return print_html(project, edition, out_dir).encode("utf-8"), []


def render_pdf(project, edition: Edition, out_dir: Path) -> tuple[bytes, list[str]]:
    from . import pdf
    from .render import print_html

    document, warnings = pdf.render(print_html(project, edition, out_dir), out_dir, project.root)
    return pdf.pdf_bytes(document, set(edition.fonts.values())), warnings


def render_epub(project, edition: Edition, out_dir: Path) -> tuple[bytes, list[str]]:
    from . import epub

    return epub.epub_bytes(project, edition)


def render_print(project, edition: Edition, out_dir: Path) -> tuple[bytes, list[str]]:
    from .printing import print_pdf_bytes

    return print_pdf_bytes(project, edition, out_dir)


def render_booklet(project, edition: Edition, out_dir: Path) -> tuple[bytes, list[str]]:
    from .printing import booklet_bytes

    return booklet_bytes(project, edition, out_dir)


def render_proof(project, edition: Edition, out_dir: Path) -> tuple[bytes, list[str]]:
    from .printing import proof_bytes

    return proof_bytes(project, edition, out_dir)


# One writer per format of formats.py, named render_<format>.
WRITERS = {name: globals()[f"render_{name}"] for name in NAMES}


def render(project, edition: Edition, fmt: str, out_dir: Path) -> tuple[bytes, list[str]]:
    try:
        writer = WRITERS[fmt]
    except KeyError:
        raise BuildError(f"unknown output format '{fmt}'") from None
    return writer(project, edition, out_dir)
