"""The live preview: the chapter-by-chapter layout, its problems, and the command's errors."""

from __future__ import annotations

import pytest

from pocketpress.cli import main
from pocketpress.preview.engine import Engine


@pytest.fixture
def engine(mini, tmp_path) -> Engine:
    return Engine(mini, "mini", "en", tmp_path / "preview")


def test_the_draft_is_the_book_laid_out_in_one_piece(engine):
    snapshot = engine.rebuild()
    assert not snapshot.problems and not snapshot.warnings
    assert snapshot.laid_out[0] == "front" and {"first", "second", "back"} <= set(snapshot.laid_out)
    exact = engine.exact_pages()
    assert len(snapshot.pages) == len(exact) and len(exact) % 4 == 0
    assert [p.digest for p in snapshot.pages] == [key for key, _ in exact]


def test_a_saved_chapter_is_laid_out_again_alone_and_the_page_is_found(engine, mini):
    before = engine.rebuild()
    second = [i for i, p in enumerate(before.pages) if p.part == "second"]
    chapter = mini.content / "mini" / "en" / "second.md"
    chapter.write_text(chapter.read_text().replace("Only one paragraph", "Only one short paragraph"))
    after = engine.rebuild()
    assert after.laid_out == ["second"]
    assert after.changed == second[0]
    assert after.pages[second[0]].digest != before.pages[second[0]].digest
    assert [p.digest for p in after.pages[: second[0]]] == [p.digest for p in before.pages[: second[0]]]
    assert [p.digest for p in after.pages] == [key for key, _ in engine.exact_pages()]


def test_a_longer_chapter_moves_the_later_ones_and_the_contents_numbers(engine, mini):
    before = engine.rebuild()
    first = mini.content / "mini" / "en" / "first.md"
    first.write_text(first.read_text() + "\n\n" + "\n\n".join(["A new paragraph of some length, " * 12] * 14))
    after = engine.rebuild()
    assert len(after.pages) > len(before.pages)
    assert {"front", "first", "second"} <= set(after.laid_out)
    assert [p.digest for p in after.pages] == [key for key, _ in engine.exact_pages()]


def test_bad_content_keeps_the_last_good_pages_and_lists_every_problem(engine, mini):
    good = engine.rebuild()
    settings = mini.content / "mini" / "en" / "edition.yaml"
    text = settings.read_text()
    settings.write_text(text.replace("title: A Small Test", "title: [A Small Test"))
    bad = engine.rebuild()
    assert bad.pages == good.pages
    assert "content/mini/en/edition.yaml:2: YAML syntax error: did not find expected ',' or ']'" in "\n".join(
        bad.problems
    )
    settings.write_text(text)
    back = engine.rebuild()
    assert not back.problems and back.pages == good.pages


def test_preview_of_an_unknown_edition_or_language_exits_2(mini, capsys):
    assert main(["--project", str(mini.root), "preview", "--edition", "mimi"]) == 2
    assert "no edition 'mimi' (did you mean 'mini'?" in capsys.readouterr().err
    assert main(["--project", str(mini.root), "preview", "--edition", "mini", "--lang", "fr"]) == 2
    assert "no language 'fr' in mini" in capsys.readouterr().err


def test_a_broken_layout_is_a_problem_of_its_file_and_the_pages_stay(engine, mini):
    good = engine.rebuild()
    layout = mini.layouts / "print.html.j2"
    text = layout.read_text()
    layout.write_text(text.replace("{% for ch in chapters %}<li>", "{% for ch in chapters %<li>", 1))
    bad = engine.rebuild()
    assert bad.pages == good.pages
    assert len(bad.problems) == 1 and bad.problems[0].startswith("layouts/print.html.j2:")
    layout.write_text(text)
    assert not engine.rebuild().problems
