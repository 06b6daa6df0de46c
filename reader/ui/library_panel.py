"""The library dock: the user's own documents (opened and pasted, most recent first, with
their progress) above the bundled statements (oldest first).

It also remembers where the reader is in each document, so that a relaunch reopens the
last document at its last segment (``reopen_last``).
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QDockWidget, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from reader.arabic import is_arabic
from reader.corpus import CorpusError, Entry, load_manifest
from reader.document import Document
from reader.importers import document_from_text
from reader.states import SegmentStatus
from reader.recent import FILE, LIBRARY, PASTED, RecentDocument, RecentDocuments
from reader.textfile import UnreadableFile
from reader.ui.bidi import auto, ltr, rtl

log = logging.getLogger(__name__)

EntryRole = Qt.ItemDataRole.UserRole + 1
RecentRole = Qt.ItemDataRole.UserRole + 2
SAVE_AFTER_MS = 1500  # where the reader is, saved once they stop moving


class LibraryPanel(QDockWidget):
    entryActivated = Signal(object)  # Entry

    def __init__(self, parent: Any = None):
        super().__init__("Library", parent)
        self.setObjectName("LibraryPanel")
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setObjectName("errorText")  # coloured by the theme
        self.error.hide()
        self.recent_label = QLabel("<b>Your documents</b>")
        self.recent_list = QListWidget()
        self.recent_list.setObjectName("recentDocuments")
        self.recent_list.setAccessibleName("Your documents")
        self.recent_list.setWordWrap(True)
        self.recent_list.setMaximumHeight(180)
        self.list = QListWidget()
        self.list.setAccessibleName("Bundled statements")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.bundled_label = QLabel("<b>Statements</b>")
        for w in (self.error, self.recent_label, self.recent_list, self.bundled_label, self.list):
            layout.addWidget(w)
        self.setWidget(body)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        self.recent_list.itemActivated.connect(self._recent_activated)
        self.recent_list.itemClicked.connect(self._recent_activated)
        self.entries: list[Entry] = []
        self.recent = RecentDocuments()
        self._current = ""  # doc_id whose place is being recorded
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_AFTER_MS)
        self._save_timer.timeout.connect(self.save_progress)
        self.reload()
        self.reload_recent()
        self.window_ = parent if hasattr(parent, "documentOpened") else None
        if self.window_ is not None:
            self.window_.documentOpened.connect(self._document_opened)
            self.window_.view.selectionModel().currentChanged.connect(self._current_changed)
            self.window_.installEventFilter(self)
            context = getattr(self.window_, "context", None)
            if context is not None:
                # "0/10 approved" beside a document whose status bar said Approved 1: the line
                # followed only the reader's place, not approvals.
                context.segmentsChanged.connect(self._segments_changed)

    def reload(self) -> None:
        self.list.clear()
        try:
            self.entries = load_manifest()
        except CorpusError as exc:
            self.entries = []
            self.error.setText(str(exc))
            self.error.show()
            return
        for entry in self.entries:
            # The isolate keeps the date and English title left-to-right under an Arabic line.
            item = QListWidgetItem(f"{rtl(entry.title_ar)}\n{ltr(f'{entry.date} · {entry.title_en}')}")
            item.setData(EntryRole, entry)
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(f"{entry.title_en}\n{entry.date} · {entry.place}\n{entry.issuer}")
            if not entry.path.is_file():
                item.setForeground(self.palette().placeholderText())
                item.setToolTip(f"File missing: {entry.path.name}")
            self.list.addItem(item)

    def reload_recent(self) -> None:
        self.recent_list.clear()
        for doc in self.recent.items(include_library=False):
            item = QListWidgetItem(_recent_text(doc))
            item.setData(RecentRole, doc)
            if is_arabic(doc.name):  # set like the statements below it
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(f"{doc.name}\n{doc.progress()}\n{doc.path if doc.source == FILE else 'Pasted text'}")
            if doc.source == FILE and not Path(doc.path).is_file():
                item.setForeground(self.palette().placeholderText())
                item.setToolTip(f"File missing: {doc.path}")
            self.recent_list.addItem(item)
        has = self.recent_list.count() > 0
        self.recent_label.setVisible(has)
        self.recent_list.setVisible(has)
        if self.recent.problem:
            self.error.setText(self.recent.problem)
            self.error.show()

    def entry_item(self, doc_id: str) -> QListWidgetItem | None:
        for i in range(self.list.count()):
            if self.list.item(i).data(EntryRole).doc_id == doc_id:
                return self.list.item(i)
        return None

    def recent_item(self, doc_id: str) -> QListWidgetItem | None:
        for i in range(self.recent_list.count()):
            if self.recent_list.item(i).data(RecentRole).doc_id == doc_id:
                return self.recent_list.item(i)
        return None

    def select(self, doc_id: str) -> None:
        """Highlight the document being read, wherever it is listed, and nothing else."""
        for lst, item in ((self.list, self.entry_item(doc_id)), (self.recent_list, self.recent_item(doc_id))):
            if item is not None:
                lst.setCurrentItem(item)
            else:
                lst.setCurrentRow(-1)
                lst.clearSelection()

    def _activated(self, item: QListWidgetItem) -> None:
        self.entryActivated.emit(item.data(EntryRole))

    def _recent_activated(self, item: QListWidgetItem) -> None:
        self.open_recent(item.data(RecentRole))

    # --- the reader's documents -------------------------------------------------------------
    def open_recent(self, doc: RecentDocument) -> bool:
        """Open a remembered document the way it first came in; False if it cannot be."""
        win = self.window_
        if win is None:
            return False
        if doc.source == LIBRARY:
            entry = next((e for e in self.entries if e.doc_id == doc.doc_id), None)
            return entry is not None and win.open_entry(entry)
        if doc.source == FILE:
            if not Path(doc.path).is_file():
                win.show_message(f"“{doc.name}” cannot be opened: {doc.path} is no longer there.")
                return False
            win.open_path(doc.path)
            return True
        try:
            pasted = document_from_text(self.recent.text_of(doc), title=doc.title, doc_id=doc.doc_id)
        except (OSError, UnreadableFile):
            win.show_message(f"The pasted text “{doc.name}” was not kept and cannot be reopened.")
            return False
        win.entry = None
        win.document_source = PASTED
        win.open_document(pasted)
        return True

    def reopen_last(self) -> bool:
        """At launch: the last document read, at its last segment (False: nothing to reopen)."""
        return any(self.open_recent(doc) for doc in self.recent.items()[:3])

    def _document_opened(self, doc: Document) -> None:
        win = self.window_
        if win is None:
            return
        self.save_progress()
        entry = win.entry
        source = getattr(win, "document_source", "")
        known = self.recent.get(doc.doc_id)
        if not source and known is not None and known.source != LIBRARY:
            source = known.path if known.source == FILE else PASTED
        source = source or PASTED  # text from nowhere else: keep it so it can be reopened
        if entry is not None and entry.doc_id == doc.doc_id:
            record = self.recent.opened(doc.doc_id, entry.title_en or doc.name, LIBRARY, str(entry.path),
                                        len(doc.segments))
        elif source == PASTED:
            record = self.recent.opened(doc.doc_id, doc.name, PASTED, segments=len(doc.segments), text=doc.text)
        else:
            record = self.recent.opened(doc.doc_id, doc.name, FILE, source, len(doc.segments))
        win.document_source = ""
        self._current = doc.doc_id
        if 0 < record.last_segment < len(doc.segments):
            win.view.go_to_row(record.last_segment)
        self.reload_recent()
        self.select(doc.doc_id)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        win = self.window_
        if win is None or win.document is None or win.document.doc_id != self._current or not current.isValid():
            return  # the row 0 of a document being opened is not where the reader stopped
        self.recent.update(self._current, last_segment=current.row())
        self._save_timer.start()

    def _segments_changed(self, _change: object) -> None:
        session = self.window_.context.session if self.window_ is not None else None
        if session is None or session.doc_id != self._current:
            return
        approved = session.counts().get(SegmentStatus.APPROVED, 0)
        doc = self.recent.get(self._current)
        if doc is None or doc.approved == approved:
            return
        self.recent.update(self._current, approved=approved)
        item = self.recent_item(self._current)
        if item is not None:
            item.setText(_recent_text(self.recent.get(self._current) or doc))
        self._save_timer.start()

    def save_progress(self) -> None:
        """Write where the reader is (and how much is approved) for the document being read."""
        self._save_timer.stop()
        if not self._current:
            return
        context = getattr(self.window_, "context", None)
        session = context.session if context is not None else None
        if session is not None and session.doc_id == self._current:
            self.recent.update(self._current, approved=session.counts().get(SegmentStatus.APPROVED, 0))
        try:
            self.recent.save()
        except OSError as exc:
            log.warning("could not save recent documents: %s", exc)
        item = self.recent_item(self._current)
        doc = self.recent.get(self._current)
        if item is not None and doc is not None:
            item.setText(_recent_text(doc))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if obj is self.window_ and event.type() == QEvent.Type.Close:
            self.save_progress()
        return False


def _recent_text(doc: RecentDocument) -> str:
    # Each line isolated: the progress left to right under a title in its own direction.
    kind = "pasted text" if doc.source == PASTED else Path(doc.path).name
    return f"{auto(doc.name)}\n{ltr(f'{doc.progress()} · {kind}')}"
