"""The `pocketpress` command."""

from __future__ import annotations

import argparse
import sys

from .commands import build, check, importing, status
from .console import EXIT_BAD_INPUT, report_problems
from .errors import BuildError, ContentError

COMMANDS = (build, status, check, importing)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pocketpress", description=__doc__)
    parser.add_argument("--project", default=".", help="project folder (with content/, layouts/, styles/)")
    parser.add_argument("--out", default=None, help="build folder (default: <project>/build)")
    sub = parser.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        command.add_parser(sub)
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
