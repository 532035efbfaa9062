"""Where things are: a project's folders, its editions and their languages. Nothing here reads YAML,
so that a build with nothing to do never loads the schema (see build.plan's fast path)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError

from .errors import Problem, display_path

NOT_LANGUAGES = {"pictures", "images", "styles", "fonts"}


@dataclass(frozen=True)
class Project:
    """Where things are: content/, layouts/, styles/, build/ under one root."""

    root: Path
    out: Path | None = None  # build folder; default <root>/build

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def layouts(self) -> Path:
        return self.root / "layouts"

    @property
    def styles(self) -> Path:
        return self.root / "styles"

    @property
    def build(self) -> Path:
        return self.out or self.root / "build"

    def show(self, path: Path) -> str:
        return display_path(path, self.root)


def editions(project: Project) -> list[str]:
    """Slugs of every edition folder (one with an edition.yaml)."""
    return sorted(p.parent.name for p in project.content.glob("*/edition.yaml"))


# The usual shapes of a language tag (en, uk, pt-BR, sr-Latn, es-419): checked by Babel alone. Any other
# name is checked by langcodes against all of BCP 47 (a 0.14 s import the no-op build does not need).
SIMPLE_TAG = re.compile(r"[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|\d{3}))?")


def language_name_problem(name: str) -> str:
    """Why a folder name is not a language this toolkit can print ('' when it is one)."""
    if not SIMPLE_TAG.fullmatch(name):
        import langcodes  # BCP 47

        if not langcodes.tag_is_valid(name):
            return "not a language code (BCP 47)"
    try:
        Locale.parse(name.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return "a language code without the locale data (Babel) the dates and words need"
    return ""


def _candidates(edition_dir: Path) -> list[Path]:
    if not edition_dir.is_dir():
        return []
    return sorted(p for p in edition_dir.iterdir() if p.is_dir() and p.name not in NOT_LANGUAGES and p.name[0] != ".")


def languages(edition_dir: Path) -> list[str]:
    """Language folders of an edition: folders named by a language code."""
    return [sub.name for sub in _candidates(edition_dir) if not language_name_problem(sub.name)]


def language_problems(project: Project, slug: str) -> list[Problem]:
    """Folders of an edition that hold text but are no language, and language folders without edition.yaml."""
    problems = []
    for sub in _candidates(project.content / slug):
        why = language_name_problem(sub.name)
        has_text = (sub / "edition.yaml").exists() or any(sub.glob("*.md"))
        if why and has_text:
            hint = "name the folder by its language code, e.g. en, uk, pt-BR"
            problems.append(Problem(project.show(sub), 0, f"folder '{sub.name}' holds text but is {why}", hint))
        elif not why and not (sub / "edition.yaml").is_file():
            problems.append(
                Problem(
                    project.show(sub / "edition.yaml"),
                    0,
                    f"language folder '{sub.name}' has no edition.yaml",
                    f"copy {project.show(sub.parent / 'en' / 'edition.yaml')} there and translate it",
                )
            )
    return problems
