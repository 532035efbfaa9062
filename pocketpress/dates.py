"""Dates in the edition's style and language, through Babel.

A language's strings file may name its own Babel patterns (`date_long_pattern`,
`date_month_year_pattern`) where the locale's default is not what its press prints.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from babel.dates import format_date, format_skeleton


def _long(date: dt.date, lang: str, strings: dict) -> str:
    return format_date(date, strings.get("date_long_pattern", "long"), locale=lang)


def _medium(date: dt.date, lang: str, strings: dict) -> str:
    return format_date(date, "medium", locale=lang)


def _month_year(date: dt.date, lang: str, strings: dict) -> str:
    pattern = strings.get("date_month_year_pattern")
    if pattern:
        return format_date(date, pattern, locale=lang)
    return format_skeleton("yMMMM", date, locale=lang)


Formatter = Callable[[dt.date, str, dict], str]  # (date, Babel locale, strings) -> text

STYLES: dict[str, tuple[Formatter, Callable[[str], str]]] = {
    "long": (_long, str),
    "long_upper": (_long, str.upper),
    "medium": (_medium, str),
    "month_year": (_month_year, str),
    "month_year_lower": (_month_year, str.lower),
    "month_year_upper": (_month_year, str.upper),
}


def format_in_style(date: dt.date, style: str, lang: str, strings: dict) -> str:
    """E.g. long_upper: 'SEPTEMBER 6, 2024' (en), '6 ВЕРЕСНЯ 2024' (uk)."""
    fmt, case = STYLES[style]
    return case(fmt(date, lang.replace("-", "_"), strings))
