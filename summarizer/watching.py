"""Watchlists: the names a reader follows (countries, cities, organisations, people, terms, in
Chinese or English), found in tonight's briefs.

A Chinese entry is looked for in the Chinese headline, summary and names; an English one, as a
whole word and in any case, in the English headline, summary and names. A Chinese entry found
among a brief's names is shown by that name's English (白俄罗斯 -> Belarus), so the reader sees one
language; a reporter's byline never counts as a mention.
"""

from __future__ import annotations

import re

from summarizer.patterns import CJK
from summarizer.records import Brief, WatchHit

_CHINESE = re.compile(f"[{CJK}]")


def watch_hits(briefs: list[Brief], watchlist: list[str]) -> list[WatchHit] | None:
    """The entries the briefs mention, in watchlist order, each with the ids of its briefs;
    None where there is no watchlist (not the same as a watchlist with no hit tonight)."""
    if not watchlist:
        return None
    hits = []
    for entry in dict.fromkeys(item.strip() for item in watchlist if item.strip()):
        found = [brief for brief in briefs if mentions(brief, entry)]
        if found:
            hits.append(WatchHit(_shown_name(entry, found), tuple(brief.id for brief in found)))
    return hits


def mentions(brief: Brief, entry: str) -> bool:
    names = [entity for entity in brief.entities if not entity.credit]
    if _CHINESE.search(entry):
        texts = [brief.headline_zh, brief.summary_zh, *(entity.zh for entity in names)]
        return any(entry in text for text in texts)
    word = re.compile(rf"(?<!\w){re.escape(entry)}(?!\w)", re.IGNORECASE)
    texts = [brief.headline_en, brief.summary_en, *(entity.en or "" for entity in names)]
    return any(word.search(text) for text in texts)


def _shown_name(entry: str, briefs: list[Brief]) -> str:
    if not _CHINESE.search(entry):
        return entry
    for brief in briefs:
        for entity in brief.entities:
            if entity.zh == entry and entity.en and not entity.credit:
                return entity.en
    return entry

