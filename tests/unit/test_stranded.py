"""The stranded-fragment check of the layout (weasy.py): a line holding only the first part of a hyphenated word.

First on hand-made pages and boxes (the adapter walks `document.pages[i]._page_box` and its children,
and reads the text of the boxes inside each line box), then on one small page laid out by WeasyPrint.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from weasyprint.formatting_structure import boxes

from pocketpress.weasy import stranded_fragments


# -- hand-made boxes, of WeasyPrint's box classes ------------------------------------------------
@dataclass(eq=False)
class TextBox(boxes.TextBox):
    text: str


@dataclass(eq=False)
class InlineBox(boxes.InlineBox):
    children: list = field(default_factory=list)


@dataclass(eq=False)
class LineBox(boxes.LineBox):
    children: list = field(default_factory=list)


@dataclass(eq=False)
class BlockBox(boxes.BlockBox):
    children: list = field(default_factory=list)


@dataclass
class Page:
    _page_box: BlockBox


@dataclass
class Document:
    pages: list[Page]


def line(*texts: str) -> LineBox:
    return LineBox([TextBox(t) for t in texts])


def document(*pages: list[LineBox]) -> Document:
    return Document([Page(BlockBox([BlockBox(list(lines))])) for lines in pages])


def test_a_line_holding_only_a_word_fragment_is_found():
    doc = document([line("The soldiers refused to"), line("counterre-"), line("volutionary orders.")])
    assert stranded_fragments(doc) == ["page 1: a line holds only the word fragment 'counterre-'"]


def test_the_page_number_is_counted_from_one():
    doc = document([line("Nothing wrong here.")], [line("Fine."), line("demobi-")])
    assert stranded_fragments(doc) == ["page 2: a line holds only the word fragment 'demobi-'"]


def test_text_split_over_several_boxes_of_a_line_is_joined():
    doc = document([LineBox([InlineBox([TextBox("coun")]), TextBox("terre-")])])
    assert stranded_fragments(doc) == ["page 1: a line holds only the word fragment 'counterre-'"]


@pytest.mark.parametrize(
    "text",
    [
        "The ex-",  # a hyphenated word after another word on the line
        "counterrevolution-",  # long enough to stand on its own line
        "volutionary",  # no hyphen at the end
    ],
)
def test_ordinary_lines_are_not_reported(text):
    assert stranded_fragments(document([line(text)])) == []


def test_boxes_outside_line_boxes_are_not_read():
    doc = Document([Page(BlockBox([TextBox("demobi-")]))])
    assert stranded_fragments(doc) == []


# -- one small page laid out by WeasyPrint -----------------------------------------------------------
@pytest.mark.parametrize("hyphen", ["-", "\u2011"])  # U+2011: the hyphenate-character of styles/print.css
def test_a_narrow_column_strands_a_fragment_in_a_real_layout(hyphen):
    from weasyprint import HTML

    css = (
        "@page { size: 80mm 80mm; margin: 5mm }"
        f' p {{ width: 22mm; font: 10pt "PT Serif"; hyphens: auto; hyphenate-character: "{hyphen}" }}'
    )
    doc = HTML(string=f'<html lang="en"><style>{css}</style><p>The extraordinarily counterrevolutionary</p>').render()
    assert len(doc.pages) == 1
    # the lines: "The ex-" (not alone), "traordinarily", "counterre-" (alone), "volutionary"
    assert stranded_fragments(doc) == [f"page 1: a line holds only the word fragment 'counterre{hyphen}'"]
