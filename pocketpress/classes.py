"""The `{.class}` markers of a chapter's Markdown, and the classes they may name.

A marker on the line above a paragraph (`{.closing}`) gives it a class. The known classes are the
ones the house style gives a meaning to (HOUSE), and any class an edition's own stylesheets define
(edition.yaml `styles:`), so that an editor can add their own. A class known to neither would print
as an ordinary paragraph: the loader reports it as an error, with the closest known class.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

import tinycss2
from markdown_it import MarkdownIt
from mdit_py_plugins.attrs import attrs_block_plugin

from .errors import Problem

HOUSE = {  # class -> what the house style (styles/print.css, styles/epub.css) makes of it
    "closing": "the set-off closing line",
    "display": "a display line",
    "credit": "a source credit",
    "standfirst": "the summary under a title",
}


def stylesheet_classes(css: str) -> set[str]:
    """Every class a stylesheet's selectors name (`.note p`, `:not(.x)`, inside @media too)."""
    found: set[str] = set()
    _collect(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), found)
    return found


def _collect(rules: Iterable, found: set[str]) -> None:
    for rule in rules:
        if rule.type == "qualified-rule":
            found.update(_classes(rule.prelude))
        elif rule.type == "at-rule" and rule.content is not None:
            _collect(tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True), found)


def _classes(tokens: list) -> Iterator[str]:
    for before, token in zip([None, *tokens], tokens, strict=False):
        if token.type == "ident" and before is not None and before.type == "literal" and before.value == ".":
            yield token.value
        elif token.type == "function":
            yield from _classes(token.arguments)


def edition_classes(stylesheets: Iterable[Path]) -> set[str]:
    """The classes of an edition's stylesheets (a file that cannot be read is reported elsewhere)."""
    found: set[str] = set()
    for path in stylesheets:
        try:
            found |= stylesheet_classes(path.read_text(encoding="utf-8", errors="replace"))
        except OSError:
            continue
    return found


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").use(attrs_block_plugin)


def markers(body: str) -> list[tuple[int, str]]:
    """(line of the body, from 0, class) of each class a `{.class}` marker gives a block."""
    lines = body.split("\n")
    found = []
    for token in _parser().parse(body):
        names = str(token.attrs.get("class", "")).split()
        if not names or token.map is None:
            continue
        for name in names:
            found.append((_marker_line(lines, token.map[0], name), name))
    return found


def _marker_line(lines: list[str], block: int, name: str) -> int:
    """The line of the marker above the block that starts at line `block`."""
    for number in range(block - 1, -1, -1):
        if f".{name}" in lines[number]:
            return number
        if not lines[number].strip():
            break
    return block


def unknown_classes(body: str, known: set[str], shown: str, first_line: int) -> list[Problem]:
    """An error for each marker naming a class that is neither the house's nor the edition's stylesheets'."""
    problems = []
    for number, name in markers(body):
        if name in known:
            continue
        close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
        hint = f"did you mean {{.{close[0]}}}? " if close else ""
        hint += f"known classes: {', '.join(sorted(known))}; an edition adds its own in a stylesheet"
        problems.append(
            Problem(
                shown,
                first_line + number,
                f"unknown class {{.{name}}}: it would print as an ordinary paragraph",
                hint + " named in edition.yaml 'styles:'",
            )
        )
    return problems
