"""Translators' workflow: per-segment status, `status --diff`, and the PO/XLIFF round trip."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import polib
import pypdfium2
import pytest
from lxml import etree
from translate.storage import factory

from pocketpress.cli import main

XLIFF_XSD = Path(__file__).parent / "data/xliff/xliff-1.2-subset.xsd"


def run(project, capsys, *args):
    code = main(["--project", str(project.root), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def translate_uk(project, capsys):
    """A Ukrainian 'translation' of mini: the English files, recorded as translated."""
    folder = project.content / "mini/uk"
    folder.mkdir()
    for path in (project.content / "mini/en").iterdir():
        shutil.copy(path, folder / path.name)
    assert run(project, capsys, "status", "--record", "mini/uk")[0] == 0


def snapshot(*folders: Path) -> dict[str, str]:
    return {
        str(p): hashlib.sha256(p.read_bytes()).hexdigest()
        for folder in folders
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def pdf_text(path: Path) -> str:
    pdf = pypdfium2.PdfDocument(str(path))
    return " ".join(" ".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf))).split())


def test_one_changed_paragraph_flags_one_segment_and_diff_shows_it(mini, capsys):
    translate_uk(mini, capsys)
    edit(
        mini.content / "mini/en/first.md",
        "A second paragraph after the break.",
        "A second, longer paragraph after the break.",
    )
    code, out, _ = run(mini, capsys, "status")
    assert code == 1
    row = next(line for line in out.splitlines() if line.strip().startswith("first"))
    assert row.split() == ["first", "9", "1", "0", "0"]  # translated, outdated, missing, untranslated
    assert "see what changed: pocketpress status --diff mini/uk" in out
    code, out, _ = run(mini, capsys, "status", "--diff", "mini/uk/first")
    assert code == 1
    assert out.splitlines()[:4] == [
        "mini/uk/first p2 (p): outdated",
        "  old source:  A second paragraph after the break.",
        "  new source:  A [-second-] {+second, longer+} paragraph after the break.",
        "  translation: A second paragraph after the break.",
    ]
    assert "1 outdated segment in mini/uk" in out
    # recorded again: clean
    assert run(mini, capsys, "status", "--record", "mini/uk/first")[0] == 0
    assert run(mini, capsys, "status")[0] == 0


def test_whitespace_only_change_flags_nothing(mini, capsys):
    translate_uk(mini, capsys)
    path = mini.content / "mini/en/first.md"
    edit(path, "A second paragraph after the break.", "A second   paragraph\nafter the break.  \n\n")
    edit(path, "## A sub-heading", "##   A sub-heading  ")
    code, out, _ = run(mini, capsys, "status")
    assert code == 0, out
    assert "uk: 100% translated" in out


def test_missing_chapter_and_new_paragraph_are_counted(mini, capsys):
    translate_uk(mini, capsys)
    (mini.content / "mini/uk/second.md").unlink()
    path = mini.content / "mini/en/first.md"
    edit(path, "Text under the sub-heading.", "Text under the sub-heading.\n\nA new paragraph.")
    code, out, _ = run(mini, capsys, "status")
    assert code == 1
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines() if line.startswith("    ")}
    assert rows["first"] == ["10", "0", "0", "1"]
    assert rows["second"][2] != "0" and rows["second"][:2] == ["0", "0"]


def export(project, capsys, lang, fmt="po"):
    out = project.root / "exchange" / f"{lang}-{fmt}"
    code, _stdout, err = run(
        project, capsys, "translate", "export", "--edition", "mini", "--lang", lang, "--format", fmt, "--out", str(out)
    )
    assert code == 0, err
    return out


def test_round_trip_without_edits_changes_no_byte(mini, capsys):
    translate_uk(mini, capsys)
    # an outdated segment (exported fuzzy), a missing chapter and a new paragraph (empty targets)
    edit(mini.content / "mini/en/first.md", "Text under the sub-heading.", "Text under the new sub-heading.\n\nNew.")
    (mini.content / "mini/uk/second.md").unlink()
    before = snapshot(mini.content, mini.layouts)
    for fmt in ("po", "xliff"):
        folder = export(mini, capsys, "uk", fmt)
        files = sorted(folder.iterdir())
        assert [f.name for f in files] == sorted(
            f"mini-uk-{name}.{fmt}" for name in ("edition", "introduction", "first", "second")
        )
        code, out, err = run(mini, capsys, "translate", "import", *map(str, files))
        assert code == 0, err
        assert "0 file(s) changed" in out
    assert snapshot(mini.content, mini.layouts) == before


def test_exported_files_pass_msgfmt_and_translate_toolkit(mini, capsys):
    translate_uk(mini, capsys)
    edit(mini.content / "mini/en/first.md", "Text under the sub-heading.", "Text under the new sub-heading.")
    folder = export(mini, capsys, "uk")
    for path in folder.iterdir():
        checked = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)
        assert checked.returncode == 0, checked.stderr
        assert factory.getobject(str(path)).units
    po = polib.pofile(str(folder / "mini-uk-first.po"))
    entry = next(e for e in po if e.msgctxt == "first/p5")
    assert "fuzzy" in entry.flags and entry.previous_msgid == "Text under the sub-heading."
    assert entry.msgid == "Text under the new sub-heading."
    closing = next(e for e in po if e.msgctxt == "first/closing6")
    assert "{.closing}" in closing.comment and closing.msgid == "Unite! Demobilize! Don't utilize!"
    quote = next(e for e in po if e.msgctxt == "first/q3")
    assert not quote.msgid.startswith(">") and "quotation" in quote.comment
    xliff = export(mini, capsys, "uk", "xliff")
    schema = etree.XMLSchema(etree.parse(str(XLIFF_XSD)))
    for path in xliff.iterdir():
        tree = etree.parse(str(path))
        assert schema.validate(tree), schema.error_log
        assert tree.getroot().tag == "{urn:oasis:names:tc:xliff:document:1.2}xliff"
        store = factory.getobject(str(path))
        ids = [u.getid().split("\x04")[-1] for u in store.units]
        assert ids and all("/" in i for i in ids)
    store = factory.getobject(str(xliff / "mini-uk-first.xliff"))
    unit = next(u for u in store.units if u.getid().endswith("first/p5"))
    assert unit.source == "Text under the new sub-heading." and unit.target == "Text under the sub-heading."
    assert unit.isfuzzy()


def fill(path: Path, translate) -> None:
    po = polib.pofile(str(path))
    for entry in po:
        new = translate(entry)
        if new is not None:
            entry.msgstr = new
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
    po.save(str(path))


@pytest.mark.slow  # builds a PDF
def test_po_edited_with_polib_appears_in_the_pdf_keeping_the_skeleton(mini, capsys):
    translate_uk(mini, capsys)
    folder = export(mini, capsys, "uk")
    words = {
        "first/p2": "Другий абзац після розриву.",
        "first/q3": '"Цитований лист [...] з приміткою [– Ред.]."',
        "first/closing6": "Єднайтеся! Демобілізуйтеся!",
        "first/title": "Перший розділ",
    }
    fill(folder / "mini-uk-first.po", lambda e: words.get(e.msgctxt))
    code, _, err = run(mini, capsys, "translate", "import", str(folder / "mini-uk-first.po"))
    assert code == 0, err
    text = (mini.content / "mini/uk/first.md").read_text(encoding="utf-8")
    assert "title: Перший розділ\n" in text
    assert '\n> "Цитований лист [...] з приміткою [– Ред.]."\n' in text
    assert "\n{.closing}\nЄднайтеся! Демобілізуйтеся!\n" in text
    assert "\n* * *\n" in text and "\n## A sub-heading\n" in text
    assert run(mini, capsys, "status", "--langs", "uk")[0] == 0
    code, _out, err = run(mini, capsys, "build", "pdf", "--edition", "mini", "--langs", "uk")
    assert code == 0, err
    pdf = pdf_text(mini.root / "build/mini-uk.pdf")
    assert "Другий абзац після розриву." in pdf and "Єднайтеся! Демобілізуйтеся!" in pdf


def test_stale_po_is_reported_and_loses_nothing(mini, capsys):
    translate_uk(mini, capsys)
    folder = export(mini, capsys, "uk")
    # The source changes after the export; the translator works on the old text.
    edit(
        mini.content / "mini/en/first.md", "A second paragraph after the break.", "A changed paragraph after the break."
    )
    fill(folder / "mini-uk-first.po", lambda e: {"first/p2": "Другий абзац.", "first/p5": "Текст."}.get(e.msgctxt))
    code, out, _err = run(mini, capsys, "translate", "import", str(folder / "mini-uk-first.po"))
    assert code == 1
    assert (
        "first/p2: the source changed after this file was exported; the translation is kept, and stays outdated "
        "until it is updated (see what changed: pocketpress status --diff mini/uk/first)"
    ) in out
    assert "1 segment(s) kept as outdated" in out
    text = (mini.content / "mini/uk/first.md").read_text(encoding="utf-8")
    assert "Другий абзац." in text and "Текст." in text
    code, out, _ = run(mini, capsys, "status", "--diff", "mini/uk")
    assert code == 1
    assert "mini/uk/first p2 (p): outdated" in out
    assert "  old source:  A second paragraph after the break." in out
    assert "  translation: Другий абзац." in out
    assert "p5" not in out  # its source did not change: applied and current


@pytest.mark.slow  # builds a PDF
def test_new_language_created_entirely_by_import_then_builds(mini, capsys):
    folder = export(mini, capsys, "fr")
    assert not (mini.content / "mini/fr").exists()
    for path in folder.iterdir():
        assert all(not e.msgstr for e in polib.pofile(str(path)))
    french = {"edition/title": "Le petit", "edition/edition_code": "FR 01", "strings/contents": "Sommaire"}

    def translate(entry):
        return french.get(entry.msgctxt) or (
            None if entry.msgctxt.startswith(("edition/", "strings/")) else "FR " + entry.msgid
        )

    for path in folder.iterdir():
        fill(path, translate)
    code, out, err = run(mini, capsys, "translate", "import", *map(str, sorted(folder.iterdir())))
    assert code == 0, err
    assert "title: Le petit" in (mini.content / "mini/fr/edition.yaml").read_text(encoding="utf-8")
    strings = (mini.layouts / "strings/fr.yaml").read_text(encoding="utf-8")
    assert "contents: Sommaire" in strings and "cover: Cover" in strings  # the skeleton: English until translated
    code, out, _ = run(mini, capsys, "status", "--langs", "fr")
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines() if line.startswith("    ")}
    # every chapter is translated; of the edition's 21 strings, the 3 the translator filled in
    assert rows["_edition"] == ["3", "0", "0", "18"]
    assert all(rows[c] == [rows[c][0], "0", "0", "0"] for c in ("introduction", "first", "second"))
    assert code == 1
    code, out, err = run(mini, capsys, "build", "pdf", "--edition", "mini", "--langs", "fr")
    assert code == 0, err
    pdf = pdf_text(mini.root / "build/mini-fr.pdf")
    assert "FR Only one paragraph here." in pdf and "S O M M A I R E" in pdf and "F R 0 1" in pdf


@pytest.mark.slow  # builds a PDF
def test_build_warns_about_outdated_segments_and_strict_stops(mini, capsys):
    translate_uk(mini, capsys)
    edit(mini.content / "mini/en/first.md", "Text under the sub-heading.", "Text under the heading.")
    code, out, err = run(mini, capsys, "build", "pdf", "--edition", "mini", "--langs", "uk", "--strict")
    assert code == 2
    assert "mini/uk: 1 outdated segment" in err and "pocketpress status --diff mini/uk" in err
    assert not (mini.root / "build/mini-uk.pdf").exists()
    code, out, err = run(mini, capsys, "build", "pdf", "--edition", "mini", "--langs", "uk")
    assert code == 0
    assert "warning: mini/uk: 1 outdated segment (the en source changed since they were translated)" in err
    code, out, err = run(mini, capsys, "build", "pdf", "--edition", "mini", "--langs", "uk")  # the no-op path
    assert "Nothing to do" in out and "warning: mini/uk: 1 outdated segment" in err


def test_import_of_a_file_that_is_not_ours_is_reported(mini, capsys, tmp_path):
    bad = tmp_path / "other.po"
    bad.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n', encoding="utf-8")
    code, _, err = run(mini, capsys, "translate", "import", str(bad), str(tmp_path / "gone.po"))
    assert code == 2
    assert f"{bad}:1: not a pocketpress PO file: no X-Pocketpress-Edition" in err
    assert f"{tmp_path / 'gone.po'}: file not found" in err


@pytest.mark.parametrize("fmt", ["po", "xliff"])
def test_export_of_the_shipped_translation_keeps_every_segment(project, tmp_path, capsys, fmt):
    code = main(
        [
            "--project",
            str(project.root),
            "translate",
            "export",
            "--edition",
            "voices-from-ukraine",
            "--lang",
            "uk",
            "--format",
            fmt,
            "--out",
            str(tmp_path),
        ]
    )
    assert code == 0
    store = factory.getobject(str(tmp_path / f"voices-from-ukraine-uk-long-hot-summer.{fmt}"))
    title = next(u for u in store.units if "long-hot-summer/title" in u.getid())
    assert (
        str(title.target)
        == "Довгим спекотним літом українські та російські солдати побили рекорди зростання дезертирства"
    )


def test_translation_of_a_removed_paragraph_is_saved_not_lost(mini, capsys):
    translate_uk(mini, capsys)
    folder = export(mini, capsys, "uk")
    edit(mini.content / "mini/en/first.md", "A second paragraph after the break.\n\n", "")
    words = {"first/p2": "Другий абзац після розриву.", "first/p5": "Текст під підзаголовком."}
    fill(folder / "mini-uk-first.po", lambda e: words.get(e.msgctxt))
    code, out, _ = run(mini, capsys, "translate", "import", str(folder / "mini-uk-first.po"))
    assert code == 1
    kept = folder / "mini-uk-first.unapplied.po"
    assert f"2 translation(s) of segments no longer in the source saved in {kept}" in out
    assert [(e.msgctxt, e.msgstr) for e in polib.pofile(str(kept))] == [
        ("first/p2", "Другий абзац після розриву."),  # from the PO
        ("first/p2/was", "A second paragraph after the break."),  # what the Markdown held
    ]
    assert subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(kept)]).returncode == 0
    # the other one found its paragraph, which moved up one place
    text = (mini.content / "mini/uk/first.md").read_text(encoding="utf-8")
    assert "\nТекст під підзаголовком.\n" in text and "Другий абзац" not in text
