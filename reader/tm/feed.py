"""The memory follows the open document (a person's English goes in) and pre-translates it.

The memory keeps its own units only; a segment's English is read from the session when
it changes, and pre-translation writes back through the session, which never lets it
replace a person's work.
"""
from __future__ import annotations

import logging
import sqlite3
from typing import Callable

from reader.errors import describe
from reader.project_store import ProjectError, ProjectStore, projects_dir
from reader.session import DocumentSession, SessionChange
from reader.states import HUMAN_STATUSES, Origin, memory_may_write
from reader.safe_db import BUSY_TIMEOUT_S, WINDOW_WAIT_S
from reader.tm.memory import TmError, TranslationMemory, default_path

DEFAULT_THRESHOLD = 75

log = logging.getLogger(__name__)


def _person_english(session: DocumentSession, row: int) -> str | None:
    """The row's English when a person wrote or approved it (a memory's own English, status
    ``from TM``, goes in only once a person edits or approves it)."""
    return session.english(row) if session.status(row).human else None


class Feed:
    """Keeps the memory fed with a session's human segments, written on the window's thread.

    The same rule as the session's own saves (ARCHITECTURE.md, "Waiting for another Bayan"):
    a write waits at most ``wait_s``; a unit that cannot be written yet is kept in ``pending``
    (the latest English of each row) and retried before the next change, by :meth:`retry` and
    by :meth:`close`, which waits the full time once. A person's unit is never dropped."""

    def __init__(self, session: DocumentSession, tm: TranslationMemory, wait_s: float = WINDOW_WAIT_S,
                 on_pending: Callable[[], None] = lambda: None):
        self.session, self.tm, self.wait_s = session, tm, wait_s
        self.pending: dict[int, tuple[str, str | None]] = {}  # row → (Arabic, English) not yet written
        self.error = ""
        self.on_pending = on_pending  # called when a write failed (the window starts its retry timer)
        self._unsubscribe = session.subscribe(self._changed)

    def _changed(self, change: SessionChange) -> None:
        if change.origin is not None and not change.origin.undoable:
            return  # engine output only ever touches rows no person has worked on
        for row in change.rows:
            self.pending[row] = (self.session.segments[row].text, _person_english(self.session, row))
        self.retry()

    def retry(self, wait_s: float | None = None) -> bool:
        """Write the pending units; True when none is left."""
        if not self.pending:
            return True
        units = [(row, arabic, english) for row, (arabic, english) in self.pending.items()]
        try:
            self.tm.set_segments(self.session.doc_id, units, self.session.document.name,
                                 self.wait_s if wait_s is None else wait_s)
        except (TmError, sqlite3.Error, OSError) as exc:
            self.error = describe(exc)
            self.on_pending()
            return False
        for row, arabic, english in units:
            if self.pending.get(row) == (arabic, english):  # a newer English of the row stays pending
                del self.pending[row]
        self.error = ""
        return not self.pending

    def close(self) -> None:
        """Stop following; the pending units get the last, full wait."""
        self._unsubscribe()
        if not self.retry(BUSY_TIMEOUT_S):
            log.error("%d segment(s) of %s not written to the translation memory: %s",
                      len(self.pending), self.session.doc_id, self.error)


def follow(session: DocumentSession, tm: TranslationMemory) -> Feed:
    """Keep ``tm`` fed with the session's human segments; ``close()`` the feed to stop."""
    return Feed(session, tm)


def harvest_segments(session: DocumentSession) -> list[tuple[int, str, str]]:
    """(row, Arabic, English) of the session's human segments (work done before the memory
    followed it), for ``tm.set_segments``."""
    return [(r, session.segments[r].text, english) for r in range(len(session))
            if (english := _person_english(session, r))]


def open_memory() -> TranslationMemory:
    """The user's memory; a new one starts with the human segments of every saved project."""
    new = not default_path().exists()
    tm = TranslationMemory(default_path())
    if new:
        for path in sorted(projects_dir().glob("*.bayan.sqlite")):
            try:
                with ProjectStore(path) as store:
                    if store.doc_id:
                        tm.set_segments(store.doc_id, _project_segments(store), store.title)
            except ProjectError:
                continue  # a damaged project says so when its document is opened
    return tm


def _project_segments(store: ProjectStore) -> list[tuple[int, str, str | None]]:
    return [(s.index, s.source, s.target) for s in store.all() if s.status in HUMAN_STATUSES and s.target]


def pretranslation(rows: list[tuple[int, str]], tm: TranslationMemory, threshold: int = DEFAULT_THRESHOLD,
                   cancelled: Callable[[], bool] = lambda: False,
                   progress: Callable[[int], None] = lambda done: None) -> list[tuple[int, str]]:
    """(row, English) of the best match at or above ``threshold`` for each (row, Arabic)."""
    out = []
    for n, (row, arabic) in enumerate(rows):
        if cancelled():
            break
        if n % 50 == 0:
            progress(n)
        best = tm.lookup(arabic, limit=1, minimum=threshold)
        if best:
            out.append((row, best[0].unit.target))
    return out


def rows_to_pretranslate(session: DocumentSession) -> list[tuple[int, str]]:
    """(row, Arabic) of the rows no person has worked on (a newer memory may improve a ``from TM`` row)."""
    return [(r, session.segments[r].text) for r in range(len(session)) if memory_may_write(session.status(r))]


def pretranslate(session: DocumentSession, pairs: list[tuple[int, str]]) -> list[int]:
    """Write the memory's English through the session (human work is refused there)."""
    return session.prefill(pairs, Origin.TM)
