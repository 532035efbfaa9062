"""The reading PDF writer: the laid-out print edition as PDF bytes, in the edition's fonts only."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path

from .errors import BuildError
from .weasy import Layout

GLYPH = re.compile(r'^"(.+)" \(U\+([0-9A-F]+)\)$', re.S)


def pdf_bytes(
    layout: Layout, allowed_fonts: set[str], sources: Sequence[Path] = (), show: Callable = str, **options
) -> bytes:
    """The PDF; fails if any text was set in a font the edition did not name, or drawn as .notdef
    (each such character named with its code point, the fonts tried, and the `path:line` of sources
    where it is written)."""
    data = layout.pdf(**options)
    if layout.missing_glyphs:
        tried = ", ".join(sorted(allowed_fonts))
        lines = [glyph_line(glyph, sources, show, tried) for glyph in layout.missing_glyphs]
        raise BuildError(
            f"{len(lines)} character(s) are in none of the edition's fonts ({tried}):\n  "
            + "\n  ".join(lines)
            + "\n  (remove them, or name a font that has them in edition.yaml, e.g. fonts.symbols)"
        )
    allowed = {a.lower() for a in allowed_fonts}
    stray = sorted(f for f in layout.font_families() if f.lower() not in allowed)
    if stray:
        raise BuildError(
            "text was set in fonts the edition does not name: "
            + ", ".join(stray)
            + " (some characters are missing from the edition's fonts, or an SVG picture names another font)"
        )
    return data


def glyph_line(glyph: str, sources: Sequence[Path], show: Callable, tried: str) -> str:
    """`path:line: "☃" (U+2603 SNOWMAN) is in none of the fonts tried (...)` for one missing character."""
    match = GLYPH.match(glyph)
    char = match.group(1) if match else ""
    name = unicodedata.name(char[:1], "") if char else ""
    what = f"{glyph[:-1]} {name})" if name and glyph.endswith(")") else glyph
    return f"{where(char, sources, show) or 'in the layout'}: {what}: none of the fonts tried has it"


def where(char: str, sources: Sequence[Path], show: Callable) -> str:
    """The `path:line` of the first source file that holds char ('' when none does)."""
    if not char:
        return ""
    for source in sources:
        if source.suffix.lower() not in (".md", ".yaml", ".yml"):
            continue
        try:
            text = source.read_text(encoding="utf-8-sig", errors="replace")
        except OSError:
            continue
        at = text.find(char)
        if at >= 0:
            return f"{show(source)}:{text.count(chr(10), 0, at) + 1}"
    return ""
