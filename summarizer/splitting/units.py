"""The classified blocks of a page (Unit) and the measures the splitting rules share."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

BYLINE, BODY, HEAD, LABEL, FURNITURE = "byline", "body", "head", "label", "furniture"


SIGNATURE, COLUMN = "signature", "column"
"""A notice's closing block: the issuing bodies' lines and the date line."""


HEADLINE_BEFORE, HEADLINE_AFTER = "before", "after"


MAX_HEADING_LINE = 40


LAYOUT_VOTE_MARGIN = 0.1
"""How much more a headline's words must overlap one neighbouring body than the other to count
as a vote for the page's layout."""


CLEAR_OVERLAP_MARGIN = 0.4
"""How much more a headline's words must overlap one neighbouring body than the other to be
placed with it against the page's layout (pages that mix headline positions)."""


NOT_PAPERS = ("预报", "简报", "快报", "通报", "汇报", "情报", "海报", "喜报", "捷报", "电报", "警报", "画报")
"""Words ending in 报 that name no paper: a line of one of them alone is no mast."""


MAX_RUBRIC = 6
"""The longest rubric (`要闻`, `国际新闻`) a page sets alone on a line at its top."""


MIN_CUT_LINES = 4
"""How many lines cut mid-sentence a page needs for its column's width to be read from them."""


PAIR_SPLIT_MARGIN = 0.1
"""How much more each of two headlines set together must overlap its own body than the other's to be cut apart."""


MAX_PHOTO_CAPTION = 300
"""The longest caption a photo item (title, caption, credit line) has; a longer body is a report."""


COLUMN_CHANGE = 3
"""Characters of difference in line length that mark another column, so another article."""


MAX_HEADING_LINES = 4


SUBTITLE_DASHES = ("——", "─", "—", "--")


INDENT_RE = re.compile(r"^(?:[ \t\xa0]*\u3000|[ \t\xa0]{2,})")
"""A paragraph indent: a full-width space or two plain ones before the text."""


ENUMERATED_SUBHEAD_RE = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.、．]|[①-⑩])")


@dataclass
class Unit:
    """A classified block of the page."""

    kind: str
    lines: list[str]
    dateline: str | None = None
    continued_from: int | None = None
    full_lines: list[int] = field(default_factory=list)
    """Lengths of a body block's lines but the last (which may be short): its column width."""
    block_start: bool = False
    """Whether it opens a block of the page (text set apart by a blank line or an indent)."""
    larger: bool = False
    """Set in type larger than the body, as the reader measured (see layout.py): a headline of its own."""

    def __post_init__(self) -> None:
        if not self.full_lines and self.kind == BODY:
            self.full_lines = [len(line) for line in self.lines[:-1]]

    @property
    def text(self) -> str:
        return "".join(self.lines)

    @property
    def starts_article(self) -> bool:
        return self.kind == BYLINE or (self.kind == BODY and (self.dateline is not None or self.continued_from is not None))


def median(values: list[int]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
