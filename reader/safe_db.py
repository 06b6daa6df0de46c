"""Opening the user's SQLite files so that damage or a lock never stops Bayan.

A damaged file is moved aside (never deleted) next to the original, a new one is
started, and the rows that can still be read are copied over; the caller gets a
sentence naming both files and what was kept. A file another program keeps locked
is waited for a bounded time, then reported in words.
"""
from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from reader.errors import describe_db_error

# How long a write waits for another Bayan process holding the lock.
BUSY_TIMEOUT_S = 5.0
# The window's thread never waits longer for another Bayan's write lock: a change that cannot
# be written yet is kept and retried (DocumentSession.unsaved), a word not saved is said so.
WINDOW_WAIT_S = 0.05


def limit_wait(db: sqlite3.Connection, seconds: float) -> None:
    """How long ``db`` waits for another process's write lock before "database is locked"."""
    db.execute(f"PRAGMA busy_timeout = {int(seconds * 1000)}")


class DatabaseUnavailable(Exception):
    """A database cannot be used at all (locked, unreadable); ``str(exc)`` is for the user."""


@dataclass(frozen=True)
class Opened:
    db: sqlite3.Connection
    # Set when the file was damaged: what happened, for the user.
    note: str | None = None
    moved_to: Path | None = None


def open_db(path: Path, setup: Callable[[sqlite3.Connection], None], check: str, label: str,
            tables: tuple[str, ...] = (), check_same_thread: bool = True, autocommit: bool = False) -> Opened:
    """Connect, run ``setup`` (pragmas, schema) and ``check`` (a query that reads the data).

    ``label`` names the file for the user ("Your vocabulary"); ``tables`` are salvaged
    row by row into the new file when the old one is damaged.
    """
    path = Path(path)
    connect = _Connect(check_same_thread, autocommit)
    try:
        return Opened(_connect(path, setup, check, connect))
    except sqlite3.OperationalError as exc:
        if _is_lock(exc) or "unable to open" in str(exc):
            raise DatabaseUnavailable(f"{label} ({path.name}): {describe_db_error(exc, path.name)}") from exc
        damage: sqlite3.DatabaseError = exc
    except sqlite3.DatabaseError as exc:
        damage = exc
    aside = path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
    try:
        path.replace(aside)
        for suffix in ("-wal", "-shm"):
            side = Path(f"{path}{suffix}")
            if side.exists():
                side.replace(Path(f"{aside}{suffix}"))
        opened = _connect(path, setup, check, connect)
    except (OSError, sqlite3.Error) as exc:
        raise DatabaseUnavailable(f"{label} ({path}) is damaged ({damage}) and could not be set aside: "
                                  f"{getattr(exc, 'strerror', None) or exc}.") from exc
    kept = sum(_salvage(aside, opened, table) for table in tables)
    what = f"{kept:,} record{'s' if kept != 1 else ''} could be recovered into a new file" if tables \
        else "a new empty one was started"
    note = (f"{label} ({path.name}) was damaged ({damage}); it was moved to {aside} "
            f"(kept, not deleted) and {what}.")
    return Opened(opened, note, aside)


@dataclass(frozen=True)
class _Connect:
    check_same_thread: bool
    autocommit: bool  # isolation_level=None: the caller runs its own transactions


def _connect(path: Path, setup: Callable[[sqlite3.Connection], None], check: str,
             connect: _Connect) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    if connect.autocommit:
        db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, check_same_thread=connect.check_same_thread,
                             isolation_level=None)
    else:
        db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, check_same_thread=connect.check_same_thread)
    try:
        setup(db)
        db.execute(check).fetchall()
    except sqlite3.Error:
        db.close()
        raise
    return db


def _is_lock(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def _salvage(old: Path, new: sqlite3.Connection, table: str) -> int:
    """Copy the rows of ``table`` that can still be read, in rowid order, until damage."""
    try:
        src = sqlite3.connect(f"file:{old}?mode=ro", uri=True)
    except sqlite3.Error:
        return 0
    kept = 0
    try:
        # Columns both files have: an older file may lack ones added since.
        old_columns = {r[1] for r in src.execute(f"PRAGMA table_info({table})")}
        columns = [r[1] for r in new.execute(f"PRAGMA table_info({table})") if r[1] in old_columns]
        if not columns:
            return 0
        cursor = src.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY rowid")
        marks = ",".join("?" * len(columns))
        while True:
            try:
                row = cursor.fetchone()
            except sqlite3.Error:
                break
            if row is None:
                break
            try:
                new.execute(f"INSERT OR IGNORE INTO {table} ({', '.join(columns)}) VALUES ({marks})", row)
                kept += 1
            except sqlite3.Error:
                continue
        new.commit()
    except sqlite3.Error:
        pass
    finally:
        src.close()
    return kept
