"""Balanced display titles: the cover title and the openers' titles keep their number of lines at
the narrowest width that allows it, so no line holds a single word (issue: "BREAD AND ROSES AT
NIGHT" broke with NIGHT alone). Read back from the PDF on two page sizes."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest
from conftest import MINI, build_cleanly, copy_project

from pocketpress import balance

pytestmark = pytest.mark.slow  # two layouts of the small edition


@pytest.fixture(scope="module", params=["A6", "A5"])
def pdf(request, tmp_path_factory):
    project = copy_project(MINI / "content", tmp_path_factory.mktemp("balance") / "mini")
    edition = project.content / "mini" / "edition.yaml"
    text = edition.read_text(encoding="utf-8").replace("page_size: A6", f"page_size: {request.param}")
    edition.write_text(text, encoding="utf-8")
    language = project.content / "mini" / "en" / "edition.yaml"
    text = language.read_text(encoding="utf-8").replace("title: A Small Test", "title: Bread and Roses at Night")
    language.write_text(text, encoding="utf-8")
    chapter = project.content / "mini" / "en" / "second.md"
    text = chapter.read_text(encoding="utf-8")
    long_title = "The second chapter, whose title is long enough to take two lines on any page"
    chapter.write_text(text.replace("title: The second chapter", f"title: {long_title}"), encoding="utf-8")
    document = pdfium.PdfDocument(build_cleanly(project, "mini", "en", "pdf"))
    yield document
    document.close()


def title_lines(page, first_word: str, count: int) -> list[tuple[str, float]]:
    """The `count` lines of text from the one starting with first_word: (words, width in points)."""
    textpage = page.get_textpage()
    lines, found = [], False
    for index in range(textpage.count_rects()):
        box = textpage.get_rect(index)
        words = " ".join(textpage.get_text_bounded(*box).split())
        found = found or words.startswith(first_word)
        if found and len(lines) < count:
            lines.append((words, box[2] - box[0]))
    return lines


@pytest.mark.parametrize(("page", "first_word", "count"), [(0, "BREAD", 2), (6, "THE SECOND", 2)])
def test_display_titles_are_balanced(pdf, page, first_word, count):
    lines = title_lines(pdf[page], first_word, count)
    assert len(lines) == count, lines
    assert all(len(words.split()) >= 2 for words, _ in lines), f"a single word on a line: {lines}"
    widths = [width for _, width in lines]
    assert max(widths) / min(widths) < 1.5, f"unbalanced lines: {lines}"


def positions(widths: list[float], space: float = 10, measure: float = 100) -> dict:
    """Probe positions (weasy.probe_positions) of a title of words of the given widths."""
    found, x = {}, 0.0
    for i, width in enumerate(widths[:-1]):
        x += width
        found[f"k.{i}b"] = (x, 0, measure)
        x += space
        found[f"k.{i}a"] = (x, 0, measure)
    found["k"] = (0.0, x + widths[-1], measure)
    return found


def test_balancing_keeps_the_number_of_lines_at_the_narrowest_width():
    # greedy at 100: [30 30 30] [30]: balanced: [30 30] [30 30]
    assert balance.breaks("k", positions([30, 30, 30, 30])) == [1]
    # one line at the full width: left alone
    assert balance.breaks("k", positions([20, 20, 20])) == []
    # three lines stay three
    assert len(balance.breaks("k", positions([40] * 5))) == 2


def test_breaks_are_written_after_ordinary_spaces_outside_tags():
    html = "One <em>two three</em> four\u00a0five"
    assert balance.mark(html, "k").count('data-probe="k.') == 6  # three spaces, two markers each
    assert balance.with_breaks(html, [1]) == "One <em>two <br>three</em> four\u00a0five"
