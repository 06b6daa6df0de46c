"""Arabic-aware search over the corpus and open documents."""
from __future__ import annotations

import pytest

from reader.importers import document_from_text
from reader.project_store import ProjectStore
from reader.search import SearchIndex, corpus_index, find_in_text

SENTENCE = "وبالحكومة قالت حكومتهم إنّ الحُكُومَة للحكومة والحكومات حكومةٌ مستقرة"


def _found(query, text=SENTENCE):
    return [text[s:e] for s, e in find_in_text(query, text)]


def test_arabic_search_ignores_tashkeel_and_finds_clitics():
    assert _found("حكومة") == ["حكومة", "حكومتهم", "حُكُومَة", "حكومة", "حكومةٌ"]
    # Not the plural: الحكومات is a different word form.
    assert "حكومات" not in "".join(_found("حكومة"))


def test_query_with_article_or_diacritics_or_tatweel():
    # Clitics in the query are clitics: الحكومة finds every form حكومة finds.
    assert _found("الحكومة") == ["الحكومة", "حكومتهم", "الحُكُومَة", "حكومة", "حكومةٌ"]
    assert _found("الحُكومَة") == _found("الحكومة")
    assert _found("حكـــومة") == _found("حكومة")


@pytest.mark.parametrize("query,text,hit", [
    ("أكد", "وقد اكد الوزير", "اكد"),              # hamza on alef vs bare alef
    ("اكد", "وقد أكّد الوزير", "أكّد"),
    ("مسؤول", "قال مسئول", None),                    # different seats of hamza stay distinct words
    ("إعلان", "الاعلان المشترك", "اعلان"),
    ("مستشفى", "في المستشفي", "مستشفي"),             # alef maqsura vs ya
    ("قرار", "بقراراتهم", None),                    # not a clitic suffix
    ("قرار", "لقرارهم", "قرارهم"),
    ("التحالف", "والتحالف", "التحالف"),
    ("تحالف", "للتحالف", "تحالف"),
    ("التحالف", "وللتحالف دور", "تحالف"),           # ل + article is written لل
    ("التحالف", "لتحالف", "تحالف"),
    ("بالتحالف", "أعلن التحالف الدولي", "التحالف"),   # a proclitic typed in the query
    ("الائتلاف", "بناء ائتلاف دولي", "ائتلاف"),
    ("وزير", "قال زير", None),                       # و+زير: too short a stem to be a clitic reading
    ("تحالف", "فسيتحالف", None),                     # "ي" is not a proclitic
])
def test_hamza_alef_ya_and_clitics(query, text, hit):
    found = _found(query, text)
    assert found == ([hit] if hit else [])


def test_multi_word_query_spans_whitespace_and_maps_back_to_the_original():
    text = "قال  وزيرُ الخارجيّة\u00a0أمس"
    spans = find_in_text("وزير الخارجية", text)
    assert [text[s:e] for s, e in spans] == ["وزيرُ الخارجيّة"]


def test_english_is_case_insensitive():
    assert _found("coalition", "The Global COALITION and its coalition partners") == ["COALITION", "coalition"]


def test_index_searches_open_documents_and_their_english():
    index = SearchIndex()
    doc = document_from_text("اجتمع وزراء التحالف.\nوقال الوزير إن التحالف قوي.\n")
    index.add(doc, {1: "The minister said the Coalition is strong."})
    hits = index.search("التحالف")
    assert [(h.doc_id, h.segment, h.side, h.matched) for h in hits] == [
        (doc.doc_id, 0, "ar", "التحالف"), (doc.doc_id, 1, "ar", "التحالف")]
    en = index.search("coalition")
    assert [(h.segment, h.side, h.matched) for h in en] == [(1, "en", "Coalition")]
    index.set_target(doc.doc_id, 1, None)
    assert index.search("coalition") == []
    index.remove(doc.doc_id)
    assert index.search("التحالف") == []


def test_corpus_index_covers_the_bundled_statements_and_saved_english():
    doc = document_from_text("بيان جديد عن التحالف الدولي.")
    with ProjectStore.for_document(doc) as store:
        store.set_target(0, "A new statement on the global coalition.")
    index = corpus_index([doc])
    assert len(index) == 6
    hits = index.search("داعش")
    assert len({h.doc_id for h in hits}) == 5  # every bundled statement is about ISIS
    for h in hits:
        assert h.text[h.start:h.end].endswith("داعش")
    english = index.search("GLOBAL coalition")
    assert [(h.doc_id, h.side) for h in english] == [(doc.doc_id, "en")]


def test_empty_query_finds_nothing():
    assert SearchIndex().search("  ") == []
    assert find_in_text("", "نص") == []


from hypothesis import given, settings, strategies as st  # noqa: E402

from reader.corpus import load_manifest  # noqa: E402

_WORDS = sorted({w for e in load_manifest() for _, _, w in __import__("reader.arabic", fromlist=["words"]).words(
    e.load().text) if len(w) > 3 and not any(c.isdigit() for c in w)})
_MARKS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0640"


@settings(max_examples=150, deadline=None)
@given(word=st.sampled_from(_WORDS), marks=st.lists(st.sampled_from(_MARKS), min_size=1, max_size=6),
       seed=st.randoms(use_true_random=False), clitic=st.sampled_from(["", "و", "ب", "وب", "ف"]))
def test_any_corpus_word_is_found_however_it_is_vocalised(word, marks, seed, clitic):
    decorated = list(word)
    for mark in marks:  # tashkeel and tatweel after random letters
        pos = seed.randrange(1, len(decorated) + 1)
        decorated.insert(pos, mark)
    surface = clitic + "".join(decorated)
    text = f"قبل {surface} بعد"
    spans = find_in_text(word, text)
    assert len(spans) == 1
    start, end = spans[0]
    assert text[start:end].replace("\u0640", "").startswith(word[0]) or word[0] in "أإآا"
    assert start >= len("قبل ") + len(clitic) and end <= len(text) - len(" بعد")


def test_clitics_typed_in_the_query_find_the_corpus_matches():
    """ائتلاف occurs twice in the bundled statements; الائتلاف and بالائتلاف find both."""
    index = corpus_index()
    bare = [(h.doc_id, h.segment) for h in index.search("ائتلاف")]
    assert len(bare) == 2
    for query in ("الائتلاف", "بالائتلاف", "والائتلاف"):
        assert [(h.doc_id, h.segment) for h in index.search(query)] == bare
    assert len(index.search("بالتحالف")) == len(index.search("تحالف")) > 30
