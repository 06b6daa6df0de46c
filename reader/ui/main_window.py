"""The main window: library on the side, the side-by-side reading view in the middle.

Features (glossary, translation, editing, study...) live in their own modules
and plug in through ``install(window)``; the window itself only knows
documents, the view and the settings.
"""
from __future__ import annotations

import importlib
import logging
from html import escape

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QMessageBox, QVBoxLayout, QWidget

from reader.corpus import Entry
from reader.document import Document
from reader.paths import data_dir
from reader.textfile import UnreadableFile
from reader.ui.fonts import arabic_font, english_font
from reader.ui.library_panel import LibraryPanel
from reader.ui.reading_view import ReadingView
from reader.ui.segment_model import SegmentModel

log = logging.getLogger(__name__)

# Each module has install(window); order decides menu order.
FEATURE_MODULES: list[str] = [
    "reader.ui.editing_feature",
    "reader.ui.search_panel",
    "reader.ui.export_feature",
    "reader.ui.study_feature",
    "reader.ui.translation_feature",
    "reader.ui.glossary_feature",
]

ZOOM_MIN, ZOOM_MAX = -6, 12
ZOOM_STEP = 1.1


def open_settings() -> QSettings:
    return QSettings(str(data_dir() / "settings.ini"), QSettings.IniFormat)


class MainWindow(QMainWindow):
    documentOpened = Signal(object)  # Document
    # The glossary (terms, house style) changed; emitted by the glossary feature so
    # that others (terminology enforcement) can follow.
    glossaryChanged = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("BayanMainWindow")
        self.setWindowTitle("Bayan")
        self.settings = open_settings()
        self.document: Document | None = None
        self.entry: Entry | None = None
        self.document_source = ""  # path or "pasted" of the document being opened (library panel)
        self._menus: dict[str, QMenu] = {}

        self.zoom = int(self.settings.value("view/zoom", 0))
        self.model = SegmentModel(self)
        self.view = ReadingView(self.model, *self._fonts())
        self.message = QLabel()
        self.message.setObjectName("messageBar")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("QLabel#messageBar { background: #fdecea; color: #7a1f1f;"
                                   " padding: 8px; border-bottom: 1px solid #f3c2bd; }")
        self.message.hide()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.header = QLabel()
        self.header.setObjectName("documentHeader")
        self.header.setTextFormat(Qt.RichText)
        self.header.setWordWrap(True)
        self.header.setStyleSheet("QLabel#documentHeader { padding: 8px 14px;"
                                  " border-bottom: 1px solid palette(mid); }")
        layout.addWidget(self.message)
        layout.addWidget(self.header)
        layout.addWidget(self.view)
        self.setCentralWidget(central)

        self.library = LibraryPanel(self)
        self.addDockWidget(Qt.LeftDockWidgetArea, self.library)
        self.library.entryActivated.connect(self.open_entry)

        self.position = QLabel()
        self.statusBar().addPermanentWidget(self.position)
        self.view.selectionModel().currentChanged.connect(lambda *_: self._show_position())
        self._build_menus()
        self.resize(1280, 820)

        for name in FEATURE_MODULES:
            importlib.import_module(name).install(self)
        self.menu("&File").addSeparator()
        self.add_action("&File", "&Quit", self.close, QKeySequence.Quit)
        self.add_action("&Help", "&About Bayan", self.show_about)

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
                        [QKeySequence("Ctrl+="), QKeySequence("Ctrl++"), QKeySequence.ZoomIn])
        self.add_action("&View", "Zoom &Out", lambda: self.set_zoom(self.zoom - 1),
                        [QKeySequence("Ctrl+-"), QKeySequence.ZoomOut])
        self.add_action("&View", "&Reset Zoom", lambda: self.set_zoom(0), "Ctrl+0")
        self.menu("&View").addSeparator()
        self.menu("&View").addAction(self.library.toggleViewAction())

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
        self.settings.setValue("view/zoom", self.zoom)
        self.view.delegate.set_fonts(*self._fonts())
        self.model.refresh()

    # --- documents -------------------------------------------------------
    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def open_entry(self, entry: Entry) -> bool:
        try:
            doc = entry.load()
        except UnreadableFile as exc:
            self.show_message(f"Could not open “{entry.title_en or entry.doc_id}”: {exc} "
                              "The other documents in the library are not affected.")
            return False
        self.entry = entry
        self.library.select(entry.doc_id)
        self.settings.setValue("library/last", entry.doc_id)
        self.open_document(doc)
        self._show_header(entry.title_ar, entry.title_en,
                          " · ".join(x for x in (entry.date, entry.place, entry.issuer) if x))
        return True

    def _show_header(self, arabic: str, english: str, details: str) -> None:
        family = self.view.delegate.arabic_font.family()
        self.header.setText(
            f"<table width='100%'><tr><td style='color:#555'>{escape(english)}<br>"
            f"<span style='font-size:small'>{escape(details)}</span></td>"
            f"<td align='right' dir='rtl' style='font-family:\"{family}\"; font-size:large;"
            f" font-weight:bold'>{escape(arabic)}</td></tr></table>")

    def open_document(self, doc: Document) -> None:
        self.show_message("")
        self._show_header(doc.title, "", f"{len(doc.segments)} segments")
        self.document = doc
        self.view.delegate.invalidate()
        self.model.set_document(doc)
        self.setWindowTitle(f"{doc.title or doc.doc_id or 'Untitled'} — Bayan")
        self.statusBar().showMessage(f"{len(doc.segments)} segments in {len(doc.paragraphs)} paragraphs")
        if doc.segments:
            self.view.go_to_row(0)
        self.documentOpened.emit(doc)

    def restore_last(self) -> None:
        """Reopen the last document read (at its last segment), or the first in the library."""
        if self.library.reopen_last():
            return
        last = self.settings.value("library/last", "")
        entries = self.library.entries
        ordered = [e for e in entries if e.doc_id == last] + [e for e in entries if e.doc_id != last]
        for entry in ordered:
            if self.open_entry(entry):
                return

    def _show_position(self) -> None:
        row = self.view.current_row()
        n = self.model.rowCount()
        self.position.setText(f"Segment {row + 1} of {n}" if row >= 0 else "")
