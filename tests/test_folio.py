"""folio.py: the page-number pattern, checked, turned into CSS, recognised on a page, filled in."""

from __future__ import annotations

import pytest
import tinycss2

from pocketpress import folio


@pytest.mark.parametrize("pattern", ["← {page} →", "/ {page} /", "{page}", "p. {page}", "{ {page} }"])
def test_valid_patterns(pattern):
    assert folio.validate(pattern) is None


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("page", "must contain {page}"),
        ("← {pages} →", "unknown placeholder {pages}: the page number is written {page}"),
        ("{page} of {total}", "unknown placeholder {total}: the page number is written {page}"),
        ("{Page}", "unknown placeholder {Page}: the page number is written {page}"),
        ("{page}/{page}", "{page} appears 2 times: the page number is printed once"),
    ],
)
def test_invalid_patterns_say_why(pattern, message):
    assert folio.validate(pattern) == message


def strings_and_rest(css: str) -> list:
    """The CSS value as tinycss2 reads it back: string values, and the serialized rest."""
    nodes = [n for n in tinycss2.parse_component_value_list(css) if n.type != "whitespace"]
    assert not [n for n in nodes if n.type == "error"], css
    return [n.value if n.type == "string" else tinycss2.serialize([n]) for n in nodes]


def test_css_content_of_the_default_folio():
    assert folio.css_content("← {page} →", "counter(page)") == '"← " counter(page) " →"'


def test_css_content_without_text_around():
    assert folio.css_content("{page}", "counter(page)") == "counter(page)"


@pytest.mark.parametrize("text", ['say "{page}"', "back\\slash {page}", "line\n{page}\nbreak", "tab\t{page}"])
def test_css_content_reads_back_as_the_same_text(text):
    css = folio.css_content(text, "counter(page)")
    assert "\n" not in css
    before, after = text.split("{page}")
    expected = [part for part in (before, "counter(page)", after) if part]
    assert strings_and_rest(css) == expected


def test_css_content_escapes_a_newline_as_a_css_escape():
    assert folio.css_content("p.\n{page}", "counter(page)") == '"p.\\A " counter(page)'


def test_number_pattern_finds_the_number_whatever_the_spaces():
    pattern = folio.number_pattern("← {page} →")
    assert pattern.fullmatch("← 27 →").group(1) == "27"
    assert pattern.fullmatch("←27→").group(1) == "27"
    assert pattern.fullmatch("←  27\n→").group(1) == "27"
    assert pattern.fullmatch("/ 27 /") is None
    assert pattern.fullmatch("← xx →") is None


def test_number_pattern_escapes_regex_characters():
    pattern = folio.number_pattern("(p. {page})")
    assert pattern.fullmatch("(p. 3)").group(1) == "3"
    assert pattern.fullmatch("xp. 3)") is None


def test_format_fills_in_the_number():
    assert folio.format("← {page} →", 7) == "← 7 →"
    assert folio.format("{page}", "12") == "12"


def test_format_and_number_pattern_agree():
    for pattern in ("← {page} →", "/ {page} /", "p. {page}", "[{page}]"):
        assert folio.number_pattern(pattern).fullmatch(folio.format(pattern, 42)).group(1) == "42"
