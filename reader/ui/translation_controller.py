"""Translating a document in a worker thread, visible rows first, streaming into the model."""
from __future__ import annotations

import threading
import time
from collections import deque
from typing import Callable

from PySide6.QtCore import QObject, QThread, QTimer, Signal

from reader.translation.service import TranslationService

# A human-edited row must never be overwritten by the machine.
MACHINE_STATUSES = ("untranslated", "machine")
# Results reach the model a few rows per event-loop turn, within a time budget, so that a
# burst (a whole cached document) never holds the window for longer than one frame.
APPLY_ROWS = 256
APPLY_BUDGET_S = 0.015


class BackgroundTask(QThread):
    """Run ``fn(report)`` off the UI thread; ``report(*args)`` emits ``progressed``."""

    succeeded = Signal(object)
    errored = Signal(str)
    progressed = Signal(object)

    def __init__(self, fn: Callable, parent=None):
        super().__init__(parent)
        self._fn = fn

    def run(self) -> None:
        try:
            result = self._fn(lambda *args: self.progressed.emit(args))
        except Exception as exc:  # noqa: BLE001 - shown to the user, never lost
            self.errored.emit(str(exc) or type(exc).__name__)
        else:
            self.succeeded.emit(result)


class _TranslateThread(QThread):
    # Results travel in lists (all cached rows at once, then one list per decoded batch):
    # one queued signal per row let a 10,000-row burst hold the event loop for its length.
    translated = Signal(object)  # list[(row, english)]
    counted = Signal(int, int, float)
    errored = Signal(str)

    def __init__(self, service: TranslationService, texts: list[str], parts: list[list[int]], parent=None):
        super().__init__(parent)
        self.service = service
        self.texts = texts
        self.parts = parts  # rows in priority order: the visible ones, then the rest
        self.stop = threading.Event()

    def run(self) -> None:
        total = sum(map(len, self.parts))
        done = decoded = 0
        started = None
        try:
            for n, part in enumerate(self.parts):
                if self.stop.is_set() or not part:
                    continue
                texts = [self.texts[r] for r in part]
                cached = self.service.cached(texts)
                # The rows on screen (part 0) start with tiny batches: first text appears sooner.
                for batch in self.service.batches(texts, self.stop.is_set, ramp=n == 0):
                    fresh = sum(cached[k] is None for k, _ in batch)
                    if fresh:
                        started = started or time.perf_counter()
                        decoded += fresh
                    done += len(batch)
                    self.translated.emit([(part[k], english) for k, english in batch])
                    elapsed = time.perf_counter() - started if started else 0.0
                    self.counted.emit(done, total, decoded / elapsed if elapsed > 0 else 0.0)
        except Exception as exc:  # noqa: BLE001 - reported through failed()
            self.errored.emit(str(exc) or type(exc).__name__)


class TranslationController(QObject):
    """Owns one translation run at a time; results go to ``segment_model`` as they arrive."""

    segmentTranslated = Signal(int, str)
    progress = Signal(int, int, float)  # done, total, sentences per second
    finished = Signal()
    failed = Signal(str)

    def __init__(self, service: TranslationService, segment_model=None, parent=None):
        super().__init__(parent)
        self.service = service
        self.segment_model = segment_model
        self._thread: _TranslateThread | None = None
        self.was_cancelled = False
        self._pending: deque[tuple[int, str]] = deque()
        self._drain = QTimer(self)
        self._drain.setInterval(0)
        self._drain.timeout.connect(self._apply_some)

    def set_service(self, service: TranslationService) -> None:
        self.cancel(wait=True)
        self.service = service

    def running(self) -> bool:
        """Translating, or results still on their way to the model."""
        return (self._thread is not None and self._thread.isRunning()) or bool(self._pending)

    def start(self, document, first_rows=()) -> bool:
        """Translate every segment of ``document``; ``first_rows`` (e.g. on screen) go first."""
        self.cancel(wait=True)
        texts = [s.text for s in document.segments]
        first = [r for r in dict.fromkeys(first_rows) if 0 <= r < len(texts)]
        # Rows below the screen come before the ones above it: the reader goes down.
        last = max(first, default=-1)
        skip = set(first)
        rest = [r for r in range(last + 1, len(texts)) if r not in skip] + \
               [r for r in range(0, last + 1) if r not in skip]
        parts = [first, rest]
        if self.segment_model is not None:
            parts = [[r for r in p if self.segment_model.status(r) in MACHINE_STATUSES] for p in parts]
        self.was_cancelled = False
        self._pending.clear()
        thread = _TranslateThread(self.service, texts, parts, self)
        thread.translated.connect(self._on_translated)
        thread.counted.connect(self._on_counted)
        thread.errored.connect(self.failed)
        thread.finished.connect(lambda t=thread: self._on_thread_done(t))
        self._thread = thread
        thread.start()
        return True

    def cancel(self, wait: bool = False) -> None:
        thread = self._thread
        if thread is None:
            return
        if thread.isRunning():
            self.was_cancelled = True
            thread.stop.set()
            if wait:
                thread.wait()
        if wait:
            # Waiting means the run is being replaced (another document, other options):
            # its queued results must not land in what comes next.
            self._pending.clear()
            self._drain.stop()
            self._thread = None
            thread.deleteLater()

    def wait(self, ms: int = 30000) -> bool:
        return self._thread.wait(ms) if self._thread is not None else True

    def _on_translated(self, results: list[tuple[int, str]]) -> None:
        if self.sender() is not self._thread:
            return  # a run that was replaced by a newer one
        self._pending.extend(results)
        self._drain.start()

    def _on_counted(self, done: int, total: int, rate: float) -> None:
        if self.sender() is self._thread:
            # What the user sees counted is what is on screen, not what is still queued.
            self.progress.emit(max(done - len(self._pending), 0), total, rate)

    def _apply_some(self) -> None:
        model = self.segment_model
        deadline = time.perf_counter() + APPLY_BUDGET_S
        while self._pending and time.perf_counter() < deadline:
            chunk = [self._pending.popleft() for _ in range(min(APPLY_ROWS, len(self._pending)))]
            if model is not None:
                rows = model.rowCount()
                model.set_translations([(r, t) for r, t in chunk
                                        if r < rows and model.status(r) in MACHINE_STATUSES])
            for row, text in chunk:
                self.segmentTranslated.emit(row, text)
        if not self._pending:
            self._drain.stop()
            if self._thread is None:
                self.finished.emit()

    def _on_thread_done(self, thread: _TranslateThread) -> None:
        if thread is self._thread:
            self._thread = None
            thread.deleteLater()
            if not self._pending:
                self.finished.emit()
