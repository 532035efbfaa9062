"""Accessibility as a reader with a screen reader meets it: the tagged reading PDF (read back with
pikepdf), the pictures' text alternatives, and Ace by DAISY on every shipped EPUB."""

from __future__ import annotations

import ctypes
import io
import json
import os
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as raw
import pytest
from conftest import ROOT
from lxml import etree, html

from pocketpress import weasy
from pocketpress.build import execute, plan, select
from pocketpress.loader import Project, load_edition
from pocketpress.writers import Unit

SHIPPED = [f"{slug}/{lang}" for slug, lang in select(Project(ROOT), None, None)[0]]
ROLES = {"h1": "H1", "h2": "H2", "p": "P", "blockquote": "BlockQuote", "img": "Figure", "figcaption": "Caption"}
XHTML = {"x": "http://www.w3.org/1999/xhtml"}
ACE = ROOT / "node_modules" / ".bin" / "ace-cli"


# -- reading a tagged PDF back -------------------------------------------------------------
@dataclass(frozen=True)
class Element:
    role: str  # H1, P, Figure, ...
    alt: str | None
    lang: str | None


def structure(path: Path) -> list[Element]:
    """The structure elements of a PDF in reading order (depth first), without the text spans."""
    found: list[Element] = []

    def walk(element) -> None:
        if not isinstance(element, pikepdf.Dictionary) or "/S" not in element:
            return
        if element.S != "/Span":
            alt, lang = element.get("/Alt"), element.get("/Lang")
            found.append(Element(str(element.S)[1:], alt and str(alt), lang and str(lang)))
        kids = element.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            walk(kid)

    with pikepdf.open(path) as pdf:
        walk(pdf.Root.StructTreeRoot.K[0])
        return found


def collapse(roles: list[str]) -> list[str]:
    """Runs of one role as one (a paragraph broken across pages is two elements, one per page)."""
    return [r for i, r in enumerate(roles) if i == 0 or r != roles[i - 1]]


def source_roles(markup: str) -> list[str]:
    """The roles the print HTML asks for, in document order: what is decoration is left out."""
    roles = []
    for element in html.fromstring(markup.encode("utf-8")).iter():
        hidden = any(a.get("aria-hidden") == "true" or a.get("role") == "separator" for a in element.iterancestors())
        hidden = hidden or element.get("aria-hidden") == "true" or element.get("role") == "separator"
        if not hidden and element.tag in ROLES:
            roles.append(ROLES[element.tag])
    return roles


def build(project: Project, fmt: str, lang: str = "en") -> tuple[Path, list[str]]:
    the_plan = plan(project, [fmt], ["mini"], [lang], force=True)
    assert not the_plan.problems, the_plan.problems
    [result] = execute(project, the_plan.jobs, workers=1)
    assert result.status == "built", result
    return the_plan.jobs[0].output, result.warnings


# -- the tagged PDF -------------------------------------------------------------------------
def test_reading_pdf_is_tagged_in_the_order_and_roles_of_the_source(mini_built, mini_session):
    path = mini_built("pdf")
    elements = structure(path)
    roles = [e.role for e in elements]
    unit = Unit(mini_session, load_edition(mini_session, "mini", "en"), mini_session.build)
    assert collapse([r for r in roles if r in ROLES.values()]) == collapse(source_roles(unit.html))
    assert "TOC" in roles and roles.count("TOCI") == 2  # the printed contents: two chapters
    with pikepdf.open(path) as pdf:
        assert pdf.Root.Lang == "en"
        assert pdf.Root.MarkInfo.Marked is True
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        assert str(pdf.docinfo.Title) == unit.edition.title  # what DisplayDocTitle shows


def span_groups(path: Path) -> int:
    """The /Span structure elements that hold other structure elements (an inline element's text)."""
    count = 0

    def walk(element) -> None:
        nonlocal count
        if not isinstance(element, pikepdf.Dictionary) or "/S" not in element:
            return
        kids = element.get("/K")
        kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
        count += element.S == "/Span" and any(isinstance(k, pikepdf.Dictionary) and "/S" in k for k in kids)
        for kid in kids:
            walk(kid)

    with pikepdf.open(path) as pdf:
        walk(pdf.Root.StructTreeRoot.K[0])
    return count


def test_the_fixed_lines_are_not_in_the_structure_tree(mini_built, mini_session):
    """A screen reader reads paragraphs, not lines: the line breaker's line spans make no /Span."""
    unit = Unit(mini_session, load_edition(mini_session, "mini", "en"), mini_session.build)
    lined = html.fromstring(unit.lined_html.encode("utf-8"))
    line_spans = len(lined.xpath('//span[@class="ln"]'))
    other_spans = len(lined.xpath('//span[not(@class="ln")]'))
    assert line_spans >= 8  # the mini edition has justified paragraphs whose lines are fixed
    assert span_groups(mini_built("pdf")) <= other_spans


def test_every_figure_has_its_alt_text_with_the_languages_typography(mini_built):
    figures = [e for e in structure(mini_built("pdf")) if e.role == "Figure"]
    assert [f.alt for f in figures] == ["A grey box with a dashed frame and the words “title picture”"]


def text_objects(path: Path) -> list[tuple[str, list[str]]]:
    """(text, names of its marked-content marks) of every text object drawn on the pages, read by pdfium."""
    found = []
    for page in pdfium.PdfDocument(path):
        textpage = page.get_textpage()
        for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_TEXT], max_depth=1):
            size = raw.FPDFTextObj_GetText(obj.raw, textpage.raw, None, 0)
            buffer = ctypes.create_string_buffer(size)
            raw.FPDFTextObj_GetText(obj.raw, textpage.raw, ctypes.cast(buffer, ctypes.POINTER(raw.FPDF_WCHAR)), size)
            found.append((buffer.raw[: size - 2].decode("utf-16-le"), [_mark(obj, i) for i in range(_marks(obj))]))
    return found


def _marks(obj) -> int:
    return raw.FPDFPageObj_CountMarks(obj.raw)


def _mark(obj, index: int) -> str:
    mark = raw.FPDFPageObj_GetMark(obj.raw, index)
    size = ctypes.c_ulong()
    raw.FPDFPageObjMark_GetName(mark, None, 0, ctypes.byref(size))
    name = ctypes.create_string_buffer(size.value)
    raw.FPDFPageObjMark_GetName(mark, ctypes.cast(name, ctypes.POINTER(raw.FPDF_WCHAR)), size.value, ctypes.byref(size))
    return name.raw[: size.value - 2].decode("utf-16-le")


def test_folios_and_dinkus_are_artifacts_and_all_other_text_is_tagged(mini_built):
    drawn = text_objects(mini_built("pdf"))
    artifacts = [text.strip() for text, marks in drawn if marks == ["Artifact"]]
    assert "* * *" in artifacts and "| |" in artifacts  # the dinkus, the bars of the series mark
    assert [t for t in artifacts if t.isdigit()] == ["5", "6", "7"]  # the folios of the numbered pages
    assert all(marks in (["Span"], ["Artifact"]) for _, marks in drawn), [d for d in drawn if not d[1]]
    with pikepdf.open(mini_built("pdf")) as pdf:  # every tagged text is reachable from the tree's root
        reachable = set()

        def walk(element) -> None:
            if isinstance(element, pikepdf.Dictionary) and "/S" in element:
                reachable.add(element.objgen)
                kids = element.get("/K")
                for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                    walk(kid)

        walk(pdf.Root.StructTreeRoot.K[0])
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        for i in range(0, len(nums), 2):
            entries = nums[i + 1] if isinstance(nums[i + 1], pikepdf.Array) else [nums[i + 1]]
            assert all(e.objgen in reachable for e in entries if isinstance(e, pikepdf.Dictionary) and "/S" in e)


def test_a_passage_in_another_language_has_its_lang(mini):
    folder = mini.content / "mini/es"
    folder.mkdir()
    (folder / "edition.yaml").write_text(
        (mini.content / "mini/en/edition.yaml").read_text() + "allow_partial: true\nmissing_chapters: source\n"
    )
    for name in ("introduction", "first"):
        shutil.copy(mini.content / f"mini/en/{name}.md", folder / f"{name}.md")
    path, _ = build(mini, "pdf", "es")
    with pikepdf.open(path) as pdf:
        assert pdf.Root.Lang == "es"
    langs = {e.lang for e in structure(path) if e.role == "Art"}
    assert langs == {None, "en"}  # the Spanish chapter takes the document's; the English one says so


def test_tagging_changes_no_pixel_and_no_byte_between_builds(mini_session):
    edition = load_edition(mini_session, "mini", "en")
    unit = Unit(mini_session, edition, mini_session.build)
    tagged, plain = unit.reading_pdf, unit.layout.pdf(tagged=False)
    with pikepdf.open(io.BytesIO(tagged)) as a, pikepdf.open(io.BytesIO(plain)) as b:
        assert "/StructTreeRoot" in a.Root and "/StructTreeRoot" not in b.Root
    for a, b in zip(pdfium.PdfDocument(tagged), pdfium.PdfDocument(plain), strict=True):
        assert a.render(scale=0.5).to_pil().tobytes() == b.render(scale=0.5).to_pil().tobytes()
    again = Unit(mini_session, edition, mini_session.build).reading_pdf
    assert again == tagged


def test_a_quotations_first_paragraph_has_no_indent(mini_session):
    layout = Unit(mini_session, load_edition(mini_session, "mini", "en"), mini_session.build).layout
    [quote] = [line for line in weasy.lines(layout) if line.text.startswith("“A quoted letter")]
    left_margin_px = 4 / 25.4 * 96  # blockquote { margin-left: 4mm }, no text-indent
    assert abs(quote.ink[0] - quote.area[0] - left_margin_px) < 2


# -- pictures --------------------------------------------------------------------------------
def epub_doc(path: Path, name: str):
    with zipfile.ZipFile(path) as book:
        return etree.fromstring(book.read(f"EPUB/{name}"))


def test_a_picture_without_alt_text_is_reported_and_its_caption_not_read_twice(mini):
    chapter = mini.content / "mini/en/first.md"
    chapter.write_text("\n".join(line for line in chapter.read_text().splitlines() if not line.startswith("alt:")))
    path, warnings = build(mini, "epub")
    assert warnings == [
        "content/mini/en/first.md:1: the title picture has no alt text (add 'alt: <what the picture shows>' "
        "to the chapter header, or 'placeholder: true' in edition.yaml)"
    ]
    figure = epub_doc(path, "ch-first.xhtml").find(".//x:figure", XHTML)
    assert figure.find("x:img", XHTML).get("alt") == "The title picture: a placeholder."
    assert figure.find("x:figcaption", XHTML).get("aria-hidden") == "true"  # the alt says it already
    pdf_path, _ = build(mini, "pdf")
    roles = [e.role for e in structure(pdf_path)]
    assert "Figure" in roles and "Caption" not in roles


def test_a_placeholder_picture_says_it_is_one(mini):
    edition_file = mini.content / "mini/edition.yaml"
    edition_file.write_text(
        edition_file.read_text().replace(
            "picture: pictures/first.svg", "picture: pictures/first.svg\n    placeholder: true"
        )
    )
    path, warnings = build(mini, "epub")
    assert not warnings
    figure = epub_doc(path, "ch-first.xhtml").find(".//x:figure", XHTML)
    assert figure.find("x:img", XHTML).get("alt") == "Picture not available in this edition"
    assert figure.find("x:figcaption", XHTML).get("aria-hidden") is None


@pytest.mark.slow
def test_shipped_placeholders_say_so_in_each_language(built):
    expected = {"en": "Picture not available in this edition", "uk": "Зображення немає в цьому виданні"}
    for lang, alt in expected.items():
        figure = epub_doc(built("voices-from-ukraine", lang, "epub"), "ch-long-hot-summer.xhtml")
        assert figure.find(".//x:img", XHTML).get("alt") == alt


def test_modified_date_follows_the_newest_input_outside_git(mini, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    path, _ = build(mini, "epub")
    first = path.read_bytes()
    chapter = mini.content / "mini/en/second.md"
    chapter.write_text(chapter.read_text() + "\nA corrected sentence.\n")
    os.utime(chapter, (1893456000, 1893456000))  # 2030-01-01
    path, _ = build(mini, "epub")
    opf = epub_doc(path, "content.opf")
    modified = opf.xpath("//*[@property='dcterms:modified']/text()")
    assert modified == ["2030-01-01T00:00:00Z"] and path.read_bytes() != first


# -- Ace by DAISY ------------------------------------------------------------------------------
def run_ace(epub: Path, out: Path) -> dict:
    assert ACE.exists(), "Ace by DAISY is not installed: run `bash scripts/setup.sh` (npm ci into node_modules/)"
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium, "Debian's chromium is missing: run `bash scripts/setup.sh`"
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": chromium, "PUPPETEER_SKIP_DOWNLOAD": "1"}
    done = subprocess.run(
        [str(ACE), "--silent", "--force", "--outdir", str(out), str(epub)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = out / "report.json"
    assert report.exists(), f"Ace failed ({done.returncode}): {done.stdout[-2000:]} {done.stderr[-2000:]}"
    return json.loads(report.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def ace_reports(built, tmp_path_factory):
    """Ace's report on each shipped EPUB, one run each per session."""
    reports = {}
    for name in SHIPPED:
        slug, lang = name.split("/")
        reports[name] = run_ace(built(slug, lang, "epub"), tmp_path_factory.mktemp(f"ace-{slug}-{lang}"))
    return reports


def violations(report: dict) -> list[str]:
    return [
        f"{doc['earl:testSubject']['url']}: {a['earl:test']['dct:title']} ({a['earl:test']['earl:impact']}): "
        f"{a['earl:result']['dct:description']}"
        for doc in report["assertions"]
        for a in doc["assertions"]
        if a["earl:result"]["earl:outcome"] == "fail"
    ]


@pytest.mark.slow
@pytest.mark.parametrize("name", SHIPPED)
def test_ace_finds_no_violation_in_a_shipped_epub(ace_reports, name):
    report = ace_reports[name]
    assert violations(report) == []
    assert report["earl:result"]["earl:outcome"] == "pass"
    conforms = report["earl:testSubject"]["metadata"].get("dcterms:conformsTo")
    assert conforms == "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"
