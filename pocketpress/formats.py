"""The output formats, declared once: name, suffix of the output file, and what it is."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Format:
    name: str
    suffix: str  # build/<edition>-<lang><suffix>
    description: str


FORMATS = (
    Format("pdf", ".pdf", "the pocket-size reading PDF"),
    Format("epub", ".epub", "the EPUB 3"),
    Format("html", ".html", "the print HTML, to debug styles in a browser"),
    Format("print", "-print.pdf", "the print-shop PDF, with bleed and crop marks"),
    Format("booklet", "-booklet.pdf", "the pages imposed on A4 for saddle stitching"),
    Format("proof", "-proof.png", "a contact sheet of all pages and spreads"),
)
DEFAULT = "pdf"
NAMES = tuple(f.name for f in FORMATS)
SUFFIXES = {f.name: f.suffix for f in FORMATS}


def help_text() -> str:
    """One line per format, for the command's help."""
    width = max(len(name) for name in NAMES)
    return "\n".join(f"  {f.name:<{width}}  {f.description} (<edition>-<lang>{f.suffix})" for f in FORMATS)
