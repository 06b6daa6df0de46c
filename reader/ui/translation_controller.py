"""Translating a document in a background task, visible rows first, streaming into the session."""
from __future__ import annotations

import time
from collections import deque

from PySide6.QtCore import QObject, QTimer, Signal

from reader.session import DocumentSession
from reader.translation.run import Report, cached_rows, priority_order, translate_rows
from reader.translation.service import TranslationService
from reader.ui.task import Outcome, Task, TaskControl, wait_for_abandoned, weak_slot

# Results reach the session one chunk per event-loop turn, the chunk sized so that it takes
# about APPLY_BUDGET_S (the session writes each row to the project store on this thread):
# a burst (a whole cached document) never holds the window longer than a frame.
APPLY_BUDGET_S = 0.010
APPLY_ROWS = (4, 128)  # smallest and largest chunk


class TranslationController(QObject):
    """Owns one translation run at a time; the session decides which results a row takes."""

    segmentTranslated = Signal(int, str)
    progress = Signal(int, int, float)  # done, total, sentences per second
    finished = Signal()
    failed = Signal(str)

    def __init__(self, service: TranslationService, parent: QObject | None = None):
        super().__init__(parent)
        self.service = service
        self.session: DocumentSession | None = None
        self._task: Task | None = None
        self.was_cancelled = False
        self.decoding = True  # False while the run only brings the cache's English (show_cached)
        self._pending: deque[tuple[int, str]] = deque()
        self._chunk = 32
        self._drain = QTimer(self)
        self._drain.setInterval(0)
        self._drain.timeout.connect(self._apply_some)

    def set_service(self, service: TranslationService) -> None:
        self.drop()
        self.service = service

    def running(self) -> bool:
        """Translating, or results still on their way to the session."""
        # Until the task's ``done`` is handled: its last results may still be queued then.
        return self._task is not None or bool(self._pending)

    def start(self, session: DocumentSession, first_rows=(), decode: bool = True) -> bool:
        """Translate every segment no person has worked on; ``first_rows`` (on screen) go first.

        ``decode=False`` (:meth:`show_cached`): only the cache's English for the rows with none."""
        self.drop()
        texts = [s.text for s in session.segments]
        open_rows = session.rows_needing_machine() if decode else \
            [r for r in range(len(texts)) if session.english(r) is None]
        parts = priority_order(len(texts), first_rows, open_rows)
        self.session = session
        self.was_cancelled = False
        self.decoding = decode
        service, store = self.service, session.store
        fill = translate_rows if decode else cached_rows

        def run(control: TaskControl) -> None:
            fill(service, texts, parts, control.cancelled, control.report)
            # The session's engine writes skip it on the GUI thread. Its own connection: safe
            # (and a no-op) when the run was dropped and the document has been closed since.
            store.checkpoint()

        task = Task(run, self)
        task.progressed.connect(weak_slot(self._on_translated, task))
        task.done.connect(weak_slot(self._on_done, task))
        self._task = task
        task.start()
        return True

    def show_cached(self, session: DocumentSession, first_rows=()) -> bool:
        """The cache's English for the rows with none, looked up off the GUI thread and handed
        to the session a chunk per turn like a run's (a person's English is never replaced:
        ``set_machine_many``); nothing is decoded."""
        return self.start(session, first_rows, decode=False)

    def cancel(self) -> None:
        """The person's Cancel: the run stops after the batches already queued, which still land."""
        task = self._task
        if task is not None and task.isRunning():
            self.was_cancelled = True
            task.cancel()

    def drop(self) -> None:
        """The run is being replaced (another document, model or options): it is told to stop
        and left to end in the background, never waited for (its queued batches take seconds);
        nothing more of it reaches a session, and no ``finished`` is emitted for it."""
        task, self._task = self._task, None
        self.session = None  # a closed document is not kept alive by its old run
        self._pending.clear()
        self._drain.stop()
        if task is not None:
            task.abandon()

    def close(self) -> None:
        """At the window's close only: drop the run and wait for the dropped ones to end."""
        self.drop()
        wait_for_abandoned()

    def _on_translated(self, task: Task, report: Report) -> None:
        if task is not self._task or self.session is None:
            return  # a run that was replaced by a newer one
        results, done, total, rate = report
        self._pending.extend(results)
        self._drain.start()
        # What the user sees counted is what is on screen, not what is still queued.
        self.progress.emit(max(done - len(self._pending), 0), total, rate)

    def _apply_some(self) -> None:
        if self._pending and self.session is not None:
            chunk = [self._pending.popleft() for _ in range(min(self._chunk, len(self._pending)))]
            started = time.perf_counter()
            self.session.set_machine_many(chunk)
            took = time.perf_counter() - started
            low, high = APPLY_ROWS
            # Grows at most twofold a turn: one quick chunk says little about the next.
            fit = int(len(chunk) * APPLY_BUDGET_S / max(took, 1e-4))
            self._chunk = max(low, min(high, 2 * len(chunk), fit))
            for row, text in chunk:
                self.segmentTranslated.emit(row, text)
        if not self._pending or self.session is None:
            self._pending.clear()
            self._drain.stop()
            if self._task is None:
                self.finished.emit()

    def _on_done(self, task: Task, outcome: Outcome) -> None:
        if task is not self._task:
            return  # dropped: it deletes itself when its thread ends (Task.abandon)
        self._task = None
        task.wait()  # ``done`` is the thread's last act: this returns at once
        task.deleteLater()
        if outcome.error:
            self.failed.emit(outcome.error)
        if not self._pending:
            self.finished.emit()
