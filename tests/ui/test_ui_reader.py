"""The reading window, driven as a user would: library clicks, mouse, keys, zoom."""
from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QColor, QFontInfo

from reader.paths import corpus_dir
from reader.ui.main_window import MainWindow
from reader.ui.segment_model import NOT_TRANSLATED
from tests.core.test_segmentation import EXPECTED_SEGMENTS


def click_entry(qtbot, win, doc_id):
    item = win.library.entry_item(doc_id)
    rect = win.library.list.visualItemRect(item)
    qtbot.mouseClick(win.library.list.viewport(), Qt.LeftButton, pos=rect.center())


def settle(qtbot, win):
    """Wait until the batched list has laid out its first rows and they stay put."""
    def geometry():
        return [win.view.visualRect(win.model.index(r)) for r in range(min(6, win.model.rowCount()))]

    qtbot.waitUntil(lambda: geometry() and geometry()[0].height() > 0)
    previous = None
    for _ in range(50):
        qtbot.wait(20)
        current = geometry()
        if current == previous:
            return
        previous = current


def point_in(win, row, side):
    rect = win.view.visualRect(win.model.index(row))
    en, ar = win.view.delegate.columns(rect)
    area = ar if side == "ar" else en
    # On the first line of text (the middle of a row can fall beside a short last line).
    y = win.view.delegate.row_areas(win.model, row, rect)[side].top() + 20
    x = area.right() - 30 if side == "ar" else area.left() + 30
    return QPoint(int(x), int(y))


def pixel(win, pos):
    return QColor(win.view.viewport().grab().toImage().pixel(pos))


def test_library_lists_statements_by_date(window):
    dates = [window.library.list.item(i).data(Qt.UserRole + 1).date for i in range(window.library.list.count())]
    assert len(dates) == 5
    assert dates == sorted(dates)


@pytest.mark.parametrize("doc_id,count", sorted(EXPECTED_SEGMENTS.items()))
def test_each_statement_opens_with_rows_aligned(qtbot, window, doc_id, count):
    click_entry(qtbot, window, doc_id)
    settle(qtbot, window)
    assert window.document.doc_id == doc_id
    assert window.model.rowCount() == count
    bottom = -1
    for row in range(count):
        seg = window.document.segments[row]
        index = window.model.index(row)
        assert window.model.data(index, Qt.UserRole + 1) == seg.text
        # Arabic and English of segment i share row i, and rows never overlap.
        assert window.model.data(index).split("\n") == [seg.text, window.model.english_placeholder]
    window.view.scrollToTop()
    settle(qtbot, window)
    for row in range(min(count, 6)):
        rect = window.view.visualRect(window.model.index(row))
        assert rect.top() > bottom
        bottom = rect.bottom()
        hit_ar = window.view.hit(point_in(window, row, "ar"))
        assert hit_ar is not None and (hit_ar.row, hit_ar.side) == (row, "ar")


def test_english_column_says_not_translated_and_never_invents_english(qtbot, window):
    window.restore_last()
    settle(qtbot, window)
    for row in range(window.model.rowCount()):
        assert window.model.translation(row) is None
    text, placeholder = window.view.delegate.side_text(window.model, 0, "en")
    # Either "not translated yet" or, with no model installed, nothing: one banner says how to get one.
    assert placeholder and text == window.model.english_placeholder
    assert text == NOT_TRANSLATED or (text == "" and window.first_run.banner.isVisible())
    # The placeholder is not clickable text: a click there hits nothing.
    assert window.view.hit(point_in(window, 0, "en")) is None


def test_hovering_arabic_highlights_its_english_partner(qtbot, window):
    window.restore_last()
    settle(qtbot, window)
    window.view.selectionModel().clear()
    qtbot.mouseMove(window.view.viewport(), point_in(window, 2, "ar"))
    qtbot.waitUntil(lambda: window.view.hover_state()[0] == 2)
    hover = QColor(window.view.delegate.theme.hover)
    en_point = point_in(window, 2, "en")
    en_point.setX(en_point.x() + 200)  # a blank spot of the English half
    assert pixel(window, en_point) == hover
    other = point_in(window, 3, "en")
    other.setX(other.x() + 200)
    assert pixel(window, other) != hover


def test_clicking_english_selects_the_row_on_both_sides(qtbot, window):
    window.restore_last()
    settle(qtbot, window)
    qtbot.mouseClick(window.view.viewport(), Qt.LeftButton, pos=point_in(window, 1, "en"))
    assert window.view.current_row() == 1
    rect = window.view.visualRect(window.model.index(1))
    _, ar = window.view.delegate.columns(rect)
    blank_ar = QPoint(int(ar.left() + 5), int(rect.bottom() - 3))
    assert pixel(window, blank_ar) == QColor(window.view.delegate.theme.selected)
    assert window.position.text() == f"Segment 2 of {window.model.rowCount()}"


def test_keyboard_moves_between_segments(qtbot, window):
    window.restore_last()
    settle(qtbot, window)
    window.view.setFocus()
    assert window.view.current_row() == 0
    for key, expected in [(Qt.Key_J, 1), (Qt.Key_Down, 2), (Qt.Key_J, 3), (Qt.Key_K, 2), (Qt.Key_Up, 1)]:
        qtbot.keyClick(window.view, key)
        assert window.view.current_row() == expected
    qtbot.keyClick(window.view, Qt.Key_Up)
    qtbot.keyClick(window.view, Qt.Key_K)
    assert window.view.current_row() == 0


def test_zoom_changes_text_size_and_is_remembered(qtbot, window, show_window):
    window.restore_last()
    settle(qtbot, window)
    before = window.view.delegate.arabic_font.pointSizeF()
    height_before = window.view.sizeHintForRow(0)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key_Equal, Qt.ControlModifier)
    qtbot.keyClick(window.view, Qt.Key_Equal, Qt.ControlModifier)
    assert window.view.delegate.arabic_font.pointSizeF() > before
    assert window.view.sizeHintForRow(0) > height_before
    window.close()
    again = show_window(MainWindow())
    again.view.setFocus()
    assert again.zoom == 2
    assert again.view.delegate.arabic_font.pointSizeF() == pytest.approx(window.view.delegate.arabic_font.pointSizeF())
    qtbot.keyClick(again.view, Qt.Key_0, Qt.ControlModifier)
    assert again.zoom == 0
    qtbot.keyClick(again.view, Qt.Key_Minus, Qt.ControlModifier)
    assert again.view.delegate.arabic_font.pointSizeF() < before


def test_last_opened_document_reopens(qtbot, window):
    click_entry(qtbot, window, "003_6f9cdc285af6822d")
    window.close()
    again = MainWindow()
    qtbot.addWidget(again)
    again.restore_last()
    assert again.document.doc_id == "003_6f9cdc285af6822d"
    assert again.library.list.currentItem() is again.library.entry_item("003_6f9cdc285af6822d")


def test_arabic_is_set_in_a_naskh_font(window):
    info = QFontInfo(window.view.delegate.arabic_font)
    assert info.family() in ("Amiri", "Noto Naskh Arabic")


def test_missing_corpus_file_is_reported_and_the_rest_still_opens(qtbot, tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    shutil.copytree(corpus_dir(), corpus)
    (corpus / "001_5f247187310cf1e3.txt").unlink()
    (corpus / "003_6f9cdc285af6822d.txt").write_bytes(b"\x00\x01\x02binary\x00" * 100)
    monkeypatch.setenv("BAYAN_CORPUS", str(corpus))
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    click_entry(qtbot, win, "001_5f247187310cf1e3")
    assert win.message.isVisible()
    assert "was not found" in win.message.text()
    click_entry(qtbot, win, "003_6f9cdc285af6822d")
    assert "binary" in win.message.text()
    click_entry(qtbot, win, "004_bb9c77e55452a9c2")
    assert not win.message.isVisible()
    assert win.model.rowCount() == EXPECTED_SEGMENTS["004_bb9c77e55452a9c2"]


def test_a_row_repaints_with_its_new_english_and_height(qtbot, window):
    """Laid-out rows are kept between paints: a changed English must still show at once."""
    window.restore_last()
    settle(qtbot, window)
    session = window.context.session

    def english_column():
        rect = window.view.visualRect(window.model.index(0))
        en, _ = window.view.delegate.columns(rect)
        return rect.height(), window.view.viewport().grab(en.toRect()).toImage()

    old = session.english(0)
    session.edit(0, "Short.")
    qtbot.waitUntil(lambda: english_column()[0] > 0)
    short_height, short_image = english_column()
    session.edit(0, "A much longer English sentence that wraps over several lines of the column. " * 12)
    qtbot.waitUntil(lambda: english_column()[0] > short_height)
    assert english_column()[1] != short_image
    session.edit(0, "Short.")
    qtbot.waitUntil(lambda: english_column()[0] == short_height)
    assert english_column()[1] == short_image
    session.edit(0, old)


@pytest.mark.parametrize("interlinear", [False, True])
def test_the_status_letter_never_covers_the_text(qtbot, window, interlinear):
    """Interlinear rows have no gutter: the E of an edited row sat on the first letters of its
    English's last line. The letter now has a column of its own in both layouts."""
    window.restore_last()
    settle(qtbot, window)
    window.study.interlinear_action.setChecked(interlinear)
    window.context.session.edit(0, "The coalition met today to agree the next steps of the campaign. " * 3)
    qtbot.waitUntil(lambda: window.view.visualRect(window.model.index(0)).height() > 0)
    view = window.view
    letter = view.status_letter_rect(0)
    areas = view.delegate.row_areas(window.model, 0, view.visualRect(window.model.index(0)))
    assert QRectF(view.visualRect(window.model.index(0))).contains(letter)
    for side in ("ar", "en"):
        assert not letter.intersects(areas[side]), (side, letter, areas[side])
