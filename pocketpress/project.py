"""Where things are: a project's folders, its editions and their languages. Nothing here reads YAML,
so that a build with nothing to do never loads the schema (see build.plan's fast path)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError

from .errors import display_path

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


def languages(edition_dir: Path) -> list[str]:
    """Language folders of an edition: folders named by a language code."""
    found = []
    for sub in sorted(p for p in edition_dir.iterdir() if p.is_dir()):
        if sub.name in NOT_LANGUAGES or sub.name.startswith("."):
            continue
        try:
            Locale.parse(sub.name.replace("-", "_"))
        except (ValueError, UnknownLocaleError):
            continue
        found.append(sub.name)
    return found
