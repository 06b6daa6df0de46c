"""A chunk of engine output marks only its own rows as changed, however far apart they are."""
from __future__ import annotations

from reader.document import Document
from reader.session import DocumentSession
from reader.ui.fonts import arabic_font, english_font
from reader.ui.reading_view import ReadingView
from reader.ui.segment_model import SegmentModel


def test_rows_far_apart_in_one_chunk_are_measured_alone(qtbot):
    text = "\n\n".join(f"هذه هي الجملة رقم {i} من نص طويل." for i in range(3000))
    session = DocumentSession.open(Document.from_text(text, doc_id="chunk-rows"))
    model = SegmentModel()
    view = ReadingView(model, arabic_font(), english_font())
    qtbot.addWidget(view)
    view.resize(800, 500)
    session.subscribe(model.session_changed)
    model.set_session(session)
    view.show()
    qtbot.waitExposed(view)
    ranges = []
    model.dataChanged.connect(lambda first, last, *_: ranges.append((first.row(), last.row())))
    # Visible rows first, then the rest of the document: one chunk can hold both.
    session.set_machine_many([(1, "One."), (2, "Two."), (2500, "Far below."), (2501, "And next.")])
    assert ranges == [(1, 2), (2500, 2501)]
    assert view._stale == {2500, 2501}  # only they wait to be measured when scrolled to
    session.close()
