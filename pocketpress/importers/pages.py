"""Undoing page breaks in extracted text: folios out, paragraphs and cut words rejoined."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from .common import Repair
from .words import SENTENCE_END, WORD, Lexicon

# A folio as extracted: `\leftarrow 6 \rightarrow`, `$\leftarrow 6 \rightarrow$`, or `← 6 →` alone on a line.
FOLIO = re.compile(r"\$?\s*\\leftarrow\s*(\d+)\s*\\rightarrow\s*\$?")
FOLIO_LINE = re.compile(r"\s*←\s*(\d+)\s*→\s*")
LAYOUT_HYPHEN = "\u2011"  # NON-BREAKING HYPHEN: our PDFs' layout hyphen (styles/print.css hyphenate-character)
HYPHEN_END = re.compile(r"[^\W\d_][-\u2011]$")  # a word cut at a line end, with a hyphen
LEFT_WORD = re.compile(r"([^\W\d_]+)([-\u2011]?)$")
REPEATED_HYPHEN = re.compile(r"-([^\W\d_]+)")
RIGHT_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
QUOTE_OPENERS = ('"', "“", "«", "„", "‹", "»")  # » opens in Danish/Swedish and continues in Spanish


def ends_with_abbreviation(text: str, abbreviations: frozenset[str]) -> bool:
    """Does the text end with one of the language's abbreviations (`Sr.`, `т. зв.`), which do not end a sentence?"""
    if not abbreviations or not text.endswith("."):
        return False
    tokens = text.split()
    return any(" ".join(tokens[-n:]).lower().lstrip('(«"“„').rstrip(".") in abbreviations for n in (1, 2, 3))


@dataclass
class Piece:
    """A run of text between blank lines or folios, with what separated it from the piece before."""

    text: str
    line: int
    blanks: int = 0  # blank lines before it
    folios: list[int] = field(default_factory=list)  # folios between the previous piece and this one
    inline: bool = False  # a folio stood between it and the previous piece on the same line
    wrap: bool = False  # the previous piece's line ran straight on into this one


@dataclass
class Paragraph:
    text: str
    line: int
    pieces: list[Piece] = field(default_factory=list)


def split_pieces(lines: list[str]) -> list[Piece]:
    """Pieces of text with their separators; folios are dropped, their numbers kept."""
    pieces: list[Piece] = []
    pending = Piece("", 0)
    last_line = -1
    for number, raw in enumerate(lines, 1):
        folio_line = FOLIO_LINE.fullmatch(raw)
        if folio_line:
            pending.folios.append(int(folio_line.group(1)))
            continue
        parts = FOLIO.split(raw)
        if not "".join(parts[::2]).strip() and len(parts) == 1:
            pending.blanks += 1
            continue
        for index, part in enumerate(parts):
            if index % 2:
                pending.folios.append(int(part))
                continue
            if not part.strip():
                continue
            same_line = last_line == number
            wrap = last_line == number - 1 and not pending.blanks and not pending.folios
            pieces.append(Piece(part.strip(), number, pending.blanks, pending.folios, same_line, wrap))
            pending, last_line = Piece("", 0), number
    return pieces


def is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def is_structural(text: str) -> bool:
    """Cover, contents and display lines, which never continue a paragraph."""
    return is_caps(text) or text.startswith("- ") or "| |" in text or re.fullmatch(r"(\*\s*){3}", text) is not None


def heading_like(text: str) -> bool:
    return len(text) <= 80 and not SENTENCE_END.search(text)


def open_quote(text: str) -> bool:
    """Does a quotation stay open at the end of the text? „…“ (German) and „…” (Polish) close the low mark
    with a high one; “…” and «…» pair as usual."""
    if "„" in text:
        return text.count("„") > text.count("“") + text.count("”") - (text.count("“") if "”" in text else 0)
    return text.count('"') % 2 == 1 or text.count("“") > text.count("”") or text.count("«") > text.count("»")


def continues(
    paragraph: str, piece: Piece, abbreviations: frozenset[str] = frozenset(), positional: bool = False
) -> bool:
    """Does `piece` continue `paragraph` across a page break (or a line wrap)? `abbreviations`: the
    language's abbreviations that do not end a sentence ("el Sr." | "Beltrán" is one sentence)."""
    if piece.inline or (piece.wrap and not piece.text.startswith("- ")):
        return True
    if positional:  # the PDF importer found the paragraphs by their place on the page
        return False
    if is_structural(paragraph) or is_structural(piece.text):
        return False
    if piece.text[0].islower() or HYPHEN_END.search(paragraph):
        return True
    unfinished = not SENTENCE_END.search(paragraph) or ends_with_abbreviation(paragraph, abbreviations)
    if piece.folios:
        return (unfinished and not heading_like(paragraph)) or (
            open_quote(paragraph) and not piece.text.startswith(QUOTE_OPENERS)
        )
    return unfinished and len(paragraph) >= 120


def group(
    pieces: list[Piece], abbreviations: frozenset[str] = frozenset(), positional: bool = False
) -> list[list[Piece]]:
    groups: list[list[Piece]] = []
    for piece in pieces:
        if groups and continues(" ".join(p.text for p in groups[-1]), piece, abbreviations, positional):
            groups[-1].append(piece)
        else:
            groups.append([piece])
    return groups


def cut_site(left: str, piece: Piece) -> bool:
    """A page break between two letters: a word may have been cut there."""
    return not piece.wrap and bool(LEFT_WORD.search(left)) and bool(RIGHT_WORD.match(piece.text))


def build_lexicon(groups: list[list[Piece]], lang: str) -> Lexicon:
    lexicon = Lexicon([p.text for g in groups for p in g], lang)
    for g in groups:
        for before, piece in pairwise(g):
            if cut_site(before.text, piece) or (
                piece.wrap and LEFT_WORD.search(before.text) and before.text.endswith(("-", LAYOUT_HYPHEN))
            ):
                lexicon.forget(WORD.findall(before.text)[-1])
                lexicon.forget(WORD.findall(piece.text)[0])
    return lexicon


def join(
    left: str,
    line: int,
    piece: Piece,
    lexicon: Lexicon,
    repairs: list[Repair],
    guesses: list[tuple[int, str]] | None = None,
    marked: bool = False,
) -> str:
    """left + the piece's text, mending a word cut at the break between them; a hyphen kept without
    the text's own evidence is added to `guesses`. A layout hyphen (U+2011, as our PDFs set it) is
    removed for certain; `marked`: the text marks its layout hyphens so, and a plain hyphen at a line
    end is the text's own, kept for certain. Otherwise the language's words decide."""
    end, start = LEFT_WORD.search(left), RIGHT_WORD.match(piece.text)
    if end and end.group(2) == "-" and (repeated := REPEATED_HYPHEN.match(piece.text)):
        compound = f"{end.group(1)}-{repeated.group(1)}"  # jurídico- | -sindical: pt, es, pl repeat the hyphen
        repairs.append(Repair(line, f"{end.group(0)} | {repeated.group(0)}", compound, piece.line, "hyphen repeated"))
        return left[: end.start()] + compound + piece.text[repeated.end() :]
    if not (end and start and (end.group(2) or not piece.wrap)):
        return f"{left} {piece.text}"
    head, hyphen, tail = end.group(1), end.group(2), start.group()
    cut = f"{head}{hyphen} | {tail}".replace(LAYOUT_HYPHEN, "-")
    sure = ""
    if hyphen == LAYOUT_HYPHEN:
        word: str | None = head + tail
        sure = "layout hyphen"
    elif hyphen and marked:
        word, sure = f"{head}-{tail}", "the text's own hyphen: the layout marks its hyphens"
    elif hyphen:
        word = lexicon.join_hyphen(head, tail, in_compound=left[: end.start()].endswith("-"))
    else:
        word = lexicon.join_cut(head, tail)
    if not word:
        return f"{left} {piece.text}"
    repairs.append(Repair(line, cut, word, piece.line, sure))
    if (
        guesses is not None
        and not sure
        and "-" in word
        and (tail[:1].islower() or head.isupper())
        and not lexicon.words[word.lower()]
    ):
        guesses.append((line, f"kept the hyphen of {cut!r}: a compound, or one word cut at a line end?"))
    return left[: end.start()] + word + piece.text[start.end() :]


def paragraphs(
    lines: list[str],
    repairs: list[Repair],
    lang: str = "en",
    abbreviations: frozenset[str] = frozenset(),
    guesses: list[tuple[int, str]] | None = None,
    positional: bool = False,
) -> list[Paragraph]:
    """The text as paragraphs, page breaks undone; each repaired word is added to `repairs`, each
    paragraph joined across a page break where it could have ended to `guesses` (line, what)."""
    groups = group(split_pieces(lines), abbreviations, positional)
    lexicon = build_lexicon(groups, lang)
    marked = any(line.rstrip().endswith(LAYOUT_HYPHEN) for line in lines)  # the layout's hyphens are U+2011
    out = []
    for g in groups:
        text = g[0].text
        for before, piece in pairwise(g):
            if guesses is not None and piece.folios and not piece.inline and not piece.wrap:
                ended = SENTENCE_END.search(text) is not None and not ends_with_abbreviation(text, abbreviations)
                if not (piece.text[:1].islower() or HYPHEN_END.search(text)) or ended:
                    guesses.append((piece.line, f"paragraph joined across a page break to line {before.line}"))
            text = join(text, before.line, piece, lexicon, repairs, guesses, marked)
        text = text.replace(LAYOUT_HYPHEN, "-")  # one left inside a line is a hyphen that does not break
        out.append(Paragraph(spaced(unsuperscript(text, g[0].line, repairs)), g[0].line, g))
    return out


def spaced(text: str) -> str:
    """Runs of white space as one space; a no-break space (French `vous\u202f!`, `«\u00a0…`) stays one,
    as U+00A0: the narrow and figure ones are in no font the series uses (PT Serif, PT Sans)."""
    return re.sub(r"[^\S\u00a0\u202f\u2007]+", " ", text).strip().translate({0x202F: 0xA0, 0x2007: 0xA0})


def unsuperscript(text: str, line: int, repairs: list[Repair]) -> str:
    """`fag^{**}ts`: a superscript as extracted (`^{...}`) back to plain text."""

    def plain(match: re.Match) -> str:
        repairs.append(Repair(line, match.group(0), match.group(1)))
        return match.group(1)

    return re.sub(r"\^\{([^{}]*)\}", plain, text)
