"""Mistakes on the command line and in the files: a clear message, exit status 2, no traceback, nothing written."""

from __future__ import annotations

import re
import shutil

import pytest

from pocketpress import segments
from pocketpress.cli import main
from pocketpress.formats import FORMATS


def run(project, capsys, *args):
    status = main(["--project", str(project.root), *args])
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return status, out.out, out.err


def edit(path, old, new):
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


def translate(project, lang, chapters):
    folder = project.content / "mini" / lang
    folder.mkdir()
    shutil.copy(project.content / "mini/en/edition.yaml", folder / "edition.yaml")
    for name in chapters:
        shutil.copy(project.content / f"mini/en/{name}.md", folder / f"{name}.md")


# Formats -----------------------------------------------------------------------


def test_unknown_format_is_named_with_did_you_mean_and_the_formats(mini, capsys):
    status, _, err = run(mini, capsys, "build", "pdff")
    assert status == 2
    assert (
        "pocketpress build: unknown format 'pdff' (did you mean 'pdf'? formats: pdf, epub, html, print, booklet, proof)"
        in err
    )
    assert not mini.build.exists()


def test_build_help_lists_every_format_with_its_description(mini, capsys):
    with pytest.raises(SystemExit):
        main(["build", "--help"])
    out = capsys.readouterr().out
    for fmt in FORMATS:
        assert f"{fmt.name:<7}  {fmt.description} (<edition>-<lang>{fmt.suffix})" in out


# Languages ---------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["xx", "xx-invalid"])
def test_unknown_language_is_an_error_naming_the_languages(mini, capsys, lang):
    status, _, err = run(mini, capsys, "build", "html", "--langs", lang)
    assert status == 2
    assert f"content/mini: no language '{lang}' in mini (languages: en)" in err
    assert not mini.build.exists()


def test_a_language_one_edition_has_is_enough(mini, capsys):
    translate(mini, "uk", ["introduction", "first", "second"])
    status, out, _ = run(mini, capsys, "build", "html", "--langs", "uk")
    assert status == 0
    assert "built       build/mini-uk.html" in out


# status ------------------------------------------------------------------------


def test_status_of_an_unknown_edition(mini, capsys):
    status, _, err = run(mini, capsys, "status", "--edition", "nope")
    assert status == 2
    assert "content/nope: no edition 'nope' (editions: mini)" in err


@pytest.mark.parametrize("command", ["build", "status", "check"])
def test_a_misspelt_edition_gets_a_did_you_mean(mini, capsys, command):
    status, _, err = run(mini, capsys, command, "--edition", "mnii")
    assert status == 2
    assert "content/mnii: no edition 'mnii' (did you mean 'mini'? editions: mini)" in err


def test_record_a_language_that_does_not_exist(mini, capsys):
    status, _, err = run(mini, capsys, "status", "--record", "mini/uk")
    assert status == 2
    assert "content/mini: no language 'uk' in mini (translations: none)" in err


def test_record_when_the_source_chapter_is_gone(mini, capsys):
    translate(mini, "uk", ["introduction", "first", "second"])
    (mini.content / "mini/en/first.md").unlink()
    status, _, err = run(mini, capsys, "status", "--record", "mini/uk/first")
    assert status == 2
    assert "content/mini/en/first.md: source chapter not found" in err
    assert not (mini.content / "mini/uk/translated-from.yaml").exists()


def test_record_problems_are_all_reported_and_nothing_is_written(mini, capsys):
    translate(mini, "uk", ["introduction", "first"])
    status, _, err = run(mini, capsys, "status", "--record", "mini/uk/second", "mini/uk/frist", "mini/uk/first")
    assert status == 2
    assert "content/mini/uk/second.md: translation not found: nothing to record" in err
    assert "content/mini/edition.yaml: no chapter 'frist' in mini (did you mean 'first'?" in err
    assert "2 problem(s) found; nothing was written." in err
    assert not (mini.content / "mini/uk/translated-from.yaml").exists()


def test_record_a_malformed_argument(mini, capsys):
    status, _, err = run(mini, capsys, "status", "--record", "mini/uk/first/extra")
    assert status == 2
    assert "--record 'mini/uk/first/extra': not EDITION, EDITION/LANG or EDITION/LANG/CHAPTER" in err


@pytest.mark.parametrize("what", [["mini/uk"], ["mini"], ["--all"]])
def test_record_a_whole_translation(mini, capsys, what):
    translate(mini, "uk", ["introduction", "first"])
    status, out, _ = run(mini, capsys, "status", "--record", *what)
    assert status == 0
    lines = out.splitlines()
    assert [line.split(":")[0] for line in lines] == ["mini/uk/_edition", "mini/uk/first", "mini/uk/introduction"]
    assert lines[0] == "mini/uk/_edition: 21 strings recorded as translated"  # title, contacts, interface words...
    assert all(line.endswith("segments recorded as translated") for line in lines[1:])
    status, out, _ = run(mini, capsys, "status")
    row = next(line for line in out.splitlines() if line.strip().startswith("second"))
    assert row.split()[1:] == [
        "0",
        "0",
        str(len(segments.parse((mini.content / "mini/en/second.md").read_text()).segments)),
        "0",
    ]


def test_record_the_source_language_says_there_is_nothing_to_record(mini, capsys):
    status, _, err = run(mini, capsys, "status", "--record", "mini/en")
    assert status == 2
    assert "'en' is the source language of mini: nothing to record" in err


# check -------------------------------------------------------------------------


def test_check_reports_the_problems_of_every_edition(mini, capsys):
    shutil.copytree(mini.content / "mini", mini.content / "other")
    edit(mini.content / "mini/edition.yaml", "page_size: A6", "page_sise: A6")
    edit(mini.content / "other/edition.yaml", "page_size: A6", "page_size: A99")
    status, _, err = run(mini, capsys, "check")
    assert status == 2
    assert "content/mini/edition.yaml:4: unknown key 'page_sise'" in err
    assert "content/other/edition.yaml:4:" in err and "not a page size" in err


# YAML --------------------------------------------------------------------------


def test_a_key_given_twice_in_edition_yaml(mini, capsys):
    edit(mini.content / "mini/edition.yaml", "page_size: A6", "page_size: A6\npage_size: A5")
    status, _, err = run(mini, capsys, "build", "html")
    assert status == 2
    assert "content/mini/edition.yaml:5: key 'page_size' is given twice (first at line 4) (keep one of the two)" in err
    assert not mini.build.exists()


def test_a_key_given_twice_in_a_chapter_header(mini, capsys):
    edit(mini.content / "mini/en/second.md", "title: The second chapter", "title: The second chapter\ntitle: Again")
    status, _, err = run(mini, capsys, "build", "html")
    assert status == 2
    assert "content/mini/en/second.md:3: key 'title' is given twice (first at line 2)" in err


# Folios ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("folio", "message"),
    [
        ("{pages}", "unknown placeholder {pages}: the page number is written {page}"),
        ("{page} / {page}", "{page} appears 2 times: the page number is printed once"),
        ("page", "must contain {page}"),
    ],
)
def test_a_wrong_folio_is_an_error(mini, capsys, folio, message):
    edit(mini.content / "mini/edition.yaml", "page_size: A6", f'page_size: A6\ncontents_folio: "{folio}"')
    status, _, err = run(mini, capsys, "build", "html")
    assert status == 2
    assert f"content/mini/edition.yaml:5: 'contents_folio': {message}" in err


def test_a_folio_with_a_newline_and_quotes_makes_valid_css(mini, capsys):
    edit(mini.content / "mini/edition.yaml", "page_size: A6", 'page_size: A6\nfolio: "p.\\n\\"{page}\\""')
    status, _, _ = run(mini, capsys, "build", "html")
    assert status == 0
    html = (mini.build / "mini-en.html").read_text()
    assert '"p.\\A \\"" counter(page) "\\""' in html


# Inputs ------------------------------------------------------------------------


def test_source_title_of_an_omitted_chapter_is_an_input(mini, capsys):
    translate(mini, "es", ["introduction", "first"])
    edit(mini.content / "mini/es/edition.yaml", "title:", "allow_partial: true\ntitle:")
    assert run(mini, capsys, "build", "html", "--langs", "es")[0] == 0
    edit(mini.content / "mini/en/second.md", "title: The second chapter", "title: The renamed chapter")
    status, out, _ = run(mini, capsys, "build", "html", "--langs", "es")
    assert status == 0
    assert "built       build/mini-es.html" in out
    assert "The renamed chapter" in (mini.build / "mini-es.html").read_text()


# Class markers and captions ------------------------------------------------------

KNOWN = "known classes: closing, credit, display, standfirst; an edition adds its own in a stylesheet"


def test_an_unknown_class_marker_is_an_error_with_a_did_you_mean(mini, capsys):
    edit(mini.content / "mini/en/first.md", "{.closing}", "{.closer}")
    status, _, err = run(mini, capsys, "build", "html")
    assert status == 2
    assert (
        "content/mini/en/first.md:19: unknown class {.closer}: it would print as an ordinary paragraph "
        f"(did you mean {{.closing}}? {KNOWN} named in edition.yaml 'styles:')"
    ) in err
    assert not (mini.build / "mini-en.html").exists()


def test_every_unknown_class_of_a_file_at_once(mini, capsys):
    edit(mini.content / "mini/en/first.md", "{.closing}", "{.closer}")
    edit(mini.content / "mini/en/first.md", '> "A quoted', '> {.credt}\n> "A quoted')
    edit(mini.content / "mini/en/first.md", "## A sub-heading", "{.shout}\n## A sub-heading")
    status, _, err = run(mini, capsys, "build", "pdf")
    assert status == 2
    ordinary = "it would print as an ordinary paragraph"
    assert f"content/mini/en/first.md:13: unknown class {{.credt}}: {ordinary} (did you mean {{.credit}}?" in err
    assert f"content/mini/en/first.md:16: unknown class {{.shout}}: {ordinary} ({KNOWN}" in err
    assert "content/mini/en/first.md:21: unknown class {.closer}" in err


def test_a_class_of_the_editions_stylesheet_is_known(mini, capsys):
    (mini.content / "mini/own.css").write_text("@media print { .text .shout { font-weight: bold } }\n")
    edit(mini.content / "mini/edition.yaml", "page_size: A6", "page_size: A6\nstyles: [own.css]")
    edit(mini.content / "mini/en/first.md", "{.closing}", "{.shout}")
    status, _, err = run(mini, capsys, "build", "html")
    assert status == 0, err
    assert re.search(r'<p [^>]*class="shout"', (mini.build / "mini-en.html").read_text())


def test_a_caption_with_no_picture_is_a_warning_once(mini, capsys):
    edit(mini.content / "mini/en/second.md", "title: The second chapter", 'title: The second chapter\ncaption: "Lost"')
    status, out, err = run(mini, capsys, "build", "html", "epub")
    assert status == 0
    warning = (
        "content/mini/en/second.md:3: a caption with no picture is not printed (name the picture under this chapter "
        "in content/mini/edition.yaml, e.g. 'picture: pictures/name.jpg', or remove the caption)"
    )
    assert (out + err).count(warning) == 1, out + err


def test_a_folio_without_page_is_an_error(mini, capsys):
    edit(mini.content / "mini/edition.yaml", "page_size: A6", 'page_size: A6\nfolio: "p."')
    status, _, err = run(mini, capsys, "build", "html")
    assert status == 2
    assert "content/mini/edition.yaml:5: 'folio': must contain {page}" in err
