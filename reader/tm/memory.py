"""The translation memory store: units in SQLite (WAL, one transaction per change) and an
in-memory inverted index from clitic-free stems to units for candidate retrieval."""
from __future__ import annotations

import heapq
from array import array
import math
import sqlite3
import threading
import time
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import Callable, Iterable, Iterator

from reader.arabic import normalize_lines
from reader.paths import data_dir
from reader.safe_db import BUSY_TIMEOUT_S, DatabaseUnavailable, limit_wait, open_db
from reader.tm.similarity import differences, match_key, similarity, tokens

SCHEMA = """
CREATE TABLE IF NOT EXISTS units (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    key TEXT NOT NULL,          -- reader.tm.similarity.match_key(source)
    stems TEXT NOT NULL,        -- space-separated stems: the index is rebuilt from them on open
    origin TEXT NOT NULL,       -- "doc:<id>" (a segment of a document) or "tmx:<file name>"
    doc TEXT, seg INTEGER,      -- the segment a document unit follows
    added REAL NOT NULL,
    line TEXT,                  -- a document unit's reader.arabic.normalize_lines form (QA's consistency key)
    UNIQUE (key, target)
);
CREATE INDEX IF NOT EXISTS units_segment ON units(doc, seg);
CREATE TABLE IF NOT EXISTS docs (doc TEXT PRIMARY KEY, title TEXT NOT NULL);  -- for naming a document
-- An import commits in chunks (a short lock each) under its own batch number; its units stay
-- unseen while the batch is listed here and all appear at once when it is removed (published).
CREATE TABLE IF NOT EXISTS pending_imports (batch INTEGER PRIMARY KEY AUTOINCREMENT, started REAL NOT NULL);
"""
# Made after the column exists (a memory from before it gets the column first).
LINE_INDEX = "CREATE INDEX IF NOT EXISTS units_line ON units(line) WHERE line IS NOT NULL"
BATCH_INDEX = "CREATE INDEX IF NOT EXISTS units_batch ON units(batch) WHERE batch IS NOT NULL"
# Units an import writes per transaction: the lock another Bayan (a window) waits for stays short.
IMPORT_CHUNK = 500
# SQLite's default: the log is copied into the file once it holds this many pages.
WAL_CHECKPOINT_PAGES = 1000
# Candidates scored exactly per lookup, after the index ranked them.
CANDIDATES = 40
# A stem in more than this share of units says little about which unit matches; it is only
# consulted when the sentence has too few rarer stems.
COMMON_SHARE = 0.02
# Postings read per lookup before the commoner stems are left out (they add little to the ranking).
SCAN_BUDGET = 15_000


_EMPTY: array[int] = array("l")
# A Unit's columns, with its document's title.
_UNIT = "u.id, u.source, u.target, u.origin, d.title FROM units u LEFT JOIN docs d ON d.doc = u.doc"
# Units readers see: not those of an import still being written (or one that failed midway).
_SEEN = "(u.batch IS NULL OR u.batch NOT IN (SELECT batch FROM pending_imports))"


def _setup(db: sqlite3.Connection) -> None:
    db.execute("PRAGMA journal_mode=WAL")
    db.executescript(SCHEMA)
    if "line" not in {r[1] for r in db.execute("PRAGMA table_info(units)")}:
        db.execute("ALTER TABLE units ADD COLUMN line TEXT")
    db.execute(LINE_INDEX)
    if "batch" not in {r[1] for r in db.execute("PRAGMA table_info(units)")}:
        db.execute("ALTER TABLE units ADD COLUMN batch INTEGER")
    db.execute(BATCH_INDEX)


class TmError(Exception):
    """The memory cannot be opened or changed; ``str(exc)`` is one sentence for the user."""


class TmBusy(TmError):
    """A write waited its limit for another thread or Bayan process and was not made."""


@dataclass(frozen=True)
class Unit:
    id: int
    source: str
    target: str
    origin: str
    title: str | None = None  # the title of the document a document unit follows, when known

    @property
    def where(self) -> str:
        """Where the unit came from, in words."""
        kind, _, name = self.origin.partition(":")
        if kind == "tmx":
            return f"imported from {name}"
        # A document's internal id means nothing to a person: one the memory has no name for is unnamed.
        return f"your translation in “{self.title}”" if self.title else "your translation in another document"


@dataclass(frozen=True)
class Match:
    unit: Unit
    score: int                              # percentage
    differences: tuple[tuple[int, int], ...]  # spans of unit.source not in the looked-up text


def default_path() -> Path:
    return data_dir() / "tm.sqlite"


class TranslationMemory:
    """Thread-safe: the GUI adds segments while a task looks up matches."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._lock = threading.RLock()
        # A damaged file is set aside and its readable units carried over (``note`` says so).
        try:
            opened = open_db(self.path, _setup, "PRAGMA quick_check", "Your translation memory", ("units",),
                             check_same_thread=False, autocommit=True)
        except DatabaseUnavailable as exc:
            raise TmError(str(exc)) from exc
        self._db = opened.db
        self.note = opened.note or ""
        # Arrays, not lists of ints: millions of int objects would make every garbage collection
        # walk them (a pause felt in the window), and take several times the memory.
        self._postings: dict[str, array[int]] = defaultdict(lambda: array("l"))
        self._reload_index()
        self._fill_lines()

    def _fill_lines(self) -> None:
        """The consistency key of document units stored before it existed (or salvaged without it)."""
        rows = self._db.execute("SELECT id, source FROM units WHERE doc IS NOT NULL AND line IS NULL").fetchall()
        if rows:
            with self._writing():
                self._db.executemany("UPDATE units SET line=? WHERE id=?",
                                     zip(normalize_lines([source for _, source in rows]), [i for i, _ in rows]))

    @classmethod
    def open_default(cls) -> "TranslationMemory":
        return cls(default_path())

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __len__(self) -> int:
        with self._lock:
            return int(self._db.execute(f"SELECT COUNT(*) FROM units u WHERE {_SEEN}").fetchone()[0])

    def units(self) -> Iterator[Unit]:
        with self._lock:
            rows = self._db.execute(f"SELECT {_UNIT} WHERE {_SEEN} ORDER BY u.id").fetchall()
        return (Unit(*r) for r in rows)

    # --- changing -----------------------------------------------------------------
    def _index(self, unit_id: int, stems: Iterable[str]) -> None:
        for s in set(stems):
            self._postings[s].append(unit_id)

    @staticmethod
    def _prepare(source: str, target: str) -> tuple[str, str, str, tuple[str, ...]] | None:
        """(Arabic, English, key, stems), or None for a pair with no words or no English.
        Done before the lock is taken: tokenising is most of an import's time."""
        toks = tokens(source)
        if not toks.stems or not target.strip():
            return None
        return source, target.strip(), " ".join(toks.surface), toks.stems

    def _insert(self, row: tuple[str, str, str, tuple[str, ...]], origin: str, doc: str | None = None,
                seg: int | None = None, line: str | None = None, batch: int | None = None) -> bool:
        source, target, key, stems = row
        # The same pair left unseen by an import not (or never) published is taken over: the
        # new unit must not be dropped as a duplicate of a unit no one sees.
        found = self._db.execute(
            "INSERT INTO units (source, target, key, stems, origin, doc, seg, added, line, batch) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key, target) DO UPDATE SET "
            "source=excluded.source, stems=excluded.stems, origin=excluded.origin, doc=excluded.doc, "
            "seg=excluded.seg, added=excluded.added, line=excluded.line, batch=excluded.batch "
            "WHERE units.batch IS NOT excluded.batch AND units.batch IN (SELECT batch FROM pending_imports) "
            "RETURNING id",
            (source, target, key, " ".join(stems), origin, doc, seg, time.time(), line, batch)).fetchone()
        if found:
            self._index(int(found[0]), stems)
        return found is not None

    def add_units(self, pairs: Iterable[tuple[str, str]], origin: str,
                  progress: Callable[[int], None] = lambda done: None) -> tuple[int, int]:
        """Add (Arabic, English) pairs: all or none. Returns (added, duplicates).

        Written ``IMPORT_CHUNK`` pairs per transaction under a pending batch, then published in
        one short transaction: another Bayan waits for one chunk, never for the whole import.
        Each chunk is tokenised before its transaction (most of an import's time), so the lock
        is free that long between chunks. ``progress(done)`` is called between chunks."""
        pairs = list(pairs)
        with self._writing():
            batch = int(self._db.execute("INSERT INTO pending_imports (started) VALUES (?)",
                                         (time.time(),)).lastrowid or 0)
        added = usable = 0
        try:
            for start in range(0, len(pairs), IMPORT_CHUNK):
                rows = [row for source, target in pairs[start:start + IMPORT_CHUNK]
                        if (row := self._prepare(source, target))]
                usable += len(rows)
                with self._writing():
                    added += sum(self._insert(row, origin, batch=batch) for row in rows)
                progress(min(start + IMPORT_CHUNK, len(pairs)))
            with self._writing():
                self._db.execute("DELETE FROM pending_imports WHERE batch=?", (batch,))
        except BaseException:
            self._discard(batch)
            raise
        return added, usable - added

    def _discard(self, batch: int) -> None:
        """Remove a failed import's units (they were never seen); left unseen when even that fails."""
        try:
            while True:
                with self._writing():
                    gone = self._db.execute("DELETE FROM units WHERE id IN (SELECT id FROM units WHERE batch=? "
                                            "LIMIT ?)", (batch, IMPORT_CHUNK)).rowcount
                if not gone:
                    break
            with self._writing():
                self._db.execute("DELETE FROM pending_imports WHERE batch=?", (batch,))
        except (sqlite3.Error, TmBusy):
            pass
        with self._lock:
            self._reload_index()

    def set_segments(self, doc_id: str, segments: Iterable[tuple[int, str, str | None]], title: str = "",
                     wait_s: float | None = None) -> None:
        """Units that follow a document's segments, (index, Arabic, English): replaced by the new
        English, removed when it is None; one transaction. ``title`` names the document in QA findings.

        ``wait_s`` bounds the wait for another thread or Bayan (the window's writes): TmBusy or
        sqlite3.OperationalError when it passes, nothing written."""
        segments = list(segments)
        rows = [(seg, self._prepare(source, target or "")) for seg, source, target in segments]
        lines = normalize_lines([source for _, source, _ in segments])
        with self._writing(wait_s):
            if title:
                self._db.execute("INSERT OR REPLACE INTO docs VALUES (?, ?)", (doc_id, title))
            for (seg, row), line in zip(rows, lines):
                self._db.execute("DELETE FROM units WHERE doc=? AND seg=?", (doc_id, seg))
                if row:
                    self._insert(row, f"doc:{doc_id}", doc_id, seg, line)

    @contextmanager
    def _writing(self, wait_s: float | None = None) -> Iterator[None]:
        """The lock and one write transaction; ``wait_s`` (None: BUSY_TIMEOUT_S) bounds the wait for both."""
        if not self._lock.acquire(timeout=-1 if wait_s is None else wait_s):
            raise TmBusy("The translation memory is busy with another task.")
        try:
            if wait_s is not None:
                limit_wait(self._db, wait_s)
                # Copying another process's import from the log into the file is not the window's
                # job: a commit of one unit would otherwise take that long. Other writes do it.
                self._db.execute("PRAGMA wal_autocheckpoint = 0")
            try:
                with self._transaction():
                    yield
            finally:
                if wait_s is not None:
                    limit_wait(self._db, BUSY_TIMEOUT_S)
                    self._db.execute(f"PRAGMA wal_autocheckpoint = {WAL_CHECKPOINT_PAGES}")
        finally:
            self._lock.release()

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            self._reload_index()  # forget the postings of the rolled-back rows
            raise

    def _reload_index(self) -> None:
        self._postings.clear()
        for unit_id, stems in self._db.execute("SELECT id, stems FROM units"):
            self._index(unit_id, stems.split())

    # --- looking up ---------------------------------------------------------------
    def lookup(self, text: str, limit: int = 3, minimum: int = 50) -> list[Match]:
        """The best ``limit`` units whose Arabic is at least ``minimum`` % like ``text``."""
        query = tokens(text)
        if not query.stems:
            return []
        with self._lock:
            # Exact matches first, then by the index's weight: the best come early and raise
            # the bar the rest must pass.
            exact = [r[0] for r in self._db.execute("SELECT id FROM units WHERE key=?", (" ".join(query.surface),))]
            units = self._fetch(dict.fromkeys(exact + self._candidates(query.stems)))
        return rank(text, units, limit, minimum)

    def _candidates(self, stems: tuple[str, ...]) -> list[int]:
        """Units sharing the sentence's rarer stems, weighted by rarity, best first."""
        total = self._count_hint()
        by_rarity = sorted(set(stems), key=lambda s: len(self._postings.get(s, ())))
        common = max(50, int(total * COMMON_SHARE))
        weights: dict[int, float] = defaultdict(float)
        scanned = 0
        for i, s in enumerate(by_rarity):
            posting = self._postings.get(s, _EMPTY)
            # The two rarest stems always count; after them, common stems and a spent budget stop.
            if i >= 2 and (len(posting) > common or scanned > SCAN_BUDGET):
                break
            if posting:
                w = math.log(1 + total / len(posting))
                for unit_id in posting:
                    weights[unit_id] += w
                scanned += len(posting)
        return [unit_id for unit_id, _ in heapq.nlargest(CANDIDATES, weights.items(), key=itemgetter(1))]

    def _count_hint(self) -> int:
        return int(self._db.execute("SELECT MAX(id) FROM units").fetchone()[0] or 1)

    def _fetch(self, ids: Iterable[int]) -> list[Unit]:
        ids = list(ids)
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        found = {r[0]: Unit(*r) for r in self._db.execute(f"SELECT {_UNIT} WHERE u.id IN ({marks}) AND {_SEEN}",
                                                              ids)}
        return [found[i] for i in ids if i in found]

    def search(self, query: str, limit: int = 200) -> list[Unit]:
        """Units whose Arabic (normalised) or English contains ``query``."""
        query = query.strip()
        if not query:
            return []
        like = "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        arabic = "%" + match_key(query).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        with self._lock:
            return [Unit(*r) for r in self._db.execute(
                f"SELECT {_UNIT} WHERE (u.key LIKE ? ESCAPE '\\' OR u.target LIKE ? ESCAPE '\\') "
                f"AND {_SEEN} ORDER BY u.id LIMIT ?", (arabic, like, limit))]


def rank(text: str, units: Iterable[Unit], limit: int, minimum: int,
         cancelled: Callable[[], bool] = lambda: False) -> list[Match]:
    """Score ``units`` against ``text`` exactly and keep the best (the naive scan is this over all)."""
    query = tokens(text)
    scored: list[tuple[int, Unit]] = []
    floor = minimum
    for unit in units:
        if cancelled():
            break
        score = similarity(query, tokens(unit.source), floor)
        if score >= floor:
            scored.append((score, unit))
            if len(scored) >= limit:
                scored.sort(key=lambda su: (-su[0], su[1].id))
                del scored[limit:]
                floor = max(minimum, scored[-1][0])
    scored.sort(key=lambda su: (-su[0], su[1].id))
    return [Match(u, s, tuple(differences(u.source, text))) for s, u in scored[:limit]]
