"""The digest for machines (`digest.json`): every brief in its one JSON shape (Brief.to_dict)."""

from __future__ import annotations

import json

from summarizer.records import Brief, Digest, FactSource, WatchHit
from summarizer.writers.base import DigestWriter


def digest_to_json(digest: Digest) -> str:
    document = {
        "paper": digest.paper,
        "paper_en": digest.paper_en,
        "paper_source": digest.paper_source,
        "date": digest.date,
        "date_source": digest.date_source,
        "pages": digest.pages,
        "models": digest.models,
        "page_errors": digest.page_errors,
        "articles": [brief.to_dict() for brief in digest.briefs],
    }
    if digest.watch_hits is not None:  # only where a watchlist is set: without one, the file is as it was
        document["watch_hits"] = [hit.to_dict() for hit in digest.watch_hits]
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def digest_from_json(text: str, slug: str) -> Digest:
    """A digest.json read back (for the files that span nights); KeyError or ValueError if it is not one."""
    document = json.loads(text)
    hits = document.get("watch_hits")
    return Digest(
        paper=document["paper"], date=document["date"], slug=slug, pages=list(document["pages"]),
        briefs=[Brief.from_dict(article) for article in document["articles"]], models=dict(document["models"]),
        paper_en=document.get("paper_en"), date_source=FactSource(document["date_source"]),
        paper_source=FactSource(document["paper_source"]), page_errors=list(document.get("page_errors", [])),
        watch_hits=None if hits is None else [WatchHit(hit["name"], tuple(hit["briefs"])) for hit in hits],
    )


class JsonWriter(DigestWriter):
    name = "json"

    def files(self, digest: Digest) -> dict[str, str]:
        return {"digest.json": digest_to_json(digest)}
