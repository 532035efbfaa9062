"""A chapter as translatable segments, and its skeleton.

A segment is a piece of free text a translator translates: the header's title, caption,
alt text and epigraph, and in the body every paragraph, sub-heading, paragraph of a block
quotation, and marked paragraph ({.closing}, {.display}, {.credit}). Everything else (the
header's other keys, section breaks, the `>` of a quotation and its nesting, `##`, the
`{.closing}` line) is the skeleton, which the translation shares with its source.

Each segment has an id that says where it is and what it is (`title`, `p3`, `q7`, `h5`,
`closing12`: the number counts body segments), and a fingerprint of its normalised text:
whitespace and line wrapping do not count.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import yaml

from .loader import split_front_matter
from .markdown import parser

HEADER_KEYS = ("title", "caption", "alt", "epigraph")
MARKERS = ("closing", "display", "credit")

# What a translator needs to know about each kind of segment (PO/XLIFF comments).
NOTES = {
    "title": "Chapter title, in sentence case: the opener sets it in capitals.",
    "caption": "Caption of the title picture.",
    "alt": "Description of the title picture for readers who cannot see it.",
    "epigraph": "Display line under the title.",
    "p": "Paragraph.",
    "h": "Sub-heading.",
    "q": "Paragraph of a block quotation (the quotation's '>' marks are kept by the toolkit).",
    "closing": "Closing line, set off at the end (its {.closing} marker is kept by the toolkit).",
    "display": "Display line (its {.display} marker is kept by the toolkit).",
    "credit": "Source credit (its {.credit} marker is kept by the toolkit).",
    "edition": "A string of the edition (its edition.yaml).",
    "strings": "Interface word of the PDF and EPUB (layouts/strings).",
}
QUOTES_NOTE = "Write straight quotes \" and ': they become the language's quotation marks."
EMPHASIS_NOTE = "*word* is emphasis: keep the asterisks around the translated word."


def markup_notes(text: str) -> str:
    """What a translator should know about the markup in text."""
    return " ".join(n for c, n in (('"', QUOTES_NOTE), ("*", EMPHASIS_NOTE)) if c in text)


def normalise(text: str) -> str:
    """The text with runs of whitespace (line breaks included) as one space, and no space at the ends."""
    return " ".join(text.split())


def fingerprint(text: str) -> str:
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class Segment:
    id: str
    kind: str  # a header key, or p, h, q, closing, display, credit
    text: str  # as written, inline Markdown
    start: int = -1  # body segments: first and last+1 line of the body
    end: int = -1
    depth: int = 0  # block-quotation nesting

    @property
    def normal(self) -> str:
        return normalise(self.text)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.text)

    @property
    def note(self) -> str:
        where = f" Inside a quotation {self.depth} deep." if self.depth > 1 else ""
        return NOTES[self.kind] + where


@dataclass(frozen=True)
class Chapter:
    header: str | None  # the header's YAML text
    body: str
    segments: list[Segment]

    def text(self) -> str:
        return self.body if self.header is None else f"---\n{self.header}---\n{self.body}"


def header_values(header: str | None) -> dict:
    if header is None:
        return {}
    try:
        data = yaml.safe_load(header)
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def body_segments(body: str) -> list[Segment]:
    result: list[Segment] = []
    depth = 0
    tokens = parser("\"\"''").parse(body)
    for i, token in enumerate(tokens):
        if token.type == "blockquote_open":
            depth += 1
        elif token.type == "blockquote_close":
            depth -= 1
        if token.type not in ("paragraph_open", "heading_open") or not token.map:
            continue
        inline = tokens[i + 1]
        cls = str(token.attrs.get("class", ""))
        if token.type == "heading_open":
            kind = "h"
        elif cls in MARKERS:
            kind = cls
        else:
            kind = "q" if depth else "p"
        n = len(result) + 1
        result.append(Segment(f"{kind}{n}", kind, inline.content, token.map[0], token.map[1], depth))
    return result


def parse(text: str) -> Chapter:
    header, body, _ = split_front_matter(text)
    values = header_values(header)
    segments = [Segment(key, key, str(values[key])) for key in HEADER_KEYS if values.get(key)]
    return Chapter(header, body, segments + body_segments(body))


def _set_header(header: str, key: str, value: str) -> str:
    """The header with key set to value: the key's lines replaced, or added at the end."""
    line = yaml.safe_dump({key: value}, allow_unicode=True, width=10**9, sort_keys=False)
    lines = header.splitlines(keepends=True)
    for i, old in enumerate(lines):
        if re.match(rf"{re.escape(key)}\s*:", old):
            j = i + 1
            while j < len(lines) and (lines[j].startswith((" ", "\t")) or not lines[j].strip()):
                j += 1
            return "".join(lines[:i]) + line + "".join(lines[j:])
    return header.rstrip("\n") + "\n" + line if header.strip() else line


def _drop_header(header: str, key: str) -> str:
    return "".join(line for line in header.splitlines(keepends=True) if not re.match(rf"{re.escape(key)}\s*:", line))


PREFIX = re.compile(r"^[ \t]*(?:>[ \t]?)*(?:#{1,6}[ \t]+)?")


def replace(chapter: Chapter, texts: dict[str, str]) -> Chapter:
    """The chapter with the segments named in texts (id -> new text) rewritten; a segment whose
    normalised text does not change keeps its bytes. The skeleton is kept as it is."""
    header = chapter.header
    lines = chapter.body.splitlines(keepends=True)
    for segment in reversed(chapter.segments):
        new = texts.get(segment.id)
        if new is None or normalise(new) == segment.normal:
            continue
        if segment.start < 0:
            header = _set_header(header or "", segment.id, normalise(new))
            continue
        first = lines[segment.start]
        prefix = PREFIX.match(first)
        ending = "\n" if lines[segment.end - 1].endswith("\n") else ""
        lines[segment.start : segment.end] = [(prefix.group(0) if prefix else "") + normalise(new) + ending]
    return parse(Chapter(header, "".join(lines), []).text())


def rebuild(source: Chapter, texts: dict[str, str]) -> Chapter:
    """A new translation from the source's skeleton: every segment of the source, with its text from
    texts where there is one, else the source's; header keys that are not segments are the source's."""
    header = source.header
    if header is not None:
        header = _drop_header(header, "translated_from")
    return replace(Chapter(header, source.body, parse(Chapter(header, source.body, []).text()).segments), texts)
