"""Post-editing: edit the English in place, statuses, approve, undo/redo, autosave;
and opening documents (File ▸ Open…, drag and drop, paste as a new document).

Every change is one call on the open :class:`DocumentSession`, which saves it at
once (one SQLite transaction each, so closing or killing the app loses nothing)
and keeps the one undo/redo history, which survives a restart.  This feature
keeps no copy of any segment's English.
"""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QTextCursor, QTextOption
from PySide6.QtWidgets import QApplication, QFileDialog, QPlainTextEdit, QPushButton

from reader import messages
from reader import settings as keys
from reader.importers import FILE_FILTER, SUPPORTED_SUFFIXES, document_from_text, load_document
from reader.session import DocumentSession, SessionChange
from reader.states import Origin, SegmentStatus
from reader.textfile import UnreadableFile
from reader.ui import spelling
from reader.ui.context import AppContext
from reader.ui.segment_delegate import PAD_Y
from reader.ui.status_counts import StatusCounts
from reader.ui.task import Outcome, Task, weak_slot

log = logging.getLogger(__name__)

# Changes a person chose from a list while perhaps editing the row.
PICKED = (Origin.TM, Origin.ALTERNATIVE)


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
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Its colours come with the theme's stylesheet (reader.ui.themes).
        self._done = False

    def event(self, event):
        # Enter/Escape belong to the editor, not to window shortcuts (Ctrl+Return approves a row).
        if event.type() == QEvent.Type.ShortcutOverride and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event):  # noqa: N802 - Qt API
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self._finish(approve=bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier))
            return
        if event.key() == Qt.Key.Key_Escape:
            self._done = True
            self.cancelled.emit()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event):  # noqa: N802 - Qt API
        super().focusOutEvent(event)
        # Clicking elsewhere keeps the work, as in a spreadsheet.
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self._finish(approve=False)

    def _finish(self, approve: bool) -> None:
        if not self._done:
            self._done = True
            self.committed.emit(self.toPlainText(), approve)


def _load(path: str) -> object:
    """Reading, decoding and segmenting (in a task, off the GUI thread)."""
    try:
        return load_document(path)
    except UnreadableFile:
        raise
    except Exception as exc:  # whatever goes wrong, the user gets a message
        log.exception("opening %s failed", path)
        raise UnreadableFile(f"{Path(path).name} could not be opened: {exc}") from exc


class EditingFeature(QObject):
    def __init__(self, window, context: AppContext):
        super().__init__(window)
        self.window = window
        self.context = context
        self.editor: EnglishEditor | None = None
        self._editor_index: QPersistentModelIndex | None = None
        self.loading: dict[str, Task] = {}
        # Reading a file cannot be interrupted midway, but the person can stop waiting for it:
        # a cancelled load is abandoned (it finishes in the background, its document dropped)
        # and the same file can be opened again at once.
        self.cancel_button = QPushButton("Cancel Opening")
        self.cancel_button.setObjectName("cancelOpening")
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel_loading)
        window.statusBar().addPermanentWidget(self.cancel_button)
        # A change whose save failed is retried on this timer and with the next change.
        self.retry_timer = QTimer(self)
        self.retry_timer.setSingleShot(True)
        self.retry_timer.setInterval(5000)
        self.retry_timer.timeout.connect(self.retry_saves)

        self.counts_label = StatusCounts()
        self.counts_label.attach(window.statusBar())

        view = window.view
        view.doubleClicked.connect(lambda index: self.edit_row(index.row()))
        view.installEventFilter(self)
        view.verticalScrollBar().valueChanged.connect(self._place_editor)
        window.model.modelReset.connect(self._close_editor)
        context.sessionOpened.connect(self._session_opened)
        context.segmentsChanged.connect(self._segments_changed)
        window.setAcceptDrops(True)
        window.installEventFilter(self)
        self._build_actions()
        self._update_counts()

    @property
    def session(self) -> DocumentSession | None:
        return self.context.session

    # --- menus -----------------------------------------------------------
    def _build_actions(self) -> None:
        w = self.window
        file_menu = w.menu("&File")
        first = file_menu.actions()[0] if file_menu.actions() else None
        self.open_action = QAction("&Open…", w)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self.ask_open)
        self.paste_action = QAction("New Document from &Clipboard", w)
        self.paste_action.setShortcut(QKeySequence("Ctrl+Shift+V"))
        self.paste_action.triggered.connect(self.paste_document)
        file_menu.insertActions(first, [self.open_action, self.paste_action])
        if first is not None:
            file_menu.insertSeparator(first)
        # Redo answers both conventions (Ctrl+Y, Ctrl+Shift+Z) whatever the platform's
        # QKeySequence.Redo holds; add_action drops a sequence listed twice.
        self.undo_action = w.add_action("&Edit", "&Undo", self.undo, QKeySequence.StandardKey.Undo)
        self.redo_action = w.add_action("&Edit", "&Redo", self.redo,
                                        [QKeySequence.StandardKey.Redo, QKeySequence("Ctrl+Shift+Z"),
                                         QKeySequence("Ctrl+Y")])
        w.menu("&Edit").addSeparator()
        self.edit_action = w.add_action("&Edit", "&Edit English", lambda: self.edit_row(w.view.current_row()), "F2")
        self.approve_action = w.add_action("&Edit", "&Approve Segment", self.toggle_approve_current,
                                           [QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        for action in (self.edit_action, self.approve_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            w.view.addAction(action)

    # --- the session -----------------------------------------------------
    def _session_opened(self, session: DocumentSession) -> None:
        self._close_editor()
        self._update_counts()

    def _segments_changed(self, change: SessionChange) -> None:
        self._update_counts()
        self._show_save_state()
        self._follow_chosen_english(change)

    def _follow_chosen_english(self, change: SessionChange) -> None:
        """A memory match or alternative the person chose for the row being edited goes into
        the open editor, so that committing the editor keeps it instead of writing over it."""
        index, editor, session = self._editor_index, self.editor, self.session
        if change.origin not in PICKED or editor is None or session is None or index is None \
                or not index.isValid() or index.row() not in change.rows:
            return
        editor.setPlainText(session.english(index.row()) or "")
        editor.moveCursor(QTextCursor.MoveOperation.End)

    def retry_saves(self) -> None:
        if self.session is not None:
            self.session.retry_saves()
            self._show_save_state()

    def _show_save_state(self) -> None:
        """A failed save is said in words and retried until it succeeds; never dropped."""
        session = self.session
        if session is not None and session.unsaved:
            count = len(session.unsaved)
            self.window.show_message(messages.NOT_SAVED.format(
                count=count, s="s" if count > 1 else "", reason=session.save_error))
            self.retry_timer.start()
        elif self.window.message.text().endswith(messages.NOT_SAVED_TAIL):
            self.window.show_message("")

    def undo(self) -> None:
        self._step(self.session.undo() if self.session else None, messages.UNDONE, messages.NOTHING_TO_UNDO)

    def redo(self) -> None:
        self._step(self.session.redo() if self.session else None, messages.REDONE, messages.NOTHING_TO_REDO)

    def _step(self, row: int | None, done: str, nothing: str) -> None:
        self._close_editor()
        if row is None:
            self.window.statusBar().showMessage(nothing, 3000)
            return
        self.window.view.go_to_row(row)
        self.window.statusBar().showMessage(done.format(row=row + 1), 3000)

    def counts(self) -> dict[SegmentStatus, int]:
        if self.session is None:
            return dict.fromkeys(SegmentStatus, 0)
        return self.session.counts()

    def _update_counts(self) -> None:
        self.counts_label.set_counts(self.counts(), self.window.view.delegate.theme.status)
        session = self.session
        self.undo_action.setEnabled(session is not None)
        self.redo_action.setEnabled(session is not None)

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
        spelling.attach(editor, self.context)
        editor.setPlainText(model.translation(row) or "")
        editor.committed.connect(self._commit)
        editor.cancelled.connect(self._close_editor)
        self.editor = editor
        self._place_editor()
        editor.show()
        editor.setFocus(Qt.FocusReason.OtherFocusReason)
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
        session = self.session
        if index is None or not index.isValid() or session is None:
            return
        row = index.row()
        text = text.strip()
        if approve and text:
            changed = session.approve(row, True, text)
        else:
            changed = session.edit(row, text or None)
        self.window.view.setFocus()
        if approve or changed:
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
        session = self.session
        if row < 0 or session is None:
            return
        if not session.english(row):
            self.window.statusBar().showMessage(messages.NOTHING_TO_APPROVE, 4000)
            return
        session.approve(row, session.status(row) != SegmentStatus.APPROVED)

    # --- events ------------------------------------------------------------
    def eventFilter(self, obj, event):  # noqa: N802 - Qt API
        et = event.type()
        if obj is self.window.view and et == QEvent.Type.KeyPress and self.editor is None:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
                self.edit_row(self.window.view.current_row())
                return True
        if obj is self.window.view and et == QEvent.Type.Resize:
            self._place_editor()
        if obj is self.window and et in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if self._dropped_paths(event.mimeData()):
                event.acceptProposedAction()
                return True
        if obj is self.window and et == QEvent.Type.Drop:
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
        folder = self.context.settings.get(keys.LAST_OPEN_DIR) or str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self.window, "Open Document", folder,
                                              f"{FILE_FILTER};;All files (*)")
        if path:
            self.context.settings.set(keys.LAST_OPEN_DIR, str(Path(path).parent))
            self.open_path(path)

    def open_path(self, path: str) -> None:
        """Open a file; reading and segmenting run in a task so the window stays live."""
        path = str(path)
        if path in self.loading:
            return
        self.window.statusBar().showMessage(messages.OPENING.format(name=Path(path).name))
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        task = Task(lambda _control: _load(path), self)
        task.done.connect(weak_slot(self._loaded, path, task))
        self.loading[path] = task
        self.cancel_button.show()
        task.start()

    def cancel_loading(self) -> None:
        for task in self.loading.values():
            task.abandon(stops=False)  # a read cannot stop midway: the window's close never waits for it
            QApplication.restoreOverrideCursor()
        self.loading.clear()
        self.cancel_button.hide()
        self.window.statusBar().showMessage(messages.OPENING_CANCELLED, 5000)

    def _loaded(self, path: str, task: Task, outcome: Outcome) -> None:
        if self.loading.get(path) is not task:
            return  # abandoned: the person stopped waiting, the cursor is back and nothing opens
        del self.loading[path]
        task.wait()  # ``done`` is the thread's last act: this returns at once
        task.deleteLater()
        self.cancel_button.setVisible(bool(self.loading))
        QApplication.restoreOverrideCursor()
        if outcome.error:
            self.window.statusBar().clearMessage()
            self.window.show_error("Cannot open the document", outcome.error)
            return
        self.window.entry = None
        self.window.document_source = path  # the library lists it under the user's documents
        self.window.open_document(outcome.result)

    def paste_document(self) -> None:
        text = QGuiApplication.clipboard().text()
        try:
            doc = document_from_text(text, title="")
        except UnreadableFile:
            self.window.show_error("Nothing to paste", "The clipboard holds no text. Copy some Arabic text first.")
            return
        self.window.entry = None
        self.window.document_source = "pasted"  # the library keeps its text to reopen it
        self.window.open_document(doc)


def install(window, context: AppContext) -> EditingFeature:
    feature = EditingFeature(window, context)
    window.open_path = feature.open_path  # the app's command line opens files through it
    return feature


__all__ = ["EditingFeature", "EnglishEditor", "SUPPORTED_SUFFIXES", "install"]
