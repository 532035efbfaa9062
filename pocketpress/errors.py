"""Problems found in an editor's files, reported all at once as `path:line: message`."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file, with a hint on how to fix it."""

    path: str
    line: int
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class ContentError(Exception):
    """Raised with every problem found, so the editor fixes them in one go."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class BuildError(Exception):
    """A build failed for a reason outside the content (missing font, fetch refused)."""


def display_path(path: Path | str, root: Path | None = None) -> str:
    """A path as the editor knows it: relative to the project when inside it."""
    path = Path(path)
    root = root or Path.cwd()
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def suggestion(word: str, choices) -> str:
    """`did you mean 'x'?` for the closest of choices, or '' when none is close."""
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def choices_hint(word: str, choices, kind: str) -> str:
    """`did you mean 'x'? <kind>: a, b, c` (the choices in their order), for a name that is not among them."""
    listed = f"{kind}: " + (", ".join(choices) or "none")
    close = suggestion(word, choices)
    return f"{close} {listed}" if close else listed


def did_you_mean(word: str, choices) -> str:
    """`did you mean 'x'?` for the closest of choices, or a list of the valid ones."""
    return suggestion(word, choices) or "valid keys: " + ", ".join(sorted(choices))
