"""Paragraph and sentence segmentation on the corpus and on tricky Arabic."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.corpus import load_manifest
from reader.document import Document
from reader.segmentation import sentence_spans

# Counted by reading each statement: one segment per sentence, heading or list item.
EXPECTED_SEGMENTS = {
    "000_456f884f9b3d3de8": 26,
    "001_5f247187310cf1e3": 24,
    "002_907d811416d42409": 33,
    "003_6f9cdc285af6822d": 27,
    "004_bb9c77e55452a9c2": 17,
}


def sentences(text: str, **kw) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text, **kw)]


@pytest.mark.parametrize("doc_id,count", sorted(EXPECTED_SEGMENTS.items()))
def test_corpus_segment_counts_and_exact_reassembly(doc_id, count):
    entry = next(e for e in load_manifest() if e.doc_id == doc_id)
    doc = entry.load()
    assert len(doc.segments) == count
    assert doc.reassemble() == doc.text
    for seg in doc.segments:
        assert doc.text[seg.start:seg.end] == seg.text
        assert seg.text == seg.text.strip()


def test_headings_and_list_items_are_their_own_segments():
    doc = next(e for e in load_manifest() if e.doc_id.startswith("002")).load()
    headings = [s.text for s in doc.segments if s.kind == "heading"]
    assert "اتفاق دولي لمحاصرة التنظيم" in headings
    assert "تعزيز تبادل المعلومات" in headings
    assert doc.segments[0].text == "واشنطن: الوكالات"


def test_terminators_and_arabic_question_mark():
    assert sentences("هل حضرت؟ نعم! حضرت الاجتماع. ثم غادرت") == [
        "هل حضرت؟", "نعم!", "حضرت الاجتماع.", "ثم غادرت"]


def test_closing_quote_stays_with_its_sentence():
    text = 'وقال البيان: "التهديد لا يزال قائمًا." وتابع الوزراء عملهم.'
    assert sentences(text) == ['وقال البيان: "التهديد لا يزال قائمًا."', "وتابع الوزراء عملهم."]


def test_abbreviations_initials_and_numbers_do_not_split():
    text = "استضاف الوزير مايكل ر. بومبيو الاجتماع. وحضر د. أحمد بنسبة 3.5 بالمئة وفق القرارين 2178 و2199."
    assert sentences(text) == ["استضاف الوزير مايكل ر. بومبيو الاجتماع.",
                               "وحضر د. أحمد بنسبة 3.5 بالمئة وفق القرارين 2178 و2199."]


def test_word_with_tanween_before_full_stop_is_not_an_initial():
    assert sentences("ما زال التهديد قائمًا. واتفق الوزراء.") == ["ما زال التهديد قائمًا.", "واتفق الوزراء."]


def test_ellipsis_trails_inside_a_sentence():
    assert sentences("انتهى الأمر... وبدأ غيره. نعم") == ["انتهى الأمر... وبدأ غيره.", "نعم"]


def test_missing_space_after_full_stop_between_arabic_words():
    assert sentences("والمواقع.وأشار البيان") == ["والمواقع.", "وأشار البيان"]


def test_arabic_semicolon_splits_only_on_request():
    text = "وأملنا أن تستكمل العملية؛ وقد ناقشنا الدعم."
    assert len(sentences(text)) == 1
    assert len(sentences(text, split_semicolon=True)) == 2


arabic_chars = st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآةى") +
                               ["\u064e", "\u0650", "\u0651", "\u0640", " ", " ", ".", "؟", "!", "\n", "\n\n", '"', "3", "A"])


@settings(max_examples=200, deadline=None)
@given(st.lists(arabic_chars, max_size=200).map("".join))
def test_segments_tile_the_text_and_never_split_a_word(text):
    doc = Document.from_text(text)
    if doc.segments:
        assert doc.reassemble() == text
    for seg in doc.segments:
        assert doc.text[seg.start:seg.end] == seg.text
        for boundary in (seg.start, seg.end):
            if 0 < boundary < len(text):
                assert not (text[boundary - 1].isalpha() and text[boundary].isalpha()), \
                    "a segment boundary fell inside a word"
