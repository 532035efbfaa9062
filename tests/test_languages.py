"""Language editions: each language's hyphenation, quotation marks, dates, interface words and status."""

from __future__ import annotations

import re

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader

from pocketpress.cli import main

SLUG = "voices-from-ukraine"
LANGS = {
    "en": {"quotes": ("“", "‘"), "date": "SEPTEMBER 6, 2024", "cover": "january 2025", "contents": "CONTENTS"},
    "uk": {"quotes": ("«", "„"), "date": "6 ВЕРЕСНЯ 2024", "cover": "січень 2025", "contents": "ЗМІСТ"},
    "es": {"quotes": ("«", "“"), "date": "6 DE SEPTIEMBRE DE 2024", "cover": "enero de 2025", "contents": "ÍNDICE"},
}


@pytest.fixture(scope="module", params=sorted(LANGS))
def book(request, built):
    lang = request.param
    path = built(SLUG, lang, "pdf")
    doc = pdfium.PdfDocument(path)
    texts = [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    return {"lang": lang, "texts": texts, "reader": PdfReader(path), "expect": LANGS[lang]}


@pytest.mark.slow
def test_pdf_declares_the_language(book):
    assert book["reader"].trailer["/Root"]["/Lang"] == book["lang"]


@pytest.mark.slow
def test_quotation_marks_follow_the_language(book):
    text = "".join(book["texts"])
    outer, inner = book["expect"]["quotes"]
    assert outer in text and inner in text
    assert '"' not in text, "a straight double quote was left"


@pytest.mark.slow
def test_dates_in_the_languages_style(book):
    # letter-spaced lines come out of the PDF with spaces between letters: compare without spaces
    opener = "".join("".join(book["texts"][4:6]).split())
    assert "".join(book["expect"]["date"].split()) in opener
    cover = "".join(book["texts"][0].split())
    assert "".join(book["expect"]["cover"].split()) in cover


@pytest.mark.slow
def test_interface_words(book):
    contents = "".join(book["texts"][2].split())
    assert book["expect"]["contents"] in contents


@pytest.mark.slow
def test_translator_credit_under_the_introduction(book):
    """uk credits its translation to the press (the translator's own name is not known); es credits nobody."""
    credit = {"uk": "Переклад: Pocket Edition", "es": None, "en": None}[book["lang"]]
    intro = " ".join(book["texts"][3].split())
    assert ("Переклад:" in intro or "Traducción:" in intro or "Translation:" in intro) == bool(credit)
    assert credit is None or intro.endswith(credit)


@pytest.mark.slow
def test_ukrainian_lines_are_hyphenated(built):
    doc = pdfium.PdfDocument(built(SLUG, "uk", "pdf"))
    text = "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    # pdfium marks a hyphen that the layout added at a line end as U+FFFE
    hyphenated = re.findall(r"[а-яіїєґ'’]+(?:\ufffe|\u2011\s+)[а-яіїєґ'’]+", text)
    assert len(hyphenated) >= 50, hyphenated


@pytest.mark.slow
def test_no_replacement_glyphs_in_any_language(book):
    assert "\ufffd" not in "".join(book["texts"])


def status_rows(out: str, lang: str) -> dict[str, list[str]]:
    """The rows of one language's table: chapter -> translated, outdated, missing, untranslated."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"  {lang}: "))
    rows = {}
    for line in lines[start + 2 :]:
        if not line.startswith("    ") or line.strip().startswith("see what"):
            break
        rows[line.split()[0]] = line.split()[1:]
    return rows


def test_spanish_status_names_missing_chapters(project, capsys):
    code = main(["--project", str(project.root), "status", "--edition", SLUG])
    out = capsys.readouterr().out
    assert code == 1
    es = status_rows(out, "es")
    assert es["catastrophe"][:2] == ["0", "0"] and int(es["catastrophe"][2]) > 0
    assert es["self-demobilization"][:2] == ["0", "0"] and int(es["self-demobilization"][2]) > 0
    assert es["long-hot-summer"][1:] == ["0", "0", "0"]
    uk = status_rows(out, "uk")
    assert all(states[1:] == ["0", "0", "0"] for states in uk.values())
    assert "uk: 100% translated (107 of 107 segments)" in out  # 86 of the chapters, 21 edition strings
    assert uk["_edition"] == es["_edition"] == ["21", "0", "0", "0"]


def test_changed_english_chapter_makes_ukrainian_outdated(real_copy, capsys):
    source = real_copy.content / SLUG / "en" / "catastrophe.md"
    source.write_text(source.read_text().replace("The beginning of autumn", "The start of autumn", 1))
    main(["--project", str(real_copy.root), "status", "--edition", SLUG, "--langs", "uk"])
    out = capsys.readouterr().out
    assert status_rows(out, "uk")["catastrophe"][1] == "1"
    main(["--project", str(real_copy.root), "status", "--diff", f"{SLUG}/uk/catastrophe"])
    out = capsys.readouterr().out
    assert "  new source:  The [-beginning-] {+start+} of autumn was marked" in out


def test_make_pdf_reports_the_partial_spanish_edition(real_copy, capsys):
    from pocketpress.build import plan

    the_plan = plan(real_copy, ["pdf"], [SLUG], None)
    skipped = [r for r in the_plan.done if r.output.endswith("-es.pdf")]
    assert skipped and "catastrophe" in skipped[0].detail and "self-demobilization" in skipped[0].detail
