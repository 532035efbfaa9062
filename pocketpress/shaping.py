"""Text widths as WeasyPrint will draw them: HarfBuzz (uharfbuzz) on the same font files.

WeasyPrint shapes through Pango, which uses HarfBuzz on the files fontconfig picks, without rounding
glyph positions. `Shaper` asks the same fontconfig (the build's isolated configuration: fonts.isolated)
for the file of each family, weight and style, and shapes with HarfBuzz at the same size, with the
paragraph's language and the features the house style asks for (kerning, common ligatures: HarfBuzz's
defaults). Widths are in CSS px, like the layout's.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import uharfbuzz as hb

from . import fonts

NON_BREAKING_HYPHEN = "\u2011"


@dataclass(frozen=True)
class FontSpec:
    """The font of a run of text, from WeasyPrint's computed style."""

    family: str
    weight: int  # CSS: 400, 700...
    italic: bool
    size: float  # CSS px
    lang: str = ""
    letter_spacing: float = 0.0  # CSS px, added after every character (as Pango does)
    ligatures: bool = True  # Pango turns them off in letter-spaced text


class Shaper:
    """Widths of text in the families of one edition, through its isolated fontconfig."""

    def __init__(self, families, folder: Path):
        self.families = sorted(set(families))
        self.folder = folder
        self._faces: dict[tuple[str, int, bool], tuple[hb.Font, int]] = {}

    def width(self, text: str, spec: FontSpec) -> float:
        return self._width(text, spec)

    def has_glyph(self, char: str, spec: FontSpec) -> bool:
        font, _ = self._font(spec)
        return font.get_nominal_glyph(ord(char)) is not None

    @lru_cache(maxsize=65536)  # noqa: B019 - one Shaper per build unit; the cache dies with it
    def _width(self, text: str, spec: FontSpec) -> float:
        if not text:
            return 0.0
        font, upem = self._font(spec)
        buffer = hb.Buffer()
        buffer.add_str(text)
        buffer.guess_segment_properties()
        if spec.lang:
            buffer.language = spec.lang
        hb.shape(font, buffer, {"kern": True, "liga": spec.ligatures, "clig": spec.ligatures})
        advance = sum(p.x_advance for p in buffer.glyph_positions)
        return advance * spec.size / upem + spec.letter_spacing * len(text)

    def _font(self, spec: FontSpec) -> tuple[hb.Font, int]:
        key = (spec.family, spec.weight, spec.italic)
        if key not in self._faces:
            path, index = self._file(*key)
            face = hb.Face(hb.Blob.from_file_path(path), index)
            self._faces[key] = (hb.Font(face), face.upem)
        return self._faces[key]

    def _file(self, family: str, weight: int, italic: bool) -> tuple[str, int]:
        pattern = f"{family}:{'bold' if weight >= 600 else 'regular'}:{'italic' if italic else 'roman'}"
        with fonts.isolated(self.families, self.folder):
            out = subprocess.run(
                ["fc-match", "--format", "%{file}|%{index}", pattern], capture_output=True, text=True, check=True
            ).stdout
        path, _, index = out.partition("|")
        return path, int(index or 0)
