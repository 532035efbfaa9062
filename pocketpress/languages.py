"""Typography and word lists of each language, from layouts/languages.yaml (data an editor may change).

A language not in the file uses its base language (pt-BR uses pt), else English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .errors import BuildError, Problem, display_path
from .validate import validate
from .yamlsource import Located, load_yaml

FILE_NAME = "languages.yaml"
FALLBACK = "en"
TAG = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")


class Quotes(BaseModel):
    """The quotation marks of a language."""

    model_config = ConfigDict(extra="forbid")

    outer: str = Field(description="opening and closing mark of a quotation, e.g. “” or «»")
    inner: str = Field(description="opening and closing mark of a quotation inside a quotation, e.g. ‘’ or „“")

    @field_validator("outer", "inner")
    @classmethod
    def _pair(cls, value: str) -> str:
        if len(value) != 2 or any(ch.isspace() or ch == '"' for ch in value):
            raise ValueError(f"{value!r} should be two marks, the opening one then the closing one, e.g. “”")
        return value

    @property
    def marks(self) -> str:
        """Outer open, outer close, inner open, inner close: what markdown.to_html takes."""
        return self.outer + self.inner


class Language(BaseModel):
    """One language's entry in languages.yaml."""

    model_config = ConfigDict(extra="forbid")

    quotes: Quotes = Field(description="quotation marks; straight quotes in the Markdown become these")
    introduction: str | None = Field(
        None, description="title of an imported introduction; if left out, the English one", min_length=1
    )
    caption_words: list[str] | None = Field(
        None,
        description="words that mark a line as a picture caption when importing (a word ending in * is a stem "
        "found inside any word); if left out, the English ones",
    )
    function_words: list[str] = Field(
        default_factory=list,
        description="articles, prepositions, pronouns: left out of chapter ids made from titles when importing",
    )

    abbreviations: list[str] = Field(
        default_factory=list,
        description="abbreviations ending in a full stop that do not end a sentence (Sr., Dr., т. зв.): an "
        "importer does not end a paragraph after one at a page break",
    )
    clause_words: list[str] = Field(
        default_factory=list,
        description="words that open a clause (and, but, who, which): where an importer may cut a long thread title",
    )
    capitalised_nouns: bool = Field(
        False,
        description="the language capitalises every noun (de): an importer takes a contents line's capitals as "
        "real, never as English Title Case",
    )
    date_words: list[str] = Field(
        default_factory=list,
        description="small words written between the parts of a date (es: de, del): '3 de diciembre de 2025'",
    )

    hyphenation: list[str] = Field(
        default_factory=list,
        description="words the hyphenation patterns leave whole, written with their hyphenation points as '-' "
        "(Vo-lo-dy-myr): where the print line breaker may break them (TeX's \\hyphenation)",
    )

    @field_validator("caption_words", "function_words")
    @classmethod
    def _words(cls, value: list[str] | None) -> list[str] | None:
        if value is not None and any(not word.strip(" *") for word in value):
            raise ValueError("every entry should be a word")
        return value


@dataclass(frozen=True)
class Languages:
    """Every language of the file, with the fallback from a language to its base and to English."""

    entries: dict[str, Language]

    def entry(self, lang: str) -> Language:
        """The language's entry; else its base language's (pt-BR: pt); else English's."""
        base = re.split(r"[-_]", lang, maxsplit=1)[0]
        for tag in (lang.replace("_", "-"), base, FALLBACK):
            if tag in self.entries:
                return self.entries[tag]
        raise KeyError(lang)  # parse() makes sure English is there

    def quotes(self, lang: str) -> str:
        return self.entry(lang).quotes.marks

    def hyphenation(self, lang: str) -> tuple[str, ...]:
        return tuple(self.entry(lang).hyphenation)

    def introduction(self, lang: str) -> str:
        return self.entry(lang).introduction or self.entries[FALLBACK].introduction or "Introduction"

    def caption_words(self, lang: str) -> list[str]:
        words = self.entry(lang).caption_words
        return words if words is not None else (self.entries[FALLBACK].caption_words or [])

    def caption_pattern(self, lang: str) -> re.Pattern[str]:
        """Matches a caption word: whole words, and stems (`фото*`) anywhere in a word; ignoring case."""
        words = self.caption_words(lang)
        whole = [re.escape(w) for w in words if not w.endswith("*")]
        stems = [re.escape(w.rstrip("*")) for w in words if w.endswith("*")]
        parts = ([rf"\b(?:{'|'.join(whole)})\b"] if whole else []) + ([f"(?:{'|'.join(stems)})"] if stems else [])
        return re.compile("|".join(parts) or r"(?!)", re.IGNORECASE)

    def function_words(self, lang: str) -> frozenset[str]:
        return frozenset(self.entry(lang).function_words)

    def abbreviations(self, lang: str) -> frozenset[str]:
        """The language's abbreviations, lower-cased, without their final full stop."""
        return frozenset(word.lower().rstrip(".") for word in self.entry(lang).abbreviations)

    def date_words(self, lang: str) -> tuple[str, ...]:
        return tuple(self.entry(lang).date_words)

    def capitalised_nouns(self, lang: str) -> bool:
        return self.entry(lang).capitalised_nouns

    def clause_words(self, lang: str) -> frozenset[str]:
        return frozenset(word.lower() for word in self.entry(lang).clause_words)

    def all_clause_words(self) -> frozenset[str]:
        return frozenset(word.lower() for entry in self.entries.values() for word in entry.clause_words)

    def all_function_words(self) -> frozenset[str]:
        """The function words of every language in the file."""
        return frozenset(word for entry in self.entries.values() for word in entry.function_words)


def parse(text: str, shown: str) -> tuple[Languages | None, list[Problem]]:
    """The languages in text (a languages.yaml shown to the editor as `shown`), or every problem in it."""
    located, problems = load_yaml(text, shown)
    if located is None:
        return None, problems
    if not isinstance(located.data, dict):
        hint = "one entry per language code, e.g. 'en:' with 'quotes: {outer: \"“”\", inner: \"‘’\"}' under it"
        return None, [Problem(shown, located.line_of(()), "should be a set of languages", hint)]
    entries: dict[str, Language] = {}
    for tag in located.data:
        if not TAG.fullmatch(tag):
            hint = "a language code such as en, uk or pt-BR"
            problems.append(Problem(shown, located.line_of((tag,)), f"'{tag}' is not a language code", hint))
            continue
        entry, found = validate(_part(located, tag), Language, shown)
        problems += [Problem(p.path, p.line, f"{tag}: {p.message}", p.hint) for p in found]
        if isinstance(entry, Language):
            entries[tag] = entry
    if FALLBACK not in located.data:
        problems.append(Problem(shown, 1, f"no entry for '{FALLBACK}'", "other languages fall back to it; add it"))
    return (None, problems) if problems else (Languages(entries), [])


def _part(located: Located, key: str) -> Located:
    """The located data under one top-level key, with its lines, as if it were a file of its own."""
    assert isinstance(located.data, dict)

    def under(lines: dict[tuple, int]) -> dict[tuple, int]:
        return {loc[1:]: line for loc, line in lines.items() if loc[:1] == (key,)}

    lines = under(located.lines)
    lines[()] = located.key_lines.get((key,), lines.get((), 1))  # a missing key: the line that names the language
    return Located(located.data[key], lines, under(located.key_lines))


def load(path: Path, root: Path | None = None) -> tuple[Languages | None, list[Problem]]:
    """The languages file at path, or its problems (paths shown relative to root). Read again only
    when the file changes: a build reads it once for all its editions."""
    try:
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        stamp = (0, -1)
    return _load(path, root, stamp)


@lru_cache(maxsize=16)
def _load(path: Path, root: Path | None, stamp: tuple[int, int]) -> tuple[Languages | None, list[Problem]]:
    shown = display_path(path, root or path.parent.parent)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [Problem(shown, 0, "no languages file", "copy layouts/languages.yaml from pocketpress")]
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(shown, 0, f"cannot read it: {exc}", "save it as UTF-8 text")]
    return parse(text, shown)


class LanguagesError(BuildError):
    """languages.yaml is missing or wrong; the message lists every problem as path:line: message."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


def read(layouts: Path) -> Languages:
    """The languages of a layouts folder; LanguagesError if its languages.yaml is missing or wrong.
    Read again only when the file changes."""
    path = layouts / FILE_NAME
    try:
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        stamp = (0, -1)
    return _read(path, stamp)


@lru_cache(maxsize=16)
def _read(path: Path, stamp: tuple[int, int]) -> Languages:
    languages, problems = load(path)
    if languages is None:
        raise LanguagesError(problems)
    return languages


def quotes_for(layouts: Path, lang: str) -> str:
    """The quotation marks of lang (outer open, outer close, inner open, inner close) for markdown.to_html."""
    return read(layouts).quotes(lang)


# Where `pocketpress import` looks when the project has no layouts/languages.yaml: the toolkit's own.
TOOLKIT_LAYOUTS = Path(__file__).resolve().parent.parent / "layouts"


def for_import(layouts: Path | None) -> Languages:
    """The languages for an importer: those of layouts when it has a languages file, else the toolkit's."""
    if layouts is not None and (layouts / FILE_NAME).exists():
        return read(layouts)
    return read(TOOLKIT_LAYOUTS)
