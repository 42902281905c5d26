"""A page's text lines in reading order, from their places alone: a recursive XY-cut.

A PDF stores its text in whatever order the typesetting program wrote it. The page is read as a
person reads it: cut at rules that span the region, else between columns (a vertical gap no line
crosses), else between strips (the widest horizontal gap); where nothing cuts, the topmost line of
the largest type is peeled off as a headline strip. A box drawn with rules (a sidebar, a notice)
is read as one unit, where it stands.

Coordinates are points, top down: (x0, top, x1, bottom).
"""

from __future__ import annotations

from dataclasses import dataclass, field

RULE_SPAN = 0.8
"""A horizontal rule cuts a region when it spans this share of the region's width."""
MIN_COLUMN_GAP = 0.5
"""A vertical gap at least this many times the type size separates columns."""
STRIP_GAP_TIE = 0.95
"""Horizontal gaps this close to the widest are cut together (the lines of one column)."""
HEADING_RATIO = 1.15
"""A line set this much larger than the body type is a headline part."""


@dataclass(frozen=True)
class Span:
    """A line of text where it stands on the page."""

    text: str
    size: float
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True)
class Rule:
    """A ruled line: horizontal (top == bottom, near enough) or vertical."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        return self.x1 - self.x0 >= self.bottom - self.top


@dataclass
class Box:
    """A rectangle drawn round some lines: they are read together."""

    x0: float
    top: float
    x1: float
    bottom: float
    spans: list[Span] = field(default_factory=list)

    def holds(self, span: Span, slack: float = 2.0) -> bool:
        return (span.x0 >= self.x0 - slack and span.x1 <= self.x1 + slack
                and span.top >= self.top - slack and span.bottom <= self.bottom + slack)


Item = Span | Box


@dataclass
class Group:
    """Lines read one after another in one region (a column, a strip, a box)."""

    spans: list[Span]
    boxed: bool = False


def reading_order(spans: list[Span], rules: list[Rule], frames: list[Box]) -> list[Group]:
    """The page's lines as regions in reading order; each region's lines top to bottom."""
    boxes = _outermost_boxes(spans, frames)
    boxed = {id(span) for box in boxes for span in box.spans}
    items: list[Item] = [span for span in spans if id(span) not in boxed]
    items += boxes
    return _cut(items, rules)


def _outermost_boxes(spans: list[Span], frames: list[Box]) -> list[Box]:
    """Frames that hold some of the page's lines but not all of them (a page border), each line in
    the largest frame that holds it."""
    boxes: list[Box] = []
    taken: set[int] = set()
    for frame in sorted(frames, key=lambda f: -(f.x1 - f.x0) * (f.bottom - f.top)):
        inside = [span for span in spans if id(span) not in taken and frame.holds(span)]
        if inside and len(inside) < len(spans):
            boxes.append(Box(frame.x0, frame.top, frame.x1, frame.bottom, inside))
            taken.update(id(span) for span in inside)
    return boxes


def _size(items: list[Item]) -> float:
    sizes = sorted(span.size for item in items for span in (item.spans if isinstance(item, Box) else [item]))
    return sizes[len(sizes) // 2] if sizes else 10.0


def _cut(items: list[Item], rules: list[Rule]) -> list[Group]:
    if not items:
        return []
    if len(items) == 1:
        [item] = items
        if isinstance(item, Box):
            inner = _cut(list(item.spans), [])
            return [Group([span for group in inner for span in group.spans], boxed=True)]
        return [Group([item])]
    parts = _split_at_rules(items, rules)
    if parts:
        return _join(parts, rules, stacked=False)
    if _one_row(items):
        return [Group(sorted(items, key=lambda item: item.x0))]  # type: ignore[arg-type]
    parts = _split_columns(items, rules)
    if parts:
        head = _headline_strip(items)
        if head:
            parts = _stories(parts, head)
        if len(parts) > 1:
            return _join(parts, rules, stacked=False)
        # the columns run under one headline that spans some of them: the headline first
        return _join([[item for item in items if id(item) in head],
                      [item for item in items if id(item) not in head]], rules, stacked=True)
    parts = _split_strips(items, rules)
    if parts:
        return _join(parts, rules, stacked=True)
    return _peel(items, rules)


def _one_row(items: list[Item]) -> bool:
    """Whether the region is one row of pieces: a letter-spaced headline, or a page header printed
    in parts (`东江日报` … `2025年6月5日 星期四` … `第1版`). It is read as one line, never as columns."""
    return all(isinstance(item, Span) for item in items) and max(item.top for item in items) < min(
        item.bottom for item in items)


def _stories(parts: list[list[Item]], head: set[int]) -> list[list[Item]]:
    """Columns grouped by the headline over them: a column with a headline line of the region's top
    strip is its story's; one without goes with the nearest such column (a headline centred over
    its story's columns spans only the middle ones). Neighbouring columns of one story stay together."""
    headed = [index for index, part in enumerate(parts) if any(id(item) in head for item in part)]
    if not headed:
        return parts

    def reach(index: int) -> tuple[float, float]:
        heads = [item for item in parts[index] if id(item) in head]
        return min(item.x0 for item in heads), max(item.x1 for item in heads)

    def distance(index: int, owner: int) -> float:
        x0, x1 = min(item.x0 for item in parts[index]), max(item.x1 for item in parts[index])
        h0, h1 = reach(owner)
        return max(h0 - x1, x0 - h1, 0.0)

    owners = [index if index in headed else min(headed, key=lambda owner: distance(index, owner))
              for index in range(len(parts))]
    stories: list[list[Item]] = []
    for index, part in enumerate(parts):
        if index and owners[index] == owners[index - 1]:
            stories[-1].extend(part)
        else:
            stories.append(list(part))
    return stories


def _headline_strip(items: list[Item]) -> set[int]:
    """The ids of the lines above the region's first horizontal gap, where all are set larger than
    the region's body type (a headline over its columns); empty otherwise."""
    body = _size(items)
    ordered = sorted(items, key=lambda item: item.top)
    reach = ordered[0].bottom
    for index, item in enumerate(ordered[1:], start=1):
        if item.top > reach:
            strip = ordered[:index]
            if all(isinstance(head, Span) and head.size > HEADING_RATIO * body for head in strip):
                return {id(head) for head in strip}
            return set()
        reach = max(reach, item.bottom)
    return set()


def _join(parts: list[list[Item]], rules: list[Rule], stacked: bool) -> list[Group]:
    """The parts' regions in order; parts stacked in one column that stay one region each are read
    as one region (the lines of a column)."""
    groups: list[Group] = []
    flowing = False
    for part in parts:
        inner = _cut(part, rules)
        single = len(inner) == 1 and not inner[0].boxed
        if stacked and single and flowing and groups:
            groups[-1].spans.extend(inner[0].spans)
        else:
            groups.extend(inner)
        flowing = stacked and single
    return groups


def _split_at_rules(items: list[Item], rules: list[Rule]) -> list[list[Item]]:
    """Strips between the horizontal rules that span the region and that no line crosses."""
    x0 = min(item.x0 for item in items)
    x1 = max(item.x1 for item in items)
    top = min(item.top for item in items)
    bottom = max(item.bottom for item in items)
    width = x1 - x0
    cuts = sorted({
        rule.top for rule in rules
        if rule.horizontal and top < rule.top < bottom
        and min(rule.x1, x1) - max(rule.x0, x0) >= RULE_SPAN * width
        and not any(item.top < rule.top < item.bottom for item in items)
    })
    return _partition(items, cuts, lambda item: (item.top + item.bottom) / 2)


def _split_columns(items: list[Item], rules: list[Rule]) -> list[list[Item]]:
    """Columns between vertical gaps no line crosses (or vertical rules no line crosses)."""
    gap = MIN_COLUMN_GAP * _size(items)
    ordered = sorted(items, key=lambda item: item.x0)
    cuts: list[float] = []
    reach = ordered[0].x1
    for item in ordered[1:]:
        if item.x0 - reach >= gap:
            cuts.append((reach + item.x0) / 2)
        reach = max(reach, item.x1)
    top = min(item.top for item in items)
    bottom = max(item.bottom for item in items)
    for rule in rules:
        if (not rule.horizontal and rule.top <= top + 0.5 * (bottom - top) and rule.bottom >= bottom - 0.5 * (bottom - top)
                and min(item.x0 for item in items) < rule.x0 < max(item.x1 for item in items)
                and not any(item.x0 < rule.x0 < item.x1 for item in items)):
            cuts.append(rule.x0)
    return _partition(items, sorted(set(cuts)), lambda item: (item.x0 + item.x1) / 2)


def _split_strips(items: list[Item], rules: list[Rule]) -> list[list[Item]]:
    """Strips at the widest horizontal gaps no line crosses."""
    ordered = sorted(items, key=lambda item: item.top)
    gaps: list[tuple[float, float]] = []
    reach = ordered[0].bottom
    for item in ordered[1:]:
        if item.top > reach:
            gaps.append((item.top - reach, (reach + item.top) / 2))
        reach = max(reach, item.bottom)
    if not gaps:
        return []
    widest = max(width for width, _ in gaps)
    cuts = [middle for width, middle in gaps if width >= STRIP_GAP_TIE * widest]
    return _partition(items, cuts, lambda item: (item.top + item.bottom) / 2)


def _partition(items: list[Item], cuts: list[float], position) -> list[list[Item]]:
    if not cuts:
        return []
    parts: list[list[Item]] = [[] for _ in range(len(cuts) + 1)]
    for item in items:
        parts[sum(1 for cut in cuts if position(item) > cut)].append(item)
    parts = [part for part in parts if part]
    return parts if len(parts) > 1 else []


def _peel(items: list[Item], rules: list[Rule]) -> list[Group]:
    """Nothing cuts the region: the topmost line of its largest type, and the lines beside it,
    are read first as a headline strip; else the lines row by row."""
    spans = [item for item in items if isinstance(item, Span)]
    if spans and len({span.size for span in spans}) > 1:
        largest = max(span.size for span in spans)
        head = min((span for span in spans if span.size >= 0.95 * largest), key=lambda span: span.top)
        strip = [item for item in items if (item.top + item.bottom) / 2 <= head.bottom]
        rest = [item for item in items if (item.top + item.bottom) / 2 > head.bottom]
        if strip and rest:
            return _join([sorted(strip, key=lambda item: item.x0), rest], rules, stacked=True)
    rows = sorted(items, key=lambda item: (round(item.top), item.x0))
    return _join([[item] for item in rows], rules, stacked=True)
