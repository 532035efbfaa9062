"""docs/styling.md lists every class the print layouts and the Markdown renderer write, so an
edition's stylesheet has a documented name for everything it may target (the doc cannot drift)."""

from __future__ import annotations

import re

from conftest import ROOT

DOC = (ROOT / "docs" / "styling.md").read_text(encoding="utf-8")
CLASS_ATTRIBUTE = re.compile(r'class="([^"{}]*)"')


def classes_in(path) -> set[str]:
    return {name for value in CLASS_ATTRIBUTE.findall(path.read_text(encoding="utf-8")) for name in value.split()}


def documented(name: str) -> bool:
    return re.search(rf"`[^`]*\.{re.escape(name)}\b[^`]*`", DOC) is not None


def test_every_class_of_the_print_layouts_is_documented():
    found = classes_in(ROOT / "layouts" / "print.html.j2") | classes_in(ROOT / "layouts" / "chapter.html.j2")
    assert {"cover-title", "chapter-title", "contacts", "epigraph"} <= found  # the reading above works
    missing = sorted(name for name in found if not documented(name))
    assert not missing, f"classes of the layouts missing from docs/styling.md: {missing}"


def test_classes_of_the_markdown_renderer_and_paragraph_markers_are_documented():
    found = classes_in(ROOT / "pocketpress" / "markdown.py") | {"closing", "display", "standfirst", "credit"}
    missing = sorted(name for name in found if not documented(name))
    assert not missing, f"missing from docs/styling.md: {missing}"


def test_every_page_name_of_the_house_style_is_documented():
    css = (ROOT / "styles" / "print.css").read_text(encoding="utf-8")
    names = set(re.findall(r"\bpage:\s*([a-z-]+)\s*;", css))
    assert {"cover", "numbered", "back"} <= names
    missing = sorted(name for name in names if f"| `{name}` |" not in DOC)
    assert not missing, f"@page names missing from docs/styling.md: {missing}"
