"""Counts read as English: "1 thread", "1 segment in 1 paragraph", never "1 threads"."""
from __future__ import annotations

import re

from PySide6.QtWidgets import QMenu

from reader.plural import count
from tests.ui.test_ui_workflow_editing import open_file

ONE_PLURAL = re.compile(r"\b1 (threads|segments|paragraphs|matches|documents|occurrences|terms|entries|words)\b")


def test_count_words():
    assert [count(n, "thread") for n in (0, 1, 2)] == ["0 threads", "1 thread", "2 threads"]
    assert count(1, "match") == "1 match" and count(3, "match") == "3 matches"
    assert count(2, "entry") == "2 entries"
    assert count(2000, "segment") == "2,000 segments"


def test_translation_options_say_1_thread(qtbot, window):
    menu = QMenu()
    window.translation._options_menu(menu)
    texts = [a.text() for a in menu.actions()]
    assert "1 thread" in texts and "2 threads" in texts
    assert not any(ONE_PLURAL.search(t) for t in texts)


def test_a_one_sentence_document_says_1_segment(qtbot, window, tmp_path):
    path = tmp_path / "one.txt"
    path.write_text("قرأت الطالبة قصيدتها.\n", encoding="utf-8")
    open_file(qtbot, window, path)
    message = window.statusBar().currentMessage()
    assert message.split(" · ")[0] == "1 segment in 1 paragraph"  # then the encoding used
    window.search_panel.query.setText("قصيدتها")
    window.search_panel.run_search()
    assert window.search_panel.summary.text() == "1 match in 1 document"
