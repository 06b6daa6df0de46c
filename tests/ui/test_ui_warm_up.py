"""The dictionaries load in the background at start-up: the first click never freezes the window."""
from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt

from reader.study import dictionary, in_context
from reader.ui.main_window import MainWindow
from reader.ui.word_popup import LOADING
from tests.ui.test_ui_study import DOC, ROW, word_point


@pytest.fixture
def cold(monkeypatch):
    """A process where nothing is loaded yet; the loader waits at a gate and records its thread."""
    monkeypatch.setattr(dictionary, "_shared", None)
    monkeypatch.setattr(in_context, "_shared", None)
    monkeypatch.setattr(in_context, "_warm", threading.Event())
    gate = threading.Event()
    threads: list[threading.Thread] = []
    real_init = dictionary.Dictionary.__init__

    def gated_init(self, *args, **kwargs):
        threads.append(threading.current_thread())
        if threading.current_thread() is not threading.main_thread():
            gate.wait()
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(dictionary.Dictionary, "__init__", gated_init)
    yield gate, threads
    gate.set()


def _open(qtbot, show_window) -> MainWindow:
    win = MainWindow()
    win.resize(1200, 800)
    show_window(win)
    item = win.library.entry_item(DOC)
    qtbot.mouseClick(win.library.list.viewport(), Qt.LeftButton,
                     pos=win.library.list.visualItemRect(item).center())
    qtbot.waitUntil(lambda: win.document is not None and win.document.doc_id == DOC)
    qtbot.waitUntil(lambda: win.view.visualRect(win.model.index(0)).height() > 0)
    return win


def test_first_click_says_loading_then_fills_in_and_the_loading_is_off_the_gui_thread(qtbot, show_window, cold):
    gate, threads = cold
    win = _open(qtbot, show_window)
    qtbot.waitUntil(lambda: bool(threads))  # the warm-up started by itself, after the window showed
    assert threads[0] is not threading.main_thread()
    assert not win.study.ready

    qtbot.mouseClick(win.view.viewport(), Qt.LeftButton, pos=word_point(qtbot, win, ROW, "حلفائنا"))
    popup = win.study.popup
    qtbot.waitUntil(popup.isVisible)
    assert popup.headline_label.text() == LOADING and popup.word_label.text() == "حلفائنا"
    assert not popup.save_button.isEnabled()

    gate.set()
    qtbot.waitUntil(lambda: popup.lookup is not None, timeout=60000)
    assert "allies" in popup.headline_label.text()
    assert popup.word_label.text() == "حُلَفائنا"
    assert popup.save_button.isEnabled()
    assert all(t is not threading.main_thread() for t in threads)  # built once, never on the GUI thread
    win.close()


def test_transliteration_line_is_plain_until_loaded_then_read_in_context(qtbot, show_window, cold):
    gate, threads = cold
    win = _open(qtbot, show_window)
    win.study.translit_action.setChecked(True)
    plain = win.view.delegate.side_text(win.model, ROW, "tr")[0]
    assert plain and not win.study.ready
    gate.set()
    qtbot.waitUntil(lambda: win.study.ready, timeout=60000)
    line = win.view.delegate.side_text(win.model, ROW, "tr")[0]
    assert line != plain and "ḥulafāʼnā" in line  # the reading in context, after the repaint
    assert all(t is not threading.main_thread() for t in threads)
    win.study.translit_action.setChecked(False)
    win.close()


def test_closing_the_window_while_loading_waits_for_the_loader(qtbot, show_window, cold):
    gate, threads = cold
    win = _open(qtbot, show_window)
    qtbot.waitUntil(lambda: bool(threads))
    task = win.study._warm_task
    assert task is not None and task.isRunning()
    gate.set()
    win.close()  # must not destroy a running QThread
    assert not task.isRunning()
