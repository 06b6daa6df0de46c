"""A chunk of engine output is one write and one change; the log's checkpoint is left to a worker."""
from __future__ import annotations

from pathlib import Path

from reader.document import Document
from reader.session import DocumentSession
from reader.states import Origin, SegmentStatus

CHUNK = 16


def long_session(n: int) -> DocumentSession:
    text = "\n\n".join(f"هذه هي الجملة رقم {i} من نص طويل يترجمه المحرك على دفعات." for i in range(n))
    return DocumentSession.open(Document.from_text(text, doc_id=f"batches-{n}"))


def test_engine_output_in_chunks_keeps_a_persons_work_and_is_one_change_per_chunk():
    session = long_session(200)
    assert session.edit(5, "A person's English.")
    heard = []
    session.subscribe(heard.append)
    for start in range(0, len(session), CHUNK):
        session.set_machine_many([(r, f"Sentence {r}.") for r in range(start, min(start + CHUNK, len(session)))])
    assert [c.origin for c in heard] == [Origin.MACHINE] * -(-len(session) // CHUNK)
    assert sum(len(c.rows) for c in heard) == len(session) - 1
    assert (session.english(5), session.status(5)) == ("A person's English.", SegmentStatus.EDITED)
    assert (session.english(7), session.status(7)) == ("Sentence 7.", SegmentStatus.MACHINE)
    # Every row is logged with what it held before, in order, and the person's step is still undoable.
    logged = [c for c in session.store.history() if c.origin == str(Origin.MACHINE)]
    assert [c.index for c in logged] == [r for r in range(len(session)) if r != 5]
    assert all(c.old_target is None and c.new_target == f"Sentence {c.index}." for c in logged)
    assert session.undo() and session.english(5) is None
    # A chunk naming one row twice logs both steps from the right old value.
    session.set_machine_many([(9, "again"), (9, "and again")])
    last = session.store.history(9)[-2:]
    assert [(c.old_target, c.new_target) for c in last] == [("Sentence 9.", "again"), ("again", "and again")]


def test_engine_output_never_checkpoints_the_log_on_the_calling_thread():
    session = long_session(6000)
    assert session.edit(0, "First, by a person.")  # a person's change is synced as before
    database = session.store.path
    size = database.stat().st_size
    for start in range(1, len(session), CHUNK):
        session.set_machine_many([(r, f"Sentence {r} of a long text.")
                                  for r in range(start, min(start + CHUNK, len(session)))])
    # The database file is untouched: every chunk only appended to the write-ahead log ...
    assert database.stat().st_size == size
    # ... which a worker copies in afterwards, on its own connection.
    session.store.checkpoint()
    assert database.stat().st_size > size
    session.close()
    reopened = long_session(6000)
    assert reopened.english(5999) == "Sentence 5999 of a long text."
    assert reopened.english(0) == "First, by a person."


def test_status_counts_follow_every_kind_of_change():
    session = long_session(50)
    session.set_machine_many([(r, f"Sentence {r}.") for r in range(40)])
    session.edit(3, "Edited.")
    session.approve(4)
    session.edit(5, "")
    session.undo()
    expected = dict.fromkeys(SegmentStatus, 0)
    for row in range(len(session)):
        expected[session.status(row)] += 1
    assert session.counts() == expected
    session.close()
    assert long_session(50).counts() == expected  # and as loaded from the project


def test_a_late_checkpoint_after_the_document_closed_is_harmless():
    """A translation run replaced mid-way checkpoints its old document's store when it ends."""
    session = long_session(50)
    session.set_machine_many([(r, f"Sentence {r}.") for r in range(50)])
    store, database = session.store, session.store.path
    session.close()
    store.checkpoint()   # closed: nothing raises, nothing changes
    reopened = long_session(50)
    assert reopened.english(49) == "Sentence 49."
    reopened.close()
    for side in (database, Path(f"{database}-wal"), Path(f"{database}-shm")):
        side.unlink(missing_ok=True)
    store.checkpoint()   # its file gone (the document removed): no empty file made in its place
    assert not database.exists()
