"""The nights on disk: every edition's `digest.json` under the output folder, read back for the
files that span nights (the index of nights, the feeds). A file that cannot be read is left out
with a warning: one bad night never hides the others."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from summarizer.records import Digest
from summarizer.writers.json import digest_from_json

log = logging.getLogger("summarizer")
DIGEST_JSON = "digest.json"


@dataclass(frozen=True)
class Night:
    """One edition on disk."""

    folder: str
    """Its folder relative to the output folder, with / (`jining-daily/2021-12-04`)."""
    digest: Digest


def read_nights(out: Path) -> list[Night]:
    """Every edition under OUT/<paper>/<date>/digest.json, newest first (then by paper)."""
    nights = []
    for path in sorted(out.glob(f"*/*/{DIGEST_JSON}")):
        try:
            digest = digest_from_json(path.read_text(encoding="utf-8"), path.parent.parent.name)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("%s: left out of the index and feeds: %s", path, exc)
            continue
        nights.append(Night(f"{path.parent.parent.name}/{path.parent.name}", digest))
    nights.sort(key=lambda night: night.digest.slug)
    nights.sort(key=lambda night: night.digest.date, reverse=True)
    return nights
