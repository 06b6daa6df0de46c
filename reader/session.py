"""The open document: the one owner of its segments' English, status, origin and alternatives.

Everything that changes a segment — engine output, a person's edit or approval, a
translation-memory pre-fill, house style or terminology re-applied, an alternative
picked — is one call here.  The session alone applies the rule that machine output
never replaces a person's English, writes each change through its project store (whose
history is the one undo/redo, surviving a restart) and tells its listeners which rows
changed.  Views read from it and keep no copy.  Qt-free: the GUI, the CLI and tests
drive the same object.
"""
from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping, Sequence

from reader.document import Document, Segment
from reader.errors import describe
from reader.project_store import ProjectError, ProjectStore, SegmentState
from reader.states import HUMAN_STATUSES, MEMORY_ORIGINS, Origin, SegmentStatus, machine_may_write, memory_may_write
from reader.safe_db import BUSY_TIMEOUT_S

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SessionChange:
    """Rows whose English or status changed, and who changed them (None: undo or redo)."""

    rows: tuple[int, ...]
    origin: Origin | None


Listener = Callable[[SessionChange], None]


class DocumentSession:
    """Open with :meth:`open`; :meth:`close` when another document replaces it."""

    def __init__(self, document: Document, store: ProjectStore, error: str = ""):
        self.document = document
        self.store = store
        # Why the document's project could not be opened ("" when it was): edits then
        # live in memory for this session only.
        self.error = error
        # Changes shown but not yet written (disk full, database locked), oldest first, and
        # why: they are retried before the next change and by retry_saves(), never dropped.
        self.unsaved: list[tuple[list[tuple[int, str | None, SegmentStatus]], Origin]] = []
        self.save_error = ""
        n = len(document.segments)
        self._english: list[str | None] = [None] * n
        self._status: list[SegmentStatus] = [SegmentStatus.UNTRANSLATED] * n
        self._origin: list[Origin | None] = [None] * n
        # Kept as rows change: the status bar reads it after every chunk of a long translation,
        # and counting 10,000 rows each time was a steady cost on the GUI thread.
        self._counts: dict[SegmentStatus, int] = dict.fromkeys(SegmentStatus, 0)
        self._counts[SegmentStatus.UNTRANSLATED] = n
        # Alternatives are kept with the English they were offered for.
        self._alternatives: dict[int, tuple[str | None, tuple[str, ...]]] = {}
        self._listeners: dict[int, Listener] = {}  # by subscription, in subscription order
        self._next_subscription = 0
        # Who made each row's English survives a restart through the history (a "from TM"
        # pre-fill stays one and never feeds the memory as a person's work).
        self._stored_origin: dict[int, str] = {c.index: c.origin for c in store.history()}
        for state in store.worked():  # the other rows are untranslated, as set above
            if state.index < n:
                self._load(state)
        self._stored_origin.clear()

    @classmethod
    def open(cls, document: Document, rows_later: bool = False) -> "DocumentSession":
        """``rows_later``: a new project's rows are left to ``store.write_rows()`` (the window
        runs it in a worker); the session's changes are kept meanwhile (ProjectStore.attach)."""
        try:
            store = ProjectStore.for_document(document, later=rows_later)
            # A damaged project was moved aside and what could be read kept: say so.
            return cls(document, store, store.note or "")
        except ProjectError as exc:
            memory = ProjectStore(":memory:")
            memory.attach(document)
            return cls(document, memory, f"{exc} Your edits to this document cannot be saved.")

    def close(self) -> None:
        if self.unsaved:
            # The last chance to write them: worth the full wait, even on the window's thread.
            self.store.limit_wait(BUSY_TIMEOUT_S)
        if not self.retry_saves():
            log.error("%d unsaved change(s) to %s lost on close: %s", len(self.unsaved), self.doc_id, self.save_error)
        self._listeners.clear()
        self.store.close()

    # --- listening ----------------------------------------------------------------
    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener(change)`` after every change; returns the unsubscribe function.

        The function holds a number, not the listener: a subscriber that keeps it would
        otherwise form a cycle with its own bound method, and long-lived data is frozen out of
        the collections that free cycles (reader.responsiveness).
        """
        key = self._next_subscription
        self._next_subscription += 1
        self._listeners[key] = listener

        def unsubscribe() -> None:
            self._listeners.pop(key, None)
        return unsubscribe

    def _emit(self, rows: Iterable[int], origin: Origin | None) -> None:
        change = SessionChange(tuple(sorted(set(rows))), origin)
        if not change.rows:
            return
        for listener in list(self._listeners.values()):
            try:
                listener(change)
            except Exception:  # one failing listener must not starve the others
                log.exception("session listener failed")

    # --- reading ------------------------------------------------------------------
    @property
    def doc_id(self) -> str:
        return self.document.doc_id

    @property
    def segments(self) -> list[Segment]:
        return self.document.segments

    def __len__(self) -> int:
        return len(self._english)

    def english(self, row: int) -> str | None:
        return self._english[row]

    def status(self, row: int) -> SegmentStatus:
        return self._status[row]

    def origin(self, row: int) -> Origin | None:
        return self._origin[row]

    def alternatives(self, row: int) -> tuple[str, ...]:
        """Alternatives offered for the English the row shows now (empty once it changed)."""
        shown, alternatives = self._alternatives.get(row, (None, ()))
        return alternatives if shown == self._english[row] else ()

    def counts(self) -> dict[SegmentStatus, int]:
        return dict(self._counts)

    def rows_needing_machine(self) -> list[int]:
        return [r for r, s in enumerate(self._status) if machine_may_write(s)]

    # --- changing -----------------------------------------------------------------
    def set_machine(self, row: int, english: str, expected: str | None = None) -> bool:
        return bool(self.set_machine_many([(row, english)], {row: expected} if expected is not None else None))

    def set_machine_many(self, pairs: Iterable[tuple[int, str]],
                         expected: Mapping[int, str | None] | None = None,
                         origin: Origin = Origin.MACHINE) -> list[int]:
        """Engine output for rows no person has worked on; returns the rows that took it.

        ``expected`` (row → English the producer started from) makes each write a
        compare-and-set: a row that changed meanwhile is left alone.
        """
        changes = []
        for row, english in pairs:
            if not 0 <= row < len(self) or not english.strip() or not machine_may_write(self._status[row]):
                continue
            if expected is not None and row in expected and expected[row] != self._english[row]:
                continue
            if (self._english[row], self._status[row]) != (english, SegmentStatus.MACHINE):
                changes.append((row, english, SegmentStatus.MACHINE))
        return self._record(changes, origin)

    def edit(self, row: int, english: str | None, origin: Origin = Origin.EDIT) -> bool:
        """A person's English (blank clears the segment); a person's work always wins.

        ``origin`` says where a person took it from: a memory match they inserted (Origin.TM)
        is ``from TM`` until they edit or approve it; the same English a person already
        gave stays theirs."""
        english = (english or "").strip() or None
        status = SegmentStatus.EDITED if english else SegmentStatus.UNTRANSLATED
        if english and origin in MEMORY_ORIGINS:
            status = SegmentStatus.FROM_TM
        if english == self._english[row] and (self._status[row] in HUMAN_STATUSES or self._status[row] == status):
            return False
        return bool(self._record([(row, english, status)], origin))

    def approve(self, row: int, approved: bool = True, english: str | None = None) -> bool:
        """Approve (or take back the approval of) the row's English, or ``english`` when given."""
        english = (english or "").strip() or self._english[row]
        if not english:
            return False
        status = SegmentStatus.APPROVED if approved else SegmentStatus.EDITED
        return bool(self._record([(row, english, status)], Origin.APPROVE))

    def offer_alternatives(self, row: int, alternatives: Iterable[str], for_english: str | None) -> tuple[str, ...]:
        """Keep the engine's alternatives for the English they were computed against."""
        self._alternatives[row] = (for_english, tuple(alternatives))
        return self.alternatives(row)

    def choose_alternative(self, row: int, english: str, expected: str | None) -> bool:
        """A person picked an alternative; refused when the row changed since it was offered."""
        if expected != self._english[row] or not english.strip():
            return False
        status = self._status[row] if self._status[row] in HUMAN_STATUSES else SegmentStatus.MACHINE
        if status == SegmentStatus.APPROVED:
            status = SegmentStatus.EDITED
        return bool(self._record([(row, english, status)], Origin.ALTERNATIVE))

    def prefill(self, pairs: Iterable[tuple[int, str]], origin: Origin = Origin.TMX) -> list[int]:
        """A translation memory's English (status ``from TM``) where no person has worked yet."""
        changes = [(row, english, SegmentStatus.FROM_TM) for row, english in pairs
                   if 0 <= row < len(self) and english.strip() and memory_may_write(self._status[row])
                   and (self._english[row], self._status[row]) != (english, SegmentStatus.FROM_TM)]
        return self._record(changes, origin)

    def restyle(self, render: Callable[[int, str], str]) -> list[int]:
        """Re-render machine English (house style, terminology); a person's English is never touched."""
        pairs: list[tuple[int, str]] = []
        expected: dict[int, str | None] = {}
        for row, (english, status) in enumerate(zip(self._english, self._status)):
            if status != SegmentStatus.MACHINE or not english:
                continue
            new = render(row, english)
            if new != english:
                pairs.append((row, new))
                expected[row] = english
        return self.set_machine_many(pairs, expected, Origin.STYLE)

    # --- undo ---------------------------------------------------------------------
    def can_undo(self) -> bool:
        return self.store.can_undo()

    def can_redo(self) -> bool:
        return self.store.can_redo()

    def undo(self) -> int | None:
        """Undo a person's latest change (persisted: it survives a restart); the row, or None."""
        return self._step(self.store.undo())

    def redo(self) -> int | None:
        return self._step(self.store.redo())

    def _step(self, state: SegmentState | None) -> int | None:
        if state is None or state.index >= len(self):
            return None
        self._load(state)
        self._emit([state.index], None)
        return state.index

    # --- internals ----------------------------------------------------------------
    def _load(self, state: SegmentState) -> None:
        status = SegmentStatus(state.status)
        self._english[state.index] = state.target
        self._set_status(state.index, status)
        stored = self._stored_origin.get(state.index)
        self._origin[state.index] = Origin(stored) if stored in Origin.__members__.values() and state.target else {
            SegmentStatus.MACHINE: Origin.MACHINE, SegmentStatus.FROM_TM: Origin.TM, SegmentStatus.EDITED: Origin.EDIT,
            SegmentStatus.APPROVED: Origin.APPROVE}.get(status)

    def _set_status(self, row: int, status: SegmentStatus) -> None:
        self._counts[self._status[row]] -= 1
        self._counts[status] += 1
        self._status[row] = status

    def retry_saves(self) -> bool:
        """Write the changes whose save failed; True when none is left."""
        while self.unsaved:
            changes, origin = self.unsaved[0]
            try:
                self.store.record(changes, origin)
            except (sqlite3.Error, OSError) as exc:
                self.save_error = describe(exc)
                return False
            self.unsaved.pop(0)
        self.save_error = ""
        return True

    def _record(self, changes: Sequence[tuple[int, str | None, SegmentStatus]], origin: Origin) -> list[int]:
        if not changes:
            return []
        if self.retry_saves():
            try:
                written = self.store.record(changes, origin)
            except (sqlite3.Error, OSError) as exc:
                self.save_error = describe(exc)
                written = []
        else:
            written = []
        if self.save_error:
            # Not saved: shown anyway and kept for the next try (the undo history waits for it).
            self.unsaved.append((list(changes), origin))
            written = [SegmentState(row, self.document.segments[row].text, english, str(status), None)
                       for row, english, status in changes]
        for state in written:
            self._english[state.index] = state.target
            self._set_status(state.index, SegmentStatus(state.status))
            self._origin[state.index] = origin
        rows = [s.index for s in written]
        self._emit(rows, origin)
        return rows
