"""Building: up-to-date checks over every input, reproducible bytes, language selection, partial translations."""

from __future__ import annotations

import re
import shutil

from pocketpress.cli import main


def build(project, capsys, *args):
    status = main(["--project", str(project.root), "build", *args])
    out = capsys.readouterr()
    return status, out.out + out.err


def rebuilt(out, name="mini-en.pdf"):
    """Whether the build printed the output's own `built` line (not the summary's "0 built")."""
    return re.search(rf"^built +build/{re.escape(name)} \(", out, re.M) is not None


def add_language(project, lang, chapters=("first", "second"), extra=""):
    folder = project.content / "mini" / lang
    folder.mkdir()
    shutil.copy(project.content / "mini/en/edition.yaml", folder / "edition.yaml")
    (folder / "edition.yaml").write_text((folder / "edition.yaml").read_text() + extra)
    for name in ("introduction", *chapters):
        shutil.copy(project.content / f"mini/en/{name}.md", folder / f"{name}.md")


def test_unchanged_edition_is_not_rebuilt(mini, capsys):
    assert build(mini, capsys, "pdf")[0] == 0
    status, out = build(mini, capsys, "pdf")
    assert status == 0
    assert "Nothing to do: every output is up to date." in out


def test_every_kind_of_input_triggers_a_rebuild(mini, capsys):
    build(mini, capsys, "pdf")
    inputs = [
        mini.content / "mini/edition.yaml",
        mini.content / "mini/en/edition.yaml",
        mini.content / "mini/en/first.md",
        mini.content / "mini/pictures/first.svg",
        mini.layouts / "print.html.j2",
        mini.styles / "print.css",
        mini.layouts / "strings/en.yaml",
    ]
    for path in inputs:
        path.write_bytes(path.read_bytes() + b"\n")
        status, out = build(mini, capsys, "pdf")
        assert status == 0 and rebuilt(out), f"changing {path.name} did not rebuild: {out}"


def test_font_setting_triggers_a_rebuild(mini, capsys):
    build(mini, capsys, "pdf")
    yaml_path = mini.content / "mini/edition.yaml"
    yaml_path.write_text(yaml_path.read_text().replace("body: PT Serif", "body: PT Sans"))
    assert rebuilt(build(mini, capsys, "pdf")[1])


def test_two_builds_give_identical_bytes(mini, capsys):
    build(mini, capsys, "pdf")
    first = (mini.build / "mini-en.pdf").read_bytes()
    build(mini, capsys, "pdf", "--force")
    assert (mini.build / "mini-en.pdf").read_bytes() == first


def test_langs_restricts_the_build(mini, capsys):
    add_language(mini, "uk")
    assert (mini.layouts / "strings/uk.yaml").exists()
    status, out = build(mini, capsys, "pdf", "--langs", "uk")
    assert status == 0 and rebuilt(out, "mini-uk.pdf")
    assert (mini.build / "mini-uk.pdf").exists() and not (mini.build / "mini-en.pdf").exists()


def test_partial_translation_is_reported_not_built(mini, capsys):
    add_language(mini, "es", chapters=("first",))
    status, out = build(mini, capsys, "pdf")
    assert status == 0
    assert "skipped     build/mini-es.pdf: partial translation, not built: 1 chapter(s) missing (second)" in out
    assert (mini.build / "mini-en.pdf").exists() and not (mini.build / "mini-es.pdf").exists()


def test_partial_translation_built_when_asked(mini, capsys):
    add_language(mini, "es", chapters=("first",))
    status, out = build(mini, capsys, "pdf", "--langs", "es")
    assert status == 0 and rebuilt(out, "mini-es.pdf") and (mini.build / "mini-es.pdf").exists()


def test_partial_translation_with_source_fallback(mini, capsys):
    add_language(mini, "es", chapters=("first",), extra="allow_partial: true\nmissing_chapters: source\n")
    from pocketpress.loader import load_edition

    edition = load_edition(mini, "mini", "es")
    assert [c.id for c in edition.chapters] == ["first", "second"]
    assert edition.chapters[1].fallback and edition.chapters[1].lang == "en"
    assert build(mini, capsys, "pdf")[0] == 0 and (mini.build / "mini-es.pdf").exists()


def test_partial_translation_omitted_chapters_are_named_in_contents(mini):
    add_language(mini, "es", chapters=("first",), extra="allow_partial: true\n")
    from pocketpress.loader import load_edition
    from pocketpress.render import print_html

    edition = load_edition(mini, "mini", "es")
    assert [c.id for c in edition.chapters] == ["first"]
    html = print_html(mini, edition, mini.build)
    assert "Aún no traducidos al español: The second chapter" in html


def test_parallel_and_serial_builds_agree(mini, capsys):
    add_language(mini, "uk")
    main(["--project", str(mini.root), "build", "pdf", "--jobs", "2"])
    parallel = {p.name: p.read_bytes() for p in mini.build.glob("*.pdf")}
    main(["--project", str(mini.root), "build", "pdf", "--jobs", "1", "--force"])
    serial = {p.name: p.read_bytes() for p in mini.build.glob("*.pdf")}
    capsys.readouterr()
    assert parallel == serial and len(serial) == 2
