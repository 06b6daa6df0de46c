"""Post-editing: edit the English in place, statuses, approve, undo/redo, autosave;
and opening documents (File ▸ Open…, drag and drop, paste as a new document).

Every change goes through the QUndoStack and is written to the document's
project store at once (one SQLite transaction each), so closing or killing
the app loses nothing.  Machine translation reaching the model from anywhere
is saved as such, but never replaces the English of an edited or approved
segment: the model is put back to the person's text.
"""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPersistentModelIndex, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QTextOption, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMessageBox, QPlainTextEdit

from reader.document import Document
from reader.importers import FILE_FILTER, SUPPORTED_SUFFIXES, document_from_text, load_document
from reader.project_store import APPROVED, EDITED, HUMAN_STATUSES, MACHINE, STATUSES, ProjectError, ProjectStore
from reader.textfile import UnreadableFile
from reader.ui.segment_delegate import PAD_Y, STATUS_COLORS

log = logging.getLogger(__name__)

STATUS_LABELS = {"untranslated": "Untranslated", "machine": "Machine", "edited": "Edited", "approved": "Approved"}


class EnglishEditor(QPlainTextEdit):
    """The in-place editor over a row's English column.

    Enter saves, Ctrl+Enter saves and approves, Escape cancels, Shift+Enter is
    a line break.
    """

    committed = Signal(str, bool)  # text, approve
    cancelled = Signal()

    def __init__(self, parent, font):
        super().__init__(parent)
        self.setObjectName("englishEditor")
        self.setFont(font)
        self.setWordWrapMode(QTextOption.WrapAtWordBoundaryOrAnywhere)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setStyleSheet("QPlainTextEdit#englishEditor { border: 2px solid #e59b2f; background: #fffdf6; }")
        self._done = False

    def event(self, event):
        # Enter/Escape belong to the editor, not to window shortcuts (Ctrl+Return approves a row).
        if event.type() == QEvent.ShortcutOverride and event.key() in (Qt.Key_Return, Qt.Key_Enter, Qt.Key_Escape):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event):  # noqa: N802 - Qt API
        if event.key() in (Qt.Key_Return, Qt.Key_Enter) and not event.modifiers() & Qt.ShiftModifier:
            self._finish(approve=bool(event.modifiers() & Qt.ControlModifier))
            return
        if event.key() == Qt.Key_Escape:
            self._done = True
            self.cancelled.emit()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event):  # noqa: N802 - Qt API
        super().focusOutEvent(event)
        # Clicking elsewhere keeps the work, as in a spreadsheet.
        if event.reason() != Qt.PopupFocusReason:
            self._finish(approve=False)

    def _finish(self, approve: bool) -> None:
        if not self._done:
            self._done = True
            self.committed.emit(self.toPlainText(), approve)


class SetEnglish(QUndoCommand):
    def __init__(self, feature: "EditingFeature", row: int, new: tuple[str | None, str], text: str):
        super().__init__(text)
        self.feature, self.row, self.new = feature, row, new
        self.old = (feature.window.model.translation(row), feature.window.model.status(row))
        self.doc_id = feature.doc_id

    def redo(self) -> None:
        self.feature.apply(self.doc_id, self.row, *self.new)

    def undo(self) -> None:
        self.feature.apply(self.doc_id, self.row, *self.old)


class _LoadSignals(QObject):
    loaded = Signal(object, str)   # Document, path
    failed = Signal(str, str)      # message, path


class _LoadJob(QRunnable):
    """Reading, decoding and segmenting happen off the GUI thread."""

    def __init__(self, path: str, signals: _LoadSignals):
        super().__init__()
        self.path, self.signals = path, signals

    def run(self) -> None:
        try:
            doc = load_document(self.path)
        except UnreadableFile as exc:
            self.signals.failed.emit(str(exc), self.path)
        except Exception as exc:  # noqa: BLE001 - whatever goes wrong, the user gets a message
            log.exception("opening %s failed", self.path)
            self.signals.failed.emit(f"{Path(self.path).name} could not be opened: {exc}", self.path)
        else:
            self.signals.loaded.emit(doc, self.path)


class EditingFeature(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.store: ProjectStore | None = None
        self.doc_id = ""
        self.undo_stack = QUndoStack(self)
        self.editor: EnglishEditor | None = None
        self._editor_index: QPersistentModelIndex | None = None
        self._applying = False
        self._known: list[tuple[str | None, str]] = []   # what the store holds, row by row
        self.open_documents: dict[str, Document] = {}
        self.loading: set[str] = set()
        self.pool = QThreadPool(self)
        self._signals = _LoadSignals(self)
        self._signals.loaded.connect(self._loaded)
        self._signals.failed.connect(self._failed)
        self.error_box: QMessageBox | None = None

        self.counts_label = QLabel()
        self.counts_label.setObjectName("statusCounts")
        self.counts_label.setTextFormat(Qt.RichText)
        window.statusBar().addPermanentWidget(self.counts_label)

        view = window.view
        view.doubleClicked.connect(lambda index: self.edit_row(index.row()))
        view.installEventFilter(self)
        view.verticalScrollBar().valueChanged.connect(self._place_editor)
        window.model.dataChanged.connect(self._model_changed)
        window.model.modelReset.connect(self._close_editor)
        window.documentOpened.connect(self.attach)
        window.setAcceptDrops(True)
        window.installEventFilter(self)
        self._build_actions()

    # --- menus -----------------------------------------------------------
    def _build_actions(self) -> None:
        w = self.window
        file_menu = w.menu("&File")
        first = file_menu.actions()[0] if file_menu.actions() else None
        self.open_action = QAction("&Open…", w)
        self.open_action.setShortcut(QKeySequence.Open)
        self.open_action.triggered.connect(self.ask_open)
        self.paste_action = QAction("New Document from &Clipboard", w)
        self.paste_action.setShortcut(QKeySequence("Ctrl+Shift+V"))
        self.paste_action.triggered.connect(self.paste_document)
        file_menu.insertActions(first, [self.open_action, self.paste_action])
        if first is not None:
            file_menu.insertSeparator(first)
        edit = w.menu("&Edit")
        self.undo_action = self.undo_stack.createUndoAction(w, "&Undo")
        self.undo_action.setShortcut(QKeySequence.Undo)
        self.redo_action = self.undo_stack.createRedoAction(w, "&Redo")
        self.redo_action.setShortcuts([QKeySequence.Redo, QKeySequence("Ctrl+Shift+Z")])
        edit.addAction(self.undo_action)
        edit.addAction(self.redo_action)
        edit.addSeparator()
        self.edit_action = w.add_action("&Edit", "&Edit English", lambda: self.edit_row(w.view.current_row()), "F2")
        self.approve_action = w.add_action("&Edit", "&Approve Segment", self.toggle_approve_current,
                                           [QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        for action in (self.edit_action, self.approve_action):
            action.setShortcutContext(Qt.WidgetWithChildrenShortcut)
            w.view.addAction(action)

    # --- the project -----------------------------------------------------
    def attach(self, doc: Document) -> None:
        """A document was opened: load its project into the view."""
        self._close_editor()
        self.undo_stack.clear()
        if self.store is not None:
            self.store.close()
            self.store = None
        self.doc_id = doc.doc_id
        self.open_documents[doc.doc_id] = doc
        try:
            self.store = ProjectStore.for_document(doc)
        except ProjectError as exc:
            self.window.show_message(f"{exc} Your edits to this document cannot be saved.")
            self._known = [(None, "untranslated")] * len(doc.segments)
            self._update_counts()
            return
        self._known = [(s.target, s.status) for s in self.store.all()]
        self._applying = True
        try:
            for state in self.store.all():
                if state.target is not None:
                    self.window.model.set_translation(state.index, state.target, state.status)
        finally:
            self._applying = False
        # Features that filled in (cached) machine output before this ran.
        if doc.segments:
            self._model_changed(self.window.model.index(0), self.window.model.index(len(doc.segments) - 1))
        self._update_counts()

    def reload(self) -> None:
        if self.window.document is not None:
            self.attach(self.window.document)

    def apply(self, doc_id: str, row: int, target: str | None, status: str) -> None:
        """Show and save one change (called by the undo commands)."""
        if doc_id != self.doc_id:
            return
        if not (target or "").strip():
            target, status = None, "untranslated"
        self._applying = True
        try:
            self.window.model.set_translation(row, target, status)
        finally:
            self._applying = False
        self._known[row] = (target, status)
        if self.store is not None:
            self.store.set_target(row, target, status)
        self._update_counts()

    def _model_changed(self, top, bottom, roles=()) -> None:
        """Machine output written to the model by another feature: save it, or undo it
        where a person's English must stay."""
        if self._applying or self.window.document is None or self.window.document.doc_id != self.doc_id:
            return
        model = self.window.model
        machine: list[tuple[int, str]] = []
        restore: list[int] = []
        for row in range(top.row(), min(bottom.row() + 1, len(self._known))):
            shown = (model.translation(row), model.status(row))
            if shown == self._known[row]:
                continue
            if self._known[row][1] in HUMAN_STATUSES:
                restore.append(row)
            elif shown[1] == MACHINE and shown[0]:
                machine.append((row, shown[0]))
                self._known[row] = shown
        if restore:
            self._applying = True
            try:
                for row in restore:
                    model.set_translation(row, *self._known[row])
            finally:
                self._applying = False
        if machine and self.store is not None:
            self.store.set_machine_many(machine)
        if machine or restore:
            self._update_counts()

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(STATUSES, 0)
        for _, status in self._known:
            counts[status] = counts.get(status, 0) + 1
        return counts

    def _update_counts(self) -> None:
        parts = []
        for status, n in self.counts().items():
            parts.append(f'<span style="color:{STATUS_COLORS[status]}">■</span> {STATUS_LABELS[status]} {n}')
        self.counts_label.setText("&nbsp;&nbsp;".join(parts))
        self.counts_label.setToolTip("Segments by status")

    # --- editing ---------------------------------------------------------
    def edit_row(self, row: int) -> None:
        model = self.window.model
        if row < 0 or row >= model.rowCount():
            return
        self._close_editor()
        view = self.window.view
        view.go_to_row(row)
        index = model.index(row)
        self._editor_index = QPersistentModelIndex(index)
        editor = EnglishEditor(view.viewport(), view.delegate.english_font)
        editor.setPlainText(model.translation(row) or "")
        editor.committed.connect(self._commit)
        editor.cancelled.connect(self._close_editor)
        self.editor = editor
        self._place_editor()
        editor.show()
        editor.setFocus(Qt.OtherFocusReason)
        editor.selectAll()

    def _place_editor(self) -> None:
        if self.editor is None or self._editor_index is None or not self._editor_index.isValid():
            return
        view = self.window.view
        rect = view.visualRect(self._editor_index)
        en_rect = view.delegate.row_areas(self.window.model, self._editor_index.row(), rect)["en"]
        doc_height = self.editor.document().size().height() * self.editor.fontMetrics().lineSpacing()
        height = max(rect.height(), int(doc_height + 2 * PAD_Y + 8))
        self.editor.setGeometry(int(en_rect.left()) - 4, rect.top(), int(en_rect.width()) + 8, height)

    def _commit(self, text: str, approve: bool) -> None:
        index = self._editor_index
        self._close_editor()
        if index is None or not index.isValid():
            return
        row = index.row()
        model = self.window.model
        text = text.strip()
        old = (model.translation(row), model.status(row))
        if approve and text:
            new = (text, APPROVED)
        elif text == (old[0] or "") and old[1] in HUMAN_STATUSES:
            new = old
        else:
            new = (text or None, EDITED if text else "untranslated")
        if new != old:
            label = "Approve segment" if new[1] == APPROVED else "Edit segment"
            self.undo_stack.push(SetEnglish(self, row, new, f"{label} {row + 1}"))
        self.window.view.setFocus()
        if approve or new != old:
            self.window.view.go_to_row(row + 1)

    def _close_editor(self) -> None:
        editor, self.editor = self.editor, None
        self._editor_index = None
        if editor is not None:
            editor._done = True  # noqa: SLF001 - no commit on the focus change that follows
            editor.hide()
            editor.deleteLater()

    def toggle_approve_current(self) -> None:
        row = self.window.view.current_row()
        if row < 0 or self.window.document is None:
            return
        model = self.window.model
        text, status = model.translation(row), model.status(row)
        if not text:
            self.window.statusBar().showMessage("Nothing to approve: this segment has no English yet.", 4000)
            return
        new = (text, EDITED if status == APPROVED else APPROVED)
        self.undo_stack.push(SetEnglish(self, row, new, f"{'Approve' if new[1] == APPROVED else 'Unapprove'} "
                                                        f"segment {row + 1}"))

    # --- events ------------------------------------------------------------
    def eventFilter(self, obj, event):  # noqa: N802 - Qt API
        et = event.type()
        if obj is self.window.view and et == QEvent.KeyPress and self.editor is None:
            if event.key() in (Qt.Key_Return, Qt.Key_Enter) and not event.modifiers():
                self.edit_row(self.window.view.current_row())
                return True
        if obj is self.window.view and et == QEvent.Resize:
            self._place_editor()
        if obj is self.window and et in (QEvent.DragEnter, QEvent.DragMove):
            if self._dropped_paths(event.mimeData()):
                event.acceptProposedAction()
                return True
        if obj is self.window and et == QEvent.Drop:
            paths = self._dropped_paths(event.mimeData())
            if paths:
                event.acceptProposedAction()
                for path in paths:
                    self.open_path(path)
                return True
        return False

    @staticmethod
    def _dropped_paths(mime) -> list[str]:
        if not mime.hasUrls():
            return []
        return [u.toLocalFile() for u in mime.urls() if u.isLocalFile()]

    # --- opening -----------------------------------------------------------
    def ask_open(self) -> None:
        folder = str(self.window.settings.value("files/last_dir", str(Path.home())))
        path, _ = QFileDialog.getOpenFileName(self.window, "Open Document", folder,
                                              f"{FILE_FILTER};;All files (*)")
        if path:
            self.window.settings.setValue("files/last_dir", str(Path(path).parent))
            self.open_path(path)

    def open_path(self, path: str) -> None:
        """Open a file; reading and segmenting run in a worker so the window stays live."""
        path = str(path)
        if path in self.loading:
            return
        self.loading.add(path)
        self.window.statusBar().showMessage(f"Opening {Path(path).name}…")
        QApplication.setOverrideCursor(Qt.BusyCursor)
        self.pool.start(_LoadJob(path, self._signals))

    def _loaded(self, doc: Document, path: str) -> None:
        self._end_loading(path)
        self.window.entry = None
        self.window.document_source = path  # the library lists it under the user's documents
        self.window.open_document(doc)

    def _failed(self, message: str, path: str) -> None:
        self._end_loading(path)
        self.window.statusBar().clearMessage()
        self.show_error("Cannot open the document", message)

    def _end_loading(self, path: str) -> None:
        self.loading.discard(path)
        QApplication.restoreOverrideCursor()

    def show_error(self, title: str, message: str) -> None:
        """A window-modal message box that does not block the event loop."""
        if self.error_box is not None:
            self.error_box.close()
        box = QMessageBox(QMessageBox.Warning, title, message, QMessageBox.Ok, self.window)
        box.setObjectName("errorBox")
        box.setAttribute(Qt.WA_DeleteOnClose)
        box.destroyed.connect(lambda *_: setattr(self, "error_box", None))
        self.error_box = box
        box.open()

    def paste_document(self) -> None:
        text = QGuiApplication.clipboard().text()
        try:
            doc = document_from_text(text, title="")
        except UnreadableFile:
            self.show_error("Nothing to paste", "The clipboard holds no text. Copy some Arabic text first.")
            return
        self.window.entry = None
        self.window.document_source = "pasted"  # the library keeps its text to reopen it
        self.window.open_document(doc)


def install(window) -> None:
    window.editing = EditingFeature(window)
    window.open_path = window.editing.open_path


__all__ = ["EditingFeature", "EnglishEditor", "SUPPORTED_SUFFIXES", "install"]
