"""Import numbered social-media threads (`1/ ... ⬇️`, `2/ ...`, ..., `/end`): one chapter per thread."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import languages
from .common import Block, Chapter, Edition, ImportFailure, Report, check_language, read_lines
from .dates import looks_like_date, parse_day
from .pages import QUOTE_OPENERS
from .words import Casing, make_id

# Post numbers: `3/`, `3/7` and `(3/7)` at the start (or `3/7`, `(3/7)` at the end), `3.` at the start.
SLASH = re.compile(r"(\d{1,3})\s*/(?!\d)\s*(?P<text>.*)")
OF_TOTAL = re.compile(r"(\d{1,3})/(\d{1,3})(?!\d)(?:\s+(?P<text>.*))?")
PAREN = re.compile(r"\((\d{1,3})\s*/\s*(\d{1,3})\)\s*(?P<text>.*)")
END_TOTAL = re.compile(r"(?P<text>.*?\S)\s+\(?(\d{1,3})/(\d{1,3})\)?")
DOT = re.compile(r"(\d{1,3})\.\s+(?P<text>.*)")
POINTERS = re.compile(r"\s*(⬇️|⬇|👇|🧵|↓)+\s*$")
LEADING = re.compile(r"^\s*(🧵|📌)+\s*")
END = re.compile(r"\s*/\s*end\s*$", re.I)
URL = re.compile(r"(?<![<(\w/.])(?:https?://|www\.)[^\s<>]+[^\s<>.,;:!?)\]»”\"'’]")
# Defaults for what threads do not say; the report lists them for the editor to change.
PLACEHOLDERS = {"author": "Compiled from social-media threads", "series": "POCKET EDITION"}
TITLE_WORDS = 12


@dataclass
class Marker:
    number: int
    total: int | None
    style: str  # "/", "/M", "(/M)", "."
    text: str


def post_marker(text: str, expected: int | None = None) -> Marker | None:
    """The post number of a line, in any of the usual styles; None for a line without one. Where a line
    has a number at both ends (`14. März 2025 (2/5)`), the one that is `expected` next wins."""
    found = [leading_marker(text)]
    if (match := END_TOTAL.fullmatch(text)) and int(match.group(2)) <= int(match.group(3)):
        found.append(Marker(int(match.group(2)), int(match.group(3)), "(/M)", match.group("text")))
    markers = [m for m in found if m is not None]
    return next((m for m in markers if m.number == expected), markers[0] if markers else None)


def leading_marker(text: str) -> Marker | None:
    if match := PAREN.fullmatch(text):
        return Marker(int(match.group(1)), int(match.group(2)), "(/M)", match.group("text"))
    if match := OF_TOTAL.fullmatch(text):
        return Marker(int(match.group(1)), int(match.group(2)), "/M", match.group("text") or "")
    if match := SLASH.fullmatch(text):
        return Marker(int(match.group(1)), None, "/", match.group("text"))
    if match := DOT.fullmatch(text):
        return Marker(int(match.group(1)), None, ".", match.group("text"))
    return None


@dataclass
class Post:
    number: int
    line: int
    lines: list[tuple[int, str]] = field(default_factory=list)  # (line number, text): one paragraph each


@dataclass
class Thread:
    line: int
    posts: list[Post] = field(default_factory=list)
    complete: bool = False
    style: str = "/"
    total: int | None = None
    closed: bool = False  # `/end` seen: nothing more belongs to it
    date: dt.date | None = None


def import_threads(
    path: Path, lang: str, date: dt.date, slug: str | None = None, layouts: Path | None = None
) -> tuple[Edition, Report]:
    """Read a dump of numbered threads; ImportFailure if there is no `1/` post.

    Threads say nothing of title, author, series or edition code: the title is
    made from the slug, the rest are placeholders the report names. Function words
    come from layouts/languages.yaml (default: the toolkit's)."""
    check_language(lang)
    words = languages.for_import(layouts)
    report = Report(str(path))
    threads = split_threads(read_lines(path), report, lang)
    if not threads:
        raise ImportFailure("no chapters found (a thread starts with a post numbered 1/, 1/N, (1/N) or 1.)")
    casing = Casing([text for t in threads for p in t.posts for _, text in p.lines])
    stop = words.function_words(lang) or words.all_function_words()
    clause = words.clause_words(lang) or words.all_clause_words()
    cut_titles = [
        thread_title(t, stop=stop, clause_words=clause, abbreviations=words.abbreviations(lang)) for t in threads
    ]
    titles = [title for title, _ in cut_titles]
    edition = Edition(
        date=date.isoformat(),
        edition_code=f"{lang.upper()} 00",
        author=PLACEHOLDERS["author"],
        series=PLACEHOLDERS["series"],
    )
    edition.title = casing.sentence_case((slug or path.stem).replace("-", " ").replace("_", " "))
    taken: set[str] = set()
    for n, thread in enumerate(threads):
        others = titles[:n] + titles[n + 1 :]
        chapter = Chapter(
            make_id(titles[n], others, words.function_words(lang), taken),
            titles[n],
            thread.line,
            date=thread.date,
            excerpt=not thread.complete,
        )
        chapter.blocks = thread_blocks(thread)
        standfirst(chapter, cut_titles[n][1], words.abbreviations(lang))
        if not cut_titles[n][1]:
            report.guess(thread.line, "title cut from the first sentence of the summary post", titles[n])
        edition.chapters.append(chapter)
    report.facts.update(
        {
            "threads": len(threads),
            "complete threads": sum(t.complete for t in threads),
            "posts": sum(len(t.posts) for t in threads),
            "date (import date)": edition.date,
        }
    )
    report.notes.append(
        f"placeholders to edit: in {lang}/edition.yaml title {edition.title!r}, author "
        f"{edition.author!r}, edition_code {edition.edition_code!r}; in edition.yaml series "
        f"{edition.series!r}; no contacts were written"
    )
    return edition, report


def split_threads(lines: list[str], report: Report, lang: str = "en") -> list[Thread]:
    """Posts grouped into threads; thread markers (N/, N/M, (N/M), N., ⬇️, /end) removed. A post that is
    only a date gives the thread its date."""
    threads: list[Thread] = []
    for number, raw in enumerate(lines, 1):
        text = LEADING.sub("", raw.strip())
        if not re.search(r"\w", text):
            continue  # blank, or a separator line (---, * * *, emoji) between posts or threads
        current = threads[-1] if threads else None
        marker = post_marker(text, current.posts[-1].number + 1 if current and current.posts else None)
        open_thread = current is not None and not current.closed and not current.complete
        if marker and marker.number == 1 and marker.text.strip() and (not open_thread or same_style(current, marker)):
            threads.append(Thread(number, style=marker.style, total=marker.total))
            current = threads[-1]
        elif current is None:
            report.guess(number, "left out: text before the first thread", text)
            continue
        if current.closed:
            report.unknown(number, text)
            continue
        if (
            marker
            and same_style(current, marker)
            and (
                (marker.number == 1 and not current.posts)
                or (current.posts and marker.number == current.posts[-1].number + 1)
            )
        ):
            current.posts.append(Post(marker.number, number))
            text = marker.text
            if current.total and marker.number == current.total:
                current.complete = True
            day = parse_day(POINTERS.sub("", text).strip(), lang) if marker.number > 1 else None
            if day and current.date is None:
                current.date = day
                report.guess(number, f"date post taken as the chapter's date {day}", text)
                continue
        elif marker:
            report.guess(number, f"numbered {marker.number} out of turn: kept as text of the post above", text)
        elif looks_like_date(text, lang) and current.posts and not current.posts[-1].lines:
            report.undecided(number, f"a date post not understood, kept as text: {text}")
        add_line(current, number, text)
    return threads


def same_style(thread: Thread | None, marker: Marker) -> bool:
    return thread is not None and (thread.style == marker.style or {thread.style, marker.style} <= {"/", "/M"})


def add_line(thread: Thread, number: int, text: str) -> None:
    if END.search(text):
        thread.complete, thread.closed, text = True, True, END.sub("", text)
    text = POINTERS.sub("", text).strip()
    if text:
        thread.posts[-1].lines.append((number, text))


def first_sentence(text: str, abbreviations: frozenset[str] = frozenset()) -> str:
    """Up to the first full stop, question or exclamation mark that ends a sentence (not one of the
    language's abbreviations: `St. Petersburg`)."""
    for match in re.finditer(r"(?<=[.!?…])[\"”»’']?\s+(?=[\"“«„'‘¿¡(]?[^\W\d_])", text):
        head = text[: match.start()].rstrip("\"”»’'")
        last = head.split()[-1].lower().rstrip(".") if head.split() else ""
        if head.endswith(".") and last in abbreviations:
            continue
        if head.endswith(".") and len(last) == 1 and last.isalpha():
            continue  # an initial: J. Smith
        return text[: match.start()].strip()
    return text.strip()


def thread_title(
    thread: Thread,
    limit: int = TITLE_WORDS,
    stop: frozenset[str] | None = None,
    clause_words: frozenset[str] | None = None,
    abbreviations: frozenset[str] = frozenset(),
) -> tuple[str, bool]:
    """(title, whole): the first post's first sentence; if longer than `limit` words, cut at the last
    clause boundary within them (after , ; : or a dash, or before a word that opens a clause:
    `clause_words`); `whole` is False when it was cut. Never ends on a function word (`stop`)."""
    first = thread.posts[0].lines[0][1] if thread.posts[0].lines else f"Thread at line {thread.line}"
    sentence = first_sentence(first, abbreviations)
    words = sentence.split()
    if len(words) <= limit:
        return sentence.rstrip(".").strip(), True
    if stop is None:
        stop = languages.for_import(None).all_function_words()
    if clause_words is None:
        clause_words = languages.for_import(None).all_clause_words()
    cuts = []
    for n in range(3, min(limit, len(words) - 1) + 1):
        before, after = words[n - 1], words[n]
        bare = after.lower().strip("\"'“‘«(")
        boundary = before.endswith((",", ";", ":")) or after in ("–", "—", "-") or bare in clause_words
        dangling = before.lower().strip(",;:\"'“‘«(")
        if boundary and dangling not in stop and dangling not in clause_words:  # not: ", weil | die Löhne"
            cuts.append(n)
    if cuts:
        return " ".join(words[: cuts[-1]]).rstrip(",;:–— "), False
    # no clause boundary: before the last function word that follows a content word (a phrase starts there)
    phrases = [
        n
        for n in range(4, limit + 1)
        if words[n].lower().strip("\"'“‘«(") in stop and words[n - 1].lower().strip(",;:") not in stop
    ]
    cut = words[: phrases[-1]] if phrases else words[:limit]
    while len(cut) > 3 and cut[-1].lower().strip(",;:") in stop:
        cut.pop()
    return " ".join(cut).rstrip(",;:"), False


def standfirst(chapter: Chapter, whole: bool, abbreviations: frozenset[str] = frozenset()) -> None:
    """The summary post under the title as the standfirst, without the sentence the title repeats."""
    if not chapter.blocks or chapter.blocks[0].kind != "para":
        return
    first = chapter.blocks[0]
    if whole:
        sentence = first_sentence(first.text, abbreviations)
        first.text = first.text[len(sentence) :].strip() if first.text.startswith(sentence) else first.text
    if first.text:
        first.kind = "standfirst"
    else:
        chapter.blocks.pop(0)


def linked(text: str) -> str:
    """Web addresses as Markdown autolinks (<https://...>): links in the PDF and the EPUB."""

    def link(match: re.Match[str]) -> str:
        url = match.group(0)
        return f"<{url}>" if url.startswith("http") else f"[{url}](https://{url})"

    return URL.sub(link, text)


def thread_blocks(thread: Thread) -> list[Block]:
    """Posts as paragraphs; quotations (also those running over several posts) as block quotations."""
    blocks: list[Block] = []
    quoting = False  # a quotation is open at the end of the last paragraph
    for post in thread.posts:
        for index, (line, text) in enumerate(post.lines):
            starts = text.startswith(QUOTE_OPENERS)
            if quoting and not starts and index == 0 and blocks and blocks[-1].kind == "para":
                blocks[-1].text += " " + text  # the post goes on with a quotation the last one left open
            elif starts or (quoting and blocks and blocks[-1].kind == "quote"):
                blocks.append(
                    Block("quote", text, line, continues=quoting and bool(blocks) and blocks[-1].kind == "quote")
                )
            else:
                blocks.append(Block("para", text, line))
            quoting = still_open(text, quoting)
    for block in blocks:
        block.text = linked(block.text)
    return blocks


def still_open(text: str, before: bool) -> bool:
    """Is a quotation open after this paragraph? A paragraph inside a quotation may reopen it with a mark."""
    count = text.count('"')
    if before and text.startswith('"'):
        count -= 1
    return before != (count % 2 == 1)
