"""Import text extracted from a finished pocket edition (cover, contents, chapters, folios)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

from .. import languages
from .common import Block, Chapter, Edition, ImportFailure, Report, check_language, read_lines
from .damage import fix_known_damage
from .dates import looks_like_date, parse_day, parse_month
from .pages import QUOTE_OPENERS, Paragraph, is_caps, open_quote, paragraphs
from .words import SENTENCE_END, Casing, make_id

SERIES = re.compile(r"\|\s*\|\s*(?P<series>[^|]+?)\s*\|\s*\|\s*(?P<rest>.*)")
CONTACT = re.compile(r"-\s+(?P<c>[\w.+-]+@[\w-]+(\.[\w-]+)+|(https?://)?[\w-]+(\.[\w-]+)+(/\S*)?)")
CONTENTS = re.compile(r"-\s+(?P<title>.+?)[\s.\-–—]*/\s*(?P<page>\d[\d\s]*)/")
DINKUS = re.compile(r"(\*\s*){3}|⁂|\* ?\* ?\*")
CREDIT = r"(\b[\w-]+\.(org|com|net|info|ua|ru|de|fr|it|es|pl|io)\b|publish|опубл|джерел|источник)"


def import_extracted(
    path: Path, lang: str, layouts: Path | None = None, caption_words: list[str] | None = None
) -> tuple[Edition, Report]:
    """Read the extracted text of a pocket edition; ImportFailure if it has no chapters.
    The language's caption and function words, abbreviations and date words come from
    layouts/languages.yaml (default: the toolkit's); `caption_words` adds to the caption words."""
    return import_lines(read_lines(path), str(path), lang, layouts, caption_words)


def import_lines(
    lines: list[str],
    source: str,
    lang: str,
    layouts: Path | None = None,
    caption_words: list[str] | None = None,
    quotes_marked: bool = False,
) -> tuple[Edition, Report]:
    """import_extracted on lines of text already read (the PDF importer passes its own, with block
    quotations marked `> ` by their place on the page: `quotes_marked`, and no other quotations)."""
    check_language(lang)
    words = languages.for_import(layouts)
    caption = words.caption_pattern(lang)
    if caption_words:
        extra = "|".join(re.escape(w.strip()) for w in caption_words if w.strip())
        caption = re.compile(rf"{caption.pattern}|\b(?:{extra})\b", re.IGNORECASE)
    report = Report(source)
    paras = paragraphs(lines, report.repairs, lang, words.abbreviations(lang), report.guesses, quotes_marked)
    fix_known_damage(paras, lang, report.damage)
    edition = Edition()
    contents: list[str] = []
    start = read_cover(paras, edition, contents, report, lang)
    heads = chapter_starts(paras, start, contents, lang)
    if not heads:
        raise ImportFailure("no chapters found (a chapter starts with a title in capitals and a date line)")
    stop = read_back_cover(paras, heads[-1], edition, report)
    casing = Casing([p.text for p in paras[start:stop] if not is_caps(p.text)], words.capitalised_nouns(lang))
    if edition.title and is_caps(edition.title):
        edition.title = casing.sentence_case(edition.title, starting(edition.title, contents))
    edition.introduction = read_introduction(paras[start : heads[0]])
    titles = [title_for(paras[h].text, contents, casing) for h in heads]
    taken: set[str] = set()
    for n, h in enumerate(heads):
        end = heads[n + 1] if n + 1 < len(heads) else stop
        others = titles[:n] + titles[n + 1 :]
        chapter = Chapter(make_id(titles[n], others, words.function_words(lang), taken), titles[n], paras[h].line)
        read_chapter(chapter, paras[h + 1 : end], casing, report, lang, caption, quotes_marked)
        edition.chapters.append(chapter)
    report.facts.update(cover_facts(edition, contents))
    report.facts["folios removed"] = sum(len(piece.folios) for p in paras for piece in p.pieces)
    report.facts["paragraphs rejoined across page breaks"] = sum(
        not piece.wrap for p in paras for piece in p.pieces[1:]
    )
    return edition, report


def cover_facts(edition: Edition, contents: list[str]) -> dict[str, object]:
    return {
        "title": edition.title,
        "author": edition.author,
        "series": edition.series,
        "date": edition.date,
        "edition code": edition.edition_code,
        "contacts": ", ".join(edition.contacts),
        "contents entries": len(contents),
    }


def read_cover(paras: list[Paragraph], edition: Edition, contents: list[str], report: Report, lang: str) -> int:
    """Cover, contacts and contents at the top; returns the index of the first body paragraph."""
    for index, para in enumerate(paras):
        text = para.text
        if index and is_body(text) and not text.startswith("- "):
            return index
        if index and contents and is_caps(text) and key(text) in {key(c) for c in contents}:
            return index  # the first chapter's title, named in the contents
        if index == 0:
            edition.title = text
        elif series := SERIES.fullmatch(text):
            edition.series = series.group("series")
            edition.date = parse_month(series.group("rest").strip("_* "), lang) or edition.date
        elif contact := CONTACT.fullmatch(text):
            edition.contacts.append(contact.group("c"))
        elif entry := CONTENTS.fullmatch(text):
            contents.append(entry.group("title").strip())
        elif edition.author is None and not edition.series:
            edition.author = text
        else:
            report.unknown(para.line, text)
    return len(paras)


def is_body(text: str) -> bool:
    """A sentence of running text (the introduction's first paragraph ends the cover)."""
    return len(text.split()) >= 8 and SENTENCE_END.search(text) is not None and not is_caps(text)


def key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))  # casefold: FLÖSSER is Flößer


def starting(title: str, contents: list[str]) -> str | None:
    """The start of a contents line that gives the title's words (the book's title is often its first
    chapter's): their real casing."""
    words = re.findall(r"\w+", title.casefold())
    for line in contents:
        found = list(re.finditer(r"\w+", line))
        if words and [m.group().casefold() for m in found[: len(words)]] == words:
            return line[: found[len(words) - 1].end()]
    return None


def chapter_starts(paras: list[Paragraph], start: int, contents: list[str], lang: str) -> list[int]:
    """Indexes of chapter titles: a line in capitals followed by a date line (or named in the contents)."""
    known = {key(title) for title in contents}
    starts = []
    for index in range(start, len(paras)):
        text = paras[index].text
        if not is_caps(text) or parse_day(text, lang):
            continue
        dated = index + 1 < len(paras) and parse_day(paras[index + 1].text, lang)
        if dated or key(text) in known:
            starts.append(index)
    return starts


def read_back_cover(paras: list[Paragraph], last_head: int, edition: Edition, report: Report) -> int:
    """The series mark and edition code on the last line; returns where the body text stops."""
    stop = len(paras)
    for index in range(len(paras) - 1, last_head, -1):
        series = SERIES.fullmatch(paras[index].text)
        if not series:
            break
        edition.series = edition.series or series.group("series")
        edition.edition_code = series.group("rest").strip("_* ") or None
        stop = index
    return stop


def title_for(heading: str, contents: list[str], casing: Casing) -> str:
    """Sentence-case chapter title; the contents line with the same words gives the real casing."""
    reference = next((c for c in contents if key(c) == key(heading)), None)
    return casing.sentence_case(reference or heading, reference)


def read_introduction(paras: list[Paragraph]) -> list[Block]:
    blocks = [Block("para", p.text, p.line) for p in paras]
    if len(blocks) > 1 and len(blocks[-1].text) < 200 and re.search(CREDIT, blocks[-1].text, re.I):
        blocks[-1].kind = "credit"
    return blocks


def read_chapter(
    chapter: Chapter,
    paras: list[Paragraph],
    casing: Casing,
    report: Report,
    lang: str,
    caption: re.Pattern[str],
    quotes_marked: bool = False,
) -> None:
    """Date, epigraph and caption (a line with one of the caption words) under the opener, then the body."""
    rest = list(paras)
    if rest and rest[0].text.strip().lower() in excerpt_labels():
        chapter.excerpt = True  # the layout's "Excerpt" under the title
        rest.pop(0)
    if rest and parse_day(rest[0].text, lang):
        chapter.date = parse_day(rest.pop(0).text, lang)
    elif rest and looks_like_date(rest[0].text, lang):
        report.undecided(rest[0].line, f"a date line not understood, left as a paragraph: {rest[0].text}")
    for _ in range(2):
        if rest and rest[0].line in report.todos:
            break  # a date line not understood stays a paragraph, marked TODO
        if rest and rest[0].text.startswith(CAPTION_MARK) and not chapter.caption:
            report.guess(rest[0].line, "caption (by its size)", rest[0].text[len(CAPTION_MARK) :])
            chapter.caption = rest.pop(0).text[len(CAPTION_MARK) :]  # the PDF importer knows it by its size
        elif quotes_marked and rest and rest[0].text.startswith((CAPTION_MARK, CLOSING_MARK)):
            break
        elif rest and is_caps(rest[0].text) and not chapter.epigraph:
            report.guess(rest[0].line, "epigraph", rest[0].text)
            chapter.epigraph = quoted_like(rest[0].text, casing.sentence_case(rest.pop(0).text.strip(QUOTES + SPACES)))
        elif rest and is_caption(rest[0].text, caption) and not chapter.caption:
            report.guess(rest[0].line, "caption", rest[0].text)
            chapter.caption = rest.pop(0).text
        elif rest and not chapter.epigraph and len(rest) > 1 and is_epigraph(rest[0].text, rest[1].text):
            report.guess(rest[0].line, "epigraph", rest[0].text)
            chapter.epigraph = re.sub(r"[«»“”„]", '"', rest.pop(0).text)  # the build sets the language's marks
    if rest and DINKUS.fullmatch(rest[0].text):
        report.notes.append(f"line {rest.pop(0).line}: dropped a section break before the chapter's first paragraph")
    chapter.blocks = body_blocks(rest, report, quotes_marked)


QUOTES = '"“”«»„‹›'
SPACES = " \u00a0\u202f"  # a space, and the no-break spaces inside French guillemets


# What the PDF importer knows by position and size, marked at the start of a paragraph of its text.
CAPTION_MARK, CLOSING_MARK = "{.caption} ", "{.closing} "


@cache
def excerpt_labels() -> frozenset[str]:
    """The words the layouts print under the title of an excerpt, in every language (layouts/strings)."""
    labels = set()
    for path in sorted((languages.TOOLKIT_LAYOUTS / "strings").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if isinstance(data.get("excerpt"), str):
            labels.add(data["excerpt"].strip().lower())
    return frozenset(labels)


def is_epigraph(text: str, following: str) -> bool:
    """A short line wholly in quotation marks (perhaps with a dash and a name after it) opening a
    chapter, before a paragraph that is not a quotation: a motto, not the first quoted paragraph."""
    match = re.fullmatch(r"([\"“«„])(?P<q>[^\"“”«»„]{3,160})([\"”»“])(\s*[—–-]\s*\S.{0,60})?", text.strip())
    return match is not None and len(text) <= 200 and not following.startswith(QUOTE_OPENERS)


def is_caption(text: str, caption_words: re.Pattern[str]) -> bool:
    """A short line naming a picture (caption_words: languages.Languages.caption_pattern)."""
    return len(text) < 600 and not text.startswith(QUOTE_OPENERS) and caption_words.search(text) is not None


def body_blocks(paras: list[Paragraph], report: Report, quotes_marked: bool = False) -> list[Block]:
    blocks: list[Block] = []
    for index, para in enumerate(paras):
        text = para.text
        if quotes_marked and text.startswith((CLOSING_MARK, CAPTION_MARK)):
            kind = "closing" if text.startswith(CLOSING_MARK) else "para"
            report.guess(
                para.line, "closing line (centred)" if kind == "closing" else "paragraph", text.split(" ", 1)[1]
            )
            blocks.append(Block(kind, text.split(" ", 1)[1], para.line))
        elif quotes_marked and text.startswith("> "):
            follows = bool(blocks) and blocks[-1].kind == "quote"
            blocks.append(Block("quote", text[2:], para.line, continues=follows))
        elif DINKUS.fullmatch(text):
            blocks.append(Block("break", "* * *", para.line))
        elif is_subheading(text) and index + 1 < len(paras):
            report.guess(para.line, "sub-heading", text)
            blocks.append(Block("heading", text, para.line))
        elif is_caps(text) and para.line not in report.todos:
            report.unknown(para.line, text)
            blocks.append(Block("para", text, para.line))
        else:
            blocks.append(Block("para", text, para.line))
    if not quotes_marked:
        mark_quotes(blocks, report)
    last = blocks[-1] if blocks else None
    if (
        last
        and not quotes_marked
        and last.kind == "para"
        and len(last.text) <= 80
        and not last.text.startswith(QUOTE_OPENERS)
    ):
        report.guess(last.line, "closing line", last.text)
        last.kind = "closing"
    return blocks


def is_subheading(text: str) -> bool:
    return (
        len(text) <= 80
        and len(text.split()) >= 2
        and text[0].isupper()
        and not is_caps(text)
        and not SENTENCE_END.search(text)
        and not text.startswith(QUOTE_OPENERS)
    )


def mark_quotes(blocks: list[Block], report: Report) -> None:
    """Paragraphs that are whole quoted passages, and the paragraphs of a quotation running over several."""
    run: list[Block] = []
    for block in blocks:
        if block.kind != "para":
            close_run(run, report)
            run = []
        elif run:
            block.kind, block.continues = "quote", True
            run.append(block)
            if closes(block.text):
                run = []
        elif block.text.startswith(QUOTE_OPENERS):
            if open_quote(block.text) and not attributed(block.text):
                block.kind, run = "quote", [block]
            elif whole_quote(block.text):
                block.kind = "quote"
    close_run(run, report)


PAIRS = (("«", "»"), ("“", "”"), ("„", "“"), ("„", "”"), ("‹", "›"))
CLOSERS = '"”»“›'


def closes(text: str) -> bool:
    """Does this paragraph inside a running quotation close it?"""
    count = text.count('"') - (1 if text.startswith('"') else 0)
    if count % 2 == 1 or text.rstrip().endswith(tuple(CLOSERS)):
        return True
    for opener, closer in PAIRS:
        if opener in text or text.count(closer):
            opens = text.count(opener) - (1 if text.startswith(opener) else 0)
            if opener != "„" and text.count(closer) > opens:
                return True
    return False


def close_run(run: list[Block], report: Report) -> None:
    """A quotation never closed before a break or the end: only its first paragraph was a quotation."""
    if len(run) > 1:
        for block in run[1:]:
            block.kind, block.continues = "para", False
        report.undecided(run[0].line, "a quotation opens here and is not closed; only this paragraph was quoted")
    elif run:
        report.guess(run[0].line, "a quotation running over several paragraphs; its end was not found", run[0].text)


def last_closer(text: str) -> int:
    return max(text.rfind(c) for c in CLOSERS)


def attributed(text: str) -> bool:
    """Ends with a closing quote and a short attribution (', an ASTRA source said.'), even if its
    quotation marks do not pair up: the quotation ends in this paragraph."""
    last = last_closer(text)
    return last > 0 and not text[last - 1].isspace() and len(text) - last <= 120


def whole_quote(text: str) -> bool:
    """A quotation, perhaps with a short attribution after it ('..., an ASTRA source said.')."""
    body = text.rstrip().rstrip(".")
    tail = text[last_closer(body) + 1 :].strip(" ,.;:")
    return len(tail) <= 120 and len(re.findall(r"[.!?](\s|$)", tail)) <= 1


def quoted_like(original: str, text: str) -> str:
    """text in straight quotes if the original display line was a quotation."""
    stripped = original.strip()
    return f'"{text}"' if stripped[:1] in '"“«„' and stripped[-1:] in '"”»“' else text
