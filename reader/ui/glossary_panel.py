"""Glossary dock: the current document's terms with counts, and a corpus-wide concordance."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QDockWidget, QFormLayout, QLabel,
                               QLineEdit, QListWidget, QListWidgetItem, QSplitter, QVBoxLayout, QWidget)

from reader import plural
from reader.glossary import CATEGORIES
from reader.ui.bidi import auto, english, rtl

DOC_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2


class GlossaryPanel(QDockWidget):
    termActivated = Signal(str)            # term id
    occurrenceActivated = Signal(str, int)  # doc id, segment row

    def __init__(self, parent=None):
        super().__init__("Glossary", parent)
        self.setObjectName("glossaryPanel")
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        self.terms = QListWidget()
        self.terms.setObjectName("glossaryTerms")
        self.heading = QLabel("Concordance")
        self.concordance = QListWidget()
        self.concordance.setObjectName("glossaryConcordance")
        self.concordance.setWordWrap(True)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.terms)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.heading)
        lower_layout.addWidget(self.concordance)
        split.addWidget(lower)
        layout.addWidget(split)
        self.setWidget(body)
        self.terms.itemClicked.connect(lambda item: self.termActivated.emit(item.data(Qt.ItemDataRole.UserRole)))
        self.concordance.itemClicked.connect(
            lambda item: self.occurrenceActivated.emit(item.data(DOC_ROLE), item.data(ROW_ROLE)))

    def show_terms(self, rows: list[tuple[str, str, str, int]]) -> None:
        """rows: (term id, Arabic headword, English, count), most frequent first."""
        self.terms.clear()
        for term_id, arabic, rendering, count in rows:
            # Each language isolated: digits after the Arabic ("9/11 attacks") joined its run.
            item = QListWidgetItem(f"{rtl(arabic)} — {english(rendering)}  ({count})")
            item.setData(Qt.ItemDataRole.UserRole, term_id)
            item.setToolTip(term_id)
            self.terms.addItem(item)

    def term_item(self, term_id: str) -> QListWidgetItem | None:
        for i in range(self.terms.count()):
            if self.terms.item(i).data(Qt.ItemDataRole.UserRole) == term_id:
                return self.terms.item(i)
        return None

    def show_concordance(self, title: str, hits: list[tuple[str, str, int, str]]) -> None:
        """hits: (doc id, document title, segment row, segment text)."""
        self.heading.setText(f"{title}: {plural.count(len(hits), 'occurrence')}")
        self.concordance.clear()
        for doc_id, doc_title, row, text in hits:
            item = QListWidgetItem(f"{auto(doc_title)} · {row + 1}\n{rtl(text)}")
            item.setData(DOC_ROLE, doc_id)
            item.setData(ROW_ROLE, row)
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight)
            self.concordance.addItem(item)


class AddTermDialog(QDialog):
    """Arabic form (prefilled from the selection), English, variants, category, note."""

    MIN_WIDTH = 480

    def __init__(self, arabic: str = "", parent=None, english: str = ""):
        super().__init__(parent)
        self.setWindowTitle("Add to glossary")
        self.setMinimumWidth(self.MIN_WIDTH)  # room for a multi-word term and its English
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.arabic = QLineEdit(arabic)
        self.arabic.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.english = QLineEdit(english)
        self.variants = QLineEdit()
        self.variants.setPlaceholderText("other accepted renderings, separated by |")
        self.category = QComboBox()
        self.category.addItems(list(CATEGORIES))
        self.category.setCurrentText("concept")
        self.note = QLineEdit()
        self.error = QLabel()
        self.error.setObjectName("errorText")  # coloured by the theme
        form.addRow("Arabic", self.arabic)
        form.addRow("English", self.english)
        form.addRow("Variants", self.variants)
        form.addRow("Category", self.category)
        form.addRow("Note", self.note)
        form.addRow(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
