"""`pocketpress check`: preflight of the PDFs in build/, before they go to a printer.

For every selected edition and language, each built PDF that exists
(<name>.pdf, <name>-print.pdf, <name>-booklet.pdf) is read back and checked
(printing/pdfchecks.py), and the edition is laid out again (printing/preflight.py)
for WeasyPrint's warnings, text beyond the margins, and the faults of its pages, each
with its page number (printing/pagecheck.py: widows, orphans, headings alone at a page
foot, hyphens ending a right-hand page, one-line last pages, lines over 3x loose).
Exit status 2 when anything is an error (or, with --strict, a warning).
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..build import plan, select
from ..console import EXIT_BAD_INPUT, report_problems, split_csv
from ..errors import ContentError, Problem
from ..formats import SUFFIXES
from ..loader import Project, load_edition
from ..model import Edition
from ..printing.preflight import Row  # a plain record; the preflight itself is imported where it runs
from ..printing.settings import settings_of
from ..selection import selection_problems

KINDS = ("pdf", "print", "booklet")


def add_parser(sub) -> None:
    parser = sub.add_parser("check", help="preflight of the built PDFs in build/ (fonts, pages, boxes, images, glyphs)")
    parser.add_argument("--edition", action="append", help="only these editions (slugs, comma-separated)")
    parser.add_argument("--langs", action="append", help="only these languages (comma-separated)")
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")
    parser.set_defaults(func=cmd_check)


def cmd_check(args) -> int:
    project = Project(Path(args.project).resolve(), Path(args.out).resolve() if args.out else None)
    edition_filter, lang_filter = split_csv(args.edition), split_csv(args.langs)
    problems: list[Problem] = selection_problems(project, edition_filter, lang_filter)
    if problems:
        report_problems(problems)
        return EXIT_BAD_INPUT
    pairs, problems = select(project, edition_filter, lang_filter)
    editions = []
    for slug, lang in pairs:  # every edition's problems, not only the first one's
        try:
            editions.append(load_edition(project, slug, lang))
        except ContentError as exc:
            problems += exc.problems
    if problems:
        report_problems(problems)
        return EXIT_BAD_INPUT
    rows = []
    for edition in editions:
        rows += check_edition(project, edition)
    return report(project, rows, strict=args.strict)


def built_files(project: Project, edition: Edition) -> list[tuple[str, Path]]:
    paths = [(kind, project.build / f"{edition.name}{SUFFIXES[kind]}") for kind in KINDS]
    return [(kind, path) for kind, path in paths if path.exists()]


def stale_outputs(project: Project, edition: Edition) -> set[Path]:
    """Outputs whose inputs changed since they were built."""
    return {job.output for job in plan(project, list(KINDS), [edition.slug], [edition.lang]).jobs}


def check_edition(project: Project, edition: Edition) -> list[Row]:
    files = built_files(project, edition)
    if not files:
        return []
    from ..printing.preflight import layout_rows  # deferred, as pypdf and WeasyPrint: slow to load

    stale = stale_outputs(project, edition)
    rows = layout_rows(project, edition)
    for kind, path in files:
        rows += file_rows(project, edition, kind, path, path in stale)
    return rows


def file_rows(project: Project, edition: Edition, kind: str, path: Path, stale: bool) -> list[Row]:
    # deferred: pypdf, pypdfium2 and WeasyPrint load slowly, and only this command needs them
    from pypdf.errors import PyPdfError
    from pypdfium2 import PdfiumError

    from ..printing import printshop
    from ..printing.pdfchecks import PdfFile, check_file

    settings = settings_of(edition)
    expected = (lambda w, h: printshop.expected_boxes(w, h, settings)) if kind == "print" else None
    try:
        pdf = PdfFile(path, kind, set(edition.fonts.values()))
    except (PyPdfError, PdfiumError) as exc:
        return [Row(path.name, "readable", "error", f"not a readable PDF: {exc}")]
    try:
        results = check_file(pdf, expected)
    finally:
        pdf.close()
    if stale:
        results.insert(0, ("up to date", "warning", "built from older inputs: rebuild it before printing"))
    return [Row(path.name, *result) for result in results]


def format_table(rows: list[Row]) -> str:
    shown = [Row(r.target, r.check, "ERROR" if r.level == "error" else r.level, r.detail) for r in rows]
    headers = Row("file", "check", "result", "detail")
    widths = [max(len(getattr(r, f)) for r in [headers, *shown]) for f in ("target", "check", "level")]
    lines, last = [], None
    for r in [headers, *shown]:
        target = r.target if r.target != last else ""
        last = r.target
        lines.append(f"{target:<{widths[0]}}  {r.check:<{widths[1]}}  {r.level:<{widths[2]}}  {r.detail}".rstrip())
    return "\n".join(lines)


def report(project: Project, rows: list[Row], strict: bool) -> int:
    if not rows:
        print(
            f"Nothing to check: no built PDFs in {project.show(project.build)}/ for this selection "
            "(build them first: make pdf print booklet).",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    print(f"Preflight of the PDFs in {project.show(project.build)}/\n")
    print(format_table(rows))
    errors = sum(r.level == "error" for r in rows)
    warnings = sum(r.level == "warning" for r in rows)
    files = len({r.target for r in rows if not r.target.endswith("(layout)")})
    print(f"\nPreflight: {files} file(s), {errors} error(s), {warnings} warning(s).")
    return EXIT_BAD_INPUT if errors or (strict and warnings) else 0
