"""The edition's own strings (title, contacts, series, interface words) are tracked like chapter segments:
a change in the English edition.yaml or strings file makes the translation's string outdated in
`status`, `status --diff`, the build's warning and the export, and recording or importing makes it current."""

from __future__ import annotations

import polib
from lxml import etree
from test_translate import XLIFF_XSD, edit, export, fill, run, snapshot, translate_uk


def change_title_and_contact(project) -> None:
    path = project.content / "mini/en/edition.yaml"
    edit(path, "title: A Small Test", "title: A Small Test Edition")
    edit(path, "  - example.org", "  - www.example.org")


def rows(out: str) -> dict[str, list[str]]:
    return {line.split()[0]: line.split()[1:] for line in out.splitlines() if line.startswith("    ")}


def test_changed_title_and_contact_are_outdated_and_diff_shows_them(mini, capsys):
    translate_uk(mini, capsys)
    edit(mini.content / "mini/uk/edition.yaml", "title: A Small Test", "title: Маленький тест")
    assert run(mini, capsys, "status", "--record", "mini/uk/_edition")[0] == 0
    change_title_and_contact(mini)
    code, out, _ = run(mini, capsys, "status")
    assert code == 1
    assert rows(out)["_edition"] == ["19", "2", "0", "0"]  # translated, outdated, missing, untranslated
    assert "see what changed: pocketpress status --diff mini/uk" in out
    assert "  (_edition: the edition's own strings: title, author, series, code, contacts, interface words)" in out
    code, out, _ = run(mini, capsys, "status", "--diff", "mini/uk")
    assert code == 1
    assert out.split("\n\n") == [
        "mini/uk/_edition edition/title (in uk/edition.yaml): outdated\n"
        "  old source:  A Small Test\n"
        "  new source:  A Small Test {+Edition+}\n"
        "  translation: Маленький тест",
        "mini/uk/_edition edition/contacts/1 (in uk/edition.yaml): outdated\n"
        "  old source:  example.org\n"
        "  new source:  [-example.org-] {+www.example.org+}\n"
        "  translation: example.org",
        "2 outdated segments in mini/uk. To update them:\n"
        "  in the files (Markdown, edition.yaml, strings): edit them, then "
        "pocketpress status --record mini/uk/_edition\n"
        "  in Poedit, Weblate or OmegaT: pocketpress translate export --edition mini --lang uk "
        "(they are marked fuzzy), then pocketpress translate import FILE...\n",
    ]
    assert run(mini, capsys, "status", "--diff", "mini/uk/_edition")[1] == out
    code, out, _ = run(mini, capsys, "status", "--record", "mini/uk/_edition")
    assert (code, out) == (0, "mini/uk/_edition: 21 strings recorded as translated\n")
    assert run(mini, capsys, "status")[0] == 0


def test_changed_interface_word_is_outdated_where_it_is_translated(mini, capsys):
    translate_uk(mini, capsys)
    edit(mini.layouts / "strings/en.yaml", "contents: Contents", "contents: Table of contents")
    code, out, _ = run(mini, capsys, "status", "--diff", "mini/uk/_edition")
    assert code == 1
    assert out.splitlines()[:2] == [
        "mini/uk/_edition strings/contents (in layouts/strings/uk.yaml): outdated",
        "  old source:  Contents",
    ]


def test_a_string_never_recorded_is_untranslated(mini, capsys):
    translate_uk(mini, capsys)
    (mini.content / "mini/uk/translated-from.yaml").unlink()
    for chapter in ("introduction", "first", "second"):
        run(mini, capsys, "status", "--record", f"mini/uk/{chapter}")
    code, out, _ = run(mini, capsys, "status")
    assert code == 1
    assert rows(out)["_edition"] == ["0", "0", "0", "21"]


def test_build_warns_about_an_outdated_edition_string_and_strict_stops(mini, capsys):
    translate_uk(mini, capsys)
    change_title_and_contact(mini)
    code, _, err = run(mini, capsys, "build", "html", "--edition", "mini", "--langs", "uk", "--strict")
    assert code == 2
    assert "mini/uk: 2 outdated segments (the en source changed since they were translated)" in err
    assert not (mini.root / "build/mini-uk.html").exists()
    code, _, err = run(mini, capsys, "build", "html", "--edition", "mini", "--langs", "uk")
    assert code == 0
    warning = (
        "warning: mini/uk: 2 outdated segments (the en source changed since they were translated); "
        "see them with: pocketpress status --diff mini/uk"
    )
    assert warning in err
    code, out, err = run(mini, capsys, "build", "html", "--edition", "mini", "--langs", "uk")  # the no-op path
    assert "Nothing to do" in out and warning in err


def test_export_marks_the_outdated_title_fuzzy_with_the_previous_source(mini, capsys):
    translate_uk(mini, capsys)
    change_title_and_contact(mini)
    po = (export(mini, capsys, "uk") / "mini-uk-edition.po").read_text(encoding="utf-8")
    assert (
        "#. The edition's title, on the cover and the title page.\n"
        "#, fuzzy\n"
        '#| msgctxt "edition/title"\n'
        '#| msgid "A Small Test"\n'
        'msgctxt "edition/title"\n'
        'msgid "A Small Test Edition"\n'
        'msgstr "A Small Test"\n'
    ) in po
    entries = {e.msgctxt: e for e in polib.pofile(po)}
    assert "fuzzy" not in entries["edition/author"].flags and entries["edition/author"].msgstr == "The Collective"
    assert entries["edition/contacts/1"].previous_msgid == "example.org"
    xliff = export(mini, capsys, "uk", "xliff") / "mini-uk-edition.xliff"
    tree = etree.parse(str(xliff))
    assert etree.XMLSchema(etree.parse(str(XLIFF_XSD))).validate(tree)
    ns = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
    unit = tree.find(".//x:trans-unit[@id='edition/title']", ns)
    assert unit.find("x:target", ns).get("state") == "needs-review-translation"
    assert unit.find("x:note[@from='pocketpress']", ns).text == "Previous source: A Small Test"


def test_round_trip_with_an_outdated_string_changes_no_byte(mini, capsys):
    translate_uk(mini, capsys)
    change_title_and_contact(mini)
    before = snapshot(mini.content, mini.layouts)
    for fmt in ("po", "xliff"):
        path = export(mini, capsys, "uk", fmt) / f"mini-uk-edition.{fmt}"
        code, out, err = run(mini, capsys, "translate", "import", str(path))
        assert code == 0, err
        assert out == "0 translation(s) applied; 0 file(s) changed.\n"
    assert snapshot(mini.content, mini.layouts) == before


def test_imported_string_is_written_and_recorded(mini, capsys):
    translate_uk(mini, capsys)
    change_title_and_contact(mini)
    path = export(mini, capsys, "uk") / "mini-uk-edition.po"
    words = {"edition/title": "Маленьке тестове видання", "edition/contacts/1": "www.example.org"}
    fill(path, lambda e: words.get(e.msgctxt))
    code, out, err = run(mini, capsys, "translate", "import", str(path))
    assert code == 0, err
    assert out.splitlines() == [
        "wrote content/mini/uk/edition.yaml",
        "wrote content/mini/uk/translated-from.yaml",
        "2 translation(s) applied; 2 file(s) changed.",
    ]
    text = (mini.content / "mini/uk/edition.yaml").read_text(encoding="utf-8")
    assert "title: Маленьке тестове видання" in text
    assert "contacts:\n  - www.example.org\n  - press@example.org\n" in text  # the other lines as they were
    code, out, _ = run(mini, capsys, "status")
    assert code == 0 and rows(out)["_edition"] == ["21", "0", "0", "0"]


def test_import_of_a_stale_string_is_reported_and_stays_outdated(mini, capsys):
    translate_uk(mini, capsys)
    path = export(mini, capsys, "uk") / "mini-uk-edition.po"
    change_title_and_contact(mini)  # the source changes after the export; the translator works on the old text
    fill(path, lambda e: "Маленький тест" if e.msgctxt == "edition/title" else None)  # contacts/1 is stale too
    line = next(e.linenum for e in polib.pofile(str(path)) if e.msgctxt == "edition/title")
    code, out, _ = run(mini, capsys, "translate", "import", str(path))
    assert code == 1
    assert (
        f"{path}:{line}: edition/title: the source changed after this file was exported; the translation is kept, "
        "and stays outdated until it is updated (see what changed: pocketpress status --diff mini/uk/_edition)"
    ) in out
    assert out.endswith(
        "2 segment(s) kept as outdated: their source changed after the export. "
        "Export again to translate the new source.\n"
    )
    assert "title: Маленький тест" in (mini.content / "mini/uk/edition.yaml").read_text(encoding="utf-8")
    code, out, _ = run(mini, capsys, "status", "--diff", "mini/uk/_edition")
    assert "mini/uk/_edition edition/title (in uk/edition.yaml): outdated\n  old source:  A Small Test\n" in out
    assert "  translation: Маленький тест" in out


def test_round_trip_of_a_record_without_edition_strings_changes_no_byte(mini, capsys):
    """A translation recorded before the edition's strings were tracked: they are untranslated (its title is
    offered for review, fuzzy), and an import without edits records nothing."""
    translate_uk(mini, capsys)
    edit(mini.content / "mini/uk/edition.yaml", "title: A Small Test", "title: Маленький тест")
    record = mini.content / "mini/uk/translated-from.yaml"
    text = record.read_text(encoding="utf-8")
    record.write_text(text[: text.index("_edition:")] + text[text.index("first:") :], encoding="utf-8")
    before = snapshot(mini.content, mini.layouts)
    path = export(mini, capsys, "uk") / "mini-uk-edition.po"
    title = next(e for e in polib.pofile(str(path)) if e.msgctxt == "edition/title")
    assert (title.msgstr, title.flags) == ("Маленький тест", ["fuzzy"]) and "#| msgid" not in str(title)
    code, out, _ = run(mini, capsys, "translate", "import", str(path))
    assert (code, out) == (0, "0 translation(s) applied; 0 file(s) changed.\n")
    assert snapshot(mini.content, mini.layouts) == before
