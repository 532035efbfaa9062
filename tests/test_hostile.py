# ruff: noqa: E501  (the matrix is a table: one case a line or two)
"""The hostile-input matrix (issues 10 and 16): one small edition, one thing broken or hostile per case.

Each case starts from a project whose PDF was built once (copied, not rebuilt), breaks one thing, runs
`pocketpress build` and asserts what the editor sees: the exit status, the `path:line` message, no
traceback, the previous PDF byte-identical when the build fails, and that a canary file outside the
project (and the project's own .git) never shows up in any output. Most cases stop before layout.
"""

from __future__ import annotations

import errno
import io
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2
import pytest
from PIL import Image

from pocketpress import outputs
from pocketpress.cli import main
from tests.conftest import copy_project

CANARY = "CANARY-7f3a9c-outside-the-project"
E = "content/mini/edition.yaml"
L = "content/mini/en/edition.yaml"
C1 = "content/mini/en/first.md"
C2 = "content/mini/en/second.md"
PIC = "content/mini/pictures/first.svg"
SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">'
BOMB = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(9)
)


@dataclass
class Ctx:
    root: Path
    outside: Path  # a folder beside the project, holding the canary
    monkeypatch: pytest.MonkeyPatch
    args: list[str] = field(default_factory=list)
    cleanup: list = field(default_factory=list)

    def path(self, rel: str) -> Path:
        return self.root / rel

    def edit(self, rel: str, old: str, new: str) -> None:
        text = self.path(rel).read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {rel}"
        self.path(rel).write_text(text.replace(old, new, 1), encoding="utf-8")

    def append(self, rel: str, text: str) -> None:
        with self.path(rel).open("a", encoding="utf-8") as out:
            out.write(text)

    def write(self, rel: str, data: str | bytes) -> None:
        path = self.path(rel)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)

    def link(self, rel: str, target: Path) -> None:
        path = self.path(rel)
        path.unlink(missing_ok=True)
        path.symlink_to(target)

    def canary(self, name: str, text: str = "") -> Path:
        path = self.outside / name
        path.write_text(text or f"{CANARY}\n", encoding="utf-8")
        return path


@dataclass(frozen=True)
class Case:
    name: str
    breaks: object  # (Ctx) -> None
    status: int
    message: str  # a regular expression the output must match
    formats: tuple[str, ...] = ("pdf",)
    absent: str = ""  # a regular expression the output must not match


def header(ctx: Ctx, extra: str) -> None:
    ctx.edit(C2, "title: The second chapter\n", f"title: The second chapter\n{extra}")


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(out, "PNG")
    return out.getvalue()


def svg_picture(body: str, prolog: str = "") -> object:
    return lambda c: c.write(PIC, f"{prolog}{SVG_OPEN}{body}</svg>")


def picture_line(c: Ctx, name: str, data: bytes) -> None:
    c.write(f"content/mini/pictures/{name}", data)
    c.edit(E, "picture: pictures/first.svg", f"picture: pictures/{name}")


def es_folder(c: Ctx) -> None:
    c.write("content/mini/es/edition.yaml", "title: Una prueba\n")
    shutil.copy(c.path("content/mini/en/introduction.md"), c.path("content/mini/es/introduction.md"))


def read_only(c: Ctx) -> None:
    def refuse(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system", str(c.path("build")))

    c.monkeypatch.setattr(outputs.tempfile, "mkstemp", refuse)


def disk_full(c: Ctx) -> None:
    real = tempfile.mkstemp

    def full(*args, **kwargs):
        fd, path = real(*args, **kwargs)
        os.close(fd)
        return os.open("/dev/full", os.O_WRONLY), path

    c.monkeypatch.setattr(outputs.tempfile, "mkstemp", full)


def another_build(c: Ctx) -> None:
    """Hold build/.lock as a running build does (flock: a second open of the file conflicts)."""
    lock = outputs.build_lock(c.path("build"), "build")
    lock.__enter__()
    c.cleanup.append(lambda: lock.__exit__(None, None, None))


def crash(c: Ctx) -> None:
    import pocketpress.loader

    def bug(self):
        raise RuntimeError("a bug")

    c.monkeypatch.setattr(pocketpress.loader.EditionLoader, "load", bug)


def langs(*values: str):
    return lambda c: c.args.extend(["--langs", ",".join(values)])


def then(*steps):
    def run(c: Ctx) -> None:
        for step in steps:
            step(c)

    return run


CASES = [
    # -- YAML: limits, recursion, syntax -------------------------------------------------------
    Case("recursive alias in edition.yaml", lambda c: c.append(E, "extra: &x [*x]\n"), 2,
         rf"{E}:15: a YAML alias refers to the value that contains it"),
    Case("recursive alias in a chapter header", lambda c: header(c, "x: &a [*a]\n"), 2,
         rf"{C2}:3: a YAML alias refers to the value that contains it"),
    Case("alias bomb in edition.yaml", lambda c: c.append(E, "bomb:\n" + "".join("  " + x + "\n" for x in BOMB.splitlines())), 2,
         rf"{E}:\d+: YAML aliases expand to too much data"),
    Case("alias bomb in a chapter header", lambda c: header(c, BOMB), 2, rf"{C2}:\d+: YAML aliases expand to too much data"),
    Case("YAML nested 200 deep", lambda c: c.append(E, "deep: " + "[" * 200 + "]" * 200 + "\n"), 2,
         rf"{E}:15: YAML nested more than 50 levels deep"),
    Case("edition.yaml over 1 MB", lambda c: c.append(E, "# " + "x" * 1_100_000 + "\n"), 2,
         rf"{E}: file of 1,100,\d+ bytes is over the limit of 1,000,000"),
    Case("chapter over 5 MB", lambda c: c.append(C2, ("word " * 200 + "\n\n") * 5200), 2,
         rf"{C2}: file of [\d,]+ bytes is over the limit of 5,000,000"),
    Case("key given twice", lambda c: c.append(L, "title: Again\n"), 2,
         rf"{L}:7: key 'title' is given twice \(first at line 1\)"),
    Case("YAML syntax error", lambda c: c.append(E, "oops: [unclosed\n"), 2, rf"{E}:\d+: YAML syntax error"),
    Case("tab-indented YAML", lambda c: c.edit(E, "  body: PT Serif", "\tbody: PT Serif"), 2, rf"{E}:\d+: YAML syntax error"),
    Case("!!python tag", lambda c: c.edit(L, "title: A Small Test", "title: !!python/object/apply:os.system ['echo hi']"), 2,
         rf"{L}:1: the YAML tag !!python/object/apply:os.system is not allowed"),
    Case("edition.yaml is a list", lambda c: c.write(E, "- a\n- b\n"), 2, rf"{E}:1: 'file' should be a set of key: value lines"),
    Case("empty edition.yaml", lambda c: c.write(E, ""), 2, rf"{E}:1: missing key 'date'"),
    Case("title: 1984", lambda c: c.edit(L, "title: A Small Test", "title: 1984"), 2,
         rf'{L}:1: \'title\': 1984 is read as a number, not as text \(put it in quotes: title: "1984"\)', absent="missing key"),
    Case("edition_code: NO", lambda c: c.edit(L, "edition_code: EN 99", "edition_code: NO"), 2,
         rf'{L}:3: \'edition_code\': NO is read as yes/no \(false\).*edition_code: "NO"', absent="missing key"),
    Case("folio: | block", lambda c: c.append(E, "folio: |\n  {page}\n"), 2,
         rf"{E}:15: 'folio' is written as a block of lines"),
    Case("folio with {pages}", lambda c: c.append(E, 'folio: "{pages}"\n'), 2, rf"{E}:15: 'folio': unknown placeholder \{{pages\}}"),
    Case("unknown key", lambda c: c.append(E, "titel: x\n"), 2, rf"{E}:15: unknown key 'titel' \(did you mean 'title'\?\)"),
    Case("bad date", lambda c: c.edit(E, "date: 2025-01", "date: 2025-13"), 2, rf"{E}:2: invalid date"),
    Case("chapter id with ../", lambda c: c.edit(E, "- id: second", "- id: ../../x"), 2, rf"{E}:13: 'chapters\[1\]\.id'"),
    Case("chapter listed twice", lambda c: c.edit(E, "- id: second", "- id: first"), 2, rf"{E}:13: chapter 'first' is listed twice"),
    Case("chapter file missing", lambda c: c.path(C2).unlink(), 2, rf"{E}:13: chapter file {C2} not found"),
    # -- chapter files: headers, encodings, characters -----------------------------------------
    Case("unclosed header", lambda c: c.write(C2, "---\ntitle: x\n\nText.\n"), 2,
         rf"{C2}:1: the header that starts here with '---' is never closed \(add a line '---'"),
    Case("no header", lambda c: c.write(C2, "Text only.\n"), 2, rf"{C2}:1: no header"),
    Case("UTF-16 chapter", lambda c: c.write(C2, c.path(C2).read_text().encode("utf-16")), 2, rf"{C2}:1: the file is UTF-16 text"),
    Case("Latin-1 chapter", lambda c: c.write(C2, "---\ntitle: x\n---\nCaf\u00e9.\n".encode("latin-1")), 2,
         rf"{C2}:4: not UTF-8 text \(byte 0xE9\) \(the file seems to be saved as Latin-1"),
    Case("Latin-1 edition.yaml", lambda c: c.write(L, c.path(L).read_text().replace("A Small", "Caf\u00e9").encode("latin-1")), 2,
         rf"{L}:1: not UTF-8 text"),
    Case("bell character in a chapter", lambda c: c.append(C2, "\nA bell\x07 rings.\n"), 2,
         rf"{C2}:6: control character U\+0007 \(bell\)"),
    Case("NUL byte in a chapter", lambda c: c.append(C2, "\nA nul\x00.\n"), 2, rf"{C2}:6: control character U\+0000"),
    Case("escape character in edition.yaml", lambda c: c.edit(E, "series: POCKET", "series: \x1b[31mPOCKET"), 2,
         rf"{E}:3: control character U\+001B"),
    Case("C1 control in a title", lambda c: c.edit(C2, "The second", "The\x9b second"), 2, rf"{C2}:2: control character U\+009B"),
    # -- languages and source_language ----------------------------------------------------------
    Case("source_language en/ (missing_chapters: source, LANGS=es)",
         then(es_folder, lambda c: c.edit(E, "source_language: en", "source_language: en/\nmissing_chapters: source"), langs("es")),
         2, rf"{E}:1: source_language 'en/' is not a language code \(languages: en, es\)"),
    Case("source_language ../../../x", then(lambda c: c.edit(E, "source_language: en", "source_language: ../../../outside")),
         2, rf"{E}:1: source_language '../../../outside' is not a language code"),
    Case("source_language without a folder", lambda c: c.edit(E, "source_language: en", "source_language: fr"), 2,
         rf"{E}:1: source_language 'fr' has no language folder"),
    Case("language folder 'english'", lambda c: c.write("content/mini/english/first.md", "---\ntitle: x\n---\n"), 2,
         r"content/mini/english: folder 'english' holds text but is not a language code \(BCP 47\)"),
    Case("language folder 'xx-invalid'", lambda c: c.write("content/mini/xx-invalid/edition.yaml", "title: x\n"), 2,
         r"content/mini/xx-invalid: folder 'xx-invalid' holds text but is not a language code"),
    Case("language folder without edition.yaml",
         lambda c: shutil.copy(c.path(C2), c.path("content/mini/de").mkdir() or c.path("content/mini/de/second.md")), 2,
         r"content/mini/de/edition.yaml: language folder 'de' has no edition.yaml"),
    Case("--langs xx", langs("xx"), 2, r"content/mini: no language 'xx' in mini \(languages: en\)"),
    Case("LANGS=xx-invalid", langs("xx-invalid"), 2, r"no language 'xx-invalid' in mini \(languages: en\)"),
    Case("unknown format", lambda c: None, 2, r"unknown format 'pdff' \(did you mean 'pdf'\?", formats=("pdff",)),
    Case("unknown edition", lambda c: c.args.extend(["--edition", "mnii"]), 2, r"no edition 'mnii' \(did you mean 'mini'\?"),
    # -- confinement: symlinks and paths out of the edition ---------------------------------------
    Case("chapter symlinked outside", lambda c: c.link(C2, c.canary("second.md", f"---\ntitle: {CANARY}\n---\n{CANARY}\n")), 2,
         rf"{C2}: leads outside the edition \(to .*second.md\)"),
    Case("edition.yaml symlinked outside",
         lambda c: c.link(E, c.canary("edition.yaml", c.path(E).read_text().replace("POCKET EDITION", CANARY))), 2,
         rf"{E}: leads outside the edition"),
    Case("language edition.yaml symlinked outside",
         lambda c: c.link(L, c.canary("lang.yaml", c.path(L).read_text().replace("A Small Test", CANARY))), 2,
         rf"{L}: leads outside the edition"),
    Case("chapter symlinked to the project's .git", lambda c: c.link(C2, c.root / ".git" / "config"), 2,
         rf"{C2}: leads outside the edition \(to .*\.git/config\)"),
    Case("picture symlinked outside", lambda c: c.link(PIC, c.canary("p.svg", f"{SVG_OPEN}<text>{CANARY}</text></svg>")), 2,
         rf"{E}:12: picture 'pictures/first.svg' is outside the edition folder"),
    Case("picture path ../../../", lambda c: c.edit(E, "picture: pictures/first.svg", "picture: ../../../canary.svg"), 2,
         rf"{E}:12: picture '../../../canary.svg' is outside the edition folder"),
    Case("style outside the edition", lambda c: c.append(E, "styles: [../../../evil.css]\n"), 2,
         rf"{E}:15: styles.0: '../../../evil.css' is outside the edition folder"),
    Case("style symlinked outside",
         then(lambda c: c.link("content/mini/x.css", c.canary("x.css", "body{}")), lambda c: c.append(E, "styles: [x.css]\n")), 2,
         rf"{E}:15: styles.0: 'x.css' is outside the edition folder"),
    Case("CSS url() to the project's .git",
         then(lambda c: c.write("content/mini/x.css", "\nbody { background: url('../../.git/config') }\n"),
              lambda c: c.append(E, "styles: [x.css]\n")), 2,
         r"content/mini/x.css:2: refused to fetch file://.*/\.git/config: outside the edition"),
    Case("CSS url() to /etc/passwd",
         then(lambda c: c.write("content/mini/x.css", "body { background: url('file:///etc/passwd') }\n"),
              lambda c: c.append(E, "styles: [x.css]\n")), 2,
         r"content/mini/x.css:1: refused to fetch file:///etc/passwd: outside the edition"),
    Case("CSS url() on the network",
         then(lambda c: c.write("content/mini/x.css", "body { background: url(http://example.com/x.png) }\n"),
              lambda c: c.append(E, "styles: [x.css]\n")), 2,
         r"content/mini/x.css:1: refused to fetch http://example.com/x.png: no network access"),
    Case("CSS @import of a file outside",
         then(lambda c: c.canary("evil.css", "body{}"), lambda c: c.write("content/mini/x.css", "@import '../../../outside/evil.css';\n"),
              lambda c: c.append(E, "styles: [x.css]\n")), 2,
         r"content/mini/x.css:1: refused to fetch file://.*/outside/evil.css: outside the edition"),
    Case("Markdown image of the project's .git", lambda c: c.append(C2, "\n![x](../.git/config)\n"), 2,
         rf"{C2}:6: refused to fetch file://.*/\.git/config: outside the edition"),
    Case("Markdown image on the network", lambda c: c.append(C2, "\n![x](https://example.com/x.png)\n"), 2,
         rf"{C2}:6: refused to fetch https://example.com/x.png: no network access"),
    # -- pictures ----------------------------------------------------------------------------------
    Case("SVG with an external entity (XXE)",
         svg_picture("<text>&xxe;</text>", '<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'), 2,
         rf"{PIC}:1: declares XML entities"),
    Case("SVG image of file:///etc/passwd", svg_picture('\n<image xlink:href="file:///etc/passwd" width="1" height="1"/>'), 2,
         rf"{PIC}:2: refers to 'file:///etc/passwd' outside the picture"),
    Case("SVG image on the network", svg_picture('\n<image href="http://example.com/x.png" width="1" height="1"/>'), 2,
         rf"{PIC}:2: refers to 'http://example.com/x.png' outside the picture"),
    Case("SVG image ../../", svg_picture('\n\n<image href="../../../outside/p.png" width="1" height="1"/>'), 2,
         rf"{PIC}:3: refers to '../../../outside/p.png' outside the picture"),
    Case("SVG <use> of another file", svg_picture('<use href="other.svg#x"/>'), 2, rf"{PIC}:1: refers to 'other.svg#x'"),
    Case("SVG with a script", svg_picture("\n<script>alert(1)</script>"), 2, rf"{PIC}:2: holds a <script> element"),
    Case("SVG with an onload attribute", lambda c: c.write(PIC, SVG_OPEN.replace("<svg ", '<svg onload="x()" ') + "</svg>"), 2,
         rf"{PIC}:1: has a script attribute 'onload'"),
    Case("SVG style url() on the network", svg_picture("<style>rect { fill: url(http://example.com/f.svg#p) }</style>"), 2,
         rf"{PIC}:1: refers to 'http://example.com/f.svg#p' outside the picture"),
    Case("SVG that is not XML", lambda c: c.write(PIC, "not a picture"), 2, rf"{PIC}:1: not a valid SVG picture"),
    Case("picture that is not an image", lambda c: picture_line(c, "x.png", b"hello"), 2,
         r"content/mini/pictures/x.png: unusable picture: the file is not a picture"),
    Case("picture with the wrong extension", lambda c: picture_line(c, "x.jpg", png_bytes()), 2,
         r"content/mini/pictures/x.jpg: unusable picture: the file is PNG, but its name ends in .jpg"),
    Case("picture missing", lambda c: c.path(PIC).unlink(), 2, rf"{E}:12: picture 'pictures/first.svg' not found"),
    # -- glyphs no font has -------------------------------------------------------------------------
    Case("emoji in a chapter title", lambda c: c.edit(C2, "The second chapter", "The second chapter \U0001f389"), 2,
         rf'{C2}:2: "\U0001f389" \(U\+1F389 PARTY POPPER\): none of the fonts tried has it'),
    Case("CJK in the text", lambda c: c.append(C2, "\n\u4e2d\u6587\n"), 2,
         rf'{C2}:6: "\u4e2d" \(U\+4E2D CJK UNIFIED IDEOGRAPH-4E2D\): none of the fonts tried has it'),
    Case("emoji in the edition title", lambda c: c.edit(L, "A Small Test", "A Small Test \u2603"), 2,
         rf'{L}:1: "\u2603" \(U\+2603 SNOWMAN\)'),
    # -- warnings: the book is made, the editor is told --------------------------------------------
    Case("raw HTML in Markdown", lambda c: c.append(C2, "\nSome <b>bold</b> words.\n"), 0,
         rf"warning: {C2}:6: raw HTML '<b>' prints as text", formats=("html",)),
    Case("giant paragraph", lambda c: c.append(C2, "\n" + "word " * 20_000 + "\n"), 0,
         rf"warning: {C2}:6: paragraph of 20,000 words", formats=("html",)),
    Case("link to nothing, EPUB", lambda c: c.append(C2, "\nSee [there](#nowhere) and [first](#first).\n"), 0,
         rf"{C2}:6: the link '#nowhere' leads to nothing in the book: unlinked", formats=("epub",)),
    # -- normalised, and built ------------------------------------------------------------------------
    Case("UTF-8 byte-order mark", lambda c: c.write(C2, b"\xef\xbb\xbf" + c.path(C2).read_bytes()), 0, r"built +build/mini-en.pdf"),
    Case("U+2029 after a space", lambda c: c.append(C2, "\nwords \u2029more words\n"), 0, r"built +build/mini-en.pdf"),
    Case("U+2028 in a title and the text", lambda c: then(lambda c: c.edit(C2, "second chapter", "second\u2028chapter"),
                                                            lambda c: c.append(C2, "\nline\u2028break\n"))(c), 0,
         r"built +build/mini-en.pdf"),
    # -- the machine: time, locks, disks, bugs -----------------------------------------------------
    Case("time limit", lambda c: c.args.extend(["--timeout", "0.001"]), 2,
         r"failed +build/mini-en.pdf: took longer than the time limit of 0.001 s"),
    Case("another build running", another_build, 2, r"another build is running in build \(process \d+\)"),
    Case("read-only build folder", read_only, 1, r"^error: cannot write .*build: the build folder is on a read-only file system"),
    Case("full disk", disk_full, 1, r"^error: cannot write .*: the disk is full \(the previous outputs are unchanged\)"),
    Case("internal error", crash, 70, r"internal error in pocketpress: please report this bug with the file .*pocketpress-crash.log"),
]  # fmt: skip


@pytest.fixture(scope="module")
def previous(tmp_path_factory) -> Path:
    """A project whose PDF is built once; each case copies it."""
    project = copy_project(Path(__file__).parent / "data/mini/content", tmp_path_factory.mktemp("hostile") / "press")
    assert main(["--project", str(project.root), "build", "pdf", "--jobs", "1"]) == 0
    (project.root / ".git").mkdir()
    (project.root / ".git" / "config").write_text(f"[core]\n\tsecret = {CANARY}\n")
    return project.root


def test_the_matrix_has_sixty_distinct_cases():
    assert len(CASES) >= 60
    assert len({case.name for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_hostile_input(case: Case, previous: Path, tmp_path: Path, monkeypatch, capsys):
    root = tmp_path / "press"
    shutil.copytree(previous, root, symlinks=True)
    (tmp_path / "outside").mkdir()
    ctx = Ctx(root, tmp_path / "outside", monkeypatch)
    before = (root / "build/mini-en.pdf").read_bytes()
    case.breaks(ctx)  # type: ignore[operator]
    status = main(["--project", str(root), "build", *case.formats, "--jobs", "1", *ctx.args])
    out = capsys.readouterr()
    text = out.out + out.err
    for step in ctx.cleanup:
        step()
    assert status == case.status, text
    assert re.search(case.message, text, re.M), text
    if case.absent:
        assert not re.search(case.absent, text), text
    assert "Traceback" not in text
    pdf = root / "build/mini-en.pdf"
    if status != 0 or case.formats != ("pdf",):
        assert pdf.read_bytes() == before, "the previous PDF changed"
    else:
        assert pypdfium2.PdfDocument(pdf.read_bytes())  # a whole, readable PDF
    assert not [p.name for p in (root / "build").iterdir() if p.name.endswith(".part")]
    for output in (root / "build").rglob("*"):
        if output.is_file() and output.name != "pocketpress-crash.log":
            assert CANARY.encode() not in output.read_bytes(), output
    if status == 0 and "pdf" in case.formats:
        document = pypdfium2.PdfDocument(pdf.read_bytes())
        words = "".join(page.get_textpage().get_text_range() for page in document)
        assert CANARY not in words
        assert "\u2029" not in words and "\u2028" not in words


def test_an_internal_error_writes_the_traceback_to_the_crash_log(previous, tmp_path, monkeypatch, capsys):
    root = tmp_path / "press"
    shutil.copytree(previous, root, symlinks=True)
    crash(Ctx(root, tmp_path, monkeypatch))
    assert main(["--project", str(root), "build", "pdf", "--jobs", "1"]) == 70
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    log = (root / "build" / "pocketpress-crash.log").read_text()
    assert "Traceback" in log and "RuntimeError: a bug" in log


def test_check_reports_a_character_no_font_has_in_its_layout_row(previous, tmp_path, capsys):
    """Issue 16, item 10: `make check` said "missing glyphs: ok" while the character was missing."""
    root = tmp_path / "press"
    shutil.copytree(previous, root, symlinks=True)
    with (root / C2).open("a", encoding="utf-8") as out:
        out.write("\nA snowman \u2603.\n")
    status = main(["--project", str(root), "check", "--langs", "en"])
    out = capsys.readouterr().out
    assert status == 2
    row = next(line for line in out.splitlines() if "missing glyphs" in line)
    assert "ERROR" in row and f'{C2}:6: "\u2603" (U+2603 SNOWMAN): none of the fonts tried has it' in row
    assert not re.search(r"missing glyphs +ok", out)
    assert re.search(r"Preflight: 1 file\(s\), [1-9]\d* error\(s\)", out)


def test_svg_sanitising_drops_every_external_reference_entity_and_script():
    """What reaches WeasyPrint and the EPUB (weasy.ProjectFetcher, epub.build_package) has no way out."""
    from pocketpress import svg

    hostile = (
        b'<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        + SVG_OPEN.replace("<svg ", '<svg onload="x()" ').encode()
        + b'<text>a &xxe; b</text><image xlink:href="http://example.com/x.png"/><image href="../../x.png"/>'
        + b'<use href="#local"/><script>alert(1)</script><style>rect { fill: url(http://x/y) }</style></svg>'
    )
    assert len(svg.problems(hostile)) >= 6
    clean = svg.sanitise(hostile)
    assert svg.problems(clean) == []
    for gone in (b"ENTITY", b"xxe", b"passwd", b"example.com", b"http://x/y", b"../", b"script", b"onload"):
        assert gone not in clean, gone
    assert b'href="#local"' in clean and b"<text>a  b</text>" in clean
