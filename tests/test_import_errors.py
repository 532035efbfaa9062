"""Both importers on unreadable input: one clear line `FILE: message`, exit status 2, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from pocketpress.cli import main

DATA = Path(__file__).resolve().parent / "data" / "import"


@pytest.mark.parametrize(
    "kind, name, message",
    [
        ("extracted", "missing.txt", "no such file"),
        ("extracted", "latin1.txt", "not UTF-8"),
        ("extracted", "no_chapters.txt", "no chapters found"),
        ("threads", "missing.txt", "no such file"),
        ("threads", "latin1.txt", "not UTF-8"),
        ("threads", "no_threads.txt", "no chapters found"),
    ],
)
def test_unreadable_input(tmp_path, capsys, kind, name, message):
    path = DATA / name
    argv = ["import", kind, str(path), "--edition", "x", "--lang", "en", "--into", str(tmp_path)]
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"{path}: ") and message in err
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert not (tmp_path / "x").exists()


def test_todo_comment_left_by_an_importer_is_a_build_warning_and_never_printed(mini, capsys):
    """`pocketpress import --force` writes `<!-- TODO: ... -->` where it could not decide: the build
    says where each one is, and the text of the comment is not in the output."""
    from pocketpress.cli import main

    chapter = mini.content / "mini" / "en" / "first.md"
    text = chapter.read_text(encoding="utf-8")
    header_end = text.index("---\n", 4) + 4
    chapter.write_text(
        text[:header_end] + "<!-- TODO: input line 12: decide what this is -->\n\n" + text[header_end:],
        encoding="utf-8",
    )
    line = text[:header_end].count("\n") + 1
    assert main(["--project", str(mini.root), "build", "html", "--force"]) == 0
    out = capsys.readouterr()
    assert f"content/mini/en/first.md:{line}: TODO: input line 12: decide what this is" in out.out + out.err
    html = (mini.root / "build" / "mini-en.html").read_text(encoding="utf-8")
    assert "decide what this is" not in html and "TODO" not in html
