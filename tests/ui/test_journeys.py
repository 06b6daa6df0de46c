"""The two journeys of issue 9, end to end, as a translator and a student make them.

Each step asserts what the screen shows, and every screen is rendered in the light and
the dark theme at 1024×700 under $BAYAN_SCREENS (default: a temporary folder) for a
person to look at.
"""
from __future__ import annotations

import os
from pathlib import Path

import lxml.etree as etree
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from translate.storage import tmx as tt_tmx

from reader import settings as keys
from reader.arabic import strip_diacritics
from reader.corpus import load_manifest
from reader.importers import load_document
from reader.ui.main_window import MainWindow
from reader.ui.search_panel import CURRENT_BACKGROUND
from reader.ui.themes import apply_theme
from tests.ui.test_ui_study import click_word
from tests.ui.test_ui_workflow_editing import edit_by_double_click, open_file
from tests.ui.test_ui_workflow_search_export import menu_action, type_text

STATEMENT = "000_456f884f9b3d3de8"
WORD_ROW = 1  # عقدنا هذا الصباح اجتماعًا مع بعض من حلفائنا ...


class Screens:
    """Renders the window, as it is, in both themes."""

    def __init__(self, journey: str, tmp_path: Path):
        self.folder = Path(os.environ.get("BAYAN_SCREENS") or tmp_path / "screens")
        self.folder.mkdir(parents=True, exist_ok=True)
        self.journey, self.count = journey, 0

    def take(self, win: MainWindow, step: str) -> None:
        self.count += 1
        current = win.settings.get(keys.THEME)
        for theme in ("light", "dark"):
            apply_theme(win, theme)
            path = self.folder / f"{self.journey}-{self.count:02d}-{step}-{theme}.png"
            assert win.grab().save(str(path)), path
            popup = win.study.popup
            if popup.isVisible():
                popup.grab().save(str(path.with_name(path.stem + "-popup.png")))
        apply_theme(win, current)


def small(show_window) -> MainWindow:
    win = MainWindow()
    win.resize(1024, 700)
    return show_window(win)


@pytest.fixture(scope="module")
def short_sentences() -> list[str]:
    texts = [s.text for e in load_manifest() for s in e.load().segments if s.kind == "sentence"]
    return [t for t in texts if len(t) < 90]


def test_translator_journey(qtbot, tiny_model, show_window, tmp_path, monkeypatch, short_sentences):
    screens = Screens("translator", tmp_path)
    settings = MainWindow().settings  # beam 1: the tiny model, quickly
    settings.set(keys.BEAM, 1)
    path = tmp_path / "briefing.txt"
    path.write_text("\n\n".join(" ".join(short_sentences[i:i + 2]) for i in range(0, 60, 2)), encoding="utf-8")
    win = small(show_window)

    # Open the file: rows at once, the rows on screen translated first, the rest after.
    open_file(qtbot, win, path)
    assert win.library.recent_item(win.document.doc_id) is not None
    qtbot.waitUntil(lambda: win.model.translation(0) is not None, timeout=60000)
    screens.take(win, "translating")
    qtbot.waitUntil(lambda: not win.translation.busy(), timeout=120000)
    n = win.model.rowCount()
    assert all(win.model.translation(r) is not None for r in range(n))
    assert "Translation finished" in win.statusBar().currentMessage()

    # Post-edit the first segment and approve it.
    machine = win.model.translation(0)
    edit_by_double_click(qtbot, win, 0, "The coalition ministers met today.")
    win.view.go_to_row(0)
    qtbot.keyClick(win.view, Qt.Key_Return, Qt.ControlModifier)
    assert (win.model.translation(0), str(win.model.status(0).value)) == \
        ("The coalition ministers met today.", "approved")
    screens.take(win, "post-edited")

    # Undo twice (approval, then the edit), redo once: the screen follows.
    qtbot.keyClick(win.view, Qt.Key_Z, Qt.ControlModifier)
    assert str(win.model.status(0).value) == "edited"
    qtbot.keyClick(win.view, Qt.Key_Z, Qt.ControlModifier)
    assert str(win.model.status(0).value) == "machine" and win.model.translation(0) == machine
    qtbot.keyClick(win.view, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert win.model.translation(0) == "The coalition ministers met today."
    screens.take(win, "undo-redo")

    # Find in the document: the match is highlighted and its segment becomes current.
    word = short_sentences[4].split()[0]
    qtbot.keyClick(win.view, Qt.Key_F, Qt.ControlModifier)
    type_text(win.find_bar.field, word)
    assert win.find_bar.count.text().startswith("1 of")
    row = win.view.current_row()
    assert any(s.background == CURRENT_BACKGROUND for s in win.model.spans(row, "ar"))
    assert row in win.view.visible_rows()
    screens.take(win, "find")
    qtbot.keyClick(win.find_bar.field, Qt.Key_Escape)

    # Export TMX, XLIFF and PDF and read them back.
    out = {}
    for label, ext in [("TMX 1.4b translation memory…", "tmx"), ("XLIFF 1.2…", "xlf"),
                       ("PDF (bilingual, for printing)…", "pdf")]:
        target = tmp_path / f"briefing.{ext}"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, p=str(target), **k: (p, ""))
        with qtbot.waitSignal(win.exporting.exported, timeout=60000):  # a PDF is typeset off the GUI thread
            menu_action(win, "&File", label).trigger()
        assert target.exists(), label
        out[ext] = target
    units = tt_tmx.tmxfile.parsestring(out["tmx"].read_bytes()).units
    # The memory holds what a person checked; the XLIFF every segment.
    assert [u.target for u in units] == ["The coalition ministers met today."]
    xliff = etree.parse(str(out["xlf"])).getroot()
    assert len(xliff.findall(".//{urn:oasis:names:tc:xliff:document:1.2}trans-unit")) == n
    pdf_text = load_document(out["pdf"]).text
    assert "The coalition ministers met today." in pdf_text
    screens.take(win, "exported")


def test_student_journey(qtbot, show_window, tmp_path, monkeypatch):
    screens = Screens("student", tmp_path)
    win = small(show_window)

    # Open a statement from the library.
    item = win.library.entry_item(STATEMENT)
    qtbot.mouseClick(win.library.list.viewport(), Qt.LeftButton,
                     pos=win.library.list.visualItemRect(item).center())
    qtbot.waitUntil(lambda: win.document is not None and win.document.doc_id == STATEMENT)
    assert win.first_run.banner.isVisible()  # no model yet: one banner, calm English column
    screens.take(win, "opened")

    # Click a word: its popup; save it to the vocabulary.
    win.view.go_to_row(WORD_ROW)
    popup = click_word(qtbot, win, WORD_ROW, "حلفائنا")
    assert strip_diacritics(popup.word_label.text()) == "حلفائنا"
    # On a fresh start the dictionaries may still be loading: the popup fills in when they are.
    qtbot.waitUntil(lambda: "all" in popup.glosses_label.text(), timeout=60000)
    screens.take(win, "word-popup")
    qtbot.mouseClick(popup.save_button, Qt.LeftButton)
    assert win.study.panel.table.rowCount() == 1
    popup.hide()

    # The next word, from the keyboard.
    win.view.setFocus()
    qtbot.keyClick(win.view, Qt.Key_D, Qt.ControlModifier)
    qtbot.waitUntil(lambda: win.study.popup.isVisible())
    assert win.study.last_lookup.word == win.model.segment(WORD_ROW).text.split()[0]
    win.study.popup.hide()

    # Dark theme.
    win.study.dark_action.trigger()
    assert win.settings.get(keys.THEME) == "dark"
    win.study.panel.toggleViewAction().trigger()   # View ▸ Vocabulary
    qtbot.waitUntil(lambda: not win.study.panel.visibleRegion().isEmpty())
    screens.take(win, "vocabulary-dark")

    # Export the vocabulary for Anki.
    deck = tmp_path / "words.apkg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(deck), ""))
    qtbot.mouseClick(win.study.panel.export_apkg_button, Qt.LeftButton)
    assert deck.stat().st_size > 1000

    # Tomorrow: the same statement, at the same sentence, the word still saved, still dark.
    win.view.go_to_row(WORD_ROW + 2)
    win.close()
    again = small(show_window)
    again.restore_last()
    qtbot.waitUntil(lambda: again.document is not None and again.document.doc_id == STATEMENT)
    assert again.view.current_row() == WORD_ROW + 2
    assert again.study.dark_action.isChecked()
    assert len(again.study.vocabulary.cards()) == 1
    screens.take(again, "tomorrow")
    apply_theme(again, "light")
