"""Search dock, Ctrl+F find bar, and File ▸ Export / Import TMX, driven through the real widgets."""
from __future__ import annotations

import lxml.html
import pytest
from lxml import etree
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QFileDialog
from translate.storage import tmx as tt_tmx

from reader.corpus import load_manifest
from reader.importers import load_document
from reader.ui.search_panel import CURRENT_BACKGROUND, FIND_BACKGROUND
from tests.ui.test_ui_workflow_editing import edit_by_double_click, open_file

TEXT = ("اجتمع وزراء خارجية التحالف في بروكسل.\n"
        "وأكدوا التزامهم بهزيمة داعش. وقال الوزير إن للتحالف دوراً مستمراً.\n")


@pytest.fixture
def statement(tmp_path):
    path = tmp_path / "statement.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def type_text(widget, text):
    """Type as an Arabic keyboard layout does: key events carrying the characters.
    (QTest.keyClicks aborts on characters outside Latin-1.)"""
    for ch in text:
        for kind in (QEvent.KeyPress, QEvent.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key_unknown, Qt.NoModifier, ch))


def menu_action(win, menu, text):
    for action in win.menu(menu).actions():
        if action.text().replace("&", "") == text:
            return action
        if action.menu():
            for sub in action.menu().actions():
                if sub.text().replace("&", "") == text:
                    return sub
    raise AssertionError(f"no {text!r} in {menu}")


def test_search_dock_finds_across_library_and_open_document_and_jumps(qtbot, window, statement):
    open_file(qtbot, window, statement)
    qtbot.keyClick(window.view, Qt.Key_F, Qt.ControlModifier | Qt.ShiftModifier)
    panel = window.search_panel
    assert panel.isVisible()
    type_text(panel.query, "تحالف")
    qtbot.keyClick(panel.query, Qt.Key_Return)
    hits = [panel.results.item(i).data(Qt.UserRole + 1) for i in range(panel.results.count())]
    mine = [h for h in hits if h.doc_id == window.document.doc_id]
    assert [(h.segment, h.matched) for h in mine] == [(0, "تحالف"), (2, "تحالف")]
    assert {h.doc_id for h in hits} > {window.document.doc_id}  # the library statements too
    assert "matches in" in panel.summary.text()
    # Clicking a library hit opens that statement at the segment.
    library_hit = next(i for i in range(panel.results.count())
                       if panel.results.item(i).data(Qt.UserRole + 1).doc_id != window.document.doc_id)
    item = panel.results.item(library_hit)
    target = item.data(Qt.UserRole + 1)
    panel.results.scrollToItem(item)
    qtbot.mouseClick(panel.results.viewport(), Qt.LeftButton, pos=panel.results.visualItemRect(item).center())
    assert window.document.doc_id == target.doc_id
    assert window.view.current_row() == target.segment


def test_search_finds_the_english_being_edited(qtbot, window, statement):
    open_file(qtbot, window, statement)
    edit_by_double_click(qtbot, window, 1, "They affirmed their commitment to defeating ISIS.")
    window.search_panel.show()
    window.search_panel.query.setText("COMMITMENT")
    window.search_panel.run_search()
    assert window.search_panel.results.count() == 1
    hit = window.search_panel.results.item(0).data(Qt.UserRole + 1)
    assert (hit.segment, hit.side, hit.matched) == (1, "en", "commitment")


def test_find_bar_highlights_every_match_and_steps_through_them(qtbot, window, statement):
    open_file(qtbot, window, statement)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key_F, Qt.ControlModifier)
    bar = window.find_bar
    assert bar.isVisible() and bar.field.hasFocus()
    type_text(bar.field, "التحالف")   # with the article: finds التحالف and للتحالف
    assert bar.count.text() == "1 of 2"
    spans = window.model.spans(2, "ar")
    text = window.model.segment(2).text
    found = [text[s.start:s.end] for s in spans if s.background in (FIND_BACKGROUND, CURRENT_BACKGROUND)]
    assert found == ["تحالف"]
    qtbot.keyClick(bar.field, Qt.Key_Return)
    assert bar.count.text() == "2 of 2" and window.view.current_row() == 2
    qtbot.keyClick(bar.field, Qt.Key_Return, Qt.ShiftModifier)
    assert bar.count.text() == "1 of 2" and window.view.current_row() == 0
    qtbot.keyClick(bar.field, Qt.Key_Escape)
    assert not bar.isVisible()
    assert [s for s in window.model.spans(2, "ar") if s.background in (FIND_BACKGROUND, CURRENT_BACKGROUND)] == []


def test_export_every_format_from_the_file_menu(qtbot, window, statement, tmp_path, monkeypatch):
    open_file(qtbot, window, statement)
    edit_by_double_click(qtbot, window, 0, "Coalition foreign ministers met in Brussels.")
    window.view.go_to_row(0)
    qtbot.keyClick(window.view, Qt.Key_Return, Qt.ControlModifier)  # approve
    edit_by_double_click(qtbot, window, 1, "They affirmed their commitment to defeating ISIS.")
    targets = {}
    for label, fmt in [("TMX 1.4b translation memory…", "tmx"), ("XLIFF 1.2…", "xlf"),
                       ("CSV spreadsheet…", "csv"), ("Bilingual HTML page…", "html"),
                       ("PDF (bilingual, for printing)…", "pdf")]:
        path = tmp_path / f"export.{fmt}"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, p=str(path): (p, ""))
        if fmt == "pdf":  # typeset off the GUI thread
            with qtbot.waitSignal(window.exporting.exported, timeout=60000) as done:
                menu_action(window, "&File", label).trigger()
            assert done.args == [str(path), True]
        else:
            menu_action(window, "&File", label).trigger()
        assert path.exists(), label
        targets[fmt] = path
    assert "Exported export.pdf" in window.statusBar().currentMessage()
    tmx_units = tt_tmx.tmxfile.parsestring(targets["tmx"].read_bytes()).units
    assert [u.target for u in tmx_units] == ["Coalition foreign ministers met in Brussels.",
                                              "They affirmed their commitment to defeating ISIS."]
    xliff = etree.parse(str(targets["xlf"])).getroot()
    assert len(xliff.findall(".//{urn:oasis:names:tc:xliff:document:1.2}trans-unit")) == 3
    assert "approved" in targets["csv"].read_text(encoding="utf-8-sig")
    page = lxml.html.fromstring(targets["html"].read_bytes())
    assert page.xpath("//td[@dir='rtl']")[0].text_content() == "اجتمع وزراء خارجية التحالف في بروكسل."
    # The PDF's text layer holds both languages (read back with Bayan's own importer).
    pdf_text = load_document(targets["pdf"]).text
    assert "Coalition foreign ministers met in Brussels." in pdf_text
    assert "اجتمع وزراء خارجية التحالف في بروكسل" in pdf_text


def test_import_tmx_prefills_the_open_document(qtbot, window, statement, tmp_path, monkeypatch):
    memory = tt_tmx.tmxfile(sourcelanguage="ar", targetlanguage="en")
    memory.addtranslation("اجْتَمَعَ وزراء خارجية التحالف في بروكسل.", "ar", "Ministers met in Brussels.", "en")
    path = tmp_path / "memory.tmx"
    path.write_bytes(bytes(memory))
    open_file(qtbot, window, statement)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a: (str(path), ""))
    menu_action(window, "&File", "Import Translation Memory (TMX)…").trigger()
    assert window.model.translation(0) == "Ministers met in Brussels."
    assert window.model.status(0) == "from-tm"  # the memory's English, not yet this person's
    assert "1 segment filled" in window.statusBar().currentMessage()
    assert "From TM 1" in window.editing.counts_label.text() and "Edited 0" in window.editing.counts_label.text()


def test_import_of_a_broken_tmx_shows_an_error(qtbot, window, statement, tmp_path, monkeypatch):
    bad = tmp_path / "bad.tmx"
    bad.write_text("<tmx><body>", encoding="utf-8")
    open_file(qtbot, window, statement)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a: (str(bad), ""))
    menu_action(window, "&File", "Import Translation Memory (TMX)…").trigger()
    assert "bad.tmx is not valid XML" in window.error_box.text()


def test_export_is_disabled_until_a_document_is_open(window):
    assert not menu_action(window, "&File", "TMX 1.4b translation memory…").isEnabled()
    window.open_entry(load_manifest()[0])
    assert menu_action(window, "&File", "TMX 1.4b translation memory…").isEnabled()


def test_find_marks_the_match_itself_apart_from_glossary_terms(qtbot, window):
    """Ctrl+F on a statement full of glossary terms: the match is underlined, the current one bold too."""
    window.open_entry(load_manifest()[0])
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key_F, Qt.ControlModifier)
    type_text(window.find_bar.field, "ائتلاف")
    assert window.find_bar.count.text().endswith(" of 2")
    row = window.view.current_row()
    text = window.model.segment(row).text
    found = [s for s in window.model.spans(row, "ar") if s.background == CURRENT_BACKGROUND]
    assert [text[s.start:s.end] for s in found] == ["ائتلاف"]
    assert found[0].underline and found[0].bold
    # Painted over whatever glossary colour is beneath, with the current-match colour.
    runs = [r for r in window.view.delegate.runs(window.model, row, selected=True)
            if r.side == "ar" and r.start == found[0].start]
    assert runs[-1].background == window.view.delegate.theme.find_current


def test_search_result_in_another_document_is_scrolled_fully_into_view(qtbot, window):
    window.resize(1024, 700)
    window.open_entry(load_manifest()[0])
    panel = window.search_panel
    panel.show()
    panel.query.setText("التحالف")
    panel.run_search()
    items = [panel.results.item(i) for i in range(panel.results.count())]
    far = max((i for i in items if i.data(Qt.UserRole + 1).doc_id != window.document.doc_id),
              key=lambda i: i.data(Qt.UserRole + 1).segment)
    hit = far.data(Qt.UserRole + 1)
    assert hit.segment > 10
    panel.results.scrollToItem(far)
    qtbot.mouseClick(panel.results.viewport(), Qt.LeftButton, pos=panel.results.visualItemRect(far).center())
    view = window.view

    def fully_visible():
        rect = view.visualRect(window.model.index(hit.segment))
        return rect.height() > 0 and view.viewport().rect().contains(rect)

    qtbot.waitUntil(fully_visible)
    assert window.document.doc_id == hit.doc_id and view.current_row() == hit.segment


def _x_of(line: str, index: int) -> float:
    """Where character ``index`` of ``line`` is drawn when an item view lays it out (left-to-right)."""
    from PySide6.QtGui import QFont, QTextLayout, QTextOption

    layout = QTextLayout(line, QFont())
    option = QTextOption()
    option.setTextDirection(Qt.LeftToRight)
    layout.setTextOption(option)
    layout.beginLayout()
    layout.createLine().setLineWidth(10000)
    layout.endLayout()
    return layout.glyphRuns(index, 1)[0].boundingRect().center().x()


def _full_stop_is_at_the_left(line: str) -> bool:
    stop = line.rindex(".")
    first_letter = next(i for i, ch in enumerate(line) if "\u0621" <= ch <= "\u064a")
    return _x_of(line, stop) < _x_of(line, first_letter)


def test_search_results_show_both_sides_with_arabic_full_stops_at_the_left(qtbot, window, statement):
    open_file(qtbot, window, statement)
    edit_by_double_click(qtbot, window, 0, "Coalition foreign ministers met in Brussels.")
    panel = window.search_panel
    panel.show()
    panel.query.setText("بروكسل")
    panel.run_search()
    mine = [panel.results.item(i) for i in range(panel.results.count())
            if panel.results.item(i).data(Qt.UserRole + 1).doc_id == window.document.doc_id]
    lines = mine[0].text().split("\n")
    assert "بروكسل" in lines[1] and "Coalition foreign ministers met in Brussels." in lines[2]
    assert _full_stop_is_at_the_left(lines[1])
    # And an English hit shows its Arabic.
    panel.query.setText("Brussels")
    panel.run_search()
    lines = panel.results.item(0).text().split("\n")
    assert "Brussels" in lines[1] and "اجتمع وزراء خارجية التحالف في بروكسل." in lines[2]
    assert _full_stop_is_at_the_left(lines[2])


def test_concordance_puts_arabic_full_stops_at_the_left(qtbot, window):
    window.open_entry(load_manifest()[0])
    glossary = window.glossary_feature
    panel = glossary.panel
    qtbot.waitUntil(lambda: panel.terms.count() > 0)  # the document's terms are found in a worker
    glossary.show_concordance(panel.terms.item(0).data(Qt.UserRole))   # داعش: in many sentences
    lines = [panel.concordance.item(i).text().split("\n")[1] for i in range(panel.concordance.count())]
    ending = [line for line in lines if line.rstrip("\u2069").endswith(".")]
    assert ending and all(_full_stop_is_at_the_left(line) for line in ending)
