"""The live preview: the chapter-by-chapter layout, its problems, and the command's errors."""

from __future__ import annotations

import json
import re
import threading
import time
import urllib.error
import urllib.request
import zipfile

import pytest

from pocketpress import weasy
from pocketpress.cli import main
from pocketpress.preview.engine import Engine
from pocketpress.preview.server import Preview, serve


@pytest.fixture
def engine(mini, tmp_path) -> Engine:
    return Engine(mini, "mini", "en", tmp_path / "preview")


def test_the_draft_is_the_book_laid_out_in_one_piece(engine):
    snapshot = engine.rebuild()
    assert not snapshot.problems and not snapshot.warnings
    assert snapshot.laid_out[0] == "front" and {"first", "second", "back"} <= set(snapshot.laid_out)
    exact = engine.exact_pages()
    assert len(snapshot.pages) == len(exact) and len(exact) % 4 == 0
    assert [p.digest for p in snapshot.pages] == [key for key, _ in exact]


def test_a_saved_chapter_is_laid_out_again_alone_and_the_page_is_found(engine, mini):
    before = engine.rebuild()
    second = [i for i, p in enumerate(before.pages) if p.part == "second"]
    chapter = mini.content / "mini" / "en" / "second.md"
    chapter.write_text(chapter.read_text().replace("Only one paragraph", "Only one short paragraph"))
    layouts = weasy.COUNTS["layouts"]
    after = engine.rebuild()
    assert after.laid_out == ["second"]
    # a change of words: the measures of the paragraphs are reused (build/.lines), one layout is made
    assert weasy.COUNTS["layouts"] - layouts == 1
    assert after.changed == second[0]
    assert after.pages[second[0]].digest != before.pages[second[0]].digest
    assert [p.digest for p in after.pages[: second[0]]] == [p.digest for p in before.pages[: second[0]]]
    assert [p.digest for p in after.pages] == [key for key, _ in engine.exact_pages()]


def test_a_longer_chapter_moves_the_later_ones_and_the_contents_numbers(engine, mini):
    before = engine.rebuild()
    first = mini.content / "mini" / "en" / "first.md"
    first.write_text(first.read_text() + "\n\n" + "\n\n".join(["A new paragraph of some length, " * 12] * 14))
    after = engine.rebuild()
    assert len(after.pages) > len(before.pages)
    assert {"front", "first", "second"} <= set(after.laid_out)
    assert [p.digest for p in after.pages] == [key for key, _ in engine.exact_pages()]


def test_bad_content_keeps_the_last_good_pages_and_lists_every_problem(engine, mini):
    good = engine.rebuild()
    settings = mini.content / "mini" / "en" / "edition.yaml"
    text = settings.read_text()
    settings.write_text(text.replace("title: A Small Test", "title: [A Small Test"))
    bad = engine.rebuild()
    assert bad.pages == good.pages
    assert "content/mini/en/edition.yaml:2: YAML syntax error: did not find expected ',' or ']'" in "\n".join(
        bad.problems
    )
    settings.write_text(text)
    back = engine.rebuild()
    assert not back.problems and back.pages == good.pages


def test_preview_of_an_unknown_edition_or_language_exits_2(mini, capsys):
    assert main(["--project", str(mini.root), "preview", "--edition", "mimi"]) == 2
    assert "no edition 'mimi' (did you mean 'mini'?" in capsys.readouterr().err
    assert main(["--project", str(mini.root), "preview", "--edition", "mini", "--lang", "fr"]) == 2
    assert "no language 'fr' in mini" in capsys.readouterr().err


def test_a_broken_layout_is_a_problem_of_its_file_and_the_pages_stay(engine, mini):
    good = engine.rebuild()
    layout = mini.layouts / "print.html.j2"
    text = layout.read_text()
    layout.write_text(text.replace("{% for ch in chapters %}<li>", "{% for ch in chapters %<li>", 1))
    bad = engine.rebuild()
    assert bad.pages == good.pages
    assert len(bad.problems) == 1 and bad.problems[0].startswith("layouts/print.html.j2:")
    layout.write_text(text)
    assert not engine.rebuild().problems


@pytest.fixture
def preview(mini):
    """The preview server of the small edition, in this process, on a free port of 127.0.0.1."""
    lines: list[str] = []
    state = Preview(mini, "mini", ["en"], "en", lines.append, check=False)
    state.engine("en")
    server = serve(state, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    watcher = threading.Thread(target=state.watch, daemon=True)
    watcher.start()
    assert state.watching.wait(10)
    try:
        host, port = server.server_address[:2]
        yield state, f"http://{host}:{port}", lines
    finally:
        state.stop()
        server.shutdown()
        server.server_close()
        watcher.join(5)


def get(url: str) -> tuple[bytes, str]:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read(), response.headers["Content-Type"]


def test_a_burst_of_saves_gives_one_rebuild(preview, mini):
    _, address, lines = preview
    version = json.loads(get(f"{address}/state")[0])["version"]
    chapter = mini.content / "mini" / "en" / "second.md"
    text = chapter.read_text()
    for n in range(5):
        chapter.write_text(text.replace("Only one paragraph", f"Only one paragraph ({n})"))
    deadline = time.time() + 30
    while json.loads(get(f"{address}/state")[0])["version"] == version and time.time() < deadline:
        time.sleep(0.05)
    time.sleep(1)  # any second rebuild would have started by now
    rebuilds = [line for line in lines if " pages in " in line]
    assert len(rebuilds) == 2, lines  # the first layout, then one for the burst
    assert "laid out: second, first change on page" in rebuilds[1]
    assert json.loads(get(f"{address}/state")[0])["version"] == version + 1


def test_the_server_listens_on_127_0_0_1_and_serves_the_epub_as_it_is(preview, mini_built):
    _, address, _ = preview
    assert address.startswith("http://127.0.0.1:")  # bound to the loopback address only
    page, kind = get(f"{address}/")
    assert kind.startswith("text/html") and b'id="view-spread"' in page
    index, _ = get(f"{address}/epub/en/")
    documents = re.findall(r'href="/epub/en/([^"]+\.xhtml)"', index.decode())
    assert "EPUB/ch-first.xhtml" in documents
    with zipfile.ZipFile(mini_built("epub")) as epub:
        for name in documents:
            served, kind = get(f"{address}/epub/en/{name}")
            assert kind == "application/xhtml+xml"
            assert served == epub.read(name)
    with pytest.raises(urllib.error.HTTPError) as refused:
        get(f"{address}/state?lang=fr")
    assert refused.value.code == 404
