"""Words cut at a line end, as the importers mend them: the layout's own hyphen (U+2011, which
styles/print.css sets as the hyphenate-character) is removed for certain; in a text that marks its
layout hyphens so, a plain hyphen at a line end is the text's own and is kept; no U+2011 is left."""

from __future__ import annotations

from pocketpress.importers.common import Repair
from pocketpress.importers.pages import paragraphs
from pocketpress.importers.words import Lexicon


def mend(lines: list[str], lang: str = "en") -> tuple[str, list[Repair]]:
    repairs: list[Repair] = []
    guesses: list[tuple[int, str]] = []
    paras = paragraphs(lines, repairs, lang, guesses=guesses)
    assert guesses == []  # nothing left to the dictionary: no hyphen kept without evidence
    return " | ".join(p.text for p in paras), repairs


def test_a_layout_hyphen_is_removed_whatever_the_dictionary_says():
    text, repairs = mend(["The Hut\u2011", "sul villages sent their super\u2011", "structural greetings."])
    assert text == "The Hutsul villages sent their superstructural greetings."
    assert [(r.before, r.after, r.sure) for r in repairs] == [
        ("Hut- | sul", "Hutsul", "layout hyphen"),
        ("super- | structural", "superstructural", "layout hyphen"),
    ]


def test_a_capital_after_a_layout_hyphen_is_still_one_word():
    text, _ = mend(["Просив забезпечити ПК\u2011", "Мами й кулеметами."], "uk")
    assert text == "Просив забезпечити ПКМами й кулеметами."


def test_a_plain_hyphen_is_the_texts_own_where_the_layout_marks_its_hyphens():
    text, repairs = mend(["a two-", "time winner and an inter\u2011", "national one"])
    assert text == "a two-time winner and an international one"
    assert [r.kind() for r in repairs] == ["kept", "joined"]


def test_the_dictionary_decides_a_plain_hyphen_in_other_texts():
    text, _ = mend(["the ea-", "stern front"])
    assert text == "the eastern front"


def test_no_layout_hyphen_is_left_in_the_text():
    text, _ = mend(["a non\u2011breaking hyphen inside a line, and one at the end of a paragraph\u2011", "", "Next."])
    assert "\u2011" not in text and "non-breaking" in text


def test_a_rare_word_before_a_common_one_at_a_page_break_stays_two_words():
    assert Lexicon([], "fr").join_cut("gelions", "et") is None  # 'gelions' is rare, 'et' common
    assert Lexicon([], "en").join_cut("Dnipro", "rudne") == "Dniprorudne"  # a name cut: 'rudne' is no word
