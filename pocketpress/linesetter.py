"""The print HTML's justified paragraphs, broken into lines by linebreak.py and fixed in the HTML.

`mark` gives every <p> a `data-lb` number, so the first layout can say which paragraphs are justified,
their measure, indent and fonts (weasy.paragraphs). `set_lines` then turns each such paragraph into
items (words shaped by shaping.Shaper, pyphen's hyphenation points in the paragraph's language, with
the CSS hyphenate-limit-chars and `hyphens` of each run), chooses the breaks, and writes each line as
`<span class="ln">` (white-space: nowrap, styles/print.css) separated by ordinary spaces: WeasyPrint
breaks exactly between them and still justifies. Inline elements split by a line end are closed and
reopened in the next line (an id stays on the first part). A hyphenated line end gets the hyphen
(U+2011 when the font has it). A line the breaker set tighter than natural gets a negative
word-spacing; a line that would not fit even so leaves its paragraph to WeasyPrint: never overfull.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

import lxml.html
import pyphen
from lxml import etree

from . import linebreak as lb
from .shaping import NON_BREAKING_HYPHEN, FontSpec, Shaper

MARK = "data-lb"
INLINE = {"em", "i", "strong", "b", "a", "span", "cite", "abbr", "q", "small", "dfn", "code", "kbd", "s", "u"}
SAFETY = 0.6  # CSS px left free at the end of every line: the widths are HarfBuzz's, the layout Pango's
STRETCH, SHRINK = 1.0, 1 / 3  # of a word space: as in TeX (cmr10); WeasyPrint never shrinks: a negative word-spacing
LETTER = 0.01  # em: the most letter-spacing a loose line gets (invisible), counted as the words' stretch
LOOSEST = 0.03  # em: the letter-spacing a line still looser than WIDEST may get (one line in a book)
TIGHTER = 0.012  # em: the most negative letter-spacing a tight line gets, counted as the words' shrink
MAX_SHRINK = 0.4  # of a word space, after exact measuring: beyond it the paragraph is left to WeasyPrint
SPACES = re.compile(r"[ \t\n\r\f]+")
LETTERS = re.compile(r"[^\W\d_]+")
PARAGRAPH = re.compile(r'<p data-lb="(\d+)"[^>]*>.*?</p>', re.S)
# never two hyphenated lines in a row (a chapter may have two pairs at most: issue 15), and TeX's
# demerits (\adjdemerits) for a tight line next to a loose one
# final_hyphen_demerits: a next-to-last line ending in a hyphen leaves the word's tail alone on the last line
# ("тися.", "ives.”"): in practice never chosen (TeX's 5000 still let three through on the shipped editions)
SETTINGS = lb.Settings(max_hyphens_in_row=1, fitness_demerits=10000.0, final_hyphen_demerits=1e6)
WIDEST = 2.9  # natural word spaces: a paragraph with a line this loose is broken again with looseness -1 and +1
Breakable = Callable[[str, str], list[bool]]


def mark(html: str) -> str:
    """Every <p> numbered with data-lb, in document order."""
    counter = iter(range(1_000_000))
    return re.sub(r"<p(?=[\s>])", lambda m: f'<p {MARK}="{next(counter)}"', html)


@dataclass(frozen=True)
class Run:
    text: str
    chain: tuple  # the inline elements around the text, outermost first (lxml elements of the fragment)
    style: int  # the index (element.iter() order) of the element whose computed font it has


@dataclass
class Piece:
    """What an item stands for in the HTML: text with its run, a space, or a line end's hyphen."""

    parts: list[tuple[str, int]]  # (text, run index)
    hyphen: str = ""  # shown when a line ends at this penalty


@dataclass
class Plan:
    """A paragraph's lines: the item ranges, each line's word-spacing (px), and the hyphen shown."""

    lines: list[list[tuple[str, int]]]
    spacing: list[float]
    letters: list[float] = field(default_factory=list)
    spread: list[float] = field(default_factory=list)  # each word space after justifying, in natural spaces
    hyphenated: list[bool] = field(default_factory=list)


def set_lines(
    html: str, facts: dict[str, Any], shaper: Shaper, breakable: Breakable,
    overrides: dict[str, lb.Settings] | None = None, hyphenation: dict[str, tuple[str, ...]] | None = None,
) -> tuple[str, dict[str, int]]:  # fmt: skip
    """The HTML with every justified paragraph's lines fixed, and the number of lines planned for each.
    breakable(text, lang): whether the layout may break a line before each character (weasy.break_opportunities).
    overrides: other breaking settings for some paragraphs (page fix-ups: looseness, no hyphen at a line).
    hyphenation: per language, words written with their hyphenation points as "-" (languages.yaml), used
    where pyphen's patterns leave the word whole."""
    exceptions = _exceptions(hyphenation or {})
    planned: dict[str, int] = {}

    def rewrite(match: re.Match) -> str:
        key = match.group(1)
        paragraph = facts.get(key)
        if paragraph is None or not paragraph.justified or paragraph.generated:
            return match.group(0)
        settings = (overrides or {}).get(key, SETTINGS)
        element = lxml.html.fragment_fromstring(match.group(0))
        made = _set(element, paragraph, shaper, breakable, settings, exceptions)
        if made is None:
            return match.group(0)
        planned[key] = made
        return lxml.html.tostring(element, encoding="unicode")

    return PARAGRAPH.sub(rewrite, html), planned


def _exceptions(hyphenation: dict[str, tuple[str, ...]]) -> dict[str, dict[str, list[int]]]:
    """Per language, each listed word (lower case) and its hyphenation points (offsets into the word)."""
    found: dict[str, dict[str, list[int]]] = {}
    for lang, words in hyphenation.items():
        for word in words:
            pieces = word.split("-")
            points = list(itertools.accumulate(len(p) for p in pieces[:-1]))
            found.setdefault(lang, {})["".join(pieces).lower()] = points
    return found


def _set(element, paragraph, shaper: Shaper, breakable: Breakable, settings: lb.Settings, exceptions) -> int | None:
    runs = _runs(element)
    if runs is None or len(paragraph.styles) < len(list(element.iter())):
        return None
    specs = [_spec(paragraph.styles[r.style]) for r in runs]
    hyphen = {i: _hyphen(shaper, specs[i]) for i in range(len(runs))}
    items, pieces = _items(runs, paragraph.styles, specs, shaper, hyphen, exceptions)
    if not items:
        return None
    items, pieces = _unbreakable_spaces(items, pieces, breakable, paragraph.styles[0]["lang"])
    widths = (paragraph.width - paragraph.indent - SAFETY, paragraph.width - SAFETY)
    plan = _planned(items, pieces, runs, specs, shaper, widths, settings)
    if plan is None:
        return None
    _write(element, runs, plan)
    return len(plan.lines)


def _planned(items, pieces, runs, specs, shaper: Shaper, widths, settings: lb.Settings) -> Plan | None:
    """The plan of the best breaks; when one of its lines is looser than WIDEST (a long word with no
    hyphenation point after it), the plan of one line fewer or more whose loosest line is the least loose."""
    plan = _plan_for(items, pieces, runs, specs, shaper, widths, settings)
    if plan is None or max(plan.spread, default=1.0) <= WIDEST or settings.looseness:
        return plan
    tried = [plan] + [
        _plan_for(items, pieces, runs, specs, shaper, widths, replace(settings, looseness=n)) for n in (-1, 1)
    ]
    return min((p for p in tried if p is not None), key=lambda p: max(p.spread, default=1.0))


def _plan_for(items, pieces, runs, specs, shaper: Shaper, widths, settings: lb.Settings) -> Plan | None:
    positions = lb.breaks(items, lambda n: widths[min(n, 1)], settings)
    return None if positions is None else _plan(items, pieces, positions, runs, specs, shaper, widths)


def _runs(element) -> list[Run] | None:
    """The paragraph's text, run by run; None when it holds something other than text in inline elements."""
    elements = list(element.iter())  # kept: lxml's proxies (and so their ids) live as long as a reference
    index = {id(e): n for n, e in enumerate(elements)}
    runs: list[Run] = []

    def visit(node, chain: tuple) -> bool:
        style = index[id(chain[-1])] if chain else 0
        if node.text:
            runs.append(Run(node.text, chain, style))
        for child in node:
            if not isinstance(child.tag, str) or child.tag not in INLINE:
                return False
            if not visit(child, (*chain, child)):
                return False
            if child.tail:
                runs.append(Run(child.tail, chain, style))
        return True

    return runs if visit(element, ()) else None


def _spec(facts: dict[str, Any]) -> FontSpec:
    return FontSpec(
        facts["family"], facts["weight"], facts["italic"], facts["size"], facts["lang"], facts["letter_spacing"]
    )


def _hyphen(shaper: Shaper, spec: FontSpec) -> str:
    return NON_BREAKING_HYPHEN if shaper.has_glyph(NON_BREAKING_HYPHEN, spec) else "-"


def _atoms(runs: list[Run]) -> Iterator[tuple[str, str, int]]:
    """('space' | 'nbsp' | 'word', text, run index) in order: white space collapsed, words joined over runs."""
    word: list[tuple[str, int]] = []
    for n, run in enumerate(runs):
        for token in re.split(r"([ \t\n\r\f]+|\xa0)", run.text):
            if not token:
                continue
            if SPACES.fullmatch(token) or token == "\xa0":
                yield from (("word", t, r) for t, r in word)
                word = []
                yield ("nbsp" if token == "\xa0" else "space", token, n)
            else:
                word.append((token, n))
        # a word may go on in the next run (<em>word</em>'s): only space ends it
        yield from (("word", t, r) for t, r in word)
        word = []


def _items(runs, styles, specs, shaper: Shaper, hyphen, exceptions) -> tuple[list[lb.Item], list[Piece]]:
    items: list[lb.Item] = []
    pieces: list[Piece] = []
    word: list[tuple[str, int]] = []

    def flush() -> None:
        if word:
            _word(word, runs, styles, specs, shaper, hyphen, exceptions, items, pieces)
            word.clear()

    for kind, text, n in _atoms(runs):
        if kind == "word":
            word.append((text, n))
            continue
        flush()
        if not items or isinstance(items[-1], lb.Glue):
            continue  # space at the start, or after another space: collapsed
        space = shaper.width(" ", specs[n])
        if kind == "nbsp":
            items.append(lb.Penalty(0.0, lb.INFINITY))
            pieces.append(Piece([]))
        items.append(lb.Glue(space, space * STRETCH, space * SHRINK))
        pieces.append(Piece([("\xa0" if kind == "nbsp" else " ", n)]))
    flush()
    while items and not isinstance(items[-1], lb.Box):
        items.pop()
        pieces.pop()
    items += [lb.Penalty(0.0, lb.INFINITY), lb.Glue(0.0, 1e6, 0.0), lb.Penalty(0.0, -lb.INFINITY)]
    pieces += [Piece([]), Piece([]), Piece([])]
    return items, pieces


def _unbreakable_spaces(items, pieces, breakable: Breakable, lang: str):
    """A word space where the layout may not break (before "/", ")", "!", ...: UAX #14) gets an infinite
    penalty: a line ending there would not be one in WeasyPrint, and the next would run over."""
    text, before = "", {}
    for i, piece in enumerate(pieces):
        if isinstance(items[i], lb.Glue) and piece.parts:
            before[i] = len(text) + 1
        text += "".join(t for t, _ in piece.parts)
    allowed = breakable(text, lang)
    new_items: list[lb.Item] = []
    new_pieces: list[Piece] = []
    for i, (item, piece) in enumerate(zip(items, pieces, strict=True)):
        if i in before and before[i] < len(allowed) and not allowed[before[i]]:
            new_items.append(lb.Penalty(0.0, lb.INFINITY))
            new_pieces.append(Piece([]))
        new_items.append(item)
        new_pieces.append(piece)
    return new_items, new_pieces


def _word(parts, runs, styles, specs, shaper, hyphen, exceptions, items, pieces) -> None:
    """A word's boxes, with a penalty at each place it may break."""
    text = "".join(t for t, _ in parts)
    owner = [n for t, n in parts for _ in t]  # the run of each character
    points = _break_points(text, owner, styles, runs, exceptions)
    cuts = [0, *sorted(points), len(text)]
    for a, b in itertools.pairwise(cuts):
        chunk = _slice(text, owner, a, b)
        width = sum(shaper.width(t, specs[n]) for t, n in chunk)
        letters = sum(specs[n].size * len(t) for t, n in chunk)
        items.append(lb.Box(width, LETTER * letters, TIGHTER * letters))
        pieces.append(Piece(chunk))
        if b < len(text):
            kind = points[b]
            run = owner[b - 1]
            mark_ = hyphen[run] if kind == "auto" else ""
            width = shaper.width(mark_, specs[run]) if mark_ else 0.0
            items.append(lb.Penalty(width, 0.0 if kind != "dash" else 50.0, flagged=kind != "dash"))
            pieces.append(Piece([], mark_))


def _slice(text: str, owner: list[int], a: int, b: int) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    for i in range(a, b):
        if out and out[-1][1] == owner[i]:
            out[-1] = (out[-1][0] + text[i], owner[i])
        else:
            out.append((text[i], owner[i]))
    return out


def _break_points(text: str, owner: list[int], styles, runs, exceptions) -> dict[int, str]:
    """Where a word may break: 'auto' (pyphen, the language's list, or a soft hyphen of the text: a hyphen
    is shown), 'hard' (after its own hyphen), 'dash' (after an em or en dash)."""
    points: dict[int, str] = {}
    for i in range(1, len(text) - 1):
        if text[i] in "-\u2010" and text[i - 1].isalpha() and text[i + 1].isalpha():
            points[i + 1] = "hard"
        elif text[i] in "\u2014\u2013" and text[i + 1].isalpha():
            points[i + 1] = "dash"
        elif text[i] == "\xad" and text[i - 1].isalpha():  # a soft hyphen: the editor's own hyphenation point
            points[i + 1] = "auto"
    for match in LETTERS.finditer(text):
        facts = styles[runs[owner[match.start()]].style]
        same_run = len({owner[i] for i in range(match.start(), match.end())}) == 1
        total, left, right = facts["limit_chars"]
        total = 5 if total == "auto" else total
        left = 2 if left == "auto" else left
        right = 2 if right == "auto" else right
        if facts["hyphens"] != "auto" or not facts["lang"] or not same_run or len(match.group()) < total:
            continue
        dictionary = _dictionary(facts["lang"], left, right)
        if dictionary is None:
            continue
        positions = dictionary.positions(match.group()) or _listed(exceptions, facts["lang"], match.group())
        for position in positions:
            points.setdefault(match.start() + position, "auto")
    return points


def _listed(exceptions: dict[str, dict[str, list[int]]], lang: str, word: str) -> list[int]:
    """A word's hyphenation points from the language's list (its own tag, else its base language's)."""
    for tag in (lang, re.split(r"[-_]", lang, maxsplit=1)[0]):
        if tag in exceptions:
            return exceptions[tag].get(word.lower(), [])
    return []


@lru_cache(maxsize=32)
def _dictionary(lang: str, left: int, right: int) -> pyphen.Pyphen | None:
    fallback = pyphen.language_fallback(lang)
    return pyphen.Pyphen(lang=fallback, left=left, right=right) if fallback else None


def _plan(items, pieces, positions, runs, specs, shaper, widths) -> Plan | None:
    """Each line's text, measured exactly (shaped run by run, as WeasyPrint shapes its text boxes),
    with the word-spacing that makes it fit, or the letter-spacing that takes a share of a loose line's
    stretch; None when a line would not fit within MAX_SHRINK."""
    plan = Plan([], [])
    for number, (start, end) in enumerate(lb.lines(items, positions)):
        parts = _line_parts(pieces, start, end)
        room = widths[min(number, 1)]
        natural = sum(shaper.width(t, specs[n]) for t, n in parts)
        spaces = [(n, t.count(" ") + t.count("\xa0")) for t, n in parts]
        count = sum(c for _, c in spaces)
        spacing = letters = 0.0
        last = end >= len(items) - 1
        if natural > room:
            if not count:
                return None
            fitted = _tightened(parts, specs, shaper, room, count, spaces)
            if fitted is None:
                return None
            spacing, letters = fitted
        elif not last and count:
            letters = _letters(parts, specs, shaper, room, natural)
        plan.lines.append(parts)
        plan.spacing.append(spacing)
        plan.letters.append(letters)
        plan.hyphenated.append(bool(pieces[end].hyphen) if end < len(pieces) else False)
        spread = _spread(parts, specs, shaper, room, letters) if count and not last else 1.0
        if spread > WIDEST:
            letters, spread = _loosest(parts, specs, shaper, room, letters, spread)
        plan.letters[-1] = letters
        plan.spread.append(spread)
    return plan


def _tightened(parts, specs, shaper: Shaper, room: float, count: int, spaces) -> tuple[float, float] | None:
    """The word-spacing and letter-spacing (CSS px, 3 decimals, negative) that make a tight line fit:
    the word spaces first, up to SHRINK (MAX_SHRINK with no letter-spacing), then the letters, up to
    TIGHTER em; measured again as spaced. None when the line does not fit so."""
    natural = _word_by_word(parts, specs, shaper)
    smallest = min(shaper.width(" ", specs[n]) for n, c in spaces if c)
    spacing = -math.ceil((natural - room) / count * 1000) / 1000
    if -spacing <= MAX_SHRINK * smallest:
        return spacing, 0.0
    spacing = -math.floor(SHRINK * smallest * 1000) / 1000
    size = specs[parts[0][1]].size
    for step in range(1, 13):
        letters = -round(TIGHTER * size * step / 12, 3)
        spaced = [replace(specs[n], letter_spacing=letters, ligatures=False) for _, n in parts]
        width = sum(
            shaper.width(word, spec)
            for (text, _), spec in zip(parts, spaced, strict=True)
            for word in re.split("([ \xa0])", text)
        )
        if width + spacing * count <= room:
            return spacing, letters
    return None


def _loosest(parts, specs, shaper: Shaper, room: float, letters: float, spread: float) -> tuple[float, float]:
    """A line still looser than WIDEST (a long word with no hyphenation point after it): more letter-spacing,
    by steps of LOOSEST / 20 em, up to LOOSEST, until its spaces are within WIDEST (fitting the line)."""
    size = specs[parts[0][1]].size
    for step in range(1, 21):
        wider = round(LOOSEST * size * step / 20, 3)
        if wider <= letters:
            continue
        spaced = sum(shaper.width(t, replace(specs[n], letter_spacing=wider, ligatures=False)) for t, n in parts)
        if spaced > room:
            break
        letters, spread = wider, _spread(parts, specs, shaper, room, wider)
        if spread <= WIDEST:
            break
    return letters, spread


def _spread(parts, specs, shaper: Shaper, room: float, letters: float) -> float:
    """A justified line's word space, in natural word spaces (the widest, if fonts differ)."""
    spaced = [replace(specs[n], letter_spacing=letters, ligatures=not letters) for _, n in parts]
    natural = sum(shaper.width(t, spec) for (t, _), spec in zip(parts, spaced, strict=True))
    counts = [(t.count(" ") + t.count("\xa0"), shaper.width(" ", specs[n])) for t, n in parts]
    extra = (room + SAFETY - natural) / sum(c for c, _ in counts)
    return max(1 + extra / space for c, space in counts if c)


def _line_parts(pieces, start: int, end: int) -> list[tuple[str, int]]:
    parts: list[tuple[str, int]] = []
    for piece in pieces[start:end]:
        for text, n in piece.parts:
            if parts and parts[-1][1] == n:
                parts[-1] = (parts[-1][0] + text, n)
            else:
                parts.append((text, n))
    shown = pieces[end].hyphen if end < len(pieces) else ""
    if shown:
        parts[-1] = (parts[-1][0] + shown, parts[-1][1])
    return parts


def _word_by_word(parts, specs, shaper: Shaper) -> float:
    """A line's width once it has a word-spacing: Pango then shapes each word apart (the spacing is an
    attribute of each space), so the kerning across a space is lost."""
    return sum(shaper.width(word, specs[n]) for text, n in parts for word in re.split("([ \xa0])", text))


def _letters(parts, specs, shaper: Shaper, room: float, natural: float) -> float:
    """The letter-spacing (CSS px, 3 decimals) that takes the words' share of a loose line's stretch:
    up to LETTER em, and never so much that the line would not fit (measured again, letter-spaced)."""
    glue = sum(shaper.width(" ", specs[n]) * STRETCH * (t.count(" ") + t.count("\xa0")) for t, n in parts)
    words = sum(LETTER * specs[n].size * len(t.replace(" ", "")) for t, n in parts)
    ratio = (room - natural) / (glue + words) if glue + words else 0.0
    size = specs[parts[0][1]].size
    letters = math.floor(LETTER * size * min(1.0, ratio) * 1000) / 1000
    while letters > 0:
        spaced = sum(shaper.width(t, replace(specs[n], letter_spacing=letters, ligatures=False)) for t, n in parts)
        if spaced <= room:
            return letters
        letters = math.floor(letters * 500) / 1000
    return 0.0


def _write(element, runs: list[Run], plan: Plan) -> None:
    """The paragraph's content replaced by one span per line, inline elements reopened on each line."""
    for child in list(element):
        element.remove(child)
    element.text = None
    used_ids: set[str] = set()
    spans = []
    for parts, spacing, letters in zip(plan.lines, plan.spacing, plan.letters, strict=True):
        span = etree.SubElement(element, "span", {"class": "ln"})
        style = [f"word-spacing:{spacing:.3f}px"] if spacing else []
        style += [f"letter-spacing:{letters:.3f}px"] if letters else []
        if style:
            span.set("style", ";".join(style))
        _fill(span, parts, runs, used_ids)
        span.tail = " "
        spans.append(span)
    spans[-1].tail = None


def _fill(span, parts, runs: list[Run], used_ids: set[str]) -> None:
    open_chain: list = []  # (original element, copy) pairs, outermost first
    for text, n in parts:
        chain = runs[n].chain
        depth = 0
        while depth < len(open_chain) and depth < len(chain) and open_chain[depth][0] is chain[depth]:
            depth += 1
        del open_chain[depth:]
        for original in chain[depth:]:
            parent = open_chain[-1][1] if open_chain else span
            attributes = dict(original.attrib)
            if "id" in attributes:
                if attributes["id"] in used_ids:
                    del attributes["id"]
                else:
                    used_ids.add(attributes["id"])
            open_chain.append((original, etree.SubElement(parent, original.tag, attributes)))
        _append(open_chain[-1][1] if open_chain else span, text)


def _append(element, text: str) -> None:
    if len(element):
        element[-1].tail = (element[-1].tail or "") + text
    else:
        element.text = (element.text or "") + text
