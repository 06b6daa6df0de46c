"""The real window under hostile conditions: start-up problems, failed saves, stuck loads."""
from __future__ import annotations

import gc
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextOption

from reader import responsiveness, safe_db
from reader.importers import document_from_text
from reader.project_store import project_path

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture
def started(qtbot, show_window):
    """The window as `bayan` builds it (profile checked first), shown."""
    from reader.ui.app import build_window

    def start():
        return show_window(build_window())
    return start


def test_a_start_up_problem_stays_until_dismissed(isolated_profile, started, qtbot):
    glossary = isolated_profile / "glossary"
    glossary.mkdir(parents=True)
    (glossary / "user.tbx").write_text("<tbx><broken")
    window = started()
    qtbot.waitUntil(lambda: window.document is not None)  # the last document was restored
    notices = window.notices.texts()
    assert len(notices) == 1 and "user.tbx" in notices[0] and "kept, not deleted" in notices[0]
    assert window.notices.isVisible()
    window.open_document(document_from_text("نص آخر."))
    assert window.notices.texts() == notices  # a new document does not clear it
    qtbot.mouseClick(window.notices.dismiss_buttons()[0], Qt.LeftButton)
    qtbot.waitUntil(lambda: not window.notices.isVisible())


def test_start_up_sets_the_interpreter_for_a_window_beside_busy_workers(started):
    """The window's thread takes the interpreter back from a worker within 1 ms, and what
    start-up loaded (the glossary) is out of the full collections that stop every thread."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(0.005)
    try:
        window = started()
        assert sys.getswitchinterval() == pytest.approx(responsiveness.SWITCH_INTERVAL_S)
        assert not any(o is window.context.glossary for o in gc.get_objects())
    finally:
        sys.setswitchinterval(before)


def test_a_data_folder_that_is_a_file_starts_a_read_only_session_with_a_banner(tmp_path, monkeypatch, started):
    target = tmp_path / "file"
    target.write_text("x")
    monkeypatch.setenv("BAYAN_DATA_DIR", str(target))
    window = started()
    assert window.notices.texts()[0].startswith("Read-only session")
    window.grab().save("/tmp/hostile-read-only.png")


def test_a_failed_save_is_shown_kept_and_retried(window, monkeypatch, qtbot):
    monkeypatch.setattr(safe_db, "BUSY_TIMEOUT_S", 0.1)
    doc = document_from_text("الجملة الأولى.\nالجملة الثانية.\n")
    window.open_document(doc)
    session = window.context.session
    window.editing.retry_timer.setInterval(50)  # the retry period, shortened for the test
    holder = sqlite3.connect(project_path(doc.doc_id), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    session.edit(0, "The first sentence.")
    session.edit(1, "The second sentence.")
    assert "2 changes not saved yet" in window.message.text()
    assert "another Bayan program" in window.message.text()
    assert window.model.translation(0) == "The first sentence."
    holder.execute("ROLLBACK")
    holder.close()
    qtbot.waitUntil(lambda: not window.message.isVisible(), timeout=5000)
    assert [session.store.get(i).target for i in (0, 1)] == ["The first sentence.", "The second sentence."]
    assert session.undo() == 1  # the saved changes are in the undo history, in order


def test_an_english_paragraph_in_the_arabic_column_is_laid_out_left_to_right(window):
    window.open_document(document_from_text("قال المتحدث إن الاجتماع انتهى.\nThe meeting ended (see annex).\n"))
    delegate, model = window.view.delegate, window.model
    direction = [delegate.layout(model, row, "ar", 400).textOption().textDirection() for row in range(2)]
    assert direction == [Qt.RightToLeft, Qt.LeftToRight]
    assert delegate.layout(model, 1, "ar", 400).textOption().alignment() & Qt.AlignLeft
    assert isinstance(delegate.layout(model, 0, "ar", 400).textOption(), QTextOption)


@pytest.mark.parametrize("cancelled", [False, True])
def test_closing_the_window_ends_the_process_while_a_load_is_stuck(tmp_path, cancelled):
    """A worker stuck in a library call must not keep Bayan alive after its window closes,
    nor one whose opening was cancelled (abandoned: no longer the window's)."""
    script = textwrap.dedent("""
        import sys, threading
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication
        import reader.ui.editing_feature as editing
        from reader.ui import app as bayan_app

        stuck = threading.Event()
        def load_document(path):
            stuck.set()
            threading.Event().wait()  # never returns, like a hung parser
        editing.load_document = load_document

        qt = QApplication([])
        window = bayan_app.build_window([sys.argv[1]])
        def close_when_stuck():
            if stuck.is_set():
                if sys.argv[2] == "cancel":
                    window.editing.cancel_loading()
                window.close()
            else:
                QTimer.singleShot(20, close_when_stuck)
        QTimer.singleShot(20, close_when_stuck)
        window.show()
        code = qt.exec()
        bayan_app._exit_even_if_busy(window, code)
    """)
    doc = tmp_path / "a.txt"
    doc.write_text("نص.")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen",
           "BAYAN_DATA_DIR": str(tmp_path / "profile")}
    result = subprocess.run([sys.executable, "-c", script, str(doc), "cancel" if cancelled else "close"],
                            env=env, timeout=60, capture_output=True)
    assert result.returncode == 0, result.stderr.decode()[-2000:]


def test_the_encoding_used_and_damage_found_are_shown(window, tmp_path, qtbot):
    path = tmp_path / "damaged.txt"
    path.write_bytes("قال المتحدث إن الاجتماع انتهى.".encode() + b"\xff" + " وانتهى.".encode())
    window.open_path(str(path))
    qtbot.waitUntil(lambda: window.document is not None and window.document.title == "damaged")
    assert "Read as utf-8" in window.statusBar().currentMessage()
    assert "1 invalid byte sequence replaced" in window.message.text()


def test_a_glossary_with_bad_rows_offers_to_import_the_rest(window, tmp_path, qtbot):
    path = tmp_path / "g.csv"
    path.write_text("التحالف\x00,coalition\nبلا ترجمة,\nالوزير,minister\n", encoding="utf-8")
    feature = window.glossary_feature
    feature.import_file(str(path))
    box = feature.partial_import_box
    qtbot.waitUntil(box.isVisible)
    assert "line 2:" in box.text() and "Nothing was imported" in box.text()
    assert feature.glossary.user_terms == []
    rest = next(b for b in box.buttons() if b.text() == "Import the Other Rows")
    qtbot.mouseClick(rest, Qt.LeftButton)
    qtbot.waitUntil(lambda: len(feature.glossary.user_terms) == 2)
    assert sorted(t.english for t in feature.glossary.user_terms) == ["coalition", "minister"]


def test_a_broken_model_is_listed_as_broken_in_the_models_dialog(tiny_model, qtbot):
    from reader.ui.model_dialog import ModelDialog

    (tiny_model.path / "sentencepiece.model").unlink()
    dialog = ModelDialog()
    qtbot.addWidget(dialog)
    assert dialog.models() == ["translate-ar_en-tiny — broken: sentencepiece.model cannot be read (No such file "
                               "or directory)"]
