"""Dates written out in words, in the language of the text ("SEPTEMBER 6, 2024", "3 de diciembre de 2025",
"3 грудня 2025 р.", "january 2025"). Month and weekday names come from Babel's locale data, in every form the
locale has (format and stand-alone: the Ukrainian genitive "грудня" and nominative "грудень"; wide and
abbreviated); the small words between the parts ("de") come from layouts/languages.yaml (date_words)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.dates import get_day_names, get_month_names

# Words around a date in any language: "of", the year marks "р." / "г." / "року" / "года" / "roku", "the".
COMMON_FILLERS = frozenset({"of", "the", "р", "року", "г", "года", "год", "roku", "r", "anno", "año", "em"})
TOKEN = re.compile(r"(\d{1,4})(?:st|nd|rd|th|er|e|º|°|ª|o)?\.?|([^\W\d_]+)\.?|([,\s/–-]+)")


def _locales(lang: str) -> list[str]:
    out = []
    for locale in dict.fromkeys([lang.replace("-", "_"), lang.split("-")[0].split("_")[0], "en"]):
        try:
            Locale.parse(locale)
        except (UnknownLocaleError, ValueError):
            continue
        out.append(locale)
    return out


@cache
def month_numbers(lang: str) -> dict[str, int]:
    """Every name and abbreviation of each month in the language (and in English), lower-cased."""
    names: dict[str, int] = {}
    for locale in _locales(lang):
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale).items():
                    names.setdefault(name.lower().rstrip("."), number)
    return names


@cache
def day_names(lang: str) -> frozenset[str]:
    names: set[str] = set()
    for locale in _locales(lang):
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                names.update(name.lower().rstrip(".") for name in get_day_names(width, context, locale).values())
    return frozenset(names)


@cache
def date_words(lang: str) -> frozenset[str]:
    """The language's date_words in the toolkit's layouts/languages.yaml."""
    from .. import languages

    return frozenset(w.lower() for w in languages.for_import(None).date_words(lang))


def _parts(text: str, lang: str, words: Iterable[str] | None) -> list[int | str] | None:
    """The date's numbers and month (as 'm<n>'); None if anything else is in the text."""
    skip = COMMON_FILLERS | (date_words(lang) if words is None else {w.lower() for w in words}) | day_names(lang)
    months = month_numbers(lang)
    parts: list[int | str] = []
    pos, text = 0, text.strip().strip("_*")
    while pos < len(text):
        match = TOKEN.match(text, pos)
        if not match:
            return None
        pos = match.end()
        number, word = match.group(1), match.group(2)
        if number:
            parts.append(int(number))
        elif word:
            low = word.lower()
            if low in months:
                parts.append(f"m{months[low]}")
            elif low not in skip:
                return None
    return parts


def parse_day(text: str, lang: str, words: Iterable[str] | None = None) -> dt.date | None:
    """'SEPTEMBER 6, 2024', '6 September 2024', '3 DE DICIEMBRE DE 2025' -> date; None if the text is not
    a date. `words`: the language's date_words (languages.yaml)."""
    if len(text) > 60:
        return None
    parts = _parts(text, lang, words)
    if not parts or len(parts) != 3:
        return None
    shape = "".join("m" if isinstance(p, str) else "n" for p in parts)
    if shape == "mnn":
        month, day, year = parts
    elif shape == "nmn":
        day, month, year = parts
    elif shape == "nnm":  # 2025, 3 December (rare)
        year, day, month = parts
    else:
        return None
    assert isinstance(month, str) and isinstance(day, int) and isinstance(year, int)
    if year < 1000:
        return None
    try:
        return dt.date(year, int(month[1:]), day)
    except ValueError:
        return None


def parse_month(text: str, lang: str, words: Iterable[str] | None = None) -> str | None:
    """'january 2025', 'diciembre de 2025', 'грудень 2025 р.' -> '2025-01'; a full date -> 'YYYY-MM-DD';
    None if neither."""
    day = parse_day(text, lang, words)
    if day:
        return day.isoformat()
    if len(text) > 40:
        return None
    parts = _parts(text, lang, words)
    if parts and len(parts) == 2 and isinstance(parts[0], str) and isinstance(parts[1], int) and parts[1] >= 1000:
        return f"{parts[1]}-{int(parts[0][1:]):02d}"
    return None


def looks_like_date(text: str, lang: str) -> bool:
    """A short line with a month name and a year that parse_day cannot read: worth a word in the report."""
    if len(text) > 60:
        return False
    words = re.findall(r"[^\W\d_]+", text.lower())
    return bool(re.search(r"\b\d{4}\b", text)) and any(w in month_numbers(lang) for w in words)
