"""Display lines (titles, epigraphs): the language's typography, and the last two words bound together."""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from pocketpress import languages, render

LAYOUTS = Path(__file__).resolve().parents[2] / "layouts"


def _quotes(lang: str) -> str:
    """The language's quotation marks, as the shipped layouts/languages.yaml gives them."""
    return languages.quotes_for(LAYOUTS, lang)


def display(text: str, lang: str) -> Markup:
    return render.display(text, _quotes(lang))


NBSP = "\u00a0"


def test_last_two_words_are_bound_by_a_no_break_space():
    assert display("A title of several words", "en") == f"A title of several{NBSP}words"


def test_only_the_last_space_is_bound():
    result = display("One two three", "en")
    assert result.count(NBSP) == 1 and result == f"One two{NBSP}three"


def test_one_word_is_left_alone():
    assert display("Alone", "en") == "Alone"


def test_typography_comes_first_then_the_binding():
    assert display('"Suppose they give a war and no one comes!"', "en") == (
        f"“Suppose they give a war and no one{NBSP}comes!”"
    )
    assert display('Він сказав "ні"', "uk") == f"Він сказав{NBSP}«ні»"


def test_display_is_markup_for_the_layouts():
    assert isinstance(display("Two words", "en"), Markup)
