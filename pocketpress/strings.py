"""Interface words (Contents, Cover, ...) per language, from layouts/strings/<lang>.yaml."""

from __future__ import annotations

from pathlib import Path

import yaml

from .errors import Problem

REFERENCE = "en"


def _read(path: Path) -> dict | None:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return None
    return data if isinstance(data, dict) else None


def load_strings(project, lang: str) -> tuple[dict[str, str], list[Problem], list[Path]]:
    """The strings of lang; a missing file or key is a problem that names it."""
    folder = project.layouts / "strings"
    reference = _read(folder / f"{REFERENCE}.yaml") or {}
    path = folder / f"{lang}.yaml"
    shown = project.show(path)
    if not path.exists():
        hint = f"copy {project.show(folder / (REFERENCE + '.yaml'))} to {shown} and translate it"
        return {}, [Problem(shown, 0, f"no interface strings for language '{lang}'", hint)], []
    strings = _read(path)
    if strings is None:
        return {}, [Problem(shown, 1, "not a valid strings file", "write one 'key: text' line per string")], [path]
    problems = [
        Problem(shown, 0, f"missing interface string '{key}'", f"add '{key}: ...' (in English: {value!r})")
        for key, value in reference.items()
        if key not in strings
    ]
    return {k: str(v) for k, v in strings.items()}, problems, [path]
