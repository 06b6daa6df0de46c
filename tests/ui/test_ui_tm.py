"""The translation memory in the window: matches for the current segment with their differences,
Ctrl+1…3 insert, results for a segment the user left dropped, pre-translation, bad TMX in words."""
from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest

from reader.theme_colours import LIGHT
from reader.states import Origin, SegmentStatus
from reader.tm import TranslationMemory
from reader.ui.task import Task, abandoned
from reader.ui.themes import apply_theme

DOC = "000_456f884f9b3d3de8"


@pytest.fixture
def window(window, qtbot):
    entry = next(e for e in window.library.entries if e.doc_id == DOC)
    assert window.open_entry(entry)
    qtbot.waitUntil(lambda: window.tm.tm is not None and window.tm.session is not None and not window.tm._tasks)
    return window


def near(text: str) -> str:
    """The segment with its first word given a clitic and its last word dropped: a fuzzy match."""
    words = text.split()
    return " ".join(["و" + words[0], *words[1:-1]])


def seed(win, rows: list[int]) -> dict[int, str]:
    english = {r: f"Memory English for segment {r + 1}." for r in rows}
    win.tm.tm.add_units([(near(win.model.segment(r).text), english[r]) for r in rows], "tmx:seed.tmx")
    return english


def shown_row(win) -> int:
    return win.tm.shown[0] if win.tm.shown else -1


def test_matches_pane_shows_percentage_and_differences_and_ctrl_1_inserts(qtbot, window):
    english = seed(window, [2])
    window.view.setFocus()
    window.view.go_to_row(2)
    qtbot.waitUntil(lambda: shown_row(window) == 2 and bool(window.tm.shown[2]))
    match = window.tm.shown[2][0]
    assert 50 <= match.score < 100 and match.unit.target == english[2]
    html = window.tm.panel.matches.toHtml()
    assert f"{match.score}%" in window.tm.panel.matches.toPlainText()
    assert f"background-color:{LIGHT.find}" in html  # the differing word is highlighted
    assert window.tm.panel.heading.text() == "Matches for segment 3"
    QTest.keyClick(window.view, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    session = window.tm.session
    qtbot.waitUntil(lambda: session.english(2) == english[2])
    assert session.origin(2) == Origin.TM and session.status(2) == SegmentStatus.FROM_TM
    qtbot.waitUntil(lambda: window.tm.panel.heading.text()
                    == "Matches for segment 3 (its English is from TM, not yet checked)")


def test_a_late_answer_for_a_segment_the_user_left_is_dropped(qtbot, window):
    english = seed(window, [1, 4])
    window.view.go_to_row(1)
    window.view.go_to_row(4)  # before row 1's lookup comes back
    qtbot.waitUntil(lambda: not window.tm._tasks)
    assert shown_row(window) == 4 and window.tm.shown[2][0].unit.target == english[4]
    assert english[1] not in window.tm.panel.matches.toPlainText()


def test_moving_down_a_document_leaves_no_lookup_behind(qtbot, window):
    """Each segment the reader passed started a lookup thread that the window kept for its whole
    life (and that ran to the end although its answer was no longer wanted): holding the Down
    key through a long document piled them up."""
    english = seed(window, [11])
    for row in range(12):
        window.view.go_to_row(row)
    qtbot.waitUntil(lambda: shown_row(window) == 11)
    assert window.tm.shown[2][0].unit.target == english[11]

    def none_left() -> bool:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        return not window.findChildren(Task) and abandoned() == 0

    qtbot.waitUntil(none_left)


def test_pretranslate_fills_from_tm_but_never_over_a_persons_work(qtbot, window):
    english = seed(window, [0, 3])
    session = window.tm.session
    session.edit(3, "The translator's own English.")
    task = window.tm.pretranslate(70)
    qtbot.waitUntil(lambda: task not in window.tm._tasks)  # its done() ran on the GUI thread
    assert session.english(0) == english[0] and session.origin(0) == Origin.TM
    assert session.english(3) == "The translator's own English."
    assert "pre-translated from the memory" in window.statusBar().currentMessage()


def test_a_wrong_direction_tmx_is_said_in_one_sentence(qtbot, window, tmp_path):
    path = tmp_path / "en-ar.tmx"
    path.write_text('<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="ar"><seg>Hello there'
                    '</seg></tuv><tuv xml:lang="en"><seg>مرحبا</seg></tuv></tu></body></tmx>', encoding="utf-8")
    before = len(window.tm.tm)
    task = window.tm.import_file(str(path))
    qtbot.waitUntil(lambda: task not in window.tm._tasks)
    assert window.message.isVisible()
    assert "runs English→Arabic" in window.message.text() and len(window.tm.tm) == before


def test_memory_search_by_english(qtbot, window):
    seed(window, [5])
    window.tm.panel.query.setText("segment 6")
    QTest.keyClick(window.tm.panel.query, Qt.Key.Key_Return)
    assert window.tm.panel.results.count() == 1
    arabic, english = window.tm.panel.results.item(0).text().split("\n")
    assert english == "\u2066Memory English for segment 6.\u2069"   # each line isolated in its direction
    assert arabic.startswith("\u2067") and arabic.endswith("\u2069")


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_render_the_matches_pane(qtbot, window, theme):
    seed(window, [2])
    TranslationMemory.add_units(window.tm.tm, [(window.model.segment(2).text.replace("في", "من", 1),
                                                "A second, closer memory unit.")], "doc:other")
    apply_theme(window, theme)
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() == 1024)
    window.tm.panel.raise_()  # at this width the side panels share one tabbed area
    window.view.go_to_row(2)
    qtbot.waitUntil(lambda: shown_row(window) == 2 and len(window.tm.shown[2]) >= 1)
    out = os.environ.get("BAYAN_PNG_DIR", "/tmp")
    assert window.grab().save(f"{out}/tm-pane-{theme}.png")
    apply_theme(window, "light")


def test_ctrl_1_while_editing_puts_the_match_in_the_editor_and_enter_keeps_it(qtbot, window):
    english = seed(window, [2])
    window.view.setFocus()
    window.view.go_to_row(2)
    qtbot.waitUntil(lambda: shown_row(window) == 2 and bool(window.tm.shown[2]))
    window.editing.edit_row(2)
    editor = window.editing.editor
    assert editor is not None
    qtbot.keyClicks(editor, "half-typed")
    QTest.keyClick(editor, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: editor.toPlainText() == english[2])
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # committing must not write the old text back
    assert window.tm.session.english(2) == english[2]


def bar_pixel(win, row: int) -> str:
    rect = win.view.visualRect(win.model.index(row))
    return QColor(win.view.viewport().grab().toImage().pixel(4, rect.center().y())).name()


def test_a_pretranslated_row_says_from_tm_until_a_person_approves_it_and_reopening_keeps_it(qtbot, window):
    english = seed(window, [0])
    session = window.tm.session
    task = window.tm.pretranslate(70)
    qtbot.waitUntil(lambda: task not in window.tm._tasks)
    assert session.english(0) == english[0]
    # The row's bar, letter and tooltip, and the status-bar counts say "from TM", not "edited".
    window.view.go_to_row(0)
    rect = window.view.visualRect(window.model.index(0))
    assert window.view.status_tip(QPoint(rect.left() + 4, rect.center().y())).startswith(
        "T — from the translation memory")
    qtbot.waitUntil(lambda: bar_pixel(window, 0) == LIGHT.status["from-tm"])
    assert "From TM 1" in window.editing.counts_label.text() and "Edited 0" in window.editing.counts_label.text()
    # Reopening the document keeps the status; approving it makes it the person's.
    entry = next(e for e in window.library.entries if e.doc_id == DOC)
    assert window.open_entry(entry)
    qtbot.waitUntil(lambda: window.context.session is not session)
    session = window.context.session
    assert session.status(0) == SegmentStatus.FROM_TM
    window.view.setFocus()
    window.view.go_to_row(0)
    window.editing.toggle_approve_current()
    assert session.status(0) == SegmentStatus.APPROVED
    qtbot.waitUntil(lambda: bar_pixel(window, 0) == LIGHT.status["approved"])
    assert "From TM 0" in window.editing.counts_label.text()


def test_a_tmx_export_leaves_from_tm_rows_out_and_says_so(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from tests.ui.test_ui_workflow_search_export import menu_action

    english = seed(window, [0])
    task = window.tm.pretranslate(70)
    qtbot.waitUntil(lambda: task not in window.tm._tasks)
    window.tm.session.edit(1, "A person's English.")
    path = tmp_path / "out.tmx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(path), ""))
    menu_action(window, "&File", "TMX 1.4b translation memory…").trigger()
    data = path.read_text(encoding="utf-8")
    assert "A person's English." in data and english[0] not in data
    assert "1 segment from TM left out until you edit or approve them" in window.statusBar().currentMessage()


def test_a_memory_locked_by_another_bayan_never_holds_the_window_and_gets_the_unit_later(qtbot, window):
    import sqlite3

    other = sqlite3.connect(window.tm.tm.path, isolation_level=None)   # `bayan tm import` elsewhere
    other.execute("BEGIN IMMEDIATE")
    session = window.tm.session
    session.edit(1, "A person's English, typed while the memory was locked.")
    feed = window.tm.feed
    assert feed is not None and 1 in feed.pending and window.tm.retry_timer.isActive()
    other.execute("ROLLBACK")
    qtbot.waitUntil(lambda: not feed.pending, timeout=10000)   # the retry timer wrote it
    assert "A person's English, typed while the memory was locked." in {u.target for u in window.tm.tm.units()}
    other.close()
