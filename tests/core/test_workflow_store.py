"""The per-document project store: statuses, protection of human work, undo, crash safety."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from reader.importers import document_from_text
from reader.project_store import ProjectStore, project_path

TEXT = "الجملة الأولى.\nالجملة الثانية هنا.\nالجملة الثالثة أخيرا.\n"
ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture
def doc():
    return document_from_text(TEXT)


def test_new_project_lives_in_the_data_dir_and_starts_untranslated(doc, isolated_profile):
    with ProjectStore.for_document(doc) as store:
        assert store.path == project_path(doc.doc_id)
        assert store.path.parent == isolated_profile / "projects"
        assert [s.status for s in store.all()] == ["untranslated"] * 3
        assert [s.source for s in store.all()] == [seg.text for seg in doc.segments]
        assert store.counts() == {"untranslated": 3, "machine": 0, "from-tm": 0, "edited": 0, "approved": 0}
        mode = store._db.execute("PRAGMA journal_mode").fetchone()[0]
        assert mode == "wal"


def test_machine_translation_never_overwrites_human_work(doc):
    with ProjectStore.for_document(doc) as store:
        assert store.set_machine_many([(0, "MT one"), (1, "MT two"), (2, "MT three")]) == 3
        store.set_target(1, "The second sentence is here.")
        store.set_target(2, "The third sentence, finally.")
        store.approve(2)
        applied = store.set_machine_many([(0, "MT one again"), (1, "MT two again"), (2, "MT three again")])
        assert applied == 1
        assert [(s.target, s.status) for s in store.all()] == [
            ("MT one again", "machine"),
            ("The second sentence is here.", "edited"),
            ("The third sentence, finally.", "approved"),
        ]
        assert store.counts() == {"untranslated": 0, "machine": 1, "from-tm": 0, "edited": 1, "approved": 1}


def test_clearing_the_english_makes_a_segment_untranslated_again(doc):
    with ProjectStore.for_document(doc) as store:
        store.set_target(0, "Something")
        state = store.set_target(0, "   ")
        assert (state.target, state.status) == (None, "untranslated")
        assert store.set_machine(0, "Machine")


def test_changes_survive_reopening_with_timestamps(doc):
    before = time.time()
    with ProjectStore.for_document(doc) as store:
        store.set_target(1, "Kept")
    with ProjectStore.for_document(doc) as store:
        state = store.get(1)
        assert (state.target, state.status) == ("Kept", "edited")
        assert before <= state.updated <= time.time()
        assert store.doc_id == doc.doc_id


def test_undo_and_redo_walk_the_history_even_after_a_restart(doc):
    with ProjectStore.for_document(doc) as store:
        store.set_machine(0, "machine draft")
        store.set_target(0, "first edit")
        store.set_target(0, "second edit")
    with ProjectStore.for_document(doc) as store:
        assert store.undo().target == "first edit"
        assert store.undo().target == "machine draft"
        assert store.get(0).status == "machine"
        assert store.redo().target == "first edit"
        assert store.get(0).status == "edited"
        # A new change after an undo drops what could have been redone.
        store.set_target(0, "another edit")
        assert store.redo() is None
        assert [c.new_target for c in store.history(0)] == ["machine draft", "first edit", "another edit"]
        assert store.undo().target == "first edit"


def test_undo_with_nothing_to_undo(doc):
    with ProjectStore.for_document(doc) as store:
        assert store.undo() is None and store.redo() is None


def test_a_changed_segmentation_keeps_translations_with_their_sentences(doc):
    with ProjectStore.for_document(doc) as store:
        store.set_target(1, "Second")
        store.set_target(2, "Third")
    # The same project file, now holding an extra sentence at the start.
    changed = document_from_text("جملة جديدة في البداية.\n" + TEXT)
    with ProjectStore.for_document(changed, path=project_path(doc.doc_id)) as store:
        assert [(s.index, s.target) for s in store.all()] == [(0, None), (1, None), (2, "Second"), (3, "Third")]


def test_a_damaged_project_file_is_moved_aside_and_a_new_one_started(doc):
    path = project_path(doc.doc_id)
    path.write_bytes(b"this is not a database" * 100)
    with ProjectStore.for_document(doc) as store:
        assert "damaged" in store.note and "kept, not deleted" in store.note
        assert len(store.all()) == len(doc.segments)
    aside = [p for p in path.parent.iterdir() if ".damaged-" in p.name]
    assert [p.read_bytes()[:22] for p in aside] == [b"this is not a database"]


def test_unknown_status_is_refused(doc):
    with ProjectStore.for_document(doc) as store, pytest.raises(ValueError):
        store.set_target(0, "x", status="final")


WRITER = textwrap.dedent("""
    import sys
    sys.path.insert(0, sys.argv[1])
    from reader.importers import document_from_text
    from reader.project_store import ProjectStore
    doc = document_from_text(" ".join(f"الجملة رقم {i}." for i in range(200)).replace(". ", ".\\n"))
    store = ProjectStore.for_document(doc)
    i = 0
    while True:
        store.set_target(i % 200, f"edit number {i}")
        print(i, flush=True)   # acknowledged: the transaction has committed
        i += 1
""")


@pytest.mark.parametrize("acks_before_kill", [5, 60, 300])
def test_killing_the_app_mid_save_loses_nothing(tmp_path, acks_before_kill):
    """A writer is SIGKILLed while saving; every change it reported as saved is there."""
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(script), str(ROOT)], stdout=subprocess.PIPE, text=True,
                            env=os.environ.copy())
    acked = -1
    try:
        for line in proc.stdout:
            acked = int(line)
            if acked >= acks_before_kill:
                break
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    doc = document_from_text(" ".join(f"الجملة رقم {i}." for i in range(200)).replace(". ", ".\n"))
    db_path = project_path(doc.doc_id)
    assert db_path.with_name(db_path.name + "-wal").exists()  # killed with changes still in the WAL
    with ProjectStore.for_document(doc) as store:
        assert store._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        states = store.all()
        # Every acknowledged edit is present (a later, unacknowledged one may also have landed).
        for i in range(max(0, acked - 199), acked + 1):
            target = states[i % 200].target
            n = int(target.rsplit(" ", 1)[1])
            assert n >= i and target == f"edit number {n}"
        assert len(store.history()) >= acked + 1


def test_second_connection_sees_committed_changes(doc):
    with ProjectStore.for_document(doc) as store:
        store.set_target(0, "Visible")
        other = sqlite3.connect(store.path)
        assert other.execute("SELECT target FROM segments WHERE idx=0").fetchone()[0] == "Visible"
        other.close()
