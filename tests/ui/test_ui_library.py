"""The library lists the user's documents, highlights the one being read, and a relaunch
reopens the last document where the reader stopped."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from reader.document import Document
from reader.ui.main_window import MainWindow

PASTED = "الفقرة الأولى من النص الملصوق.\n\n" + "\n\n".join(f"الجملة رقم {i} في النص." for i in range(2, 30))


def texts(lst):
    """What a person reads: the bidi isolates that order the runs are not seen."""
    return [lst.item(i).text().translate(ISOLATES) for i in range(lst.count())]


ISOLATES = dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069"))


def test_a_document_without_a_title_is_named_by_its_first_words_wherever_it_is_named(window, qtbot):
    """Text copied from a web page starts with a right-to-left mark: the library showed an
    empty line above "0/29 approved · pasted text", the header nothing; a document made from
    text alone (no title, no id) was "Untitled" or its internal id."""
    QGuiApplication.clipboard().setText("\u200f\n" + PASTED)
    window.editing.paste_action.trigger()
    qtbot.waitUntil(lambda: window.model.rowCount() == 29)
    first = "الفقرة الأولى من النص الملصوق."
    assert texts(window.library.recent_list)[0].split("\n") == [first, "0/29 approved · pasted text"]
    assert window.windowTitle() == f"{first} — Bayan"
    assert window.header_arabic.text() == first
    assert window.library.recent_list.item(0).toolTip().startswith(first)

    window.open_document(Document.from_text("\n\n".join(f"جملة رقم {i} من نص بلا عنوان." for i in range(3)),
                                            doc_id="made-from-text"))
    qtbot.waitUntil(lambda: window.model.rowCount() == 3)
    assert texts(window.library.recent_list)[0].split("\n")[0] == "جملة رقم 0 من نص بلا عنوان."
    assert window.windowTitle() == "جملة رقم 0 من نص بلا عنوان. — Bayan"


def test_a_remembered_document_listed_without_a_title_is_named_by_the_day_it_was_pasted(tmp_path):
    """recent.json from an older Bayan holds untitled pasted documents."""
    from reader.recent import PASTED as PASTED_SOURCE, RecentDocument

    old = RecentDocument("doc_0123456789abcdef", "\u200f", PASTED_SOURCE, opened=1_764_417_600.0)  # noon UTC
    assert old.name == "Pasted text, 29 Nov 2025"


def test_opened_and_pasted_documents_are_listed_with_progress(window, qtbot, tmp_path):
    path = tmp_path / "تقرير.txt"
    path.write_text("تقرير قصير عن الاجتماع.\n\nوجملة ثانية هنا.", encoding="utf-8")
    window.open_path(str(path))
    qtbot.waitUntil(lambda: window.document is not None and window.model.rowCount() == 2)
    QGuiApplication.clipboard().setText(PASTED)
    window.editing.paste_action.trigger()
    qtbot.waitUntil(lambda: window.model.rowCount() == 29)
    recent = window.library.recent_list
    assert recent.isVisible()
    shown = texts(recent)
    assert len(shown) == 2
    assert shown[0].startswith("الفقرة الأولى") and "pasted text" in shown[0]  # most recent first
    assert "تقرير.txt" in shown[1] and "0/2 approved" in shown[1]
    # The library highlights what is being read, not the statement read before.
    assert recent.currentItem() is window.library.recent_item(window.document.doc_id)
    assert window.library.list.currentItem() is None

    # Clicking the file's row opens it again.
    rect = recent.visualItemRect(recent.item(1))
    qtbot.mouseClick(recent.viewport(), Qt.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.model.rowCount() == 2)
    assert window.document.title == "تقرير"


def test_a_documents_approved_count_follows_approvals_at_once(window, qtbot, tmp_path):
    """It once said "0/2 approved" while the status bar said Approved 1, until the reader moved."""
    path = tmp_path / "report.txt"
    path.write_text("تقرير قصير عن الاجتماع.\n\nوجملة ثانية هنا.", encoding="utf-8")
    window.open_path(str(path))
    qtbot.waitUntil(lambda: window.document is not None and window.model.rowCount() == 2)
    session = window.context.session
    session.edit(0, "A short report on the meeting.")
    session.approve(0)
    item = window.library.recent_item(window.document.doc_id)
    assert "1/2 approved" in item.text()
    session.undo()
    assert "0/2 approved" in item.text()


def test_relaunch_reopens_the_pasted_document_at_its_last_segment(window, qtbot, show_window):
    QGuiApplication.clipboard().setText(PASTED)
    window.editing.paste_action.trigger()
    qtbot.waitUntil(lambda: window.model.rowCount() == 29)
    window.view.setFocus()
    for _ in range(12):
        qtbot.keyClick(window.view, Qt.Key_Down)
    assert window.view.current_row() == 12
    doc_id = window.document.doc_id
    window.close()
    QGuiApplication.clipboard().clear()

    again = MainWindow()
    again.resize(1200, 800)
    show_window(again)
    again.restore_last()
    qtbot.waitUntil(lambda: again.document is not None)
    assert again.document.doc_id == doc_id and again.model.rowCount() == 29
    assert again.view.current_row() == 12
    assert 12 in again.view.visible_rows()
    assert "at segment 13" in again.library.recent_list.item(0).text()
