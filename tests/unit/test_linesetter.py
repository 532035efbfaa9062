"""The print HTML's paragraphs set in lines (pocketpress/linesetter.py), with a fake shaper: every
character 6 px wide, a space 3 px; a paragraph 200 px wide, in English (pyphen's patterns)."""

from __future__ import annotations

import re
from dataclasses import replace

import lxml.html

from pocketpress import linebreak as lb
from pocketpress import linesetter
from pocketpress.weasy import Paragraph

FONT = {"family": "Fake", "weight": 400, "italic": False, "size": 12.0, "lang": "en", "letter_spacing": 0.0,
        "word_spacing": 0.0, "hyphens": "auto", "hyphenate_character": "-", "limit_chars": (6, 2, 3)}  # fmt: skip
TEXT = (
    "Those sent to the training grounds are <em>massively deserting</em> too: the main thing is to have "
    "a foreign passport with you; twenty-nine people left our battalion in Poland. Everything depends "
    "on the situation, and at the first opportunity they are gone / so the commanders say."
)


class FakeShaper:
    def width(self, text: str, spec) -> float:
        return sum(3.0 if c in " \xa0" else 6.0 for c in text) + spec.letter_spacing * len(text)

    def has_glyph(self, char: str, spec) -> bool:
        return True


def breakable(text: str, lang: str) -> list[bool]:
    """A break after a space, except before "/" (as UAX 14)."""
    return [i > 0 and text[i - 1] == " " and text[i] != "/" for i in range(len(text))]


def set_paragraph(overrides=None, text: str = TEXT) -> tuple[list[str], str]:
    html = linesetter.mark(f"<body><p>{text}</p></body>")
    facts = {"0": Paragraph(200.0, 12.0, True, {0: FONT, 1: {**FONT, "italic": True}})}
    out, planned = linesetter.set_lines(html, facts, FakeShaper(), breakable, overrides)  # type: ignore[arg-type]
    element = lxml.html.fragment_fromstring(re.search(r"<p .*</p>", out, re.S).group(0))
    lines = [span.text_content() for span in element.find_class("ln")]
    assert planned == ({"0": len(lines)} if lines else {})
    return lines, out


def test_each_line_is_a_nowrap_span_and_none_is_too_long():
    lines, out = set_paragraph()
    assert len(lines) > 5
    assert out.count('<span class="ln"') == len(lines)
    for number, line in enumerate(lines):
        room = 200 - (12 if number == 0 else 0) - linesetter.SAFETY
        style = re.findall(r'class="ln"(?: style="([^"]*)")?', out)[number]
        spacing = re.search(r"word-spacing:(-[\d.]+)px", style)
        letters = re.search(r"letter-spacing:(-?[\d.]+)px", style)
        spec = replace(FONT_SPEC, letter_spacing=float(letters.group(1)) if letters else 0.0)
        width = FakeShaper().width(line, spec) + (float(spacing.group(1)) if spacing else 0.0) * line.count(" ")
        assert width <= room + 1e-6


FONT_SPEC = linesetter._spec(FONT)


def test_the_words_and_the_emphasis_are_kept():
    lines, out = set_paragraph()
    joined = " ".join(lines).replace("\u2011 ", "")
    assert joined.split() == re.sub("<[^>]+>", "", TEXT).split()
    emphasis = "".join(lxml.html.fromstring(out).xpath("//em//text()")).replace("\u2011", "")
    assert emphasis.replace(" ", "") == "massivelydeserting"


HYPHENS_WELCOME = lb.Settings(hyphen_penalty=-100.0)  # a hyphen wherever one helps at all


def test_a_hyphenated_line_shows_a_non_breaking_hyphen():
    lines, _ = set_paragraph({"0": HYPHENS_WELCOME})
    assert any(line.endswith("\u2011") for line in lines)


def test_no_line_ends_where_the_layout_may_not_break():
    """The best place for the first line's end is before "/", where UAX 14 forbids a break: with no
    other place, the paragraph is left to WeasyPrint."""
    text = "aaaaaaaaaaaaaaa bbbbbbbbbbbbbbb / cccccc ddddd eeee ffff gggg hhhh iiii"
    lines, _ = set_paragraph(text=text)
    assert not any(line.startswith("/") for line in lines)


def test_a_hyphen_can_be_forbidden_at_a_line_end():
    lines, _ = set_paragraph({"0": HYPHENS_WELCOME})
    k = next(n for n, line in enumerate(lines) if line.endswith("\u2011"))
    again, _ = set_paragraph({"0": replace(HYPHENS_WELCOME, no_hyphen_at=frozenset({k}))})
    assert not again[k].endswith("\u2011")


def test_looseness_makes_the_paragraph_a_line_longer_or_shorter():
    lines, _ = set_paragraph()
    longer, _ = set_paragraph({"0": lb.Settings(looseness=1, tolerance=3)})
    assert len(longer) == len(lines) + 1


def test_a_paragraph_with_other_content_is_left_alone():
    html = linesetter.mark('<p>A picture <img src="x.png"> in a line</p>')
    facts = {"0": Paragraph(200.0, 0.0, True, {0: FONT, 1: FONT})}
    assert linesetter.set_lines(html, facts, FakeShaper(), breakable) == (html, {})  # type: ignore[arg-type]


NAMED = "aaa bbb ccc ddd eee fff ggg Volodymyr hhh iii jjj kkk lll mmm nnn ooo ppp qqq rrr sss."


def test_a_listed_word_breaks_where_its_hyphenation_says():
    """Volodymyr has no hyphenation point in pyphen's English patterns: the first line is very loose,
    unless the language's list (languages.yaml hyphenation) gives the word its points."""
    assert set_paragraph(text=NAMED)[0][0] == "aaa bbb ccc ddd eee fff ggg"
    html = linesetter.mark(f"<body><p>{NAMED}</p></body>")
    facts = {"0": Paragraph(200.0, 12.0, True, {0: FONT})}
    listed = {"en": ("Vo-lo-dy-myr",)}
    out, _ = linesetter.set_lines(html, facts, FakeShaper(), breakable, None, listed)  # type: ignore[arg-type]
    assert "ggg Volo\u2011</span>" in out


def test_no_two_hyphenated_lines_in_a_row():
    text = " ".join(["extraordinarily", "international", "hyphenation", "is", "a"] * 8)
    eager = replace(linesetter.SETTINGS, hyphen_penalty=-100.0, double_hyphen_demerits=0.0)  # the default limit kept
    lines, _ = set_paragraph({"0": eager}, text=text)
    ends = "".join("h" if line.endswith("\u2011") else "." for line in lines)
    assert "h" in ends and "hh" not in ends
