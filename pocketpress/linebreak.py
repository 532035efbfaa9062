"""Optimal line breaking (Knuth and Plass): a paragraph's items in, the best breaks out.

A paragraph is a list of items, as in TeX: boxes (a word or a piece of one), glue (a word space,
with how much it may stretch and shrink) and penalties (a place where a line may end at a cost:
a hyphenation point is a *flagged* penalty whose width is the hyphen's). `breaks` chooses the
breaks that minimise the sum of the lines' demerits, with every line within its width: a line is
never set tighter than its glue's full shrink (never overfull), nor looser than `tolerance` times
its glue's stretch (a second pass allows more when nothing fits).

Page-level fix-ups re-break one paragraph with `Settings.looseness` (TeX's \\looseness: as close as
possible to one line fewer, -1, or more, +1) or `Settings.no_hyphen_at` (line numbers, 0-based,
that may not end in a hyphen).

Pure: widths are numbers (the caller shapes the text; see shaping.py); no WeasyPrint, no fonts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

INFINITY = 10000  # a penalty this high forbids a break; minus this forces one


@dataclass(frozen=True)
class Box:
    width: float
    stretch: float = 0.0  # a word may stretch too (a little letter-spacing on loose lines)
    shrink: float = 0.0  # and shrink (a little negative letter-spacing on tight lines)


@dataclass(frozen=True)
class Glue:
    width: float
    stretch: float
    shrink: float


@dataclass(frozen=True)
class Penalty:
    width: float
    cost: float
    flagged: bool = False


Item = Box | Glue | Penalty


@dataclass(frozen=True)
class Settings:
    tolerance: float = 1.0  # the widest a line may be stretched, as a ratio of its glue's stretch
    retry_tolerance: float = 3.0  # the second pass, when no set of breaks fits within tolerance
    line_penalty: float = 10.0
    hyphen_penalty: float = 50.0  # added to the flagged penalties' own cost
    double_hyphen_demerits: float = 30000.0  # two hyphenated lines in a row (TeX's default: 10000)
    max_hyphens_in_row: int = 2  # a third hyphenated line in a row is never chosen
    fitness_demerits: float = 100.0  # a line whose tightness differs by more than one class from the last
    final_hyphen_demerits: float = 5000.0  # the next-to-last line ends in a hyphen
    looseness: int = 0
    no_hyphen_at: frozenset[int] = field(default_factory=frozenset)


DEFAULT = Settings()


def fitness(ratio: float) -> int:
    """TeX's four classes: 0 tight, 1 decent, 2 loose, 3 very loose."""
    if ratio < -0.5:
        return 0
    if ratio <= 0.5:
        return 1
    if ratio <= 1.0:
        return 2
    return 3


@dataclass
class _Node:
    position: int  # the item the line before ends at (-1: the paragraph's start)
    line: int  # lines set before this break
    fit: int
    hyphens: int  # hyphenated lines in a row ending here
    demerits: float
    previous: _Node | None
    width: float = 0.0  # totals of the items after this break, up to the next box
    stretch: float = 0.0
    shrink: float = 0.0


def breaks(items: Sequence[Item], width_of: Callable[[int], float], settings: Settings = DEFAULT) -> list[int] | None:
    """The positions (indices into items) of the best breaks, the paragraph's end included; None when
    no set of breaks fits (a word wider than the line). width_of(n): the width of line n (0-based)."""
    found = _best(items, width_of, settings, settings.tolerance)
    if found is None and settings.retry_tolerance > settings.tolerance:
        found = _best(items, width_of, settings, settings.retry_tolerance)
    return found


def adjustment_ratio(items: Sequence[Item], start: int, end: int, width: float) -> float:
    """How much the line of items[start:end] (a break at end) is stretched (> 0) or shrunk (< 0)."""
    natural, stretch, shrink = _sums(items, start, end)
    return _ratio(natural, stretch, shrink, width)


def lines(items: Sequence[Item], positions: Sequence[int]) -> list[tuple[int, int]]:
    """The (start, end) item range of each line: discardable glue and penalties after a break dropped."""
    out, start = [], 0
    for end in positions:
        while start < end and not isinstance(items[start], Box):
            start += 1
        out.append((start, end))
        start = end + 1
    return out


def _sums(items: Sequence[Item], start: int, end: int) -> tuple[float, float, float]:
    natural = stretch = shrink = 0.0
    for item in items[start:end]:
        if isinstance(item, Glue | Box):
            natural, stretch, shrink = natural + item.width, stretch + item.stretch, shrink + item.shrink
    if end < len(items) and isinstance(items[end], Penalty):
        natural += items[end].width
    return natural, stretch, shrink


def _ratio(natural: float, stretch: float, shrink: float, width: float) -> float:
    if natural < width:
        return (width - natural) / stretch if stretch > 0 else float("inf")
    if natural > width:
        return (width - natural) / shrink if shrink > 0 else float("-inf")
    return 0.0


def _legal(items: Sequence[Item], i: int) -> bool:
    item = items[i]
    if isinstance(item, Penalty):
        return item.cost < INFINITY
    return isinstance(item, Glue) and i > 0 and isinstance(items[i - 1], Box)


def _best(items: Sequence[Item], width_of, settings: Settings, tolerance: float) -> list[int] | None:
    # running totals: sum_w[i] is the natural width of items[:i], and so on
    sum_w, sum_y, sum_z = [0.0], [0.0], [0.0]
    for item in items:
        w = item.width if not isinstance(item, Penalty) else 0.0
        y = item.stretch if not isinstance(item, Penalty) else 0.0
        z = item.shrink if not isinstance(item, Penalty) else 0.0
        sum_w.append(sum_w[-1] + w)
        sum_y.append(sum_y[-1] + y)
        sum_z.append(sum_z[-1] + z)
    active: dict[tuple[int, int, int, int], _Node] = {(-1, 0, 1, 0): _Node(-1, 0, 1, 0, 0.0, None)}
    finals: list[_Node] = []
    for i, item in enumerate(items):
        if not _legal(items, i):
            continue
        penalty = item if isinstance(item, Penalty) else Penalty(0.0, 0.0)
        forced = penalty.cost <= -INFINITY
        cost = penalty.cost + (settings.hyphen_penalty if penalty.flagged else 0.0)
        candidates: dict[tuple[int, int, int, int], _Node] = {}
        for key, node in list(active.items()):
            start = _after(items, node.position)
            natural = sum_w[i] - sum_w[start] + penalty.width
            ratio = _ratio(natural, sum_y[i] - sum_y[start], sum_z[i] - sum_z[start], width_of(node.line))
            if ratio < -1 or forced:
                del active[key]
            if -1 <= ratio <= tolerance:
                made = _follow(node, i, ratio, cost, penalty.flagged, forced, settings)
                if made is not None:
                    kept = candidates.get(_key(made))
                    if kept is None or made.demerits < kept.demerits:
                        candidates[_key(made)] = made
        if forced:
            finals.extend(candidates.values())
        else:
            active.update(candidates)
        if not active and not forced:
            return None
    return _chosen(finals, settings.looseness)


def _after(items: Sequence[Item], position: int) -> int:
    """The first item of the line after a break at position (discardable items dropped)."""
    start = position + 1
    while start < len(items) and not isinstance(item := items[start], Box):
        if isinstance(item, Penalty) and item.cost <= -INFINITY:
            break
        start += 1
    return start


def _key(node: _Node) -> tuple[int, int, int, int]:
    return (node.position, node.line, node.fit, node.hyphens)  # hyphens: at most max_hyphens_in_row


def _follow(node: _Node, i: int, ratio: float, cost: float, flagged: bool, forced: bool, settings) -> _Node | None:
    """The break at item i after node, with its demerits; None when the settings forbid it."""
    hyphens = node.hyphens + 1 if flagged else 0
    if flagged and (hyphens > settings.max_hyphens_in_row or node.line in settings.no_hyphen_at):
        return None
    badness = 100 * abs(ratio) ** 3
    demerits = (settings.line_penalty + badness) ** 2
    if cost >= 0:
        demerits += cost**2
    elif not forced:
        demerits -= cost**2
    if flagged and node.hyphens:
        demerits += settings.double_hyphen_demerits
    if forced and node.hyphens:
        demerits += settings.final_hyphen_demerits
    fit = fitness(ratio) if not forced else 1
    if abs(fit - node.fit) > 1:
        demerits += settings.fitness_demerits
    return _Node(i, node.line + 1, fit, hyphens, node.demerits + demerits, node)


def _chosen(finals: list[_Node], looseness: int) -> list[int] | None:
    if not finals:
        return None
    best = min(finals, key=lambda n: (n.demerits, n.line))
    if looseness:
        wanted = best.line + looseness
        best = min(finals, key=lambda n: (abs(n.line - wanted), n.demerits))
    out = []
    node: _Node | None = best
    while node is not None and node.position >= 0:
        out.append(node.position)
        node = node.previous
    return out[::-1]
