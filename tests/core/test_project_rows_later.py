"""A new project's rows written after opening (the window does it in a worker): a change made
before they are written is kept, whichever commits first, and a write cut short by a close or a
crash is completed at the next opening without touching what was saved."""
from __future__ import annotations

from reader.document import Document
from reader.project_store import WRITE_CHUNK, ProjectStore, project_path
from reader.session import DocumentSession
from reader.states import SegmentStatus

TEXT = " ".join(f"هذه الجملة رقم {n} في الوثيقة." for n in range(WRITE_CHUNK * 2 + 7))


def test_a_change_made_before_the_rows_are_written_survives_a_write_cut_short():
    doc = Document.from_text(TEXT, doc_id="rows-later")
    n = len(doc.segments)
    assert n > WRITE_CHUNK * 2
    session = DocumentSession.open(doc, rows_later=True)
    assert session.store.unwritten == list(range(n))
    session.edit(n - 1, "The last sentence, by a person.")  # before its row is written
    # The writer commits one chunk, then the app dies (nothing closes the session).
    looks = iter([False, True])
    assert not session.store.write_rows(lambda: next(looks))
    with ProjectStore(project_path("rows-later")) as store:
        written = store.all()
    assert [s.index for s in written] == list(range(WRITE_CHUNK)) + [n - 1]
    assert written[-1].target == "The last sentence, by a person."
    # Opened again: the edit is there, the missing rows are written and never replace it.
    again = DocumentSession.open(doc, rows_later=True)
    assert again.english(n - 1) == "The last sentence, by a person."
    assert again.status(n - 1) == SegmentStatus.EDITED
    assert again.store.unwritten == list(range(WRITE_CHUNK, n - 1))
    assert again.store.write_rows()
    again.close()
    with ProjectStore.for_document(doc) as store:
        states = store.all()
        assert [s.source for s in states] == [s.text for s in doc.segments]
        assert states[-1].target == "The last sentence, by a person." and store.can_undo()
    session.close()


def test_rows_written_first_then_changed_keep_the_change():
    doc = Document.from_text(TEXT, doc_id="rows-first")
    session = DocumentSession.open(doc, rows_later=True)
    assert session.store.write_rows()
    session.approve(3, english="Approved English.")
    session.close()
    reopened = DocumentSession.open(doc, rows_later=True)
    assert reopened.store.unwritten == []
    assert (reopened.english(3), reopened.status(3)) == ("Approved English.", SegmentStatus.APPROVED)
    reopened.close()
