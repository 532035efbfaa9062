"""`pocketpress status`: which chapters of each language are translated, missing or outdated.

A translation records the fingerprint of the source chapter it was made from
(`translated_from:` in its header). When the source file changes, its fingerprint
changes and the translation is reported outdated. `pocketpress status --record`
writes the current fingerprints into translations that are up to date again.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from .loader import Project, editions, fingerprint, languages, read_chapter_file, split_front_matter

TRANSLATED, MISSING, OUTDATED, UNRECORDED, SOURCE = "translated", "missing", "outdated", "no record", "source"


@dataclass(frozen=True)
class Row:
    chapter: str
    states: dict[str, str]


def chapter_ids(edition_dir: Path) -> tuple[list[str], str]:
    data = yaml.safe_load((edition_dir / "edition.yaml").read_text(encoding="utf-8")) or {}
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
    ids, source = chapter_ids(edition_dir)
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


def record(project: Project, slug: str, lang: str, cid: str) -> str:
    """Write the source chapter's current fingerprint into the translation's header."""
    edition_dir = project.content / slug
    _, source = chapter_ids(edition_dir)
    path = edition_dir / lang / f"{cid}.md"
    value = fingerprint(edition_dir / source / f"{cid}.md")
    text = path.read_text(encoding="utf-8")
    header, body, _ = split_front_matter(text)
    if header is None:
        raise SystemExit(f"{project.show(path)}: no header to record in")
    if re.search(r"^translated_from:.*$", header, re.M):
        header = re.sub(r"^translated_from:.*$", f"translated_from: {value}", header, flags=re.M)
    else:
        header = header.rstrip("\n") + f"\ntranslated_from: {value}\n"
    path.write_text(f"---\n{header}---\n{body}", encoding="utf-8")
    return value


def cmd_status(args) -> int:
    project = Project(Path(args.project).resolve())
    from .cli import split_csv

    langs = split_csv(args.langs)
    slugs = split_csv(args.edition) or editions(project)
    if args.record:
        for item in args.record:
            slug, lang, cid = item.split("/")
            print(f"{item}: translated_from {record(project, slug, lang, cid)}")
        return 0
    incomplete = False
    for slug in slugs:
        columns, rows = edition_status(project, slug, langs)
        print(format_table(slug, columns, rows))
        incomplete |= any(s in (MISSING, OUTDATED, UNRECORDED) for r in rows for s in r.states.values())
    if incomplete:
        print("Some translations are missing or outdated.", file=sys.stderr)
    return 1 if incomplete else 0


def add_parser(sub) -> None:
    parser = sub.add_parser("status", help="translation status of every edition and language")
    parser.add_argument("--edition", action="append", help="only these editions")
    parser.add_argument("--langs", action="append", help="only these languages")
    parser.add_argument(
        "--record",
        action="append",
        metavar="EDITION/LANG/CHAPTER",
        help="record that this translation matches the current source (writes translated_from)",
    )
    parser.set_defaults(func=cmd_status)
