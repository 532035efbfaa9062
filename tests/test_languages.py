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
def test_ukrainian_lines_are_hyphenated(built):
    doc = pdfium.PdfDocument(built(SLUG, "uk", "pdf"))
    text = "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    # pdfium marks a hyphen that the layout added at a line end as U+FFFE
    hyphenated = re.findall(r"[а-яіїєґ'’]+\ufffe[а-яіїєґ'’]+", text)
    assert len(hyphenated) >= 50, hyphenated


@pytest.mark.slow
def test_no_replacement_glyphs_in_any_language(book):
    assert "\ufffd" not in "".join(book["texts"])


def test_spanish_status_names_missing_chapters(project, capsys):
    code = main(["--project", str(project.root), "status", "--edition", SLUG])
    out = capsys.readouterr().out
    assert code == 1
    rows = {
        line.split()[0]: line.split()[1:] for line in out.splitlines()[2:] if line.startswith("  ") and ":" not in line
    }
    header = out.splitlines()[1].split()[1:]
    es = header.index("es")
    assert rows["catastrophe"][es] == "missing" and rows["self-demobilization"][es] == "missing"
    assert rows["long-hot-summer"][es] == "translated"
    uk = header.index("uk")
    assert all(states[uk] == "translated" for states in rows.values())


def test_changed_english_chapter_makes_ukrainian_outdated(real_copy, capsys):
    source = real_copy.content / SLUG / "en" / "catastrophe.md"
    source.write_text(source.read_text() + "\nA paragraph added to the English text.\n")
    main(["--project", str(real_copy.root), "status", "--edition", SLUG, "--langs", "uk"])
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if line.strip().startswith("catastrophe"))
    assert row.split() == ["catastrophe", "source", "outdated"]


def test_make_pdf_reports_the_partial_spanish_edition(real_copy, capsys):
    from pocketpress.build import plan

    the_plan = plan(real_copy, ["pdf"], [SLUG], None)
    skipped = [r for r in the_plan.done if r.output.endswith("-es.pdf")]
    assert skipped and "catastrophe" in skipped[0].detail and "self-demobilization" in skipped[0].detail
