"""Post-editing in the window, driven with mouse and keys: edit, status, approve, undo, autosave, open."""
from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QMessageBox
import pytest

from reader.theme_colours import LIGHT
from reader.importers import load_document
from reader.project_store import ProjectStore
from reader.ui.main_window import MainWindow

TEXT = ("اجتمع وزراء خارجية التحالف في بروكسل.\n"
        "وأكدوا التزامهم بهزيمة داعش. وقال الوزير إن العمل مستمر.\n")


@pytest.fixture
def statement(tmp_path):
    path = tmp_path / "statement.txt"
    path.write_text(TEXT, encoding="utf-16")
    return path


def open_file(qtbot, win, path):
    with qtbot.waitSignal(win.documentOpened, timeout=10000):
        win.open_path(str(path))
    qtbot.waitUntil(lambda: win.view.visualRect(win.model.index(0)).height() > 0)


def english_point(win, row):
    rect = win.view.visualRect(win.model.index(row))
    en, _ = win.view.delegate.columns(rect)
    return QPoint(int(en.left() + 40), int(rect.center().y()))


def edit_by_double_click(qtbot, win, row, text, key=Qt.Key_Return, modifier=Qt.NoModifier):
    # A real double click: press/release, then the second press arrives as a double click.
    qtbot.mouseClick(win.view.viewport(), Qt.LeftButton, pos=english_point(win, row))
    qtbot.mouseDClick(win.view.viewport(), Qt.LeftButton, pos=english_point(win, row))
    editor = win.editing.editor
    assert editor is not None and editor.isVisible()
    qtbot.keyClick(editor, Qt.Key_A, Qt.ControlModifier)
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, key, modifier)


def status_pixel(win, row):
    rect = win.view.visualRect(win.model.index(row))
    image = win.view.viewport().grab().toImage()
    return QColor(image.pixel(4, rect.center().y())).name()


def test_open_file_in_a_worker_then_edit_in_place(qtbot, window, statement):
    open_file(qtbot, window, statement)
    assert window.document.doc_id == load_document(statement).doc_id
    assert window.model.rowCount() == 3
    assert "Untranslated 3" in window.editing.counts_label.text()
    edit_by_double_click(qtbot, window, 0, "Coalition foreign ministers met in Brussels.")
    assert window.editing.editor is None
    assert window.model.translation(0) == "Coalition foreign ministers met in Brussels."
    assert window.model.status(0) == "edited"
    assert "Edited 1" in window.editing.counts_label.text()
    assert window.view.current_row() == 1  # Enter moves on to the next segment
    qtbot.wait(50)
    assert status_pixel(window, 0) == LIGHT.status["edited"]
    assert status_pixel(window, 1) == LIGHT.status["untranslated"]
    # Saved at once, without any explicit save.
    with ProjectStore.for_document(window.document) as store:
        assert (store.get(0).target, store.get(0).status) == ("Coalition foreign ministers met in Brussels.", "edited")


def test_f2_edit_escape_cancels_and_ctrl_return_approves(qtbot, window, statement):
    open_file(qtbot, window, statement)
    window.view.go_to_row(1)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key_F2)
    editor = window.editing.editor
    assert editor is not None
    qtbot.keyClicks(editor, "Throwaway")
    qtbot.keyClick(editor, Qt.Key_Escape)
    assert window.editing.editor is None and window.model.translation(1) is None
    # Enter on a row opens the editor too; Ctrl+Enter saves and approves.
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key_Return)
    qtbot.keyClicks(window.editing.editor, "They affirmed their commitment to defeating ISIS.")
    qtbot.keyClick(window.editing.editor, Qt.Key_Return, Qt.ControlModifier)
    assert window.model.status(1) == "approved"
    assert "Approved 1" in window.editing.counts_label.text()
    qtbot.wait(50)
    assert status_pixel(window, 1) == LIGHT.status["approved"]
    # Ctrl+Return on a row toggles approval of what is there.
    window.view.go_to_row(1)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key_Return, Qt.ControlModifier)
    assert window.model.status(1) == "edited"


def test_undo_and_redo_restore_text_status_and_the_saved_project(qtbot, window, statement):
    open_file(qtbot, window, statement)
    edit_by_double_click(qtbot, window, 0, "First version")
    edit_by_double_click(qtbot, window, 0, "Second version")
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key_Z, Qt.ControlModifier)
    assert window.model.translation(0) == "First version"
    qtbot.keyClick(window.view, Qt.Key_Z, Qt.ControlModifier)
    assert window.model.translation(0) is None and window.model.status(0) == "untranslated"
    assert "Untranslated 3" in window.editing.counts_label.text()
    qtbot.keyClick(window.view, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert window.model.translation(0) == "First version"
    assert window.editing.undo_action.text().startswith("&Undo")
    with ProjectStore.for_document(window.document) as store:
        assert store.get(0).target == "First version"


def test_machine_output_never_replaces_a_human_edit(qtbot, window, statement):
    open_file(qtbot, window, statement)
    edit_by_double_click(qtbot, window, 0, "Human English")
    # What the translation feature does when its engine returns.
    window.context.session.set_machine(0, "machine english")
    window.context.session.set_machine(1, "machine english for row two")
    assert (window.model.translation(0), window.model.status(0)) == ("Human English", "edited")
    assert window.model.status(1) == "machine"
    assert "Machine 1" in window.editing.counts_label.text()
    with ProjectStore.for_document(window.document) as store:
        assert [(s.target, s.status) for s in store.all()][:2] == [
            ("Human English", "edited"), ("machine english for row two", "machine")]


def test_work_is_back_after_reopening(qtbot, show_window, statement):
    first = show_window(MainWindow())
    open_file(qtbot, first, statement)
    edit_by_double_click(qtbot, first, 2, "The minister said the work goes on.")
    first.close()
    second = show_window(MainWindow())
    open_file(qtbot, second, statement)
    assert second.model.translation(2) == "The minister said the work goes on."
    assert second.model.status(2) == "edited"
    assert "Edited 1" in second.editing.counts_label.text()


def test_a_bad_file_gets_an_error_dialog_and_the_open_document_stays(qtbot, window, statement, tmp_path):
    open_file(qtbot, window, statement)
    bad = tmp_path / "photo.txt"
    bad.write_bytes(bytes(range(256)) * 40)
    window.open_path(str(bad))
    qtbot.waitUntil(lambda: window.error_box is not None)
    box = window.error_box
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert "photo.txt looks like a binary file" in box.text()
    assert window.document.doc_id == load_document(statement).doc_id
    box.button(QMessageBox.Ok).click()
    qtbot.waitUntil(lambda: window.error_box is None)


def test_dropping_a_file_opens_it(qtbot, window, statement):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(statement))])
    # What a drag from a file manager delivers: enter (accepted), then the drop.
    enter = QDragEnterEvent(QPoint(300, 300), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QGuiApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(300, 300), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    with qtbot.waitSignal(window.documentOpened, timeout=10000):
        QGuiApplication.sendEvent(window, drop)
    assert window.document.text == TEXT


def test_paste_arabic_as_a_new_document(qtbot, window):
    QGuiApplication.clipboard().setText("نص ملصوق من الحافظة. وجملة ثانية.")
    with qtbot.waitSignal(window.documentOpened, timeout=5000):
        window.editing.paste_action.trigger()
    assert [s.text for s in window.document.segments] == ["نص ملصوق من الحافظة.", "وجملة ثانية."]
    assert window.windowTitle().startswith("نص ملصوق")
    QGuiApplication.clipboard().setText("")
    window.editing.paste_action.trigger()
    assert "clipboard holds no text" in window.error_box.text()


def test_a_slow_open_can_be_cancelled_and_the_current_document_stays(qtbot, window, tmp_path, monkeypatch):
    import threading

    from reader.ui import editing_feature
    from reader.ui.task import abandoned

    release = threading.Event()
    real = editing_feature._load

    def slow(path):  # a load the test holds until the person has cancelled it
        release.wait(30)
        return real(path)

    monkeypatch.setattr(editing_feature, "_load", slow)
    before = window.document
    path = tmp_path / "long.txt"
    path.write_text(TEXT, encoding="utf-8")
    window.open_path(str(path))
    button = window.editing.cancel_button
    qtbot.waitUntil(button.isVisible)
    qtbot.mouseClick(button, Qt.LeftButton)
    assert not button.isVisible() and "cancelled" in window.statusBar().currentMessage()
    assert window.document is before
    # Opened again at once, while the cancelled read is still held: this one opens.
    monkeypatch.setattr(editing_feature, "_load", real)
    with qtbot.waitSignal(window.documentOpened, timeout=10000):
        window.open_path(str(path))
    assert not release.is_set() and window.document is not before
    opened = window.document
    release.set()
    qtbot.waitUntil(lambda: abandoned() == 0)
    assert window.document is opened  # the cancelled read never replaced the document shown
