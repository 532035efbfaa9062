"""Fuzzing the loader and the renderer (not WeasyPrint) with random Markdown and YAML headers.

Every outcome must be an edition rendered to HTML (print and EPUB chapters), or a clean ContentError
whose problems each name a file: never another exception. In the normal test suite a few dozen examples
run; `make fuzz` (POCKETPRESS_FUZZ_SECONDS=60) keeps drawing new ones for that many seconds.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pocketpress.errors import ContentError
from pocketpress.loader import load_edition
from pocketpress.render import print_html
from tests.conftest import copy_project

FUZZ_SECONDS = float(os.environ.get("POCKETPRESS_FUZZ_SECONDS") or 0)

PIECES = [
    '"', "'", "„", "“", "”", "«", "»", "‘", "’", '"quoted "nested" words"', "{.closing}", "{.credit}", "{#id .x}",
    "{.", "{", "}", "# ", "## ", "###### ", "####### ", "- ", "* ", "1. ", "> ", ">> ", "    ", "```", "~~~", "`",
    "| a | b |\n|---|---|\n| 1 | 2 |", "<b>", "</div>", "<!-- x -->", "<script>x</script>",
    "&amp;", "&#0;", "&#x110000;",
    "[link](#first)", "[x](second.md)", "[y](#nowhere)", "![p](pictures/first.svg)", "![q](../x.png)", "<https://x.org>",
    "* * *", "---", "***", "___", "\\", "*", "_", "**", "~~", "[", "]", "(", ")", "\n", "\n\n", " ", "\t",
    "שלום", "مرحبا", "\u200f", "\u200e", "\u202e", "\u2066", "e\u0301", "\u0301", "\u200b", "\u200d", "\u2060",
    "\ufeff",
    "\u2028", "\u2029", "\x85", "\x00", "\x07", "\x1b", "\r\n", "\r", "🎉", "👩‍👩‍👧", "中文", "Ελληνικά", "Україна",
    "--", "...", "(c)", "+-",
]  # fmt: skip

YAML_KEYS = ["title", "caption", "alt", "epigraph", "translated_from", "unknown", "title "]
YAML_VALUES = [
    "x", '"quoted"', "'single'", "1984", "NO", "yes", "null", "~", "[a, b]", "{a: 1}", "&a x", "*a", "|", ">",
    "!!python/object:x", "!!binary aGVsbG8=", "2024-13-45", '"unclosed', "- item", "'it''s'", "é", "🎉", ": colon",
    "&x [*x]", "\u2028", "\t",
]  # fmt: skip

markdown = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=40).map("".join)
header_line = st.tuples(st.sampled_from(YAML_KEYS), st.sampled_from(YAML_VALUES)).map(lambda kv: f"{kv[0]}: {kv[1]}")
header = st.lists(st.one_of(header_line, st.sampled_from(YAML_VALUES), st.text(max_size=10)), max_size=6).map("\n".join)
opening = st.sampled_from(["---\n", "---\r\n", "\ufeff---\n", "", "--- \n", "----\n"])
closing = st.sampled_from(["\n---\n", "\n...\n", "\n", "\n--\n", ""])


@pytest.fixture(scope="module")
def press(tmp_path_factory):
    return copy_project(Path(__file__).parent / "data/mini/content", tmp_path_factory.mktemp("fuzz") / "press")


def check(project, chapter: str, language_extra: str) -> None:
    """Load and render the edition with this second chapter: HTML, or a ContentError naming files."""
    (project.content / "mini/en/second.md").write_bytes(chapter.encode("utf-8", "surrogatepass"))
    base = (Path(__file__).parent / "data/mini/content/mini/en/edition.yaml").read_text()
    (project.content / "mini/en/edition.yaml").write_text(base + language_extra, encoding="utf-8")
    try:
        edition = load_edition(project, "mini", "en")
    except ContentError as exc:
        assert exc.problems
        assert all(p.path.startswith("content/mini") or p.path.startswith("layouts") for p in exc.problems), exc
        return
    html = print_html(project, edition, project.build)
    assert "<html" in html
    from pocketpress import epub

    book = epub.Book(project, edition, epub.environment(project), epub.chapter_entries(edition), {}, [])
    epub.build_documents(book)
    chapters = {c["view"].id: (c["href"], c["view"].source) for c in book.chapters}
    epub.epub_links.resolve(book.docs, chapters, project.show)
    for doc in book.docs:
        epub.serialize(doc.tree)


def fuzz_case(project, opening_: str, header_: str, closing_: str, body: str, extra: str) -> None:
    check(project, opening_ + header_ + closing_ + body, extra)


PLAIN = ("---\n", "title: A title", "\n---\n")


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)
@given(opening, header, closing, markdown, st.sampled_from(["", "title: x\n", "contacts: &c [*c]\n", "x: \u2029\n"]))
@example(*PLAIN, "words \u2029more", "")  # issue 16, item 1: a WeasyPrint AssertionError before
@example(*PLAIN, "See [there](#first) and [x](#nope).\n\n<b>raw</b>", "")
@example("---\n", "title: x\na: &x [*x]", "\n---\n", "", "")
@example("---\n", "title: 1984", "\n---\n", "text", "edition_code: NO\n")
@example("\ufeff---\n", "title: \u2028x", "\n---\n", "\x85\u2029", "")
def test_random_markdown_and_headers_give_output_or_a_clean_error(press, opening, header, closing, body, extra):
    fuzz_case(press, opening, header, closing, body, extra)


@pytest.mark.skipif(not FUZZ_SECONDS, reason="set POCKETPRESS_FUZZ_SECONDS (make fuzz) for the long run")
def test_fuzz_for_a_bounded_time(press):
    """The long run: new random examples until POCKETPRESS_FUZZ_SECONDS have passed."""
    end = time.monotonic() + FUZZ_SECONDS
    runs = 0
    inner = settings(max_examples=200, deadline=None, database=None, suppress_health_check=list(HealthCheck))(
        given(opening, header, closing, markdown, st.text(max_size=30))(
            lambda opening_, header_, closing_, body, extra: fuzz_case(press, opening_, header_, closing_, body, extra)
        )
    )
    while time.monotonic() < end:
        inner()
        runs += 200
    print(f"fuzzed {runs} examples in {FUZZ_SECONDS:g} s")
    shutil.rmtree(press.build, ignore_errors=True)
