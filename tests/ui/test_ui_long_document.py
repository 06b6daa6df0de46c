"""A long document (~6,000 segments) read while the tiny real model translates it."""
from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest

from reader.corpus import load_manifest
from reader.document import Document
from reader.ui.themes import apply_theme

ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def long_document(paragraphs: int = 3000) -> Document:
    """Corpus sentences in 3,000 paragraphs of 1-3, each numbered so none repeats (repeated
    sentences are translated once, which would make the translation end too soon)."""
    sentences = [s.text for e in load_manifest() for s in e.load().segments if s.kind == "sentence"]
    paras = []
    for p in range(paragraphs):
        parts = [f"{str(p * 3 + j).translate(ARABIC_DIGITS)} {sentences[(p * 3 + j) % len(sentences)]}"
                 for j in range(1 + p % 3)]
        paras.append(" ".join(parts))
    return Document.from_text("\n\n".join(paras), doc_id="long", title="Long")


def ink(image: QImage, area: QRect) -> float:
    """Share of sampled pixels in ``area`` that are not the background (the commonest colour)."""
    samples = [image.pixel(x, y) for x in range(area.left(), area.right(), 3)
               for y in range(area.top(), area.bottom(), 3)]
    background = Counter(samples).most_common(1)[0][0]
    return sum(p != background for p in samples) / len(samples)


def columns_inked(win) -> tuple[float, float]:
    """(English, Arabic) ink of the reading pane as it is painted now."""
    image = win.view.viewport().grab().toImage()
    half = image.width() // 2
    return ink(image, QRect(0, 0, half, image.height())), ink(image, QRect(half, 0, half, image.height()))


def test_long_document_shows_rows_and_keeps_its_place_while_translating(tiny_model, window, qtbot):
    doc = long_document()
    assert len(doc.segments) > 5000
    controller = window.translation.controller
    window.open_document(doc)
    qtbot.waitUntil(controller.running, timeout=10000)
    # Rows on screen are translated first: English shows while the rest is still translating.
    qtbot.waitUntil(lambda: window.model.translation(0) is not None, timeout=60000)
    assert controller.running()
    english, arabic = columns_inked(window)
    assert arabic > 0.02 and english > 0.01, "the reading pane is blank while the document translates"

    # Keys move through the document, and where the reader went stays on screen while
    # more English arrives (every result used to lay the whole list out again).
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key_Down)
    assert window.view.current_row() == 1
    window.view.go_to_row(4000)
    qtbot.waitUntil(lambda: 4000 in window.view.visible_rows())
    done = sum(window.model.translation(r) is not None for r in range(window.model.rowCount()))
    qtbot.waitUntil(lambda: sum(window.model.translation(r) is not None
                                for r in range(window.model.rowCount())) >= done + 20, timeout=60000)
    assert controller.running()
    assert 4000 in window.view.visible_rows()
    english, arabic = columns_inked(window)
    assert arabic > 0.02 and english > 0.005  # the placeholder line at least
    controller.close()


def test_far_down_a_long_document_a_jump_new_layout_theme_and_click_lay_out_only_the_rows_shown(window, qtbot):
    """Qt's item views place a row off screen by measuring every row between it and the top one,
    and add up the heights of every row above the top one on each mouse press and, under the app's
    style sheet, each paint of the pane: a jump 2,500 rows down, and after it a new layout (every
    height measured again), theme or a click, each laid out thousands of rows (1.3 s to change
    the theme 1,500 rows down with the gloss line on)."""
    window.open_document(long_document(1500))
    view = window.view
    view.viewport().grab()
    measured: list[int] = []
    laid = view.delegate._laid

    def counting(model, row, *args, **kwargs):
        measured.append(row)
        return laid(model, row, *args, **kwargs)

    view.delegate._laid = counting
    try:
        view.go_to_row(2500)
        qtbot.waitUntil(lambda: 2500 in view.visible_rows())
        view.viewport().grab()  # painted there
        window.study.interlinear_action.setChecked(True)  # every row's height measured again
        view.viewport().grab()
        apply_theme(window, "dark")
        view.viewport().grab()  # painted with the new style
        shown = view.visible_rows()
        row = shown.start + 1
        point = view.visualRect(window.model.index(row)).center()
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
        assert view.current_row() == row
    finally:
        view.delegate._laid = laid
        apply_theme(window, "light")
        window.study.interlinear_action.setChecked(False)
    # The rows on screen, and the last screen of the document (which sets the scroll bar's range).
    assert len(set(measured)) < 100, f"{len(set(measured))} rows laid out"
    assert not [r for r in measured if 50 < r < shown.start - 20]
