"""Where the side panels go, so the reading columns stay readable in a small window.

At 1024×700 the library on the left and the glossary on the right left the Arabic
column about 200 px (three or four words a line). Below WIDE the side panels share one
tabbed area on the left; wider, the right-hand ones share one tabbed area. Either way
they start narrow, and the reading pane never shrinks below a readable width.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QDockWidget, QTabWidget, QWidget

from reader.ui.context import AppContext

WIDE = 1280          # window width from which the panels sit on both sides
DOCK_WIDTH = 230     # a side area's starting width
DOCK_MIN_WIDTH = 160
READING_MIN_WIDTH = 520


class DockLayout(QObject):
    def __init__(self, window: Any):
        super().__init__(window)
        self.main: Any = window
        self.arranged = ""
        window.view.setMinimumWidth(READING_MIN_WIDTH)
        # Tabs along the outer edge: side by side along the top, six panel names in 230 px
        # were cut to "Li…", "Glos…"; standing on the edge each keeps its whole name.
        window.setTabPosition(Qt.DockWidgetArea.LeftDockWidgetArea, QTabWidget.TabPosition.West)
        window.setTabPosition(Qt.DockWidgetArea.RightDockWidgetArea, QTabWidget.TabPosition.East)
        window.installEventFilter(self)
        # Qt keeps the panels behind a tab "visible", off screen, in the Tab order: Tab from
        # the library went on into the hidden Glossary and Translation Memory panels and the
        # focus vanished from sight. The panel the focus enters comes to the front.
        for dock in self.docks():
            for widget in dock.findChildren(QWidget):
                if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                    widget.installEventFilter(self)
        # View ▸ Vocabulary (or Search, Quality checks) added a tab behind the library and
        # seemed to do nothing: a panel the person asks for comes to the front.
        for dock in self.docks():
            dock.toggleViewAction().triggered.connect(lambda on, d=dock: d.raise_() if on else None)

    def docks(self) -> list[QDockWidget]:
        return [d for d in self.main.findChildren(QDockWidget) if d.parent() is self.main]

    def width_of_window(self) -> int:
        return int(self.main.width())

    def arrange(self, width: int) -> None:
        """Place the panels for a window ``width`` wide (the library first, raised)."""
        win = self.main
        library = win.library
        others = [d for d in self.docks() if d is not library]
        for dock in self.docks():
            dock.setMinimumWidth(DOCK_MIN_WIDTH)
            if dock.widget() is not None:
                # A panel's own layout (a wide table) would otherwise set the tab area's width.
                dock.widget().setMinimumWidth(DOCK_MIN_WIDTH)
        if width < WIDE:
            area, first = Qt.DockWidgetArea.LeftDockWidgetArea, library
            for dock in others:
                win.addDockWidget(area, dock)
                win.tabifyDockWidget(library, dock)
            side = [library]
            self.arranged = "narrow"
        else:
            right = Qt.DockWidgetArea.RightDockWidgetArea
            for dock in others:
                win.addDockWidget(right, dock)
            visible = [d for d in others if not d.isHidden()] or others
            first = visible[0] if visible else library
            for dock in others:
                if dock is not first:
                    win.tabifyDockWidget(first, dock)
            side = [library, first] if others else [library]
            self.arranged = "wide"
        win.resizeDocks(side, [DOCK_WIDTH] * len(side), Qt.Orientation.Horizontal)
        library.raise_()
        if first is not library:
            first.raise_()

    def _tabbed_into(self, widget: QWidget) -> None:
        dock = widget.parentWidget()
        while dock is not None and not isinstance(dock, QDockWidget):
            dock = dock.parentWidget()
        if dock is not None and dock.parent() is self.main and dock.visibleRegion().isEmpty():
            dock.raise_()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.FocusIn and isinstance(event, QFocusEvent) and isinstance(obj, QWidget) \
                and event.reason() in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason):
            # Only the keyboard reaches a panel out of sight (a click lands in sight). Qt also passes
            # the focus on "by Tab" when the focused widget hides (Esc on the find bar), and the
            # closer then puts it back on the reading pane: raise only what keeps the focus.
            QTimer.singleShot(0, obj, lambda w=obj: self._tabbed_into(w) if w.hasFocus() else None)
        if event.type() == QEvent.Type.Show and not self.arranged and obj is self.main:
            self.arrange(self.width_of_window())
        return False


def install(window: Any, context: AppContext) -> DockLayout:
    return DockLayout(window)
