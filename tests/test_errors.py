"""Bad input: one clear `path:line: message` per problem, exit status 2, no traceback, nothing lost."""

from __future__ import annotations

import re

import pytest

from pocketpress.cli import main
from pocketpress.errors import ContentError
from pocketpress.loader import load_edition


def run(project, capsys, *args):
    status = main(["--project", str(project.root), *args])
    out = capsys.readouterr()
    return status, out.out, out.err


def edit(path, old, new):
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


def problems_of(project, lang="en"):
    with pytest.raises(ContentError) as info:
        load_edition(project, "mini", lang)
    return [str(p) for p in info.value.problems]


def test_the_mini_edition_loads(mini):
    edition = load_edition(mini, "mini", "en")
    assert [c.id for c in edition.chapters] == ["first", "second"]
    assert edition.chapters[0].date.isoformat() == "2024-09-06"
    assert edition.introduction.title == "Introduction"
    assert edition.chapters[0].picture.caption.startswith("The title picture")


def test_yaml_syntax_error(mini, capsys):
    edit(mini.content / "mini/edition.yaml", "page_size: A6", "page_size: [A6")
    status, out, err = run(mini, capsys, "build", "pdf")
    assert status == 2
    assert re.search(r"^content/mini/edition\.yaml:\d+: YAML syntax error", err, re.M)
    assert "Traceback" not in err + out


def test_unknown_key_names_it_with_did_you_mean(mini, capsys):
    edit(mini.content / "mini/edition.yaml", "page_size: A6", "page_sise: A6")
    status, _, err = run(mini, capsys, "build", "pdf")
    assert status == 2
    assert "content/mini/edition.yaml:4: unknown key 'page_sise' (did you mean 'page_size'?)" in err


def test_unknown_key_in_a_chapter_header(mini):
    edit(mini.content / "mini/en/second.md", "title:", "titel: x\ntitle:")
    assert "content/mini/en/second.md:2: unknown key 'titel' (did you mean 'title'?)" in problems_of(mini)


def test_missing_chapter_file(mini, capsys):
    (mini.content / "mini/en/second.md").unlink()
    status, _, err = run(mini, capsys, "build", "pdf")
    assert status == 2
    assert "content/mini/edition.yaml:13: chapter file content/mini/en/second.md not found" in err


def test_missing_picture(mini):
    (mini.content / "mini/pictures/first.svg").unlink()
    assert any(
        p.startswith("content/mini/edition.yaml:12: picture 'pictures/first.svg' not found") for p in problems_of(mini)
    )


def test_picture_outside_the_edition_is_refused(mini):
    edit(mini.content / "mini/edition.yaml", "pictures/first.svg", "../../../../etc/hostname")
    assert any("is outside the edition folder" in p for p in problems_of(mini))


def test_chapter_listed_twice(mini):
    edit(mini.content / "mini/edition.yaml", "  - id: second", "  - id: first\n  - id: second")
    assert (
        "content/mini/edition.yaml:13: chapter 'first' is listed twice (first at line 10)"
        " (remove one of the two entries)" in problems_of(mini)
    )


def test_invalid_date(mini, capsys):
    edit(mini.content / "mini/edition.yaml", "date: 2024-09-22", "date: 2024-09-31")
    status, _, err = run(mini, capsys, "build", "pdf")
    assert status == 2
    assert (
        "content/mini/edition.yaml:14: invalid date '2024-09-31' for 'chapters[1].date' (write dates as YYYY-MM-DD"
        in err
    )


def test_every_problem_of_a_file_at_once(mini):
    edit(mini.content / "mini/edition.yaml", "page_size: A6", "page_sise: A6\nfolio: no page here")
    edit(mini.content / "mini/edition.yaml", "date: 2024-09-22", "date: tomorrow")
    found = problems_of(mini)
    assert len(found) == 3, found
    assert any("unknown key 'page_sise'" in p for p in found)
    assert any("'folio': must contain {page}" in p for p in found)
    assert any("invalid date 'tomorrow'" in p for p in found)


def test_missing_interface_string_is_named(mini):
    import shutil

    shutil.copytree(mini.content / "mini/en", mini.content / "mini/uk")
    strings = mini.layouts / "strings" / "uk.yaml"
    strings.write_text("contents: Зміст\n")
    found = problems_of(mini, "uk")
    assert "layouts/strings/uk.yaml: missing interface string 'cover' (add 'cover: ...' (in English: 'Cover'))" in found


def test_language_without_strings_file_is_named(mini):
    import shutil

    shutil.copytree(mini.content / "mini/en", mini.content / "mini/fr")
    found = problems_of(mini, "fr")
    assert any(p.startswith("layouts/strings/fr.yaml: no interface strings for language 'fr'") for p in found)


def test_a_failed_build_leaves_the_previous_pdf(mini, capsys):
    assert run(mini, capsys, "build", "pdf")[0] == 0
    pdf = mini.build / "mini-en.pdf"
    before = pdf.read_bytes()
    edit(mini.content / "mini/edition.yaml", "date: 2024-09-22", "date: 2024-13-01")
    assert run(mini, capsys, "build", "pdf", "--force")[0] == 2
    assert pdf.read_bytes() == before
    assert not list(mini.build.glob("*.part"))


def test_network_urls_are_refused_and_named(mini, capsys):
    css = mini.content / "mini" / "extra.css"
    css.write_text('@import url("https://example.org/evil.css");\nbody { color: black; }\n')
    edit(mini.content / "mini/edition.yaml", "page_size: A6", "page_size: A6\nstyles: [extra.css]")
    status, out, err = run(mini, capsys, "build", "pdf")
    assert status == 2
    assert "https://example.org/evil.css" in out + err
    assert "no network access" in out + err


def test_missing_font_fails_clearly(mini, capsys):
    edit(mini.content / "mini/edition.yaml", "body: PT Serif", "body: No Such Font Sans")
    status, _, err = run(mini, capsys, "build", "pdf")
    assert status == 2
    assert "font 'No Such Font Sans' (fonts.body) is not installed" in err


def test_print_settings_are_checked(mini):
    edit(mini.content / "mini/edition.yaml", "page_size: A6", "page_size: A6\nprint:\n  bleed: 3\n  creep_mm: 50")
    found = problems_of(mini)
    assert "content/mini/edition.yaml:6: unknown key 'bleed' (did you mean 'bleed_mm'?)" in found
    assert any(
        p.startswith("content/mini/edition.yaml:7: 'print.creep_mm': Input should be less than or equal to 5")
        for p in found
    )


def test_missing_style_file_is_named(mini):
    edit(mini.content / "mini/edition.yaml", "page_size: A6", "page_size: A6\nstyles: [missing.css]")
    assert any(
        p.startswith("content/mini/edition.yaml:5: styles.0: file 'missing.css' not found") for p in problems_of(mini)
    )


def test_missing_cover_background_picture_is_named(mini):
    edit(
        mini.content / "mini/edition.yaml",
        "page_size: A6",
        "page_size: A6\nprint:\n  cover_background: pictures/cover.png",
    )
    assert any(
        p.startswith("content/mini/edition.yaml:6: print.cover_background: file 'pictures/cover.png' not found")
        for p in problems_of(mini)
    )
