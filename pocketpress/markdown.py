"""Markdown to HTML with markdown-it-py, with the language's typography.

Quotation marks come from markdown-it's typographer (smartquotes), given the
language's pairs; a small core rule then gives quotes nested inside quotes the
language's inner pair, since the typographer alone does not track nesting.

The marks themselves are data (layouts/languages.yaml, read by languages.py):
the functions here take them as a string of four characters, outer open, outer
close, inner open, inner close, e.g. "“”‘’" or "«»„“".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererProtocol
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from mdit_py_plugins.attrs import attrs_block_plugin

CoreRule = Callable[[StateCore], None]


def _check(quotes: str) -> str:
    if len(quotes) != 4:
        raise ValueError(f"quotes should be four marks (outer open, outer close, inner open, inner close): {quotes!r}")
    return quotes


OPENING_CONTEXT = set(" \t\n([{\u2013\u2014-/")


def _unpaired_quotes(quotes: str) -> CoreRule:
    """Quotes the typographer could not pair (a quotation running over several paragraphs
    opens each paragraph and closes only the last): open after a space or at the start, else close."""
    outer_open, outer_close = quotes[0], quotes[1]

    def rule(state: StateCore) -> None:
        for token in state.tokens:
            if token.type != "inline" or not token.children:
                continue
            before = " "
            for child in token.children:
                if child.type == "softbreak":
                    before = " "
                if child.type != "text":
                    continue
                chars = []
                for ch in child.content:
                    if ch == '"':
                        ch = outer_open if before in OPENING_CONTEXT else outer_close
                    chars.append(ch)
                    before = ch
                child.content = "".join(chars)

    return rule


def _nest_quotes(quotes: str) -> CoreRule:
    """Quotes inside quotes get the language's inner pair. Within a block quotation, a quotation
    left open at the end of a paragraph goes on in the next one (which may re-open it)."""
    outer_open, outer_close, inner_open, inner_close = quotes[0], quotes[1], quotes[2], quotes[3]

    def convert(text: str, depth: int, at_start: bool) -> tuple[str, int]:
        chars = []
        for ch in text:
            if ch == outer_open and not (at_start and depth > 0):
                depth += 1
                ch = inner_open if depth % 2 == 0 else outer_open
            elif ch == outer_close and depth > 0:
                ch = inner_close if depth % 2 == 0 else outer_close
                depth -= 1
            at_start = at_start and ch.isspace()
            chars.append(ch)
        return "".join(chars), depth

    def rule(state: StateCore) -> None:
        carry, quote_level = 0, 0
        for token in state.tokens:
            if token.type == "blockquote_open":
                quote_level += 1
            elif token.type == "blockquote_close":
                quote_level -= 1
                carry = 0
            if token.type != "inline" or not token.children:
                continue
            depth, at_start = (carry if quote_level else 0), True
            for child in token.children:
                if child.type == "text":
                    child.content, depth = convert(child.content, depth, at_start)
                    at_start = False
            carry = depth

    return rule


WORD_JOINER = "\u2060"
# A dash that opens an aside (after a space, before a word: "decir —están") or closes one (after a word,
# before a space or a mark: "incesante—.") belongs to its word: a line must not begin with the closing
# one, nor end with the opening one (the Spanish raya). A dash between two words or two spaces is left free.
_OPENING_DASH = re.compile(r"(?<=\s)\u2014(?=\w)|^\u2014(?=\w)")
_CLOSING_DASH = re.compile(r"(?<=[\w.!?»”’)\]])\u2014(?=[\s.,;:!?»”’)\]]|$)")


def _bind_dashes(state: StateCore) -> None:
    for token in state.tokens:
        if token.type != "inline" or not token.children:
            continue
        for child in token.children:
            if child.type == "text" and "\u2014" in child.content:
                text = _OPENING_DASH.sub("\u2014" + WORD_JOINER, child.content)
                child.content = _CLOSING_DASH.sub(WORD_JOINER + "\u2014", text)


BLOCKS = ("paragraph_open", "heading_open", "blockquote_open", "hr", "bullet_list_open", "ordered_list_open")


def _number_blocks(state: StateCore) -> None:
    """Give top-level blocks ids `<prefix>-<n>`, so a page can be mapped to where it starts."""
    prefix = state.env.get("id_prefix")
    if not prefix:
        return
    n = 0
    for token in state.tokens:
        if token.type in BLOCKS and token.level == 0:
            n += 1
            token.attrs.setdefault("id", f"{prefix}-{n}")


def _render_hr(self: RendererProtocol, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    label = env.get("section_break", "Section break")
    ident = tokens[idx].attrs.get("id")
    id_attr = f' id="{ident}"' if ident else ""
    return f'<div class="dinkus"{id_attr} role="separator" aria-label="{label}">* * *</div>\n'


@cache
def parser(quotes: str) -> MarkdownIt:
    """The Markdown parser for a language's quotation marks (four characters, see above)."""
    _check(quotes)
    md = MarkdownIt("commonmark", {"typographer": True, "quotes": quotes, "html": False})
    md.enable(["replacements", "smartquotes"])
    md.use(attrs_block_plugin)
    md.core.ruler.after("smartquotes", "unpaired_quotes", _unpaired_quotes(quotes))
    md.core.ruler.after("unpaired_quotes", "nest_quotes", _nest_quotes(quotes))
    md.core.ruler.after("nest_quotes", "bind_dashes", _bind_dashes)
    md.core.ruler.push("number_blocks", _number_blocks)
    md.add_render_rule("hr", _render_hr)
    return md


def to_html(text: str, quotes: str, strings: dict[str, str] | None = None, id_prefix: str | None = None) -> str:
    """Render Markdown text as HTML with the given quotation marks (languages.quotes_for);
    top-level blocks get ids if id_prefix."""
    env = {"section_break": (strings or {}).get("section_break", "Section break"), "id_prefix": id_prefix}
    return parser(quotes).render(text, env)


def inline(text: str, quotes: str) -> str:
    """A single line (title, caption, epigraph) with the given quotation marks, and dashes."""
    return parser(quotes).renderInline(text)
