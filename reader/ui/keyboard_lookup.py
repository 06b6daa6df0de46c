"""Looking a word up from the keyboard: Ctrl+D opens the word popup (the study feature's
``look_up``) for the first Arabic word of the current segment, then for the next one on
each press, so a reader who does not use a mouse can study every word."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPoint
from PySide6.QtGui import QTextLayout

from reader.arabic import is_arabic, words
from reader.ui.context import AppContext

SHORTCUT = "Ctrl+D"


class KeyboardLookup(QObject):
    def __init__(self, window: Any):
        super().__init__(window)
        self.main = window
        self.action = window.add_action("&Tools", "Look Up &Next Word", self.next_word, SHORTCUT)
        self.action.setToolTip("Open the dictionary popup for the next Arabic word of the current segment")
        self.row, self.word = -1, -1  # the segment and the index of the word last looked up
        window.view.selectionModel().currentChanged.connect(self._segment_changed)

    def _segment_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.row() != self.row:
            self.row, self.word = current.row(), -1

    def arabic_words(self, row: int) -> list[tuple[int, int, str]]:
        return [w for w in words(self.main.model.segment(row).text) if is_arabic(w[2])]

    def next_word(self) -> None:
        view = self.main.view
        row = view.current_row()
        if row < 0:
            return
        found = self.arabic_words(row)
        if not found:
            self.main.statusBar().showMessage("This segment has no Arabic word to look up.", 4000)
            return
        self.row, self.word = row, (self.word + 1) % len(found) if row == self.row else 0
        start = found[self.word][0]
        view.choose_word(row, "ar", start)  # its English lights up too
        self.main.study.look_up(row, start, self._place(row, start))

    def _place(self, row: int, offset: int) -> QPoint:
        """Just under the word on screen (the popup's usual place after a click)."""
        view, model = self.main.view, self.main.model
        view.scrollTo(model.index(row, 0))
        rect = view.visualRect(model.index(row, 0))
        area = view.delegate.row_areas(model, row, rect)["ar"]
        shown, index_map = model.shown_arabic(row)
        at = index_map.index(offset) if index_map and offset in index_map else offset
        layout: QTextLayout = view.delegate.layout(model, row, "ar", area.width())
        line = layout.lineForTextPosition(min(at, len(shown)))
        found: Any = line.cursorToX(at) if line.isValid() else (area.width(),)
        x = float(found[0] if isinstance(found, tuple) else found)
        y = (line.y() + line.height()) if line.isValid() else 0.0
        return view.viewport().mapToGlobal(QPoint(int(area.left() + x), int(area.top() + y + 8)))


def install(window: Any, context: AppContext) -> KeyboardLookup:
    return KeyboardLookup(window)
