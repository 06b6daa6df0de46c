"""Persistent translation cache (SQLite, WAL) under the user's data directory.

Rows are keyed by model identity, decoding options and source text, so a document opened
again shows its translations at once, and they survive removal of the model that made them.
"""
from __future__ import annotations

import logging
import sqlite3
import threading
import time
from pathlib import Path

from reader.paths import data_dir
from reader.safe_db import DatabaseUnavailable, open_db

log = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS translations (
    model   TEXT NOT NULL,
    options TEXT NOT NULL,
    source  TEXT NOT NULL,
    target  TEXT NOT NULL,
    created REAL NOT NULL,
    PRIMARY KEY (model, options, source)
);
CREATE INDEX IF NOT EXISTS translations_by_source ON translations (source, created);
"""


def _setup(db: sqlite3.Connection) -> None:
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.executescript(SCHEMA)


def default_cache_path() -> Path:
    return data_dir() / "translation-cache.sqlite3"


class TranslationCache:
    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path else default_cache_path()
        self._lock = threading.Lock()
        self.moved_aside: Path | None = None
        self.note: str | None = None
        self._db = self._open()

    def _open(self) -> sqlite3.Connection:
        # count(*) walks the table, so damage past the first page is found now, not mid-session.
        try:
            opened = open_db(self.path, _setup, "SELECT count(*) FROM translations", "The translation cache",
                             check_same_thread=False)
        except DatabaseUnavailable as exc:
            # Locked or unreadable: translate anyway, keeping this session's results in memory.
            self.note = f"{exc} Translations made in this session will not be kept."
            log.warning("%s", self.note)
            db = sqlite3.connect(":memory:", check_same_thread=False)
            db.executescript(SCHEMA)
            return db
        if opened.note:
            log.warning("%s", opened.note)
            self.moved_aside = opened.moved_to
            self.note = opened.note
        return opened.db

    def get_many(self, model: str, options: str, sources: list[str]) -> list[str | None]:
        found = self._lookup("model=? AND options=? AND", (model, options), sources, "")
        return [found.get(s) for s in sources]

    def latest_many(self, sources: list[str]) -> list[str | None]:
        """The most recent translation of each source by any model (when none is installed)."""
        # Rows come oldest first, so later translations overwrite earlier ones.
        found = self._lookup("", (), sources, " ORDER BY created")
        return [found.get(s) for s in sources]

    def _lookup(self, where: str, params: tuple, sources: list[str], order: str) -> dict[str, str]:
        """source -> target for the distinct sources, queried in chunks (SQLite caps parameters)."""
        found: dict[str, str] = {}
        unique = list(dict.fromkeys(sources))
        with self._lock:
            for start in range(0, len(unique), 500):
                chunk = unique[start:start + 500]
                marks = ",".join("?" * len(chunk))
                found.update(self._db.execute(
                    f"SELECT source, target FROM translations WHERE {where} source IN ({marks}){order}",
                    (*params, *chunk)))
        return found

    def put_many(self, model: str, options: str, pairs: list[tuple[str, str]]) -> None:
        now = time.time()
        with self._lock, self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO translations (model, options, source, target, created) VALUES (?,?,?,?,?)",
                [(model, options, s, t, now) for s, t in pairs])

    def count(self) -> int:
        with self._lock:
            return self._db.execute("SELECT count(*) FROM translations").fetchone()[0]

    def close(self) -> None:
        with self._lock:
            self._db.close()
