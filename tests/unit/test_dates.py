"""Dates in every style of the edition file, in English, Ukrainian and Spanish, with the project's strings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from pocketpress.dates import STYLES, format_in_style

STRINGS = Path(__file__).resolve().parents[2] / "layouts" / "strings"
DAY = dt.date(2024, 9, 6)

EXPECTED = {
    "en": {
        "long": "September 6, 2024",
        "long_upper": "SEPTEMBER 6, 2024",
        "medium": "Sep 6, 2024",
        "month_year": "September 2024",
        "month_year_lower": "september 2024",
        "month_year_upper": "SEPTEMBER 2024",
    },
    "uk": {
        "long": "6 вересня 2024",
        "long_upper": "6 ВЕРЕСНЯ 2024",
        "medium": "6 вер. 2024\u202fр.",
        "month_year": "вересень 2024",
        "month_year_lower": "вересень 2024",
        "month_year_upper": "ВЕРЕСЕНЬ 2024",
    },
    "es": {
        "long": "6 de septiembre de 2024",
        "long_upper": "6 DE SEPTIEMBRE DE 2024",
        "medium": "6 sept 2024",
        "month_year": "septiembre de 2024",
        "month_year_lower": "septiembre de 2024",
        "month_year_upper": "SEPTIEMBRE DE 2024",
    },
}


def strings(lang: str) -> dict:
    return yaml.safe_load((STRINGS / f"{lang}.yaml").read_text(encoding="utf-8"))


def test_every_style_is_tested():
    for lang, styles in EXPECTED.items():
        assert set(styles) == set(STYLES), lang


@pytest.mark.parametrize(
    ("lang", "style"), [(lang, style) for lang, styles in EXPECTED.items() for style in sorted(styles)]
)
def test_style_in_language(lang, style):
    assert format_in_style(DAY, style, lang, strings(lang)) == EXPECTED[lang][style]


def test_a_strings_pattern_overrides_the_locales_default():
    """Without the press's pattern, Babel's Ukrainian long date ends in 'р.'; the strings file drops it."""
    assert format_in_style(DAY, "long", "uk", {}) == "6 вересня 2024\u202fр."
    assert format_in_style(DAY, "long", "uk", {"date_long_pattern": "d MMMM y"}) == "6 вересня 2024"
    assert format_in_style(DAY, "month_year", "es", {"date_month_year_pattern": "LLLL y"}) == "septiembre 2024"


def test_a_region_subtag_with_a_hyphen_is_accepted():
    assert format_in_style(DAY, "long", "en-GB", {}) == "6 September 2024"


def test_an_unknown_style_is_refused():
    with pytest.raises(KeyError):
        format_in_style(DAY, "shouting", "en", {})
