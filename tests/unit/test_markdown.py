"""Markdown to HTML in each language's typography: input text in, HTML out (no layout, no files).

The tests stay at the level of text -> HTML, so they hold whatever the quote tables are kept in.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pocketpress import languages, markdown

LAYOUTS = Path(__file__).resolve().parents[2] / "layouts"


def _quotes(lang: str) -> str:
    """The language's quotation marks, as the shipped layouts/languages.yaml gives them."""
    return languages.quotes_for(LAYOUTS, lang)


def to_html(text: str, lang: str, strings: dict | None = None, id_prefix: str | None = None) -> str:
    return markdown.to_html(text, _quotes(lang), strings, id_prefix=id_prefix)


def inline(text: str, lang: str) -> str:
    return markdown.inline(text, _quotes(lang))


# language: (outer open, outer close, inner open, inner close)
PAIRS = {
    "en": ("“", "”", "‘", "’"),
    "uk": ("«", "»", "„", "“"),
    "es": ("«", "»", "“", "”"),
}


def paragraphs(html: str) -> list[str]:
    """The content of each <p>, in order."""
    return re.findall(r"<p[^>]*>(.*?)</p>", html, re.S)


# -- quotation marks ----------------------------------------------------------------------
@pytest.mark.parametrize("lang", sorted(PAIRS))
def test_quotes_become_the_languages_outer_pair(lang):
    lo, lc, _, _ = PAIRS[lang]
    assert to_html('He said "hello" and left.', lang) == f"<p>He said {lo}hello{lc} and left.</p>\n"


@pytest.mark.parametrize("lang", sorted(PAIRS))
def test_quotes_inside_quotes_take_the_inner_pair(lang):
    lo, lc, li, ri = PAIRS[lang]
    html = to_html('He said: "Mind the "gap" there."', lang)
    assert html == f"<p>He said: {lo}Mind the {li}gap{ri} there.{lc}</p>\n"


def test_english_quotes_and_nested_quotes():
    assert inline('"She wrote "no" twice"', "en") == "“She wrote ‘no’ twice”"
    assert inline("He said 'no' once", "en") == "He said ‘no’ once"


def test_ukrainian_quotes_and_nested_quotes():
    assert inline('"Вона написала "ні" двічі"', "uk") == "«Вона написала „ні“ двічі»"


def test_spanish_quotes_and_nested_quotes():
    assert inline('"Ella escribió "no" dos veces"', "es") == "«Ella escribió “no” dos veces»"


def test_a_region_subtag_takes_the_languages_quotes():
    assert inline('"так"', "uk-UA") == "«так»"


@pytest.mark.parametrize("lang", sorted(PAIRS))
def test_a_quotation_over_several_paragraphs_of_a_block_quote(lang):
    """Each paragraph re-opens the quotation, only the last closes it; nested quotes stay inner in all."""
    lo, lc, li, ri = PAIRS[lang]
    text = '> "The first paragraph with "inner" words\n>\n> "and the second with "inner" too."\n\nAfter "it".'
    assert paragraphs(to_html(text, lang)) == [
        f"{lo}The first paragraph with {li}inner{ri} words",
        f"{lo}and the second with {li}inner{ri} too.{lc}",
        f"After {lo}it{lc}.",
    ]


def test_an_unclosed_quote_outside_a_block_quote_does_not_run_on():
    assert paragraphs(to_html('"Left open\n\nThen "a new" one.', "uk")) == ["«Left open", "Then «a new» one."]


def test_a_quotation_goes_on_in_the_next_paragraph_without_reopening():
    text = '> "Left open\n>\n> Next paragraph "goes" on."'
    assert paragraphs(to_html(text, "en")) == ["“Left open", "Next paragraph ‘goes’ on.”"]


def test_a_block_quote_ends_its_quotation():
    """A quotation left open in one block quote does not go on in the next one."""
    text = '> "Left open in the quote\n\n> A "new" quote.'
    assert paragraphs(to_html(text, "en")) == ["“Left open in the quote", "A “new” quote."]


# -- apostrophes and dashes ------------------------------------------------------------------
@pytest.mark.parametrize("lang", sorted(PAIRS))
def test_apostrophes(lang):
    assert inline("Don't stop, it's the workers' day", lang) == "Don’t stop, it’s the workers’ day"


@pytest.mark.parametrize("lang", sorted(PAIRS))
def test_dashes_from_hyphens(lang):
    assert inline("one -- two --- three - four", lang) == "one – two — three - four"


# -- blocks ----------------------------------------------------------------------------
def test_stars_make_a_dinkus_with_its_label():
    html = to_html("One.\n\n***\n\nTwo.\n\n* * *\n\nThree.", "uk", {"section_break": "Розрив розділу"})
    dinkus = '<div class="dinkus" role="separator" aria-label="Розрив розділу">* * *</div>\n'
    assert html == f"<p>One.</p>\n{dinkus}<p>Two.</p>\n{dinkus}<p>Three.</p>\n"


def test_dinkus_label_defaults_to_english():
    assert 'aria-label="Section break"' in to_html("***", "en")


def test_top_level_blocks_are_numbered_with_the_prefix():
    text = "One.\n\n***\n\n## Head\n\n> quoted\n>\n> twice\n\n- a\n- b\n\n1. x\n\nLast."
    assert to_html(text, "en", id_prefix="ch-x") == (
        '<p id="ch-x-1">One.</p>\n'
        '<div class="dinkus" id="ch-x-2" role="separator" aria-label="Section break">* * *</div>\n'
        '<h2 id="ch-x-3">Head</h2>\n'
        '<blockquote id="ch-x-4">\n<p>quoted</p>\n<p>twice</p>\n</blockquote>\n'
        '<ul id="ch-x-5">\n<li>a</li>\n<li>b</li>\n</ul>\n'
        '<ol id="ch-x-6">\n<li>x</li>\n</ol>\n'
        '<p id="ch-x-7">Last.</p>\n'
    )


def test_no_ids_without_a_prefix():
    assert "id=" not in to_html("One.\n\n***\n\n## Head", "en")


@pytest.mark.parametrize("marker", ["closing", "display", "credit"])
def test_attribute_markers_set_the_class_of_the_next_paragraph(marker):
    html = to_html(f"Before.\n\n{{.{marker}}}\nUnite! Don't utilize!", "en", id_prefix="c")
    assert html == f'<p id="c-1">Before.</p>\n<p class="{marker}" id="c-2">Unite! Don’t utilize!</p>\n'


def test_raw_html_is_escaped():
    html = to_html('<script>alert("x")</script>\n\nA <b>bold</b> word', "en")
    assert "<script" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html and "A &lt;b&gt;bold&lt;/b&gt; word" in html


def test_emphasis_and_headings():
    assert to_html("An *emphasised* word\n\n## A sub-heading", "en") == (
        "<p>An <em>emphasised</em> word</p>\n<h2>A sub-heading</h2>\n"
    )


def test_a_raya_stays_with_its_word_at_a_line_end():
    """The Spanish raya: the opening one is joined to the next word, the closing one to the word before
    (U+2060 WORD JOINER), so a line never starts with "—."; a dash between words or spaces stays free."""
    html = markdown.to_html("un decir —están sentados, incesante—. Word—word, and — spaced.", "«»“”")
    assert "decir —\u2060están" in html and "incesante\u2060—." in html
    assert "Word—word" in html and " — spaced" in html
