"""`pocketpress import`: raw text (an extracted pocket edition, numbered threads) to an edition folder."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from ..console import EXIT_BAD_INPUT
from ..importers import SLUG
from ..importers.common import Edition, ImportFailure, Report
from ..importers.writer import write_edition
from ..languages import LanguagesError

EXIT_OK = 0


def add_parser(subparsers) -> None:
    """Register `import extracted` and `import threads` on an argparse subparsers object."""
    parser = subparsers.add_parser("import", help="turn raw text into an edition folder", description=__doc__)
    kinds = parser.add_subparsers(dest="kind", required=True)
    extracted = kinds.add_parser("extracted", help="text extracted from a finished pocket edition")
    threads = kinds.add_parser("threads", help="numbered social-media threads (1/ 2/ ... /end)")
    for sub in (extracted, threads):
        sub.add_argument("file", metavar="FILE", help="the raw text (UTF-8)")
        sub.add_argument("--edition", required=True, help="slug of the new edition, e.g. voices-from-ukraine")
        sub.add_argument("--lang", required=True, help="language of the text, e.g. en")
        sub.add_argument("--into", default=None, help="content folder (default: content/ of the project)")
        sub.add_argument("--force", action="store_true", help="overwrite an existing edition")
    threads.add_argument(
        "--date", type=_iso_date, default=None, help="edition date YYYY-MM-DD (default: today); threads carry no dates"
    )
    parser.set_defaults(func=run)


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {text!r} (use YYYY-MM-DD)") from None


def run(args) -> int:
    """Import, write the edition, print the report; 0 if done, 2 on bad input or a refusal."""
    root = Path(getattr(args, "project", None) or ".")
    into = Path(args.into) if args.into else root / "content"
    try:
        if not SLUG.fullmatch(args.edition):
            raise ImportFailure(f"edition slug {args.edition!r}: use lower-case letters, digits and hyphens")
        edition, report = read(args, root / "layouts")
        report.notes += write_edition(edition, into / args.edition, args.lang, args.force, root / "layouts")
    except ImportFailure as exc:
        print(f"{args.file}: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except LanguagesError as exc:
        print(exc, file=sys.stderr)
        return EXIT_BAD_INPUT
    print("\n".join(report.lines(edition)))
    print(f"Wrote {into / args.edition} ({args.lang}).")
    return EXIT_OK


def read(args: argparse.Namespace, layouts: Path | None = None) -> tuple[Edition, Report]:
    """Import args.file; the language data from layouts/languages.yaml when there is one (else the toolkit's)."""
    # deferred: both importers load wordfreq's word lists, slow to load, which the other commands do not need
    from ..importers.extracted import import_extracted
    from ..importers.threads import import_threads

    path = Path(args.file)
    if args.kind == "extracted":
        return import_extracted(path, args.lang, layouts)
    return import_threads(path, args.lang, args.date or dt.date.today(), args.edition, layouts)
