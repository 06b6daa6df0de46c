"""The word bridge without a model: the links a reader sees between an Arabic sentence and any
English for it (machine output, a post-edit, a human translation), and bad input."""
from __future__ import annotations

import pytest

from reader.align.aligner import lexical_aligner
from reader.align.links import Link
from reader.align.words import arabic_words, english_words

MEETING = "عقدنا هذا الصباح اجتماعًا مع بعض من حلفائنا وشركائنا الرئيسيين في عام ٢٠٢٠"
MEETING_MT = "This morning we held a meeting with some of our key allies and partners in 2020"


@pytest.fixture(scope="module")
def aligner():
    return lexical_aligner()


@pytest.fixture(scope="module")
def no_glossary():
    return lexical_aligner(lambda: None)


def linked(links: list[Link], arabic: str, english: str) -> set[tuple[str, str]]:
    return {(arabic[link.ar[0]:link.ar[1]], english[link.en[0]:link.en[1]]) for link in links}


def test_clitics_and_stem_of_one_word_link_to_their_english(aligner):
    arabic, english = "وللتحالف دور في إرساء الاستقرار", "And the coalition has a role in stabilization"
    pairs = linked(aligner.align(arabic, english), arabic, english)
    assert {("وللتحالف", "And"), ("وللتحالف", "coalition"), ("وللتحالف", "the")} <= pairs
    assert ("دور", "role") in pairs


def test_arabic_indic_digits_link_to_western_digits(aligner):
    pairs = linked(aligner.align(MEETING, MEETING_MT), MEETING, MEETING_MT)
    assert ("٢٠٢٠", "2020") in pairs
    assert {("اجتماعًا", "meeting"), ("حلفائنا", "allies"), ("حلفائنا", "our"),
            ("وشركائنا", "partners")} <= pairs


def test_number_words_link_to_digits_or_words(no_glossary):
    arabic = "قتل ثلاثة جنود و٤٥ مدنيا"
    for english, three in (("Three soldiers and 45 civilians were killed", "Three"),
                           ("3 soldiers and 45 civilians were killed", "3")):
        pairs = linked(no_glossary.align(arabic, english), arabic, english)
        assert {("ثلاثة", three), ("و٤٥", "45"), ("جنود", "soldiers")} <= pairs


def test_a_name_links_by_its_consonants(no_glossary):
    arabic = "أعلن علماء من جامعة ستانفورد عن اختراع أداة جديدة"
    english = "Scientists from Stanford University announced the invention of a new tool"
    pairs = linked(no_glossary.align(arabic, english), arabic, english)
    assert ("ستانفورد", "Stanford") in pairs
    assert {("جامعة", "University"), ("اختراع", "invention"), ("أداة", "tool"), ("جديدة", "new")} <= pairs


def test_a_glossary_term_of_several_words_is_one_link(aligner):
    arabic = "قال وزير الخارجية إن للتحالف دورا في إرساء الاستقرار"
    english = "The Secretary of State said the Coalition has a role in stabilization"
    links = aligner.align(arabic, english)
    pairs = linked(links, arabic, english)
    assert ("وزير الخارجية", "Secretary of State") in pairs
    assert ("إرساء الاستقرار", "stabilization") in pairs
    term = next(link for link in links if english[link.en[0]:link.en[1]] == "stabilization")
    assert term.source == "glossary"


def test_post_edited_english_still_links(aligner):
    post_edit = "We met our main allies and partners in 2020, this morning"
    pairs = linked(aligner.align(MEETING, post_edit), MEETING, post_edit)
    assert {("حلفائنا", "allies"), ("وشركائنا", "partners"), ("٢٠٢٠", "2020"), ("الصباح", "morning")} <= pairs


def test_links_are_on_whole_words_with_scores_in_range(aligner):
    links = aligner.align(MEETING, MEETING_MT)
    ar_spans = {(s, e) for s, e, _ in arabic_words(MEETING)}
    en_starts = {s for s, _, _ in english_words(MEETING_MT)}
    en_ends = {e for _, e, _ in english_words(MEETING_MT)}
    assert links
    for link in links:
        assert link.ar in ar_spans
        assert link.en[0] in en_starts and link.en[1] in en_ends
        assert 0 < link.score <= 1


def test_confidence_orders_sources(aligner):
    """A number or a glossary term is surer than a clitic guessed next to its word."""
    links = {link.source: link.score for link in aligner.align(MEETING, MEETING_MT)}
    assert links["number"] > links["dictionary"] > links["clitic"]


@pytest.mark.parametrize("english", ["", "   ", "عقدنا هذا الصباح اجتماعًا", "٢٠٢٠ عقدنا اجتماعا"])
def test_empty_or_untranslated_english_gives_no_links(aligner, english):
    assert aligner.align(MEETING, english) == []


def test_empty_arabic_gives_no_links(aligner):
    assert aligner.align("", MEETING_MT) == []


def test_a_mismatched_pair_gets_few_links(aligner):
    english = "The weather in Oslo was cold and wet for most of the week, forecasters said on Friday"
    assert len(aligner.align(MEETING, english)) <= 2


def test_a_ten_thousand_word_segment_completes_and_stays_local(no_glossary):
    arabic_unit = "أعلن علماء من جامعة ستانفورد عن اختراع أداة جديدة في عام ٢٠٢٠"
    english_unit = "Scientists from Stanford University announced the invention of a new tool in 2020"
    repeats = 10_000 // len(arabic_unit.split()) + 1
    arabic, english = " ".join([arabic_unit] * repeats), " ".join([english_unit] * repeats)
    links = no_glossary.align(arabic, english)
    ar_words, en_words = arabic_words(arabic), english_words(english)
    assert len(ar_words) >= 10_000
    per_unit_ar, per_unit_en = len(arabic_unit.split()), len(english_unit.split())
    content = [link for link in links if link.source != "clitic"]
    assert len(content) >= 6 * repeats
    # Each link stays in its own repetition of the sentence: nothing is matched across the document.
    ar_index = {s: k for k, (s, _, _) in enumerate(ar_words)}
    en_index = {s: k for k, (s, _, _) in enumerate(en_words)}
    off = [link for link in content
           if ar_index[link.ar[0]] // per_unit_ar != en_index[link.en[0]] // per_unit_en]
    assert len(off) <= len(content) // 100


def test_letter_names_link_to_the_acronym_they_spell(no_glossary):
    arabic = "حصل برنامج بي بي إس على جائزة وقال مكتب التحقيقات إف بي آي"
    english = "The PBS show won an award, and the FBI said"
    pairs = linked(no_glossary.align(arabic, english), arabic, english)
    assert {("بي بي إس", "PBS"), ("إف بي آي", "FBI")} <= pairs


def test_a_decimal_split_by_its_mark_is_one_number(no_glossary):
    arabic = "بلغت الأرباح ١٤٫٧ مليار دولار"
    english = "Profits reached 14.7 billion dollars"
    pairs = linked(no_glossary.align(arabic, english), arabic, english)
    assert ("١٤٫٧", "14.7") in pairs
    assert ("مليار", "billion") in pairs


def test_a_word_left_alone_between_two_links_is_linked_weakly(no_glossary):
    # No dictionary pairs سمعة with "reputation"'s synonym "notoriety"; its neighbours are linked.
    arabic = "للسجن سمعة في المدينة"
    english = "The prison has notoriety in the city"
    links = no_glossary.align(arabic, english)
    by_pair = {(arabic[link.ar[0]:link.ar[1]], english[link.en[0]:link.en[1]]): link for link in links}
    assert ("سمعة", "notoriety") in by_pair
    assert by_pair[("سمعة", "notoriety")].score < by_pair[("المدينة", "city")].score
