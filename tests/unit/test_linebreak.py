"""The optimal line breaker (pocketpress/linebreak.py) with a fake width function: one unit per letter.

A paragraph is written as text; "|" marks a hyphenation point inside a word (a flagged penalty whose
hyphen is one unit wide). A space is one unit wide, stretches by one unit and shrinks by a third.
"""

from __future__ import annotations

import pytest

from pocketpress import linebreak as lb


def items_of(text: str) -> list[lb.Item]:
    items: list[lb.Item] = []
    for n, word in enumerate(text.split()):
        if n:
            items.append(lb.Glue(1.0, 1.0, 1 / 3))
        pieces = word.split("|")
        for k, piece in enumerate(pieces):
            items.append(lb.Box(float(len(piece))))
            if k < len(pieces) - 1:
                items.append(lb.Penalty(1.0, 0.0, flagged=True))
    return [*items, lb.Penalty(0.0, lb.INFINITY), lb.Glue(0.0, 1e6, 0.0), lb.Penalty(0.0, -lb.INFINITY)]


def set_text(text: str, width: float, settings: lb.Settings = lb.DEFAULT) -> list[str]:
    """The lines as text (a hyphenated line ends in "-"), checking that none is overfull."""
    items = items_of(text)
    positions = lb.breaks(items, lambda n: width, settings)
    assert positions is not None
    words = _labels(text)
    out = []
    for start, end in lb.lines(items, positions):
        natural = sum(i.width for i in items[start:end] if not isinstance(i, lb.Penalty))
        shrink = sum(i.shrink for i in items[start:end] if isinstance(i, lb.Glue))
        end_width = items[end].width if isinstance(items[end], lb.Penalty) else 0.0
        assert natural + end_width - shrink <= width + 1e-9, "overfull line"
        line = "".join(words[i] for i in range(start, end))
        out.append(line + ("-" if isinstance(items[end], lb.Penalty) and items[end].flagged else ""))
    return out


def _labels(text: str) -> list[str]:
    labels: list[str] = []
    for n, word in enumerate(text.split()):
        if n:
            labels.append(" ")
        pieces = word.split("|")
        for k, piece in enumerate(pieces):
            labels.append(piece)
            if k < len(pieces) - 1:
                labels.append("")
    return [*labels, "", "", ""]


def spread(lines: list[str], width: float) -> list[float]:
    """Each justified line's adjustment in units per space (the last line is not justified)."""
    return [(width - len(line)) / max(1, line.count(" ")) for line in lines[:-1]]


TEXT = "aaa bb cc ddddd eeee ff gggggg hh iii jjjj kk llllll mmm nn oooo pp qqqqq rr ss tttttt uu"


def greedy(text: str, width: float) -> list[str]:
    lines = [""]
    for word in text.split():
        if lines[-1] and len(lines[-1]) + 1 + len(word) > width:
            lines.append("")
        lines[-1] = f"{lines[-1]} {word}".strip()
    return lines


def badness(lines: list[str], width: float) -> float:
    return sum(abs(s) ** 3 for s in spread(lines, width))


def test_optimal_breaks_beat_greedy_filling():
    """Over a range of measures the breaker's lines are never worse than greedy filling, often better."""
    better = 0
    for width in range(14, 26):
        lines, filled = set_text(TEXT, width, lb.Settings(tolerance=10)), greedy(TEXT, width)
        assert badness(lines, width) <= badness(filled, width) + 1e-9
        better += badness(lines, width) < badness(filled, width) - 1e-9
    assert better >= 3


def test_no_line_is_overfull_and_every_word_is_kept():
    lines = set_text(TEXT, 12)
    assert " ".join(lines).split() == TEXT.split()
    assert all(len(line) <= 12 + line.count(" ") / 3 for line in lines)


def test_a_word_wider_than_the_line_gives_no_breaks():
    assert lb.breaks(items_of("a verylongwordindeed b"), lambda n: 8) is None


def test_the_first_line_may_have_its_own_width():
    items = items_of(TEXT)
    positions = lb.breaks(items, lambda n: 10 if n == 0 else 16)
    assert positions is not None
    first, _ = lb.lines(items, positions)[0], None
    assert sum(i.width for i in items[first[0] : first[1]] if isinstance(i, lb.Box | lb.Glue)) <= 10 + 1


HYPHENY = " ".join(["ex|am|ple", "hy|phen|ation", "al|go|rithm", "is", "a"] * 10)
EAGER = {"tolerance": 10, "hyphen_penalty": -50, "double_hyphen_demerits": 0}  # hyphens wherever they fit


def test_never_more_than_two_hyphenated_lines_in_a_row():
    def ends(**settings) -> str:
        return "".join("h" if line.endswith("-") else "." for line in set_text(HYPHENY, 20, lb.Settings(**settings)))

    assert "hhhh" in ends(**EAGER, max_hyphens_in_row=9)
    assert "hh" in ends(**EAGER)
    assert "hhh" not in ends(**EAGER)
    assert "hh" not in ends(**EAGER, max_hyphens_in_row=1)


def test_a_hyphen_can_be_forbidden_at_one_line_end():
    lines = set_text(HYPHENY, 20, lb.Settings(**EAGER))
    hyphenated = [n for n, line in enumerate(lines) if line.endswith("-")]
    assert hyphenated
    k = hyphenated[0]
    again = set_text(HYPHENY, 20, lb.Settings(**EAGER, no_hyphen_at=frozenset({k})))
    assert not again[k].endswith("-")
    assert " ".join(again).replace("- ", "").split() == " ".join(lines).replace("- ", "").split()


@pytest.mark.parametrize("looseness", [-1, 1])
def test_looseness_sets_one_line_fewer_or_more(looseness):
    text = " ".join(["word"] * 40 + ["end"])
    normal = set_text(text, 27.4, lb.Settings(tolerance=3))  # 8 lines; 7 fit (shrunk), and 9
    changed = set_text(text, 27.4, lb.Settings(tolerance=3, looseness=looseness))
    assert len(changed) == len(normal) + looseness


def test_looseness_that_cannot_be_met_gives_the_nearest():
    normal = set_text("aaa bbb", 20)
    assert set_text("aaa bbb", 20, lb.Settings(looseness=-1)) == normal == ["aaa bbb"]


def test_same_items_same_breaks():
    items = items_of(HYPHENY)
    assert lb.breaks(items, lambda n: 13) == lb.breaks(items, lambda n: 13)


def test_fitness_classes():
    assert [lb.fitness(r) for r in (-0.8, 0.0, 0.7, 1.5)] == [0, 1, 2, 3]


def test_words_may_shrink_a_little_too():
    """Two words of 10 and a space of 1 on a line of 20: only the words' shrink (negative letter-spacing)
    makes them fit on one line."""
    end = [lb.Penalty(0.0, lb.INFINITY), lb.Glue(0.0, 1e6, 0.0), lb.Penalty(0.0, -lb.INFINITY)]
    rigid = [lb.Box(10.0), lb.Glue(1.0, 1.0, 0.0), lb.Box(10.0), *end]
    shrinking = [lb.Box(10.0, 0.0, 1.0), lb.Glue(1.0, 1.0, 0.0), lb.Box(10.0, 0.0, 1.0), *end]
    assert lb.breaks(rigid, lambda n: 20.0) is None  # one word a line would be far too loose
    assert lb.breaks(shrinking, lambda n: 20.0) == [5]
