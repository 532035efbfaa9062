"""The `pocketpress` command."""

from __future__ import annotations

import argparse
import importlib
import sys

from .console import EXIT_BAD_INPUT, report_problems
from .errors import BuildError, ContentError

# The command modules (pocketpress/commands/), by command name. Only the module of the command that
# runs is imported: `build` starts without the schema, importers and PDF libraries the others need
# (a no-op build takes a third of the time). `--help` and mistakes import them all.
COMMANDS = {"build": "build", "status": "status", "check": "check", "import": "importing", "preview": "preview"}


def global_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--project", default=".", help="project folder (with content/, layouts/, styles/)")
    parser.add_argument("--out", default=None, help="build folder (default: <project>/build)")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser with every command, or with the named one only."""
    parser = argparse.ArgumentParser(prog="pocketpress", description=__doc__)
    global_options(parser)
    sub = parser.add_subparsers(dest="command", required=True)
    for name, module in COMMANDS.items():
        if only in (None, name):
            importlib.import_module(f"{__package__}.commands.{module}").add_parser(sub)
    return parser


def command_in(argv: list[str] | None) -> str | None:
    """The command argv names, if it is a known one."""
    first = argparse.ArgumentParser(add_help=False)
    global_options(first)
    first.add_argument("command", nargs="?")
    known, _ = first.parse_known_args(argv)
    return known.command if known.command in COMMANDS else None


def main(argv: list[str] | None = None) -> int:
    args = build_parser(command_in(argv)).parse_args(argv)
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
