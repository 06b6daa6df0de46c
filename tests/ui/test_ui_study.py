"""The student workflow in the real window: click a word, toggles, layouts, vocabulary, listen."""
from __future__ import annotations

import re
import wave

import pytest
from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QFontInfo, QPalette
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel

from reader import settings as keys
from reader.arabic import words
from reader.study.speech import Speaker
from reader.ui.main_window import MainWindow
from reader.ui.segment_delegate import INTERLINEAR, PAD_Y, PARAGRAPH_GAP
from reader.ui.themes import apply_theme

DOC = "000_456f884f9b3d3de8"
ROW = 1  # عقدنا هذا الصباح اجتماعًا مع بعض من حلفائنا وشركائنا الرئيسيين ...


@pytest.fixture
def window(window, qtbot):
    win = window
    win.resize(1200, 800)
    entry = next(e for e in win.library.entries if e.doc_id == DOC)
    item = win.library.entry_item(DOC)
    qtbot.mouseClick(win.library.list.viewport(), Qt.LeftButton,
                     pos=win.library.list.visualItemRect(item).center())
    qtbot.waitUntil(lambda: win.document is not None and win.document.doc_id == entry.doc_id)
    qtbot.waitUntil(lambda: win.view.visualRect(win.model.index(0)).height() > 0)
    yield win
    win.study.popup.hide()
    if win.settings.get(keys.THEME) == "dark":
        apply_theme(win, "light")


def settle(qtbot, win, row: int = ROW) -> None:
    """Wait for the list's (lazy, batched) layout to place ``row`` where it is drawn."""
    qtbot.waitUntil(lambda: win.view.indexAt(win.view.visualRect(win.model.index(row)).center()).row() == row)


def word_point(qtbot, win, row: int, word: str, side: str = "ar") -> QPoint:
    """The centre of ``word`` as drawn, checked against the view's own hit test."""
    settle(qtbot, win, row)
    text = win.model.segment(row).text if side == "ar" else win.model.translation(row)
    word_start, word_end = start, end = next((s, e) for s, e, w in words(text) if w == word)
    delegate, model = win.view.delegate, win.model
    shown, index_map = model.shown_arabic(row) if side == "ar" else (text, None)
    if index_map is not None:  # original offsets -> shown offsets
        start = next(i for i, o in enumerate(index_map) if o >= start)
    rect = QRectF(win.view.visualRect(model.index(row)))
    body = rect.adjusted(0, PARAGRAPH_GAP if model.segment(row).first_in_paragraph and row else 0, 0, 0)
    area = dict(delegate.areas(model, row, body))[side]
    layout = delegate.layout(model, row, side, area.width())
    line = layout.lineForTextPosition(start + 1)
    x = (line.cursorToX(start)[0] + line.cursorToX(start + 1)[0]) / 2
    point = QPoint(int(area.left() + x), int(area.top() + PAD_Y + line.y() + line.height() / 2))
    hit = win.view.hit(point)
    assert hit and hit.side == side and word_start <= hit.offset < word_end, f"{word}: missed at {point}"
    return point


def vocabulary_spans(win, row: int = ROW):
    """The spans marking saved words (other features add spans of their own)."""
    return [s for s in win.model.spans(row, "ar") if s.tooltip.startswith("In your vocabulary")]


def click_word(qtbot, win, row, word):
    qtbot.mouseClick(win.view.viewport(), Qt.LeftButton, pos=word_point(qtbot, win, row, word))
    qtbot.waitUntil(lambda: win.study.popup.isVisible())
    return win.study.popup


def test_clicking_a_word_shows_its_analysis_and_glosses(qtbot, window):
    popup = click_word(qtbot, window, ROW, "حلفائنا")
    assert popup.lookup.word == "حلفائنا"
    assert popup.word_label.text() == "حُلَفائنا"  # vocalised by its reading in context
    assert "allies" in popup.headline_label.text() and "noun" in popup.headline_label.text()
    assert "ـنا" in popup.split_label.text() and "our" in popup.split_gloss_label.text()
    assert "Normalised: " in popup.normalized_label.text() and "حلفاينا" in popup.normalized_label.text()
    assert popup.translit_label.text() == "ALA-LC: ḥulafāʼnā"
    glosses = popup.glosses_label.text()
    assert "allies" in glosses and "ally" in glosses  # Buckwalter, then FreeDict via the lemma
    assert "Buckwalter lexicon" in glosses and "FreeDict ara-eng" in glosses

    # A name no dictionary has comes from the glossary.
    popup = click_word(qtbot, window, ROW, "داعش")
    if window.study.dictionary.glossary is not None:  # reader.glossary present
        assert popup.glossary_label.isVisible()
        assert popup.glossary_label.text().startswith("Glossary: ISIS")

    # A word with three proclitics elsewhere in the document.
    row = next(i for i, s in enumerate(window.document.segments) if "والمنطقة" in s.text)
    window.view.scrollTo(window.model.index(row))
    qtbot.wait(50)
    popup = click_word(qtbot, window, row, "والمنطقة")
    assert popup.split_label.text() == "و + الـ + منطقة"
    assert popup.translit_label.text() == "ALA-LC: wa-al-minṭaqah"


def test_transliteration_scheme_setting(qtbot, window):
    popup = click_word(qtbot, window, ROW, "الرئيسيين")
    assert popup.translit_label.text().startswith("ALA-LC: al-raʼīs")
    window.study.scheme_actions["buckwalter"].trigger()
    assert popup.translit_label.text() == "Buckwalter: Alra}iysiy~iyna"  # plural (partners), not the dual
    assert window.settings.get(keys.TRANSLITERATION_SCHEME) == "buckwalter"


def test_english_click_does_not_open_the_popup(qtbot, window):
    window.context.session.set_machine(ROW, "This morning we met some of our key allies and partners.")
    qtbot.mouseClick(window.view.viewport(), Qt.LeftButton, pos=word_point(qtbot, window, ROW, "allies", "en"))
    qtbot.wait(50)
    assert not window.study.popup.isVisible()


def test_toggle_diacritics_hides_them_and_lookups_still_land(qtbot, window):
    original = window.model.segment(ROW).text
    assert "اجتماعًا" in original
    window.study.diacritics_action.trigger()  # off
    shown, index_map = window.model.shown_arabic(ROW)
    assert "اجتماعا" in shown and "\u064b" not in shown
    assert window.settings.get(keys.SHOW_DIACRITICS) is False
    # A click on the shown (stripped) word maps back to the original word.
    point = word_point(qtbot, window, ROW, "اجتماعًا")
    qtbot.mouseClick(window.view.viewport(), Qt.LeftButton, pos=point)
    qtbot.waitUntil(lambda: window.study.popup.isVisible())
    assert window.study.popup.lookup.word == "اجتماعًا"
    window.study.diacritics_action.trigger()  # on again
    assert window.model.shown_arabic(ROW)[0] == original


def test_transliteration_line_and_interlinear_layout(qtbot, window):
    index = window.model.index(ROW)
    base_height = window.view.visualRect(index).height()
    toolbar = window.study.toolbar
    qtbot.mouseClick(toolbar.widgetForAction(window.study.translit_action), Qt.LeftButton)
    qtbot.waitUntil(lambda: window.view.visualRect(index).height() > base_height)
    line = window.view.delegate.side_text(window.model, ROW, "tr")[0]
    assert line.startswith("ʻaqad") and "ḥulafāʼnā" in line and "al-wabīl" in line

    window.context.session.set_machine(ROW, "This morning we met some of our key allies and partners.")
    qtbot.mouseClick(toolbar.widgetForAction(window.study.interlinear_action), Qt.LeftButton)
    assert window.view.delegate.layout_mode == INTERLINEAR
    qtbot.wait(50)
    # English now sits under the Arabic and the transliteration, across the full width.
    ar_point = word_point(qtbot, window, ROW, "حلفائنا")
    en_point = word_point(qtbot, window, ROW, "allies", "en")
    assert en_point.y() > ar_point.y() + 20
    areas = dict(window.view.delegate.areas(window.model, ROW, window.view.visualRect(index)))
    assert areas["ar"].top() < areas["tr"].top() < areas["en"].top()
    assert areas["en"].width() == areas["ar"].width() > window.view.viewport().width() * 0.8
    # Clicking an Arabic word still looks it up in this layout.
    qtbot.mouseClick(window.view.viewport(), Qt.LeftButton, pos=ar_point)
    qtbot.waitUntil(lambda: window.study.popup.isVisible())
    assert window.study.popup.lookup.word == "حلفائنا"
    assert window.settings.get(keys.LAYOUT) == INTERLINEAR


def test_layout_and_lookup_mode_survive_a_restart(qtbot, window, show_window):
    window.study.interlinear_action.trigger()
    window.study.translit_action.trigger()
    window.study.hover_action.trigger()
    window.settings.sync()
    again = show_window(MainWindow())
    assert again.view.delegate.layout_mode == INTERLINEAR
    assert again.view.delegate.extra_line is not None
    assert again.study.hover_action.isChecked()


def test_dark_theme(qtbot, window, show_window):
    window.study.dark_action.trigger()
    app = QApplication.instance()
    assert app.palette().color(QPalette.Base).lightness() < 60
    assert window.view.delegate.theme.hover == "#2a3242"
    assert "wordPopup" in app.styleSheet()
    window.settings.sync()
    again = show_window(MainWindow())
    assert again.study.dark_action.isChecked()
    again.study.dark_action.trigger()  # back to light
    assert app.palette().color(QPalette.Base).lightness() > 200
    assert again.settings.get(keys.THEME) == "light"


def test_hover_lookup(qtbot, window):
    window.study.hover_action.trigger()
    point = word_point(qtbot, window, ROW, "الوبيل")
    qtbot.mouseMove(window.view.viewport(), point)
    qtbot.waitUntil(lambda: window.study.popup.isVisible(), timeout=3000)
    assert window.study.popup.lookup.word == "الوبيل"
    assert "evil" in window.study.popup.glosses_label.text()


def test_save_word_mark_known_and_export(qtbot, window, tmp_path, monkeypatch):
    window.context.session.set_machine(ROW, "This morning we met some of our key allies and partners.")
    popup = click_word(qtbot, window, ROW, "حلفائنا")
    qtbot.mouseClick(popup.save_button, Qt.LeftButton)
    panel = window.study.panel
    assert panel.table.rowCount() == 1
    assert panel.table.item(0, 0).text() == "حَلِيف"  # the lemma in context, not the stem حلفائ
    assert "allies" in panel.table.item(0, 1).text()
    assert panel.table.item(0, 2).text() == "new"
    assert popup.saved_label.text() == "In vocabulary (new)"
    card = window.study.vocabulary.cards()[0]
    assert card.sentence == window.model.segment(ROW).text
    assert card.gloss == "allies" and card.form == "حُلَفائنا" and card.transliteration == "ḥalīf"
    assert card.translation.startswith("This morning")

    # Saved words are marked in the text; marking them known changes how they look.
    start = window.model.segment(ROW).text.index("حلفائنا")
    spans = [s for s in vocabulary_spans(window) if s.start == start]
    assert spans and spans[0].underline and "new" in spans[0].tooltip
    panel.show()
    panel.select_word("حَلِيف")
    qtbot.mouseClick(panel.status_buttons["known"], Qt.LeftButton)
    assert panel.table.item(0, 2).text() == "known"
    spans = [s for s in vocabulary_spans(window) if s.start == start]
    assert spans[0].color == "known" and not spans[0].underline

    out = tmp_path / "vocab.txt"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    qtbot.mouseClick(panel.export_tsv_button, Qt.LeftButton)
    row = out.read_text(encoding="utf-8").splitlines()[4].split("\t")
    assert row[0] == "حَلِيف" and row[1] == "allies" and row[5] == "known" and row[6] == "حُلَفائنا"
    assert "Exported 1 word" in panel.message.text()

    deck = tmp_path / "vocab.apkg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(deck), ""))
    qtbot.mouseClick(panel.export_apkg_button, Qt.LeftButton)
    assert deck.stat().st_size > 1000

    # Filtering by status and removing.
    panel.filter.setCurrentIndex(1)  # New
    assert panel.table.rowCount() == 0
    panel.filter.setCurrentIndex(0)
    panel.select_word("حَلِيف")
    qtbot.mouseClick(panel.remove_button, Qt.LeftButton)
    assert panel.table.rowCount() == 0 and not vocabulary_spans(window)


def test_listen_buttons_read_the_segment(qtbot, window, tmp_path, monkeypatch):
    if not Speaker().available:
        pytest.skip("espeak-ng is not installed on this machine")
    heard = []

    def speak(text, lang):  # no sound card here: render what would be spoken to a file
        path = tmp_path / f"{len(heard)}.wav"
        Speaker().synthesize(text, lang, path)
        heard.append((text, lang, path))
    monkeypatch.setattr(window.study.speaker, "speak", speak)
    window.view.go_to_row(ROW)
    window.context.session.set_machine(ROW, "This morning we met some of our key allies and partners.")
    toolbar = window.study.toolbar
    qtbot.mouseClick(toolbar.widgetForAction(window.study.listen_ar_action), Qt.LeftButton)
    qtbot.mouseClick(toolbar.widgetForAction(window.study.listen_en_action), Qt.LeftButton)
    (ar_text, ar_lang, ar_wav), (en_text, en_lang, en_wav) = heard
    assert ar_lang == "ar" and en_lang == "en" and en_text.startswith("This morning")
    # The Arabic is read with vowels added, which espeak-ng needs to pronounce it.
    assert "حُلَفائنا" in ar_text
    for wav in (ar_wav, en_wav):
        with wave.open(str(wav)) as w:
            assert w.getnframes() / w.getframerate() > 1.0

    popup = click_word(qtbot, window, ROW, "الوبيل")
    qtbot.mouseClick(popup.listen_button, Qt.LeftButton)
    assert heard[-1][0] == "الوَبِيل" and heard[-1][1] == "ar"


def test_missing_espeak_is_explained(qtbot, window, tmp_path):
    window.study.speaker = Speaker(engine=str(tmp_path / "no-espeak"))
    window.view.go_to_row(ROW)
    qtbot.mouseClick(window.study.toolbar.widgetForAction(window.study.listen_ar_action), Qt.LeftButton)
    assert window.message.isVisible() and "espeak-ng" in window.message.text()


def test_popup_headline_is_the_reading_in_context_and_others_are_one_click_away(qtbot, window):
    popup = click_word(qtbot, window, ROW, "عقدنا")
    assert popup.word_label.text() == "عَقَدْنا" and "hold" in popup.headline_label.text()
    assert "verb" in popup.headline_label.text()
    assert popup.translit_label.text() == "ALA-LC: ʻaqadnā"
    assert popup.readings_button.isVisible() and not popup.readings_box.isVisible()
    qtbot.mouseClick(popup.readings_button, Qt.LeftButton)
    assert popup.readings_box.isVisible() and popup.reading_buttons
    noun = next(b for b in popup.reading_buttons if "noun" in b.accessibleName())
    qtbot.mouseClick(noun, Qt.LeftButton)
    assert "noun" in popup.headline_label.text() and window.study.last_lookup.chosen.pos == "noun"


def test_saving_a_word_saves_its_lemma_not_a_clitic_stripped_non_word(qtbot, window):
    popup = click_word(qtbot, window, ROW, "برمّتها")
    assert "in its entirety" in popup.headline_label.text()
    qtbot.mouseClick(popup.save_button, Qt.LeftButton)
    card = window.study.vocabulary.cards()[0]
    assert card.word.startswith("رُمّ") and card.gloss == "in its entirety"
    assert card.form.startswith("بِرُمّ") and "رمّت" not in card.word


def test_escape_closes_the_popup(qtbot, window):
    popup = click_word(qtbot, window, ROW, "حلفائنا")
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key_Escape)
    qtbot.waitUntil(lambda: not popup.isVisible())


def test_scrolling_the_view_closes_the_popup(qtbot, window):
    popup = click_word(qtbot, window, ROW, "حلفائنا")
    bar = window.view.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.value() + bar.singleStep() * 3)
    qtbot.waitUntil(lambda: not popup.isVisible())


def test_popup_headword_has_its_own_row_and_the_popup_fits_the_window(qtbot, window):
    window.resize(1024, 500)
    popup = click_word(qtbot, window, ROW, "عقدنا")
    qtbot.mouseClick(popup.readings_button, Qt.LeftButton)  # eight more readings: taller than the window
    popup.place_near(window.mapToGlobal(window.rect().center()))
    assert not popup.word_label.wordWrap()
    body = popup.body_scroll.widget()
    assert popup.word_label.geometry().bottom() < popup.body_scroll.geometry().top()
    assert popup.height() <= window.height()
    top_left = window.mapToGlobal(window.rect().topLeft())
    assert popup.y() >= top_left.y() and popup.y() + popup.height() <= top_left.y() + window.height()
    # What does not fit scrolls inside the popup.
    assert body.height() > popup.body_scroll.viewport().height() and popup.body_scroll.verticalScrollBar().maximum() > 0


def test_add_vowels_shows_each_word_as_read_in_context_and_clicks_still_land(qtbot, window):
    window.study.vowels_action.trigger()
    shown, index_map = window.model.shown_arabic(ROW)
    assert shown.startswith("عَقَدْنا ") and "حُلَفائنا" in shown and index_map is not None
    popup = click_word(qtbot, window, ROW, "حلفائنا")
    assert popup.lookup.word == "حلفائنا" and popup.word_label.text() == "حُلَفائنا"
    assert window.settings.get(keys.ADD_VOWELS)
    window.study.diacritics_action.trigger()  # hiding diacritics hides the added vowels too
    assert window.model.shown_arabic(ROW)[0].startswith("عقدنا ")
    window.study.vowels_action.trigger()


def test_listen_without_a_sound_device_says_so(qtbot, window, monkeypatch):
    """espeak-ng exits 0 when it has no device to play on; the window must still say why it is silent."""
    if not Speaker().available:
        pytest.skip("espeak-ng is not installed on this machine")
    # No sound server and no such ALSA card: silent on any machine, as on one without a sound card.
    monkeypatch.setenv("PULSE_SERVER", "unix:/nonexistent/bayan-test")
    monkeypatch.setenv("ALSA_CARD", "BayanNoSuchCard")
    monkeypatch.setenv("AUDIODEV", "/nonexistent/bayan-test")
    window.view.go_to_row(ROW)
    qtbot.mouseClick(window.study.toolbar.widgetForAction(window.study.listen_ar_action), Qt.LeftButton)
    qtbot.waitUntil(window.message.isVisible, timeout=20000)
    assert "no sound device" in window.message.text()


def test_the_popup_sets_english_in_the_ui_font_and_arabic_in_the_reading_font(qtbot, window):
    """"allies + our, us" was set in the Arabic font, in the Arabic line's direction."""
    popup = click_word(qtbot, window, ROW, "حلفائنا")
    reading, ui = popup.arabic_family, QFontInfo(popup.font()).family()
    assert reading != ui
    assert "+" in popup.split_label.text() and not re.search("[A-Za-z]", popup.split_label.text())
    assert QFontInfo(popup.split_label.font()).family() == QFontInfo(popup.word_label.font()).family()
    assert popup.split_label.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert re.fullmatch(r"[a-z ,;+?()'-]+", popup.split_gloss_label.text()) and "our" in popup.split_gloss_label.text()
    assert QFontInfo(popup.split_gloss_label.font()).family() == ui
    assert popup.split_gloss_label.layoutDirection() == Qt.LayoutDirection.LeftToRight
    # Arabic inside English lines: an isolated run in the reading font.
    for label in (popup.normalized_label, popup.glosses_label):
        assert f"font-family:'{reading}'" in label.text()
    assert "lemma <span" in popup.glosses_label.text()   # FreeDict's "via lemma الحليف" too
    popup = click_word(qtbot, window, ROW, "عقدنا")   # other readings: Arabic, then English, on each line
    popup.readings_button.setChecked(True)
    line = popup.reading_buttons[0].findChild(QLabel)
    assert line.text().startswith(f"\u200e<span style=\"font-family:'{reading}'") and "—" in line.text()
    assert QFontInfo(line.font()).family() == ui
    window.resize(1024, 700)
    for theme in ("light", "dark"):
        apply_theme(window, theme)
        popup = click_word(qtbot, window, ROW, "عقدنا")
        popup.readings_button.setChecked(True)
        assert popup.grab().save(f"/tmp/bayan-word-popup-{theme}.png")
        assert window.grab().save(f"/tmp/bayan-word-popup-window-{theme}.png")
