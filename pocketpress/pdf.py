"""The reading PDF writer: the laid-out print edition as PDF bytes, in the edition's fonts only."""

from __future__ import annotations

from .errors import BuildError
from .weasy import Layout


def pdf_bytes(layout: Layout, allowed_fonts: set[str], **options) -> bytes:
    """The PDF; fails if any text was set in a font the edition did not name, or drawn as .notdef."""
    data = layout.pdf(**options)
    if layout.missing_glyphs:
        raise BuildError(
            f"some characters are in none of the edition's fonts ({', '.join(sorted(allowed_fonts))}): "
            + ", ".join(layout.missing_glyphs)
            + " (remove them, or name a font that has them in edition.yaml, e.g. fonts.symbols)"
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
