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

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from . import breakcache, fonts, linebreak, linesetter, weasy
from .shaping import NON_BREAKING_HYPHEN, Shaper

LayOut = Callable[[str], weasy.Layout]
Overrides = dict[str, linebreak.Settings]
Hyphenation = dict[str, tuple[str, ...]] | None  # per language: words with their hyphenation points (languages.yaml)
SHORTENED = 2  # paragraphs tried one line shorter, from the end of the page before a chapter's single line


class Breaker:
    """The paragraphs of one print HTML, measured once, broken as often as the fix-ups ask.
    store: the cache of breakcache.py (None: none); reuse_facts: take the measures of an HTML of the same
    structure (the preview: a change of words is not measured again; `measured` says whether it was)."""

    def __init__(
        self, html: str, lay_out_html: LayOut, families, folder: Path, store=None, reuse_facts=False,
        hyphenation: Hyphenation = None,
    ):  # fmt: skip
        self.html, self.lay_out_html, self.families, self.folder = html, lay_out_html, families, folder
        self.hyphenation = hyphenation or {}
        self.marked = linesetter.mark(html)
        self.store = store
        self.shape = breakcache.structure(self.marked)
        facts = store.get("facts", self.shape) if store is not None and reuse_facts else None
        self.measured = facts is None
        self.facts = facts if facts is not None else weasy.paragraphs(lay_out_html(self.marked), linesetter.MARK)
        if store is not None and self.measured:
            store.put("facts", self.shape, self.facts)
        self.shaper = Shaper(families, folder / weasy.FONTCONFIG_FOLDER)

    def lined(self, overrides: Overrides | None = None) -> tuple[str, dict[str, int]]:
        """The HTML with its lines fixed, paragraph by paragraph (each one's lines taken from the store
        when the same paragraph was broken with the same facts and settings before)."""
        planned: dict[str, int] = {}

        def one(match: re.Match) -> str:
            key, fragment = match.group(1), match.group(0)
            facts = {key: self.facts[key]} if key in self.facts else {}
            settings = {key: overrides[key]} if overrides and key in overrides else None
            if self.store is None:
                out, made = self.set_lines(fragment, facts, settings)
                planned.update(made)
                return out
            mark, anonymous = f'{linesetter.MARK}="{key}"', f'{linesetter.MARK}="#"'
            paragraph = facts.get(key)
            signature = repr(replace(paragraph, lines=0) if paragraph else None) + repr(settings)
            signature += repr(sorted(self.hyphenation.items()))
            entry = breakcache.digest(fragment.replace(mark, anonymous), signature)
            found = self.store.get("breaks", entry)
            if found is None:
                out, made = self.set_lines(fragment, facts, settings)
                found = (out.replace(mark, anonymous), made.get(key))
                self.store.put("breaks", entry, found)
            if found[1] is not None:
                planned[key] = found[1]
            return found[0].replace(anonymous, mark)

        return linesetter.PARAGRAPH.sub(one, self.marked), planned

    def set_lines(self, fragment: str, facts, settings) -> tuple[str, dict[str, int]]:
        return linesetter.set_lines(fragment, facts, self.shaper, weasy.break_opportunities, settings, self.hyphenation)

    def agrees(self, layout: weasy.Layout) -> bool:
        """Whether the measures used are the ones of the paragraphs as laid out (reused facts may be stale)."""
        laid = weasy.paragraphs(layout, linesetter.MARK)
        return all(
            (p.width, p.indent, p.justified) == (laid[k].width, laid[k].indent, laid[k].justified)
            for k, p in self.facts.items()
            if k in laid
        )


def lined(html: str, lay_out_html: LayOut, families, folder: Path) -> tuple[str, dict[str, int]]:
    """The HTML with the justified paragraphs' lines fixed, and the lines planned for each paragraph."""
    return Breaker(html, lay_out_html, families, folder).lined()


def lay_out(
    html: str, lay_out_html: LayOut, families, folder: Path, store=None, reuse_facts: bool = False,
    hyphenation: Hyphenation = None,
) -> tuple[str, weasy.Layout]:  # fmt: skip
    """The HTML with its lines fixed, and its layout (fixed again when a page fault is found).
    store: a breakcache.Store the work is taken from and kept in (the caller saves it); None: none.
    hyphenation: the languages' hyphenation exceptions (languages.yaml), part of every cache key."""
    whole = breakcache.digest(linesetter.mark(html), repr(sorted((hyphenation or {}).items())))
    found = store.get("fixed", whole) if store is not None else None
    if found is not None:  # the same book, laid out the same way: the lines fixed last time
        fixed, planned = found
        layout = lay_out_html(fixed)
    else:
        fixed, planned, layout = _fix(Breaker(html, lay_out_html, families, folder, store, reuse_facts, hyphenation))
        if store is not None:
            store.put("fixed", whole, (fixed, planned))
    layout.warnings.extend(differences(layout, planned))
    return fixed, layout


def lay_out_kept(html: str, lay_out_html: LayOut, edition, folder: Path, kind: str, roots) -> tuple[str, weasy.Layout]:
    """lay_out with the line breaker's work kept in folder/.lines (breakcache.py), one store per edition
    and kind of layout (units are built in parallel); roots: the folders the layout reads files from."""
    families = edition.fonts.values()
    context = breakcache.context(f"{edition.name} {kind}", roots, fonts.font_files(families))
    store = breakcache.Store(folder, context)
    result = lay_out(html, lay_out_html, families, folder, store, hyphenation=edition.hyphenation)
    store.save()
    return result


def _fix(breaker: Breaker) -> tuple[str, dict[str, int], weasy.Layout]:
    """Break, lay out, and break again when the layout has a page fault (or the reused measures are stale)."""
    fixed, planned = breaker.lined()
    layout = breaker.lay_out_html(fixed)
    if not breaker.measured and not breaker.agrees(layout):
        b = breaker
        breaker = Breaker(
            b.html, b.lay_out_html, b.families, b.folder, b.store, hyphenation=b.hyphenation
        )  # measured afresh
        fixed, planned = breaker.lined()
        layout = breaker.lay_out_html(fixed)
    overrides = page_faults(weasy.page_lines(layout, linesetter.MARK))
    if overrides:
        fixed, planned = breaker.lined(overrides)
        layout = breaker.lay_out_html(fixed)
    return fixed, planned, layout


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
