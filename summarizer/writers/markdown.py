"""The digest a reader opens in the morning, as Markdown (`digest.md`).

A function of the digest alone (no clock, no run details), so the same input and settings
always give byte-identical files. Every line meant for the English reader is English:
names, roles, bylines and datelines come in English, and where no reliable English exists the
Chinese is shown as written and marked for checking, never passed off as a translation.
"""

from __future__ import annotations

import re

from summarizer.patterns import half_width_numbers
from summarizer.records import ORGANIZATION, PERSON, PLACE, UNTRANSLATED, Brief, Digest, Entity, FactSource, Method
from summarizer.writers.base import DigestWriter

_ENTITY_ORDER = {PERSON: 0, PLACE: 1, ORGANIZATION: 2}
GUESSED_DATE_SOURCES = {FactSource.DATELINE: "the datelines' month and day (year assumed)",
                        FactSource.FILE_NAME: "the file name", FactSource.CONFIG: "the job config",
                        FactSource.COMMAND_LINE: "the command line",
                        FactSource.RUN_DATE: "the day of the run"}
"""Where a date came from when the page header did not give it, as the digest tells the reader."""


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
    lines = [
        f"# {_paper_title(digest)} — {md(digest.date)}",
        "",
        *_guess_note(digest),
        f"{len(briefs)} articles from {page_count} page{'s' if page_count != 1 else ''} "
        f"({pages}); {len(foreign)} of foreign-affairs interest, listed first.",
        "",
        _method_line(briefs, digest.models),
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
        lines.append(f"{number}. [{_headline_en(brief)}](#brief-{number}){marker} — p. {_pages(brief)}")
    for number, brief in enumerate(briefs, 1):
        lines += ["", "---", "", *_brief_markdown(number, brief)]
    return "\n".join(lines).rstrip() + "\n"


def _paper_title(digest: Digest) -> str:
    if digest.paper_en and digest.paper_en != digest.paper:
        return md(digest.paper_en) if digest.paper.isascii() else f"{md(digest.paper_en)} ({md(digest.paper)})"
    return md(digest.paper)


def _guess_note(digest: Digest) -> list[str]:
    """A line saying which edition facts were guessed: the reader must not take them as printed."""
    notes = []
    if digest.date_source in GUESSED_DATE_SOURCES:
        notes.append(f"the date comes from {GUESSED_DATE_SOURCES[digest.date_source]}")
    if digest.paper_source in GUESSED_DATE_SOURCES:
        notes.append(f"the paper's name comes from {GUESSED_DATE_SOURCES[digest.paper_source]}")
    elif digest.paper_source != FactSource.HEADER:
        notes.append("no page names the paper")
    if not notes:
        return []
    return [f"*Not printed on the pages: {'; '.join(notes)}.*", ""]


def _names_to_check(briefs: list[Brief]) -> list[str]:
    """Foreign names written in Chinese that no source renders: a person should check them."""
    unchecked: dict[str, list[int]] = {}
    for number, brief in enumerate(briefs, 1):
        for entity in brief.entities:
            if entity.needs_checking:
                unchecked.setdefault(entity.zh, []).append(number)
    if not unchecked:
        return []
    names = "; ".join(f"{md(zh)} (brief {', '.join(map(str, numbers))})" for zh, numbers in unchecked.items())
    return [f"**Names to check** (no reliable English form; add them to a glossary): {names}", ""]


def _page_errors(digest: Digest) -> list[str]:
    if not digest.page_errors:
        return []
    return ["**Pages that could not be read** (their articles are missing here):", "",
            *[f"- {md(error)}" for error in digest.page_errors], ""]


def _method_line(briefs: list[Brief], models: dict) -> str:
    counts = {method: sum(1 for b in briefs if b.method == method) for method in Method}
    used = ", ".join(f"{role}: {md(name)}" for role, name in models.items())
    parts = [f"{count} {label}" for label, count in (
        ("by the summarization model", counts[Method.MODEL]), ("extractive", counts[Method.EXTRACTIVE]),
        ("extractive after the model's summary failed its checks", counts[Method.FALLBACK]), ("failed", counts[Method.FAILED]),
    ) if count]
    return f"Summaries: {'; '.join(parts) or 'none'}. Models: {used or 'none'}."


def _has_english_headline(brief: Brief) -> bool:
    return bool(brief.headline_en) and UNTRANSLATED not in brief.headline_en


def _headline_en(brief: Brief) -> str:
    """The English headline; where there is no usable translation, the Chinese one, marked as such."""
    if not _has_english_headline(brief):
        return f"{md(brief.headline_zh)} (no English translation)"
    return md(_english(brief.headline_en))


def _english(text: str) -> str:
    """English for the reader: full-width digits and points as ASCII (`１２．３％` -> `12.3%`)."""
    return half_width_numbers(text).replace("％", "%")


def _pages(brief: Brief) -> str:
    return "–".join(map(str, brief.pages)) if len(brief.pages) > 1 else (str(brief.pages[0]) if brief.pages else "?")


def _brief_markdown(number: int, brief: Brief) -> list[str]:
    lines = [f'<a id="brief-{number}"></a>', f"## {number}. {_headline_en(brief)}", ""]
    if _has_english_headline(brief):
        lines += [f"**{md(brief.headline_zh)}**", ""]
    facts = [f"Page {_pages(brief)}", brief.kind]
    if brief.foreign_affairs:
        facts.append("🌐 foreign affairs")
    lines += [" · ".join(facts), ""]
    attribution = [md(credit.en) for credit in (brief.dateline, brief.byline) if credit and credit.en]
    if attribution:
        lines += [" · ".join(attribution), ""]
    if brief.note:
        english = brief.note.en if brief.note.en and UNTRANSLATED not in brief.note.en else None
        lines += [f"*Editor's note:* {md(_english(english))}" if english
                  else "*Editor's note* (no usable English translation):", "", f"> 编者按：{md(brief.note.zh)}", ""]
    if brief.error:
        lines += [f"> ⚠ This article could not be summarized: {md(brief.error)}", ""]
        return lines
    if brief.summary_en and brief.summary_en != UNTRANSLATED:
        lines += [md(_english(brief.summary_en)), ""]
    else:
        lines += ["*No usable English translation of the summary; the people, places and organisations below are in English.*", ""]
    lines += [f"> 摘要：{md(brief.summary_zh)}", ""]
    entities = sorted((e for e in brief.entities if not e.credit), key=lambda e: _ENTITY_ORDER.get(e.type, 9))
    if entities:
        lines += ["**People, places and organisations**", ""]
        lines += [f"- {_entity_line(entity)}" for entity in entities]
        lines.append("")
    notes = _notes(brief)
    if notes:
        lines += ["*Notes:* " + " ".join(notes), ""]
    return lines


def _entity_line(entity: Entity) -> str:
    """`Sun Yebao, Deputy Director of the … (孙业宝, 省委外办副主任)`: the role follows the name."""
    role = f", {md(entity.role_en)}" if entity.role_en else ""
    if not entity.en:
        return f"{md(entity.zh)} ({entity.type}; no reliable English form — check){role}"
    check = " — check" if entity.source == "unverified" else ""
    if entity.source == "honorific":
        check = " — as the paper refers to them"
    chinese = f"{entity.zh}, {entity.role_zh}" if role and entity.role_zh else entity.zh
    return f"{md(entity.en)}{role} ({md(chinese)}){check}"


def _notes(brief: Brief) -> list[str]:
    notes = []
    if brief.continued_to_page and len(brief.pages) == 1:
        notes.append(f"The article continues on page {brief.continued_to_page}, which was not in this run.")
    if len(brief.pages) > 1:
        notes.append(f"Stitched from pages {', '.join(map(str, brief.pages))}.")
    notes += [md(note) for note in brief.notes]
    if brief.method == Method.EXTRACTIVE:
        notes.append("The Chinese summary is extractive (sentences taken from the article).")
    if brief.method == Method.FALLBACK:
        notes.append("The model's summary failed its checks, so this summary is extractive.")
    if brief.problems:
        notes.append("Checks: " + "; ".join(md(problem) for problem in brief.problems) + ".")
    return notes


class MarkdownWriter(DigestWriter):
    name = "markdown"

    def files(self, digest: Digest) -> dict[str, str]:
        return {"digest.md": digest_to_markdown(digest)}
