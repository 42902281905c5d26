"""The digest a reader opens in the morning: Markdown for people, JSON for machines.

Both are functions of the digest alone (no clock, no run details), so the same input and
settings always give byte-identical files.
"""

from __future__ import annotations

import json

from summarizer.names import ORGANIZATION, PERSON, PLACE
from summarizer.records import Brief, Digest
from summarizer.summarizing import EXTRACTED, FALLBACK
from summarizer.translating import UNTRANSLATED

FAILED = "failed"
_ENTITY_ORDER = {PERSON: 0, PLACE: 1, ORGANIZATION: 2}


def digest_to_json(digest: Digest) -> str:
    document = {
        "paper": digest.paper,
        "date": digest.date,
        "pages": digest.pages,
        "models": digest.models,
        "articles": [_brief_json(brief) for brief in digest.briefs],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _brief_json(brief: Brief) -> dict:
    return {
        "id": brief.id,
        "pages": brief.pages,
        "headline": {"zh": brief.headline_zh, "en": brief.headline_en},
        "summary": {"zh": brief.summary_zh, "en": brief.summary_en, "method": brief.method},
        "byline": brief.byline,
        "dateline": brief.dateline,
        "kind": brief.kind,
        "foreign_affairs": brief.foreign_affairs,
        "foreign_affairs_score": brief.foreign_affairs_score,
        "entities": [{"zh": e["zh"], "en": e["en"], "type": e["type"], "role": e.get("role")} for e in brief.entities],
        "continued_to_page": brief.continued_to_page,
        "problems": brief.problems,
        "error": brief.error,
    }


def digest_to_markdown(digest: Digest) -> str:
    briefs = digest.briefs
    foreign = [b for b in briefs if b.foreign_affairs]
    pages = ", ".join(map(str, digest.pages)) or "?"
    title = digest.paper if digest.paper == digest.slug else f"{digest.paper} ({digest.slug})"
    lines = [
        f"# {title} — {digest.date}",
        "",
        f"{len(briefs)} articles from {len(digest.pages)} page{'s' if len(digest.pages) != 1 else ''} "
        f"(page {pages}); {len(foreign)} of foreign-affairs interest, listed first.",
        "",
        _method_line(briefs, digest.models),
        "",
        *_names_to_check(briefs),
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


def _names_to_check(briefs: list[Brief]) -> list[str]:
    """Foreign names written in Chinese that no glossary entry renders: a person should check them."""
    unchecked: dict[str, list[int]] = {}
    for number, brief in enumerate(briefs, 1):
        for entity in brief.entities:
            if not entity["en"] or entity.get("source") == "unverified":
                unchecked.setdefault(entity["zh"], []).append(number)
    if not unchecked:
        return []
    names = "; ".join(f"{zh} (brief {', '.join(map(str, numbers))})" for zh, numbers in unchecked.items())
    return [f"**Names to check** (no reliable English form; add them to a glossary): {names}", ""]


def _method_line(briefs: list[Brief], models: dict) -> str:
    counts = {method: sum(1 for b in briefs if b.method == method) for method in ("model", EXTRACTED, FALLBACK, FAILED)}
    used = ", ".join(f"{role}: {name}" for role, name in models.items())
    parts = [f"{count} {label}" for label, count in (
        ("by the summarization model", counts["model"]), ("extractive", counts[EXTRACTED]),
        ("extractive after the model's summary failed its checks", counts[FALLBACK]), ("failed", counts[FAILED]),
    ) if count]
    return f"Summaries: {'; '.join(parts) or 'none'}. Models: {used or 'none'}."


def _headline_en(brief: Brief) -> str:
    """The English headline; where there is no usable translation, the Chinese one, marked as such."""
    if not brief.headline_en or UNTRANSLATED in brief.headline_en:
        return f"{brief.headline_zh} (no English translation)"
    return brief.headline_en.replace("[", "(").replace("]", ")")


def _pages(brief: Brief) -> str:
    return "–".join(map(str, brief.pages)) if len(brief.pages) > 1 else (str(brief.pages[0]) if brief.pages else "?")


def _brief_markdown(number: int, brief: Brief) -> list[str]:
    lines = [f'<a id="brief-{number}"></a>', f"## {number}. {_headline_en(brief)}", "", f"**{brief.headline_zh}**", ""]
    facts = [f"Page {_pages(brief)}", brief.kind]
    facts += [part for part in (brief.dateline, brief.byline) if part]
    if brief.foreign_affairs:
        facts.append("🌐 foreign affairs")
    lines += [" · ".join(facts), ""]
    if brief.error:
        lines += [f"> ⚠ This article could not be summarized: {brief.error}", ""]
        return lines
    if brief.summary_en and brief.summary_en != UNTRANSLATED:
        lines += [brief.summary_en, ""]
    else:
        lines += ["*No usable English translation of the summary; the people, places and organisations below are in English.*", ""]
    lines += [f"> 摘要：{brief.summary_zh}", ""]
    entities = sorted(brief.entities, key=lambda e: _ENTITY_ORDER.get(e["type"], 9))
    if entities:
        lines += ["**People, places and organisations**", ""]
        lines += [f"- {_entity_line(entity)}" for entity in entities]
        lines.append("")
    notes = _notes(brief)
    if notes:
        lines += ["*Notes:* " + " ".join(notes), ""]
    return lines


def _entity_line(entity: dict) -> str:
    role = entity.get("role") or {}
    role_text = ""
    if role.get("zh"):
        role_text = f" — {role['en']} ({role['zh']})" if role.get("en") else f" — {role['zh']}"
    if not entity["en"]:
        return f"{entity['zh']} ({entity['type']}; no reliable English form — check){role_text}"
    check = " — check" if entity.get("source") == "unverified" else ""
    return f"{entity['en']} ({entity['zh']}){role_text}{check}"


def _notes(brief: Brief) -> list[str]:
    notes = []
    if brief.continued_to_page and len(brief.pages) == 1:
        notes.append(f"The article continues on page {brief.continued_to_page}, which was not in this run.")
    if len(brief.pages) > 1:
        notes.append(f"Stitched from pages {', '.join(map(str, brief.pages))}.")
    if brief.method == EXTRACTED:
        notes.append("The Chinese summary is extractive (sentences taken from the article).")
    if brief.method == FALLBACK:
        notes.append("The model's summary failed its checks, so this summary is extractive.")
    if brief.problems:
        notes.append("Checks: " + "; ".join(brief.problems) + ".")
    return notes
