"""Dates written out in words, in the language of the text ("SEPTEMBER 6, 2024", "january 2025")."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.dates import get_month_names


@cache
def month_numbers(lang: str) -> dict[str, int]:
    """Every name and abbreviation of each month in the language (and in English), lower-cased."""
    names: dict[str, int] = {}
    for locale in {lang, "en"}:
        try:
            Locale.parse(locale)
        except (UnknownLocaleError, ValueError):
            continue
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale).items():
                    names.setdefault(name.lower().rstrip("."), number)
    return names


WORDY = r"([^\W\d_]+)\.?"
FULL = [
    re.compile(rf"{WORDY}\s+(\d{{1,2}}),?\s+(\d{{4}})"),
    re.compile(rf"(\d{{1,2}})\.?\s+{WORDY}\s+(\d{{4}})(\s*р\.|\s*г\.)?"),
]
MONTH_YEAR = re.compile(rf"{WORDY}\s+(\d{{4}})")


def parse_day(text: str, lang: str) -> dt.date | None:
    """'SEPTEMBER 6, 2024' or '6 September 2024' -> date; None if the text is not a date."""
    months = month_numbers(lang)
    text = text.strip()
    for index, pattern in enumerate(FULL):
        match = pattern.fullmatch(text)
        if match:
            month_word, day = (match.group(1), match.group(2)) if index == 0 else (match.group(2), match.group(1))
            month = months.get(month_word.lower())
            if month:
                try:
                    return dt.date(int(match.group(3)), month, int(day))
                except ValueError:
                    return None
    return None


def parse_month(text: str, lang: str) -> str | None:
    """'january 2025' -> '2025-01'; a full date -> 'YYYY-MM-DD'; None if neither."""
    day = parse_day(text, lang)
    if day:
        return day.isoformat()
    match = MONTH_YEAR.fullmatch(text.strip())
    if match and month_numbers(lang).get(match.group(1).lower()):
        return f"{match.group(2)}-{month_numbers(lang)[match.group(1).lower()]:02d}"
    return None
