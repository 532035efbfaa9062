"""What every command shares on the terminal: option lists and the report of problems.

A low module: it imports only errors.py and the standard library, so any layer may use it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

from .errors import Problem

EXIT_BAD_INPUT = 2


def split_csv(values: list[str] | None) -> list[str] | None:
    """['en,uk', 'es'] -> ['en', 'uk', 'es']; None when nothing is given."""
    if not values:
        return None
    items = [v.strip() for value in values for v in value.split(",") if v.strip()]
    return items or None


def report_problems(problems: Iterable[Problem]) -> None:
    """Every problem on stderr, one a line, sorted, then how many and that nothing was written."""
    unique = sorted(set(problems))
    for problem in unique:
        print(problem, file=sys.stderr)
    print(f"{len(unique)} problem(s) found; nothing was written.", file=sys.stderr)
