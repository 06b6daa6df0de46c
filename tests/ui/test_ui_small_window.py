"""A small window (1024×700), screen readers, colour-blind readers and keyboard-only readers."""
from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QHeaderView, QLineEdit, QWidget

from reader.arabic import is_arabic, words
from reader.ui.main_window import MainWindow

STATEMENT = "003_6f9cdc285af6822d"


def small_window(show_window):
    win = MainWindow()
    win.resize(1024, 700)
    show_window(win)
    win.open_entry(next(e for e in win.library.entries if e.doc_id == STATEMENT))
    return win


def test_reading_columns_stay_readable_at_1024_by_700(qtbot, show_window):
    win = small_window(show_window)
    qtbot.waitUntil(lambda: win.view.visualRect(win.model.index(0, 0)).isValid())
    rect = win.view.visualRect(win.model.index(0, 0))
    areas = win.view.delegate.row_areas(win.model, 0, rect)
    assert areas["ar"].width() >= 320 and areas["en"].width() >= 320
    # Every panel is still one click away: tabs beside the library.
    tabs = {d.windowTitle() for d in win.tabifiedDockWidgets(win.library)}
    assert "Glossary" in tabs


def test_the_document_title_is_not_cut_off_at_1024_by_700(qtbot, show_window):
    win = small_window(show_window)
    title = win.header_arabic
    qtbot.waitUntil(lambda: title.isVisible() and bool(title.text()))
    # The label is given the height its wrapped text needs at its width.
    assert title.height() >= title.heightForWidth(title.width()) > 0
    assert title.geometry().bottom() <= win.header.height()


def test_lists_fields_and_tables_have_accessible_names(show_window):
    win = small_window(show_window)
    kinds = (QAbstractItemView, QLineEdit, QComboBox)
    unnamed = [f"{type(w).__name__} {w.objectName()}" for w in win.findChildren(QWidget)
               if isinstance(w, kinds) and not isinstance(w, QHeaderView)
               and not w.objectName().startswith("qt_") and not isinstance(w.parent(), QComboBox)
               and w.parent().objectName() != "qt_scrollarea_viewport" and not w.accessibleName()]
    unnamed = [u for u in unnamed if not u.startswith("QListView ")]  # a combo box's own popup list
    assert unnamed == []
    assert win.view.accessibleName() == "Reading pane"


def _ink(win, row: int) -> int:
    """Non-background pixels in the strip left of a row's English, where the status letter goes."""
    rect = win.view.visualRect(win.model.index(row, 0))
    image = win.view.viewport().grab(QRect(rect.left() + 7, rect.top(), 8, rect.height())).toImage()
    pixels = [image.pixel(x, y) for x in range(image.width()) for y in range(image.height())]
    background = Counter(pixels).most_common(1)[0][0]
    return sum(p != background for p in pixels)


def test_segment_status_is_told_by_a_letter_and_a_tooltip(qtbot, show_window):
    win = small_window(show_window)
    session = win.context.session
    untranslated_ink = _ink(win, 1)
    session.set_machine(1, "A machine translation.")
    qtbot.waitUntil(lambda: win.model.translation(1) is not None)
    rect = win.view.visualRect(win.model.index(1, 0))
    assert _ink(win, 1) > untranslated_ink  # "M" beside the status bar
    tip = win.view.status_tip(QPoint(rect.left() + 4, rect.center().y()))
    assert tip.startswith("M — machine translation")
    assert win.view.status_tip(QPoint(rect.center().x(), rect.center().y())) == ""


def test_words_are_looked_up_from_the_keyboard(qtbot, show_window):
    win = small_window(show_window)
    win.view.setFocus()
    qtbot.keyClick(win.view, Qt.Key_Down)
    row = win.view.current_row()
    arabic = [w for w in words(win.model.segment(row).text) if is_arabic(w[2])]
    qtbot.keyClick(win.view, Qt.Key_D, Qt.ControlModifier)
    qtbot.waitUntil(lambda: win.study.popup.isVisible())
    # A fresh window may still be loading its dictionaries: the popup fills in when they are.
    qtbot.waitUntil(lambda: win.study.last_lookup is not None and win.study.last_lookup.word == arabic[0][2],
                    timeout=60000)
    qtbot.keyClick(win, Qt.Key_D, Qt.ControlModifier)
    qtbot.waitUntil(lambda: win.study.last_lookup.word == arabic[1][2])
    assert win.study.popup.isVisible()


def test_tab_brings_the_panel_it_enters_to_the_front(qtbot, show_window):
    """Panels behind a tab stay in the Tab order: the focus went into them out of sight."""
    win = small_window(show_window)
    glossary = next(d for d in win.tabifiedDockWidgets(win.library) if d.windowTitle() == "Glossary")
    qtbot.waitUntil(lambda: not win.library.visibleRegion().isEmpty())
    assert glossary.visibleRegion().isEmpty()
    win.library.list.setFocus()
    qtbot.keyClick(win.library.list, Qt.Key_Tab)
    assert glossary.isAncestorOf(QApplication.focusWidget())
    qtbot.waitUntil(lambda: not glossary.visibleRegion().isEmpty())


def test_every_shortcut_help_lists_works_from_the_reading_pane(qtbot, show_window, monkeypatch):
    """Help ▸ Keyboard Shortcuts is a promise: each key, pressed as a keyboard user would, does its command."""
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([], ""))
    win = small_window(show_window)
    listed = {command for command, _keys in win.shortcuts()}
    actions = [a for a in {*win.findChildren(QAction), *win.view.actions()} if a.shortcuts() and a.isEnabled()]
    assert {a.text().replace("&", "").rstrip("…") for a in actions} <= listed
    dead = []
    for action in actions:
        for keys in action.shortcuts():
            for box in QApplication.topLevelWidgets():   # what the previous key opened
                if box is not win and box.isVisible() and box.windowType() == Qt.WindowType.Dialog:
                    box.close()
            win.study.popup.hide()
            if win.editing.editor is not None:
                qtbot.keyClick(win.editing.editor, Qt.Key_Escape)
            qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
            win.view.setFocus()
            with qtbot.waitSignal(action.triggered, timeout=1000, raising=False) as fired:
                qtbot.keySequence(QApplication.focusWidget(), keys)
            if not fired.signal_triggered:
                dead.append(f"{action.text()} {keys.toString()}")
    assert dead == []


def test_a_panel_asked_for_in_the_view_menu_comes_to_the_front(qtbot, show_window):
    """In a small window the panels share one tabbed area: View ▸ Vocabulary only added a tab behind."""
    win = small_window(show_window)
    for dock in (win.study.panel, win.search_panel):
        assert dock.isHidden()
        dock.toggleViewAction().trigger()
        qtbot.waitUntil(lambda d=dock: not d.visibleRegion().isEmpty())


def test_closing_the_find_bar_leaves_the_panels_as_they_were(qtbot, show_window):
    """Esc hid the find bar; Qt passed the focus on "by Tab" into a hidden panel, which then came forward."""
    win = small_window(show_window)
    qtbot.waitUntil(lambda: not win.library.visibleRegion().isEmpty())
    win.view.setFocus()
    qtbot.keyClick(win.view, Qt.Key_F, Qt.ControlModifier)
    qtbot.waitUntil(lambda: win.find_bar.field.hasFocus())
    qtbot.keyClick(win.find_bar.field, Qt.Key_Escape)
    qtbot.waitUntil(lambda: win.view.hasFocus())
    QApplication.processEvents()   # what a focus change scheduled has run
    assert not win.library.visibleRegion().isEmpty()
