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
