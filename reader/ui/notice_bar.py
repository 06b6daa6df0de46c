"""Messages that stay until the user dismisses them (start-up problems, read-only session).

Document messages come and go with the document; these do not, so a problem found
while starting is still there when the last document has been restored.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

_STYLE = ("QWidget#notice { background: #fff4ce; border-bottom: 1px solid #e0c36c; }"
          " QWidget#notice QLabel { color: #4d3800; }")


class NoticeBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        self._rows: list[tuple[QWidget, str]] = []
        self.hide()

    def add(self, text: str) -> QWidget:
        """Show ``text`` (once: the same sentence twice is shown once) until dismissed."""
        for existing, shown in self._rows:
            if shown == text:
                return existing
        row = QWidget(self)
        row.setObjectName("notice")
        row.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        row.setStyleSheet(_STYLE)
        line = QHBoxLayout(row)
        line.setContentsMargins(12, 6, 6, 6)
        label = QLabel(text, row)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        dismiss = QPushButton("Dismiss", row)
        dismiss.setAccessibleName(f"Dismiss: {text[:60]}")
        dismiss.clicked.connect(lambda: self.dismiss(row))
        line.addWidget(label, 1)
        line.addWidget(dismiss, 0, Qt.AlignmentFlag.AlignTop)
        self._layout.addWidget(row)
        self._rows.append((row, text))
        self.show()
        return row

    def dismiss(self, row: QWidget) -> None:
        self._rows = [(w, t) for w, t in self._rows if w is not row]
        self._layout.removeWidget(row)
        row.deleteLater()
        self.setVisible(bool(self._rows))

    def texts(self) -> list[str]:
        return [t for _, t in self._rows]

    def dismiss_buttons(self) -> list[QPushButton]:
        buttons = [w.findChild(QPushButton) for w, _ in self._rows]
        return [b for b in buttons if b is not None]
