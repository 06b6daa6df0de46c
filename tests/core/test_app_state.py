"""The Qt-free application state: one glossary index whose changes reach machine English only."""
from __future__ import annotations

import sqlite3

import pytest

from reader.app_state import AppState
from reader.document import Document
from reader.glossary import Term
from reader.project_store import ProjectStore
from reader.settings import MemoryBackend
from reader.study.vocabulary import VocabularyError

TEXT = "اجتمع الوزراء في بروكسل.\n\nوصل الوزير إلى بروكسل."


def test_an_added_term_reaches_machine_english_and_leaves_a_persons_alone():
    state = AppState(MemoryBackend())
    heard = []
    state.on_glossary_changed = lambda: heard.append("glossary")  # what the UI relays as a signal
    session = state.open_session(Document.from_text(TEXT, doc_id="state-test"))
    session.set_machine(0, "The ministers met in Brussels.")
    session.edit(1, "The minister arrived in Brussels.")
    before = state.service
    state.glossary.add_term(Term(id="brussels-city", arabic=["بروكسل"], english="Brussels City",
                                 variants=["Brussels"], category="place"))
    assert heard == ["glossary"] and state.service is not before
    assert session.english(0) == "The ministers met in Brussels City."
    assert session.english(1) == "The minister arrived in Brussels."
    assert state.service.terminology.uses("بروكسل")[0].english == "Brussels City"


def test_the_house_style_reaches_machine_english_only():
    state = AppState(MemoryBackend())
    session = state.open_session(Document.from_text("داعش.\n\nداعش هزم.", doc_id="style-test"))
    session.set_machine(0, "ISIS.")
    session.edit(1, "ISIS was defeated.")
    state.glossary.set_house_style("Daesh")
    assert (session.english(0), session.english(1)) == ("Daesh.", "ISIS was defeated.")
    assert state.glossary.mixed_styles([session.english(0), session.english(1)]) == ["ISIS", "Daesh"]


def test_unusable_settings_are_reported_at_start_up():
    state = AppState(MemoryBackend({"translation/threads": "many"}))
    assert len(state.problems) == 1 and "translation/threads" in state.problems[0]


def test_a_lock_held_by_another_bayan_delays_the_save_never_the_window(tmp_path):
    """The window's changes waited up to 5 s for another process's write lock; now 50 ms at most,
    the change shown at once, kept, written when the lock is free."""
    state = AppState(MemoryBackend())
    session = state.open_session(Document.from_text(TEXT, doc_id="lock-test"))
    assert session.store.wait_s <= 0.05
    other = sqlite3.connect(session.store.path, isolation_level=None)   # another Bayan, in effect
    other.execute("BEGIN IMMEDIATE")
    session.edit(0, "The ministers met in Brussels.")
    assert session.english(0) == "The ministers met in Brussels."
    assert session.unsaved and "locked" in session.save_error
    vocabulary = sqlite3.connect(state.vocabulary.path, isolation_level=None)
    vocabulary.execute("BEGIN IMMEDIATE")
    with pytest.raises(VocabularyError, match="Not saved"):   # one sentence, not a traceback
        state.vocabulary.add("بروكسل", gloss="Brussels")
    vocabulary.execute("ROLLBACK")
    other.execute("ROLLBACK")
    assert session.retry_saves() and not session.unsaved
    path = session.store.path
    state.close()
    with ProjectStore(path) as store:
        assert store.get(0).target == "The ministers met in Brussels."
    other.close()
    vocabulary.close()
