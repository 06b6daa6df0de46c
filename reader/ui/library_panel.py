"""The library dock: the bundled statements, oldest first."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDockWidget, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from reader.corpus import CorpusError, Entry, load_manifest

EntryRole = Qt.ItemDataRole.UserRole + 1


class LibraryPanel(QDockWidget):
    entryActivated = Signal(object)  # Entry

    def __init__(self, parent=None):
        super().__init__("Library", parent)
        self.setObjectName("LibraryPanel")
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setObjectName("errorText")  # coloured by the theme
        self.error.hide()
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        layout.addWidget(self.error)
        layout.addWidget(self.list)
        self.setWidget(body)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        self.entries: list[Entry] = []
        self.reload()

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
            item = QListWidgetItem(f"{entry.title_ar}\n\u2066{entry.date} · {entry.title_en}\u2069")
            item.setData(EntryRole, entry)
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(f"{entry.title_en}\n{entry.date} · {entry.place}\n{entry.issuer}")
            if not entry.path.is_file():
                item.setForeground(self.palette().placeholderText())
                item.setToolTip(f"File missing: {entry.path.name}")
            self.list.addItem(item)

    def entry_item(self, doc_id: str) -> QListWidgetItem | None:
        for i in range(self.list.count()):
            if self.list.item(i).data(EntryRole).doc_id == doc_id:
                return self.list.item(i)
        return None

    def select(self, doc_id: str) -> None:
        item = self.entry_item(doc_id)
        if item is not None:
            self.list.setCurrentItem(item)

    def _activated(self, item: QListWidgetItem) -> None:
        self.entryActivated.emit(item.data(EntryRole))
