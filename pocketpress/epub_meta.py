"""The EPUB's package metadata: identity, dates, series, print source and accessibility."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import uuid
from pathlib import Path

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
# Claimed only because the tests check every shipped EPUB with Ace by DAISY (0 violations of any
# impact) and EPUBCheck (0 messages): tests/test_accessibility.py.
CONFORMANCE = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"

# MARC relator codes (https://id.loc.gov/vocabulary/relators) for edition.yaml's author_role.
RELATORS = {"author": "aut", "compiler": "com", "editor": "edt", "translator": "trl"}


def series_position(edition_code: str) -> str | None:
    """The position in the series from the edition code: EN 07 -> 7 (None without a number)."""
    numbers = re.findall(r"\d+", edition_code)
    return str(int(numbers[-1])) if numbers else None


def add_metadata(book, edition: Edition) -> None:
    """Fill an EbookLib book's metadata (dcterms:modified is given to the writer)."""
    book.set_identifier(identifier(edition))
    book.set_title(edition.title)
    for lang in languages(edition):
        book.set_language(lang)
    book.language = bcp47(edition.lang)
    _creator(book, edition)
    if edition.translator:
        book.add_metadata("DC", "contributor", edition.translator, {"id": "translator"})
        role = {"refines": "#translator", "property": "role", "scheme": "marc:relators"}
        book.add_metadata(None, "meta", "trl", role)
    book.add_metadata("DC", "publisher", edition.series)
    book.add_metadata("DC", "date", issue_date(edition))
    _series(book, edition)
    _print_source(book, edition)
    _accessibility(book, edition)


def _creator(book, edition: Edition) -> None:
    """dc:creator for an author; a compiler, editor or translator is a dc:contributor with that role."""
    role = RELATORS.get(edition.author_role, "aut")
    name = "creator" if role == "aut" else "contributor"
    book.add_metadata("DC", name, edition.author, {"id": name})
    book.add_metadata(None, "meta", role, {"refines": f"#{name}", "property": "role", "scheme": "marc:relators"})


def _series(book, edition: Edition) -> None:
    book.add_metadata(None, "meta", edition.series, {"property": "belongs-to-collection", "id": "series"})
    book.add_metadata(None, "meta", "series", {"refines": "#series", "property": "collection-type"})
    position = series_position(edition.edition_code)
    if position:
        book.add_metadata(None, "meta", position, {"refines": "#series", "property": "group-position"})
    book.add_metadata("DC", "identifier", f"{edition.series} {edition.edition_code}", {"id": "edition-code"})


def _print_source(book, edition: Edition) -> None:
    name = print_source(edition)
    book.add_metadata("DC", "source", name, {"id": "print-edition"})
    book.add_metadata(None, "meta", "pagination", {"refines": "#print-edition", "property": "source-of"})
    # EPUB Accessibility's pageBreakSource, in the form EPUBCheck 5.3 knows (it rejects a11y:pageBreakSource)
    book.add_metadata(None, "meta", name, {"property": "pageBreakSource"})


def _accessibility(book, edition) -> None:
    book.add_metadata(None, "meta", CONFORMANCE, {"property": "dcterms:conformsTo"})
    book.add_metadata(None, "meta", edition.series, {"property": "a11y:certifiedBy"})
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


def modification_time(edition: Edition) -> dt.datetime:
    """dcterms:modified: SOURCE_DATE_EPOCH when set; else the newest commit touching the edition's
    folder (or, when the folder has uncommitted changes or is not in git, the newest input's mtime,
    if later). A content change changes the date; the same content gives the same date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    committed, clean = _git_time(edition.root)
    newest = committed
    if not clean:
        mtimes = [p.stat().st_mtime for p in edition.inputs if p.exists()]
        newest = max([committed or 0, *mtimes]) or None
    if newest is None:
        return dt.datetime(edition.date.year, edition.date.month, edition.date.day, tzinfo=dt.UTC)
    return dt.datetime.fromtimestamp(int(newest), dt.UTC)


def _git_time(folder: Path) -> tuple[float | None, bool]:
    """(time of the newest commit touching folder, whether the folder has no uncommitted changes);
    (None, False) outside git."""
    try:
        log = subprocess.run(
            ["git", "log", "-1", "--format=%ct", "--", "."], cwd=folder, capture_output=True, text=True, check=True
        )
        status = subprocess.run(
            ["git", "status", "--porcelain", "--", "."], cwd=folder, capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return None, False
    stamp = log.stdout.strip()
    return (float(stamp) if stamp.isdigit() else None), bool(stamp) and not status.stdout.strip()
