"""The one way Bayan runs work off the GUI thread: a task with progress, cancel and one ``done``.

``fn(control)`` runs in a worker thread; it may call ``control.report(value)``
(delivered as ``progressed`` on the GUI thread) and should return early when
``control.cancelled()``.  Whatever happens, ``done`` fires exactly once with an
:class:`Outcome` holding the result, the error message or the cancellation, so a
test waits on that one signal.

Lifetime rule: a task's handlers never own the object the task belongs to. A lambda
that captures ``self``, connected to a signal of ``self``'s own task, was the last
owner of a TranslationController nothing else held: deleting the finished task dropped
the lambda, which freed the controller inside the task's destructor, and the controller
deleted the task a second time (a segfault in processEvents,
bench/event_loop_translating.py). Connect bound methods, or :func:`weak_slot`.

Waiting rule: the GUI thread never waits for a running task (a translation's queued batches
take seconds). A task whose work is no longer wanted (another document, other options) is
:meth:`Task.abandon`-ed: told to stop, cut off from its owner and deleted when its thread
ends. Only the window's close waits, for those (:func:`wait_for_abandoned`) and its own.
"""
from __future__ import annotations

import logging
import threading
import weakref
from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QMetaMethod, QObject, QThread, QTimer, Signal

from reader.errors import describe

log = logging.getLogger(__name__)

# Abandoned tasks still running: held here, as nothing else does, until their thread ends.
_ABANDONED: set["Task"] = set()


@dataclass(frozen=True)
class Outcome:
    result: Any = None
    error: str = ""
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return not self.error and not self.cancelled


class TaskControl:
    def __init__(self, task: "Task"):
        self._task = task
        self._stop = threading.Event()

    def report(self, value: Any) -> None:
        self._task.progressed.emit(value)

    def cancelled(self) -> bool:
        return self._stop.is_set()

    def cancel(self) -> None:
        self._stop.set()


def weak_slot(method: Callable[..., Any], *first: Any) -> Callable[..., None]:
    """``method`` called with ``first`` before the signal's arguments, for as long as its object lives.

    The connection holds the method's object weakly (see the lifetime rule above).
    """
    ref = weakref.WeakMethod(method)

    def call(*args: Any) -> None:
        target = ref()
        if target is not None:
            target(*first, *args)

    return call


class Task(QThread):
    progressed = Signal(object)
    done = Signal(object)  # Outcome

    def __init__(self, fn: Callable[[TaskControl], Any], parent: QObject | None = None):
        super().__init__(parent)
        self._fn = fn
        self.control = TaskControl(self)
        self.outcome: Outcome | None = None
        self._abandoned = False
        self._waited_at_close = True
        self.finished.connect(self._ended)

    def cancel(self) -> None:
        self.control.cancel()

    def start_soon(self) -> None:
        """Start at the event loop's next turn (unless abandoned first): work handed off while
        a document opens would otherwise contend for the interpreter with the window's thread
        while it lays the document out (each of its Python calls waits for the lock)."""
        QTimer.singleShot(0, self, self._start_unless_abandoned)

    def _start_unless_abandoned(self) -> None:
        if not self._abandoned:
            self.start()

    def abandon(self, stops: bool = True) -> None:
        """Cancel and forget, without waiting: the owner hears nothing more from it (its
        ``progressed`` and ``done`` are disconnected; an emission already queued is still
        delivered, so owners also check that a report comes from their current task), it is
        no longer its parent's child (a parent deleted meanwhile must not delete a running
        thread), and it deletes itself when its thread ends.

        ``stops``: the work honours cancel, so the window's close waits for it; one that
        cannot stop (a file read stuck in a library) is never waited for, and the process
        leaves without it (``reader.ui.app``)."""
        self._waited_at_close = stops
        self._abandoned = True
        self.control.cancel()
        for signal in (self.progressed, self.done):
            if self.isSignalConnected(QMetaMethod.fromSignal(signal)):
                signal.disconnect()
        if self.isRunning():
            self.setParent(None)
            _ABANDONED.add(self)   # until _ended
        else:
            self.deleteLater()

    def _ended(self) -> None:
        # On the GUI thread, after the thread's last act (finished is queued from it).
        if self._abandoned:
            self.deleteLater()
            _ABANDONED.discard(self)

    def run(self) -> None:
        try:
            result = self._fn(self.control)
        except Exception as exc:  # shown to the user, never lost
            log.exception("background task failed")
            outcome = Outcome(error=describe(exc))  # one sentence, whatever raised
        else:
            outcome = Outcome(result, cancelled=self.control.cancelled())
        self.outcome = outcome
        self.done.emit(outcome)


def abandoned() -> int:
    """How many abandoned tasks are still running."""
    return sum(task.isRunning() for task in _ABANDONED)


def wait_for_abandoned() -> None:
    """At the window's close only: let the abandoned tasks that stop end (they were told to:
    at most their queued work finishes); a thread must end before the process does."""
    for task in list(_ABANDONED):
        if task._waited_at_close:
            task.wait()
