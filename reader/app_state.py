"""What the running app's features share, made once at start-up (Qt-free).

Typed settings, the one glossary index, the translation service, the vocabulary
and the open document's session.  Changes are announced through the ``on_*``
hooks, which the UI's :class:`reader.ui.context.AppContext` turns into signals.
"""
from __future__ import annotations

import threading
from pathlib import Path

from reader import settings as keys
from reader.align.links import Link
from reader.alignments import Aligner, Alignments
from reader.document import Document
from reader.glossary.index import GlossaryIndex
from reader.paths import data_dir
from reader.responsiveness import settle_long_lived
from reader.session import DocumentSession, SessionChange
from reader.settings import Backend, Settings
from reader.study.vocabulary import Vocabulary, VocabularyError
from reader.translation.engine import DecodeOptions
from reader.translation.service import TranslationService, default_service
from reader.translation.terminology import Terminology
from reader.safe_db import WINDOW_WAIT_S


class AppState:
    def __init__(self, settings: Backend, glossary: GlossaryIndex | None = None):
        self.problems: list[str] = []
        self.settings = Settings(settings, report=self.report)
        self.settings.check_all()
        self.data_dir: Path = data_dir()
        self.glossary = glossary or GlossaryIndex()
        if self.glossary.load_error:
            self.report(self.glossary.load_error)
        self.glossary.subscribe(self._glossary_changed)
        try:
            self.vocabulary = Vocabulary()
            self.vocabulary.limit_wait(WINDOW_WAIT_S)
        except VocabularyError as exc:
            self.report(f"{exc} Your vocabulary is not available in this session; the file was left untouched.")
            self.vocabulary = Vocabulary(Path(":memory:"))
        self.service: TranslationService = self.make_service()
        self.session: DocumentSession | None = None
        # The open document's word links, filled in the background by the reader.
        self.alignments = Alignments()
        self._aligner: Aligner | None = None
        self._aligner_lock = threading.Lock()
        # Every document opened in this run (search covers them beside the library).
        self.documents: dict[str, Document] = {}

    # --- hooks: the UI relays them as signals -----------------------------------------
    def on_problem(self, message: str) -> None: ...  # noqa: E704

    def on_session_opened(self, session: DocumentSession) -> None: ...  # noqa: E704

    def on_segments_changed(self, change: SessionChange) -> None: ...  # noqa: E704

    def on_glossary_changed(self) -> None: ...  # noqa: E704

    def on_service_changed(self) -> None: ...  # noqa: E704

    def report(self, message: str) -> None:
        """One sentence for the user (a setting, the vocabulary, a project that cannot be saved)."""
        self.problems.append(message)
        self.on_problem(message)

    # --- translation ------------------------------------------------------------
    def decode_options(self) -> DecodeOptions:
        return DecodeOptions(beam_size=self.settings.get(keys.BEAM), threads=self.settings.get(keys.THREADS))

    def make_service(self) -> TranslationService:
        terminology = Terminology.of(self.glossary) if self.settings.get(keys.ENFORCE_TERMS) else None
        session = getattr(self, "session", None)  # the open document may have its own model
        # One cache for the app's life: opening it walks the whole table (its damage check),
        # tens of milliseconds on the window's thread for a large one at every model or option change.
        current = getattr(self, "service", None)
        return default_service(self.decode_options(), terminology=terminology,
                               doc_id=session.doc_id if session is not None else None,
                               cache=current.cache if current is not None else None)

    def reload_service(self) -> None:
        self.service = self.make_service()
        self.on_service_changed()

    # --- word alignment -----------------------------------------------------------
    def aligner(self) -> Aligner:
        """The word aligner over the dictionaries and this glossary, built on first use (in a
        worker thread: it loads the lexicons) and kept."""
        with self._aligner_lock:
            if self._aligner is None:
                self._aligner = build_aligner(self.glossary)
                # The lexicons are a few hundred thousand objects that live as long as the app:
                # a full garbage collection walking them stopped every thread for 0.4-0.7 s while
                # a document was aligned (bench.event_loop_aligning); frozen, collections skip them.
                settle_long_lived()
            return self._aligner

    def word_links(self, row: int, offset: int) -> list[Link] | None:
        """The links of the Arabic word at ``offset`` of the open document's ``row``, for the
        English it shows now; None while that row is not aligned (the word popup asks)."""
        session = self.session
        if session is None or not 0 <= row < len(session):
            return None
        found = self.alignments.get(row, session.segments[row].text, session.english(row) or "")
        return None if found is None else found.word_links(offset)

    def _glossary_changed(self) -> None:
        # Terms are links: every row is aligned again (cleared before listeners hear).
        self.alignments.clear()
        self.on_glossary_changed()
        self.reload_service()
        # House style and approved renderings reach machine English at once; a person's never.
        if self.session is not None:
            self.session.restyle(self.reapply_glossary)

    def reapply_glossary(self, row: int, english: str) -> str:
        """Machine English of ``row`` in the current house style, with another rendering of a
        term replaced by its approved English (no decoding: that waits for a re-translation)."""
        text = self.glossary.restyle(english)
        terminology = self.service.terminology
        if terminology is not None and self.session is not None:
            source = self.session.segments[row].text
            for _ in range(len(terminology.uses(source))):
                fixed = terminology.replace_variant(text, terminology.missing(source, text))
                if fixed is None or fixed == text:
                    break
                text = fixed
        return text

    # --- documents ----------------------------------------------------------------
    def open_session(self, document: Document) -> DocumentSession:
        self.close()
        self.alignments.clear()
        self.documents[document.doc_id] = document
        session = DocumentSession.open(document, rows_later=True)
        # Its changes are written on the window's thread: a lock held by another Bayan makes
        # a change wait (unsaved, retried), never the window.
        session.store.limit_wait(WINDOW_WAIT_S)
        session.subscribe(self.on_segments_changed)
        self.session = session
        if session.error:
            self.report(session.error)
        if session.store.unwritten:
            self.write_rows(session)
        self.on_session_opened(session)
        return session

    def write_rows(self, session: DocumentSession) -> None:
        """A new project's untranslated rows (the window writes them in a worker)."""
        session.store.write_rows()

    def close(self) -> None:
        if self.session is not None:
            self.session.close()
            self.session = None


def build_aligner(glossary: GlossaryIndex) -> Aligner:
    from reader.align.aligner import lexical_aligner

    aligner = lexical_aligner(glossary)  # reads the live index: a new term links at once
    aligner.warm_up()  # the lexicons (~2 s): this runs in the reader's worker thread
    return aligner
