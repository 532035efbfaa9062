"""Import numbered social-media threads (`1/ ... ⬇️`, `2/ ...`, ..., `/end`): one chapter per thread."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import languages
from .common import Block, Chapter, Edition, ImportFailure, Report, check_language, read_lines
from .pages import QUOTE_OPENERS
from .words import Casing, make_id, tokens

POST = re.compile(r"\s*(\d{1,3})\s*/(?!\d)\s*(.*)")
POINTERS = re.compile(r"\s*(⬇️|⬇|👇|🧵|↓)+\s*$")
END = re.compile(r"\s*/\s*end\s*$", re.I)
# Defaults for what threads do not say; the report lists them for the editor to change.
PLACEHOLDERS = {"author": "Compiled from social-media threads", "series": "POCKET EDITION"}


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
    threads = split_threads(read_lines(path), report)
    if not threads:
        raise ImportFailure("no chapters found (a thread starts with a post numbered 1/)")
    casing = Casing([text for t in threads for p in t.posts for _, text in p.lines])
    stop = words.all_function_words()
    titles = [thread_title(t, stop=stop) for t in threads]
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
            excerpt=not thread.complete,
        )
        chapter.blocks = thread_blocks(thread)
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


def split_threads(lines: list[str], report: Report) -> list[Thread]:
    """Posts grouped into threads; thread markers (N/, ⬇️, /end) removed."""
    threads: list[Thread] = []
    for number, raw in enumerate(lines, 1):
        text = raw.strip()
        if not text:
            continue
        post = POST.fullmatch(text)
        post_number = int(post.group(1)) if post else 0
        if post and post_number == 1:
            threads.append(Thread(number))
        current = threads[-1] if threads else None
        if current is None:
            report.unknown(number, text)
            continue
        if post and (post_number == 1 or post_number == current.posts[-1].number + 1):
            current.posts.append(Post(post_number, number))
            text = post.group(2)
        add_line(current, number, text)
    return threads


def add_line(thread: Thread, number: int, text: str) -> None:
    if END.search(text):
        thread.complete, text = True, END.sub("", text)
    text = POINTERS.sub("", text).strip()
    if text:
        thread.posts[-1].lines.append((number, text))


def thread_title(thread: Thread, limit: int = 80, stop: frozenset[str] | None = None) -> str:
    """The first post's first sentence, cut to a clause or a whole word under `limit` characters;
    a long one is cut before a function word (`stop`: by default those of every language of the toolkit)."""
    first = thread.posts[0].lines[0][1] if thread.posts[0].lines else f"Thread at line {thread.line}"
    sentence = re.split(r"(?<=[.!?])\s+(?=[\"“«'‘]?[A-ZА-ЯІЇЄҐ])", first)[0]
    if len(sentence) <= limit:
        return sentence.rstrip(".")
    clauses = [m.start() for m in re.finditer(r"[,;:–—]\s", sentence) if 30 <= m.start() <= limit]
    if clauses:
        return sentence[: clauses[-1]]
    if stop is None:
        stop = languages.for_import(None).all_function_words()
    words = sentence[: limit + 1].rsplit(" ", 1)[0].split()
    cuts = [n for n in range(3, len(words)) if words[n].lower().strip("\"'“‘") in stop]
    if cuts:
        words = words[: cuts[-1]]  # before a function word: 'who', 'in', 'to' start the next phrase
    while len(words) > 3 and (words[-1].lower() in stop or not tokens(words[-1])):
        words.pop()
    return " ".join(words).rstrip(",;:")


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
    return blocks


def still_open(text: str, before: bool) -> bool:
    """Is a quotation open after this paragraph? A paragraph inside a quotation may reopen it with a mark."""
    count = text.count('"')
    if before and text.startswith('"'):
        count -= 1
    return before != (count % 2 == 1)
