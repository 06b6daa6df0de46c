"""Persistent translation cache (SQLite, WAL) under the user's data directory.

Rows are keyed by model identity, decoding options and source text, so a document opened
again shows its translations at once, and they survive removal of the model that made them.

Threads never share a connection: the thread that opened the cache (the window's) keeps its
own, and a worker (a translation run, a replaced run still ending beside the new one) opens
one for each call. One shared connection serialised everyone behind a lock: the window's
lookup waited while a worker's write waited up to 5 s for another Bayan's lock.
"""
from __future__ import annotations

import logging
import sqlite3
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from reader.paths import data_dir
from reader.safe_db import BUSY_TIMEOUT_S, DatabaseUnavailable, open_db

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


def _worker_connection(path: Path) -> sqlite3.Connection:
    """A worker's own connection: the file is set up (WAL, schema) by the one that opened it."""
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True, timeout=BUSY_TIMEOUT_S)
    db.execute("PRAGMA synchronous=NORMAL")
    return db


def default_cache_path() -> Path:
    return data_dir() / "translation-cache.sqlite3"


class TranslationCache:
    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path else default_cache_path()
        self._lock = threading.Lock()  # for the in-memory stand-in, the one shared connection
        self.moved_aside: Path | None = None
        self.note: str | None = None
        self._in_memory = False
        self._owner = threading.get_ident()
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
            self._in_memory = True
            return db
        if opened.note:
            log.warning("%s", opened.note)
            self.moved_aside = opened.moved_to
            self.note = opened.note
        return opened.db

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        if self._in_memory:
            with self._lock:
                yield self._db
        elif threading.get_ident() == self._owner:
            yield self._db
        else:
            db = _worker_connection(self.path)
            try:
                yield db
            finally:
                db.close()

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
        with self._connection() as db:
            for start in range(0, len(unique), 500):
                chunk = unique[start:start + 500]
                marks = ",".join("?" * len(chunk))
                found.update(db.execute(
                    f"SELECT source, target FROM translations WHERE {where} source IN ({marks}){order}",
                    (*params, *chunk)))
        return found

    def put_many(self, model: str, options: str, pairs: list[tuple[str, str]]) -> None:
        now = time.time()
        with self._connection() as db, db:
            db.executemany(
                "INSERT OR REPLACE INTO translations (model, options, source, target, created) VALUES (?,?,?,?,?)",
                [(model, options, s, t, now) for s, t in pairs])

    def count(self) -> int:
        with self._connection() as db:
            return db.execute("SELECT count(*) FROM translations").fetchone()[0]

    def close(self) -> None:
        """Closes the opening thread's connection (a worker's are closed after each call)."""
        with self._lock:
            self._db.close()
