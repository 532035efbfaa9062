"""`pocketpress status`: which chapters of each language are translated, missing or outdated.

A translation records the fingerprint of the source chapter it was made from
(`translated_from:` in its header). When the source file changes, its fingerprint
changes and the translation is reported outdated. `pocketpress status --record`
writes the current fingerprints into translations that are up to date again.
This module computes and records; commands/status.py prints.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import ContentError, Problem, choices_hint
from .loader import fingerprint, read_chapter_file, split_front_matter
from .project import Project, editions, languages
from .yamlsource import load_yaml

TRANSLATED, MISSING, OUTDATED, UNRECORDED, SOURCE = "translated", "missing", "outdated", "no record", "source"


@dataclass(frozen=True)
class Row:
    chapter: str
    states: dict[str, str]


def chapter_ids(project: Project, edition_dir: Path) -> tuple[list[str], str]:
    """The chapter ids of an edition, introduction first, and its source language."""
    path = edition_dir / "edition.yaml"
    located, problems = load_yaml(path.read_text(encoding="utf-8"), project.show(path))
    if located is None:
        raise ContentError(problems)
    data = located.data if isinstance(located.data, dict) else {}
    ids = [data["introduction"]] if data.get("introduction") else []
    ids += [c.get("id") for c in data.get("chapters") or [] if isinstance(c, dict)]
    return [i for i in ids if i], str(data.get("source_language", "en"))


def state_of(project: Project, edition_dir: Path, source: str, lang: str, cid: str) -> str:
    if lang == source:
        return SOURCE
    path = edition_dir / lang / f"{cid}.md"
    if not path.exists():
        return MISSING
    header, _, _ = read_chapter_file(path, project)
    recorded = header.translated_from if header else None
    if not recorded:
        return UNRECORDED
    source_path = edition_dir / source / f"{cid}.md"
    return TRANSLATED if source_path.exists() and fingerprint(source_path) == recorded else OUTDATED


def edition_status(project: Project, slug: str, langs: list[str] | None) -> tuple[list[str], list[Row]]:
    edition_dir = project.content / slug
    ids, source = chapter_ids(project, edition_dir)
    columns = [lang for lang in languages(edition_dir) if not langs or lang in langs or lang == source]
    columns.sort(key=lambda lang: (lang != source, lang))
    rows = [Row(cid, {lang: state_of(project, edition_dir, source, lang, cid) for lang in columns}) for cid in ids]
    return columns, rows


def format_table(slug: str, columns: list[str], rows: list[Row]) -> str:
    width = max([len("chapter")] + [len(r.chapter) for r in rows])
    col = max([len(s) for s in (TRANSLATED, MISSING, OUTDATED, UNRECORDED)])
    lines = [slug, "  " + "chapter".ljust(width) + "".join(f"  {c:<{col}}" for c in columns)]
    for row in rows:
        lines.append("  " + row.chapter.ljust(width) + "".join(f"  {row.states[c]:<{col}}" for c in columns))
    for lang in columns:
        states = [r.states[lang] for r in rows]
        if SOURCE in states:
            continue
        done = states.count(TRANSLATED)
        lines.append(
            f"  {lang}: {done} of {len(states)} translated"
            + "".join(f", {states.count(s)} {s}" for s in (MISSING, OUTDATED, UNRECORDED) if s in states)
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


RECORD_FORMS = "EDITION, EDITION/LANG or EDITION/LANG/CHAPTER"


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
    if len(parts) == 3:
        if parts[2] not in ids:
            hint = choices_hint(parts[2], ids, "chapters")
            return [], [
                Problem(project.show(edition_dir / "edition.yaml"), 0, f"no chapter '{parts[2]}' in {slug}", hint)
            ]
        target = Target(slug, parts[1], parts[2])
        return [target], record_problems(project, source, target, explicit=True)
    targets, problems = [], []
    for lang in langs:
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
        return [Problem(project.show(path), 1, "no header to record in", hint)]
    return []


def record(project: Project, target: Target) -> str:
    """Write the source chapter's current fingerprint into the translation's header; return it."""
    edition_dir = project.content / target.slug
    _, source = chapter_ids(project, edition_dir)
    path = edition_dir / target.lang / f"{target.chapter}.md"
    value = fingerprint(edition_dir / source / f"{target.chapter}.md")
    header, body, _ = split_front_matter(path.read_text(encoding="utf-8"))
    if header is None:
        raise ContentError([Problem(project.show(path), 1, "no header to record in")])
    if re.search(r"^translated_from:.*$", header, re.M):
        header = re.sub(r"^translated_from:.*$", f"translated_from: {value}", header, flags=re.M)
    else:
        header = header.rstrip("\n") + f"\ntranslated_from: {value}\n"
    path.write_text(f"---\n{header}---\n{body}", encoding="utf-8")
    return value
