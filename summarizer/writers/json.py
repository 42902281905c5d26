"""The digest for machines (`digest.json`): every brief in its one JSON shape (Brief.to_dict)."""

from __future__ import annotations

import json

from summarizer.records import Digest
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
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


class JsonWriter(DigestWriter):
    name = "json"

    def files(self, digest: Digest) -> dict[str, str]:
        return {"digest.json": digest_to_json(digest)}
