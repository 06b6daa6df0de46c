"""Tools ▸ Models…: the catalog, installing an OPUS-MT release from a file, the default model."""
from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from reader.translation import catalog, installer
from reader.translation.engine import DecodeOptions
from reader.translation.service import TranslationService
from reader.ui.main_window import open_settings
from tests.ui.test_ui_translation import short_doc, wait_idle

RELEASE = Path(__file__).parent.parent / "data" / "opus-mt-ar-en-tiny.zip"


def test_dialog_lists_the_catalog_with_licence_size_quality_and_status(qtbot, make_window):
    win = make_window(auto=False)
    dialog = win.translation.show_models()
    rows = dialog.catalog_rows()
    assert [r[2] for r in rows] == ["compact", "balanced", "best"]
    assert all(r[1] == "Not installed" for r in rows)
    best = rows[2]
    assert best[4] == "CC-BY-4.0" and best[5] == "BLEU 42.6, chrF 67.0 (FLORES-101 devtest, published)"
    assert best[3] == "~240 MB installed" and rows[0][3] == "82 MB download"
    assert rows[0][5].startswith("not published")  # Argos: only what was measured here, said so
    # The selected model's sources are on screen, not only in a tooltip.
    assert "Argos publishes no scores" in dialog.details.text()
    dialog.catalog_table.setCurrentItem(dialog.catalog_table.topLevelItem(2))
    assert "University of Helsinki" in dialog.details.text() and "Tatoeba-Challenge" in dialog.details.text()
    assert "SHA-256" in dialog.details.text()


def test_installing_a_release_converts_it_in_the_background_and_can_become_default(
        qtbot, make_window, monkeypatch, tiny_model):
    win = make_window(auto=False)
    dialog = win.translation.show_models()
    assert len(dialog.models()) == 1
    stages = []
    dialog.bar.valueChanged.connect(lambda v: stages.append(dialog.bar.format()))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(RELEASE), "")))
    qtbot.mouseClick(dialog.install_button, Qt.LeftButton)
    assert dialog.busy() and dialog.cancel_button.isVisible()  # the window is not blocked meanwhile
    qtbot.waitUntil(lambda: len(dialog.models()) == 2, timeout=60000)
    assert "converted to int8" in dialog.status.text()
    assert any(s.startswith("Unpacking") for s in stages)
    assert not dialog.cancel_button.isVisible()
    marian = next(i for i in range(dialog.list.count()) if "opus-mt" in dialog.list.item(i).text())
    dialog.list.setCurrentRow(marian)
    qtbot.mouseClick(dialog.default_button, Qt.LeftButton)
    assert dialog.list.item(marian).text().endswith("— default")
    assert catalog.default_model().is_marian
    qtbot.waitUntil(lambda: win.translation.service.model is not None and win.translation.service.model.is_marian)
    dialog.grab().save("/tmp/models-dialog.png")


def test_cancel_during_conversion_installs_nothing(qtbot, make_window, monkeypatch):
    win = make_window(auto=False)
    dialog = win.translation.show_models()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(RELEASE), "")))
    qtbot.mouseClick(dialog.install_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "Converting" in dialog.status.text(), timeout=30000)
    qtbot.mouseClick(dialog.cancel_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=30000)
    assert "cancelled" in dialog.status.text() and dialog.models() == []


def test_closing_the_dialog_during_an_install_never_waits_for_it(qtbot, make_window, monkeypatch):
    win = make_window(auto=False)
    dialog = win.translation.show_models()
    started, release, gave_up = threading.Event(), threading.Event(), threading.Event()
    install_release = installer.install_release

    def held(*args, **kwargs):  # timing only: the real conversion follows
        started.set()
        if not release.wait(15):
            gave_up.set()  # something waited for it
        return install_release(*args, **kwargs)

    monkeypatch.setattr(installer, "install_release", held)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(RELEASE), "")))
    qtbot.mouseClick(dialog.install_button, Qt.LeftButton)
    qtbot.waitUntil(started.is_set, timeout=30000)
    qtbot.keyClick(dialog, Qt.Key_Escape)
    assert not dialog.isVisible() and not gave_up.is_set()
    assert dialog.busy()   # told to stop, ending in the background
    release.set()
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=30000)
    assert dialog.models() == [] and "cancelled" in dialog.status.text()


def test_closing_the_window_during_an_install_stops_it_first(qtbot, make_window, monkeypatch):
    win = make_window(auto=False)
    dialog = win.translation.show_models()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(RELEASE), "")))
    qtbot.mouseClick(dialog.install_button, Qt.LeftButton)
    task = dialog._task
    assert task is not None and task.isRunning()
    win.close()
    assert task.isFinished()  # a running thread is never destroyed with its window


def shown(win) -> list[str | None]:
    return [win.model.translation(r) for r in range(win.model.rowCount())]


def test_each_document_keeps_its_own_model(qtbot, make_window, tiny_model, tiny_marian,
                                            short_sentences):
    catalog.set_default_model(tiny_model.name)
    settings = open_settings()
    settings.setValue("translation/terminology", False)  # compare with the bare models' output
    settings.sync()
    first, second = short_doc(short_sentences, 4), short_doc(short_sentences[10:], 6)
    texts = [s.text for s in first.segments]
    by_marian = TranslationService(tiny_marian, options=DecodeOptions(beam_size=1), terminology=None).translate(texts)
    win = make_window()
    win.open_document(first)
    wait_idle(qtbot, win)
    by_argos = shown(win)
    assert win.translation.service.model.name == tiny_model.name and None not in by_argos
    menu = win.translation.document_model_menu
    menu.aboutToShow.emit()
    next(a for a in menu.actions() if a.text() == tiny_marian.label).trigger()
    wait_idle(qtbot, win)
    assert win.translation.service.model.name == tiny_marian.name
    assert shown(win) == by_marian != by_argos
    win.open_document(second)  # another document: the default model
    assert win.translation.service.model.name == tiny_model.name
    wait_idle(qtbot, win)
    win.open_document(first)  # back: its own model, its English from the cache at once
    assert win.translation.service.model.name == tiny_marian.name
    assert shown(win) == by_marian
    assert catalog.document_model_name(first.doc_id) == tiny_marian.name


def test_compare_models_offers_every_other_models_english(qtbot, make_window, tiny_model, tiny_marian,
                                                          short_sentences):
    catalog.set_default_model(tiny_model.name)
    win = make_window(auto=False)
    win.open_document(short_doc(short_sentences, 2))
    rect = win.view.visualRect(win.model.index(1))
    context = win.view.build_context_menu(rect.center())
    action = next(a for a in context.actions() if a.text() == "Compare Models…")
    assert action.isEnabled()
    action.trigger()
    qtbot.waitUntil(lambda: win.translation.compare_menu is not None, timeout=60000)
    entries = [a for a in win.translation.compare_menu.actions() if a.data()]
    service = TranslationService(tiny_marian, options=win.translation.service.options,
                                 terminology=win.translation.service.terminology)
    expected = service.translate([win.model.segment(1).text])[0]
    assert [(a.text().split(":")[0].strip("\u2066\u2069"), a.data()) for a in entries] == [(tiny_marian.label, expected)]
    entries[0].trigger()
    assert win.model.translation(1) == expected and win.model.status(1) == "machine"
