"""`pocketpress preview`: the booklet's pages in a browser, laid out again on every save."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

from ..console import EXIT_BAD_INPUT, report_problems
from ..errors import Problem, choices_hint
from ..project import Project, editions, languages
from ..selection import selection_problems


def add_parser(sub) -> None:
    parser = sub.add_parser(
        "preview",
        help="live preview of the printed pages in a browser (http://127.0.0.1:8000/), rebuilt on every save",
        description="Serve the printed pages of one edition on 127.0.0.1 and lay them out again whenever "
        "a file of the edition, a layout or a style is saved. Stop with Ctrl-C.",
    )
    parser.add_argument("--edition", help="the edition (default: the first one, or the only one)")
    parser.add_argument("--lang", help="the language shown first (default: the edition's source language)")
    parser.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default 8000; 0: any free port)")
    parser.add_argument(
        "--no-check",
        action="store_true",
        help="do not lay the whole book out in the background to check the chapter-by-chapter draft",
    )
    parser.set_defaults(func=cmd_preview)


def cmd_preview(args) -> int:
    project = Project(Path(args.project).resolve(), Path(args.out).resolve() if args.out else None)
    known = editions(project)
    slug = args.edition or (known[0] if known else "")
    problems = selection_problems(project, [slug] if slug else None, [args.lang] if args.lang else None)
    if not known:
        problems.append(
            Problem(project.show(project.content), 0, "no edition", "an edition is a folder with an edition.yaml")
        )
    if problems:
        report_problems(problems)
        return EXIT_BAD_INPUT
    langs = languages(project.content / slug)
    first = args.lang or source_language(project, slug, langs)
    if first not in langs:
        report_problems(
            [
                Problem(
                    project.show(project.content / slug),
                    0,
                    f"no language '{first}'",
                    choices_hint(first, langs, "languages"),
                )
            ]
        )
        return EXIT_BAD_INPUT

    from ..preview.server import Preview, run

    def log(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    preview = Preview(project, slug, langs, first, log, check=not args.no_check)
    signal.signal(signal.SIGTERM, interrupted)  # `kill` stops it as Ctrl-C does, with its check process
    try:
        run(preview, args.port, lambda address: print(f"Preview of {slug} at {address}; stop with Ctrl-C", flush=True))
    except OSError as exc:
        print(
            f"error: cannot listen on 127.0.0.1:{args.port}: {exc.strerror} (try --port 0 for any free port)",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("Preview stopped.", flush=True)
    return 0


def interrupted(_signal, _frame) -> None:
    raise KeyboardInterrupt


def source_language(project: Project, slug: str, langs: list[str]) -> str:
    """The edition's source language when it has a folder, else its first language."""
    import re

    text = (project.content / slug / "edition.yaml").read_text(encoding="utf-8", errors="replace")
    found = re.search(r"^source_language:\s*['\"]?([\w-]+)", text, re.M)
    return found.group(1) if found and found.group(1) in langs else (langs[0] if langs else "")
