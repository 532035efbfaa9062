"""The `pocketpress` command."""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from .errors import BuildError, ContentError

EXIT_BAD_INPUT = 2
# Modules that add sub-commands: each has add_parser(subparsers).
COMMAND_MODULES = ("importers", "status", "printing")


def split_csv(values: list[str] | None) -> list[str] | None:
    """['en,uk', 'es'] -> ['en', 'uk', 'es']; None when nothing is given."""
    if not values:
        return None
    items = [v.strip() for value in values for v in value.split(",") if v.strip()]
    return items or None


def cmd_build(args) -> int:
    from .build import plan, results_in_order
    from .loader import Project

    project = Project(Path(args.project).resolve(), Path(args.out).resolve() if args.out else None)
    formats = split_csv(args.formats) or ["pdf"]
    the_plan = plan(project, formats, split_csv(args.edition), split_csv(args.langs), force=args.force)
    if the_plan.problems:
        report_problems(the_plan.problems)
        return EXIT_BAD_INPUT
    if not the_plan.jobs and the_plan.done:
        for r in the_plan.done:
            if r.status != "up to date":
                print_result(r)
        print("Nothing to do: every output is up to date.")
        return 0
    results = sorted(the_plan.done, key=lambda r: r.output)
    for r in results:
        print_result(r)
    for r in results_in_order(project, the_plan.jobs, args.jobs):
        print_result(r)
        results.append(r)
    return summarize(results, strict=args.strict)


def report_problems(problems) -> None:
    for problem in sorted(set(problems)):
        print(problem, file=sys.stderr)
    print(f"{len(set(problems))} problem(s) found; nothing was written.", file=sys.stderr)


def print_result(r) -> None:
    timing = f", {r.seconds:.1f} s" if r.seconds else ""
    detail = f" ({r.detail}{timing})" if r.status == "built" else (f": {r.detail}" if r.detail else "")
    print(f"{r.status:<11} {r.output}{detail}", flush=True)
    for warning in r.warnings:
        print(f"  warning: {warning}", file=sys.stderr)


def summarize(results, strict: bool = False) -> int:
    counts = {s: sum(r.status == s for r in results) for s in ("built", "up to date", "skipped", "failed")}
    print("Summary: " + ", ".join(f"{n} {s}" for s, n in counts.items()) + ".")
    warned = any(r.warnings for r in results)
    return EXIT_BAD_INPUT if counts["failed"] or (strict and warned) else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pocketpress", description=__doc__)
    parser.add_argument("--project", default=".", help="project folder (with content/, layouts/, styles/)")
    parser.add_argument("--out", default=None, help="build folder (default: <project>/build)")
    sub = parser.add_subparsers(dest="command", required=True)

    build = sub.add_parser("build", help="build editions to build/<edition>-<lang>.<format>")
    build.add_argument("formats", nargs="*", help="pdf, epub, html, print, booklet, proof (default: pdf)")
    build.add_argument("--edition", action="append", help="only these editions (slugs, comma-separated)")
    build.add_argument(
        "--langs", action="append", help="only these languages (comma-separated); builds partial ones too"
    )
    build.add_argument("--force", action="store_true", help="rebuild even if nothing changed")
    build.add_argument("--jobs", type=int, default=None, help="parallel processes (default: one per core)")
    build.add_argument("--strict", action="store_true", help="fail on renderer warnings")
    build.set_defaults(func=cmd_build)

    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"pocketpress.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"pocketpress.{name}":
                raise
            continue
        module.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except ContentError as exc:
        report_problems(exc.problems)
        return EXIT_BAD_INPUT
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
