"""The application context: made once at start-up and handed to every feature's ``install``.

It holds what features share — typed settings, the one glossary index, the
translation service, the vocabulary and the open document's session — and the
signals by which they hear of one another.  No feature looks another up through
the window.
"""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal

from reader import settings as keys
from reader.document import Document
from reader.glossary.index import GlossaryIndex
from reader.paths import data_dir
from reader.session import DocumentSession, SessionChange
from reader.settings import Settings
from reader.study.vocabulary import Vocabulary, VocabularyError
from reader.translation.engine import DecodeOptions
from reader.translation.service import TranslationService, default_service
from reader.translation.terminology import Terminology

log = logging.getLogger(__name__)


def open_settings() -> QSettings:
    return QSettings(str(data_dir() / "settings.ini"), QSettings.Format.IniFormat)


class AppContext(QObject):
    sessionOpened = Signal(object)   # DocumentSession
    segmentsChanged = Signal(object)  # SessionChange of the open session
    glossaryChanged = Signal()       # terms or house style changed; the index is rebuilt
    serviceChanged = Signal()        # a new translation service (model, options, terminology)
    problem = Signal(str)            # one sentence for the user (settings, vocabulary...)

    def __init__(self, parent: QObject | None = None, glossary: GlossaryIndex | None = None):
        super().__init__(parent)
        self.problems: list[str] = []
        self.settings = Settings(open_settings(), report=self._problem)
        self.settings.check_all()
        self.data_dir: Path = data_dir()
        self.glossary = glossary or GlossaryIndex()
        if self.glossary.load_error:
            self._problem(self.glossary.load_error)
        self.glossary.subscribe(self._glossary_changed)
        try:
            self.vocabulary = Vocabulary()
        except VocabularyError as exc:
            self._problem(f"{exc} Your vocabulary is not available in this session; the file was left untouched.")
            self.vocabulary = Vocabulary(Path(":memory:"))
        self.service: TranslationService = self.make_service()
        self.session: DocumentSession | None = None
        # Every document opened in this run (search covers them beside the library).
        self.documents: dict[str, Document] = {}

    def _problem(self, message: str) -> None:
        self.problems.append(message)
        self.problem.emit(message)

    # --- translation ------------------------------------------------------------
    def decode_options(self) -> DecodeOptions:
        return DecodeOptions(beam_size=self.settings.get(keys.BEAM), threads=self.settings.get(keys.THREADS))

    def make_service(self) -> TranslationService:
        terminology = None
        if self.settings.get(keys.ENFORCE_TERMS):
            g = self.glossary
            terminology = Terminology(g.glossary, g.arabic, g.english)
        return default_service(self.decode_options(), terminology=terminology)

    def reload_service(self) -> None:
        self.service = self.make_service()
        self.serviceChanged.emit()

    def _glossary_changed(self) -> None:
        self.glossaryChanged.emit()
        self.reload_service()
        # House style and renderings reach machine English at once; a person's English never.
        if self.session is not None:
            self.session.restyle(lambda _row, english: self.glossary.restyle(english))

    # --- documents ----------------------------------------------------------------
    def open_session(self, document: Document) -> DocumentSession:
        if self.session is not None:
            self.session.close()
        self.documents[document.doc_id] = document
        session = DocumentSession.open(document)
        session.subscribe(self._relay)
        self.session = session
        if session.error:
            self._problem(session.error)
        self.sessionOpened.emit(session)
        return session

    def _relay(self, change: SessionChange) -> None:
        self.segmentsChanged.emit(change)

    def close(self) -> None:
        if self.session is not None:
            self.session.close()
            self.session = None
