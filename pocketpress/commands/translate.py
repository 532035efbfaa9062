"""`pocketpress translate export|import`: a translation to PO or XLIFF for a CAT tool, and back."""

from __future__ import annotations

from pathlib import Path

from ..console import EXIT_BAD_INPUT, report_problems
from ..errors import ContentError, Problem, choices_hint
from ..project import Project, editions, languages
from ..translation import exchange


def add_parser(sub) -> None:
    parser = sub.add_parser("translate", help="export a translation to PO or XLIFF, and import it back")
    kinds = parser.add_subparsers(dest="action", required=True)
    export = kinds.add_parser("export", help="one PO or XLIFF file per chapter, and one for the edition's strings")
    export.add_argument("--edition", required=True, help="the edition, e.g. voices-from-ukraine")
    export.add_argument("--lang", required=True, help="the translation's language (a new one is fine)")
    export.add_argument("--format", choices=exchange.FORMATS, default="po", help="po (Poedit, Weblate) or xliff")
    export.add_argument(
        "--out", dest="out_dir", default=None, help="folder (default: build/translate/<edition>-<lang>)"
    )
    export.set_defaults(func=cmd_export)
    imp = kinds.add_parser("import", help="write the translations of PO or XLIFF files back into the Markdown")
    imp.add_argument("files", nargs="+", metavar="FILE", help="files written by `translate export`, then edited")
    imp.set_defaults(func=cmd_import)


def cmd_export(args) -> int:
    project = Project(Path(args.project).resolve())
    known = editions(project)
    if args.edition not in known:
        hint = choices_hint(args.edition, known, "editions")
        report_problems(
            [Problem(project.show(project.content / args.edition), 0, f"no edition '{args.edition}'", hint)]
        )
        return EXIT_BAD_INPUT
    from ..status import chapter_ids

    _, source = chapter_ids(project, project.content / args.edition)
    if args.lang == source:
        hint = f"export a translation: {', '.join(languages(project.content / args.edition)) or 'a new language code'}"
        report_problems([Problem("pocketpress translate", 0, f"'{args.lang}' is the source language", hint)])
        return EXIT_BAD_INPUT
    out = Path(args.out_dir) if args.out_dir else project.build / "translate" / f"{args.edition}-{args.lang}"
    paths = exchange.export(project, args.edition, args.lang, args.format, out)
    new = "" if (project.content / args.edition / args.lang).exists() else f" ('{args.lang}' is new: empty targets)"
    print(f"Exported {len(paths)} files to {out}{new}:")
    for path in paths:
        print(f"  {path.name}")
    print("Translate them, then: pocketpress translate import " + str(out / f"*.{args.format}"))
    return 0


def cmd_import(args) -> int:
    project = Project(Path(args.project).resolve())
    try:
        report = exchange.import_files(project, [Path(f) for f in args.files])
    except ContentError as exc:
        report_problems(exc.problems)
        return EXIT_BAD_INPUT
    written = list(dict.fromkeys(report.written))
    for line in written:
        print(f"wrote {line}")
    print(f"{report.applied} translation(s) applied; {len(written)} file(s) changed.")
    for line in report.stale + report.saved:
        print(line)
    if report.stale:
        print(
            f"{len(report.stale)} segment(s) kept as outdated: their source changed after the export. "
            "Export again to translate the new source."
        )
    return 1 if report.stale or report.saved else 0
