"""The digest as web pages: each edition's `index.html`, and `index.html` in the output folder
listing every night on disk, newest first.

Jinja2 with autoescape on: every word from a page is escaped, never raw HTML. One file per page
with its stylesheet inside, no script and no external file, so it reads the same from file:// as
behind any static web server, on a phone (one column) and on paper (print rules). The same
template makes the mail's HTML part, with the rules written into style attributes, since mail
readers drop stylesheets.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from summarizer.records import ORGANIZATION, PERSON, PLACE, Brief, Digest
from summarizer.writers.base import DigestWriter
from summarizer.writers.nights import read_nights
from summarizer.writers.wording import (
    attribution,
    brief_notes,
    entity_line,
    guessed_facts,
    headline_en,
    method_line,
    named,
    note_en,
    overview,
    page_span,
    paper_title,
    short_date,
    summary_en,
    unchecked_names,
    watched_briefs,
)

ENVIRONMENT = Environment(loader=PackageLoader("summarizer.writers", "templates"), autoescape=True,
                          undefined=StrictUndefined, keep_trailing_newline=True)
"""Autoescape on for every template, HTML and XML alike: page text is never markup."""

STYLES = {
    "body": "font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans CJK SC','PingFang SC',sans-serif;"
            "line-height:1.5;color:#1b1f24;background:#fff;max-width:60rem;margin:0 auto;padding:0 1rem;"
            "overflow-wrap:anywhere",
    "header": "padding:1rem 0;border-bottom:2px solid #1b1f24",
    "h1": "font-size:1.5rem;margin:0 0 .5rem",
    "h2": "font-size:1.2rem;margin:0 0 .25rem",
    "h3": "font-size:.95rem;margin:.75rem 0 .25rem",
    "a": "color:#0b5cad",
    "ol": "margin:.25rem 0;padding-left:2rem",
    "nav": "padding:.5rem 0;border-bottom:1px solid #c9d1d9",
    "guess": "font-style:italic;color:#57606a",
    "watch": "background:#fff4d6;border-left:4px solid #d4a72c;padding:.4rem .6rem;margin:.5rem 0",
    "overview": "font-size:1.05rem;margin:.5rem 0",
    "meta": "color:#57606a;font-size:.9rem;margin:.25rem 0",
    "check": "background:#fff1f0;border-left:4px solid #cf222e;padding:.4rem .6rem;margin:.5rem 0",
    "card": "border:1px solid #c9d1d9;border-radius:6px;padding:.75rem 1rem;margin:1rem 0;break-inside:avoid",
    "card-foreign": "border:1px solid #c9d1d9;border-left:6px solid #0b5cad;border-radius:6px;padding:.75rem 1rem;"
                    "margin:1rem 0;break-inside:avoid",
    "facts": "color:#57606a;font-size:.9rem;margin:.25rem 0",
    "columns": "margin:.5rem 0",
    "en": "",
    "zh": "color:#3d444d",
    "headline-zh": "font-weight:bold;margin:.25rem 0",
    "names": "margin:.25rem 0;padding-left:1.25rem",
    "notes": "color:#57606a;font-size:.9rem",
    "muted": "color:#57606a",
    "flag": "background:#fff4d6;border-radius:3px;padding:0 .3rem;font-size:.85rem",
    "footer": "color:#57606a;font-size:.85rem;border-top:1px solid #c9d1d9;margin-top:2rem",
}
"""The look, once: the page's stylesheet (a class each) and the mail's style attributes come from it."""

LAYOUT = """
.columns{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:1rem}
.night{margin:1rem 0}.editions{padding-left:1.25rem}.count-foreign{font-weight:bold;color:#0b5cad}
@media (max-width:40rem){.columns{grid-template-columns:minmax(0,1fr)}body{padding:0 .6rem}}
@media print{body{max-width:none;font-size:11pt}a{color:inherit;text-decoration:none}nav{break-after:page}
.card,.card-foreign{border-color:#999}}
"""
"""What only a browser can use: Chinese beside the English on a wide screen, under it on a phone; print rules."""

STYLESHEET = Markup("".join(f".{name}{{{rules}}}" for name, rules in STYLES.items() if rules) + LAYOUT)


def _css(name: str, inline: bool) -> Markup:
    if inline:
        return Markup(' style="{}"').format(STYLES[name]) if STYLES[name] else Markup("")
    return Markup(' class="{}"').format(name)


@dataclass(frozen=True)
class _Card:
    number: int
    brief: Brief
    headline: str
    pages: str
    credits: list[str]
    note_en: str | None
    summary_en: str | None
    names: list[tuple[str, list[str]]]
    notes: list[str]
    watched: list[str]


def _card(number: int, brief: Brief, watched: list[str], unreadable_pages: list[int]) -> _Card:
    entities = named(brief)
    names = [(label, [entity_line(entity) for entity in entities if entity.type == kind])
             for label, kind in (("People", PERSON), ("Places", PLACE), ("Organisations", ORGANIZATION))]
    return _Card(number, brief, headline_en(brief), page_span(brief), attribution(brief), note_en(brief),
                 summary_en(brief), names, brief_notes(brief, unreadable_pages), watched)


def edition_html(digest: Digest, inline: bool = False) -> str:
    """The edition's page; `inline`: styles in attributes and no stylesheet (for mail)."""
    watched = watched_briefs(digest)
    cards = [_card(number, brief, watched.get(brief.id, []), digest.unreadable_pages)
             for number, brief in enumerate(digest.briefs, 1)]
    foreign = [card for card in cards if card.brief.foreign_affairs]
    others = [card for card in cards if not card.brief.foreign_affairs]
    groups = [group for group in ({"label": "Foreign affairs", "cards": foreign},
                                  {"label": "Other articles" if foreign else "Articles", "cards": others})
              if group["cards"]]
    number_of = {brief.id: number for number, brief in enumerate(digest.briefs, 1)}
    hits = [{"name": hit.name, "numbers": [number_of[i] for i in hit.briefs if i in number_of]}
            for hit in digest.watch_hits or []]
    page_count = len(digest.pages) or len(digest.sources)
    pages = f"page {', '.join(map(str, digest.pages))}" if digest.pages else "page numbers not printed"
    counts = (f"{len(cards)} articles from {page_count} page{'s' if page_count != 1 else ''} ({pages}); "
              f"{len(foreign)} of foreign-affairs interest, listed first.")
    return ENVIRONMENT.get_template("edition.html").render(
        digest=digest, title=paper_title(digest), guessed=guessed_facts(digest), watch_hits=hits,
        overview=overview(digest), counts=counts, methods=method_line(digest.briefs, digest.models),
        unchecked=list(unchecked_names(digest.briefs).items()), groups=groups, cards=cards, inline=inline,
        stylesheet=STYLESHEET, css=lambda name: _css(name, inline))


def nights_html(out: Path) -> str:
    """The index of every night on disk (from the digest.json files), newest first."""
    nights: dict[str, list[dict]] = {}
    for night in read_nights(out):
        digest = night.digest
        page = "index.html" if (out / night.folder / "index.html").exists() else "digest.md"
        nights.setdefault(digest.date, []).append({
            "href": f"{night.folder}/{page}", "title": paper_title(digest),
            "foreign": sum(1 for brief in digest.briefs if brief.foreign_affairs),
            "articles": len(digest.briefs), "watched": [hit.name for hit in digest.watch_hits or []]})
    return ENVIRONMENT.get_template("nights.html").render(
        nights=[{"date": date, "label": f"{short_date(date)} ({date})", "editions": editions}
                for date, editions in nights.items()],
        editions=[edition for editions in nights.values() for edition in editions], stylesheet=STYLESHEET)


class HtmlWriter(DigestWriter):
    name = "html"
    needs = ("json",)  # the index of nights is built from the editions' digest.json files

    def files(self, digest: Digest) -> dict[str, str]:
        return {"index.html": edition_html(digest)}

    def after_night(self, out: Path) -> dict[str, str]:
        return {"index.html": nights_html(out)}
