"""The schema of the editor's files: every option, its type, default and meaning.

Three kinds of file are read:
- `content/<edition>/edition.yaml`: `EditionFile`, the facts that do not depend on language;
- `content/<edition>/<lang>/edition.yaml`: `LanguageFile`, what a language says differently;
- the YAML header of each chapter's Markdown file: `ChapterHeader`.
Any key of `LanguageFile` may also stand in `EditionFile` as the default for all languages.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from . import folio
from .dates import STYLES
from .errors import did_you_mean

SLUG = r"^[a-z0-9][a-z0-9-]*$"
DATE_STYLES = tuple(STYLES)  # declared once, with how each prints, in dates.py


class Strict(BaseModel):
    """Unknown keys are errors (each named, with a did-you-mean)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Fonts(Strict):
    body: str = Field("PT Serif", description="Font family of the running text. Must be installed.")
    display: str = Field("PT Sans", description="Font family of titles, headings, cover and folios.")
    symbols: str = Field("PT Mono", description="Fallback for signs the other two lack, like the folio arrows ← →.")


class ChapterEntry(Strict):
    id: str = Field(
        pattern=SLUG, description="Names the chapter file `<lang>/<id>.md`; lower case, digits and hyphens."
    )
    date: dt.date | None = Field(None, description="Date of the chapter (YYYY-MM-DD), printed under its title.")
    picture: str | None = Field(None, description="Title picture, a path inside the edition folder.")
    excerpt: bool = Field(False, description="The text is an excerpt of a longer piece (said under the title).")
    placeholder: bool = Field(
        False,
        description="The picture only holds the place of the real one: its text alternative says "
        "'Picture not available in this edition' (strings: picture_placeholder), not the chapter's alt.",
    )


class PrintOptions(Strict):
    """The `print:` mapping: settings of the booklet and the print-shop PDF."""

    bleed_mm: float = Field(3.0, ge=0, le=10, description="Print-shop PDF: bleed around every page, in mm.")
    creep_mm: float = Field(
        0.0, ge=0, le=5, description="Booklet: how far the innermost pages move toward the fold, in mm."
    )
    cover_background: str | None = Field(
        None, description="A CSS colour or a picture in the edition folder that fills the front cover and its bleed."
    )
    pdf_variant: str | None = Field(None, description="Print-shop PDF variant, e.g. pdf/x-4 or pdf/a-3b.")
    output_profile: str | None = Field(None, description="ICC profile in the edition folder (PDF/X output intent).")


class LanguageFields(Strict):
    """Keys a language folder may set; the edition's edition.yaml gives their defaults."""

    title: str | None = Field(None, description="Title of the publication, on the cover and in the metadata.")
    author: str | None = Field(None, description="Author or collective, on the cover and in the metadata.")
    author_role: Literal["author", "compiler", "editor", "translator"] | None = Field(
        None,
        description="What the name under `author` did (default author): a compiler or editor is listed as "
        "a contributor with that role in the EPUB, not as the author.",
    )
    series: str | None = Field(None, description="Series mark, e.g. POCKET EDITION, on the cover and back cover.")
    edition_code: str | None = Field(None, description="Edition code on the back cover, e.g. EN 07.")
    contacts: list[str] | None = Field(None, description="Contact lines (web site, e-mail) under the cover.")
    translator: str | None = Field(
        None, description="Who translated this language: credited under the introduction and in the EPUB's metadata."
    )
    allow_partial: bool | None = Field(None, description="Build this language even if chapters are not translated yet.")
    missing_chapters: Literal["omit", "source"] | None = Field(
        None,
        description="In a partial build: leave untranslated chapters out (omit) or print the source text (source).",
    )


class EditionFile(LanguageFields):
    source_language: str = Field("en", description="Language that translations are made from (a folder name).")
    date: dt.date | str = Field(description="Issue date: YYYY-MM or YYYY-MM-DD.")
    page_size: str = Field(
        "A6",
        description="Page size: A6, B6, A5, ... or two lengths, width then height: '110mm 178mm', '5.5in 8.5in'.",
    )
    folio: str = Field("← {page} →", description="Page number at the foot of numbered pages; {page} is the number.")
    contents_folio: str = Field("/ {page} /", description="Page number in the contents; {page} is the number.")
    date_style: str = Field(
        "long_upper",
        description="How chapter dates print: " + ", ".join(DATE_STYLES) + ".",
        json_schema_extra={"enum": list(DATE_STYLES)},
    )
    cover_date_style: str = Field(
        "month_year_lower",
        description="How the issue date prints on the cover: " + ", ".join(DATE_STYLES) + ".",
        json_schema_extra={"enum": list(DATE_STYLES)},
    )
    fonts: Fonts = Field(
        default_factory=lambda: Fonts.model_validate({}),
        description="Font families; the build fails if one is not installed.",
    )
    styles: list[str] = Field(
        default_factory=list, description="Extra CSS files of this edition, applied after the house style."
    )
    print: PrintOptions = Field(
        default_factory=lambda: PrintOptions.model_validate({}), description="Booklet and print-shop settings."
    )
    introduction: str | None = Field(
        None, pattern=SLUG, description="Unnumbered front-matter note: `<lang>/<name>.md`."
    )
    chapters: list[ChapterEntry] = Field(min_length=1, description="The chapters, in reading order.")

    @field_validator("date", mode="before")
    @classmethod
    def _issue_date(cls, value):
        if isinstance(value, dt.date):
            return value
        text = str(value)
        if not re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", text):
            raise ValueError("not a date")
        try:
            dt.date.fromisoformat(text if len(text) == 10 else text + "-01")
        except ValueError:
            raise ValueError("not a date") from None
        return text

    @field_validator("page_size")
    @classmethod
    def _page_size(cls, value: str):
        named = r"(A[3-7]|B[4-7]|letter|legal)( (portrait|landscape))?"
        length = r"\d+(\.\d+)?(mm|cm|in|pt)"
        if not re.fullmatch(f"{named}|{length} {length}", value.strip()):
            raise ValueError("not a page size (use A6, A5, ... or two lengths like '105mm 148mm')")
        return value.strip()

    @field_validator("date_style", "cover_date_style")
    @classmethod
    def _date_style(cls, value: str):
        if value not in DATE_STYLES:
            hint = did_you_mean(value, DATE_STYLES).replace("valid keys", "valid styles")
            raise ValueError(f"unknown date style '{value}' ({hint})")
        return value

    @field_validator("folio", "contents_folio")
    @classmethod
    def _folio(cls, value: str):
        error = folio.validate(value)
        if error:
            raise ValueError(error)
        return value


class LanguageFile(LanguageFields):
    """`<lang>/edition.yaml`."""


class ChapterHeader(Strict):
    title: str = Field(min_length=1, description="Chapter title in sentence case; the opener sets it in capitals.")
    caption: str | None = Field(None, description="Caption of the title picture.")
    alt: str | None = Field(None, description="Short description of the title picture for readers who cannot see it.")
    epigraph: str | None = Field(None, description="Display line set off under the chapter opener.")
    translated_from: str | None = Field(
        None, description="Fingerprint of the source chapter this translation was made from."
    )


HINTS = {
    "date_from_datetime_parsing": "write dates as YYYY-MM-DD, e.g. 2024-09-06",
    "date_parsing": "write dates as YYYY-MM-DD, e.g. 2024-09-06",
    "date_type": "write dates as YYYY-MM-DD, e.g. 2024-09-06",
    "value_error": "",
    "missing": "add this key",
    "string_pattern_mismatch": "use lower-case letters, digits and hyphens, e.g. long-hot-summer",
    "literal_error": "",
    "too_short": "",
}
