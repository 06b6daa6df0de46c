"""Spell-checking in the post-editing editor: underlines, suggestions, Add to Dictionary, no dictionary."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from reader import spelling as spelling_core
from reader.spelling import SpellChecker
from reader.ui import spelling

TEXT = "اجتمع وزراء خارجية التحالف في بروكسل.\nوأكدوا التزامهم بهزيمة داعش.\n"

_DICTIONARY, _WHY = spelling_core.open_dictionary()
needs_dictionary = pytest.mark.skipif(_DICTIONARY is None, reason=_WHY)


def open_editor(qtbot, make_window, tmp_path, english):
    path = tmp_path / "statement.txt"
    path.write_text(TEXT, encoding="utf-8")
    win = make_window(auto=False)
    with qtbot.waitSignal(win.documentOpened, timeout=10000):
        win.open_path(str(path))
    win.editing.edit_row(0)
    editor = win.editing.editor
    editor.setPlainText(english)
    return win, editor


def underlined(editor) -> list[str]:
    block = editor.document().firstBlock()
    return [block.text()[r.start:r.start + r.length] for r in block.layout().formats()
            if r.format.underlineStyle() != r.format.underlineStyle().NoUnderline]


def point_of(editor, word: str) -> QPoint:
    cursor = editor.textCursor()
    cursor.setPosition(editor.toPlainText().index(word) + 2)
    return editor.cursorRect(cursor).center()


@needs_dictionary
def test_misspellings_are_underlined_but_not_glossary_english(qtbot, make_window, tmp_path):
    win, editor = open_editor(qtbot, make_window, tmp_path, "The Coalitoin and Daesh’s fighters met in Tabqa.")
    assert underlined(editor) == ["Coalitoin"]


@needs_dictionary
def test_right_click_offers_suggestions_and_add_to_dictionary(qtbot, make_window, tmp_path, isolated_profile):
    win, editor = open_editor(qtbot, make_window, tmp_path, "The Coalitoin met the Wazir.")
    highlighter = editor.document().findChild(spelling.SpellingHighlighter)
    menu = spelling.spelling_menu(editor, point_of(editor, "Coalitoin"), highlighter, win.context)
    # The menu opens at once; Hunspell's suggestions arrive from a worker thread.
    assert "Add “Coalitoin” to Dictionary" in [a.text() for a in menu.actions()]
    qtbot.waitUntil(lambda: "Coalition" in [a.text() for a in menu.actions()])
    next(a for a in menu.actions() if a.text() == "Coalition").trigger()
    assert editor.toPlainText() == "The Coalition met the Wazir."

    menu = spelling.spelling_menu(editor, point_of(editor, "Wazir"), highlighter, win.context)
    next(a for a in menu.actions() if a.text() == "Add “Wazir” to Dictionary").trigger()
    assert underlined(editor) == []
    # Saved in the data folder: a new checker (the next run) knows the word.
    assert (isolated_profile / "spelling-words.txt").read_text(encoding="utf-8") == "Wazir\n"
    assert SpellChecker().misspelt("the Wazir said") == []
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert win.context.session.english(0) == "The Coalition met the Wazir."


def test_without_a_dictionary_the_editor_works_and_says_so_once(qtbot, make_window, tmp_path, monkeypatch):
    monkeypatch.setattr(spelling_core, "LANGUAGE", "xx_NONE")
    win, editor = open_editor(qtbot, make_window, tmp_path, "Teh Coalitoin met.")
    assert underlined(editor) == []
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    win.editing.edit_row(1)
    qtbot.keyClicks(win.editing.editor, "Fine.")
    qtbot.keyClick(win.editing.editor, Qt.Key.Key_Return)
    assert [win.context.session.english(r) for r in (0, 1)] == ["Teh Coalitoin met.", "Fine."]
    said = [p for p in win.context.problems if p.startswith("Spell-checking is off")]
    assert len(said) == 1 and "hunspell-en-us" in said[0]
    assert win.message.text() == said[0]
