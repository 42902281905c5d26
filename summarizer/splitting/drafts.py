"""An article being assembled (a draft), and how a block, a headline or a closing credit joins it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from summarizer import patterns as P
from summarizer.records import Article, Kind
from summarizer.splitting.kinds import classify_kind
from summarizer.splitting.units import (
    BODY,
    BYLINE,
    COLUMN_CHANGE,
    HEADLINE_BEFORE,
    Unit,
    median,
)


@dataclass
class Draft:
    """An article being assembled; closed once nothing more of the page can belong to it."""

    article: Article = field(default_factory=Article)
    closed: bool = False
    full_lines: list[int] = field(default_factory=list)
    ended: bool = False
    """Whether its body ended with its closing credit, bracketed dateline or author's note: nothing more of
    its body follows (on a headline-after page, the next heading is its headline)."""
    subhead_at: int | None = None
    """How many paragraphs stood above its last subhead."""
    awaiting_title: bool = False
    """A photo item closed by its credit line with no title yet: its title may follow the credit."""
    lead_heading: bool = False
    """Whether a heading stood above its body (headline-after pages: its title came first after all)."""
    block_at: int | None = None
    """How many paragraphs stood above the last block of the page it took in."""

    @property
    def has_body(self) -> bool:
        return bool(self.article.paragraphs)


def closing_dateline(text: str) -> bool:
    """Whether a body block ends with a bracketed dateline of its own (`（本报北京6月6日电 记者…）`)."""
    match = P.END_ATTRIBUTION_RE.search(P.END_MARK_RE.sub("", text))
    return bool(match and match.group("dateline"))


def author_line(lines: list[str]) -> str | None:
    """An author's name alone under the headline's other lines (`寅丙`, `钟 声`), not a part of it."""
    if len(lines) < 2 or not P.AUTHOR_NAME_LINE_RE.match(lines[-1]):
        return None
    if lines[-2] != "\n" and " " not in lines[-1]:
        return None  # a name is set apart from the headline (a block of its own, or spaced: `钟 声`)
    name = lines[-1]
    if name in P.COLUMN_LABELS or P.is_section_label(name) or name in P.SIDEBAR_LABELS:
        return None
    return name


def changes_column(draft: Draft, following: Unit) -> bool:
    """Whether the body after a heading is set in another column width than the article so far:
    then the heading opens (or, headline-after, closes) an article rather than heading a section."""
    if len(draft.full_lines) < 2 or len(following.full_lines) < 2:
        return False
    return abs(median(draft.full_lines) - median(following.full_lines)) >= COLUMN_CHANGE


def add_unit(draft: Draft, unit: Unit, layout: str) -> None:
    article = draft.article
    draft.full_lines.extend(unit.full_lines)
    if unit.block_start and unit.kind == BODY:
        draft.block_at = len(article.paragraphs)
    if unit.kind == BYLINE:
        article.byline = " ".join(unit.lines)
        return
    if unit.dateline:
        article.dateline = unit.dateline
    if unit.continued_from is not None:
        article.continued_from_page = unit.continued_from
    text = P.END_MARK_RE.sub("", unit.text)
    marker = P.CONTINUED_TO_RE.search(text)
    if marker:
        article.continued_to_page = P.page_ref(marker)
        text = text[: marker.start()].rstrip()
    credit = P.END_CREDIT_RE.search(text)
    if credit:
        article.byline = article.byline or credit.group(0).strip()
        text = text[: credit.start()].rstrip()
    attribution = None if credit else P.END_ATTRIBUTION_RE.search(text)
    if attribution:
        _add_end_attribution(article, attribution)
        text = text[: attribution.start()].rstrip()
    draft.ended = draft.ended or bool(credit or attribution)
    if text:
        article.paragraphs.append(text)
    if (marker or credit or attribution) and layout == HEADLINE_BEFORE:
        draft.closed = True


def _add_end_attribution(article: Article, match: re.Match) -> None:
    """A bracketed dateline closing the body is the article's dateline (the reporters in it its byline);
    an author's note (`（作者为…）`) is its byline, or follows the author's name there."""
    if match.group("dateline"):
        article.dateline = article.dateline or match.group("dateline")
        if match.group("credit"):
            article.byline = article.byline or match.group("credit").strip()
    else:
        note = f"（{match.group('note').strip()}）"
        article.byline = article.byline + note if article.byline else note


def set_headline(article: Article, parts: tuple[str | None, str | None, str | None]) -> None:
    article.kicker, article.title, article.subtitle = parts
    tagged = P.COLUMN_TAG_RE.match(article.title or "")
    if tagged:
        article.title, article.column = tagged.group("title"), tagged.group("column")


def column_tagged(parts: tuple[str | None, str | None, str | None]) -> bool:
    """Whether the headline ends with a column tag (`（钟声）`): then it heads an article, never a section."""
    return bool(P.COLUMN_TAG_RE.match(parts[1] or ""))


def finish(article: Article, bulleted_titles: frozenset[str] | set[str] = frozenset()) -> Article:
    if not article.title and article.subheads and not article.section:
        article.title = article.subheads.pop(0)
    article.kind = classify_kind(article)
    if article.title in bulleted_titles and article.kind in ("news", "meeting"):
        article.kind = Kind.BRIEF  # a `■` item with its title on its own line and no group label over it
    return article
