"""Print production: the home-printed booklet, the print-shop PDF, the proof sheet, the preflight.

The writers (writers.py) draw on these modules for build/<edition>-<lang>-booklet.pdf,
-print.pdf and -proof.png; build.py writes the bytes atomically.
"""

from __future__ import annotations

from .settings import PrintSettings

__all__ = ["PrintSettings", "add_parser"]


def add_parser(sub) -> None:
    """`pocketpress check`; the preflight code (and WeasyPrint) load only when it runs."""
    parser = sub.add_parser("check", help="preflight of the built PDFs in build/ (fonts, pages, boxes, images, glyphs)")
    parser.add_argument("--edition", action="append", help="only these editions (slugs, comma-separated)")
    parser.add_argument("--langs", action="append", help="only these languages (comma-separated)")
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")
    parser.set_defaults(func=_check)


def _check(args) -> int:
    from .preflight import cmd_check

    return cmd_check(args)
