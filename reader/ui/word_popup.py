"""The popup shown for a looked-up Arabic word: split, forms, glosses, Save and Listen."""
from __future__ import annotations

import html

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from reader.study.dictionary import WordLookup
from reader.study.transliteration import SCHEMES

MAX_GLOSSES_PER_ENTRY = 6


def _label(name: str, wrap: bool = True) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class WordPopup(QFrame):
    saveRequested = Signal(object)    # WordLookup
    listenRequested = Signal(str)     # Arabic text to read aloud

    def __init__(self, arabic_font, parent=None):
        # A tool window, not a Qt.Popup: it must not grab the mouse, or hover
        # lookups and clicks on the next word would only close it.
        super().__init__(parent, Qt.WindowType.Tool | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("wordPopup")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMaximumWidth(460)
        self.lookup: WordLookup | None = None

        self.word_label = _label("popupWord", wrap=False)
        font = QFont(arabic_font)
        font.setPointSizeF(arabic_font.pointSizeF() * 1.4)
        self.word_label.setFont(font)
        self.word_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.close_button = QPushButton("×")
        self.close_button.setObjectName("popupClose")
        self.close_button.setFlat(True)
        self.close_button.setToolTip("Close (Esc)")
        self.close_button.clicked.connect(self.hide)
        self.split_label = _label("popupSplit")
        self.split_label.setFont(arabic_font)
        self.normalized_label = _label("popupNormalized")
        self.translit_label = _label("popupTransliteration")
        self.glossary_label = _label("popupGlossary")
        self.glosses_label = _label("popupGlosses")
        self.glosses_label.setTextFormat(Qt.TextFormat.RichText)
        self.notice_label = _label("popupNotice")
        self.saved_label = _label("popupSaved")
        self.save_button = QPushButton("Save to vocabulary")
        self.save_button.setObjectName("popupSave")
        self.save_button.clicked.connect(lambda: self.lookup and self.saveRequested.emit(self.lookup))
        self.listen_button = QPushButton("Listen")
        self.listen_button.setObjectName("popupListen")
        self.listen_button.clicked.connect(lambda: self.lookup and self.listenRequested.emit(self.lookup.vocalized))

        top = QHBoxLayout()
        top.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.word_label, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.listen_button)
        buttons.addStretch(1)
        buttons.addWidget(self.saved_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 8)
        layout.setSpacing(3)
        layout.addLayout(top)
        for w in (self.split_label, self.normalized_label, self.translit_label, self.glossary_label,
                  self.glosses_label, self.notice_label):
            layout.addWidget(w)
        layout.addLayout(buttons)

    def show_lookup(self, lookup: WordLookup, scheme: str, saved_status: str | None = None) -> None:
        self.lookup = lookup
        self.word_label.setText(lookup.word)
        self.split_label.setText(self._split_text(lookup))
        self.normalized_label.setText(f"Normalised: {lookup.normalized}")
        self.translit_label.setText(f"{SCHEMES.get(scheme, scheme)}: {lookup.transliteration(scheme)}")
        glossary = [e for e in lookup.entries if e.source == "Glossary"]
        self.glossary_label.setText("Glossary: " + "; ".join(
            f"{e.glosses[0]}" + (f" ({e.note})" if e.note else "") for e in glossary) if glossary else "")
        self.glossary_label.setVisible(bool(glossary))
        self.glosses_label.setText(self._glosses_html(lookup))
        self.notice_label.setText(" ".join(lookup.notices))
        self.notice_label.setVisible(bool(lookup.notices))
        self.show_saved(saved_status)
        self.adjustSize()

    def show_saved(self, status: str | None) -> None:
        self.saved_label.setText(f"In vocabulary ({status})" if status else "")
        self.save_button.setText("Update vocabulary" if status else "Save to vocabulary")

    @staticmethod
    def _split_text(lookup: WordLookup) -> str:
        if len(lookup.parts) == 1:
            gloss = lookup.parts[0].gloss
            return f"{lookup.parts[0].label}" + (f"  —  {gloss}" if gloss else "")
        # Arabic reads right to left: list the parts in reading order, glosses below.
        arabic = " + ".join(p.label for p in lookup.parts)
        english = " + ".join(p.gloss or "?" for p in lookup.parts)
        return f"{arabic}\n{english}"

    @staticmethod
    def _glosses_html(lookup: WordLookup) -> str:
        entries = [e for e in lookup.entries if e.source != "Glossary"]
        if not entries:
            return "<i>No dictionary gloss for this word.</i>"
        rows = []
        for e in entries:
            glosses = "; ".join(html.escape(g) for g in e.glosses[:MAX_GLOSSES_PER_ENTRY])
            extra = " · ".join(html.escape(x) for x in (e.via, e.note) if x)
            rows.append(f"<div><span dir='rtl'>{html.escape(e.headword)}</span> — {glosses}"
                        f"<br><small style='color:gray'>{html.escape(e.source)}"
                        f"{' · ' + extra if extra else ''}</small></div>")
        return "".join(rows)

    def place_near(self, global_pos: QPoint) -> None:
        """Show below the clicked point, kept on the screen."""
        self.adjustSize()
        screen = QGuiApplication.screenAt(global_pos) or QGuiApplication.primaryScreen()
        area = screen.availableGeometry()
        x = min(max(global_pos.x() - self.width() // 2, area.left()), area.right() - self.width())
        y = global_pos.y() + 18
        if y + self.height() > area.bottom():
            y = max(area.top(), global_pos.y() - self.height() - 18)
        self.move(x, y)
        self.show()
        self.raise_()

    def keyPressEvent(self, event):  # noqa: N802 - Qt API
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            return
        super().keyPressEvent(event)
