"""Atom feeds: one per paper (`OUT/<paper>/feed.atom`) and one for all (`OUT/feed.atom`).

One entry per brief, newest night first, with the English headline and summary. An entry's id is
made of the paper, the date and the brief's key (`urn:summarizer:jining-daily:2021-12-04:005`),
so a rerun of a night gives the same ids and a feed reader shows nothing twice. Built from the
digest.json files on disk after each run: the feeds hold the latest FEED_NIGHTS nights.
A Jinja2 template rather than feedgen: the document is a dozen lines, and this keeps one
escaping rule (autoescape) for every format.
"""

from __future__ import annotations

from pathlib import Path

from summarizer.records import Brief, Digest
from summarizer.writers.base import DigestWriter
from summarizer.writers.html import ENVIRONMENT
from summarizer.writers.nights import Night, read_nights
from summarizer.writers.wording import headline_en, paper_name, short_date, summary_en

FEED_NAME = "feed.atom"
FEED_NIGHTS = 30
"""Nights a feed holds (per paper, and for the all-papers feed): a month of briefs."""


def entry_id(digest: Digest, brief: Brief) -> str:
    """Stable across reruns: the paper, the date and the brief's key within its edition."""
    prefix = f"{digest.slug}-{digest.date}-"
    key = brief.id.removeprefix(prefix) if brief.id.startswith(prefix) else brief.id
    return f"urn:summarizer:{digest.slug}:{digest.date}:{key}"


def feed_xml(nights: list[Night], title: str, feed_id: str, base: str, out: Path) -> str:
    """A feed of the nights (newest first); `base`: the feed's folder relative to OUT, for its links."""
    entries = []
    for night in nights:
        digest = night.digest
        page = "index.html" if (out / night.folder / "index.html").exists() else "digest.md"
        folder = night.folder.removeprefix(base).lstrip("/") if base else night.folder
        for number, brief in enumerate(digest.briefs, 1):
            entries.append({
                "id": entry_id(digest, brief), "paper": paper_name(digest),
                "title": f"{paper_name(digest)}, {short_date(digest.date)}: {headline_en(brief)}",
                "updated": f"{digest.date}T00:00:00Z", "href": f"{folder}/{page}#brief-{number}",
                "summary": summary_en(brief) or brief.error or "(no English summary)",
                "categories": [str(brief.kind), *(["foreign affairs"] if brief.foreign_affairs else [])]})
    updated = f"{nights[0].digest.date}T00:00:00Z" if nights else "1970-01-01T00:00:00Z"
    return ENVIRONMENT.get_template("feed.atom").render(
        feed_id=feed_id, title=title, updated=updated, self_href=FEED_NAME, entries=entries)


def _latest(nights: list[Night]) -> list[Night]:
    dates = sorted({night.digest.date for night in nights}, reverse=True)[:FEED_NIGHTS]
    return [night for night in nights if night.digest.date in dates]


class AtomWriter(DigestWriter):
    name = "atom"
    needs = ("json",)  # the feeds are built from the editions' digest.json files

    def files(self, digest: Digest) -> dict[str, str]:
        return {}  # nothing per edition: the feeds span nights (after_night)

    def after_night(self, out: Path) -> dict[str, str]:
        nights = read_nights(out)
        feeds = {FEED_NAME: feed_xml(_latest(nights), "Digests: all papers", "urn:summarizer:all", "", out)}
        for slug in sorted({night.digest.slug for night in nights}):
            own = _latest([night for night in nights if night.digest.slug == slug])
            feeds[f"{slug}/{FEED_NAME}"] = feed_xml(own, f"Digests: {paper_name(own[0].digest)}",
                                                    f"urn:summarizer:{slug}", slug, out)
        return feeds
