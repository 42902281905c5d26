"""The per-article result cache: an embedded SQLite file, so that a rerun redoes no finished work.

A brief is stored under a key made of the article's text and everything that changes its
brief (models, revisions, generation settings, glossary, the cache format). Each batch of
briefs is committed at once, so a run killed at any moment loses at most the batch in hand.

The cache only saves work, so it never stops a night: a damaged file, or one of an older
schema, is set aside and rebuilt; a row that cannot be read is a miss; and a cache that cannot
be opened or written for another reason (a full disk, an I/O error) is run without, with a
warning, and is not mistaken for damage.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import time
from pathlib import Path

from summarizer.records import Article, Brief

CACHE_FORMAT = 4
"""Part of every key: a change of what a brief holds makes old entries misses."""
SCHEMA_VERSION = 1
"""The file's layout (`PRAGMA user_version`); a file of another version is set aside."""
log = logging.getLogger("summarizer")

_CREATE_TABLE = "CREATE TABLE IF NOT EXISTS briefs (key TEXT PRIMARY KEY, brief TEXT NOT NULL)"
_DAMAGE_WORDS = ("malformed", "not a database", "file is encrypted", "corrupt")


class _Damaged(Exception):
    """The file is not a sound cache of this schema."""


def brief_key(article: Article, fingerprint: dict) -> str:
    payload = {"format": CACHE_FORMAT, "article": article.to_dict(), "settings": fingerprint}
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _is_damage(error: sqlite3.Error) -> bool:
    return any(word in str(error).lower() for word in _DAMAGE_WORDS)


class BriefCache:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.problem: str | None = None
        """Why the cache is not in use this run (None while it is)."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = self._open(self.path)
        except _Damaged as exc:
            self._set_aside(str(exc))
            self._db = self._open_or_memory()
        except (sqlite3.Error, OSError) as exc:
            if isinstance(exc, sqlite3.Error) and _is_damage(exc):
                self._set_aside(str(exc))
                self._db = self._open_or_memory()
            else:
                self._db = self._without_cache(exc)

    def _open(self, path: Path) -> sqlite3.Connection:
        db = sqlite3.connect(path, timeout=30)
        try:
            check = db.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise _Damaged(f"quick_check: {check}")
            version = db.execute("PRAGMA user_version").fetchone()[0]
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if tables and version != SCHEMA_VERSION:
                raise _Damaged(f"schema version {version}, expected {SCHEMA_VERSION}")
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(_CREATE_TABLE)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            db.commit()
        except sqlite3.DatabaseError as exc:
            db.close()
            if _is_damage(exc):
                raise _Damaged(str(exc)) from None
            raise
        except _Damaged:
            db.close()
            raise
        return db

    def _set_aside(self, reason: str) -> None:
        """A damaged or old cache only costs the work it held: move it aside and start a new one."""
        aside = self.path.with_name(f"{self.path.name}.damaged-{int(time.time())}")
        log.warning("%s: cache unusable (%s); moved to %s, starting a new one", self.path, reason, aside.name)
        try:
            self.path.rename(aside)
        except OSError as exc:
            log.warning("%s: cannot move the damaged cache aside: %s", self.path, exc.strerror or exc)
        for suffix in ("-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def _open_or_memory(self) -> sqlite3.Connection:
        try:
            return self._open(self.path)
        except (sqlite3.Error, OSError, _Damaged) as exc:
            return self._without_cache(exc)

    def _without_cache(self, exc: BaseException) -> sqlite3.Connection:
        self.problem = f"{self.path}: cache not usable, running without it: {getattr(exc, 'strerror', None) or exc}"
        log.warning("warning: %s", self.problem)
        db = sqlite3.connect(":memory:")
        db.execute(_CREATE_TABLE)
        return db

    def get(self, key: str) -> Brief | None:
        """The cached brief, or None: a row that cannot be read is a miss, not a failure."""
        try:
            row = self._db.execute("SELECT brief FROM briefs WHERE key = ?", (key,)).fetchone()
            return Brief.from_dict(json.loads(row[0])) if row else None
        except sqlite3.Error as exc:
            self._note_problem(f"cannot read: {exc}")
            return None
        except (ValueError, KeyError, TypeError):
            return None

    def put_many(self, items: list[tuple[str, Brief]]) -> None:
        """Keep the briefs; if the cache cannot take them (disk full), the run goes on without them."""
        try:
            with self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO briefs (key, brief) VALUES (?, ?)",
                    [(key, json.dumps(brief.to_dict(), ensure_ascii=False)) for key, brief in items],
                )
        except sqlite3.Error as exc:
            self._note_problem(f"cannot write: {exc}")

    def _note_problem(self, problem: str) -> None:
        if self.problem is None:
            self.problem = f"{self.path}: cache {problem}"
            log.warning("warning: %s", self.problem)

    def __len__(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM briefs").fetchone()[0]

    def close(self) -> None:
        try:
            self._db.close()
        except sqlite3.Error:
            pass
