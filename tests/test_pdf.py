"""The built print PDF, read back as a reader would: pages, numbers, fonts, metadata, text."""

from __future__ import annotations

import html
import re

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader

from pocketpress.loader import load_edition
from pocketpress.markdown import inline

A6 = (297.64, 419.53)  # points
pytestmark = pytest.mark.slow  # every test here reads a real edition's PDF

EDITIONS = [("voices-from-ukraine", "en"), ("voices-from-ukraine", "uk"), ("voices-from-the-russian-army", "en")]


@pytest.fixture(scope="module", params=EDITIONS, ids=lambda p: f"{p[0]}-{p[1]}")
def book(request, project, built):
    slug, lang = request.param
    path = built(slug, lang, "pdf")
    doc = pdfium.PdfDocument(path)
    texts = [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    edition = load_edition(project, slug, lang)
    return {"path": path, "reader": PdfReader(path), "texts": texts, "edition": edition, "doc": doc}


def folio_of(text: str):
    """The folio printed on a page (the last line: ← N →), or None."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    match = re.fullmatch(r"←\s*(\d+)\s*→", lines[-1]) if lines else None
    return int(match.group(1)) if match else None


def chapter_starts(book) -> list[int]:
    """1-based pages where the chapters start, from the PDF outline."""
    reader = book["reader"]
    return [reader.get_destination_page_number(item) + 1 for item in reader.outline if not isinstance(item, list)]


def test_page_size_is_the_editions(book):
    for page in book["reader"].pages:
        assert (round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2)) == A6


def test_page_count_is_a_multiple_of_4(book):
    assert len(book["reader"].pages) % 4 == 0


def test_outline_lists_the_chapters(book):
    titles = [" ".join(item.title.split()) for item in book["reader"].outline if not isinstance(item, list)]
    edition = book["edition"]
    expected = [
        " ".join(html.unescape(inline(c.title, edition.quotes[c.lang])).split()).upper() for c in edition.chapters
    ]
    assert [t.upper() for t in titles] == expected


def test_contents_numbers_are_the_chapter_start_pages(book):
    contents = book["texts"][2]
    numbers = [int(n) for n in re.findall(r"/\s*(\d+)\s*/", contents)]
    assert numbers == chapter_starts(book)


def test_chapters_start_on_right_hand_pages(book):
    assert all(page % 2 == 1 for page in chapter_starts(book))


def test_chapter_titles_stand_on_their_start_pages(book):
    for chapter, page in zip(book["edition"].chapters, chapter_starts(book), strict=True):
        first_words = normal(chapter.title.upper()).split()[:3]
        assert " ".join(first_words) in normal(book["texts"][page - 1]), chapter.id


def test_folios_where_they_belong(book):
    texts = book["texts"]
    first_chapter = chapter_starts(book)[0]
    for number, text in enumerate(texts, start=1):
        folio = folio_of(text)
        if number < first_chapter or number == len(texts) or not text.strip():
            assert folio is None, f"page {number} should carry no folio"
        else:
            assert folio == number, f"page {number} has folio {folio}"


def test_blank_pages_are_blank(book):
    for number, text in enumerate(book["texts"], start=1):
        if folio_of(text) is None and number > 4 and number < len(book["texts"]):
            assert not text.strip(), f"page {number}: unnumbered page with text"


def test_back_cover_has_series_and_code(book):
    edition = book["edition"]
    last = "".join(book["texts"][-1].split())  # letter-spaced: compare without spaces
    assert edition.series.replace(" ", "") in last and edition.edition_code.replace(" ", "") in last


def test_fonts_are_embedded_and_the_editions(book):
    names = set()
    for page in book["reader"].pages:
        fonts = page["/Resources"].get("/Font", {})
        for font in fonts.values():
            font = font.get_object()
            descriptor = (
                font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
                if "/DescendantFonts" in font
                else font["/FontDescriptor"]
            )
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]
            names.add(str(font["/BaseFont"]).split("+", 1)[-1])
    families = {f.replace(" ", "-") for f in book["edition"].fonts.values()}
    assert names and all(any(n.startswith(f) for f in families) for n in names), names


def test_metadata(book):
    edition, reader = book["edition"], book["reader"]
    assert reader.metadata.title == edition.title
    assert reader.metadata.author == edition.author
    assert reader.trailer["/Root"]["/Lang"] == edition.lang


def test_no_raw_page_markers_or_replacement_glyphs(book):
    text = "\n".join(book["texts"])
    assert "leftarrow" not in text and "rightarrow" not in text and "$" not in text
    assert "\ufffd" not in text


def test_every_paragraph_is_printed(book):
    """Each paragraph's opening words appear in the PDF text, in order."""
    # pdfium gives a hyphen the layout added at a line end as U+FFFE
    flat = normal(re.sub(r"\ufffe\s*|\u2011\s*|[-\u2010]\r?\n", "", "\n".join(book["texts"])))
    position = 0
    for chapter in book["edition"].chapters:
        for para in re.split(r"\n\s*\n", chapter.body):
            words = normal(re.sub(r"\{\.\w+\}|^[>#]+", " ", para, flags=re.M)).split()[:4]
            if len(words) < 4:
                continue
            probe = " ".join(words[1:4])
            found = flat.find(probe, position)
            assert found >= 0, f"{chapter.id}: '{probe}' not found after position {position}"
            position = found


def normal(text: str) -> str:
    """Text without quotation marks, apostrophes, dashes or emphasis marks, in single spaces."""
    return " ".join(re.sub(r"[*\"'“”‘’«»„‚–—-]", " ", text).split())
