"""`pocketpress import pdf`: the toolkit's own PDFs of the shipped editions imported back (a round trip):
the words in order, the chapter structure, and every word the layout hyphenated made whole again."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import yaml

from pocketpress.cli import main
from pocketpress.importers.pdf import import_pdf

ROOT = Path(__file__).resolve().parents[1]
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
MARKUP = re.compile(r"^\{\.[a-z]+\}$|^#+ |^> ?|^\* \* \*$", re.M)


def source(slug: str, lang: str) -> tuple[list[dict], list[str]]:
    """(chapter headers, words) of the shipped content, in reading order (introduction, chapters)."""
    folder = ROOT / "content" / slug
    settings = yaml.safe_load((folder / "edition.yaml").read_text(encoding="utf-8"))
    ids = ([settings["introduction"]] if settings.get("introduction") else []) + [c["id"] for c in settings["chapters"]]
    headers, words = [], []
    for cid in ids:
        if not (folder / lang / f"{cid}.md").exists():
            continue  # a partial translation: the chapter is not in this language's PDF
        _, header_text, body = (folder / lang / f"{cid}.md").read_text(encoding="utf-8").split("---\n", 2)
        header = yaml.safe_load(header_text)
        if cid != settings.get("introduction"):
            headers.append({**header, "id": cid, **next(c for c in settings["chapters"] if c["id"] == cid)})
            words += WORD.findall(" ".join(header.get(k) or "" for k in ("title", "epigraph", "caption")))
        words += WORD.findall(MARKUP.sub(" ", body))
    return headers, [w.lower().replace("’", "'") for w in words]


def imported_words(edition) -> list[str]:
    words = WORD.findall(" ".join(b.text for b in edition.introduction))
    for chapter in edition.chapters:
        parts = [chapter.title, chapter.epigraph or "", chapter.caption or ""] + [b.text for b in chapter.blocks]
        words += WORD.findall(" ".join(parts))
    return [w.lower().replace("’", "'") for w in words]


def in_order(expected: list[str], got: list[str]) -> float:
    """The share of the expected words found, in order, in what was imported."""
    matcher = difflib.SequenceMatcher(None, expected, got, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(expected)


EDITIONS = [
    ("voices-from-ukraine", "en"),
    ("voices-from-ukraine", "uk"),
    ("voices-from-ukraine", "es"),  # a partial translation: one chapter
    ("voices-from-the-russian-army", "en"),
]


@pytest.fixture(scope="module")
def round_trips(built):
    out = {}
    for slug, lang in EDITIONS:
        edition, report = import_pdf(built(slug, lang), lang)
        out[slug, lang] = (edition, report, *source(slug, lang))
    return out


@pytest.mark.slow
@pytest.mark.parametrize(("slug", "lang"), EDITIONS)
def test_words_come_back_in_order(round_trips, slug, lang):
    edition, _, _, words = round_trips[slug, lang]
    got = imported_words(edition)
    score = in_order(words, got)
    print(f"{slug} {lang}: {len(words)} words in, {len(got)} out, {score:.4f} in order")
    assert score >= 0.995


@pytest.mark.slow
@pytest.mark.parametrize(("slug", "lang"), EDITIONS)
def test_chapter_structure_comes_back(round_trips, slug, lang):
    edition, report, headers, _ = round_trips[slug, lang]
    assert [c.title for c in edition.chapters] == [h["title"] for h in headers]
    assert [c.date for c in edition.chapters] == [h.get("date") for h in headers]
    assert [bool(c.caption) for c in edition.chapters] == [bool(h.get("caption")) for h in headers]
    assert [c.epigraph for c in edition.chapters] == [h.get("epigraph") for h in headers]
    assert [c.excerpt for c in edition.chapters] == [bool(h.get("excerpt")) for h in headers]
    assert report.unclassified == []
    for chapter, cid in zip(edition.chapters, [h["id"] for h in headers], strict=True):
        body = (ROOT / "content" / slug / lang / f"{cid}.md").read_text(encoding="utf-8").split("---\n", 2)[2]
        kinds = [b.kind for b in chapter.blocks]
        assert kinds.count("break") == body.count("\n* * *\n"), cid
        assert kinds.count("heading") == len(re.findall(r"^## ", body, re.M)), cid
        assert kinds.count("closing") == body.count("{.closing}"), cid
        assert kinds.count("quote") == len(re.findall(r"^> ?\S", body, re.M)), cid


@pytest.mark.slow
@pytest.mark.parametrize(("slug", "lang"), EDITIONS)
def test_every_hyphenated_word_made_whole(round_trips, slug, lang):
    """Each word the layout cut at a line end is one word again: no 'interna- tional', no 'interna-tional'
    unless the source writes it so."""
    _, report, _, words = round_trips[slug, lang]
    known = set(words) | {part for word in words for part in word.split("'")}
    guessed = {what for _, what in report.guesses}
    for repair in report.repairs:
        whole = repair.after.lower().replace("’", "'")
        if repair.kind() == "kept" and all(part in known for part in whole.split("-")):
            continue  # a compound hyphen the source has too (self-demobilization)
        if repair.kind() == "kept":  # not in the source: the report must list it for the editor to check
            assert any(repair.before in what for what in guessed), repair
            continue
        assert all(word in known for word in WORD.findall(whole)), repair
    assert len(report.repairs) > 10  # the optimal breaker hyphenates little (13 in voices-from-the-russian-army)


LAYOUT_CUT = re.compile(r"((?:[^\W\d_]+['’])*[^\W\d_]+)\u2011\r?\n([^\W\d_]+(?:['’][^\W\d_]+)*)")  # м’ясору‑ | бку
FOLIO_LINE = re.compile(r"\r?\n[←\s\d→]*$")


def layout_hyphenated(pdf: Path) -> list[str]:
    """The words the layout hyphenated, read from the PDF: its hyphen is U+2011 (styles/print.css
    hyphenate-character), so a word broken with it at a line end, also over a page, is one word."""
    document = pdfium.PdfDocument(str(pdf))
    pages = [FOLIO_LINE.sub("", document[n].get_textpage().get_text_range()) for n in range(len(document))]
    return [(head + tail).lower().replace("’", "'") for head, tail in LAYOUT_CUT.findall("\r\n".join(pages))]


@pytest.mark.slow
@pytest.mark.parametrize(("slug", "lang"), EDITIONS)
def test_every_layout_hyphen_is_removed(built, round_trips, slug, lang):
    """Every word broken with the layout's hyphen comes back whole, as often as the source has it,
    each such join is reported as a layout hyphen, and no U+2011 is left in what was imported."""
    edition, report, _, words = round_trips[slug, lang]
    cut = layout_hyphenated(built(slug, lang))
    assert len(cut) > 10  # the line breaker hyphenates less than greedy breaking did (russian-army: 21)
    got, want = Counter(imported_words(edition)), Counter(words)
    assert [w for w in cut if got[w] < want[w]] == []  # e.g. 'hutsul' imported as 'hut' + 'sul'
    assert sum(r.sure == "layout hyphen" for r in report.repairs) == len(cut)
    texts = [c.title for c in edition.chapters] + [b.text for c in edition.chapters for b in c.blocks]
    assert not any("\u2011" in t for t in texts)


@pytest.mark.slow
def test_import_pdf_command(built, tmp_path, capsys):
    pdf = built("voices-from-ukraine", "uk")
    assert main(["import", "pdf", str(pdf), "--edition", "back", "--into", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "language: detected uk" in out and "chapters: 3" in out
    assert (tmp_path / "back" / "uk" / "edition.yaml").exists()


def test_running_heads_and_folios_by_position_and_size():
    """A small line repeated in the head margin is a running head; a number in the foot margin a folio;
    the same words or numbers in the text stay."""
    from pocketpress.importers.common import Report
    from pocketpress.importers.pdf import Line, Page, remove_furniture

    def page(n: int, head: str) -> Page:
        lines = [
            Line(head, 100, 200, 400, 8.0),  # head margin, small
            Line("Voices from Ukraine is the name of the book and 12 is a number", 30, 260, 300, 12.0),
            Line("12", 30, 40, 300, 12.0),  # a number in the text, not in the foot margin
            Line(f"← {n} →", 140, 160, 20, 10.0),  # foot margin
        ]
        return Page(n, 297.6, 419.5, lines)

    pages = [page(n, f"VOICES FROM UKRAINE {n}") for n in range(5, 9)]
    remove_furniture(pages, 12.0, Report("x"))
    assert [p.folio for p in pages] == [5, 6, 7, 8]
    assert all([ln.text for ln in p.lines] == [pages[0].lines[0].text, "12"] for p in pages)
    assert pages[0].lines[0].text.startswith("Voices from Ukraine is")


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["de", "fr"])
def test_german_and_french_pamphlets_come_back_from_their_pdf(tmp_path, lang):
    """The test pamphlet imported, built (its layout hyphens U+2011) and imported back from the PDF: the same
    chapters, openers, blocks and words. The interface strings are the English ones (none shipped for de, fr)."""
    import shutil

    from pocketpress.importers.extracted import import_extracted

    for part in ("layouts", "styles"):
        shutil.copytree(ROOT / part, tmp_path / part)
    shutil.copy(tmp_path / "layouts" / "strings" / "en.yaml", tmp_path / "layouts" / "strings" / f"{lang}.yaml")
    pamphlet = ROOT / "tests" / "data" / "import" / f"{lang}.txt"
    assert main(["import", "extracted", str(pamphlet), "--edition", "t", "--lang", lang,
                 "--into", str(tmp_path / "content")]) == 0  # fmt: skip
    assert main(["--project", str(tmp_path), "build", "pdf"]) == 0
    before, _ = import_extracted(pamphlet, lang)
    after, report = import_pdf(tmp_path / "build" / f"t-{lang}.pdf", lang)
    assert [(c.title, c.date, c.epigraph, c.caption) for c in after.chapters] == [
        (c.title, c.date, c.epigraph, c.caption.replace("'", "’") if c.caption else None) for c in before.chapters
    ]
    assert [[b.kind for b in c.blocks] for c in after.chapters] == [[b.kind for b in c.blocks] for c in before.chapters]
    assert imported_words(after) == imported_words(before) and report.unclassified == []
    cut = layout_hyphenated(tmp_path / "build" / f"t-{lang}.pdf")
    assert len(cut) >= 2 and sum(r.sure == "layout hyphen" for r in report.repairs) == len(cut)
