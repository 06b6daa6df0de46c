"""The application context: made once at start-up and handed to every feature's ``install``.

It is the Qt-free :class:`AppState` (typed settings, the one glossary index, the
translation service, the vocabulary, the open document's session) plus the
signals by which features hear of one another.  No feature looks another up
through the window.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, Signal

from reader.app_state import AppState
from reader.glossary.index import GlossaryIndex
from reader.paths import data_dir
from reader.session import DocumentSession, SessionChange
from reader.ui.task import Task, weak_slot


def open_settings() -> QSettings:
    return QSettings(str(data_dir() / "settings.ini"), QSettings.Format.IniFormat)


class AppContext(AppState, QObject):
    sessionOpened = Signal(object)    # DocumentSession
    segmentsChanged = Signal(object)  # SessionChange of the open session
    glossaryChanged = Signal()        # terms or house style changed; the index is rebuilt
    serviceChanged = Signal()         # a new translation service (model, options, terminology)
    problem = Signal(str)             # one sentence for the user

    def __init__(self, parent: QObject | None = None, glossary: GlossaryIndex | None = None):
        QObject.__init__(self, parent)
        self._rows_task: Task | None = None
        AppState.__init__(self, open_settings(), glossary)

    def write_rows(self, session: DocumentSession) -> None:
        """A new project's rows are written in a worker (0.2-0.5 s for 10,000 on the window's
        thread). Nothing waits for it: a change made meanwhile is written (and kept) by the
        session, and rows a close or a crash leaves unwritten are written at the next opening."""
        store = session.store
        task = Task(lambda control: store.write_rows(control.cancelled), self)
        task.finished.connect(weak_slot(self._rows_ended, task))
        self._rows_task = task
        task.start_soon()

    def _rows_ended(self, task: Task) -> None:
        if task is self._rows_task:
            self._rows_task = None
            task.deleteLater()

    def rows_writing(self) -> bool:
        """The open document's new rows are still being written."""
        return self._rows_task is not None

    def close(self) -> None:
        """Close the session; the rows still being written are left to stop in the background
        (the window's close then waits for them: they stop between two chunks)."""
        task, self._rows_task = self._rows_task, None
        if task is not None:
            task.abandon()
        AppState.close(self)

    def on_problem(self, message: str) -> None:
        self.problem.emit(message)

    def on_session_opened(self, session: DocumentSession) -> None:
        self.sessionOpened.emit(session)

    def on_segments_changed(self, change: SessionChange) -> None:
        self.segmentsChanged.emit(change)

    def on_glossary_changed(self) -> None:
        self.glossaryChanged.emit()

    def on_service_changed(self) -> None:
        self.serviceChanged.emit()
