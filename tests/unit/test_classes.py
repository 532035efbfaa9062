"""The classes `{.class}` markers may name (classes.py): the house's, and those of an edition's stylesheets."""

from __future__ import annotations

from pocketpress import classes


def test_the_classes_of_a_stylesheet():
    css = """
    .note p, div.box:not(.quiet) { color: red }
    @media print { .aside { margin: 0 } }
    /* .commented { } */
    #id, p::first-line, a[href$=".pdf"] { color: blue }
    @page { @bottom-center { content: ".folio" } }
    """
    assert classes.stylesheet_classes(css) == {"note", "box", "quiet", "aside"}


def test_the_markers_of_a_chapter_with_their_lines():
    body = "Text\n\n{.closing}\nThe end.\n\n> {.credit}\n> A quote.\n\n{#here .display .extra}\n## A heading\n"
    assert classes.markers(body) == [(2, "closing"), (5, "credit"), (8, "display"), (8, "extra")]


def test_the_house_classes_are_in_the_house_styles():
    from pathlib import Path

    styles = Path(__file__).parents[2] / "styles"
    for sheet in ("print.css", "epub.css"):
        found = classes.stylesheet_classes((styles / sheet).read_text(encoding="utf-8"))
        assert set(classes.HOUSE) <= found, sheet
