"""The edition as the renderers see it: plain, typed, validated, one language.

Nothing here knows about HTML, PDF or EPUB. What the editor writes is declared once,
in schema.py; the model holds it resolved (merged per language, paths made absolute).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .schema import PrintOptions as PrintSettings  # the `print:` mapping, declared once, in the schema


@dataclass(frozen=True)
class Picture:
    path: Path
    caption: str | None
    alt: str | None  # the chapter header's alt (per language); None: not given (the build warns)
    placeholder: bool = False  # only holds the place of the real picture (edition.yaml)
    where: str = ""  # the chapter file, as shown in messages


@dataclass(frozen=True)
class Chapter:
    id: str
    title: str
    body: str  # Markdown
    source: Path  # the Markdown file it was read from
    lang: str  # language of this text (the source language for a fallback)
    date: dt.date | None = None
    picture: Picture | None = None
    epigraph: str | None = None
    excerpt: bool = False
    fallback: bool = False  # untranslated: taken from the source language


@dataclass(frozen=True)
class Edition:
    slug: str
    lang: str
    source_language: str
    root: Path  # content/<slug>
    title: str
    author: str
    series: str
    edition_code: str
    date: dt.date
    date_precision: str  # "month" or "day"
    contacts: tuple[str, ...]
    page_size: str
    folio: str
    contents_folio: str
    date_style: str
    cover_date_style: str
    fonts: dict[str, str]
    styles: tuple[Path, ...]
    introduction: Chapter | None
    chapters: tuple[Chapter, ...]
    strings: dict[str, str]
    quotes: dict[str, str] = field(default_factory=dict)  # per language of its text: outer and inner pairs
    hyphenation: dict[str, tuple[str, ...]] = field(default_factory=dict)  # per language: words with their points
    print_settings: PrintSettings | None = None
    allow_partial: bool = False
    missing: tuple[str, ...] = ()  # chapter ids not translated into this language
    omitted: tuple[str, ...] = ()  # titles of chapters left out of a partial build
    warnings: tuple[str, ...] = field(default=(), compare=False)  # found while loading: `path:line: ...`
    inputs: tuple[Path, ...] = field(default=(), compare=False)  # every file read
    author_role: str = "author"  # author, compiler, editor or translator (schema.LanguageFields)
    translator: str | None = None  # the translation's credit (a language's edition.yaml)
    todos: tuple[str, ...] = ()  # `path:line: TODO: ...` left by an importer, reported as warnings

    @property
    def name(self) -> str:
        return f"{self.slug}-{self.lang}"
