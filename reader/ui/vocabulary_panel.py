"""The vocabulary dock: saved words with their status, status changes, Anki exports."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDockWidget, QFileDialog, QHBoxLayout,
                               QHeaderView, QLabel, QPushButton, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from reader import plural
from reader.study import anki
from reader.study.vocabulary import STATUSES, Vocabulary, VocabularyError
from reader.ui.bidi import english

COLUMNS = ("Word", "Meaning", "Status")


class VocabularyPanel(QDockWidget):
    changed = Signal()  # cards added, removed or re-statused

    def __init__(self, vocabulary: Vocabulary, parent=None):
        super().__init__("Vocabulary", parent)
        self.setObjectName("vocabularyPanel")
        self.vocabulary = vocabulary
        body = QWidget()
        self.filter = QComboBox()
        self.filter.setObjectName("vocabularyFilter")
        self.filter.addItems(["All", *[s.capitalize() for s in STATUSES]])
        self.filter.currentIndexChanged.connect(self.reload)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("vocabularyTable")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.status_buttons: dict[str, QPushButton] = {}
        status_row = QHBoxLayout()
        for status in STATUSES:
            button = QPushButton(status.capitalize())
            button.setObjectName(f"vocabularyMark_{status}")
            button.setToolTip(f"Mark the selected word as {status}")
            button.clicked.connect(lambda _=False, s=status: self.set_selected_status(s))
            self.status_buttons[status] = button
            status_row.addWidget(button)
        self.remove_button = QPushButton("Remove")
        self.remove_button.setObjectName("vocabularyRemove")
        self.remove_button.clicked.connect(self.remove_selected)
        status_row.addWidget(self.remove_button)

        export_row = QHBoxLayout()
        self.export_tsv_button = QPushButton("Export for Anki (text)…")
        self.export_tsv_button.setObjectName("vocabularyExportTsv")
        self.export_tsv_button.clicked.connect(lambda: self._export_dialog("tsv"))
        self.export_apkg_button = QPushButton("Export Anki deck (.apkg)…")
        self.export_apkg_button.setObjectName("vocabularyExportApkg")
        self.export_apkg_button.clicked.connect(lambda: self._export_dialog("apkg"))
        export_row.addWidget(self.export_tsv_button)
        export_row.addWidget(self.export_apkg_button)
        self.message = QLabel()
        self.message.setObjectName("vocabularyMessage")
        self.message.setWordWrap(True)

        layout = QVBoxLayout(body)
        layout.addWidget(self.filter)
        layout.addWidget(self.table, 1)
        layout.addLayout(status_row)
        layout.addLayout(export_row)
        layout.addWidget(self.message)
        self.setWidget(body)
        self.reload()

    # --- content ----------------------------------------------------------
    def shown_status(self) -> str | None:
        i = self.filter.currentIndex()
        return None if i == 0 else STATUSES[i - 1]

    def reload(self) -> None:
        selected = self.selected_word()
        cards = self.vocabulary.cards(self.shown_status())
        self.table.setRowCount(len(cards))
        for r, card in enumerate(cards):
            word = QTableWidgetItem(card.word)
            word.setData(Qt.ItemDataRole.UserRole, card.word)
            word.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            word.setToolTip(card.sentence)
            self.table.setItem(r, 0, word)
            meaning = QTableWidgetItem(english(card.gloss))  # "book (pl. كتب)"
            meaning.setToolTip(card.translation)
            self.table.setItem(r, 1, meaning)
            self.table.setItem(r, 2, QTableWidgetItem(card.status))
            if card.word == selected:
                self.table.selectRow(r)
        self._update_buttons()

    def selected_word(self) -> str | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def select_word(self, word: str) -> bool:
        for r in range(self.table.rowCount()):
            item = self.table.item(r, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == word:
                self.table.selectRow(r)
                return True
        return False

    def _update_buttons(self) -> None:
        has = self.selected_word() is not None
        for button in (*self.status_buttons.values(), self.remove_button):
            button.setEnabled(has)
        empty = len(self.vocabulary) == 0
        self.export_tsv_button.setEnabled(not empty)
        self.export_apkg_button.setEnabled(not empty)

    # --- actions ------------------------------------------------------------
    def set_selected_status(self, status: str) -> None:
        word = self.selected_word()
        if word is None:
            return
        try:
            self.vocabulary.set_status(word, status)
        except VocabularyError as exc:
            self.message.setText(str(exc))
            return
        self.reload()
        self.changed.emit()

    def remove_selected(self) -> None:
        word = self.selected_word()
        if word is not None and self.vocabulary.remove(word):
            self.reload()
            self.changed.emit()

    def _export_dialog(self, kind: str) -> None:
        suffix = {"tsv": "Anki text (*.txt *.tsv)", "apkg": "Anki deck (*.apkg)"}[kind]
        default = str(Path.home() / f"bayan-vocabulary.{'txt' if kind == 'tsv' else 'apkg'}")
        path, _ = QFileDialog.getSaveFileName(self, "Export vocabulary", default, suffix)
        if path:
            self.export(kind, path)

    def export(self, kind: str, path: str) -> Path | None:
        cards = self.vocabulary.cards(self.shown_status())
        try:
            out = (anki.export_tsv if kind == "tsv" else anki.export_apkg)(cards, path)
        except (OSError, ValueError) as exc:
            self.message.setText(f"Could not export to {path}: {exc}")
            return None
        self.message.setText(f"Exported {plural.count(len(cards), 'word')} to {out}")
        return out
