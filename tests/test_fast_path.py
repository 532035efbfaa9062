"""The no-op build's fast path: an unchanged edition is not even loaded, and any change is still seen."""

from __future__ import annotations

import shutil
import subprocess
import sys

from pocketpress.cli import main

NOOP = """
import sys
from pocketpress.cli import main
status = main(["--project", sys.argv[1], "build", "pdf"])
print("STATUS", status, "SCHEMA", "pocketpress.schema" in sys.modules, "WEASYPRINT", "weasyprint" in sys.modules)
"""


def build(project, capsys, *args):
    status = main(["--project", str(project.root), "build", *args])
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def test_an_unchanged_edition_is_not_loaded(mini, capsys):
    assert build(mini, capsys, "pdf")[0] == 0
    done = subprocess.run([sys.executable, "-c", NOOP, str(mini.root)], capture_output=True, text=True, check=True)
    assert "Nothing to do" in done.stdout
    assert "STATUS 0 SCHEMA False WEASYPRINT False" in done.stdout


def test_a_translation_completed_is_built(mini, capsys):
    folder = mini.content / "mini" / "es"
    folder.mkdir()
    shutil.copy(mini.content / "mini/en/edition.yaml", folder / "edition.yaml")
    for name in ("introduction", "first"):
        shutil.copy(mini.content / f"mini/en/{name}.md", folder / f"{name}.md")
    status, out = build(mini, capsys, "pdf")
    assert status == 0 and "skipped     build/mini-es.pdf: partial translation" in out
    assert "skipped     build/mini-es.pdf: partial translation" in build(mini, capsys, "pdf")[1]
    shutil.copy(mini.content / "mini/en/second.md", folder / "second.md")  # no other file changes
    status, out = build(mini, capsys, "pdf")
    assert status == 0 and "built       build/mini-es.pdf (" in out


def test_a_layout_change_is_seen(mini, capsys):
    build(mini, capsys, "html")
    template = mini.layouts / "print.html.j2"
    template.write_text(template.read_text(encoding="utf-8").replace("<body>", "<body>\n<!-- changed -->"))
    status, out = build(mini, capsys, "html")
    assert status == 0 and "built       build/mini-en.html (" in out
    assert "<!-- changed -->" in (mini.build / "mini-en.html").read_text(encoding="utf-8")


def test_source_date_epoch_rebuilds_the_epub_only(mini, capsys, monkeypatch):
    build(mini, capsys, "html", "epub")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    status, out = build(mini, capsys, "html", "epub")
    assert status == 0
    assert "built       build/mini-en.epub (" in out and "up to date  build/mini-en.html" in out
