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
    pdf = kinds.add_parser("pdf", help="the PDF of an old pocket edition")
    for sub in (extracted, threads, pdf):
        sub.add_argument("file", metavar="FILE", help="the raw text (UTF-8)")
        sub.add_argument("--edition", required=sub is not pdf, help="slug of the new edition, e.g. voices-from-ukraine")
        sub.add_argument(
            "--lang", default=None, help="language of the text, e.g. en (default: detected from the text, and said)"
        )
        sub.add_argument("--into", default=None, help="content folder (default: content/ of the project)")
        sub.add_argument(
            "--force",
            action="store_true",
            help="overwrite an existing edition, and import even with unclassified lines (marked TODO in the Markdown)",
        )
    pdf.add_argument(
        "--text", action="store_true", help="print the text read from the PDF (the report's line numbers) and stop"
    )
    for sub in (extracted, pdf):
        sub.add_argument(
            "--caption",
            default=None,
            metavar="WORDS",
            help="more words that mark a caption, comma-separated (the language's are in layouts/languages.yaml)",
        )
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
        if args.kind == "pdf" and args.text:
            from ..importers.pdf import pdf_text

            print(pdf_text(Path(args.file)), end="")
            return EXIT_OK
        if not args.edition:
            raise ImportFailure("--edition is required: the slug of the new edition, e.g. voices-from-ukraine")
        if not SLUG.fullmatch(args.edition):
            raise ImportFailure(f"edition slug {args.edition!r}: use lower-case letters, digits and hyphens")
        if not args.lang:
            args.lang = detect(Path(args.file), root / "layouts")
        edition, report = read(args, root / "layouts")
        if report.unclassified and not args.force:
            print("\n".join(report.lines(edition)))
            raise ImportFailure(
                f"{len(report.unclassified)} line(s) not recognised (listed above): correct the text, or pass --force "
                "to import them as paragraphs marked TODO"
            )
        mark_todos(edition, report)
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


def detect(path: Path, layouts: Path) -> str:
    """The language of the text, among those of layouts/languages.yaml; says what it found."""
    from ..importers.common import read_lines
    from ..importers.detect import detect_language
    from ..languages import for_import

    candidates = sorted(for_import(layouts).entries)
    if path.suffix.lower() == ".pdf":
        from ..importers.pdf import pdf_text

        text = pdf_text(path)
    else:
        text = "\n".join(read_lines(path))
    lang, scores = detect_language(text, candidates)
    ranked = sorted(scores, key=lambda name: -scores[name])[:3]
    print(
        f"language: detected {lang} ({', '.join(f'{name} {scores[name]:.1f}' for name in ranked)}); "
        f"pass --lang to choose another"
    )
    return lang


def mark_todos(edition: Edition, report: Report) -> None:
    """A TODO comment above each paragraph made of an unclassified line (imported with --force);
    the build reports them as warnings until the editor deletes them."""
    todos = {line: "the importer did not recognise this line; make it a heading, a paragraph or delete it"
             for line, _ in report.unclassified}  # fmt: skip
    todos.update(report.todos)
    for chapter in edition.chapters:
        for block in chapter.blocks:
            if block.line in todos:
                block.todo = f"input line {block.line}: {todos[block.line]}"
    placed = {b.line for ch in edition.chapters for b in ch.blocks if b.todo}
    for line, text in report.unclassified:
        if line not in placed:
            report.notes.append(f"line {line}: left out (not recognised): {text[:70]}")


def read(args: argparse.Namespace, layouts: Path | None = None) -> tuple[Edition, Report]:
    """Import args.file; the language data from layouts/languages.yaml when there is one (else the toolkit's)."""
    # deferred: both importers load wordfreq's word lists, slow to load, which the other commands do not need
    from ..importers.extracted import import_extracted
    from ..importers.threads import import_threads

    path = Path(args.file)
    if args.kind == "pdf":
        from ..importers.pdf import import_pdf

        return import_pdf(path, args.lang, layouts, [w for w in (args.caption or "").split(",") if w.strip()])
    if args.kind == "extracted":
        caption = [w for w in (args.caption or "").split(",") if w.strip()]
        return import_extracted(path, args.lang, layouts, caption)
    return import_threads(path, args.lang, args.date or dt.date.today(), args.edition, layouts)
