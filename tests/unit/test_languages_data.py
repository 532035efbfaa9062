"""layouts/languages.yaml: quotation marks and word lists per language, read by pocketpress.languages (no rendering)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pocketpress import languages, markdown

ROOT = Path(__file__).resolve().parents[2]

SMALL = """\
en:
  quotes: {outer: "“”", inner: "‘’"}
  introduction: Introduction
pt:
  quotes: {outer: "«»", inner: "“”"}
uk:
  quotes: {outer: "«»", inner: "„“"}
  function_words: [і, та]
"""


def layouts_with(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "layouts"
    folder.mkdir()
    (folder / "languages.yaml").write_text(text, encoding="utf-8")
    return folder


def test_the_project_file_is_valid_and_has_the_languages_of_the_editions():
    found, problems = languages.load(ROOT / "layouts" / "languages.yaml")
    assert problems == []
    assert found is not None
    assert {"en", "uk", "es"} <= set(found.entries)


def test_quotes_come_from_the_file(tmp_path):
    layouts = layouts_with(tmp_path, SMALL.replace('inner: "„“"', 'inner: "‹›"'))
    assert languages.quotes_for(layouts, "uk") == "«»‹›"
    assert markdown.inline('"a "b" c"', languages.quotes_for(layouts, "uk")) == "«a ‹b› c»"


def test_a_language_not_listed_falls_back_to_its_base_then_to_english(tmp_path):
    layouts = layouts_with(tmp_path, SMALL)
    assert languages.quotes_for(layouts, "pt-BR") == "«»“”"
    assert languages.quotes_for(layouts, "pt") == "«»“”"
    assert languages.quotes_for(layouts, "uk-UA") == "«»„“"
    assert languages.quotes_for(layouts, "fi") == "“”‘’"
    assert languages.quotes_for(layouts, "de-AT") == "“”‘’"


def test_words_left_out_fall_back_as_documented(tmp_path):
    found = languages.read(layouts_with(tmp_path, SMALL))
    assert found.introduction("pt-BR") == "Introduction"  # not given for pt: English's
    assert found.function_words("uk") == {"і", "та"}
    assert found.function_words("pt") == frozenset()  # not given: none
    assert found.all_function_words() == {"і", "та"}


def test_caption_words_whole_words_and_stems(tmp_path):
    text = SMALL.replace("en:\n", "en:\n  caption_words: [photograph]\n")
    text += "ru:\n  quotes: {outer: «», inner: „“}\n  caption_words: [рисун*, photo]\n"
    found = languages.read(layouts_with(tmp_path, text))
    pattern = found.caption_pattern("ru")
    assert pattern.search("На рисунке: митинг")
    assert pattern.search("PHOTO: a rally")
    assert not pattern.search("photographs of a rally")
    assert found.caption_pattern("uk").search("A photograph")  # not given: English's
    assert not found.caption_pattern("uk").search("A photo")


def test_a_change_to_the_file_is_read_again(tmp_path):
    layouts = layouts_with(tmp_path, SMALL)
    assert languages.quotes_for(layouts, "pt") == "«»“”"
    (layouts / "languages.yaml").write_text(SMALL.replace('outer: "«»", inner: "“”"', 'outer: "“”", inner: "‘’"'))
    assert languages.quotes_for(layouts, "pt") == "“”‘’"


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (SMALL.replace('inner: "„“"', 'inner: "„"'), 7, ["uk: 'quotes.inner'", "two marks"]),
        (SMALL.replace("  introduction: Introduction", "  introductoin: Introduction"), 3, ["unknown key"]),
        (SMALL.replace("uk:\n  quotes", "uk:\n  qoutes"), 7, ["unknown key 'qoutes'"]),
        (SMALL.replace("uk:\n  quotes", "uk:\n  qoutes"), 6, ["uk: missing key 'quotes'"]),
        (SMALL + "Ukrainian:\n  quotes: {outer: «», inner: „“}\n", 9, ["not a language code"]),
        (SMALL.replace("introduction: Introduction", "introduction: Introduction: a"), 3, ["YAML syntax error"]),
        (SMALL.replace("[і, та]", "[і, true]"), 8, ["uk: 'function_words[1]'"]),
    ],
)
def test_a_broken_file_gives_problems_with_path_and_line(tmp_path, text, line, words):
    layouts = layouts_with(tmp_path, text)
    found, problems = languages.load(layouts / "languages.yaml")
    assert found is None
    shown = [str(p) for p in problems]
    assert any(s.startswith(f"layouts/languages.yaml:{line}: ") for s in shown), shown
    for word in words:
        assert any(word in s for s in shown), (word, shown)
    with pytest.raises(languages.LanguagesError, match=rf"layouts/languages\.yaml:{line}: "):
        languages.quotes_for(layouts, "en")


def test_no_english_entry_is_a_problem(tmp_path):
    layouts = layouts_with(tmp_path, SMALL[SMALL.index("pt:") :])
    _, problems = languages.load(layouts / "languages.yaml")
    assert [p.message for p in problems] == ["no entry for 'en'"]


def test_a_missing_file_is_a_problem(tmp_path):
    _, problems = languages.load(tmp_path / "layouts" / "languages.yaml")
    assert [str(p) for p in problems] == [
        "layouts/languages.yaml: no languages file (copy layouts/languages.yaml from pocketpress)"
    ]
