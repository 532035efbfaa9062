"""The folio: the edition's page-number pattern (`folio: "← {page} →"`, `contents_folio: "/ {page} /"`).

One module owns it: what a valid pattern is, how it becomes CSS `content`, how a
printed folio is recognised in a laid-out page, and how it reads with a number in.
"""

from __future__ import annotations

import re

from tinycss2.serializer import serialize_string_value

PLACEHOLDER = "{page}"
_BRACED = re.compile(r"\{[^{}]*\}")


def validate(pattern: str) -> str | None:
    """Why pattern is not a folio, or None when it is one."""
    others = sorted({m for m in _BRACED.findall(pattern) if m != PLACEHOLDER})
    if others:
        return f"unknown placeholder {', '.join(others)}: the page number is written {PLACEHOLDER}"
    count = pattern.count(PLACEHOLDER)
    if count == 0:
        return f"must contain {PLACEHOLDER}"
    if count > 1:
        return f"{PLACEHOLDER} appears {count} times: the page number is printed once"
    return None


def _parts(pattern: str) -> tuple[str, str]:
    before, _, after = pattern.partition(PLACEHOLDER)
    return before, after


def css_content(pattern: str, counter: str) -> str:
    """'← {page} →' as a CSS `content` value: "← " counter(page) " →" (quotes, backslashes, newlines escaped)."""
    before, after = _parts(pattern)
    parts = [f'"{serialize_string_value(before)}"' if before else "", counter]
    parts.append(f'"{serialize_string_value(after)}"' if after else "")
    return " ".join(p for p in parts if p)


def number_pattern(pattern: str) -> re.Pattern:
    """'← {page} →' -> a regex whose group 1 is the number; spaces are not significant."""
    before, after = _parts(pattern)
    return re.compile(r"\s*".join(["", _loose(before), r"(\d+)", _loose(after), ""]))


def _loose(text: str) -> str:
    return r"\s*".join(re.escape(ch) for ch in "".join(text.split()))


def format(pattern: str, number: int | str) -> str:  # called as folio.format; the builtin is not used here
    """The folio as printed on page number: format('← {page} →', 7) -> '← 7 →'."""
    return pattern.replace(PLACEHOLDER, str(number), 1)
