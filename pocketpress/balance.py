"""Balanced display titles: the cover title, the chapter titles and epigraphs of the openers.

WeasyPrint has no `text-wrap: balance`, so it is done as browsers do it: a title keeps the number of
lines it takes at its full width, set at the narrowest width that keeps that number. The breaks
found are written into the print HTML (a `<br>` after the space), so the layout itself is unchanged
and the same input gives the same bytes.

The words are measured once, by WeasyPrint, in a probe document: every title in its real place and
classes (the edition's stylesheets apply), set on one line (`white-space: nowrap`), with an empty
marker element on each side of every space. From the markers' positions, the width of any run of
words is known; the rest is arithmetic here. A space bound by a no-break space (render.display binds
the last two words) is never a break, so the last line never holds one word alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from markupsafe import Markup

PROBE_CSS = (
    "[data-probe] { white-space: nowrap; } "
    ".imprint, .contents, .introduction, .title-picture, .text, .excerpt-note, .fallback-note, .chapter-date, "
    ".pad, .back-cover { display: none !important; } "
    ".chapter { break-before: auto !important; } .cover { display: block !important; height: auto !important; }"
)
SPACE = re.compile(r"(<[^>]*>)| ")  # a tag (kept), or an ordinary space outside tags (a break opportunity)
EPSILON = 0.5  # px: a line is taken to fit when it is at most this much wider than the measure


def mark(html: str, key: str) -> Markup:
    """The title's HTML with a marker on each side of every ordinary space, inside one span: key names them."""
    count = iter(range(10_000))

    def marker(match: re.Match) -> str:
        if match.group(1):
            return match.group(1)
        i = next(count)
        return f'<span data-probe="{key}.{i}b"></span> <span data-probe="{key}.{i}a"></span>'

    return Markup(f'<span data-probe="{key}">{SPACE.sub(marker, str(html))}</span>')


def breaks(key: str, positions: dict[str, tuple[float, float, float]]) -> list[int]:
    """The spaces (0-based, in order) after which the balanced title breaks, from the probe's positions."""
    if key not in positions:
        return []
    x, width, measure = positions[key]
    before, after, i = [], [], 0
    while f"{key}.{i}b" in positions:
        before.append(positions[f"{key}.{i}b"][0])
        after.append(positions[f"{key}.{i}a"][0])
        i += 1
    starts = [x, *after]  # where each word run begins, and ends (before the space that follows it)
    ends = [*before, x + width]

    def fill(limit: float) -> list[int] | None:
        """Greedy lines at `limit`: the spaces broken at, or None if a word alone is too wide."""
        chosen, first = [], 0
        for last in range(len(ends)):
            if ends[last] - starts[first] > limit + EPSILON:
                if last == first:
                    return None
                chosen.append(last - 1)
                first = last
        return None if ends[-1] - starts[first] > limit + EPSILON else chosen

    natural = fill(measure)
    if natural is None or not natural:
        return []  # one line, or a word wider than the measure: nothing to balance
    widths = sorted({ends[b] - starts[a] for a in range(len(starts)) for b in range(a, len(ends))})
    for limit in widths:  # the narrowest width that keeps the number of lines
        found = fill(limit)
        if found is not None and len(found) == len(natural):
            return found
    return natural


def with_breaks(html: str, spaces: Sequence[int]) -> Markup:
    """The title's HTML with a line break after each of the given spaces (counted as mark() counts them)."""
    wanted, count = set(spaces), iter(range(10_000))

    def replace(match: re.Match) -> str:
        if match.group(1):
            return match.group(1)
        return " <br>" if next(count) in wanted else " "

    return Markup(SPACE.sub(replace, str(html)))


def balance(titles: dict[str, str], probe: Callable[[dict[str, Markup]], dict]) -> dict[str, Markup]:
    """Each title (key -> HTML) with its balanced breaks. `probe` lays out the marked titles in their
    places and returns the markers' positions (weasy.probe_positions)."""
    positions = probe({key: mark(html, key) for key, html in titles.items()})
    return {key: with_breaks(html, breaks(key, positions)) for key, html in titles.items()}
