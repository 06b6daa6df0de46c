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
        AppState.__init__(self, open_settings(), glossary)

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
