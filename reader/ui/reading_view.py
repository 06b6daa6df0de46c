"""The side-by-side reading view: a virtualised list, one segment per row."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QListView, QMenu, QToolTip

from reader.ui.segment_delegate import SegmentDelegate
from reader.ui.segment_model import SegmentModel


@dataclass(frozen=True)
class Hit:
    row: int
    side: str    # "ar" or "en"
    offset: int  # character offset into the segment's original text


class ReadingView(QListView):
    segmentClicked = Signal(int, str, int)
    hoverChanged = Signal(int)
    # Features add their entries to the segment context menu through this
    # signal (menu, Hit or None); actions added to the view come after them.
    contextMenuAboutToShow = Signal(object, object)

    def __init__(self, model: SegmentModel, arabic_font: QFont, english_font: QFont, parent=None):
        super().__init__(parent)
        self.setModel(model)
        self.segments = model  # model() typed as what it is
        self.delegate = SegmentDelegate(self, arabic_font, english_font)
        self.setItemDelegate(self.delegate)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        # Batched layout measures rows a few at a time between events, so a
        # huge document shows its first screen at once and scrolling never
        # waits for a long batch of Arabic shaping (20 rows ≈ 15 ms).
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(20)
        self.setUniformItemSizes(False)
        self.setMouseTracking(True)
        self.setWordWrap(True)
        self.setSpacing(0)
        self._hover_row = -1
        self._hover_link: str | None = None
        model.modelReset.connect(self._reset_hover)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._show_context_menu)

    # --- hover / partner highlighting -----------------------------------
    def hover_state(self) -> tuple[int, str | None]:
        return self._hover_row, self._hover_link

    def _reset_hover(self) -> None:
        self._hover_row, self._hover_link = -1, None

    def _set_hover(self, row: int, link: str | None) -> None:
        if (row, link) == (self._hover_row, self._hover_link):
            return
        old = self._hover_row
        self._hover_row, self._hover_link = row, link
        for r in {old, row} - {-1}:
            self.update(self.segments.index(r))
        if old != row:
            self.hoverChanged.emit(row)

    def mouseMoveEvent(self, event):  # noqa: N802 - Qt API
        super().mouseMoveEvent(event)
        pos = event.position().toPoint()
        index = self.indexAt(pos)
        row = index.row() if index.isValid() else -1
        link = None
        hit = self.hit(pos) if row >= 0 else None
        if hit is not None:
            span = self.span_at(hit)
            link = span.link if span else None
        self._set_hover(row, link)

    def leaveEvent(self, event):  # noqa: N802 - Qt API
        super().leaveEvent(event)
        self._set_hover(-1, None)

    # --- hits and spans ---------------------------------------------------
    def hit(self, pos) -> Hit | None:
        index = self.indexAt(pos)
        if not index.isValid():
            return None
        model = self.segments
        found = self.delegate.hit(model, index.row(), self.visualRect(index), pos)
        if found is None:
            return None
        side, offset = found
        if side == "ar":
            _, index_map = model.shown_arabic(index.row())
            if index_map is not None and index_map:
                offset = index_map[min(offset, len(index_map) - 1)]
        return Hit(index.row(), side, offset)

    def span_at(self, hit: Hit):
        """The top-most span covering a hit (original offsets), if any."""
        spans = self.segments.source_spans(hit.row, hit.side)
        # Later providers paint on top, so they win.
        return next((s for s in reversed(spans) if s.start <= hit.offset < s.end), None)

    def viewportEvent(self, event):  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.ToolTip:
            hit = self.hit(event.pos())
            span = self.span_at(hit) if hit else None
            if span and span.tooltip:
                QToolTip.showText(event.globalPos(), span.tooltip, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def mouseReleaseEvent(self, event):  # noqa: N802 - Qt API
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            hit = self.hit(event.position().toPoint())
            if hit is not None:
                self.segmentClicked.emit(hit.row, hit.side, hit.offset)

    # --- context menu -----------------------------------------------------
    def build_context_menu(self, pos) -> QMenu:
        """The context menu for a point of the viewport (the row under it becomes current)."""
        menu = QMenu(self)
        index = self.indexAt(pos)
        if index.isValid():
            self.go_to_row(index.row())
        self.contextMenuAboutToShow.emit(menu, self.hit(pos))
        actions = [a for a in self.actions() if a.isVisible()]
        if actions:
            if not menu.isEmpty():
                menu.addSeparator()
            menu.addActions(actions)
        return menu

    def _show_context_menu(self, pos) -> None:
        menu = self.build_context_menu(pos)
        if not menu.isEmpty():
            menu.exec(self.viewport().mapToGlobal(pos))

    # --- navigation -------------------------------------------------------
    def current_row(self) -> int:
        index = self.currentIndex()
        return index.row() if index.isValid() else -1

    def go_to_row(self, row: int) -> None:
        count = self.model().rowCount()
        if not count:
            return
        row = max(0, min(row, count - 1))
        index = self.segments.index(row)
        self.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)

    def keyPressEvent(self, event):  # noqa: N802 - Qt API
        key = event.key()
        if key in (Qt.Key.Key_J, Qt.Key.Key_Down) and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.go_to_row(self.current_row() + 1)
            return
        if key in (Qt.Key.Key_K, Qt.Key.Key_Up) and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.go_to_row(max(self.current_row() - 1, 0))
            return
        super().keyPressEvent(event)

    def resizeEvent(self, event):  # noqa: N802 - Qt API
        if event.oldSize().width() != event.size().width():
            self.delegate.invalidate()
        super().resizeEvent(event)

    def visible_rows(self) -> range:
        top = self.indexAt(self.viewport().rect().topLeft())
        bottom = self.indexAt(self.viewport().rect().bottomLeft())
        first = top.row() if top.isValid() else 0
        last = bottom.row() if bottom.isValid() else min(first + 30, self.model().rowCount() - 1)
        return range(first, last + 1)
