"""The main window: library on the side, the side-by-side reading view in the middle.

Features (glossary, translation, editing, study...) live in their own modules
and plug in through ``install(window, context)``: the window gives them its
menus, view and status bar; the :class:`AppContext` gives them the shared state
(settings, glossary, translation service, the open document's session) and the
signals by which they hear of one another.
"""
from __future__ import annotations

import importlib
import logging
from html import escape
from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QMenu, QMessageBox, QVBoxLayout, QWidget

from reader import messages, plural
from reader.arabic import is_arabic
from reader import settings as keys
from reader.corpus import Entry
from reader.document import Document
from reader.textfile import UnreadableFile
from reader.ui.context import AppContext, open_settings
from reader.ui.fonts import arabic_font, english_font
from reader.ui.library_panel import LibraryPanel
from reader.ui.notice_bar import NoticeBar
from reader.ui.reading_view import ReadingView
from reader.ui.segment_model import SegmentModel
from reader.ui.task import wait_for_abandoned

log = logging.getLogger(__name__)

# Each module has install(window, context) and returns its feature, kept on the window
# under this name for the app and tests (features never reach one another this way);
# order decides menu order.
FEATURE_MODULES: dict[str, str] = {
    "editing": "reader.ui.editing_feature",
    "searching": "reader.ui.search_panel",
    "exporting": "reader.ui.export_feature",
    "study": "reader.ui.study_feature",
    "alignment": "reader.ui.alignment_feature",
    "translation": "reader.ui.translation_feature",
    "glossary_feature": "reader.ui.glossary_feature",
    "qa_panel": "reader.ui.qa_panel",
    "tm": "reader.ui.tm_panel",
    "first_run": "reader.ui.first_run",
    "keyboard_lookup": "reader.ui.keyboard_lookup",
    "dock_layout": "reader.ui.dock_layout",
    "accessible_names": "reader.ui.accessible_names",
}

ZOOM_MIN, ZOOM_MAX = keys.ZOOM.bounds or (-6, 12)
ZOOM_STEP = 1.1

__all__ = ["MainWindow", "open_settings"]


class MainWindow(QMainWindow):
    documentOpened = Signal(object)  # Document

    def __init__(self, context: AppContext | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("BayanMainWindow")
        self.setWindowTitle("Bayan")
        self.context = context or AppContext(self)
        self.settings = self.context.settings
        self.document: Document | None = None
        self.entry: Entry | None = None
        self.document_source = ""  # path or "pasted" of the document being opened (library panel)
        self._menus: dict[str, QMenu] = {}
        self.error_box: QMessageBox | None = None

        self.zoom = self.settings.get(keys.ZOOM)
        self.model = SegmentModel(self)
        self.view = ReadingView(self.model, *self._fonts())
        self.message = QLabel()
        self.message.setObjectName("messageBar")
        self.message.setWordWrap(True)
        self.message.hide()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        # Two plain wrapping labels, not one rich-text table: a QLabel measures its height
        # for a width only for plain paragraphs, and a table was cut off in small windows.
        self.header = QWidget()
        self.header.setObjectName("documentHeader")
        header_layout = QHBoxLayout(self.header)
        header_layout.setContentsMargins(14, 8, 14, 8)
        self.header_english, self.header_details, self.header_arabic = QLabel(), QLabel(), QLabel()
        self.header_details.setObjectName("headerDetails")
        english_side = QVBoxLayout()
        english_side.setSpacing(2)
        for label in (self.header_english, self.header_details):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            english_side.addWidget(label)
        header_layout.addLayout(english_side, 1)
        self.header_arabic.setObjectName("headerArabic")
        # Bold from its own style sheet: a font set on a widget after the application's style
        # sheet polished it is dropped at the next theme change (the title fell back to 9 pt
        # Sans), while a widget with its own sheet keeps both.
        self.header_arabic.setStyleSheet("font-weight: bold;")
        self.header_arabic.setWordWrap(True)
        self.header_arabic.setTextFormat(Qt.TextFormat.PlainText)
        self.header_arabic.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.header_arabic.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        header_layout.addWidget(self.header_arabic, 1)
        self.notices = NoticeBar()
        layout.addWidget(self.notices)
        layout.addWidget(self.message)
        layout.addWidget(self.header)
        layout.addWidget(self.view)
        self.setCentralWidget(central)

        self.library = LibraryPanel(self)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.library)
        self.library.entryActivated.connect(self.open_entry)

        self.position = QLabel()
        # At 1024 px the status counts squeezed this to one letter.
        self.position.setMinimumWidth(self.position.fontMetrics().horizontalAdvance("Segment 10,000 of 10,000"))
        self.statusBar().addPermanentWidget(self.position)
        self.view.selectionModel().currentChanged.connect(lambda *_: self._show_position())
        self._build_menus()
        self.resize(1280, 820)

        # The model follows the session first, so features hearing of it read a current view.
        self.context.sessionOpened.connect(self.model.set_session)
        self.context.segmentsChanged.connect(self.model.session_changed)
        self.open_path: Callable[[str], None] = lambda path: None  # set by the editing feature
        for attr, module in FEATURE_MODULES.items():
            setattr(self, attr, importlib.import_module(module).install(self, self.context))
        self.menu("&File").addSeparator()
        self.add_action("&File", "&Quit", self.close, QKeySequence.StandardKey.Quit)
        self.add_action("&Help", "&Keyboard Shortcuts", self.show_shortcuts, "F1")
        self.add_action("&Help", "&About Bayan", self.show_about)
        self.context.problem.connect(self.show_message)
        # Problems found while starting stay until dismissed: the first document opened
        # would otherwise clear them before anyone read them.
        for problem in dict.fromkeys(self.context.problems):
            self.show_notice(problem)

    # --- menus -----------------------------------------------------------
    def menu(self, title: str) -> QMenu:
        if title not in self._menus:
            self._menus[title] = self.menuBar().addMenu(title)
        return self._menus[title]

    def add_action(self, menu: str, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            keys = [QKeySequence(k) for k in (shortcut if isinstance(shortcut, list) else [shortcut])]
            # A sequence listed twice (Ctrl+- is also QKeySequence.ZoomOut) makes
            # Qt treat the shortcut as ambiguous and fire neither.
            unique = list({k.toString(): k for k in keys if not k.isEmpty()}.values())
            action.setShortcuts(unique)
        action.triggered.connect(slot)
        self.menu(menu).addAction(action)
        return action

    def _build_menus(self) -> None:
        for title in ("&File", "&Edit", "&View", "&Tools"):
            self.menu(title)  # fixed order, whatever order features fill them in
        self.add_action("&View", "Zoom &In", lambda: self.set_zoom(self.zoom + 1),
                        [QKeySequence("Ctrl+="), QKeySequence("Ctrl++"), QKeySequence.StandardKey.ZoomIn])
        self.add_action("&View", "Zoom &Out", lambda: self.set_zoom(self.zoom - 1),
                        [QKeySequence("Ctrl+-"), QKeySequence.StandardKey.ZoomOut])
        self.add_action("&View", "&Reset Zoom", lambda: self.set_zoom(0), "Ctrl+0")
        self.menu("&View").addSeparator()
        self.menu("&View").addAction(self.library.toggleViewAction())

    def shortcuts(self) -> list[tuple[str, str]]:
        """(command, keys) for every action that has a shortcut, by command."""
        actions = {*self.findChildren(QAction), *self.view.actions()}
        return sorted((a.text().replace("&", "").rstrip("…"),
                       ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in a.shortcuts()))
                      for a in actions if a.shortcuts())

    def show_shortcuts(self) -> QMessageBox:
        rows = "".join(f"<tr><td>{escape(a)}</td><td><b>{escape(k)}</b></td></tr>" for a, k in self.shortcuts())
        box = QMessageBox(QMessageBox.Icon.NoIcon, "Keyboard Shortcuts", f"<table cellspacing='6'>{rows}</table>"
                          "<p>In the English editor: Enter saves, Ctrl+Enter saves and approves, "
                          "Shift+Enter starts a new line, Esc cancels.</p>", QMessageBox.StandardButton.Close, self)
        box.setObjectName("shortcutsBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    def show_about(self) -> None:
        from reader import __version__

        QMessageBox.about(self, "About Bayan", f"<h3>Bayan {__version__}</h3>"
                          "<p>An offline Arabic–English reading companion.</p>"
                          "<p>Translations run on this computer; nothing is sent anywhere.</p>"
                          "<p>Licensed under the GNU AGPL 3.0 or later. Amiri font: SIL OFL 1.1.</p>")

    # --- zoom ------------------------------------------------------------
    def _fonts(self):
        scale = ZOOM_STEP ** self.zoom
        return arabic_font(scale), english_font(scale)

    def set_zoom(self, level: int) -> None:
        self.zoom = max(ZOOM_MIN, min(ZOOM_MAX, level))
        self.settings.set(keys.ZOOM, self.zoom)
        self.view.delegate.set_fonts(*self._fonts())
        self.header_arabic.setFont(self.view.delegate.arabic_font)
        self.model.refresh()

    # --- documents -------------------------------------------------------
    def show_message(self, text: str) -> None:
        """A message about the current document; the next document replaces it."""
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def show_notice(self, text: str) -> None:
        """A message that stays until the user dismisses it (start-up and profile problems)."""
        self.notices.add(text)

    def show_error(self, title: str, message: str) -> None:
        """A window-modal message box that does not block the event loop."""
        if self.error_box is not None:
            self.error_box.close()
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("errorBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.destroyed.connect(lambda *_: setattr(self, "error_box", None))
        self.error_box = box
        box.open()

    def open_entry(self, entry: Entry) -> bool:
        try:
            doc = entry.load()
        except UnreadableFile as exc:
            self.show_message(f"Could not open “{entry.title_en or entry.doc_id}”: {exc} "
                              "The other documents in the library are not affected.")
            return False
        self.entry = entry
        self.library.select(entry.doc_id)
        self.settings.set(keys.LAST_DOCUMENT, entry.doc_id)
        self.open_document(doc)
        self._show_header(entry.title_ar, entry.title_en,
                          " · ".join(x for x in (entry.date, entry.place, entry.issuer) if x))
        return True

    def _show_header(self, arabic: str, english: str, details: str) -> None:
        self.header_arabic.setFont(self.view.delegate.arabic_font)
        self.header_arabic.setText(arabic)
        self.header_english.setText(english)
        self.header_english.setVisible(bool(english))
        self.header_details.setText(details)

    def open_document(self, doc: Document) -> None:
        # What the importer noticed (bytes replaced, characters removed) stays on screen;
        # the encoding used goes to the status bar.
        self.show_message(" ".join(n for n in doc.notes if not n.startswith("Read as")))
        # A file's title is often its English name ("briefing"): it goes on the English side,
        # not set right-aligned in the Arabic face.
        name = doc.name  # a document with no title is called by its first words
        arabic_title = name if is_arabic(name) else ""
        self._show_header(arabic_title, name if not arabic_title else "",
                          plural.count(len(doc.segments), "segment"))
        self.document = doc
        self.view.delegate.invalidate()
        self.context.open_session(doc)
        self.setWindowTitle(f"{name} — Bayan")
        read_as = "".join(f" · {n.rstrip('.')}" for n in doc.notes if n.startswith("Read as"))
        self.statusBar().showMessage(messages.OPENED.format(segments=plural.count(len(doc.segments), 'segment'),
                                                            paragraphs=plural.count(len(doc.paragraphs), 'paragraph'))
                                     + read_as)
        if doc.segments:
            self.view.go_to_row(0)
        self.documentOpened.emit(doc)

    def restore_last(self) -> None:
        """Reopen the last document read (at its last segment), or the first in the library."""
        if self.library.reopen_last():
            return
        last = self.settings.get(keys.LAST_DOCUMENT)
        entries = self.library.entries
        ordered = [e for e in entries if e.doc_id == last] + [e for e in entries if e.doc_id != last]
        for entry in ordered:
            if self.open_entry(entry):
                return

    def _show_position(self) -> None:
        row = self.view.current_row()
        n = self.model.rowCount()
        self.position.setText(f"Segment {row + 1:,} of {n:,}" if row >= 0 else "")

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().closeEvent(event)
        if event.isAccepted():
            # The one place the window waits for workers: abandoned ones were told to stop
            # (the features' close handlers stop and wait for their own before this).
            wait_for_abandoned()
            self.context.close()

