"""Even justified lines for the print layout: the breaks chosen by linesetter.py, then laid out again.

The first layout gives each paragraph's measure, first-line indent and fonts, as WeasyPrint computed
them (weasy.paragraphs); linesetter fixes the optimal breaks in the HTML; the second layout is the one
printed. Two page faults are then looked for (`page_faults`), and only when one is found are the
paragraphs concerned broken again and the edition laid out a third time:

- a hyphen at the foot of a right-hand page (the reader turns the leaf mid-word): that line of its
  paragraph may not end in a hyphen;
- a chapter whose last page holds a single line: the paragraphs of the chapter on the page before
  are set one line shorter where they can be (TeX's \\looseness=-1).

A paragraph the last layout breaks otherwise than planned is reported as a warning (the tests build
the shipped editions without warnings).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from . import linebreak, linesetter, weasy
from .shaping import NON_BREAKING_HYPHEN, Shaper

LayOut = Callable[[str], weasy.Layout]
Overrides = dict[str, linebreak.Settings]
Hyphenation = dict[str, tuple[str, ...]] | None  # per language: words with their hyphenation points (languages.yaml)
SHORTENED = 2  # paragraphs tried one line shorter, from the end of the page before a chapter's single line


class Breaker:
    """The paragraphs of one print HTML, measured once, broken as often as the fix-ups ask."""

    def __init__(self, html: str, lay_out_html: LayOut, families, folder: Path, hyphenation: Hyphenation = None):
        self.hyphenation = hyphenation or {}
        self.marked = linesetter.mark(html)
        self.facts = weasy.paragraphs(lay_out_html(self.marked), linesetter.MARK)
        self.shaper = Shaper(families, folder / weasy.FONTCONFIG_FOLDER)

    def lined(self, overrides: Overrides | None = None) -> tuple[str, dict[str, int]]:
        return linesetter.set_lines(
            self.marked, self.facts, self.shaper, weasy.break_opportunities, overrides, self.hyphenation
        )


def lined(html: str, lay_out_html: LayOut, families, folder: Path) -> tuple[str, dict[str, int]]:
    """The HTML with the justified paragraphs' lines fixed, and the lines planned for each paragraph."""
    return Breaker(html, lay_out_html, families, folder).lined()


def lay_out(
    html: str, lay_out_html: LayOut, families, folder: Path, hyphenation: Hyphenation = None
) -> tuple[str, weasy.Layout]:
    """The HTML with its lines fixed, and its layout (fixed again when a page fault is found)."""
    breaker = Breaker(html, lay_out_html, families, folder, hyphenation)
    fixed, planned = breaker.lined()
    layout = lay_out_html(fixed)
    overrides = page_faults(weasy.page_lines(layout, linesetter.MARK))
    if overrides:
        fixed, planned = breaker.lined(overrides)
        layout = lay_out_html(fixed)
    layout.warnings.extend(differences(layout, planned))
    return fixed, layout


def page_faults(pages: list[list[weasy.PageLine]]) -> Overrides:
    """Other breaking settings for the paragraphs that make a page fault (see the module's docstring).
    pages: the lines of each page, the first page a right-hand one."""
    overrides: Overrides = {}

    def change(key: str, **settings) -> None:
        overrides[key] = replace(overrides.get(key, linesetter.SETTINGS), **settings)

    for number, lines in enumerate(pages, start=1):
        last = lines[-1] if lines else None
        if number % 2 and last and last.key and last.text.endswith((NON_BREAKING_HYPHEN, "-")):
            done = overrides.get(last.key, linesetter.SETTINGS).no_hyphen_at
            change(last.key, no_hyphen_at=done | {last.index})
    last_page: dict[str, int] = {}
    for number, lines in enumerate(pages):
        for line in lines:
            if line.chapter:
                last_page[line.chapter] = number
    for chapter, number in last_page.items():
        if number and len([line for line in pages[number] if line.chapter == chapter]) == 1:
            before = [line.key for line in pages[number - 1] if line.chapter == chapter and line.key]
            for key in list(dict.fromkeys(reversed(before)))[:SHORTENED]:
                change(key, looseness=-1)
    return overrides


def differences(layout: weasy.Layout, planned: dict[str, int]) -> list[str]:
    """A warning for each paragraph the layout breaks into another number of lines than planned."""
    laid = weasy.paragraphs(layout, linesetter.MARK)
    return [
        f"line breaking: paragraph {key} was planned in {count} lines, laid out in {laid[key].lines}"
        for key, count in sorted(planned.items(), key=lambda kv: int(kv[0]))
        if key in laid and laid[key].lines != count
    ]
