"""Golden files: the small edition's print HTML and EPUB documents, compared with the copies in tests/golden/.

A difference fails with a unified diff. When the change is intended, rewrite the golden files and
review them with `git diff tests/golden` before committing:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py

The outputs are built in a copy of tests/data/mini whose build/ folder sits under the project root,
so the print HTML's relative links are the same on every machine. The one value that depends on
the environment, the EPUB's modification time (SOURCE_DATE_EPOCH, else the edition's last change), is replaced
by "(build time)" before comparing; test_epub.py checks it.
"""

from __future__ import annotations

import difflib
import os
import re
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT

from pocketpress.loader import load_edition
from pocketpress.writers import Unit

GOLDEN = ROOT / "tests" / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
SHOWN, SHOWN_IN_ALL = 40, 80  # diff lines shown per file, and in all
INVISIBLE = {"\u00a0": "\\u00a0", "\u202f": "\\u202f", "\u00ad": "\\u00ad"}  # spelled out in diffs
EPUB_TEXT = (".xhtml", ".ncx", ".opf")
MODIFIED = re.compile(r'(<meta property="dcterms:modified">)[^<]*(</meta>)')


def compare(actual: dict[str, str], folder: Path, whole_folder: bool) -> None:
    """Check (or, with UPDATE_GOLDEN=1, rewrite) golden files: name relative to folder -> text.
    whole_folder: the folder holds exactly these files (a new or vanished file is a difference)."""
    if UPDATE:
        if folder.is_dir() and whole_folder:
            for stale in folder.rglob("*"):
                if stale.is_file() and stale.relative_to(folder).as_posix() not in actual:
                    stale.unlink()
        for name, text in actual.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text.encode("utf-8"))
        return
    hint = "if the change is intended: UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py"
    failures = []
    if whole_folder:
        expected_names = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
        if expected_names != set(actual):
            failures.append(
                f"{folder.relative_to(ROOT)}/: rendered but not golden: {sorted(set(actual) - expected_names)};"
                f" golden but no longer rendered: {sorted(expected_names - set(actual))}"
            )
    for name, text in sorted(actual.items()):
        path = folder / name
        if not path.exists():
            if not whole_folder:  # else already reported as a new file
                failures.append(f"{path.relative_to(ROOT)} is missing")
            continue
        expected = path.read_bytes().decode("utf-8")
        if expected != text:
            failures.append(unified(expected, text, path.relative_to(ROOT).as_posix()))
    if failures:
        lines = "\n\n".join(failures).splitlines()
        if len(lines) > SHOWN_IN_ALL:
            lines = [*lines[:SHOWN_IN_ALL], f"... and {len(lines) - SHOWN_IN_ALL} more lines"]
        pytest.fail("\n".join([*lines, "", hint]), pytrace=False)


def visible(text: str) -> list[str]:
    for char, shown in INVISIBLE.items():
        text = text.replace(char, shown)
    return text.splitlines()


def unified(expected: str, actual: str, name: str) -> str:
    """A unified diff of at most SHOWN lines, with invisible spaces spelled out."""
    lines = list(
        difflib.unified_diff(
            visible(expected), visible(actual), f"{name} (golden)", f"{name} (rendered now)", lineterm=""
        )
    )
    if len(lines) > SHOWN:
        lines = [*lines[:SHOWN], f"... and {len(lines) - SHOWN} more diff lines"]
    return "\n".join(lines)


def test_print_html_of_the_small_edition(mini_session):
    """The templates' print HTML (before the line breaker fixes its lines: `make html` writes it lined)."""
    edition = load_edition(mini_session, "mini", "en")
    html = Unit(mini_session, edition, mini_session.build).html
    for local in (str(mini_session.root), mini_session.root.as_uri(), str(ROOT)):
        assert local not in html, f"the print HTML names a path of this machine: {local}"
    compare({"mini-en.print.html": html}, GOLDEN, whole_folder=False)


def test_epub_documents_of_the_small_edition(mini_built):
    documents = {}
    with zipfile.ZipFile(mini_built("epub")) as book:
        names = [n for n in book.namelist() if n.endswith(EPUB_TEXT)]
        base = os.path.commonpath(names)  # the package folder, EPUB/
        for name in names:
            text = MODIFIED.sub(r"\1(build time)\2", book.read(name).decode("utf-8"))
            documents[Path(name).relative_to(base).as_posix()] = text
    assert {"content.opf", "nav.xhtml", "toc.ncx"} <= set(documents), sorted(documents)
    compare(documents, GOLDEN / "mini-en", whole_folder=True)
