"""`pocketpress build`: editions to build/<edition>-<lang>.<format>."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..build import DEFAULT_TIMEOUT, TIMEOUT_ENV, Result, Workers, plan, results_in_order
from ..console import EXIT_BAD_INPUT, report_problems, split_csv
from ..errors import Problem, choices_hint
from ..formats import DEFAULT, NAMES, help_text
from ..outputs import build_lock
from ..project import Project
from ..selection import selection_problems


def add_parser(sub) -> None:
    parser = sub.add_parser(
        "build",
        help="build editions to build/<edition>-<lang>.<format>",
        description="Build editions. Formats:\n" + help_text(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("formats", nargs="*", help=f"{', '.join(NAMES)} (default: {DEFAULT})")
    parser.add_argument("--edition", action="append", help="only these editions (slugs, comma-separated)")
    parser.add_argument(
        "--langs", action="append", help="only these languages (comma-separated); builds partial ones too"
    )
    parser.add_argument("--force", action="store_true", help="rebuild even if nothing changed")
    parser.add_argument("--jobs", type=int, default=None, help="parallel processes (default: one per core)")
    parser.add_argument(
        "--strict", action="store_true", help="fail on renderer warnings, and on outdated translations before building"
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=None,
        help=f"seconds one output may take (default: ${TIMEOUT_ENV} or {DEFAULT_TIMEOUT:g}; 0: no limit)",
    )
    parser.set_defaults(func=cmd_build)


def format_problems(formats: list[str]) -> list[Problem]:
    """An unknown format, with the closest known one and the list of formats."""
    return [
        Problem(
            "pocketpress build",
            0,
            f"unknown format '{fmt}'",
            choices_hint(fmt, NAMES, "formats"),
        )
        for fmt in formats
        if fmt not in NAMES
    ]


def cmd_build(args) -> int:
    project = Project(Path(args.project).resolve(), Path(args.out).resolve() if args.out else None)
    formats = split_csv(args.formats) or [DEFAULT]
    editions, langs = split_csv(args.edition), split_csv(args.langs)
    problems = format_problems(formats) + selection_problems(project, editions, langs)
    if problems:
        report_problems(problems)
        return EXIT_BAD_INPUT
    before = os.environ.get(TIMEOUT_ENV)
    if args.timeout is not None:
        os.environ[TIMEOUT_ENV] = str(args.timeout)  # read by each job, in the workers too (they start below)
    try:
        with Workers(args.jobs) as workers:
            return build(project, formats, editions, langs, args, workers)
    finally:
        if before is None:
            os.environ.pop(TIMEOUT_ENV, None)
        else:
            os.environ[TIMEOUT_ENV] = before


def build(project: Project, formats, editions, langs, args, workers: Workers) -> int:
    the_plan = plan(project, formats, editions, langs, force=args.force, before_loading=workers.start)
    if the_plan.problems:
        report_problems(the_plan.problems)
        return EXIT_BAD_INPUT
    if the_plan.outdated and args.strict:
        hint = "update the translation, then: pocketpress status --record EDITION/LANG; or build without --strict"
        report_problems([Problem("pocketpress build --strict", 0, w, hint) for w in the_plan.outdated])
        return EXIT_BAD_INPUT
    for warning in dict.fromkeys(the_plan.outdated + the_plan.warnings):
        print(f"warning: {warning}", file=sys.stderr)
    if not the_plan.jobs and the_plan.done:
        for r in the_plan.done:
            if r.status != "up to date":
                print_result(r)
        print("Nothing to do: every output is up to date.")
        return 0
    results = sorted(the_plan.done, key=lambda r: r.output)
    for r in results:
        print_result(r)
    # Only one build writes into a build folder at a time (planning writes nothing but atomic records).
    with build_lock(project.build, project.show(project.build)):
        for r in results_in_order(project, the_plan.jobs, workers):
            print_result(r)
            results.append(r)
    return summarize(results, strict=args.strict, warned=bool(the_plan.warnings or the_plan.outdated))


def print_result(r: Result) -> None:
    timing = f", {r.seconds:.1f} s" if r.seconds else ""
    detail = f" ({r.detail}{timing})" if r.status == "built" else (f": {r.detail}" if r.detail else "")
    print(f"{r.status:<11} {r.output}{detail}", flush=True)
    for warning in r.warnings:
        print(f"  warning: {warning}", file=sys.stderr)


def summarize(results: list[Result], strict: bool = False, warned: bool = False) -> int:
    counts = {s: sum(r.status == s for r in results) for s in ("built", "up to date", "skipped", "failed")}
    layouts = sum(r.layouts for r in results)
    made = f" ({layouts} WeasyPrint layout{'s' if layouts != 1 else ''})" if counts["built"] else ""
    print("Summary: " + ", ".join(f"{n} {s}" for s, n in counts.items()) + made + ".")
    warned = warned or any(r.warnings for r in results)
    return EXIT_BAD_INPUT if counts["failed"] or (strict and warned) else 0
