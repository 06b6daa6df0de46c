"""The document session: the one owner of a segment's English, status and undo history."""
from __future__ import annotations

from reader.document import Document
from reader.project_store import ProjectStore
from reader.session import DocumentSession
from reader.states import Origin, SegmentStatus

TEXT = "اجتمع الوزراء في بروكسل.\n\nوأكدوا التزامهم بهزيمة داعش.\n\nوقال الوزير إن العمل مستمر."


def doc() -> Document:
    return Document.from_text(TEXT, doc_id="session-test", title="Test")


def test_machine_output_never_replaces_a_persons_english():
    session = DocumentSession.open(doc())
    heard = []
    session.subscribe(heard.append)
    assert session.edit(0, "Ministers met in Brussels.")
    assert session.set_machine_many([(0, "machine"), (1, "machine one")]) == [1]
    assert (session.english(0), session.status(0)) == ("Ministers met in Brussels.", SegmentStatus.EDITED)
    assert (session.english(1), session.status(1)) == ("machine one", SegmentStatus.MACHINE)
    assert [(c.rows, c.origin) for c in heard] == [((0,), Origin.EDIT), ((1,), Origin.MACHINE)]


def test_compare_and_set_refuses_machine_output_over_a_changed_row():
    session = DocumentSession.open(doc())
    session.set_machine(0, "first draft")
    assert not session.set_machine(0, "restyled", expected="something else")
    assert session.set_machine(0, "restyled", expected="first draft")
    assert session.english(0) == "restyled"


def test_undo_steps_over_machine_output_and_survives_reopening():
    session = DocumentSession.open(doc())
    session.set_machine_many([(0, "machine zero"), (1, "machine one")])
    session.edit(0, "Human zero")
    session.set_machine(1, "machine one, again")  # a re-translation after the edit
    session.close()

    again = DocumentSession.open(doc())
    assert again.english(0) == "Human zero" and again.can_undo()
    assert again.undo() == 0
    assert (again.english(0), again.status(0)) == ("machine zero", SegmentStatus.MACHINE)
    assert again.english(1) == "machine one, again"
    assert again.undo() is None  # engine output is not a person's step
    assert again.redo() == 0 and again.english(0) == "Human zero"
    with ProjectStore.for_document(doc()) as store:
        assert store.get(0).target == "Human zero"


def test_alternatives_belong_to_the_english_they_were_offered_for():
    session = DocumentSession.open(doc())
    session.set_machine(0, "shown")
    assert session.offer_alternatives(0, ["other", "third"], "shown") == ("other", "third")
    assert session.choose_alternative(0, "other", expected="shown")
    assert session.english(0) == "other" and session.alternatives(0) == ()
    assert session.can_undo() and session.undo() == 0 and session.english(0) == "shown"


def test_restyle_reaches_machine_english_only():
    session = DocumentSession.open(doc())
    session.set_machine(0, "They fight ISIS.")
    session.edit(1, "We will defeat ISIS.")
    assert session.restyle(lambda _row, english: english.replace("ISIS", "Daesh")) == [0]
    assert session.english(0) == "They fight Daesh."
    assert session.english(1) == "We will defeat ISIS."


def test_an_unopenable_project_keeps_edits_in_memory_with_a_reason(monkeypatch):
    from reader import project_store

    def broken(cls, document, path=None, later=False):
        raise project_store.ProjectError("The project file x.bayan.sqlite cannot be opened: file is not a database.")

    monkeypatch.setattr(project_store.ProjectStore, "for_document", classmethod(broken))
    session = DocumentSession.open(doc())
    assert "cannot be saved" in session.error
    assert session.edit(0, "kept for now") and session.undo() == 0 and session.english(0) is None
