"""The QA panel in the running window: findings follow edits, jump to the segment, ignore, export."""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt

from reader.qa.ignores import Ignores
from reader.ui.themes import apply_theme

TEXT = "قتل ٢٥ شخصا في الهجوم.\nوقال الوزير إن العمل مستمر.\nوأكد الوزير التزامه بالعمل.\n"


def open_file(qtbot, win, path):
    with qtbot.waitSignal(win.documentOpened, timeout=10000):
        win.open_path(str(path))


def shown(panel) -> list[tuple[int, str]]:
    return [(f.segment, f.check) for f in panel.findings]


def test_findings_follow_edits_jump_and_stay_ignored(qtbot, make_window, tmp_path):
    path = tmp_path / "statement.txt"
    path.write_text(TEXT, encoding="utf-8")
    win = make_window(auto=False)
    open_file(qtbot, win, path)
    session = win.context.session
    session.edit(0, "26 people were killed in the attack.")
    session.edit(1, "The minister said the work continues.")
    session.edit(2, "The minister  affirmed his commitment to the work.")

    qtbot.keyClick(win, Qt.Key.Key_F8)
    panel = win.qa_panel
    qtbot.waitUntil(lambda: panel.isVisible() and shown(panel) == [(0, "numbers"), (2, "spacing")])
    assert panel.summary.text() == "2 findings"

    # Clicking a finding takes the reader to its segment.
    item = panel.list.item(1)
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=panel.list.visualItemRect(item).center())
    assert win.view.current_row() == 2

    # Fixing the English clears its finding (the panel listens to the session).
    session.edit(0, "25 people were killed in the attack.")
    qtbot.waitUntil(lambda: shown(panel) == [(2, "spacing")])

    panel.list.setCurrentRow(0)
    qtbot.mouseClick(panel.ignore_button, Qt.MouseButton.LeftButton)
    assert shown(panel) == [] and panel.summary.text() == "No findings. (1 ignored)"
    # Remembered for this document across runs.
    assert len(Ignores(session.doc_id).keys) == 1

    out = tmp_path / "qa.csv"
    session.edit(1, "")
    qtbot.waitUntil(lambda: shown(panel) == [(1, "empty")])
    panel.export_to(str(out))
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[1].startswith("2,empty,The English is empty.,وقال الوزير")


def test_a_large_document_is_checked_off_the_gui_thread(qtbot, make_window, tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("".join(f"وقال الوزير إن العمل مستمر رقم {n}.\n" for n in range(600)), encoding="utf-8")
    win = make_window(auto=False)
    open_file(qtbot, win, path)
    win.context.session.set_machine_many([(n, f"The minister said work number {n} continues.")
                                          for n in range(600) if n != 450])
    win.context.session.set_machine(450, "The minister said work number 451 continues.")
    panel = win.qa_panel
    qtbot.keyClick(win, Qt.Key.Key_F8)
    # The check runs in a Task: the window goes on while the panel says what it is doing.
    assert panel._task is not None and panel.summary.text() == "Checking 600 segments…"  # noqa: SLF001
    qtbot.waitUntil(lambda: panel._task is None and bool(panel.findings), timeout=20000)  # noqa: SLF001
    assert shown(panel) == [(450, "numbers")]


def test_opening_another_document_mid_check_shows_only_the_new_documents_findings(qtbot, make_window, tmp_path):
    long = tmp_path / "long.txt"
    long.write_text("".join(f"وقال الوزير إن العمل مستمر رقم {n}.\n" for n in range(600)), encoding="utf-8")
    short = tmp_path / "short.txt"
    short.write_text(TEXT, encoding="utf-8")
    win = make_window(auto=False)
    open_file(qtbot, win, long)
    qtbot.keyClick(win, Qt.Key.Key_F8)
    panel = win.qa_panel
    assert panel._task is not None  # noqa: SLF001 - 600 untranslated segments being checked
    open_file(qtbot, win, short)
    qtbot.waitUntil(lambda: shown(panel) == [(0, "empty"), (1, "empty"), (2, "empty")], timeout=20000)
    qtbot.waitUntil(lambda: panel._task is None)  # noqa: SLF001
    assert shown(panel) == [(0, "empty"), (1, "empty"), (2, "empty")]


def test_closing_the_window_mid_check_stops_the_check_before_the_process_ends(qtbot, make_window, tmp_path,
                                                                             monkeypatch):
    import threading

    from reader.ui import qa_panel
    from reader.ui.task import abandoned

    check_file = qa_panel.check_file

    def slow_check(units, qa, cancelled=None, memo=None):  # timing only: stops when told, as the checks do
        for _ in range(1500):
            if cancelled is not None and cancelled():
                break
            threading.Event().wait(0.01)
        return check_file(units, qa, cancelled, memo)

    monkeypatch.setattr(qa_panel, "check_file", slow_check)
    long = tmp_path / "long.txt"
    long.write_text("".join(f"وقال الوزير إن العمل مستمر رقم {n}.\n" for n in range(3000)), encoding="utf-8")
    win = make_window(auto=False)
    open_file(qtbot, win, long)
    qtbot.keyClick(win, Qt.Key.Key_F8)
    task = win.qa_panel._task  # noqa: SLF001
    assert task is not None and task.isRunning()
    win.close()
    # A thread still running when Python exits aborts the process ("QThread: Destroyed while
    # thread is still running"); the check was told to stop and has.
    assert not task.isRunning() and abandoned() == 0


def test_the_same_arabic_rendered_otherwise_in_another_of_your_documents_is_found(qtbot, make_window, tmp_path):
    win = make_window(auto=False)
    qtbot.waitUntil(lambda: win.tm.tm is not None)  # the memory follows what the person writes
    earlier = tmp_path / "earlier.txt"
    earlier.write_text("وقال الوزير إن العمل مستمر.\n", encoding="utf-8")
    open_file(qtbot, win, earlier)
    win.context.session.edit(0, "The minister said the work continues.")
    qtbot.waitUntil(lambda: len(win.tm.tm) == 1)
    later = tmp_path / "later.txt"
    later.write_text(TEXT, encoding="utf-8")
    open_file(qtbot, win, later)
    session = win.context.session
    session.edit(1, "The minister said work was going on.")
    qtbot.keyClick(win, Qt.Key.Key_F8)
    panel = win.qa_panel
    qtbot.waitUntil(lambda: (1, "inconsistency") in shown(panel))
    finding = next(f for f in panel.findings if f.check == "inconsistency")
    assert finding.message == ("Same Arabic as segment 1 of “earlier”, which reads "
                               "“The minister said the work continues.”.")
    # Rendering it as before clears the finding.
    session.edit(1, "The minister said the work continues.")
    qtbot.waitUntil(lambda: (1, "inconsistency") not in shown(panel))


def test_untranslated_segments_are_one_line_under_the_real_findings(qtbot, make_window, tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("قتل ٢٥ شخصا في الهجوم.\n" + "".join(f"وقال الوزير إن العمل مستمر رقم {n}.\n"
                                                       for n in range(60)), encoding="utf-8")
    win = make_window(auto=False)
    open_file(qtbot, win, path)
    session = win.context.session
    session.edit(0, "26 people were killed in the attack.")
    session.edit(1, "The minister said the work continues.")
    qtbot.keyClick(win, Qt.Key.Key_F8)
    panel = win.qa_panel
    qtbot.waitUntil(lambda: panel.isVisible() and panel.list.count() == 2)
    assert panel.list.item(0).text().startswith("Segment 1 · numbers")   # the real finding on top
    assert panel.list.item(1).text().startswith("Untranslated · 59 segments have no English yet")
    assert panel.summary.text() == "1 finding · 59 segments have no English yet"

    # The line goes to the next segment with no English, then the one after.
    win.view.go_to_row(1)
    panel.list.itemActivated.emit(panel.list.item(1))
    assert win.view.current_row() == 2
    session.edit(2, "The minister said the work continues, again.")
    qtbot.waitUntil(lambda: panel.list.count() == 2 and "58 segments" in panel.list.item(1).text())
    panel.list.itemActivated.emit(panel.list.item(1))
    assert win.view.current_row() == 3

    # Ignoring the line hides nothing: those segments still need translating.
    panel.list.setCurrentRow(1)
    qtbot.mouseClick(panel.ignore_button, Qt.MouseButton.LeftButton)
    assert "58 segments" in panel.list.item(1).text()
    win.resize(1024, 700)
    for theme in ("light", "dark"):
        apply_theme(win, theme)
        assert win.grab().save(str(Path(os.environ.get("BAYAN_PNG_DIR", "/tmp")) / f"bayan-qa-untranslated-{theme}.png"))
    session.edit(0, "25 people were killed in the attack.")   # no real finding left: the line alone
    qtbot.waitUntil(lambda: panel.list.count() == 1)
    assert panel.summary.text() == "58 segments have no English yet"
