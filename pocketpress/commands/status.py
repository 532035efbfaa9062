"""`pocketpress status`: the translation table, and `--record` of translations that are current again."""

from __future__ import annotations

import sys
from pathlib import Path

from ..console import EXIT_BAD_INPUT, report_problems, split_csv
from ..errors import Problem
from ..project import Project, editions
from ..selection import selection_problems
from ..status import (
    EDITION,
    RECORD_FORMS,
    Target,
    edition_status,
    format_diff,
    format_table,
    language_status,
    record,
    record_targets,
)


def add_parser(sub) -> None:
    parser = sub.add_parser("status", help="translation status of every edition and language")
    parser.add_argument("--edition", action="append", help="only these editions")
    parser.add_argument("--langs", action="append", help="only these languages")
    parser.add_argument(
        "--record",
        action="extend",
        nargs="*",
        metavar="WHAT",
        help=f"record that translations match the current source (writes translated_from); WHAT is {RECORD_FORMS}",
    )
    parser.add_argument(
        "--all", action="store_true", help="with --record: every translation of the selection (--edition, --langs)"
    )
    parser.add_argument(
        "--diff",
        metavar="EDITION/LANG[/CHAPTER]",
        help="show each outdated segment: the old source, the new source as a word diff, and the translation",
    )
    parser.set_defaults(func=cmd_status)


def cmd_status(args) -> int:
    project = Project(Path(args.project).resolve())
    edition_filter, langs = split_csv(args.edition), split_csv(args.langs)
    problems = selection_problems(project, edition_filter, langs)
    if args.all and args.record is None:
        problems.append(
            Problem("pocketpress status", 0, "--all goes with --record", "pocketpress status --record --all")
        )
    if problems:
        report_problems(problems)
        return EXIT_BAD_INPUT
    slugs = edition_filter or editions(project)
    if args.record is not None:
        return cmd_record(project, args.record, slugs if args.all else [], langs)
    if args.diff:
        return cmd_diff(project, args.diff)
    incomplete = False
    for slug in slugs:
        source, statuses = edition_status(project, slug, langs)
        print(format_table(slug, source, statuses))
        incomplete |= not all(s.clean for s in statuses)
    if incomplete:
        print("Some translations are missing or outdated.", file=sys.stderr)
    return 1 if incomplete else 0


def cmd_record(project: Project, items: list[str], every: list[str], langs: list[str] | None) -> int:
    """Record what items name, and every translation (in langs) of the editions in every; nothing if a problem."""
    if not items and not every:
        hint = f"name {RECORD_FORMS}, or add --all"
        report_problems([Problem("pocketpress status", 0, "--record: nothing named to record", hint)])
        return EXIT_BAD_INPUT
    targets: list[Target] = []
    problems: list[Problem] = []
    for item, selected in [(item, False) for item in items] + [(slug, True) for slug in every]:
        found, wrong = record_targets(project, item, langs if selected else None)
        targets += found
        problems += wrong
    if problems:
        report_problems(problems)
        return EXIT_BAD_INPUT
    for target in sorted(set(targets)):
        what = "strings" if target.chapter == EDITION else "segments"
        print(f"{target}: {record(project, target)} {what} recorded as translated")
    if not targets:
        print("Nothing to record: no translated chapter in this selection.")
    return 0


def cmd_diff(project: Project, item: str) -> int:
    """What changed in the source of each outdated segment of a language or chapter; 1 if any."""
    parts = item.strip("/").split("/")
    if len(parts) not in (2, 3):
        hint = "e.g. pocketpress status --diff voices-from-ukraine/uk"
        report_problems([Problem("pocketpress status", 0, f"--diff '{item}': not EDITION/LANG[/CHAPTER]", hint)])
        return EXIT_BAD_INPUT
    _, problems = record_targets(project, item)
    problems = [p for p in problems if "nothing to record" not in p.message or len(parts) == 2]
    if problems:
        report_problems(problems)
        return EXIT_BAD_INPUT
    status = language_status(project, parts[0], parts[1], parts[2] if len(parts) == 3 else None)
    print(format_diff(parts[0], status))
    return 0 if status.clean else 1
