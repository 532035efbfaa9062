"""One house style on every page size: the small edition built on A6, A5, B6, 110 x 178 mm and US
half-letter, and the cover, inside cover and back cover read back from the PDF with pdfium."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest
from conftest import MINI, build_cleanly, copy_project

from pocketpress.preview.engine import Engine

MM = 72 / 25.4  # PDF points per millimetre
SIZES = {  # page_size as an editor writes it -> (width, height) in mm
    "A6": (105, 148),
    "A5": (148, 210),
    "B6": (125, 176),
    "110mm 178mm": (110, 178),
    "5.5in 8.5in": (139.7, 215.9),  # US half-letter
}
pytestmark = pytest.mark.slow  # five layouts of the small edition


def mini_on(size: str, folder):
    """The small edition in a project at folder, on the given page size."""
    project = copy_project(MINI / "content", folder / "mini")
    edition_yaml = project.content / "mini" / "edition.yaml"
    text = edition_yaml.read_text(encoding="utf-8").replace("page_size: A6", f'page_size: "{size}"')
    edition_yaml.write_text(text, encoding="utf-8")
    return project


@pytest.fixture(scope="module", params=list(SIZES), ids=lambda s: s.replace(" ", "x"))
def sized(request, tmp_path_factory):
    """(page_size, the PDF open in pdfium) of the small edition built on that page size."""
    project = mini_on(request.param, tmp_path_factory.mktemp("size"))
    document = pdfium.PdfDocument(build_cleanly(project, "mini", "en", "pdf"))
    yield request.param, document
    document.close()


def box_of(page, words: str) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) in mm from the page's top left corner of the text `words` on the page
    (white space ignored: pdfium reads letter-spaced capitals as single letters)."""
    textpage = page.get_textpage()
    text = textpage.get_text_range()
    kept = [i for i, ch in enumerate(text) if not ch.isspace()]
    compact, wanted = "".join(text[i] for i in kept), "".join(words.split())
    start = compact.find(wanted)
    assert start >= 0, f"{words!r} not on the page: {text!r}"
    boxes = [textpage.get_charbox(kept[i]) for i in range(start, start + len(wanted))]
    height = page.get_height()
    left, right = min(b[0] for b in boxes), max(b[2] for b in boxes)
    top, bottom = max(b[3] for b in boxes), min(b[1] for b in boxes)
    return left / MM, (height - top) / MM, right / MM, (height - bottom) / MM


def centre_offset(page, box) -> float:
    """How far (mm) the box's middle is from the page's vertical centre line."""
    return abs((box[0] + box[2]) / 2 - page.get_width() / MM / 2)


def test_every_page_has_the_editions_size(sized):
    size, document = sized
    width, height = SIZES[size]
    for page in document:
        assert page.get_width() / MM == pytest.approx(width, abs=0.1)
        assert page.get_height() / MM == pytest.approx(height, abs=0.1)


def test_cover_title_and_author_in_the_upper_half_centred(sized):
    size, document = sized
    cover, height = document[0], SIZES[size][1]
    title, author = box_of(cover, "A SMALL TEST"), box_of(cover, "The Collective")
    assert title[3] < height / 2 and author[3] < height / 2
    assert title[3] < author[1], "the author stands under the title"
    assert title[1] > 0.12 * height, "the title is set down from the head, not at the top edge"
    assert centre_offset(cover, title) < 1 and centre_offset(cover, author) < 1


@pytest.mark.parametrize(
    ("page", "words"),
    [
        (0, "| | POCKET EDITION | | january 2025"),
        (1, "example.org"),
        (1, "press@example.org"),
        (-1, "| | POCKET EDITION | | EN 99"),
    ],
    ids=["cover series line", "contacts", "contacts 2", "back-cover line"],
)
def test_lines_at_the_foot_of_the_covers(sized, page, words):
    size, document = sized
    height = SIZES[size][1]
    found = document[page if page >= 0 else len(document) + page]
    box = box_of(found, words)
    assert box[1] > 0.85 * height, f"{words} at {box[1]:.0f} mm of {height} mm: not at the foot"
    assert box[3] < height - 8, f"{words} inside the page's margin"
    assert centre_offset(found, box) < 1


def test_contents_heading_near_the_head_over_the_chapters(sized):
    size, document = sized
    contents = document[2]
    heading, entry = box_of(contents, "CONTENTS"), box_of(contents, "The second chapter")
    assert heading[1] < 0.25 * SIZES[size][1] and heading[3] < entry[1]


@pytest.mark.parametrize("size", ["A5", "5.5in 8.5in"])
def test_the_preview_gives_the_books_pages_on_other_sizes(size, tmp_path):
    """The preview lays the back out alone, from a spare page: the back cover still fills one page."""
    engine = Engine(mini_on(size, tmp_path), "mini", "en", tmp_path / "preview")
    snapshot = engine.rebuild()
    assert not snapshot.problems and not snapshot.warnings
    assert [p.digest for p in snapshot.pages] == [key for key, _ in engine.exact_pages()]
