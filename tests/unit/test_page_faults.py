"""The page faults the line breaker fixes after layout (evenlines.page_faults), on hand-made pages."""

from __future__ import annotations

from pocketpress.evenlines import page_faults
from pocketpress.weasy import PageLine


def page(*lines: tuple[str, int, str], chapter: str = "ch-a") -> list[PageLine]:
    return [PageLine(key, index, text, chapter) for key, index, text in lines]


def test_a_hyphen_at_the_foot_of_a_right_hand_page_is_forbidden_there():
    pages = [
        page(("1", 0, "one line"), ("1", 1, "a line ending in a hyphen‑")),  # page 1: right-hand
        page(("1", 2, "ated word, and a line ending in a hyphen‑")),  # page 2: left-hand, allowed
        page(("1", 3, "the rest")),
    ]
    faults = page_faults(pages)
    assert list(faults) == ["1"]
    assert faults["1"].no_hyphen_at == {1}


def test_a_chapter_whose_last_page_holds_one_line_is_shortened():
    pages = [
        page(("1", 0, "text"), ("2", 0, "text"), ("2", 1, "text"), ("3", 0, "text"), ("3", 1, "text")),
        page(("3", 2, "the last line")),
        page(("9", 0, "the next chapter"), chapter="ch-b"),
    ]
    faults = page_faults(pages)
    assert {key: s.looseness for key, s in faults.items()} == {"3": -1, "2": -1}


def test_pages_without_faults_need_nothing():
    pages = [page(("1", 0, "text"), ("1", 1, "text.")), page(("2", 0, "text"), ("2", 1, "more text"))]
    assert page_faults(pages) == {}
