"""What every human-readable format says, in the same words: the paper's title, what was guessed,
the names to check, each brief's English headline, pages and notes, the watchlist line and the
overview. The formats differ only in how they lay it out."""

from __future__ import annotations

import datetime
from collections.abc import Collection

from summarizer.patterns import half_width_numbers
from summarizer.records import (
    ORGANIZATION,
    PERSON,
    PLACE,
    UNTRANSLATED,
    Brief,
    Digest,
    Entity,
    FactSource,
    Method,
    WatchHit,
)

ENTITY_ORDER = {PERSON: 0, PLACE: 1, ORGANIZATION: 2}
GUESSED_DATE_SOURCES = {FactSource.DATELINE: "the datelines' month and day (year assumed)",
                        FactSource.FILE_NAME: "the file name", FactSource.CONFIG: "the job config",
                        FactSource.COMMAND_LINE: "the command line", FactSource.RUN_DATE: "the day of the run"}
"""Where a date came from when the page header did not give it, as the digest tells the reader."""


def paper_title(digest: Digest) -> str:
    if digest.paper_en and digest.paper_en != digest.paper:
        return digest.paper_en if digest.paper.isascii() else f"{digest.paper_en} ({digest.paper})"
    return digest.paper


def paper_name(digest: Digest) -> str:
    """The paper's name in English where known, else as printed (a mail subject, a feed title)."""
    return digest.paper_en or digest.paper


def short_date(iso: str) -> str:
    """`2025-12-03` -> `3 Dec 2025` (English month names whatever the machine's locale)."""
    try:
        day = datetime.date.fromisoformat(iso)
    except ValueError:
        return iso
    months = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
    return f"{day.day} {months[day.month - 1]} {day.year}"


def guessed_facts(digest: Digest) -> list[str]:
    """The edition facts that were guessed, as phrases: the reader must not take them as printed."""
    notes = []
    if digest.date_source in GUESSED_DATE_SOURCES:
        notes.append(f"the date comes from {GUESSED_DATE_SOURCES[digest.date_source]}")
    if digest.paper_source in GUESSED_DATE_SOURCES:
        notes.append(f"the paper's name comes from {GUESSED_DATE_SOURCES[digest.paper_source]}")
    elif digest.paper_source != FactSource.HEADER:
        notes.append("no page names the paper")
    return notes


def unchecked_names(briefs: list[Brief]) -> dict[str, list[int]]:
    """Foreign names written in Chinese that no source renders, with the numbers of their briefs."""
    unchecked: dict[str, list[int]] = {}
    for number, brief in enumerate(briefs, 1):
        for entity in brief.entities:
            if entity.needs_checking:
                unchecked.setdefault(entity.zh, []).append(number)
    return unchecked


def method_line(briefs: list[Brief], models: dict) -> str:
    counts = {method: sum(1 for b in briefs if b.method == method) for method in Method}
    used = ", ".join(f"{role}: {name}" for role, name in models.items())
    parts = [f"{count} {label}" for label, count in (
        ("by the summarization model", counts[Method.MODEL]), ("extractive", counts[Method.EXTRACTIVE]),
        ("extractive after the model's summary failed its checks", counts[Method.FALLBACK]), ("failed", counts[Method.FAILED]),
    ) if count]
    return f"Summaries: {'; '.join(parts) or 'none'}. Models: {used or 'none'}."


def has_english_headline(brief: Brief) -> bool:
    return bool(brief.headline_en) and UNTRANSLATED not in brief.headline_en


def headline_en(brief: Brief) -> str:
    """The English headline; where there is no usable translation, the Chinese one, marked as such."""
    if not has_english_headline(brief):
        return f"{brief.headline_zh} (no English translation)"
    return english(brief.headline_en)


def english(text: str) -> str:
    """English for the reader: full-width digits and points as ASCII (`１２．３％` -> `12.3%`)."""
    return half_width_numbers(text).replace("％", "%")


def summary_en(brief: Brief) -> str | None:
    """The English summary, or None where there is no usable translation."""
    return english(brief.summary_en) if brief.summary_en and brief.summary_en != UNTRANSLATED else None


def note_en(brief: Brief) -> str | None:
    """The editor's note in English, or None where it has none or no usable translation."""
    if brief.note and brief.note.en and UNTRANSLATED not in brief.note.en:
        return english(brief.note.en)
    return None


def page_span(brief: Brief) -> str:
    return "–".join(map(str, brief.pages)) if len(brief.pages) > 1 else (str(brief.pages[0]) if brief.pages else "?")


def named(brief: Brief) -> list[Entity]:
    """The people, places and organisations of the news (reporters left out), in that order."""
    return sorted((e for e in brief.entities if not e.credit), key=lambda e: ENTITY_ORDER.get(e.type, 9))


def entity_line(entity: Entity) -> str:
    """A name as the reader sees it, the role after it: `Sun Yebao, Deputy Director of the …
    (孙业宝, 省委外办副主任)`, or the Chinese marked for checking."""
    role = f", {entity.role_en}" if entity.role_en else ""
    if not entity.en:
        return f"{entity.zh} ({entity.type}; no reliable English form — check){role}"
    check = " — check" if entity.source == "unverified" else ""
    if entity.source == "honorific":
        check = " — as the paper refers to them"
    chinese = f"{entity.zh}, {entity.role_zh}" if role and entity.role_zh else entity.zh
    return f"{entity.en}{role} ({chinese}){check}"


def attribution(brief: Brief) -> list[str]:
    return [credit.en for credit in (brief.dateline, brief.byline) if credit and credit.en]


def brief_notes(brief: Brief, unreadable_pages: Collection[int] = ()) -> list[str]:
    notes = []
    if brief.continued_to_page and len(brief.pages) == 1:
        notes.append(f"The article continues on page {brief.continued_to_page}, which could not be read (see the "
                     "pages that could not be read)." if brief.continued_to_page in unreadable_pages else
                     f"The article continues on page {brief.continued_to_page}, which was not in this run.")
    if len(brief.pages) > 1:
        notes.append(f"Stitched from pages {', '.join(map(str, brief.pages))}.")
    notes += brief.notes
    if brief.method == Method.EXTRACTIVE:
        notes.append("The Chinese summary is extractive (sentences taken from the article).")
    if brief.method == Method.FALLBACK:
        notes.append("The model's summary failed its checks, so this summary is extractive.")
    if brief.problems:
        notes.append("Checks: " + "; ".join(brief.problems) + ".")
    return notes


def watch_line(hits: list[WatchHit] | None) -> str:
    """"On your watchlist tonight: Belarus — 1 item; Jining — 2 items" ("" where nothing is hit)."""
    if not hits:
        return ""
    return "On your watchlist tonight: " + "; ".join(
        f"{hit.name} — {len(hit.briefs)} item{'s' if len(hit.briefs) != 1 else ''}" for hit in hits)


def watched_briefs(digest: Digest) -> dict[str, list[str]]:
    """Brief id -> the watchlist entries it mentions."""
    flags: dict[str, list[str]] = {}
    for hit in digest.watch_hits or []:
        for brief_id in hit.briefs:
            flags.setdefault(brief_id, []).append(hit.name)
    return flags


def overview(digest: Digest) -> str:
    """One paragraph in English: each foreign-affairs item in one sentence, from its English
    headline and the people it names with their roles (no model). It follows the line that
    counts the articles, so it does not count them again."""
    foreign = [brief for brief in digest.briefs if brief.foreign_affairs]
    if not foreign:
        return "No foreign-affairs items in this edition."
    return " ".join(_overview_sentence(brief) for brief in foreign)


OVERVIEW_PEOPLE = 2
"""People named in an item's overview sentence: the first ones, who are the ones that met."""


def _overview_sentence(brief: Brief) -> str:
    headline = headline_en(brief).rstrip(" .;:").strip()
    described = []
    for entity in named(brief):
        if entity.type != PERSON or not entity.en:
            continue
        if entity.role_en:
            described.append(f"{entity.en} ({entity.role_en})")
        elif entity.en not in headline:
            described.append(entity.en)
    if described:
        return f"{headline} — {', '.join(described[:OVERVIEW_PEOPLE])}."
    return f"{headline}."
