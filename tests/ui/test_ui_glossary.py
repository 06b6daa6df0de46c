"""Glossary in the reading window: highlights, tooltips, linked hover, concordance, add-term."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from reader.glossary import load_glossary
from reader.glossary.store import user_path
from reader.ui.glossary_feature import CATEGORY_COLORS

DOC = "000_456f884f9b3d3de8"
GOLD = Path(__file__).parent.parent / "gold" / "glossary_occurrences.tsv"


@pytest.fixture
def window(window, qtbot):
    win = window
    win.resize(1300, 800)
    entry = next(e for e in win.library.entries if e.doc_id == DOC)
    assert win.open_entry(entry)
    qtbot.waitUntil(lambda: win.view.visualRect(win.model.index(0)).height() > 0)
    return win


def row_with(win, needle):
    return next(r for r in range(win.model.rowCount()) if needle in win.model.segment(r).text)


def point_for(win, row, side, lo, hi):
    """A viewport point over characters [lo, hi) of a row side, found through the view's own hit test."""
    deadline = time.monotonic() + 5  # rows are measured as they come on screen: wait until this one is
    while time.monotonic() < deadline:
        win.view.scrollTo(win.model.index(row))
        QApplication.processEvents()
        rect = win.view.visualRect(win.model.index(row))
        for y in range(max(rect.top(), 0) + 2, min(rect.bottom(), win.view.viewport().height()), 4):
            for x in range(rect.left(), rect.right(), 3):
                hit = win.view.hit(QPoint(x, y))
                if hit and hit.row == row and hit.side == side and lo <= hit.offset < hi:
                    return QPoint(x, y)
    raise AssertionError(f"no point shows offsets {lo}-{hi} of row {row} ({side})")


def test_terms_are_highlighted_by_category_with_a_tooltip(window):
    row = row_with(window, "لقوات الأمن العراقية")
    text = window.model.segment(row).text
    spans = window.model.spans(row, "ar")
    isf = next(s for s in spans if text[s.start:s.end] == "لقوات الأمن العراقية")
    assert isf.background == CATEGORY_COLORS["force"]
    assert "Iraqi Security Forces" in isf.tooltip and "لـ + قوات الأمن العراقية" in isf.tooltip
    place = next(s for s in window.model.spans(row_with(window, "آمرلي"), "ar") if s.tooltip.startswith("Amerli"))
    assert place.background == CATEGORY_COLORS["place"] != isf.background
    # The tooltip the view shows for a point over the term is the same.
    hit_point = point_for(window, row, "ar", isf.start + 1, isf.end - 1)
    assert window.view.span_at(window.view.hit(hit_point)).tooltip == isf.tooltip


def test_hovering_a_term_lights_its_english_partner(window, qtbot):
    row = row_with(window, "لقوات الأمن العراقية")
    window.context.session.set_machine(row, "We agreed on more training for the Iraqi Security Forces and ISIS.")
    text = window.model.segment(row).text
    ar = {text[s.start:s.end]: s for s in window.model.spans(row, "ar")}
    en_text = window.model.translation(row)
    en = {en_text[s.start:s.end]: s for s in window.model.spans(row, "en")}
    assert ar["لقوات الأمن العراقية"].link and ar["لقوات الأمن العراقية"].link == en["Iraqi Security Forces"].link
    pos = point_for(window, row, "ar", ar["لقوات الأمن العراقية"].start + 1, ar["لقوات الأمن العراقية"].end - 1)
    qtbot.mouseMove(window.view.viewport(), pos)
    qtbot.waitUntil(lambda: window.view.hover_state() == (row, en["Iraqi Security Forces"].link))
    # And from the English side back to the Arabic.
    qtbot.mouseMove(window.view.viewport(), QPoint(1, 1))
    pos = point_for(window, row, "en", en["Iraqi Security Forces"].start + 1, en["Iraqi Security Forces"].end - 1)
    qtbot.mouseMove(window.view.viewport(), pos)
    qtbot.waitUntil(lambda: window.view.hover_state() == (row, ar["لقوات الأمن العراقية"].link))


def test_house_style_changes_what_the_tooltip_says(window):
    feature = window.glossary_feature
    daesh = next(a for a in feature.style_actions.actions() if a.text() == "Daesh")
    daesh.trigger()
    row = row_with(window, "بداعش")
    span = window.model.spans(row, "ar")[-1]
    assert span.tooltip.startswith("Daesh")
    assert load_glossary().house_style == "Daesh"  # remembered


def test_panel_lists_document_terms_and_concordance_jumps_across_the_corpus(window, qtbot):
    panel = window.glossary_feature.panel
    items = [panel.terms.item(i).text() for i in range(panel.terms.count())]
    gold = GOLD.read_text(encoding="utf-8").split("@doc ")[1].splitlines()
    isis_in_gold = sum(1 for line in gold if line.startswith("isis\t"))
    assert items[0] == f"\u2067داعش\u2069 — \u2066ISIS\u2069  ({isis_in_gold})"  # each language isolated
    item = panel.term_item("nato")
    qtbot.mouseClick(panel.terms.viewport(), Qt.LeftButton, pos=panel.terms.visualItemRect(item).center())
    conc = panel.concordance
    assert "occurrences" in panel.heading.text() and conc.count() >= 10
    docs = {conc.item(i).data(Qt.UserRole + 1) for i in range(conc.count())}
    assert docs == {DOC, "001_5f247187310cf1e3"}
    target = next(i for i in range(conc.count()) if conc.item(i).data(Qt.UserRole + 1) != DOC)
    row = conc.item(target).data(Qt.UserRole + 2)
    conc.scrollToItem(conc.item(target))
    qtbot.mouseClick(conc.viewport(), Qt.LeftButton, pos=conc.visualItemRect(conc.item(target)).center())
    assert window.document.doc_id == "001_5f247187310cf1e3"
    assert window.view.current_row() == row
    assert "الناتو" in window.model.segment(row).text or "الأطلسي" in window.model.segment(row).text


def test_add_to_glossary_from_the_context_menu_of_a_word(window, qtbot):
    feature = window.glossary_feature
    row = row_with(window, "نيوبورت")
    start = window.model.segment(row).text.index("نيوبورت")
    pos = point_for(window, row, "ar", start + 1, start + 5)
    menu = window.view.build_context_menu(pos)
    add = next(a for a in menu.actions() if a.text() == "Add “\u2067نيوبورت\u2069” to Glossary…")
    steps = []

    def fill():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, fill)
            return
        ok = dialog.buttons.button(QDialogButtonBox.Ok)
        if not steps:  # first try without English: refused with a reason, nothing lost
            steps.append("empty")
            # Pre-filled: the word clicked and the dictionary's English for it; wide enough to show them.
            assert dialog.arabic.text() == "نيوبورت" and dialog.english.text() == "newport"
            assert dialog.width() >= 480
            assert dialog.english.fontMetrics().horizontalAdvance("United Nations Security Council") \
                < dialog.english.width()
            dialog.english.clear()
            qtbot.mouseClick(ok, Qt.LeftButton)
            QTimer.singleShot(20, fill)
            return
        assert "no English" in dialog.error.text() and dialog.arabic.text() == "نيوبورت"
        qtbot.keyClicks(dialog.english, "Newport")
        dialog.category.setCurrentText("place")
        qtbot.mouseClick(ok, Qt.LeftButton)

    QTimer.singleShot(0, fill)
    add.trigger()
    term = next(t for t in load_glossary().terms if t.headword == "نيوبورت")
    assert term.english == "Newport" and term.category == "place"
    assert user_path().exists() and load_glossary().get(term.id).headword == "نيوبورت"
    text = window.model.segment(row).text
    span = next(s for s in window.model.spans(row, "ar") if text[s.start:s.end] == "نيوبورت")
    assert span.background == CATEGORY_COLORS["place"] and span.tooltip.startswith("Newport")
    assert feature.panel.term_item(term.id) is not None
