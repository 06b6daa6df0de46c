"""Translating a document in a background task, visible rows first, streaming into the session."""
from __future__ import annotations

import time

from PySide6.QtCore import QObject, Signal

from reader.session import DocumentSession
from reader.translation.service import TranslationService
from reader.ui.task import Outcome, Task, TaskControl


def _translate(service: TranslationService, texts: list[str], parts: list[list[int]],
               control: TaskControl) -> None:
    """Stream (row, english, done, total, rate) reports; ``parts`` are rows in priority order."""
    total = sum(map(len, parts))
    done = decoded = 0
    started = None
    for n, part in enumerate(parts):
        if control.cancelled() or not part:
            continue
        texts_part = [texts[r] for r in part]
        cached = service.cached(texts_part)
        # The rows on screen (part 0) start with tiny batches: first text appears sooner.
        for k, english in service.stream(texts_part, control.cancelled, ramp=n == 0):
            if cached[k] is None:
                started = started or time.perf_counter()
                decoded += 1
            done += 1
            elapsed = time.perf_counter() - started if started else 0.0
            control.report((part[k], english, done, total, decoded / elapsed if elapsed > 0 else 0.0))


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

    def set_service(self, service: TranslationService) -> None:
        self.cancel(wait=True)
        self.service = service

    def running(self) -> bool:
        return self._task is not None and self._task.isRunning()

    def start(self, session: DocumentSession, first_rows=()) -> bool:
        """Translate every segment no person has worked on; ``first_rows`` (on screen) go first."""
        self.cancel(wait=True)
        texts = [s.text for s in session.segments]
        first = [r for r in dict.fromkeys(first_rows) if 0 <= r < len(texts)]
        # Rows below the screen come before the ones above it: the reader goes down.
        last = max(first, default=-1)
        rest = [r for r in range(last + 1, len(texts)) if r not in first] + \
               [r for r in range(0, last + 1) if r not in first]
        open_rows = set(session.rows_needing_machine())
        parts = [[r for r in p if r in open_rows] for p in (first, rest)]
        self.session = session
        self.was_cancelled = False
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
            self._task = None
            task.deleteLater()

    def wait(self, ms: int = 30000) -> bool:
        return self._task.wait(ms) if self._task is not None else True

    def _on_translated(self, task: Task, report: tuple[int, str, int, int, float]) -> None:
        if task is not self._task or self.session is None:
            return  # a run that was replaced by a newer one
        row, text, done, total, rate = report
        self.session.set_machine(row, text)
        self.segmentTranslated.emit(row, text)
        self.progress.emit(done, total, rate)

    def _on_done(self, task: Task, outcome: Outcome) -> None:
        if task is not self._task:
            return
        self._task = None
        task.wait()
        task.deleteLater()
        if outcome.error:
            self.failed.emit(outcome.error)
        self.finished.emit()
