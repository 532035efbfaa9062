"""What the editor asked for with --edition and --langs, checked against what the project holds."""

from __future__ import annotations

from .errors import Problem, choices_hint
from .project import Project, editions, languages


def selection_problems(
    project: Project, edition_filter: list[str] | None, lang_filter: list[str] | None
) -> list[Problem]:
    """Problems with a selection: an edition that does not exist, a language no selected edition has."""
    known = editions(project)
    problems = [
        Problem(project.show(project.content / slug), 0, f"no edition '{slug}'", choices_hint(slug, known, "editions"))
        for slug in edition_filter or []
        if slug not in known
    ]
    chosen = [slug for slug in edition_filter or known if slug in known]
    have = {slug: languages(project.content / slug) for slug in chosen}
    for lang in lang_filter or []:
        if not any(lang in langs for langs in have.values()):
            problems += [
                Problem(
                    project.show(project.content / slug),
                    0,
                    f"no language '{lang}' in {slug}",
                    choices_hint(lang, langs, "languages"),
                )
                for slug, langs in have.items()
            ]
    return problems
