"""Machine translation in the window, driven by a user: menus, status bar, dialog, context menu."""
from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QMenu, QMessageBox, QTextBrowser

from reader import messages
from reader.document import Document
from reader.translation.cache import TranslationCache
from reader.translation.engine import DecodeOptions
from reader.translation.service import TranslationService
from reader.ui.main_window import open_settings
from reader.ui.translation_feature import NOT_YET
from tests.core.test_translation_download import SHA, Server
from tests.core.test_translation_packages import TINY

SHORT_DOC = "004_bb9c77e55452a9c2"  # 17 segments


def short_doc(sentences, n) -> Document:
    # Two sentences a paragraph, so the document has paragraphs like a real one.
    paras = [" ".join(sentences[i:i + 2]) for i in range(0, n, 2)]
    return Document.from_text("\n\n".join(paras), doc_id=f"short-{n}", title="Short")


def open_doc(qtbot, win, doc_id):
    item = win.library.entry_item(doc_id)
    rect = win.library.list.visualItemRect(item)
    qtbot.mouseClick(win.library.list.viewport(), Qt.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: win.document is not None and win.document.doc_id == doc_id)


def translated_rows(win):
    return [r for r in range(win.model.rowCount()) if win.model.translation(r) is not None]


def wait_idle(qtbot, win, timeout=60000):
    qtbot.waitUntil(lambda: not win.translation.busy(), timeout=timeout)
    qtbot.wait(20)


def test_without_a_model_one_banner_says_how_to_get_one(qtbot, make_window):
    win = make_window()
    open_doc(qtbot, win, SHORT_DOC)
    banner = win.first_run.banner
    assert banner.isVisible()
    assert "No translation model" in banner.label.text()
    assert banner.install_button.isVisible() and banner.download_button.isVisible()
    # The English column stays calm: no row repeats the message.
    for row in range(win.model.rowCount()):
        text, placeholder = win.view.delegate.side_text(win.model, row, "en")
        assert placeholder and text == ""
    assert not win.translation.translate_action.isEnabled()
    assert translated_rows(win) == []  # never fake English


def test_installing_from_the_banner_hides_it_and_translates(qtbot, make_window, monkeypatch, short_sentences):
    win = make_window()
    win.open_document(short_doc(short_sentences, 4))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(TINY), ""))
    qtbot.mouseClick(win.first_run.banner.install_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: not win.first_run.banner.isVisible(), timeout=30000)
    wait_idle(qtbot, win)
    assert translated_rows(win)  # the open document is translated at once
    assert win.model.english_placeholder == NOT_YET
    win.translation.dialog.close()


def test_a_download_without_network_says_so_in_words(qtbot, make_window):
    win = make_window()
    dialog = win.translation.show_models()
    dialog.index_url = "http://models.bayan.invalid/index.json"
    qtbot.mouseClick(win.first_run.banner.download_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=60000)
    text = dialog.status.text()
    assert "offline" in text and "Install from File" in text
    assert "Errno" not in text and "Name or service" not in text
    dialog.close()


def test_help_has_a_getting_started_guide(qtbot, make_window):
    win = make_window()
    titles = [a.text().replace("&", "") for a in win.menu("&Help").actions()]
    assert titles[0] == "Getting Started" and "About Bayan" in titles
    win.first_run.guide_action.trigger()
    guide = win.findChild(QDialog, "gettingStarted")
    qtbot.waitExposed(guide)
    text = guide.findChild(QTextBrowser).toPlainText()
    assert "Install from File" in text and "Open" in text
    guide.close()


def test_opening_a_document_streams_translations_visible_rows_first(qtbot, make_window, tiny_model,
                                                                   short_sentences):
    win = make_window()
    rows, rates = [], []
    win.translation.controller.segmentTranslated.connect(lambda row, text: rows.append(row))
    win.translation.controller.progress.connect(lambda d, t, rate: rates.append(rate))
    win.resize(1000, 420)
    qtbot.wait(20)
    win.open_document(short_doc(short_sentences, 24))
    qtbot.waitUntil(lambda: win.translation.progress_bar.isVisible())
    visible = list(win.view.visible_rows())
    wait_idle(qtbot, win)
    n = win.model.rowCount()
    assert 0 < len(visible) < n
    assert translated_rows(win) == list(range(n)) and sorted(rows) == list(range(n))
    assert set(rows[:len(visible)]) == set(visible)
    assert max(rates) > 0
    assert not win.translation.progress_bar.isVisible()
    assert "Translation finished" in win.statusBar().currentMessage()
    assert "sentences/s" in win.statusBar().currentMessage()
    # The view shows exactly what the engine produced, with the "machine" status.
    texts = [s.text for s in win.document.segments]
    engine_out = TranslationService(tiny_model, options=DecodeOptions(beam_size=1)).translate(texts)
    assert [win.model.translation(r) for r in range(n)] == engine_out
    assert {win.model.status(r) for r in range(n)} == {"machine"}
    _, placeholder = win.view.delegate.side_text(win.model, 0, "en")
    assert not placeholder


def test_reopening_shows_cached_translations_at_once(qtbot, make_window, tiny_model, short_sentences):
    doc = short_doc(short_sentences, 6)
    win = make_window()
    win.open_document(doc)
    wait_idle(qtbot, win)
    before = [win.model.translation(r) for r in range(win.model.rowCount())]
    assert None not in before
    win.close()
    again = make_window(auto=False)
    again.open_document(Document.from_text(doc.text, doc_id="short-6-again", title="Short"))  # no project
    # The cache answers (off the window's thread) without translating anything.
    qtbot.waitUntil(lambda: [again.model.translation(r) for r in range(again.model.rowCount())] == before)
    wait_idle(qtbot, again)
    assert "Translation finished" not in again.statusBar().currentMessage()


def test_cached_english_is_read_off_the_window_thread_and_never_replaces_a_persons(
        qtbot, make_window, short_sentences, monkeypatch):
    """Opening a document read the whole translation cache on the window's thread (10,000
    segments: longer than a frame). Read in a worker now, while the person types."""
    doc = short_doc(short_sentences, 8)
    texts = [s.text for s in doc.segments]
    win = make_window(auto=False)
    win.translation.service.cache.put_many("an-earlier-model", "beam 1",
                                           [(t, f"Cached English {i}.") for i, t in enumerate(texts)])
    window_thread, readers, release = threading.get_ident(), [], threading.Event()
    lookup = TranslationCache._lookup

    def watched(cache, *args):
        readers.append(threading.get_ident())
        if threading.get_ident() != window_thread:
            release.wait(15)  # the person types meanwhile
        return lookup(cache, *args)

    monkeypatch.setattr(TranslationCache, "_lookup", watched)
    win.open_document(doc)
    session = win.context.session
    session.edit(0, "The translator's own English.")
    release.set()
    qtbot.waitUntil(lambda: all(session.english(r) for r in range(len(session))))
    assert readers and window_thread not in readers
    assert session.english(0) == "The translator's own English."
    assert [session.english(r) for r in range(1, len(session))] == [f"Cached English {i}." for i in range(1, len(texts))]


def test_cancel_from_the_status_bar(qtbot, make_window, tiny_model, short_sentences):
    win = make_window(batch=2)
    win.open_document(short_doc(short_sentences, 24))
    qtbot.waitUntil(lambda: win.translation.cancel_button.isVisible())
    qtbot.waitUntil(lambda: len(translated_rows(win)) >= 1, timeout=30000)
    qtbot.mouseClick(win.translation.cancel_button, Qt.LeftButton)
    wait_idle(qtbot, win)
    done = len(translated_rows(win))
    assert 1 <= done < win.model.rowCount()
    assert "Translation cancelled" in win.statusBar().currentMessage()
    assert not win.translation.cancel_button.isVisible()
    # Translate Document picks up where it stopped.
    win.translation.translate_action.trigger()
    wait_idle(qtbot, win)
    assert len(translated_rows(win)) == win.model.rowCount()


def test_models_dialog_install_and_remove(qtbot, make_window, monkeypatch, short_sentences):
    win = make_window()
    win.open_document(short_doc(short_sentences, 4))
    assert win.model.english_placeholder == ""  # the banner says it, not every row
    win.translation.models_action.trigger()
    dialog = win.translation.dialog
    assert dialog.isVisible() and dialog.models() == []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(TINY), "")))
    qtbot.mouseClick(dialog.install_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: len(dialog.models()) == 1, timeout=20000)
    assert "Arabic → English" in dialog.models()[0]
    assert "Installed translate-ar_en-tiny" in dialog.status.text()
    # The window picked the model up and translated the open document.
    assert win.model.english_placeholder in (NOT_YET, messages.TRANSLATING_ROW)
    qtbot.waitUntil(lambda: len(translated_rows(win)) == win.model.rowCount(), timeout=60000)
    wait_idle(qtbot, win)
    assert win.model.english_placeholder == NOT_YET

    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.Yes))
    qtbot.mouseClick(dialog.remove_button, Qt.LeftButton)
    assert dialog.models() == [] and "Removed" in dialog.status.text()
    assert win.model.english_placeholder == ""  # the banner says it, not every row
    # Translations already made stay on screen (from the cache).
    assert len(translated_rows(win)) == win.model.rowCount()


def test_models_dialog_rejects_a_bad_file(qtbot, make_window, monkeypatch, tmp_path):
    bad = tmp_path / "half.argosmodel"
    bad.write_bytes(TINY.read_bytes()[:50_000])
    win = make_window()
    dialog = win.translation.show_models()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(bad), "")))
    qtbot.mouseClick(dialog.install_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "incomplete download" in dialog.status.text(), timeout=10000)
    assert dialog.models() == [] and not dialog.busy()


def test_models_dialog_download_with_progress(qtbot, make_window):
    server = Server()
    try:
        server.index = [{"code": "translate-ar_en", "from_code": "ar", "to_code": "en",
                         "links": [f"{server.url}/translate-ar_en-tiny.argosmodel"], "sha256": SHA}]
        win = make_window(auto=False)
        dialog = win.translation.show_models()
        dialog.index_url = f"{server.url}/index.json"
        formats = []
        dialog.bar.valueChanged.connect(lambda v: formats.append(dialog.bar.format()))
        qtbot.mouseClick(dialog.download_button, Qt.LeftButton)
        assert dialog.cancel_button.isVisible() and not dialog.download_button.isEnabled()
        # The model is installed a moment before the download task ends and hides the bar:
        # wait for both, not for the first alone.
        qtbot.waitUntil(lambda: len(dialog.models()) == 1 and not dialog.bar.isVisible()
                        and not dialog.cancel_button.isVisible(), timeout=20000)
        assert any(" of 2." in f and f.endswith("MB") for f in formats)
        assert win.translation.service.available()
    finally:
        server.close()


def test_alternative_translations_from_the_context_menu(qtbot, make_window, tiny_model, short_sentences):
    win = make_window()
    win.open_document(short_doc(short_sentences, 4))
    wait_idle(qtbot, win)
    rect = win.view.visualRect(win.model.index(1))
    context = win.view.build_context_menu(rect.center())  # what a right-click shows
    assert win.view.current_row() == 1
    entry = next(a for a in context.actions() if a.text() == "Alternative Translations…")
    shown = win.model.translation(1)
    entry.trigger()
    qtbot.waitUntil(lambda: win.translation.alternatives_menu is not None, timeout=20000)
    menu: QMenu = win.translation.alternatives_menu
    choices = [a for a in menu.actions() if a.isEnabled()]
    assert 1 <= len(choices) <= 3 and shown not in [a.data() for a in choices]
    choices[0].trigger()
    assert win.model.translation(1) == choices[0].data()
    menu.close()


def test_translation_options_menu_changes_the_service(qtbot, make_window, tiny_model):
    win = make_window(auto=False, beam=1)
    feature = win.translation
    assert feature.service.options.beam_size == 1 and feature.service.terminology is not None
    cache = feature.service.cache
    options_menu = next(a.menu() for a in win.menu("&Tools").actions() if a.text() == "Translation &Options")
    next(a for a in options_menu.actions() if a.text() == "Beam 4").trigger()
    feature.terms_action.trigger()
    assert feature.service.options.beam_size == 4 and feature.service.terminology is None
    assert feature.service.cache is cache  # not opened again (it walks its whole table to open)
    settings = open_settings()
    assert int(settings.value("translation/beam")) == 4
    assert settings.value("translation/terminology", True, bool) is False


def test_changing_the_house_style_reaches_terminology_enforcement(qtbot, make_window, tiny_model):
    win = make_window(auto=False)
    before = win.translation.service
    old = before.terminology.fingerprint()
    style_menu_action = next(a for a in win.glossary_feature.style_actions.actions() if "ISIL" in a.text())
    style_menu_action.trigger()
    after = win.translation.service
    assert after is not before
    assert after.terminology.fingerprint() != old
    assert after.terminology.glossary.get("isis").english == "ISIL"
