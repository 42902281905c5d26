"""What a page's layout says where its reader gives it (PDF, HTML): which lines are headlines, and
which part of a headline is its title, measured by type size rather than guessed from the words.

A line set larger than the page's body type is a headline part, whatever its punctuation; of a
headline's parts the largest is the title, a smaller part above it the kicker (引题) and one below
it the subtitle (副题). Pages without sizes (`.txt`) are split as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from summarizer.readers.reading_order import HEADING_RATIO
from summarizer.records import Article, Line


@dataclass(frozen=True)
class TypeSizes:
    """A page's body type size and its headline lines (as the splitter normalises them) with theirs."""

    body: float = 0.0
    headlines: list[tuple[str, float]] = field(default_factory=list)
    """Lines set larger than the body, in page order, each with its size."""

    def __bool__(self) -> bool:
        return bool(self.headlines)


def normalize(line: str) -> str:
    """A line as the splitter compares it: spaces of any width as one, trimmed."""
    line = line.replace("\ufeff", "").replace("\u200b", "")
    return re.sub(r"[\s\u3000\xa0]+", " ", line).strip()


def type_sizes(lines: tuple[Line, ...]) -> TypeSizes:
    """The page's body size (the size most characters are set in) and its larger lines."""
    counts: dict[float, int] = {}
    for line in lines:
        counts[line.size] = counts.get(line.size, 0) + len(line.text)
    if not counts:
        return TypeSizes()
    body = max(counts, key=lambda size: counts[size])
    return TypeSizes(body, [(normalize(line.text), line.size) for line in lines if line.size > HEADING_RATIO * body])


MAX_HEADLINE = 80
"""Characters a headline part has at most; a longer block in larger type is a lead paragraph."""


def set_larger(block: list[str], sizes: TypeSizes) -> bool:
    """Whether a block is a headline part by its type: every line set larger than the body, and
    no sentence in it (a lead paragraph, 导语, set in larger type stays body)."""
    if not sizes:
        return False
    larger = {text for text, _ in sizes.headlines}
    text = "".join(block)
    return all(line in larger for line in block) and len(text) <= MAX_HEADLINE and not any(ch in text for ch in "。；;")


def headline_by_size(article: Article, sizes: TypeSizes) -> Article:
    """The article with its headline's kicker, title and subtitle told apart by their sizes, where
    the headline's lines have sizes and not all the same one."""
    parts = article.headline_parts
    if not sizes or not parts:
        return article
    run = _headline_lines(_squeeze("".join(parts)), sizes.headlines)
    if not run or len({size for _, size in run}) < 2:
        return article
    groups: list[tuple[list[str], float]] = []
    for text, size in run:
        if groups and groups[-1][1] == size:
            groups[-1][0].append(text)
        else:
            groups.append(([text], size))
    title = max(range(len(groups)), key=lambda index: (groups[index][1], -index))
    before = " ".join(" ".join(texts) for texts, _ in groups[:title])
    after = " ".join(" ".join(texts) for texts, _ in groups[title + 1:])
    article.kicker, article.title, article.subtitle = before or None, "".join(groups[title][0]), after or None
    return article


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _headline_lines(headline: str, lines: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """The consecutive headline lines of the page that spell the headline, in order."""
    for start in range(len(lines)):
        spelt = ""
        for end in range(start, len(lines)):
            spelt += _squeeze(lines[end][0])
            if not headline.startswith(spelt):
                break
            if spelt == headline:
                return lines[start:end + 1]
    return []
