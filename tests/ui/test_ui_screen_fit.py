"""Nothing on the main window's frame is cut off at 1024×700, in either theme, as the theme changes.

What a person reads in the status bar, on a button or on a panel's tab is whole: the
counts by status, the status message, the toolbar, the tabs of the side panels and the
document's title, which keeps its bold Arabic face through theme and zoom changes.
"""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QAbstractButton, QLabel, QSizeGrip, QTabBar

from reader import messages
from reader.ui.main_window import MainWindow
from reader.ui.themes import apply_theme

STATEMENT = "003_6f9cdc285af6822d"


def small_window(show_window) -> MainWindow:
    win = MainWindow()
    win.resize(1024, 700)
    show_window(win)
    win.open_entry(next(e for e in win.library.entries if e.doc_id == STATEMENT))
    return win


def text_width(label: QLabel) -> float:
    if label.textFormat() != Qt.TextFormat.RichText:
        return label.fontMetrics().horizontalAdvance(label.text())
    doc = QTextDocument()
    doc.setDefaultFont(label.font())
    doc.setDocumentMargin(0)
    doc.setHtml(label.text())
    return doc.idealWidth()


def assert_status_bar_whole(win: MainWindow) -> None:
    bar = win.statusBar()
    counts = win.editing.counts_label
    grip = bar.findChild(QSizeGrip)
    assert text_width(counts) <= counts.contentsRect().width(), counts.text()
    assert counts.geometry().right() - counts.contentsMargins().right() <= grip.geometry().left()
    # The message is drawn left of the first permanent widget (the segment position).
    message = bar.currentMessage()
    assert message
    assert bar.fontMetrics().horizontalAdvance(message) <= win.position.geometry().left() - 12, message


def test_status_counts_and_message_are_whole_while_a_document_translates(qtbot, show_window, tiny_model):
    win = small_window(show_window)
    qtbot.waitUntil(lambda: win.translation.progress_bar.isVisible(), timeout=60000)
    # Rows the engine has not reached yet say so, not "Not translated yet — Tools ▸ Translate Document".
    assert win.model.english_placeholder == messages.TRANSLATING_ROW
    for theme in ("dark", "light"):
        apply_theme(win, theme)  # checked at once: the first frame after a theme change is whole too
        if win.translation.progress_bar.isVisible():
            assert_status_bar_whole(win)
    qtbot.waitUntil(lambda: not win.translation.busy(), timeout=120000)
    assert win.model.english_placeholder.startswith("Not translated yet")
    for theme in ("dark", "light"):
        apply_theme(win, theme)
        assert_status_bar_whole(win)
        # Each status is still named, in full in the tooltip when the bar shows letters.
        assert all(name in win.editing.counts_label.toolTip() for name in ("Untranslated", "Machine", "Approved"))


def test_buttons_keep_their_whole_text_when_the_theme_changes(show_window):
    win = small_window(show_window)
    for theme in ("light", "dark", "light", "dark"):
        apply_theme(win, theme)   # the dark theme's padding makes every button wider
        cut = [(b.text(), b.width(), b.sizeHint().width()) for b in win.findChildren(QAbstractButton)
               if b.isVisible() and b.text() and b.width() < b.sizeHint().width()]
        assert cut == [], theme
    apply_theme(win, "light")


def test_side_panel_tabs_show_their_whole_names(show_window):
    win = small_window(show_window)
    for dock in (win.study.panel, win.search_panel):
        dock.show()
    bars = [b for b in win.findChildren(QTabBar) if b.isVisible() and b.count() > 1]
    assert bars
    for bar in bars:
        for i in range(bar.count()):
            rect, hint = bar.tabRect(i), bar.tabSizeHint(i)
            assert rect.width() >= hint.width() and rect.height() >= hint.height(), bar.tabText(i)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_arabic_title_stays_bold_in_the_reading_font_through_theme_and_zoom(show_window, theme):
    win = small_window(show_window)
    title = win.header_arabic
    reading = win.view.delegate.arabic_font
    for step in (lambda: apply_theme(win, theme), lambda: win.set_zoom(3),
                 lambda: apply_theme(win, "dark" if theme == "light" else "light")):
        step()
        info = title.fontInfo()
        assert info.bold(), info.family()
        assert info.family() == win.view.delegate.arabic_font.family() or info.family() in reading.families()
        assert title.font().pointSizeF() == pytest.approx(win.view.delegate.arabic_font.pointSizeF())
    win.set_zoom(0)
    apply_theme(win, "light")


def test_a_files_english_name_heads_the_english_side(qtbot, show_window, tmp_path):
    """"briefing" was set right-aligned in the bold Arabic face, as if it were the Arabic title."""
    path = tmp_path / "briefing.txt"
    path.write_text("اجتمع الوزراء في بروكسل.\n\nوصل الوزير.", encoding="utf-8")
    win = small_window(show_window)
    win.open_path(str(path))
    qtbot.waitUntil(lambda: win.document is not None and win.document.title == "briefing")
    assert (win.header_english.text(), win.header_arabic.text()) == ("briefing", "")
    assert win.header_english.isVisible()
