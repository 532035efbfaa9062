"""`pocketpress check`: preflight of the PDFs in build/, before they go to a printer.

For every selected edition and language, each built PDF that exists
(<name>.pdf, <name>-print.pdf, <name>-booklet.pdf) is read back and checked
(pdfchecks.py). The edition's print HTML is also laid out again, as for the
print-shop PDF, to bring WeasyPrint's warnings to the surface and to find text
that runs beyond the page margins: the build prints those warnings once and
does not keep them, so the check renders again rather than trusting a record.
Exit status 2 when anything is an error (or, with --strict, a warning).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from pypdf.errors import PyPdfError
from pypdfium2 import PdfiumError

from ..build import EXTENSIONS, plan, select
from ..cli import report_problems, split_csv
from ..errors import BuildError, ContentError
from ..loader import Project, load_edition
from ..render import print_html
from ..weasy import Layout
from .. import weasy
from . import printshop
from .pdfchecks import PdfFile, check_file, listed
from .settings import settings_of

KINDS = ("pdf", "print", "booklet")
EXIT_FAILED = 2
MARGIN_TOLERANCE = 0.75  # CSS px a line may stand out of the page area


@dataclass(frozen=True)
class Row:
    target: str
    check: str
    level: str
    detail: str


def built_files(project: Project, edition) -> list[tuple[str, Path]]:
    paths = [(kind, project.build / f"{edition.name}{EXTENSIONS[kind]}") for kind in KINDS]
    return [(kind, path) for kind, path in paths if path.exists()]


def stale_outputs(project: Project, edition) -> set[Path]:
    """Outputs whose inputs changed since they were built."""
    return {job.output for job in plan(project, list(KINDS), [edition.slug], [edition.lang]).jobs}


def check_edition(project: Project, edition) -> list[Row]:
    files = built_files(project, edition)
    if not files:
        return []
    stale = stale_outputs(project, edition)
    rows = layout_rows(project, edition)
    for kind, path in files:
        rows += file_rows(project, edition, kind, path, path in stale)
    return rows


def file_rows(project: Project, edition, kind: str, path: Path, stale: bool) -> list[Row]:
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


def layout_rows(project: Project, edition) -> list[Row]:
    """The print-shop layout again: WeasyPrint's warnings and text beyond the margins."""
    target = f"{edition.name} (layout)"
    try:
        layout = printshop.lay_out(project, edition, print_html(project, edition, project.build), project.build)
    except BuildError as exc:
        return [Row(target, "renders", "error", str(exc))]
    notdef = [w for w in layout.warnings if ".notdef" in w]
    others = [w for w in layout.warnings if ".notdef" not in w]
    results = [("missing glyphs", *r) for r in listed("error", notdef, "every character has a glyph")]
    results += [("renderer warnings", *r) for r in listed("warning", others, "none")]
    results += [("text in margins", *r) for r in listed("warning", beyond_margins(layout), "none")]
    return [Row(target, *result) for result in results]


def beyond_margins(layout: Layout) -> list[str]:
    """Lines of text that stand out of their page's content area (into the margins or off the page)."""
    found = []
    for line in weasy.lines(layout):
        side, by = overrun(line.ink, line.area)
        if by > MARGIN_TOLERANCE:
            text = " ".join(line.text.split())[:40]
            found.append(f'p. {line.page}: "{text}" stands {by * 25.4 / 96:.1f} mm into the {side} margin')
    return found


def overrun(ink, area) -> tuple[str, float]:
    """The side on which the text stands out the most, and by how much (CSS px)."""
    sides = {"left": area[0] - ink[0], "top": area[1] - ink[1], "right": ink[2] - area[2], "bottom": ink[3] - area[3]}
    return max(sides.items(), key=lambda item: item[1])


# The command -------------------------------------------------------------------


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


def cmd_check(args) -> int:
    project = Project(Path(args.project).resolve(), Path(args.out).resolve() if args.out else None)
    pairs, problems = select(project, split_csv(args.edition), split_csv(args.langs))
    rows = []
    try:
        editions = [load_edition(project, slug, lang) for slug, lang in pairs]
    except ContentError as exc:
        problems += exc.problems
    if problems:
        report_problems(problems)
        return EXIT_FAILED
    for edition in editions:
        rows += check_edition(project, edition)
    return report(project, rows, strict=args.strict)


def report(project: Project, rows: list[Row], strict: bool) -> int:
    if not rows:
        print(
            f"Nothing to check: no built PDFs in {project.show(project.build)}/ for this selection "
            "(build them first: make pdf print booklet).",
            file=sys.stderr,
        )
        return EXIT_FAILED
    print(f"Preflight of the PDFs in {project.show(project.build)}/\n")
    print(format_table(rows))
    errors = sum(r.level == "error" for r in rows)
    warnings = sum(r.level == "warning" for r in rows)
    files = len({r.target for r in rows if not r.target.endswith("(layout)")})
    print(f"\nPreflight: {files} file(s), {errors} error(s), {warnings} warning(s).")
    return EXIT_FAILED if errors or (strict and warnings) else 0
