"""`pocketpress status`: translated, missing and outdated chapters, and its exit status."""

from __future__ import annotations

import shutil

from pocketpress.cli import main


def status(project, capsys, *args):
    code = main(["--project", str(project.root), "status", *args])
    return code, capsys.readouterr().out


def translate(project, lang, chapters):
    folder = project.content / "mini" / lang
    folder.mkdir(exist_ok=True)
    shutil.copy(project.content / "mini/en/edition.yaml", folder / "edition.yaml")
    for name in chapters:
        shutil.copy(project.content / f"mini/en/{name}.md", folder / f"{name}.md")
        main(["--project", str(project.root), "status", "--record", f"mini/{lang}/{name}"])
    main(["--project", str(project.root), "status", "--record", f"mini/{lang}/_edition"])  # title, contacts...


def test_complete_translation_reports_translated(mini, capsys):
    translate(mini, "uk", ["introduction", "first", "second"])
    code, out = status(mini, capsys)
    assert code == 0
    assert "uk: 100% translated" in out


def test_partial_translation_names_missing_chapters(mini, capsys):
    translate(mini, "es", ["introduction", "first"])
    code, out = status(mini, capsys)
    assert code == 1
    row = next(line for line in out.splitlines() if line.strip().startswith("second"))
    assert row.split()[0] == "second" and int(row.split()[3]) > 0  # translated, outdated, missing
    assert "es: " in out and "% translated" in out and "es: 100%" not in out


def test_changed_source_makes_translation_outdated(mini, capsys):
    translate(mini, "uk", ["introduction", "first", "second"])
    source = mini.content / "mini/en/first.md"
    source.write_text(source.read_text() + "\nA new paragraph in the source.\n")
    code, out = status(mini, capsys)
    assert code == 1
    row = next(line for line in out.splitlines() if line.strip().startswith("first"))
    assert row.split()[4] == "1"  # one untranslated segment: the new paragraph


def test_recording_again_makes_it_current(mini, capsys):
    translate(mini, "uk", ["introduction", "first", "second"])
    for lang in ("en", "uk"):
        path = mini.content / f"mini/{lang}/first.md"
        path.write_text(path.read_text() + "\nMore.\n")
    assert status(mini, capsys)[0] == 1
    main(["--project", str(mini.root), "status", "--record", "mini/uk/first"])
    assert status(mini, capsys)[0] == 0
