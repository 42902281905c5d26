"""The digest a reader opens in the morning, as Markdown (`digest.md`).

A function of the digest alone (no clock, no run details), so the same input and settings
always give byte-identical files. Every line meant for the English reader is English:
names, roles, bylines and datelines come in English, and where no reliable English exists the
Chinese is shown as written and marked for checking, never passed off as a translation.
"""

from __future__ import annotations

import re

from summarizer.records import Brief, Digest
from summarizer.writers.base import DigestWriter
from summarizer.writers.wording import (
    attribution,
    brief_notes,
    entity_line,
    guessed_facts,
    has_english_headline,
    headline_en,
    method_line,
    named,
    note_en,
    overview,
    page_span,
    paper_title,
    summary_en,
    unchecked_names,
    watch_line,
)

_MARKDOWN_SPECIAL_RE = re.compile(r"([\\`*_\[\]<>&|#~])")
_BLOCK_START_RE = re.compile(r"^(?:([-+=])|(\d+)([.)]))(?=\s|$)")
"""What would open a list or underline a heading at a line's start."""


def md(value: object) -> str:
    """Text from a page, a model or a file name as Markdown that shows exactly that text: never
    live HTML, a link, emphasis, a table cell or a new block (CommonMark's backslash escapes)."""
    text = re.sub(r"[\r\n]+", " ", str(value))
    text = _MARKDOWN_SPECIAL_RE.sub(r"\\\1", text)
    return _BLOCK_START_RE.sub(lambda match: f"\\{match.group(1)}" if match.group(1)
                               else f"{match.group(2)}\\{match.group(3)}", text)


def digest_to_markdown(digest: Digest) -> str:
    briefs = digest.briefs
    foreign = [b for b in briefs if b.foreign_affairs]
    page_count = len(digest.pages) or len(digest.sources)
    pages = f"page {', '.join(map(str, digest.pages))}" if digest.pages else "page numbers not printed"
    watched = watch_line(digest.watch_hits)
    lines = [
        f"# {md(paper_title(digest))} — {md(digest.date)}",
        "",
        *_guess_note(digest),
        *([f"**{md(watched)}**", ""] if watched else []),
        f"{len(briefs)} articles from {page_count} page{'s' if page_count != 1 else ''} "
        f"({pages}); {len(foreign)} of foreign-affairs interest, listed first.",
        "",
        md(overview(digest)),
        "",
        md(method_line(briefs, digest.models)),
        "",
        *_names_to_check(briefs),
        *_page_errors(digest),
        "## Contents",
        "",
    ]
    for number, brief in enumerate(briefs, 1):
        if number == 1 and foreign:
            lines.append("**Foreign affairs**")
            lines.append("")
        if number == len(foreign) + 1:
            lines += (["", "**Other articles**", ""] if foreign else [])
        marker = " 🌐" if brief.foreign_affairs else ""
        lines.append(f"{number}. [{md(headline_en(brief))}](#brief-{number}){marker} — p. {page_span(brief)}")
    for number, brief in enumerate(briefs, 1):
        lines += ["", "---", "", *_brief_markdown(number, brief, digest.unreadable_pages)]
    return "\n".join(lines).rstrip() + "\n"


def _guess_note(digest: Digest) -> list[str]:
    """A line saying which edition facts were guessed: the reader must not take them as printed."""
    notes = guessed_facts(digest)
    if not notes:
        return []
    return [f"*Not printed on the pages: {md('; '.join(notes))}.*", ""]


def _names_to_check(briefs: list[Brief]) -> list[str]:
    """Foreign names written in Chinese that no source renders: a person should check them."""
    unchecked = unchecked_names(briefs)
    if not unchecked:
        return []
    names = "; ".join(f"{md(zh)} (brief {', '.join(map(str, numbers))})" for zh, numbers in unchecked.items())
    return [f"**Names to check** (no reliable English form; add them to a glossary): {names}", ""]


def _page_errors(digest: Digest) -> list[str]:
    if not digest.page_errors:
        return []
    return ["**Pages that could not be read** (their articles are missing here):", "",
            *[f"- {md(error)}" for error in digest.page_errors], ""]


def _brief_markdown(number: int, brief: Brief, unreadable_pages: list[int]) -> list[str]:
    lines = [f'<a id="brief-{number}"></a>', f"## {number}. {md(headline_en(brief))}", ""]
    if has_english_headline(brief):
        lines += [f"**{md(brief.headline_zh)}**", ""]
    facts = [f"Page {page_span(brief)}", brief.kind]
    if brief.foreign_affairs:
        facts.append("🌐 foreign affairs")
    lines += [" · ".join(facts), ""]
    credits = attribution(brief)
    if credits:
        lines += [" · ".join(md(credit) for credit in credits), ""]
    if brief.note:
        english = note_en(brief)
        lines += [f"*Editor's note:* {md(english)}" if english else "*Editor's note* (no usable English translation):",
                  "", f"> 编者按：{md(brief.note.zh)}", ""]
    if brief.error:
        lines += [f"> ⚠ This article could not be summarized: {md(brief.error)}", ""]
        return lines
    summary = summary_en(brief)
    if summary:
        lines += [md(summary), ""]
    else:
        lines += ["*No usable English translation of the summary; the people, places and organisations below are in English.*", ""]
    lines += [f"> 摘要：{md(brief.summary_zh)}", ""]
    entities = named(brief)
    if entities:
        lines += ["**People, places and organisations**", ""]
        lines += [f"- {md(entity_line(entity))}" for entity in entities]
        lines.append("")
    notes = brief_notes(brief, unreadable_pages)
    if notes:
        lines += ["*Notes:* " + md(" ".join(notes)), ""]
    return lines


class MarkdownWriter(DigestWriter):
    name = "markdown"

    def files(self, digest: Digest) -> dict[str, str]:
        return {"digest.md": digest_to_markdown(digest)}
