"""A translation run replaced mid-way (another document, another model, other options) is never
waited for: the window goes on at once, and the old run's late English never lands anywhere."""
from __future__ import annotations

import threading
from typing import Any, Callable

import pytest
import shiboken6

from reader import settings as keys
from reader.document import Document
from reader.translation import catalog
from reader.translation.cache import TranslationCache
from reader.translation.engine import DecodeOptions, Engine
from reader.translation.service import TranslationService
from reader.ui.task import abandoned
from tests.ui.test_ui_translation import short_doc, translated_rows, wait_idle

# The held batch waits at most this long: code that waits for it on the GUI thread fails the
# test (the hold gives up) instead of hanging it.
HOLD_S = 15.0


class HeldBatch:
    """Holds the first translating worker before it takes its second batch's results, until
    released. Timing only: the batch is decoded by the real engine and its English kept."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch):
        self.held = threading.Event()
        self.release = threading.Event()
        self.gave_up = threading.Event()  # something waited for the held worker
        self._lock = threading.Lock()
        self._owner: int | None = None
        self._calls = 0
        collect = Engine._collect

        def held_collect(engine: Engine, chunk: list[int], pending: list[Any]) -> list[tuple[int, str]]:
            with self._lock:
                self._owner = self._owner or threading.get_ident()
                mine = self._owner == threading.get_ident()
                self._calls += mine
                hold = mine and self._calls == 2
            if hold:
                self.held.set()
                if not self.release.wait(HOLD_S):
                    self.gave_up.set()
            return collect(engine, chunk, pending)

        monkeypatch.setattr(Engine, "_collect", held_collect)


def english(model, texts: list[str], beam: int, cache_path) -> list[str]:
    """What the model makes of ``texts`` with the window's settings, on a cache of its own."""
    return TranslationService(model, TranslationCache(cache_path), DecodeOptions(beam_size=beam)).translate(texts)


@pytest.mark.parametrize("how", ["another document", "another model", "other options"])
def test_a_replaced_run_is_not_waited_for_and_its_english_never_lands(
        qtbot, make_window, monkeypatch, tiny_model, tiny_marian, short_sentences, tmp_path, how):
    catalog.set_default_model(tiny_model.name)
    first = short_doc(short_sentences, 24)
    other = Document.from_text(" ".join(short_sentences[24:30]), doc_id="other", title="Other")
    # What each replacement must end with, worked out before anything is held.
    shown, expected = {
        "another document": (other, lambda: english(tiny_model, [s.text for s in other.segments], 1,
                                                     tmp_path / "ref.sqlite3")),
        "another model": (first, lambda: english(tiny_marian, [s.text for s in first.segments], 1,
                                                 tmp_path / "ref.sqlite3")),
        "other options": (first, lambda: english(tiny_model, [s.text for s in first.segments], 2,
                                                 tmp_path / "ref.sqlite3")),
    }[how]
    want = expected()
    hold = HeldBatch(monkeypatch)
    win = make_window(batch=2)
    feature = win.translation
    win.open_document(first)
    # The run is mid-way: a row shows, the next batch is queued and held.
    qtbot.waitUntil(lambda: hold.held.is_set() and len(translated_rows(win)) >= 1, timeout=30000)
    old_task = feature.controller._task
    replace: Callable[[], None] = {
        "another document": lambda: win.open_document(other),
        "another model": lambda: feature.choose_document_model(tiny_marian.name),
        "other options": lambda: feature._set_option(keys.BEAM, 2),
    }[how]
    arrived: list[tuple[int, str]] = []
    feature.controller.segmentTranslated.connect(lambda row, text: arrived.append((row, text)))

    replace()

    # Back at once, the old run still held: nothing waited for it.
    assert not hold.gave_up.is_set() and not hold.release.is_set()
    assert win.document is shown and feature.controller._task is not old_task
    # The new run goes on beside the held one and shows its own English.
    qtbot.waitUntil(lambda: len(translated_rows(win)) == len(shown.segments)
                    and not feature.busy(), timeout=HOLD_S * 1000 / 2)
    assert not hold.gave_up.is_set() and abandoned() == 1

    hold.release.set()
    qtbot.waitUntil(lambda: abandoned() == 0, timeout=30000)
    qtbot.waitUntil(lambda: not shiboken6.isValid(old_task))   # it ended and deleted itself
    wait_idle(qtbot, win)
    assert [win.model.translation(r) for r in range(len(shown.segments))] == want
    assert all(text == want[row] for row, text in arrived), "the old run's English reached the new one"
    assert "Translation finished" in win.statusBar().currentMessage()
    assert not feature.progress_bar.isVisible()


def test_another_document_without_auto_translate_leaves_no_progress_behind(
        qtbot, make_window, monkeypatch, tiny_model, short_sentences):
    hold = HeldBatch(monkeypatch)
    win = make_window(auto=False, batch=2)
    feature = win.translation
    win.open_document(short_doc(short_sentences, 24))
    feature.translate_action.trigger()
    qtbot.waitUntil(lambda: hold.held.is_set() and feature.cancel_button.isVisible(), timeout=30000)
    other = Document.from_text(" ".join(short_sentences[24:30]), doc_id="other", title="Other")
    win.open_document(other)
    # Nothing is translating this document: no bar, no Cancel, rows say how to translate them.
    assert not feature.progress_bar.isVisible() and not feature.cancel_button.isVisible()
    assert not feature.cancel_action.isEnabled()
    assert not (feature.controller.running() and feature.controller.decoding)  # at most the cache is read
    qtbot.waitUntil(lambda: not feature.busy())
    assert translated_rows(win) == []
    hold.release.set()
    qtbot.waitUntil(lambda: abandoned() == 0, timeout=30000)
    assert translated_rows(win) == [] and not feature.progress_bar.isVisible()
