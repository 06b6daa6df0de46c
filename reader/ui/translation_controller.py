"""Translating a document in a background task, visible rows first, streaming into the session."""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from reader.session import DocumentSession
from reader.translation.run import Report, priority_order, translate_rows
from reader.translation.service import TranslationService
from reader.ui.task import Outcome, Task


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
        parts = priority_order(len(texts), first_rows, session.rows_needing_machine())
        self.session = session
        self.was_cancelled = False
        service = self.service
        task = Task(lambda control: translate_rows(service, texts, parts, control.cancelled, control.report), self)
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

    def _on_translated(self, task: Task, report: Report) -> None:
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
