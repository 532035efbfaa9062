"""What both importers share: the imported edition, reading input, the report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from babel import Locale, UnknownLocaleError


class ImportFailure(Exception):
    """Input the importer cannot use; printed as one line, exit status 2."""


@dataclass
class Block:
    """One block of a chapter's text, in Markdown terms."""

    kind: str  # para, quote, break, heading, closing, credit
    text: str = ""
    line: int = 0
    continues: bool = False  # a quote paragraph continuing the quotation above
    todo: str | None = None  # what the editor must decide: written as a TODO comment above the block


@dataclass
class Chapter:
    id: str
    title: str
    line: int
    date: dt.date | None = None
    caption: str | None = None
    epigraph: str | None = None
    excerpt: bool = False
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Edition:
    title: str | None = None
    author: str | None = None
    series: str | None = None
    date: str | None = None  # YYYY-MM or YYYY-MM-DD
    edition_code: str | None = None
    contacts: list[str] = field(default_factory=list)
    introduction: list[Block] = field(default_factory=list)
    chapters: list[Chapter] = field(default_factory=list)


@dataclass
class Repair:
    line: int  # where the text to repair starts
    before: str
    after: str
    to_line: int = 0  # where it ends, if on another line
    sure: str = ""  # why the decision is certain (a layout hyphen); empty: the language's words decided

    def kind(self) -> str:
        """joined (a word cut at a line or page end made whole) or kept (a real hyphen kept)."""
        whole = self.before.replace(" | ", "").replace("--", "-")  # jurídico- | -sindical: one hyphen
        return "kept" if whole == self.after and "-" in self.after else "joined"

    def why(self) -> str:
        return f" ({self.sure})" if self.sure else ""

    def where(self) -> str:
        return f"lines {self.line}-{self.to_line}" if self.to_line > self.line else f"line {self.line}"


@dataclass
class Report:
    """What an importer recognised and what it could not place."""

    source: str
    facts: dict[str, object] = field(default_factory=dict)
    repairs: list[Repair] = field(default_factory=list)
    damage: list[Repair] = field(default_factory=list)  # known source damage fixed (importers/damage.py)
    unclassified: list[tuple[int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    guesses: list[tuple[int, str]] = field(default_factory=list)  # decisions that could be wrong, to check
    todos: dict[int, str] = field(default_factory=dict)  # line -> what the importer could not decide

    def unknown(self, line: int, text: str) -> None:
        self.unclassified.append((line, text))

    def undecided(self, line: int, what: str) -> None:
        """The importer cannot decide: a guess in the report and a TODO comment in the Markdown."""
        self.todos[line] = what
        self.guesses.append((line, f"TODO: {what}"))

    def guess(self, line: int, what: str, text: str = "") -> None:
        """A heuristic decision the editor should check: what it took the line for, and the line."""
        self.guesses.append((line, f"{what}: {shorten(text, 70)}" if text else what))

    def lines(self, edition: Edition) -> list[str]:
        out = [f"Imported {self.source}"]
        out += [f"  {key}: {value}" for key, value in self.facts.items() if value not in (None, "", [])]
        if edition.introduction:
            out.append(f"  introduction: {count(edition.introduction, 'para', 'credit')} paragraph(s)")
        out.append(f"  chapters: {len(edition.chapters)}")
        out += [chapter_line(n, ch) for n, ch in enumerate(edition.chapters, 1)]
        out.append(f"  repaired words: {len(self.repairs)}")
        out += [f"    {r.where()}: {r.kind()} {r.before!r} -> {r.after!r}{r.why()}" for r in self.repairs]
        if self.damage:
            out.append(f"  known source damage fixed: {len(self.damage)}")
            out += [f"    {r.where()}: {r.before!r} -> {r.after!r}" for r in self.damage]
        out.append(f"  guesses to check: {len(self.guesses)}")
        out += [f"    line {n}: {what}" for n, what in sorted(self.guesses)]
        out.append(f"  unclassified lines: {len(self.unclassified)}")
        out += [f"    line {n}: {shorten(text)}" for n, text in self.unclassified]
        out += [f"  note: {note}" for note in self.notes]
        return out


def count(blocks: list[Block], *kinds: str) -> int:
    return sum(b.kind in kinds for b in blocks)


def chapter_line(n: int, ch: Chapter) -> str:
    parts = [
        f"{count(ch.blocks, 'para', 'closing')} paragraphs",
        f"{count(ch.blocks, 'quote')} quotation paragraphs",
        f"{count(ch.blocks, 'break')} breaks",
        f"{count(ch.blocks, 'heading')} sub-headings",
    ]
    extras = [
        name
        for name, on in (
            ("date " + str(ch.date), ch.date),
            ("caption", ch.caption),
            ("epigraph", ch.epigraph),
            ("closing line", count(ch.blocks, "closing")),
            ("excerpt", ch.excerpt),
        )
        if on
    ]
    return f"    {n}. {ch.id} (line {ch.line}): {shorten(ch.title, 60)}; " + ", ".join(parts + extras)


def shorten(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def read_lines(path: Path) -> list[str]:
    """The file's lines; ImportFailure if it is missing, unreadable or not UTF-8."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImportFailure("no such file") from None
    except IsADirectoryError:
        raise ImportFailure("is a folder, not a text file") from None
    except OSError as exc:
        raise ImportFailure(f"cannot read: {exc.strerror}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFailure(f"not UTF-8 text (bad byte at offset {exc.start})") from None
    if "\x00" in text:
        raise ImportFailure("binary file, not text")
    return text.splitlines()


def check_language(lang: str) -> None:
    """ImportFailure unless `lang` is a language code babel knows (month names, casing)."""
    try:
        Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        raise ImportFailure(f"unknown language {lang!r} (use a code like en, uk, de)") from None
