"""The per-document project: the English of every segment, its status and its history.

One SQLite file per document under ``data_dir()/projects``, in WAL mode with
``synchronous=FULL``: every change is its own transaction, so a killed process
loses at most the change it was in the middle of, never an earlier one.

The store is the persistence of :class:`reader.session.DocumentSession`, which
owns an open document's English; the CLI also uses the store directly.
Statuses and the rule that machine output never replaces a person's work come
from :mod:`reader.states`.  Every change is logged in ``history`` with the old
and new values, which gives undo/redo that survives a restart; undo steps over
a person's changes only, never over engine output.
"""
from __future__ import annotations

import logging
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Literal

from reader.document import Document
from reader.paths import data_dir
from reader.safe_db import DatabaseUnavailable, limit_wait, open_db
from reader.states import (HUMAN_STATUSES, MACHINE_ORIGINS, MEMORY_ORIGINS, STATUSES, Origin, SegmentStatus,
                           machine_may_write, memory_may_write)

UNTRANSLATED, MACHINE, FROM_TM, EDITED, APPROVED = (SegmentStatus.UNTRANSLATED, SegmentStatus.MACHINE,
                                                    SegmentStatus.FROM_TM, SegmentStatus.EDITED,
                                                    SegmentStatus.APPROVED)
__all__ = ["APPROVED", "EDITED", "FROM_TM", "HUMAN_STATUSES", "MACHINE", "STATUSES", "UNTRANSLATED", "Change",
           "ProjectError", "ProjectStore", "SegmentState", "project_path", "projects_dir"]
# Undo and redo pick among a person's changes only.
_UNDOABLE = "origin NOT IN (%s)" % ", ".join(f"'{o}'" for o in MACHINE_ORIGINS)
# 2: the status ``from-tm`` (before it, a memory's English was stored as ``edited``).
SCHEMA_VERSION = 2
_STATUS_LIST = ", ".join(f"'{s}'" for s in STATUSES)

_SEGMENTS = """
CREATE TABLE IF NOT EXISTS {name} (
    idx INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    target TEXT,
    status TEXT NOT NULL DEFAULT 'untranslated'
        CHECK (status IN ({statuses})),
    created REAL NOT NULL,
    updated REAL
);
"""
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
""" + _SEGMENTS.format(name="segments", statuses=_STATUS_LIST) + """
CREATE TABLE IF NOT EXISTS history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    idx INTEGER NOT NULL,
    old_target TEXT, old_status TEXT NOT NULL,
    new_target TEXT, new_status TEXT NOT NULL,
    origin TEXT NOT NULL,            -- a reader.states.Origin
    at REAL NOT NULL,
    state TEXT NOT NULL DEFAULT 'done'  -- done | undone | dropped (undone, then a new change)
);
CREATE INDEX IF NOT EXISTS history_state ON history(state, id);
"""

log = logging.getLogger(__name__)


def _setup(db: sqlite3.Connection) -> None:
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.executescript(_SCHEMA)
    table = db.execute("SELECT sql FROM sqlite_master WHERE type='table' AND name='segments'").fetchone()
    if f"'{FROM_TM}'" not in table[0]:
        _migrate_to_from_tm(db)


def _migrate_to_from_tm(db: sqlite3.Connection) -> None:
    """A store from before the ``from-tm`` status: widen the status check (SQLite rebuilds the
    table for that) and give a memory's English, stored then as ``edited`` with a memory
    origin in the history, its own status, in the rows and in the history undo reads."""
    memory = tuple(str(o) for o in MEMORY_ORIGINS)
    db.execute("BEGIN IMMEDIATE")
    try:
        db.execute(_SEGMENTS.format(name="segments_v2", statuses=_STATUS_LIST))
        db.execute("INSERT INTO segments_v2 SELECT idx, source, target, status, created, updated FROM segments")
        db.execute("DROP TABLE segments")
        db.execute("ALTER TABLE segments_v2 RENAME TO segments")
        # Who last set each row (the history's done changes) says whether its "edited" English is a memory's.
        last: dict[int, tuple[str, str | None, str]] = {}
        # The (English, origin) that set each row's "edited" states, in order, for the history's old values.
        set_by: dict[tuple[int, str | None], str] = {}
        fixes: list[tuple[str, str, int]] = []
        for hid, idx, old_target, old_status, new_target, new_status, origin, state in db.execute(
                "SELECT id, idx, old_target, old_status, new_target, new_status, origin, state FROM history "
                "ORDER BY id").fetchall():
            old = FROM_TM if old_status == EDITED and set_by.get((idx, old_target)) in memory else old_status
            new = FROM_TM if new_status == EDITED and origin in memory else new_status
            if (old, new) != (old_status, new_status):
                fixes.append((str(old), str(new), hid))
            if new_status == EDITED:
                set_by[(idx, new_target)] = origin
            if state == "done":
                last[idx] = (origin, new_target, new_status)
        db.executemany("UPDATE history SET old_status=?, new_status=? WHERE id=?", fixes)
        db.executemany("UPDATE segments SET status=? WHERE idx=? AND status=? AND target IS ?",
                       [(str(FROM_TM), idx, str(EDITED), target) for idx, (origin, target, status) in last.items()
                        if origin in memory and status == EDITED])
        db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


class ProjectError(Exception):
    """A project file that cannot be opened; ``str(exc)`` is for the user."""


@dataclass(frozen=True)
class SegmentState:
    index: int
    source: str
    target: str | None
    status: str
    updated: float | None


@dataclass(frozen=True)
class Change:
    index: int
    old_target: str | None
    old_status: str
    new_target: str | None
    new_status: str
    origin: str
    at: float


def projects_dir() -> Path:
    path = data_dir() / "projects"
    path.mkdir(parents=True, exist_ok=True)
    return path


def project_path(doc_id: str) -> Path:
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in doc_id) or "untitled"
    return projects_dir() / f"{safe}.bayan.sqlite"


class ProjectStore:
    """Open with :meth:`for_document`; use as a context manager or call :meth:`close`."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        try:
            # A damaged project is moved aside and its readable rows carried over (``note``);
            # quick_check finds damage past the first page, which a plain open does not.
            opened = open_db(self.path, _setup, "PRAGMA quick_check", "The project of this document",
                             ("meta", "segments", "history"), autocommit=True)
        except DatabaseUnavailable as exc:
            raise ProjectError(str(exc)) from exc
        self._db = opened.db
        self.note = opened.note
        self._sync = "FULL"  # as _setup leaves it

    @classmethod
    def for_document(cls, doc: Document, path: str | Path | None = None) -> "ProjectStore":
        store = cls(path or project_path(doc.doc_id))
        store.attach(doc)
        return store

    @classmethod
    def existing(cls, doc_id: str) -> "ProjectStore | None":
        """The project of a document if one was ever saved (never creates a file)."""
        path = project_path(doc_id)
        return cls(path) if path.exists() else None

    def __enter__(self) -> "ProjectStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def limit_wait(self, seconds: float) -> None:
        """Wait at most ``seconds`` for another process's write lock (5 s when opened)."""
        limit_wait(self._db, seconds)

    @property
    def wait_s(self) -> float:
        """How long a write waits for another process's lock."""
        return float(self._db.execute("PRAGMA busy_timeout").fetchone()[0]) / 1000

    def checkpoint(self) -> None:
        """Copy the write-ahead log into the database, on its own connection: safe to call from
        a worker thread (engine output leaves this to it, see :meth:`record`); never raises,
        as nothing is lost without it (SQLite checkpoints again at the next person's change).
        A run replaced mid-way calls it after its document was closed: a file gone since (its
        document removed) is left gone, never made again empty."""
        try:
            db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=rw", uri=True, timeout=1.0)
            try:
                db.execute("PRAGMA wal_checkpoint(PASSIVE)")
            finally:
                db.close()
        except sqlite3.Error:
            log.info("project checkpoint skipped", exc_info=True)

    def close(self) -> None:
        # Closing twice is harmless; a closed store is never used again.
        self._db.close()

    # -- document ------------------------------------------------------------------

    def attach(self, doc: Document) -> None:
        """Make the rows match the document's segments.

        A row whose source text is unchanged keeps its translation.  If the
        segmentation changed (a newer Bayan), translations follow their source
        sentence to its new index; rows that find no sentence stay in history.
        """
        sources = [seg.text for seg in doc.segments]
        now = time.time()
        with self._transaction():
            self._db.execute("INSERT OR REPLACE INTO meta VALUES ('doc_id', ?), ('title', ?), ('schema', ?)",
                             (doc.doc_id, doc.name, str(SCHEMA_VERSION)))
            old = self._db.execute("SELECT idx, source, target, status, created, updated FROM segments "
                                   "ORDER BY idx").fetchall()
            if [r[1] for r in old] == sources:
                return
            by_source: dict[str, list[tuple]] = {}
            for row in old:
                by_source.setdefault(row[1], []).append(row)
            self._db.execute("DELETE FROM segments")
            rows = []
            for i, src in enumerate(sources):
                match = by_source.get(src)
                if match:
                    _, _, target, status, created, updated = match.pop(0)
                    rows.append((i, src, target, status, created, updated))
                else:
                    rows.append((i, src, None, UNTRANSLATED, now, None))
            self._db.executemany("INSERT INTO segments VALUES (?, ?, ?, ?, ?, ?)", rows)

    @property
    def doc_id(self) -> str:
        row = self._db.execute("SELECT value FROM meta WHERE key='doc_id'").fetchone()
        return row[0] if row else ""

    @property
    def title(self) -> str:
        row = self._db.execute("SELECT value FROM meta WHERE key='title'").fetchone()
        return row[0] if row else ""

    # -- reading -------------------------------------------------------------------

    def get(self, index: int) -> SegmentState:
        row = self._db.execute("SELECT idx, source, target, status, updated FROM segments WHERE idx=?",
                               (index,)).fetchone()
        if row is None:
            raise IndexError(f"no segment {index} in this project")
        return SegmentState(*row)

    def all(self) -> list[SegmentState]:
        return [SegmentState(*r) for r in self._db.execute(
            "SELECT idx, source, target, status, updated FROM segments ORDER BY idx")]

    def targets(self) -> dict[int, str]:
        return {i: t for i, t in self._db.execute(
            "SELECT idx, target FROM segments WHERE target IS NOT NULL AND target != ''")}

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {str(s): 0 for s in STATUSES}
        counts.update(dict(self._db.execute("SELECT status, COUNT(*) FROM segments GROUP BY status")))
        return counts

    def history(self, index: int | None = None) -> list[Change]:
        sql = ("SELECT idx, old_target, old_status, new_target, new_status, origin, at FROM history "
               "WHERE state='done'")
        args: tuple = ()
        if index is not None:
            sql += " AND idx=?"
            args = (index,)
        return [Change(*r) for r in self._db.execute(sql + " ORDER BY id", args)]

    # -- changing ------------------------------------------------------------------

    def record(self, changes: Iterable[tuple[int, str | None, str]], origin: str | Origin) -> list[SegmentState]:
        """Write changes decided by the caller (the document session) in one transaction.

        Each (index, target, status) is logged; unchanged rows are skipped. A person's
        change makes the undone ones unreachable for redo; engine output does not.
        """
        origin = Origin(origin)
        done: list[SegmentState] = []
        # Engine output can be made again (the translation cache holds it), so its commits
        # skip the fsync that a person's change gets; that fsync, on the GUI thread, held
        # the window 50-170 ms per batch of a long translation. A person's next change
        # syncs the log, and the engine rows before it with it.
        sync = "FULL" if origin.undoable else "NORMAL"
        if sync != self._sync:
            self._db.execute(f"PRAGMA synchronous={sync}")
            # Nor do they copy the log into the database (a checkpoint: 30-150 ms with its
            # fsync, every ~1000 pages) on that thread: checkpoint() does it later, off it.
            self._db.execute(f"PRAGMA wal_autocheckpoint={1000 if origin.undoable else 0}")
            self._sync = sync
        changes = list(changes)
        for _, _, status in changes:
            if status not in STATUSES:
                raise ValueError(f"unknown status {status!r}")
        with self._transaction():
            # One read and two executemany per batch: a chunk of engine output is one
            # round trip, not three statements per row, on the GUI thread.
            done = self._apply_many(changes, str(origin))
            if done and origin.undoable:
                self._db.execute("UPDATE history SET state='dropped' WHERE state='undone'")
        return done

    def set_target(self, index: int, target: str | None, status: str = EDITED,
                   origin: str = "edit") -> SegmentState:
        """A person's change (or any explicit one): always applied, logged, undoable."""
        if not (target or "").strip() and status != UNTRANSLATED:
            target, status = None, UNTRANSLATED
        self.record([(index, target, status)], origin)
        return self.get(index)

    def approve(self, index: int, approved: bool = True) -> SegmentState:
        current = self.get(index)
        if current.target is None:
            return current
        return self.set_target(index, current.target, APPROVED if approved else EDITED, "approve")

    def set_machine(self, index: int, target: str) -> bool:
        return self.set_machine_many([(index, target)]) == 1

    def set_machine_many(self, pairs: Iterable[tuple[int, str]]) -> int:
        """Store engine output where no person has worked; returns how many rows took it."""
        statuses = self._statuses()
        return len(self.record([(i, t, MACHINE) for i, t in pairs
                                if i in statuses and machine_may_write(statuses[i]) and t.strip()], Origin.MACHINE))

    def prefill(self, pairs: Iterable[tuple[int, str]], origin: str = "tmx") -> int:
        """Fill segments from a translation memory (status ``from TM``) where no person has worked yet."""
        statuses = self._statuses()
        return len(self.record([(i, t, FROM_TM) for i, t in pairs
                                if i in statuses and memory_may_write(statuses[i]) and t.strip()], origin))

    def _statuses(self) -> dict[int, str]:
        return dict(self._db.execute("SELECT idx, status FROM segments"))

    def can_undo(self) -> bool:
        return self._db.execute(f"SELECT 1 FROM history WHERE state='done' AND {_UNDOABLE} LIMIT 1").fetchone() \
            is not None

    def can_redo(self) -> bool:
        return self._db.execute(f"SELECT 1 FROM history WHERE state='undone' AND {_UNDOABLE} LIMIT 1").fetchone() \
            is not None

    def undo(self) -> SegmentState | None:
        """Revert the latest change a person made; None when there is nothing to undo."""
        with self._transaction():
            row = self._db.execute("SELECT id, idx, old_target, old_status FROM history "
                                   f"WHERE state='done' AND {_UNDOABLE} ORDER BY id DESC LIMIT 1").fetchone()
            if row is None:
                return None
            hid, index, target, status = row
            self._db.execute("UPDATE segments SET target=?, status=?, updated=? WHERE idx=?",
                             (target, status, time.time(), index))
            self._db.execute("UPDATE history SET state='undone' WHERE id=?", (hid,))
        return self.get(index)

    def redo(self) -> SegmentState | None:
        with self._transaction():
            row = self._db.execute("SELECT id, idx, new_target, new_status FROM history "
                                   f"WHERE state='undone' AND {_UNDOABLE} ORDER BY id LIMIT 1").fetchone()
            if row is None:
                return None
            hid, index, target, status = row
            self._db.execute("UPDATE segments SET target=?, status=?, updated=? WHERE idx=?",
                             (target, status, time.time(), index))
            self._db.execute("UPDATE history SET state='done' WHERE id=?", (hid,))
        return self.get(index)

    def _apply_many(self, changes: list[tuple[int, str | None, str]], origin: str) -> list[SegmentState]:
        """Write and log a batch of changes; rows that already hold theirs are skipped."""
        current: dict[int, tuple[str, str | None, str]] = {}
        indices = sorted({index for index, _, _ in changes})
        for start in range(0, len(indices), 500):  # SQLite's bound-parameter limit
            part = indices[start:start + 500]
            marks = ",".join("?" * len(part))
            for idx, source, target, status in self._db.execute(
                    f"SELECT idx, source, target, status FROM segments WHERE idx IN ({marks})", part):
                current[idx] = (source, target, status)
        now = time.time()
        updates: list[tuple[str | None, str, float, int]] = []
        logged: list[tuple[int, str | None, str, str | None, str, str, float]] = []
        done: list[SegmentState] = []
        for index, target, status in changes:
            row = current.get(index)
            if row is None:
                raise IndexError(f"no segment {index} in this project")
            source, old_target, old_status = row
            if (old_target, old_status) == (target, str(status)):
                continue
            current[index] = (source, target, str(status))  # a row twice in a batch logs from its last state
            updates.append((target, str(status), now, index))
            logged.append((index, old_target, old_status, target, str(status), origin, now))
            done.append(SegmentState(index, source, target, str(status), now))
        self._db.executemany("UPDATE segments SET target=?, status=?, updated=? WHERE idx=?", updates)
        self._db.executemany("INSERT INTO history (idx, old_target, old_status, new_target, new_status, origin, at) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?)", logged)
        return done

    def _transaction(self) -> "_Transaction":
        return _Transaction(self._db)


class _Transaction:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any error; nests as a no-op."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db
        self.outer = not db.in_transaction

    def __enter__(self) -> sqlite3.Connection:
        if self.outer:
            self.db.execute("BEGIN IMMEDIATE")
        return self.db

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: object) -> Literal[False]:
        if not self.outer:
            return False
        if exc_type is None:
            self.db.execute("COMMIT")
        else:
            self.db.execute("ROLLBACK")
        return False
