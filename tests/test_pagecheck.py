"""The page checks (printing/pagecheck.py) on small documents laid out by WeasyPrint: each fault, where it is
(page, block, line), and the same document without it.

The pages hold six lines of 14 pt; a paragraph written with <br> has exactly the lines it is given.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pocketpress import weasy
from pocketpress.printing import pagecheck, spacing

CSS = """@page { size: 80mm 50mm; margin: 8mm; @bottom-center { content: "- " counter(page) " -" } }
body { font: 10pt/14pt 'PT Serif'; margin: 0 } p, h2, ul { margin: 0 } h2 { font-size: 10pt }"""
FOLIO = weasy.re.compile(r"-(\d+)-")
LOOSE_ONLY = "widows: 1; orphans: 1"  # what lets WeasyPrint leave a line alone


@pytest.fixture
def lay(tmp_path):
    def lay_out(body: str, css: str = "", parts: bool = False) -> weasy.Layout:
        body = body if parts else f"<article>{body}</article>"
        html = f"<html lang='en'><head><style>{CSS}{css}</style></head><body>{body}</body></html>"
        return weasy.lay_out(html, tmp_path, tmp_path, ["PT Serif"])

    return lay_out


def faults(layout: weasy.Layout) -> dict[str, list[pagecheck.Fault]]:
    return pagecheck.page_faults(list(weasy.lines(layout)), weasy.page_folios(layout, FOLIO))


def para(lines: int, name: str = "line", ident: str = "") -> str:
    id_attr = f' id="{ident}"' if ident else ""
    return f"<p{id_attr}>" + "<br>".join(f"{name} {i}" for i in range(1, lines + 1)) + "</p>"


def only(found: dict[str, list[pagecheck.Fault]], kind: str) -> list[pagecheck.Fault]:
    others = {k: v for k, v in found.items() if k != kind and v}
    assert not others, others
    return found[kind]


def test_the_pages_hold_six_lines(lay):
    lines = list(weasy.lines(lay(para(12))))
    assert [line.page for line in lines] == [1] * 6 + [2] * 6


def test_an_orphan_is_found_with_its_page_block_and_line(lay):
    layout = lay(para(5) + para(3, "next", "b"), f"p {{ {LOOSE_ONLY} }}")
    [fault] = only(faults(layout), pagecheck.ORPHAN)
    assert (fault.index, fault.folio, fault.block_id, fault.line, fault.text) == (0, "1", "b", 1, "next 1")
    assert str(fault) == (
        'p. 1 (PDF page 1): the paragraph\'s first line is alone at the foot of the page (#b, line 1): "next 1"'
    )


def test_no_orphan_when_the_paragraph_keeps_two_lines(lay):
    assert not any(faults(lay(para(5) + para(3, "next", "b"))).values())


def test_a_widow_is_found(lay):
    layout = lay(para(4) + para(3, "next", "b") + para(2), f"p {{ {LOOSE_ONLY} }}")
    [fault] = only(faults(layout), pagecheck.WIDOW)
    assert (fault.index, fault.folio, fault.block_id, fault.line, fault.text) == (1, "2", "b", 3, "next 3")
    assert "p. 2 (PDF page 2): the paragraph's last line is alone at the top of the page (#b, line 3)" in str(fault)


def test_no_widow_with_widows_2(lay):
    assert not any(faults(lay(para(4) + para(3, "next", "b"))).values())


@pytest.mark.parametrize(
    "heading",
    ['<h2 id="h">A sub-heading</h2>', '<div class="dinkus" id="h">* * *</div>', '<p class="display" id="h">Shout</p>'],
)
def test_a_heading_or_display_line_alone_at_the_foot_is_found(lay, heading):
    layout = lay(para(5) + heading + para(4, "after"), "h2, .dinkus, .display { break-after: auto }")
    [fault] = only(faults(layout), pagecheck.HEADING)
    assert (fault.index, fault.block_id, fault.line) == (0, "h", 1)
    assert "the foot of the page, its text on the next (#h, line 1)" in str(fault)


def test_a_heading_kept_with_its_text_is_no_fault(lay):
    layout = lay(para(5) + '<h2 id="h">A sub-heading</h2>' + para(4, "after"), "h2 { break-after: avoid }")
    assert not any(faults(layout).values())
    assert [line.page for line in weasy.lines(layout) if line.tag == "h2"] == [2]


def test_a_heading_that_ends_its_part_is_no_fault(lay):
    """A closing line at the foot of a chapter's last page: the next text is another chapter's."""
    layout = lay(f'<article>{para(5)}<p class="closing">The end</p></article><article>{para(3)}</article>', parts=True)
    assert not any(faults(layout).values())


HYPHENATED = '<p id="w" style="width: 18mm; hyphens: auto; hyphenate-character: \'-\'">{word}</p>'


def test_a_hyphen_at_the_foot_of_a_right_hand_page_is_found(lay):
    layout = lay(para(5) + HYPHENATED.format(word="extraordinarily"), f"p {{ {LOOSE_ONLY} }}")
    [fault] = faults(layout)[pagecheck.HYPHEN]  # also an orphan and a widow: the word is split over the pages
    assert (fault.index, fault.block_id, fault.line, fault.text) == (0, "w", 1, "extraordin-")
    assert "p. 1 (PDF page 1): the last line of a right-hand page ends in a hyphen (#w, line 1)" in str(fault)


def test_a_hyphen_at_the_foot_of_a_left_hand_page_is_no_fault(lay):
    layout = lay(para(11) + HYPHENATED.format(word="extraordinarily"), f"p {{ {LOOSE_ONLY} }}")
    assert [line.text for line in weasy.lines(layout) if line.page == 2][-1] == "extraordin-"
    assert faults(layout)[pagecheck.HYPHEN] == []


def test_a_hyphen_of_the_text_at_the_foot_is_no_fault(lay):
    layout = lay(para(5) + HYPHENATED.format(word="well-known"), f"p {{ {LOOSE_ONLY} }}")
    assert [line.text for line in weasy.lines(layout) if line.page == 1][-1] == "well-"
    assert faults(layout)[pagecheck.HYPHEN] == []


def test_a_chapter_whose_last_page_holds_one_line_is_found(lay):
    layout = lay(f"<article>{para(6)}{para(1, 'last', 'e')}</article><article>{para(2)}</article>", parts=True)
    [fault] = only(faults(layout), pagecheck.SHORT_END)
    assert (fault.index, fault.block_id, fault.line, fault.text) == (1, "e", 1, "last 1")
    assert "p. 2 (PDF page 2): the last page of the part holds a single line (#e, line 1)" in str(fault)


def test_a_chapter_whose_last_page_holds_two_lines_is_no_fault(lay):
    layout = lay(f"<article>{para(6)}{para(2, 'last', 'e')}</article><article>{para(2)}</article>", parts=True)
    assert not any(faults(layout).values())


WORDS = "the quick brown fox jumps over a lazy dog and runs far away into the woods".split()  # noqa: SIM905
LOOSE_CSS = "@page { size: 100mm 150mm } p { text-align: justify; hyphens: none }"


def prose(count: int, start: int = 0) -> str:
    return " ".join(WORDS[(start + i) % len(WORDS)] for i in range(count))


def loose_faults(layout: weasy.Layout) -> list[pagecheck.Fault]:
    spaced = spacing.justified_lines_of(layout.pdf())
    return pagecheck.loose_lines(spaced, list(weasy.lines(layout)), weasy.page_folios(layout, FOLIO))


def test_a_justified_line_over_3x_the_natural_space_is_found(lay):
    body = '<p id="l">I saw Pneumonoultramicroscopicsilicovolcanoconiosis there, and more words to end.</p>'
    body += "".join(f"<p>{prose(40 + 3 * n, n)}.</p>" for n in range(6))
    [fault] = loose_faults(lay(body, LOOSE_CSS))
    assert (fault.kind, fault.index, fault.block_id, fault.line, fault.text) == (pagecheck.LOOSE, 0, "l", 1, "I saw")
    assert fault.detail.startswith(" (") and float(fault.detail[2:-2]) > 3
    assert "a word space is over 3x the natural space" in str(fault)


def test_even_justified_lines_are_no_fault(lay):
    body = "".join(f"<p>{prose(40 + 3 * n, n)}.</p>" for n in range(7))
    layout = lay(body, LOOSE_CSS)
    assert len(spacing.justified_lines_of(layout.pdf())) > 10
    assert loose_faults(layout) == []


def test_loose_means_over_3x():
    line = weasy.Line(1, "a b c", (0, 0, 1, 1), (0, 0, 1, 1), block_id="p", number=2, count=3)
    rows = [spacing.Spaced(0, "a b c", widest, (1.0, widest)) for widest in (2.99, 3.0, 3.01)]
    [fault] = pagecheck.loose_lines(rows, [line], ["7"])
    assert str(fault) == 'p. 7 (PDF page 1): a word space is over 3x the natural space (3.01x) (#p, line 2): "a b c"'


# -- the house style (styles/print.css) -------------------------------------------------------------
HOUSE = (Path(__file__).parents[1] / "styles" / "print.css").read_text(encoding="utf-8")
HOUSE_PAGE = "@page { size: 105mm 75mm } html { font-family: 'PT Serif' }"  # about ten lines a page


def house_text(filler: int) -> str:
    """Every kind of block the house style sets, after `filler` lines, so that each meets a page foot
    (paragraphs of five lines between them: a text whose every break is to avoid has to break somewhere)."""
    lines3 = "<br>".join(["more"] * 3)
    return (
        f'<section class="introduction">{para(filler)}{para(3)}<p class="credit">{lines3}</p></section>'
        f'<article class="chapter"><div class="text">{para(filler)}<blockquote>{para(3)}{para(3)}</blockquote>'
        f"<h2>A sub-heading</h2>{para(5)}<h3>A smaller one</h3>{para(5)}"
        f'<div class="dinkus" role="separator">* * *</div>{para(5)}<ul><li>{lines3}</li><li>{lines3}</li></ul>'
        f'<p class="standfirst">The standfirst</p>{para(5)}<p class="display">A display line</p>{para(5)}'
        f'<p class="closing">The closing line</p>{para(5)}<figure><figcaption>{lines3}</figcaption></figure>'
        f"{para(5)}</div></article>"
    )


@pytest.mark.parametrize("filler", range(1, 11))
def test_the_house_style_leaves_no_line_or_heading_alone(lay, filler):
    layout = lay(house_text(filler), HOUSE + HOUSE_PAGE, parts=True)
    found = faults(layout)
    assert len(layout.pages) > 4
    assert found[pagecheck.WIDOW] == found[pagecheck.ORPHAN] == found[pagecheck.HEADING] == []


# -- the shipped editions ---------------------------------------------------------------------------
SHIPPED = [("voices-from-ukraine", "en"), ("voices-from-ukraine", "uk"), ("voices-from-the-russian-army", "en")]


@pytest.mark.slow
@pytest.mark.parametrize(("slug", "lang"), SHIPPED)
def test_the_shipped_editions_have_no_page_fault(project, slug, lang):
    """As make check lays them out (the print-shop layout with the line breaker's lines): no widow, orphan or
    heading at a foot (the house style), no hyphen at a right-hand page's foot and no chapter ending with
    a single line on its last page (evenlines.py's fix-ups). The loose lines: test_evenlines.py."""
    from pocketpress import evenlines
    from pocketpress.loader import load_edition
    from pocketpress.printing import preflight, printshop
    from pocketpress.render import print_html

    edition = load_edition(project, slug, lang)
    html = print_html(project, edition, project.build)
    _, layout = evenlines.lay_out(
        html,
        lambda h: printshop.lay_out(project, edition, h, project.build),
        edition.fonts.values(),
        project.build,
        hyphenation=edition.hyphenation,
    )
    found = preflight.faults(layout, layout.pdf(), edition)
    kinds = [
        pagecheck.WIDOW,
        pagecheck.ORPHAN,
        pagecheck.HEADING,
        pagecheck.HYPHEN,
        pagecheck.SHORT_END,
        pagecheck.PAIRS,
    ]
    assert {kind: found[kind] for kind in kinds} == {kind: [] for kind in kinds}


def hyphened(pairs: int, ident: str) -> str:
    """A paragraph with `pairs` pairs of consecutive lines that end in a hyphen (words of the text)."""
    lines = []
    for n in range(pairs):
        lines += [f"pair{n} well-", "known self-", "plain"]
    return f'<p id="{ident}">' + "<br>".join(lines) + "</p>"


def test_a_chapter_with_more_than_two_pairs_of_hyphenated_lines_is_found(lay):
    body = f"<article>{hyphened(3, 'h')}</article><article>{hyphened(2, 'k')}</article>"
    found = only(faults(lay(body, f"p {{ {LOOSE_ONLY} }}", parts=True)), pagecheck.PAIRS)
    assert [(f.block_id, f.line, f.text, f.detail) for f in found] == [
        ("h", 3 * n + 2, "known self-", " (3)") for n in range(3)
    ]
    assert "two hyphenated lines in a row, more than 2 times in the chapter" in str(found[0])


def test_two_pairs_of_hyphenated_lines_in_a_chapter_are_no_fault(lay):
    body = f"<article>{hyphened(2, 'h')}</article><article>{hyphened(2, 'k')}</article>"
    assert not any(faults(lay(body, f"p {{ {LOOSE_ONLY} }}", parts=True)).values())
