"""YAML read with the line of every key and value: what error messages point at."""

from __future__ import annotations

import datetime as dt

from pocketpress.yamlsource import load_yaml

EDITION = """\
title: A Small Test
chapters:
  - id: first
    date: 2024-09-06
  - id: second
    tags: [one, two]
fonts:
  body:
    PT Serif
"""


def load(text: str, first_line: int = 1):
    located, problems = load_yaml(text, "edition.yaml", first_line=first_line)
    assert not problems, problems
    return located


def test_data_is_plain_python():
    assert load(EDITION).data == {
        "title": "A Small Test",
        "chapters": [{"id": "first", "date": dt.date(2024, 9, 6)}, {"id": "second", "tags": ["one", "two"]}],
        "fonts": {"body": "PT Serif"},
    }


def test_lines_of_keys_and_values():
    located = load(EDITION)
    assert located.key_lines[("title",)] == 1 and located.lines[("title",)] == 1
    assert located.key_lines[("chapters",)] == 2 and located.lines[("chapters",)] == 3  # the list starts below
    assert located.key_lines[("fonts", "body")] == 8 and located.lines[("fonts", "body")] == 9


def test_lines_in_nested_lists():
    located = load(EDITION)
    assert located.lines[("chapters", 0)] == 3
    assert located.lines[("chapters", 0, "date")] == 4
    assert located.lines[("chapters", 1)] == 5
    assert located.lines[("chapters", 1, "tags", 1)] == 6


def test_line_of_prefers_the_key_and_falls_back_to_the_nearest_parent():
    located = load(EDITION)
    assert located.line_of(("chapters",)) == 2  # the key, not the first item below it
    assert located.line_of(("chapters", 1, "tags")) == 6
    assert located.line_of(("chapters", 1, "no such key")) == 5
    assert located.line_of(("no such key",)) == 1
    assert located.line_of(()) == 1


def test_a_chapter_header_counts_lines_from_the_file_not_the_header():
    """The header of a chapter starts on line 2, under its '---' line."""
    located = load("title: The first chapter\ncaption: A picture\n", first_line=2)
    assert located.key_lines[("title",)] == 2 and located.key_lines[("caption",)] == 3
    assert located.lines[("caption",)] == 3 and located.line_of(("caption", "x")) == 3


def test_a_malformed_date_stays_a_string_for_the_schema():
    assert load("date: 2024-13-45\n").data == {"date": "2024-13-45"}


def test_empty_text_is_empty_data():
    located = load("")
    assert located.data == {} and located.line_of(("title",)) == 1


def test_a_syntax_error_names_its_line():
    located, problems = load_yaml("a: 1\nb: [1, 2\nc: 3\n", "edition.yaml")
    assert located is None and len(problems) == 1
    problem = problems[0]
    assert (problem.path, problem.line) == ("edition.yaml", 3)
    assert problem.message.startswith("YAML syntax error:") and problem.hint


def test_a_tab_is_reported_on_its_line():
    _, problems = load_yaml("a: 1\n\tb: 2\n", "edition.yaml")
    assert [p.line for p in problems] == [2] and "tab" in problems[0].message.replace("'\\t'", "tab")


def test_a_syntax_error_in_a_chapter_header_counts_from_the_file():
    _, problems = load_yaml("title: T\nlist:\n  - x\n   y: 2\n", "first.md", first_line=2)
    assert [(p.path, p.line) for p in problems] == [("first.md", 5)]
