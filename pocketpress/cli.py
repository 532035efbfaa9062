"""The `pocketpress` command."""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import importlib
import signal
import sys
import traceback
from pathlib import Path

from .console import EXIT_BAD_INPUT, report_problems
from .errors import BuildError, ContentError

# The command modules (pocketpress/commands/), by command name. Only the module of the command that
# runs is imported: `build` starts without the schema, importers and PDF libraries the others need
# (a no-op build takes a third of the time). `--help` and mistakes import them all.
COMMANDS = {
    "build": "build",
    "status": "status",
    "check": "check",
    "import": "importing",
    "translate": "translate",
    "preview": "preview",
}


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


EXIT_ENVIRONMENT = 1  # the machine, not the content: a full disk, a read-only build folder
EXIT_INTERNAL = 70  # a bug in pocketpress (EX_SOFTWARE)
EXIT_INTERRUPTED = 130  # Ctrl-C
EXIT_TERMINATED = 143  # SIGTERM
CRASH_LOG = "pocketpress-crash.log"
OUTPUTS_KEPT = "the previous outputs are unchanged"


class Terminated(KeyboardInterrupt):
    """SIGTERM, handled as Ctrl-C is: temporary files removed, each output complete-old or complete-new."""


def _terminate(signum, frame) -> None:
    raise Terminated()


def main(argv: list[str] | None = None) -> int:
    args = build_parser(command_in(argv)).parse_args(argv)
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        return args.func(args)
    except ContentError as exc:
        report_problems(exc.problems)
        return EXIT_BAD_INPUT
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt as exc:
        print("interrupted: each output is either as it was before or complete and new", file=sys.stderr)
        return EXIT_TERMINATED if isinstance(exc, Terminated) else EXIT_INTERRUPTED
    except OSError as exc:
        print(f"error: {os_error(exc)} ({OUTPUTS_KEPT})", file=sys.stderr)
        return EXIT_ENVIRONMENT
    except Exception:
        log = crash_log(args)
        print(
            f"internal error in pocketpress: please report this bug with the file {log} "
            "(it holds the details; your files are not at fault)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
    finally:
        signal.signal(signal.SIGTERM, previous)


def os_error(exc: OSError) -> str:
    """One line for an error of the machine: what could not be done to which file, and why."""
    reason = {
        errno.ENOSPC: "the disk is full",
        errno.EROFS: "the build folder is on a read-only file system",
        errno.EACCES: "permission denied",
        errno.EDQUOT: "the disk quota is used up",
    }.get(exc.errno or 0, exc.strerror or str(exc))
    where = f"cannot write {exc.filename}: " if exc.filename else ""
    return where + reason


def crash_log(args) -> str:
    """Write the traceback to <build>/pocketpress-crash.log (else the temporary folder); its path."""
    text = f"pocketpress crash, {dt.datetime.now(dt.UTC).isoformat()}\nargv: {sys.argv}\n{traceback.format_exc()}"
    project = Path(getattr(args, "project", ".") or ".")
    folders = [Path(args.out) if getattr(args, "out", None) else project / "build", Path(tempfile_dir())]
    for folder in folders:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            (folder / CRASH_LOG).write_text(text, encoding="utf-8")
            return str(folder / CRASH_LOG)
        except OSError:
            continue
    return "(none: no folder could be written)"


def tempfile_dir() -> str:
    import tempfile

    return tempfile.gettempdir()


if __name__ == "__main__":
    sys.exit(main())
