"""`pocketpress import threads`: the seed threads and a small dump of our own (tests/data/import/workers.txt)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from pocketpress.cli import main
from pocketpress.importers.common import ImportFailure
from pocketpress.importers.threads import Post, Thread, import_threads, thread_title
from pocketpress.schema import ChapterHeader, EditionFile, LanguageFile

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "data" / "seeds" / "004_d12d449e7420027a.txt"  # a copy of shared/seeds/004_d12d449e7420027a.txt
DATA = ROOT / "tests" / "data" / "import"
WORKERS = DATA / "workers.txt"
DAY = dt.date(2025, 3, 20)


def run(*argv: str) -> int:
    return main(["import", "threads", *map(str, argv)])


def kinds(chapter) -> list[str]:
    return [b.kind for b in chapter.blocks]


# -- the seed ------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed():
    return import_threads(SEED, "en", DAY, "voices-from-the-russian-army")


def test_seed_threads_become_chapters(seed):
    edition, report = seed
    assert len(edition.chapters) == 7 and report.unclassified == []
    assert [c.excerpt for c in edition.chapters] == [False] + [True] * 6
    # the fourth thread's second post is only a date: the chapter's date, not a paragraph
    assert [c.date for c in edition.chapters] == [None] * 3 + [dt.date(2025, 3, 3)] + [None] * 3
    assert edition.date == "2025-03-20"
    assert len({c.id for c in edition.chapters}) == 7
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9-]{0,30}", c.id) for c in edition.chapters)


def test_seed_titles_are_whole_clauses(seed):
    titles = [c.title for c in seed[0].chapters]
    assert titles[0] == "A Russian medic who has deserted from the Russian army"  # before "and": 10 words
    assert titles[4] == "Russian soldiers are being stuck with massive fines"  # at the comma
    for title, chapter in zip(titles, seed[0].chapters, strict=True):
        assert 20 <= len(title) <= 80 and len(title.split()) <= 12
        first = chapter.blocks[0]
        # the summary post is the standfirst, never a first paragraph repeating the title
        assert first.kind == "standfirst" and first.text.startswith(title) and first.text[len(title)] in " ,."
        assert not any(b.kind == "para" and b.text.startswith(title) for b in chapter.blocks)


def test_seed_markers_removed(seed):
    text = "\n".join(b.text for c in seed[0].chapters for b in c.blocks)
    assert "⬇" not in text and "/end" not in text
    assert not re.search(r"(^|\n)\d+/", text)
    assert "2/ 3 March" not in text and "3 March 2025" not in text


def test_seed_quotations(seed):
    medic = seed[0].chapters[0]
    quotes = [b for b in medic.blocks if b.kind == "quote"]
    assert len(quotes) == 13
    # posts 8-11: one quotation over four posts
    run_start = next(i for i, b in enumerate(medic.blocks) if b.text.startswith('"A guy, 18 years old'))
    assert [b.continues for b in medic.blocks[run_start : run_start + 4]] == [False, True, True, True]
    assert medic.blocks[run_start + 4].kind == "para"
    # post 30 goes on with the quotation post 29 opened: one paragraph
    assert medic.blocks[-1].text.startswith("Zhilyaev reflects on")
    assert medic.blocks[-1].text.endswith('I don’t want either one."')
    # the unnumbered lines are paragraphs of their post
    texts = [b.text for b in medic.blocks]
    assert "One one occasion, a political officer ordered a lieutenant he disliked to be thrown into a pit." in texts
    assert any(t.startswith("In February 2024, Zhilyaev was seriously wounded") for t in texts)


def test_seed_paragraph_counts(seed):
    assert [len(c.blocks) for c in seed[0].chapters] == [31, 3, 3, 3, 4, 3, 3]


def test_seed_written_files(tmp_path):
    assert (
        run(
            SEED,
            "--edition",
            "voices-from-the-russian-army",
            "--lang",
            "en",
            "--into",
            tmp_path,
            "--date",
            "2025-03-20",
        )
        == 0
    )
    folder = tmp_path / "voices-from-the-russian-army"
    settings = EditionFile.model_validate(yaml.safe_load((folder / "edition.yaml").read_text()))
    assert str(settings.date) == "2025-03-20"
    assert [c.excerpt for c in settings.chapters] == [False] + [True] * 6
    assert [str(c.date) for c in settings.chapters if c.date] == ["2025-03-03"]
    assert all(c.picture is None for c in settings.chapters)
    language = LanguageFile.model_validate(yaml.safe_load((folder / "en" / "edition.yaml").read_text()))
    assert language.title == "Voices from the Russian army"
    for path in (folder / "en").glob("*.md"):
        _, header, body = path.read_text().split("---\n", 2)
        ChapterHeader.model_validate(yaml.safe_load(header))
        assert "⬇" not in body and "/end" not in body
    assert not (folder / "pictures").exists()


# -- a small dump of our own -----------------------------------------------------


@pytest.fixture(scope="module")
def workers():
    return import_threads(WORKERS, "en", DAY, "workers")


def test_small_threads(workers):
    edition, report = workers
    strike, buses = edition.chapters
    assert (strike.id, strike.excerpt) == ("tractor-plant", False)
    assert (buses.id, buses.excerpt) == ("bus-drivers", True)
    assert strike.title == "Workers at the tractor plant in Kharkiv have stopped work"
    # 15 words and no clause boundary: cut before a phrase, and the report says so
    assert buses.title == "The bus drivers of Lviv say"
    assert (10, f"title cut from the first sentence of the summary post: {buses.title}") in report.guesses
    assert report.unclassified == []
    assert (1, "left out: text before the first thread: Threads collected for the next edition") in report.guesses


def test_small_posts_and_quotations(workers):
    strike, buses = workers[0].chapters
    assert kinds(strike) == ["standfirst", "para", "para", "quote", "quote", "para", "para"]
    assert [b.continues for b in strike.blocks[3:5]] == [False, True]
    assert strike.blocks[2].text == "One of the strikers told us:"  # post 3 goes on in an unnumbered line
    assert strike.blocks[5].text == "This is the first strike at the plant since the war began."
    assert strike.blocks[6].text == "The management has not answered."
    assert kinds(buses) == ["standfirst", "para", "quote"]
    assert buses.blocks[1].text == (
        'A driver said the city "does not care about us, and never did. '
        'The buses run anyway, because people need them."'
    )


def test_small_markdown(tmp_path):
    assert run(WORKERS, "--edition", "workers", "--lang", "en", "--into", tmp_path, "--date", "2024-05-01") == 0
    text = (tmp_path / "workers" / "en" / "tractor-plant.md").read_text()
    assert (
        '> "We are not asking for anything special. We want the money we earned.\n>\n'
        '> "And we want the management to stop threatening us with the army."\n'
    ) in text
    assert yaml.safe_load((tmp_path / "workers" / "edition.yaml").read_text())["date"] == dt.date(2024, 5, 1)


def test_default_date_is_today(tmp_path):
    assert run(WORKERS, "--edition", "workers", "--lang", "en", "--into", tmp_path) == 0
    assert yaml.safe_load((tmp_path / "workers" / "edition.yaml").read_text())["date"] == dt.date.today()


def test_title_cut_at_a_clause():
    thread = Thread(
        1,
        [
            Post(
                1,
                1,
                [
                    (
                        1,
                        "The strike at the plant in the north of the city has entered its third week, "
                        "and nobody knows when it will end. ⬇️",
                    )
                ],
            )
        ],
    )
    assert thread_title(thread) == ("The strike at the plant in the north of the city", False)


# -- safety and errors ------------------------------------------------------------


def test_force_protects_existing_edition(tmp_path, capsys):
    args = (WORKERS, "--edition", "workers", "--lang", "en", "--into", tmp_path)
    assert run(*args) == 0
    capsys.readouterr()
    assert run(*args) == 2
    err = capsys.readouterr().err
    assert "pass --force" in err and "Traceback" not in err
    assert run(*args, "--force") == 0


def test_existing_edition_yaml_alone_is_protected(tmp_path, capsys):
    (tmp_path / "workers").mkdir()
    (tmp_path / "workers" / "edition.yaml").write_text("kept: yes\n")
    assert run(WORKERS, "--edition", "workers", "--lang", "en", "--into", tmp_path) == 2
    assert (tmp_path / "workers" / "edition.yaml").read_text() == "kept: yes\n"


def test_folder_as_input(tmp_path, capsys):
    assert run(DATA, "--edition", "x", "--lang", "en", "--into", tmp_path) == 2
    assert "folder" in capsys.readouterr().err


def test_unknown_language(tmp_path, capsys):
    assert run(WORKERS, "--edition", "x", "--lang", "zz-nope", "--into", tmp_path) == 2
    assert "language" in capsys.readouterr().err


def test_api_raises_import_failure():
    with pytest.raises(ImportFailure, match="no chapters"):
        import_threads(DATA / "no_threads.txt", "en", DAY)


def test_pocketpress_command_imports_into_the_project(tmp_path, capsys):
    """`pocketpress --project P import threads ...` writes into P/content by default."""
    from pocketpress import cli

    assert (
        cli.main(
            [
                "--project",
                str(tmp_path),
                "import",
                "threads",
                str(WORKERS),
                "--edition",
                "workers",
                "--lang",
                "en",
                "--date",
                "2024-05-01",
            ]
        )
        == 0
    )
    assert (tmp_path / "content" / "workers" / "en" / "tractor-plant.md").exists()
    assert "chapters: 2" in capsys.readouterr().out


# -- numbering styles, /end, date posts, links, titles: Spanish, Italian, Ukrainian dumps ---------------


@pytest.mark.parametrize(
    ("lines", "numbers"),
    [
        (["1/ Uno.", "2/ Dos.", "3/ Tres. /end"], [1, 2, 3]),
        (["1/3 Uno.", "2/3 Dos.", "3/3 Tres."], [1, 2, 3]),
        (["(1/3) Uno.", "(2/3) Dos.", "(3/3) Tres."], [1, 2, 3]),
        (["Uno. (1/3)", "Dos. (2/3)", "Tres. 3/3"], [1, 2, 3]),
        (["1. Uno.", "2. Dos.", "3. Tres."], [1, 2, 3]),
        (["🧵 1/ Uno.", "2/ Dos.", "3/ Tres."], [1, 2, 3]),
    ],
)
def test_every_numbering_style(lines, numbers):
    from pocketpress.importers.common import Report
    from pocketpress.importers.threads import split_threads

    threads = split_threads(lines, Report("x"), "es")
    assert len(threads) == 1
    assert [p.number for p in threads[0].posts] == numbers
    assert [p.lines[0][1] for p in threads[0].posts] == ["Uno.", "Dos.", "Tres."]
    assert threads[0].complete == (lines[-1].endswith("/end") or "3/3" in lines[-1])


def test_spanish_dump(tmp_path, capsys):
    edition, report = import_threads(DATA / "threads_es.txt", "es", DAY, "huelgas")
    port, buses = edition.chapters
    # a title of 12 words at most, cut at a clause (", según"), never repeated as a paragraph
    assert port.title == "Los trabajadores del puerto de Valencia llevan tres días en huelga"
    assert kinds(port) == ["standfirst", "para", "para", "quote", "para", "para"]
    assert port.date == dt.date(2025, 3, 3) and not port.excerpt  # the date post; /end
    assert port.blocks[4].text == "Más información en <https://ejemplo.org/huelga-puerto>."
    # text after /end belongs to no thread: it stops the import
    assert report.unclassified == [(8, "Texto suelto que no es de ningún hilo.")]
    assert buses.title == "¿Quién paga la guerra?" and not buses.excerpt  # (3/3): complete
    assert buses.blocks[0].kind == "standfirst" and buses.blocks[0].text.startswith("Los conductores")
    assert run(DATA / "threads_es.txt", "--edition", "h", "--lang", "es", "--into", tmp_path) == 2
    assert "--force" in capsys.readouterr().err
    assert run(DATA / "threads_es.txt", "--edition", "h", "--lang", "es", "--into", tmp_path, "--force") == 0
    text = (tmp_path / "h" / "es" / f"{port.id}.md").read_text(encoding="utf-8")
    assert "{.standfirst}\nLos trabajadores" in text and "<https://ejemplo.org/huelga-puerto>" in text


def test_italian_dump_numbered_with_dots():
    edition, report = import_threads(DATA / "threads_it.txt", "it", DAY, "scioperi")
    plant, buses = edition.chapters
    assert plant.title == "Gli operai della fabbrica di trattori di Torino hanno fermato il lavoro"
    assert not plant.excerpt and buses.excerpt  # /end on a line of its own; the second is cut off
    assert plant.blocks[-1].text == "Il sig. Bianchi, delegato sindacale, ci ha detto che la direzione non ha risposto."
    assert len(buses.title.split()) <= 12 and buses.title.startswith("Gli autisti degli autobus di Genova")
    assert (5, f"title cut from the first sentence of the summary post: {buses.title}") in report.guesses


def test_ukrainian_dump():
    edition, _ = import_threads(DATA / "threads_uk.txt", "uk", DAY, "straiky")
    (plant,) = edition.chapters
    assert plant.date == dt.date(2025, 3, 3) and not plant.excerpt
    assert plant.title == "Робітники тракторного заводу в Харкові третій день не виходять на роботу"
    assert plant.blocks[-1].text == "Докладніше: <https://pryklad.org/strajk>"
    assert kinds(plant) == ["standfirst", "para", "para"]


def test_links_and_separator_lines(tmp_path):
    dump = tmp_path / "dump.txt"
    dump.write_text(
        "1/ Strike at the port: the dockers stopped work this morning.\n"
        "2/ Details at https://example.org/strike, photos at www.example.org/photos.\n"
        "/end\n---\n"
        "1/ The bus drivers walked out too.\n",
        encoding="utf-8",
    )
    edition, report = import_threads(dump, "en", DAY, "strikes")
    assert report.unclassified == [] and len(edition.chapters) == 2
    assert edition.chapters[0].blocks[-1].text == (
        "Details at <https://example.org/strike>, photos at [www.example.org/photos](https://www.example.org/photos)."
    )


def test_german_dump_numbered_at_the_end_of_each_post():
    """`… (2/5)` at the end of a post whose text starts with a number (`14. März 2025`, a date post):
    the number expected next is the post's; a title is never cut after a word that opens a clause."""
    edition, report = import_threads(DATA / "threads_de.txt", "de", DAY, "streiks")
    port, trams = edition.chapters
    assert port.date == dt.date(2025, 3, 14) and not port.excerpt  # (5/5): complete
    assert port.title == "Die Beschäftigten des Hamburger Hafens streiken seit Montag"  # not "…, weil"
    assert kinds(port) == ["standfirst", "para", "para", "para", "para"]
    assert port.blocks[-1].text == (
        "Mehr dazu auf <https://beispiel.org/hafen-streik> und [www.hafen-info.de](https://www.hafen-info.de)"
    )
    assert trams.title == "Wer bezahlt den Krieg?" and not trams.excerpt
    assert [b.text for b in trams.blocks][
        -1
    ] == "Die Straßenbahnen fahren trotzdem weiter, weil die Leute sie brauchen."
    assert not any("out of turn" in what for _, what in report.guesses) and report.unclassified == []
