"""One build unit per edition and language: the reading outputs share one WeasyPrint layout."""

from __future__ import annotations

import pytest

from pocketpress import weasy
from pocketpress.build import execute, plan

READING = ["pdf", "epub", "booklet", "proof", "html"]


def layouts_for(project, formats):
    the_plan = plan(project, formats, ["mini"], ["en"], force=True)
    before = weasy.COUNTS["layouts"]
    results = execute(project, the_plan.jobs, workers=1)
    assert [r.status for r in results] == ["built"] * len(formats), results
    assert sum(r.layouts for r in results) == weasy.COUNTS["layouts"] - before
    return weasy.COUNTS["layouts"] - before


@pytest.mark.slow
def test_reading_outputs_share_one_layout(mini):
    # two: the line breaker's first layout (the paragraphs' measure and fonts), and the one printed
    assert layouts_for(mini, READING) == 2


@pytest.mark.slow
def test_only_the_print_shop_pdf_lays_out_again(mini):
    # the print-shop PDF is made in a unit of its own: its lines are measured on a print-shop layout
    assert layouts_for(mini, [*READING, "print"]) == 4


@pytest.mark.slow
def test_html_is_the_lined_html_and_a_rebuild_reuses_the_lines(mini):
    # the HTML written is what the reading PDF is laid out from: its lines are fixed by the line breaker
    assert layouts_for(mini, ["html", "pdf"]) == 2
    written = (mini.build / "mini-en.html").read_text(encoding="utf-8")
    printed = (mini.build / "mini-en.pdf").read_bytes()
    assert '<span class="ln">' in written
    # forced again, unchanged: the lines kept in build/.lines are reused, only the printed layout is made,
    # and it is the same, byte for byte
    assert layouts_for(mini, ["html", "pdf"]) == 1
    assert (mini.build / "mini-en.html").read_text(encoding="utf-8") == written
    assert (mini.build / "mini-en.pdf").read_bytes() == printed
