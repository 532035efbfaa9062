"""Even justified lines (issue 15): the optimal line breaker on the shipped editions.

Each edition is laid out once here as `make pdf` does (writers.Unit: a first layout for the measure,
the breaks fixed in the HTML, the second layout printed), and its PDF measured with the project's
measure (pocketpress.printing.evenness), which must agree with the shared tool when it is there.
"""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest

from pocketpress import linesetter, weasy
from pocketpress.loader import load_edition
from pocketpress.printing import pagecheck
from pocketpress.printing.evenness import measure
from pocketpress.printing.preflight import beyond_margins
from pocketpress.writers import Unit

ROOT = Path(__file__).resolve().parents[1]
SHARED_METRICS = ROOT.parent / "shared" / "tools" / "typo_metrics.py"

# (edition, language): the most lines over 2x the natural space (%), and the hyphenated line ends
# of WeasyPrint's own greedy breaking (counted on the PDFs of commit d8b3a4d), which may grow by 30 % at most.
EDITIONS = {
    ("voices-from-ukraine", "en"): (6.0, 215),
    ("voices-from-ukraine", "uk"): (4.5, 410),
    ("voices-from-the-russian-army", "en"): (6.0, 28),
}

RUNT = 10  # characters: a shorter last line that only ends a word broken above it is a fault

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def laid_out(project, tmp_path_factory):
    cache: dict = {}

    def get(slug: str, lang: str):
        if (slug, lang) not in cache:
            unit = Unit(project, load_edition(project, slug, lang), project.build)
            pdf = tmp_path_factory.mktemp("even") / f"{slug}-{lang}.pdf"
            pdf.write_bytes(unit.reading_pdf)
            cache[slug, lang] = (unit, pdf)
        return cache[slug, lang]

    return get


@pytest.mark.parametrize(("slug", "lang"), list(EDITIONS))
def test_lines_are_even_on_the_shipped_editions(laid_out, slug, lang):
    unit, pdf = laid_out(slug, lang)
    assert not unit.layout.warnings, unit.layout.warnings  # every paragraph laid out in the lines planned
    evenness = measure(pdf)
    most, _ = EDITIONS[slug, lang]
    assert evenness.percent(evenness.very_loose) <= most
    assert [text.strip() for _, _, text in evenness.worst] == []  # no line over 3x


@pytest.mark.parametrize(("slug", "lang"), list(EDITIONS))
def test_hyphens_stay_few_and_never_three_in_a_row(laid_out, slug, lang):
    _, pdf = laid_out(slug, lang)
    evenness = measure(pdf)
    _, greedy = EDITIONS[slug, lang]
    assert evenness.hyphenated <= 1.3 * greedy
    assert evenness.hyphens_in_row <= 2


@pytest.mark.parametrize(("slug", "lang"), list(EDITIONS))
def test_no_chapter_has_more_than_two_pairs_of_hyphenated_lines(laid_out, slug, lang):
    unit, _ = laid_out(slug, lang)
    pairs = pagecheck.pairs_by_part(list(weasy.lines(unit.layout)))
    assert max((len(found) for found in pairs.values()), default=0) <= pagecheck.MAX_PAIRS == 2


@pytest.mark.parametrize(("slug", "lang"), list(EDITIONS))
def test_no_paragraph_ends_with_the_tail_of_a_hyphenated_word_alone(laid_out, slug, lang):
    """A last line like "тися." or "ives.”" (the rest of the word broken on the line above) reads badly:
    the next-to-last line is not hyphenated (linesetter.SETTINGS.final_hyphen_demerits). A longer tail is
    left where no other breaks fit (a two-line paragraph ending "військовос‑ | лужбовець:")."""
    unit, _ = laid_out(slug, lang)
    lines = list(weasy.lines(unit.layout))
    found = [
        (after.page, before.text[-20:], after.text)
        for before, after in itertools.pairwise(lines)
        if after.last and after.number > 1 and before.block_index == after.block_index
        and before.text.rstrip().endswith(("\u2011", "-")) and " " not in after.text.strip()
        and len(after.text.strip()) < RUNT
    ]  # fmt: skip
    assert found == []


@pytest.mark.parametrize(("slug", "lang"), list(EDITIONS))
def test_no_line_runs_over_its_area(laid_out, slug, lang):
    unit, _ = laid_out(slug, lang)
    assert beyond_margins(unit.layout) == []
    assert 'class="ln"' in unit.lined_html  # the breaker did set the lines


def test_the_text_and_its_markup_survive_the_line_breaking(laid_out):
    unit, _ = laid_out("voices-from-ukraine", "en")
    before = _paragraphs(linesetter.mark(unit.html))
    after = _paragraphs(unit.lined_html)
    assert before.keys() == after.keys()
    for key, (text, emphasis) in before.items():
        new_text, new_emphasis = after[key]
        assert new_text == text
        assert _squeezed(new_emphasis) == _squeezed(emphasis)
    assert unit.lined_html.count('class="ln"') > 1000  # the lines of most paragraphs were fixed


def _paragraphs(html: str) -> dict[str, tuple[str, str]]:
    """Each paragraph's text (its lines joined again: a layout hyphen dropped, no space after a word's
    own hyphen or a dash), and the text of its <em> elements."""
    found = {}
    for match in re.finditer(r'<p data-lb="(\d+)"[^>]*>.*?</p>', html, re.S):
        element = lxml.html.fragment_fromstring(match.group(0))
        lines = [" ".join(span.text_content().split()) for span in element.find_class("ln")]
        text = " ".join(element.text_content().split())
        if lines:
            text = lines[0]
            for line in lines[1:]:
                if text.endswith("\u2011"):
                    text = text[:-1] + line
                else:
                    text += line if text.endswith(("-", "\u2014", "\u2013")) and text[-2].isalpha() else " " + line
        found[match.group(1)] = (text, "".join(e.text_content() for e in element.iter("em")))
    return found


def _squeezed(text: str) -> str:
    return re.sub(r"[\s\u2011]", "", text)


def test_the_same_edition_gives_the_same_lines(laid_out, project):
    unit, _ = laid_out("voices-from-the-russian-army", "en")
    shutil.rmtree(project.build / ".lines", ignore_errors=True)  # broken afresh, not taken from the store
    again = Unit(project, load_edition(project, "voices-from-the-russian-army", "en"), project.build)
    assert again.lined_html == unit.lined_html


@pytest.mark.skipif(not SHARED_METRICS.is_file(), reason="the shared measure (../shared/tools) is not here")
def test_the_project_measure_agrees_with_the_shared_tool(laid_out):
    _, pdf = laid_out("voices-from-ukraine", "uk")
    out = subprocess.run([sys.executable, str(SHARED_METRICS), str(pdf)], capture_output=True, text=True).stdout
    full = int(re.search(r"(\d+) full lines", out).group(1))
    loose, very = (int(n) for n in re.findall(r"\): (\d+) =", out))
    widest = float(re.search(r"max ([\d.]+)", out).group(1))
    evenness = measure(pdf)
    assert (evenness.full_lines, evenness.loose, evenness.very_loose) == (full, loose, very)
    assert evenness.widest == pytest.approx(widest, abs=0.01)
