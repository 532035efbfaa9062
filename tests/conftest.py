"""Shared fixtures: the real project built once per session, and small throw-away projects."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pocketpress.build import execute, plan
from pocketpress.loader import Project

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "data" / "mini"


@pytest.fixture(scope="session")
def project(tmp_path_factory) -> Project:
    """The real project, building into a session folder (build/ is left alone)."""
    return Project(ROOT, tmp_path_factory.mktemp("build"))


@pytest.fixture(scope="session")
def built(project):
    """built(slug, lang, fmt) -> path of the output, rendered once per session."""
    cache: dict[tuple, Path] = {}

    def get(slug: str, lang: str, fmt: str = "pdf") -> Path:
        key = (slug, lang, fmt)
        if key not in cache:
            cache[key] = build_cleanly(project, slug, lang, fmt)
        return cache[key]

    return get


def build_cleanly(project: Project, slug: str, lang: str, fmt: str) -> Path:
    """Build one output in this process; it must build, with no problem and no warning. Its path."""
    the_plan = plan(project, [fmt], [slug], [lang], force=True)
    assert not the_plan.problems, the_plan.problems
    results = execute(project, the_plan.jobs, workers=1)
    assert [r.status for r in results] == ["built"], results
    assert not results[0].warnings, results[0].warnings
    return the_plan.jobs[0].output


def copy_project(source_content: Path, dest: Path) -> Project:
    """A project at dest with the repo's layouts and styles and the given content folder."""
    shutil.copytree(ROOT / "layouts", dest / "layouts")
    shutil.copytree(ROOT / "styles", dest / "styles")
    shutil.copytree(source_content, dest / "content")
    return Project(dest)


@pytest.fixture(scope="session")
def mini_session(tmp_path_factory) -> Project:
    """The small edition in a project made once per session: read it, do not change it."""
    return copy_project(MINI / "content", tmp_path_factory.mktemp("mini-session") / "mini")


@pytest.fixture(scope="session")
def mini_built(mini_session):
    """mini_built(fmt) -> path of the small English edition's output, built once per session."""
    cache: dict[str, Path] = {}

    def get(fmt: str) -> Path:
        if fmt not in cache:
            cache[fmt] = build_cleanly(mini_session, "mini", "en", fmt)
        return cache[fmt]

    return get


@pytest.fixture
def mini(tmp_path) -> Project:
    """A small two-chapter edition in a temporary project, safe to break."""
    return copy_project(MINI / "content", tmp_path / "mini")


@pytest.fixture
def real_copy(tmp_path) -> Project:
    """A temporary copy of the real project's content, layouts and styles, safe to change."""
    return copy_project(ROOT / "content", tmp_path / "real")


def pytest_collection_modifyitems(items):
    """A test that asks for a real edition's output (the `built` fixture) is slow, even if not marked:
    `make test-fast` (pytest -m "not slow") then leaves it out."""
    for item in items:
        if "built" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)
