"""The per-article result cache: an embedded SQLite file, so that a rerun redoes no finished work.

A brief is stored under a key made of the article's text and everything that changes its
brief (models, revisions, generation settings, glossary, the cache format). Each batch of
briefs is committed at once, so a run killed at any moment loses at most the batch in hand.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import time
from pathlib import Path

from summarizer.records import Article, Brief

CACHE_FORMAT = 3
log = logging.getLogger("summarizer")


def brief_key(article: Article, fingerprint: dict) -> str:
    payload = {"format": CACHE_FORMAT, "article": article.to_dict(), "settings": fingerprint}
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


class BriefCache:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = self._open()
        except sqlite3.DatabaseError as exc:
            # A damaged cache only costs the work it held: set it aside and start a new one.
            aside = self.path.with_name(f"{self.path.name}.damaged-{int(time.time())}")
            log.warning("%s: cache unreadable (%s); moved to %s, starting a new one", self.path, exc, aside.name)
            self.path.rename(aside)
            for suffix in ("-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            self._db = self._open()

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("CREATE TABLE IF NOT EXISTS briefs (key TEXT PRIMARY KEY, brief TEXT NOT NULL)")
            db.commit()
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def get(self, key: str) -> Brief | None:
        row = self._db.execute("SELECT brief FROM briefs WHERE key = ?", (key,)).fetchone()
        return Brief.from_dict(json.loads(row[0])) if row else None

    def put_many(self, items: list[tuple[str, Brief]]) -> None:
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO briefs (key, brief) VALUES (?, ?)",
                [(key, json.dumps(brief.to_dict(), ensure_ascii=False)) for key, brief in items],
            )

    def __len__(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM briefs").fetchone()[0]

    def close(self) -> None:
        self._db.close()
