"""The EPUB's package metadata: identity, dates, series, print source and accessibility."""

from __future__ import annotations

import datetime as dt
import uuid

from .model import Edition

# Fixed for ever: the same edition and language always get the same identifier.
NAMESPACE = uuid.UUID("7d0f3f4e-5b8a-5c51-9a43-2f1d6c0e9b27")


def bcp47(lang: str) -> str:
    """A language folder name as a BCP 47 tag: pt_BR -> pt-BR."""
    return lang.replace("_", "-")


def identifier(edition: Edition) -> str:
    """urn:uuid from the edition's slug and language: stable across builds and machines."""
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, f'{edition.slug}/{edition.lang}')}"


def issue_date(edition: Edition) -> str:
    """dc:date in W3CDTF, as precise as the edition gives it (2025-01 or 2025-01-15)."""
    if edition.date_precision == "month":
        return edition.date.strftime("%Y-%m")
    return edition.date.isoformat()


def print_source(edition: Edition) -> str:
    """The print edition the page list follows, named as its back cover does: title, series and code, format."""
    return f"{edition.title} ({edition.series} {edition.edition_code}, {edition.page_size})"


def languages(edition: Edition) -> list[str]:
    """The edition's language first, then any other language a chapter is printed in."""
    langs = (
        [edition.lang]
        + [c.lang for c in edition.chapters]
        + ([edition.introduction.lang] if edition.introduction else [])
    )
    return [bcp47(lang) for lang in dict.fromkeys(langs)]


# schema.org accessibility properties. Every edition has at least one image (the cover), so it
# is visual too; every image has a text alternative, so text alone is sufficient.
ACCESSIBILITY = {
    "schema:accessMode": ["textual", "visual"],
    "schema:accessModeSufficient": ["textual", "textual,visual"],
    "schema:accessibilityFeature": [
        "tableOfContents",
        "readingOrder",
        "structuralNavigation",
        "pageBreakMarkers",
        "pageNavigation",
        "printPageNumbers",
        "alternativeText",
        "displayTransformability",
        "ARIA",
    ],
    "schema:accessibilityHazard": ["none"],
}


def add_metadata(book, edition: Edition) -> None:
    """Fill an EbookLib book's metadata (dcterms:modified is given to the writer)."""
    book.set_identifier(identifier(edition))
    book.set_title(edition.title)
    for lang in languages(edition):
        book.set_language(lang)
    book.language = bcp47(edition.lang)
    book.add_author(edition.author, role="aut")
    if edition.translator:
        book.add_metadata("DC", "contributor", edition.translator, {"id": "translator"})
        role = {"refines": "#translator", "property": "role", "scheme": "marc:relators"}
        book.add_metadata(None, "meta", "trl", role)
    book.add_metadata("DC", "publisher", edition.series)
    book.add_metadata("DC", "date", issue_date(edition))
    _series(book, edition)
    _print_source(book, edition)
    _accessibility(book, edition)


def _series(book, edition: Edition) -> None:
    book.add_metadata(None, "meta", edition.series, {"property": "belongs-to-collection", "id": "series"})
    book.add_metadata(None, "meta", "series", {"refines": "#series", "property": "collection-type"})
    book.add_metadata("DC", "identifier", f"{edition.series} {edition.edition_code}", {"id": "edition-code"})


def _print_source(book, edition: Edition) -> None:
    name = print_source(edition)
    book.add_metadata("DC", "source", name, {"id": "print-edition"})
    book.add_metadata(None, "meta", "pagination", {"refines": "#print-edition", "property": "source-of"})
    # EPUB Accessibility's pageBreakSource, in the form EPUBCheck 5.3 knows (it rejects a11y:pageBreakSource)
    book.add_metadata(None, "meta", name, {"property": "pageBreakSource"})


def _accessibility(book, edition) -> None:
    for prop, values in ACCESSIBILITY.items():
        for value in values:
            book.add_metadata(None, "meta", value, {"property": prop})
    book.add_metadata(
        None,
        "meta",
        edition.strings["accessibility_summary"],
        {"property": "schema:accessibilitySummary", "{http://www.w3.org/XML/1998/namespace}lang": bcp47(edition.lang)},
    )


def modified(when: dt.datetime) -> dt.datetime:
    """dcterms:modified is written as UTC without offset: give EbookLib a naive UTC time."""
    return when.astimezone(dt.UTC).replace(tzinfo=None)
