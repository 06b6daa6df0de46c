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
"""
from __future__ import annotations

import logging
import threading
import weakref
from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QObject, QThread, Signal

from reader.errors import describe

log = logging.getLogger(__name__)


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

    def cancel(self) -> None:
        self.control.cancel()

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
