"""Opening a document hands its glossary terms and its new project rows to workers: the window
shows the document at once, then the terms; a person's edit made meanwhile is kept; another
document opened meanwhile gets nothing of the first's."""
from __future__ import annotations

from reader.corpus import load_manifest
from reader.document import Document
from reader.glossary.occurrences import find_terms
from reader.project_store import ProjectStore, project_path
from reader.states import SegmentStatus
from reader.ui import task as tasks

FIRST = "000_456f884f9b3d3de8"  # a corpus document with many terms (داعش, NATO...)


def corpus_document(doc_id: str) -> Document:
    return next(e for e in load_manifest() if e.doc_id == doc_id).load()


def other_document(first: Document) -> Document:
    """A corpus document whose terms differ from ``first``'s."""
    from reader.glossary.index import GlossaryIndex

    index = GlossaryIndex()
    mine = find_terms(index, first)
    assert mine is not None
    for entry in load_manifest():
        doc = entry.load()
        theirs = find_terms(index, doc)
        if doc.doc_id != first.doc_id and theirs is not None and theirs.counts and theirs.counts != mine.counts:
            return doc
    raise AssertionError("the corpus has no second document with other terms")


def settled(win, qtbot, doc: Document) -> None:
    """The document's terms and rows are done, and no abandoned worker still runs."""
    qtbot.waitUntil(lambda: win.glossary_feature.terms is not None
                    and win.glossary_feature.terms.doc_id == doc.doc_id
                    and not win.context.rows_writing() and tasks.abandoned() == 0, timeout=20000)


def test_the_glossary_terms_arrive_for_the_new_document_never_the_previous_ones(window, qtbot):
    first = corpus_document(FIRST)
    second = other_document(first)
    window.open_document(first)
    settled(window, qtbot, first)
    feature, panel = window.glossary_feature, window.glossary_feature.panel
    assert panel.terms.count() > 0
    window.open_document(second)
    # Back from opening, before the event loop turns: the document is shown, its terms are
    # not found yet, and nothing of the first document's is listed or highlighted.
    assert feature.terms is None and panel.terms.count() == 0
    assert sum(len(window.model.spans(r, "ar")) for r in range(window.model.rowCount())) == 0
    settled(window, qtbot, second)
    expected = find_terms(window.context.glossary, second)
    assert expected is not None and feature.terms == expected
    items = [panel.terms.item(i).text() for i in range(panel.terms.count())]
    assert [item.rsplit("(", 1)[1] for item in items] == [f"{n})" for *_, n in expected.counts]
    assert items[0].startswith(f"\u2067{expected.counts[0][1]}\u2069")
    # The highlights are the second document's: a row holding a term shows it.
    row = next(r for r, matches in enumerate(expected.rows) if matches)
    text = window.model.segment(row).text
    assert {text[s.start:s.end] for s in window.model.spans(row, "ar")} == \
        {text[m.start:m.end] for m in expected.rows[row]}


def test_an_edit_made_while_the_rows_are_written_survives_reopening(window, qtbot):
    doc = corpus_document(FIRST)
    big = Document.from_text("\n\n".join([doc.text] * 12), doc_id="twelve-times")
    n = len(big.segments)
    window.open_document(big)
    # Nothing has turned the event loop since: the new project's rows are still being written.
    assert window.context.rows_writing()
    session = window.context.session
    session.edit(n - 1, "A person's English for the last segment.")
    session.approve(0, english="A person's English for the first one.")
    settled(window, qtbot, big)
    window.open_document(corpus_document(FIRST))
    settled(window, qtbot, window.document)
    window.open_document(Document.from_text(big.text, doc_id="twelve-times"))
    reopened = window.context.session
    assert reopened.english(n - 1) == "A person's English for the last segment."
    assert reopened.status(n - 1) == SegmentStatus.EDITED
    assert (reopened.english(0), reopened.status(0)) == ("A person's English for the first one.",
                                                          SegmentStatus.APPROVED)
    assert reopened.undo() == 0  # the edits are in the history too
    with ProjectStore(project_path("twelve-times")) as store:
        assert len(store.all()) == n


def test_opening_another_document_before_the_background_work_ends_leaves_nothing_of_the_first(window, qtbot):
    first = Document.from_text("\n\n".join([corpus_document(FIRST).text] * 12), doc_id="first-big")
    second = other_document(corpus_document(FIRST))
    shown: list[list[tuple[str, str, str, int]]] = []
    panel = window.glossary_feature.panel
    show_terms = panel.show_terms
    panel.show_terms = lambda rows: (shown.append(list(rows)), show_terms(rows))[-1]
    window.open_document(first)
    assert window.context.rows_writing() and window.glossary_feature.terms is None
    window.open_document(second)
    settled(window, qtbot, second)
    expected = find_terms(window.context.glossary, second)
    assert expected is not None
    # The panel only ever listed nothing or the second document's terms.
    assert [rows for rows in shown if rows] == [list(expected.counts)]
    assert window.glossary_feature.terms == expected and window.context.session.doc_id == second.doc_id
    # The first document's writer stopped where it was; what it left is completed when it is
    # opened again, and its project holds exactly its own rows.
    window.open_document(first)
    settled(window, qtbot, first)
    with ProjectStore(project_path("first-big")) as store:
        assert [s.source for s in store.all()] == [s.text for s in first.segments]
    with ProjectStore(project_path(second.doc_id)) as store:
        assert [s.source for s in store.all()] == [s.text for s in second.segments]
