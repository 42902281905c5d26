"""Editions: a night's pages grouped by paper and date, continued articles stitched into one,
and each edition's digest put in its reading order."""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass, replace

from pypinyin import lazy_pinyin

from summarizer import patterns as P
from summarizer.errors import PageError
from summarizer.readers.filenames import file_hint
from summarizer.records import Brief, Digest, Edition, EditionItem, FactSource, Page
from summarizer.splitting import overlap


@dataclass(frozen=True)
class EditionFallback:
    """The job config's paper and date, for pages whose header and file name give none."""

    paper: str | None = None
    date: str | None = None
    paper_from: FactSource = FactSource.CONFIG
    """Where the run's paper setting was given: the job config or the command line."""
    date_from: FactSource = FactSource.CONFIG


def page_errors_by_edition(errors: list[PageError], editions: list[Edition],
                           fallback: EditionFallback) -> dict[tuple[str, str], list[PageError]]:
    """Unreadable pages by the edition they belong to: the one whose other pages' file names
    give the same paper and date (`east-lake-daily-2024-05-07-p3.txt` beside its `-p1`), else
    the one their file name (or the config) names."""
    def file_edition(source: str) -> tuple[str, str] | None:
        hint = file_hint(source)
        paper, date = hint.paper or fallback.paper, hint.date or fallback.date
        return (paper_slug(paper), date) if paper and date else None

    owner: dict[tuple[str, str], tuple[str, str]] = {}
    for edition in editions:
        owner[(edition.slug, edition.date)] = (edition.slug, edition.date)
        for item in edition.items:
            for source in item.sources:
                key = file_edition(source)
                if key:
                    owner.setdefault(key, (edition.slug, edition.date))
    by_edition: dict[tuple[str, str], list[PageError]] = {}
    for error in errors:
        found = file_edition(error.path)
        key = owner.get(found) if found else None
        if key:
            by_edition.setdefault(key, []).append(error)
    return by_edition


def name_from_slug(paper: str) -> str | None:
    """A paper named only by a file name's slug, in words (`jining-daily` -> `Jining Daily`)."""
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)+", paper):
        return None
    return " ".join(word.capitalize() for word in paper.split("-"))


def paper_slug(paper: str) -> str:
    """A folder name for a paper: ASCII, lower case. A Chinese name is romanized and marked with
    a short digest of its characters, since papers whose names sound alike must never share a
    digest (`东湖日报` -> `donghuribao-5c3e`, `冬湖日报` -> `donghuribao-0d2a`)."""
    romanized = "".join(lazy_pinyin(paper, errors="default"))
    slug = re.sub(r"[^a-z0-9]+", "-", romanized.lower()).strip("-") or "paper"
    if P.cjk_count(paper):
        slug = f"{slug}-{hashlib.sha256(paper.encode('utf-8')).hexdigest()[:4]}"
    return slug


def group_editions(pages: list[Page], fallback: EditionFallback, today: datetime.date | None = None) -> list[Edition]:
    """Articles by edition (paper, date), in page order, with continued articles stitched into one.

    The paper comes from the page header, else the file name, else the job config. The date
    comes from the header, else the file name, else the job config, else the datelines' month
    and day (in the latest year that puts it on or before the run), else the day of the run.
    Each edition records where its paper and date came from, so the digest can say what it guessed."""
    today = today or datetime.date.today()
    by_edition: dict[tuple[str, str], list[Page]] = {}
    facts: dict[tuple[str, str], tuple[str, FactSource, FactSource]] = {}
    for page in pages:
        paper, paper_source = (page.paper, page.paper_source or FactSource.HEADER) if page.paper else (
            (fallback.paper, fallback.paper_from) if fallback.paper else ("unknown-paper", FactSource.NOTHING))
        date, date_source = _page_date(page, fallback, today)
        key = (paper_slug(paper), date)
        by_edition.setdefault(key, []).append(page)
        facts.setdefault(key, (paper, paper_source, date_source))
    editions = []
    for (slug, date), edition_pages in sorted(by_edition.items()):
        edition_pages.sort(key=lambda page: (page.page_no or 0, page.source))
        paper, paper_source, date_source = facts[(slug, date)]
        editions.append(Edition(paper, slug, date, stitch_continuations(edition_pages), paper_source, date_source))
    return editions


def _page_date(page: Page, fallback: EditionFallback, today: datetime.date) -> tuple[str, FactSource]:
    if page.date:
        return page.date, page.date_source or FactSource.HEADER
    if fallback.date:
        return fallback.date, fallback.date_from
    month_days = [P.dateline_month_day(article.dateline) for article in page.articles if article.dateline]
    dates = [date for month, day in filter(None, month_days) if (date := _latest_date_on_or_before(month, day, today))]
    if dates:
        return max(dates).isoformat(), FactSource.DATELINE
    return today.isoformat(), FactSource.RUN_DATE


def _latest_date_on_or_before(month: int, day: int, today: datetime.date) -> datetime.date | None:
    for year in range(today.year, today.year - 8, -1):
        try:
            date = datetime.date(year, month, day)
        except ValueError:
            continue
        if date <= today:
            return date
    return None


def stitch_continuations(pages: list[Page]) -> list[EditionItem]:
    """One item per article; an article that goes on to another page of the edition (下转/上接) is one item."""
    items = []
    for page in pages:
        for article in page.articles:
            items.append(EditionItem(article, [page.page_no] if page.page_no else [], [page.source]))
    absorbed: set[int] = set()
    for item in items:
        target = item.article.continued_to_page
        if not target or id(item) in absorbed:
            continue
        candidates = [rest for rest in items if rest.article.continued_from_page in item.pages
                      and rest.pages == [target] and id(rest) not in absorbed]
        if not candidates:
            continue
        rest = max(candidates, key=lambda candidate: overlap(item.article.headline, candidate.article.headline))
        merged = replace(item.article, paragraphs=item.article.paragraphs + rest.article.paragraphs,
                         subheads=item.article.subheads + rest.article.subheads,
                         continued_to_page=rest.article.continued_to_page)
        item.article, item.pages, item.sources = merged, item.pages + rest.pages, item.sources + rest.sources
        absorbed.add(id(rest))
    return [item for item in items if id(item) not in absorbed]


def build_digest(edition: Edition, briefs: list[Brief], models: dict[str, str]) -> Digest:
    """The edition's digest: foreign-affairs briefs first (most concerned first), then the rest in page order."""
    placed = []
    for number, (item, brief) in enumerate(zip(edition.items, briefs), 1):
        placed.append(replace(brief, id=f"{edition.slug}-{edition.date}-{number:03d}", pages=list(item.pages),
                              sources=list(item.sources), continued_to_page=item.article.continued_to_page))
    foreign = sorted((b for b in placed if b.foreign_affairs), key=lambda b: -b.foreign_affairs_score)
    ordered = foreign + [b for b in placed if not b.foreign_affairs]
    return Digest(
        paper=edition.paper, date=edition.date, slug=edition.slug,
        pages=sorted({page for item in edition.items for page in item.pages}),
        sources=sorted({source for item in edition.items for source in item.sources}),
        briefs=ordered, models=models, paper_source=edition.paper_source, date_source=edition.date_source,
    )
