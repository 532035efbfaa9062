"""`pocketpress status`: how much of each language is translated, segment by segment.

A translation records, per segment (segments.py), the source text it was made from
(translation/tracking.py, `<lang>/translated-from.yaml`). A segment whose source changed is
outdated; `status --diff` shows the old source, the new one as a word diff, and the translation;
`pocketpress status --record` records translations that are up to date again.
This module computes and records; commands/status.py prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from .errors import Problem, choices_hint
from .loader import split_front_matter
from .project import Project, editions, languages
from .segments import normalise
from .translation import edition
from .translation.tracking import (
    MISSING,
    OUTDATED,
    STATES,
    TRANSLATED,
    UNTRANSLATED,
    ChapterState,
    chapter_ids,
    chapter_state,
    load_record,
    read,
    record_chapter,
)

EDITION = edition.EDITION

__all__ = ["EDITION", "MISSING", "OUTDATED", "TRANSLATED", "UNTRANSLATED"]

SOURCE = "source"


@dataclass(frozen=True)
class LanguageStatus:
    lang: str
    chapters: list[ChapterState]

    def count(self, state: str) -> int:
        return sum(c.count(state) for c in self.chapters)

    @property
    def total(self) -> int:
        return sum(len(c.states) for c in self.chapters)

    @property
    def percent(self) -> int:
        return int(100 * self.count(TRANSLATED) / self.total) if self.total else 100

    @property
    def clean(self) -> bool:
        return self.count(TRANSLATED) == self.total


def language_status(project: Project, slug: str, lang: str, chapter: str | None = None) -> LanguageStatus:
    edition_dir = project.content / slug
    ids, source = chapter_ids(project, edition_dir)
    record = load_record(edition_dir, lang)
    ids = [c for c in ids if chapter is None or c == chapter]
    chapters = [chapter_state(edition_dir, source, lang, cid, record) for cid in ids]
    if chapter in (None, edition.EDITION):
        chapters.insert(0, edition.state(project, slug, source, lang, record))
    return LanguageStatus(lang, chapters)


def edition_status(project: Project, slug: str, langs: list[str] | None) -> tuple[str, list[LanguageStatus]]:
    """The source language of an edition, and the status of each of its translations (of langs, when given)."""
    edition_dir = project.content / slug
    _, source = chapter_ids(project, edition_dir)
    columns = [lang for lang in languages(edition_dir) if lang != source and (not langs or lang in langs)]
    return source, [language_status(project, slug, lang) for lang in sorted(columns)]


def format_table(slug: str, source: str, statuses: list[LanguageStatus]) -> str:
    lines = [f"{slug} (source: {source})"]
    if not statuses:
        lines.append("  no translation")
    for status in statuses:
        lines.append(
            f"  {status.lang}: {status.percent}% translated ({status.count(TRANSLATED)} of {status.total} segments)"
        )
        width = max([len("chapter")] + [len(c.chapter) for c in status.chapters])
        lines.append("    " + "chapter".ljust(width) + "".join(f"  {s:>12}" for s in STATES))
        for chapter in status.chapters:
            lines.append("    " + chapter.chapter.ljust(width) + "".join(f"  {chapter.count(s):>12}" for s in STATES))
        if status.count(OUTDATED):
            lines.append(f"    see what changed: pocketpress status --diff {slug}/{status.lang}")
    if statuses:
        lines.append(
            f"  ({edition.EDITION}: the edition's own strings: title, author, series, code, contacts, interface words)"
        )
    return "\n".join(lines)


@dataclass(frozen=True, order=True)
class Target:
    """One translated chapter whose source fingerprint is to be recorded."""

    slug: str
    lang: str
    chapter: str

    def __str__(self) -> str:
        return f"{self.slug}/{self.lang}/{self.chapter}"


RECORD_FORMS = f"EDITION, EDITION/LANG or EDITION/LANG/CHAPTER (CHAPTER {edition.EDITION}: the edition's strings)"


def record_targets(project: Project, item: str, langs: list[str] | None = None) -> tuple[list[Target], list[Problem]]:
    """What `--record item` names: a chapter, every chapter of a translation, or of every translation
    (of those in langs, when given)."""
    parts = item.strip("/").split("/")
    if not 1 <= len(parts) <= 3 or not all(parts):
        return [], [Problem("pocketpress status", 0, f"--record '{item}': not {RECORD_FORMS}", "e.g. mini/uk/first")]
    slug = parts[0]
    known = editions(project)
    if slug not in known:
        hint = choices_hint(slug, known, "editions")
        return [], [Problem(project.show(project.content / slug), 0, f"no edition '{slug}'", hint)]
    edition_dir = project.content / slug
    ids, source = chapter_ids(project, edition_dir)
    translations = [lang for lang in languages(edition_dir) if lang != source]
    langs = [lang for lang in translations if not langs or lang in langs]
    if len(parts) >= 2:
        lang, langs = parts[1], [parts[1]]
        if lang == source:
            hint = f"record a translation: {', '.join(translations) or 'there is none yet'}"
            message = f"'{lang}' is the source language of {slug}: nothing to record"
            return [], [Problem(project.show(edition_dir / lang), 0, message, hint)]
        if lang not in translations:
            hint = choices_hint(lang, translations, "translations")
            return [], [Problem(project.show(edition_dir), 0, f"no language '{lang}' in {slug}", hint)]
    if len(parts) == 3 and parts[2] == edition.EDITION:
        return [Target(slug, parts[1], edition.EDITION)], []
    if len(parts) == 3:
        if parts[2] not in ids:
            hint = choices_hint(parts[2], [edition.EDITION, *ids], "chapters")
            return [], [
                Problem(project.show(edition_dir / "edition.yaml"), 0, f"no chapter '{parts[2]}' in {slug}", hint)
            ]
        target = Target(slug, parts[1], parts[2])
        return [target], record_problems(project, source, target, explicit=True)
    targets, problems = [], []
    for lang in langs:
        targets.append(Target(slug, lang, edition.EDITION))
        for cid in ids:
            target = Target(slug, lang, cid)
            if (edition_dir / lang / f"{cid}.md").exists():
                targets.append(target)
                problems += record_problems(project, source, target, explicit=False)
    return targets, problems


def record_problems(project: Project, source: str, target: Target, explicit: bool) -> list[Problem]:
    """Why target's fingerprint cannot be recorded: a file missing, or no header to write it in."""
    edition_dir = project.content / target.slug
    path = edition_dir / target.lang / f"{target.chapter}.md"
    source_path = edition_dir / source / f"{target.chapter}.md"
    if not path.exists():
        hint = f"translate {project.show(source_path)} first" if explicit else ""
        return [Problem(project.show(path), 0, "translation not found: nothing to record", hint)]
    if not source_path.exists():
        return [
            Problem(
                project.show(source_path),
                0,
                "source chapter not found",
                "restore it: its fingerprint is what gets recorded",
            )
        ]
    if split_front_matter(path.read_text(encoding="utf-8"))[0] is None:
        hint = "start the file with a '---' block holding at least 'title:'"
        return [Problem(project.show(path), 1, "no header", hint)]
    return structure_problems(project, source_path, path)


def structure_problems(project: Project, source_path: Path, path: Path) -> list[Problem]:
    """Why a translation cannot be recorded segment by segment: its segments are not the source's."""
    source, translation = read(source_path), read(path)
    assert source is not None and translation is not None
    theirs = [s.kind for s in source.segments]
    ours = [s.kind for s in translation.segments]
    if theirs == ours:
        return []
    at = next((i for i, (a, b) in enumerate(zip(theirs, ours, strict=False)) if a != b), min(len(theirs), len(ours)))
    line = 1
    if at < len(translation.segments) and translation.segments[at].start >= 0:
        header_lines = (translation.header or "").count("\n") + 2 if translation.header is not None else 0
        line = header_lines + translation.segments[at].start + 1
    what = f"{len(ours)} segments where the source has {len(theirs)}" if len(theirs) != len(ours) else "segments"
    hint = (
        f"segment {at + 1} is {theirs[at] if at < len(theirs) else 'nothing'} in the source but "
        f"{ours[at] if at < len(ours) else 'nothing'} here: keep the source's paragraphs, headings, "
        "quotations and markers, one for one"
    )
    return [Problem(project.show(path), line, f"the translation does not follow the source's structure: {what}", hint)]


def record(project: Project, target: Target) -> int:
    """Record that every segment of target translates the current source; the number of segments."""
    edition_dir = project.content / target.slug
    _, source = chapter_ids(project, edition_dir)
    if target.chapter == edition.EDITION:
        return edition.record_strings(project, target.slug, source, target.lang)
    return record_chapter(project, target.slug, source, target.lang, target.chapter)


CONTEXT = 8  # words shown on each side of a change


def word_diff(old: str, new: str) -> str:
    """new, with the words removed since old as [-...-] and the words added as {+...+} (git's --word-diff);
    long unchanged stretches are shortened to … with CONTEXT words around each change."""
    a, b = normalise(old).split(" "), normalise(new).split(" ")
    out: list[str] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            same = a[i1:i2]
            first, last = i1 == 0 and j1 == 0, i2 == len(a) and j2 == len(b)  # nothing changed before, after
            keep_before, keep_after = (0 if first else CONTEXT), (0 if last else CONTEXT)
            if len(same) > keep_before + keep_after + 1:
                out += [*same[:keep_before], "…", *same[len(same) - keep_after :]]
            else:
                out += same
            continue
        if i2 > i1:
            out.append("[-" + " ".join(a[i1:i2]) + "-]")
        if j2 > j1:
            out.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(out)


def format_diff(slug: str, status: LanguageStatus) -> str:
    """Each outdated segment: the old source, the new source as a word diff, and the translation."""
    blocks = []
    for chapter in status.chapters:
        for state in chapter.states:
            if state.state != OUTDATED:
                continue
            seg = state.segment
            kind = f"in {edition.where(seg.id, status.lang)}" if chapter.chapter == edition.EDITION else seg.kind
            blocks.append(
                f"{slug}/{status.lang}/{chapter.chapter} {seg.id} ({kind}): outdated\n"
                f"  old source:  {normalise(state.old_source)}\n"
                f"  new source:  {word_diff(state.old_source, seg.text)}\n"
                f"  translation: {normalise(state.translation)}"
            )
    count = len(blocks)
    summary = f"{count} outdated segment{'s' if count != 1 else ''} in {slug}/{status.lang}"
    if count:
        where = " ".join(f"{slug}/{status.lang}/{c.chapter}" for c in status.chapters if c.count(OUTDATED))
        summary += (
            ". To update them:\n"
            f"  in the files (Markdown, edition.yaml, strings): edit them, then pocketpress status --record {where}\n"
            f"  in Poedit, Weblate or OmegaT: pocketpress translate export --edition {slug} --lang {status.lang} "
            "(they are marked fuzzy), then pocketpress translate import FILE..."
        )
    blocks.append(summary)
    return "\n\n".join(blocks)
