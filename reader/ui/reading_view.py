"""The side-by-side reading view: a virtualised list, one segment per row.

It is a one-column QTreeView scrolled by rows rather than a QListView: QListView lays
out *every* row again on any dataChanged() (Qt 6), so while a document was being
translated (a result every few milliseconds) a long document never finished its layout,
the pane stayed blank and the scroll position and key presses were lost until the end.
A tree view keeps each row's height and measures again only the rows that changed, and
scrolled by rows it measures only the rows on screen: opening, translating and paging
through 10,000 segments all cost what one screen costs. Qt still measured every row between
the top one and a row far off screen, or above the top one, in a few places (a repaint of a
far row, a jump, a mouse press, the style sheet's background): those are cut short here
(visualRect, visualRegionForSelection, verticalOffset), as a relayout (theme, layout, gloss
line, zoom) forgets every height.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import (QEvent, QItemSelection, QItemSelectionModel, QModelIndex, QPersistentModelIndex, QPoint, QRect,
                            QRectF, Qt, Signal)
from PySide6.QtGui import QFont, QPainter, QPalette, QRegion
from PySide6.QtWidgets import QAbstractItemView, QMenu, QStyle, QStyleOptionViewItem, QToolTip, QTreeView

from reader.states import SegmentStatus
from reader.ui.segment_delegate import LETTER_W, PAD_X, PAD_Y, SIDE_BY_SIDE, SegmentDelegate
from reader.ui.segment_model import SegmentModel


# Status is told by more than the colour of the bar at a row's edge: a letter beside it
# and a tooltip over it (the colours alone fail colour-blind readers).
STATUS_LETTERS = {str(s): s.letter for s in SegmentStatus if s.letter}
STATUS_TIPS = {str(s): s.description for s in SegmentStatus}
NEAR_ROWS = 8  # rows this close to the screen are placed exactly even when off it (visualRect)
ROW_OFFSET_PX = 48  # what one row scrolled counts for in verticalOffset() (see there)


@dataclass(frozen=True)
class Hit:
    row: int
    side: str    # "ar" or "en"
    offset: int  # character offset into the segment's original text


class ReadingView(QTreeView):
    segmentClicked = Signal(int, str, int)
    hoverChanged = Signal(int)
    # Word bridge: the text under the mouse (a Hit, or None off any text), and a word chosen
    # by a click or from the keyboard (a Hit).
    wordPointed = Signal(object)
    wordChosen = Signal(object)
    # Features add their entries to the segment context menu through this
    # signal (menu, Hit or None); actions added to the view come after them.
    contextMenuAboutToShow = Signal(object, object)

    def __init__(self, model: SegmentModel, arabic_font: QFont, english_font: QFont, parent=None):
        super().__init__(parent)
        self._stale: set[int] = set()  # rows whose height may have changed off screen
        self.segments = model  # model() typed as what it is
        self.setModel(model)
        self.delegate = SegmentDelegate(self, arabic_font, english_font)
        self.setItemDelegate(self.delegate)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # By rows: the view then measures only the rows it shows (see the module note).
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # A scroll bar that comes and goes changes the width, and every row is measured again.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setHeaderHidden(True)
        self.header().setStretchLastSection(True)
        self.setRootIsDecorated(False)
        self.setIndentation(0)
        self.setItemsExpandable(False)
        self.setExpandsOnDoubleClick(False)
        self.setUniformRowHeights(False)
        self.setMouseTracking(True)
        self.setWordWrap(True)
        self.setAccessibleName("Reading pane")
        self.setAccessibleDescription("One segment a row: Arabic on the right, English on the left. "
                                      "Enter edits the English; Ctrl+D looks up the next Arabic word.")
        self._hover_row = -1
        self._hover_link: str | None = None
        self._pointed: Hit | None = None
        model.modelReset.connect(self._reset_hover)
        self.verticalScrollBar().valueChanged.connect(self._measure_stale)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._show_context_menu)

    # --- rows ---------------------------------------------------------------
    def dataChanged(self, top_left: QModelIndex | QPersistentModelIndex,  # noqa: N802 - Qt API
                    bottom_right: QModelIndex | QPersistentModelIndex, roles: Sequence[int] = ()) -> None:
        if not top_left.isValid():
            return
        # Qt places a changed row by adding up the heights of every row between it and
        # the top of the pane, so a row far below would be measured with all those in
        # between (and a full relayout asks the model about every row: ~0.1 s for 10,000).
        # Rows on screen are measured now; the others are noted and measured when shown.
        changed = range(top_left.row(), bottom_right.row() + 1)
        shown = self.visible_rows()
        on_screen = range(max(changed.start, shown.start), min(changed.stop, shown.stop))
        self._stale.update(range(changed.start, min(changed.stop, shown.start)))
        self._stale.update(range(max(changed.start, shown.stop), changed.stop))
        for row in on_screen:
            index = self.model().index(row, 0)
            super().dataChanged(index, index, roles)

    def _measure_stale(self) -> None:
        """Rows that changed while off screen and are now shown get their new height."""
        if not self._stale:
            return
        for row in [r for r in self.visible_rows() if r in self._stale]:
            self._stale.discard(row)
            index = self.model().index(row, 0)
            super().dataChanged(index, index, [])

    def visualRect(self, index: QModelIndex | QPersistentModelIndex) -> QRect:  # noqa: N802 - Qt API
        # A row off screen is placed by measuring every row between it and the top one (see
        # verticalOffset): repainting one far away (its links arrived, it was the current row
        # before a jump) laid out the whole stretch in between. Far off screen, nothing is painted.
        if index.isValid():
            shown = self.visible_rows()
            if not shown.start - NEAR_ROWS <= index.row() < shown.stop + NEAR_ROWS:
                return QRect()
        return super().visualRect(index)

    def visualRegionForSelection(self, selection: QItemSelection) -> QRegion:  # noqa: N802 - Qt API
        region = QRegion()
        for index in selection.indexes():
            region += self.visualRect(index)
        return region

    def verticalOffset(self) -> int:  # noqa: N802 - Qt API
        # Scrolled by rows with rows of their own heights, Qt adds up the height of every row
        # above the top one, measuring each (a laid-out text) after any relayout; it asks on
        # every mouse press and, under the app's style sheet, for every paint of the pane's
        # background: 1.3 s to change the theme 1,500 rows down a long document with the
        # gloss line on (bench.event_loop_aligning --mode siblings). Those callers need only
        # an offset that moves with the scroll position (a press's origin, a background's).
        return self.verticalScrollBar().value() * ROW_OFFSET_PX

    def doItemsLayout(self) -> None:  # noqa: N802 - Qt API
        self._stale.clear()  # every height is measured again
        super().doItemsLayout()

    def drawRow(self, painter: QPainter, option: QStyleOptionViewItem,  # noqa: N802 - Qt API
                index: QModelIndex | QPersistentModelIndex) -> None:
        # The delegate paints the whole row (selection, hover, status bar); the tree's
        # own row decorations (branch area, focus frame, style selection) would show
        # through in the gap above a paragraph.
        opt = QStyleOptionViewItem(option)
        opt.rect = self.visualRect(index)
        if self.selectionModel().isSelected(index):
            opt.state |= QStyle.StateFlag.State_Selected
        else:
            opt.state &= ~QStyle.StateFlag.State_Selected
        self.delegate.paint(painter, opt, index)
        letter = STATUS_LETTERS.get(self._status_name(index.row()), "")
        if letter:
            painter.save()
            font = QFont(self.font())
            font.setPixelSize(11)
            font.setBold(True)
            painter.setFont(font)
            painter.setPen(opt.palette.color(QPalette.ColorRole.Text))
            painter.drawText(self.status_letter_rect(index.row()).toRect(), Qt.AlignmentFlag.AlignHCenter, letter)
            painter.restore()

    def status_letter_rect(self, row: int) -> QRectF:
        """Where a row's status letter is drawn: in the gutter between the columns, level with
        the first line; interlinear, at the bottom of the left margin, in the column the
        delegate leaves it (never over the text)."""
        rect = self.visualRect(self.segments.index(row, 0))
        areas = self.delegate.row_areas(self.segments, row, rect)
        if self.delegate.layout_mode == SIDE_BY_SIDE:
            x = (areas["en"].right() + areas["ar"].left()) / 2 - LETTER_W / 2
            top = areas["ar"].top() + PAD_Y + 4
        else:
            x, top = rect.left() + PAD_X - LETTER_W / 2, rect.bottom() - PAD_Y - 14
        return QRectF(x, top, LETTER_W, 14)

    def status_tip(self, pos: QPoint) -> str:
        """The status of the row under ``pos`` in words, over the status edge of a row."""
        index = self.indexAt(pos)
        if not index.isValid() or pos.x() > PAD_X:
            return ""
        return STATUS_TIPS.get(self._status_name(index.row()), "")

    def _status_name(self, row: int) -> str:
        return str(self.segments.status(row).value)

    # --- hover / partner highlighting -----------------------------------
    def hover_state(self) -> tuple[int, str | None]:
        return self._hover_row, self._hover_link

    def _reset_hover(self) -> None:
        self._hover_row, self._hover_link, self._pointed = -1, None, None

    def _set_hover(self, row: int, link: str | None) -> None:
        if (row, link) == (self._hover_row, self._hover_link):
            return
        old = self._hover_row
        self._hover_row, self._hover_link = row, link
        for r in {old, row} - {-1}:
            self.update(self.segments.index(r, 0))
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
        self._point(hit)

    def leaveEvent(self, event):  # noqa: N802 - Qt API
        super().leaveEvent(event)
        self._set_hover(-1, None)
        self._point(None)

    def _point(self, hit: Hit | None) -> None:
        if hit != self._pointed:
            self._pointed = hit
            self.wordPointed.emit(hit)

    def choose_word(self, row: int, side: str, offset: int) -> None:
        """A word chosen without the mouse (Ctrl+D): its partners light as after a click."""
        self.wordChosen.emit(Hit(row, side, offset))

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
            status = self.status_tip(event.pos())
            if status:
                QToolTip.showText(event.globalPos(), status, self)
            elif span and span.tooltip:
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
                self.wordChosen.emit(hit)
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
        index = self.segments.index(row, 0)
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
            self.scheduleDelayedItemsLayout()  # rows wrap differently: heights change
        super().resizeEvent(event)

    def visible_rows(self) -> range:
        top = self.indexAt(self.viewport().rect().topLeft())
        bottom = self.indexAt(self.viewport().rect().bottomLeft())
        first = top.row() if top.isValid() else 0
        last = bottom.row() if bottom.isValid() else min(first + 30, self.model().rowCount() - 1)
        return range(first, last + 1)
