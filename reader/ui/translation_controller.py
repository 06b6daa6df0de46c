"""Translating a document in a background task, visible rows first, streaming into the session."""
from __future__ import annotations

import time
from collections import deque

from PySide6.QtCore import QObject, QTimer, Signal

from reader.session import DocumentSession
from reader.translation.service import TranslationService
from reader.ui.task import Outcome, Task, TaskControl

# Results reach the session one chunk per event-loop turn, the chunk sized so that it takes
# about APPLY_BUDGET_S (the session writes each row to the project store on this thread):
# a burst (a whole cached document) never holds the window longer than a frame.
APPLY_BUDGET_S = 0.010
APPLY_ROWS = (4, 128)  # smallest and largest chunk


def _translate(service: TranslationService, texts: list[str], parts: list[list[int]],
               control: TaskControl) -> None:
    """Report ([(row, english), ...], done, total, rate): all cached rows at once, then one list
    per decoded batch (one queued report per row let a 10,000-row burst hold the event loop)."""
    total = sum(map(len, parts))
    done = decoded = 0
    started = None
    for n, part in enumerate(parts):
        if control.cancelled() or not part:
            continue
        texts_part = [texts[r] for r in part]
        cached = service.cached(texts_part)
        # The rows on screen (part 0) start with tiny batches: first text appears sooner.
        for batch in service.batches(texts_part, control.cancelled, ramp=n == 0):
            fresh = sum(cached[k] is None for k, _ in batch)
            if fresh:
                started = started or time.perf_counter()
                decoded += fresh
            done += len(batch)
            elapsed = time.perf_counter() - started if started else 0.0
            control.report(([(part[k], english) for k, english in batch], done, total,
                            decoded / elapsed if elapsed > 0 else 0.0))


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
        self._pending: deque[tuple[int, str]] = deque()
        self._chunk = 32
        self._drain = QTimer(self)
        self._drain.setInterval(0)
        self._drain.timeout.connect(self._apply_some)

    def set_service(self, service: TranslationService) -> None:
        self.cancel(wait=True)
        self.service = service

    def running(self) -> bool:
        """Translating, or results still on their way to the session."""
        return (self._task is not None and self._task.isRunning()) or bool(self._pending)

    def start(self, session: DocumentSession, first_rows=()) -> bool:
        """Translate every segment no person has worked on; ``first_rows`` (on screen) go first."""
        self.cancel(wait=True)
        texts = [s.text for s in session.segments]
        first = [r for r in dict.fromkeys(first_rows) if 0 <= r < len(texts)]
        # Rows below the screen come before the ones above it: the reader goes down.
        last = max(first, default=-1)
        skip = set(first)
        rest = [r for r in range(last + 1, len(texts)) if r not in skip] + \
               [r for r in range(0, last + 1) if r not in skip]
        open_rows = set(session.rows_needing_machine())
        parts = [[r for r in p if r in open_rows] for p in (first, rest)]
        self.session = session
        self.was_cancelled = False
        self._pending.clear()
        service = self.service
        task = Task(lambda control: _translate(service, texts, parts, control), self)
        task.progressed.connect(lambda report, t=task: self._on_translated(t, report))
        task.done.connect(lambda outcome, t=task: self._on_done(t, outcome))
        self._task = task
        task.start()
        return True

    def cancel(self, wait: bool = False) -> None:
        task = self._task
        if task is None:
            return
        if task.isRunning():
            self.was_cancelled = True
            task.cancel()
            if wait:
                task.wait()
        if wait:
            # Waiting means the run is being replaced (another document, other options):
            # its queued results must not land in what comes next.
            self._pending.clear()
            self._drain.stop()
            self._task = None
            task.deleteLater()

    def wait(self, ms: int = 30000) -> bool:
        return self._task.wait(ms) if self._task is not None else True

    def _on_translated(self, task: Task, report: tuple[list[tuple[int, str]], int, int, float]) -> None:
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
            return
        self._task = None
        task.wait()
        task.deleteLater()
        if outcome.error:
            self.failed.emit(outcome.error)
        if not self._pending:
            self.finished.emit()
