"""`pocketpress import extracted`: the seed edition and a small edition of our own (tests/data/import/winter.txt)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from pocketpress.cli import main
from pocketpress.importers.common import ImportFailure
from pocketpress.importers.damage import KNOWN
from pocketpress.importers.extracted import import_extracted
from pocketpress.schema import ChapterHeader, EditionFile, LanguageFile

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "data" / "seeds" / "000_024959c073647d9b.txt"  # a copy of shared/seeds/000_024959c073647d9b.txt
DATA = ROOT / "tests" / "data" / "import"
WINTER = DATA / "winter.txt"


def run(*argv: str) -> int:
    return main(["import", "extracted", *map(str, argv)])


def chapter_files(folder: Path, lang: str = "en") -> dict[str, tuple[dict, str]]:
    """id -> (header, Markdown body) of every Markdown file of the language."""
    out = {}
    for path in sorted((folder / lang).glob("*.md")):
        _, header, body = path.read_text(encoding="utf-8").split("---\n", 2)
        out[path.stem] = (yaml.safe_load(header), body)
    return out


def kinds(chapter) -> list[str]:
    return [b.kind for b in chapter.blocks]


# -- the seed ------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed():
    return import_extracted(SEED, "en")


def test_seed_cover_facts(seed):
    edition, report = seed
    assert (edition.title, edition.author, edition.series) == ("Voices from Ukraine", "Assembly", "POCKET EDITION")
    assert (edition.date, edition.edition_code) == ("2025-01", "EN 07")
    assert edition.contacts == ["pocketedition.noblogs.org", "pocketedition@riseup.net"]
    assert report.unclassified == []


def test_seed_introduction_and_credit(seed):
    intro = seed[0].introduction
    assert [b.kind for b in intro] == ["para", "credit"]
    assert intro[0].text.startswith("We publish here the English version")
    assert intro[1].text == "All texts in this publication were originally published on website libcom.org"


def test_seed_chapters(seed):
    chapters = seed[0].chapters
    assert [c.id for c in chapters] == ["long-hot-summer", "catastrophe", "self-demobilization"]
    assert [str(c.date) for c in chapters] == ["2024-09-06", "2024-09-22", "2024-11-11"]
    assert chapters[0].title == (
        "In the long hot summer, Ukrainian and Russian soldiers broke records for the growth of desertions"
    )
    assert chapters[1].title == "Catastrophe for somebody, salvation for others. Desertion is flooding Ukraine"
    assert chapters[2].title == (
        "Ukraine: From a wave of desertion to spontaneous self-demobilization amid US elections"
    )


def test_seed_openers(seed):
    first, second, third = seed[0].chapters
    assert first.caption.startswith("The title picture: a poster by Carlos A. Cortéz")
    assert first.epigraph is None and second.caption is None
    assert second.epigraph == '"Suppose they give a war and no one comes!"'
    assert third.caption.startswith("National Unity and Armed Forces Day") and "Photos were sent" in third.caption


def test_seed_body_structure(seed):
    first, second, third = seed[0].chapters
    assert kinds(first).count("break") == 1 and kinds(first)[1] == "break"
    assert first.blocks[-1].kind == "closing" and first.blocks[-1].text == "Unite! Demobilize! Don't utilize!"
    assert third.blocks[-1].kind == "closing" and third.blocks[-1].text == "We are at a turning point in history."
    assert second.blocks[-1].kind == "para"
    headings = [b.text for c in (first, second, third) for b in c.blocks if b.kind == "heading"]
    assert headings == ["The rally in the 123rd Brigade"]
    letter = [b for b in second.blocks if b.kind == "quote" and b.continues]
    assert any(b.text.startswith("Well, and interesting observations") for b in letter)
    quoted = [b.text[:12] for b in second.blocks if b.kind == "quote" and not b.continues]
    assert quoted == ['"I have a sm', '"I have thre', '"A guy worke', '"Half of my ', "\"I'm a consc", '"The article']


def test_seed_paragraph_counts(seed):
    counts = [len([b for b in c.blocks if b.kind in ("para", "quote", "closing")]) for c in seed[0].chapters]
    assert counts == [30, 28, 18]


def test_seed_words_made_whole(seed):
    edition, report = seed
    repaired = {r.after for r in report.repairs}
    assert {"eastern", "commander's", "bracelets", "conscripts", "though", "internal", "under", "direction"} <= repaired
    text = all_text(edition)
    for word in (
        "eastern front",
        "the commander's competence",
        "patriotic bracelets",
        "Russian conscripts",
        "Even though",
        "the internal investigation",
        "hiding under non-stop",
        "Kursk direction",
    ):
        assert word in text
    for cut in ("ea-", "comman ", "bra-", "con scripts", "thou gh", "inter nal", " un der"):
        assert cut not in text


def test_seed_two_words_stay_two(seed):
    text = all_text(seed[0])
    for words in (
        "severe forms of patriotism",
        "demonstrated how both",
        "military unit. They",
        "force majeure",
        "only a few stand trial",
        "March 7. Their image",
    ):
        assert words in text


def test_seed_text_kept_as_written(seed):
    text = all_text(seed[0])
    for kept in ("Russian-Ukrainian", "[...]", "[near Moscow, – Ed.]", "*Assembly*"):
        assert kept in text
    assert not re.search(r"leftarrow|rightarrow|\$|[“”‘’]", text)


def test_seed_known_damage_fixed_and_reported(seed):
    edition, report = seed
    text = all_text(edition)
    fixes = [(r.before, r.after) for r in report.damage]
    assert fixes == [
        ('dying,"said', 'dying," said'),
        ("22year-old", "22-year-old"),
        ("militarypolitical", "military-political"),
        ("comrades-inarms", "comrades-in-arms"),
        ("oneway", "one-way"),
        ("regist-ration", "registration"),
        ("twothirds", "two-thirds"),
    ]
    for before, after in fixes:
        assert before not in text and after in text
    lines = report.lines(edition)
    assert "  known source damage fixed: 7" in lines
    assert any("'regist-ration' -> 'registration'" in line for line in lines)


def test_seed_every_word_in_order(seed):
    """The body words of the seed, folios removed, are the imported words in the same order,
    apart from the repaired words and the dates (written as ISO dates)."""
    raw = SEED.read_text(encoding="utf-8").splitlines()
    body = re.sub(r"\$?\\leftarrow\s*\d+\s*\\rightarrow\$?", " ", "\n".join(raw[19:289]))
    body = re.sub(r"\n[A-Z]+ \d+, \d{4}\n", "\n", body).replace("^{**}", "**")
    for before, after in KNOWN["en"]:
        body = body.replace(before, after)
    seed_words = re.findall(r"\w+", body.lower())
    edition, report = seed
    imported = re.findall(r"\w+", all_text(edition, titles=True).lower())
    for repair in report.repairs:
        if "|" in repair.before:
            left, right = (part.strip(" -") for part in repair.before.split("|"))
            pair = re.findall(r"\w+", f"{left} {right}".lower())
            joined = re.findall(r"\w+", repair.after.lower())
            for n in range(len(seed_words)):
                if seed_words[n : n + len(pair)] == pair:
                    seed_words[n : n + len(pair)] = joined
                    break
    assert imported == seed_words


def all_text(edition, titles: bool = False) -> str:
    parts = []
    for block in edition.introduction:
        parts.append(block.text)
    for chapter in edition.chapters:
        if titles:
            parts += [chapter.title.upper(), *([chapter.epigraph.upper()] if chapter.epigraph else [])]
        parts += [chapter.caption or ""] + [b.text for b in chapter.blocks]
    return "\n".join(parts)


def test_seed_written_files_validate(tmp_path):
    assert run(SEED, "--edition", "voices-from-ukraine", "--lang", "en", "--into", tmp_path) == 0
    folder = tmp_path / "voices-from-ukraine"
    settings = EditionFile.model_validate(yaml.safe_load((folder / "edition.yaml").read_text()))
    assert (settings.page_size, settings.folio, settings.contents_folio) == ("A6", "← {page} →", "/ {page} /")
    assert (settings.fonts.body, settings.fonts.display, settings.introduction) == (
        "PT Serif",
        "PT Sans",
        "introduction",
    )
    assert [c.picture for c in settings.chapters] == [
        "pictures/long-hot-summer.svg",
        None,
        "pictures/self-demobilization.svg",
    ]
    language = LanguageFile.model_validate(yaml.safe_load((folder / "en" / "edition.yaml").read_text()))
    assert (language.title, language.edition_code) == ("Voices from Ukraine", "EN 07")
    files = chapter_files(folder)
    assert set(files) == {"introduction", "long-hot-summer", "catastrophe", "self-demobilization"}
    for header, body in files.values():
        ChapterHeader.model_validate(header)
        assert "leftarrow" not in body
    assert "{.closing}\nUnite! Demobilize! Don't utilize!\n" in files["long-hot-summer"][1]
    assert "\n## The rally in the 123rd Brigade\n" in files["self-demobilization"][1]
    assert "fag\\*\\*ts" in files["self-demobilization"][1]


# -- a small edition of our own -------------------------------------------------


@pytest.fixture(scope="module")
def winter():
    return import_extracted(WINTER, "en")


def test_small_cover_and_contents(winter):
    edition, report = winter
    assert (edition.title, edition.author, edition.date, edition.edition_code) == (
        "The winter of refusals",
        "Kharkiv Workers' Circle",
        "2024-03",
        "EN 03",
    )
    assert edition.contacts == ["example.noblogs.org", "editors@example.org"]
    assert report.facts["contents entries"] == 2
    assert [b.kind for b in edition.introduction] == ["para", "credit"]


def test_small_chapters(winter):
    first, second = winter[0].chapters
    assert (first.id, str(first.date), first.title) == (
        "refusals",
        "2023-12-03",
        "The winter of refusals: Letters from the trenches",
    )
    assert (second.id, str(second.date), second.title) == (
        "12th-brigade-went-home",
        "2024-01-15",
        "Why the soldiers of the 12th Brigade went home. A chronicle",
    )
    assert first.caption == "The title picture: a drawing by an unknown soldier, found in a trench near the river."
    assert second.epigraph == '"Nobody will fight for them!"' and second.caption is None
    assert kinds(first) == ["para", "break", "para", "para", "para", "quote", "heading", "para", "closing"]
    assert kinds(second) == ["para", "para", "quote", "quote", "quote", "para"]
    assert [b.continues for b in second.blocks[2:5]] == [False, True, True]


def test_small_folios_everywhere(winter):
    edition, report = winter
    first = edition.chapters[0]
    texts = [b.text for b in first.blocks]
    # alone on a line mid-sentence; inline mid-word without hyphen
    assert (
        texts[2].startswith("Every morning")
        and "the commanders knew it well. They wrote to their families every" in texts[2]
    )
    # at the start of a paragraph: a new paragraph, folio gone
    assert texts[3].startswith("The letters tell the same story")
    # mid-word with hyphen (blank line), mid-word without hyphen (folio at line end), real hyphen kept
    assert "the soldiers simply walked away" in texts[4] and "The commanders refused" in texts[4]
    assert "two-thirds" in texts[4] and "The Russian-Ukrainian front" in texts[4] and "the cold nights" in texts[4]
    # inside a quotation
    assert (
        texts[5] == '"We will not go back to the trenches," one letter says. '
        '"Our commanders have left us there to freeze and to die."'
    )
    # a hyphen that is a real one, before an inline folio
    assert "the front-line positions" in texts[7]
    assert sorted(r.after for r in report.repairs) == [
        "Russian-Ukrainian",
        "commanders",
        "families",
        "front-line",
        "soldiers",
    ]
    assert [(r.line, r.to_line) for r in report.repairs] == [(39, 39), (43, 45), (45, 47), (47, 49), (59, 59)]


def test_small_report_printed(tmp_path, capsys):
    assert run(WINTER, "--edition", "winter", "--lang", "en", "--into", tmp_path) == 0
    out = capsys.readouterr().out
    assert "chapters: 2" in out and "repaired words: 5" in out and "unclassified lines: 0" in out
    assert (
        "lines 43-45: joined 'sol- | diers' -> 'soldiers'" in out
        and "line 39: joined 'fami | lies' -> 'families'" in out
    )
    assert "1. refusals (line 21)" in out


def test_small_picture_placeholder(tmp_path):
    assert run(WINTER, "--edition", "winter", "--lang", "en", "--into", tmp_path) == 0
    svg = (tmp_path / "winter" / "pictures" / "refusals.svg").read_text()
    assert (
        'width="1000" height="700"' in svg and "<title>Placeholder for the title picture: The winter of refusals" in svg
    )
    assert not re.search(r"<script|href=|url\(|@import|<image", svg)
    assert "<text" not in svg, "a placeholder draws no words: it serves every language edition"
    assert not (tmp_path / "winter" / "pictures" / "12th-brigade-went-home.svg").exists()


# -- safety and errors ------------------------------------------------------------


def test_force_protects_existing_edition(tmp_path, capsys):
    args = (WINTER, "--edition", "winter", "--lang", "en", "--into", tmp_path)
    assert run(*args) == 0
    chapter = tmp_path / "winter" / "en" / "refusals.md"
    chapter.write_text(chapter.read_text().replace("Go home!", "Edited by hand!"))
    capsys.readouterr()
    assert run(*args) == 2
    err = capsys.readouterr().err
    assert "--force" in err and "already exists" in err and "Traceback" not in err
    assert "Edited by hand!" in chapter.read_text()
    assert run(*args, "--force") == 0
    assert "Edited by hand!" not in chapter.read_text()


def test_force_keeps_a_real_picture(tmp_path):
    args = (WINTER, "--edition", "winter", "--lang", "en", "--into", tmp_path)
    picture = tmp_path / "winter" / "pictures" / "refusals.svg"
    picture.parent.mkdir(parents=True)
    picture.write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    assert run(*args) == 0
    assert picture.read_text() == "<svg xmlns='http://www.w3.org/2000/svg'/>"


def test_other_language_folder_is_not_a_conflict(tmp_path):
    (tmp_path / "winter" / "uk").mkdir(parents=True)
    assert run(WINTER, "--edition", "winter", "--lang", "en", "--into", tmp_path) == 0


def test_api_raises_import_failure():
    with pytest.raises(ImportFailure, match="no chapters"):
        import_extracted(DATA / "no_chapters.txt", "en")


def test_bad_slug(tmp_path, capsys):
    assert run(WINTER, "--edition", "Not A Slug", "--lang", "en", "--into", tmp_path) == 2
    assert "slug" in capsys.readouterr().err


def test_shipped_edition_is_the_importers_output(tmp_path):
    """content/voices-from-ukraine/en is exactly what `pocketpress import extracted` makes of the seed."""
    assert run(SEED, "--edition", "voices-from-ukraine", "--lang", "en", "--into", tmp_path) == 0
    shipped = ROOT / "content" / "voices-from-ukraine" / "en"
    made = tmp_path / "voices-from-ukraine" / "en"
    assert sorted(p.name for p in made.iterdir()) == sorted(p.name for p in shipped.iterdir())
    for path in made.iterdir():
        assert path.read_text(encoding="utf-8") == (shipped / path.name).read_text(encoding="utf-8"), path.name


def test_not_a_pdf(tmp_path, capsys):
    fake = tmp_path / "old.pdf"
    fake.write_text("not a PDF at all\n")
    assert main(["import", "pdf", str(fake), "--edition", "x", "--lang", "en", "--into", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "old.pdf: not a PDF that can be read" in err and "Traceback" not in err
