"""Senses in context: the sense the English on the page uses comes first (Qt-free)."""
from __future__ import annotations

from pathlib import Path

import pytest

from bench.words_in_context import run, run_senses
from reader.align.aligner import lexical_aligner
from reader.align.senses import aligned_english, english_stems, match, sense_first
from reader.study.dictionary import shared_dictionary
from reader.study.evaluation import load_sentences

FLORES = load_sentences(Path(__file__).parent.parent / "gold" / "words_in_context_sentences.tsv")
# The coalition statement in corpus/ (001) and a translator's English.
LIBERATED = ("وقد ثمن التحالف الجهود الاستثنائية التي تبذلها قوات الأمن العراقية في سبيل هزيمة داعش "
             "ومواصلة تأمين الأراضي المحررة والسكان المحليين من هذا العدو الهمجي.",
             "The Coalition praised the exceptional efforts of the Iraqi security forces to defeat ISIS and "
             "to keep securing the liberated lands and the local population from this barbaric enemy.")


@pytest.fixture(scope="module")
def dictionary():
    return shared_dictionary()  # no glossary: the lexicon's own readings


def look_up(dictionary, arabic: str, english: str, word: str, aligned=None):
    return dictionary.lookup(word, arabic, arabic.index(word), english, aligned=aligned)


@pytest.mark.parametrize("sentence, word, sense, found", [
    (FLORES[7], "جرس", "bell", "bell"),                 # the lexicon's first: "sound; tone"
    (FLORES[6], "جرس", "bell", "doorbell"),             # half of a compound; Ring's (a name) is not "ring"
    (LIBERATED, "المحررة", "liberator", "liberated"),   # "editor" came first
    (("وقد ناقشنا كيف يمكن للحلفاء في ناتو أن يقدموا الدعم الفوري لحكومة جديدة.",
      "We discussed how NATO allies could offer immediate support to a new government."),
     "يقدموا", "offer", "offer"),                         # "arrive" came first
])
def test_the_sense_the_segments_english_uses_leads(dictionary, sentence, word, sense, found):
    arabic, english = sentence
    before = look_up(dictionary, arabic, "", word)
    assert before.in_sentence is None and not before.chosen.gloss.startswith(sense)
    lookup = look_up(dictionary, arabic, english, word)
    assert lookup.chosen.gloss.split("; ")[0] == sense
    assert (lookup.in_sentence.sense, lookup.in_sentence.english) == (sense, found)
    assert lookup.in_sentence.headline and not lookup.in_sentence.aligned
    # The dictionary entries lead with it too, that sense first.
    first = next(e for e in lookup.entries if e.source != "Glossary")
    assert first.glosses[0] == sense


def test_aligned_english_decides_where_the_whole_segment_misleads(dictionary):
    arabic, english = "كانت نغمة جرس الباب عالية.", "The tone of the doorbell was loud."
    links = lexical_aligner().align(arabic, english)
    start = arabic.index("جرس")
    aligned = aligned_english(links, start, start + len("جرس"))
    assert [english[s:e] for s, e in aligned] == ["doorbell"]
    # The segment holds "tone", the English of نغمة: searched whole, it misleads.
    assert look_up(dictionary, arabic, english, "جرس").chosen.gloss.startswith("tone")
    lookup = look_up(dictionary, arabic, english, "جرس", aligned)
    assert lookup.chosen.gloss == "bell" and lookup.in_sentence.aligned


def test_a_function_word_moves_only_on_its_own_aligned_english(dictionary):
    arabic, english = "وصلت الدفعة الأولى، أي نصف الشحنة.", "The first batch arrived, which was half the load."
    assert look_up(dictionary, arabic, english, "أي").chosen.gloss.startswith("i.e.")  # "which" may be anyone's
    which = english.index("which")
    lookup = look_up(dictionary, arabic, english, "أي", [(which, which + 5)])
    assert lookup.chosen.gloss == "which" and lookup.in_sentence.aligned


def test_nothing_in_the_english_keeps_the_dictionary_order(dictionary):
    arabic, english = FLORES[8]  # حلقة in "a Shark Tank episode": no dictionary says episode
    lookup = look_up(dictionary, arabic, english, "حلقة")
    assert lookup.in_sentence is None and lookup.chosen.gloss == "ring; circle; link"
    assert sense_first("editor; liberator", "liberator") == "liberator; editor"


def test_top_gloss_on_the_gold_set_beats_context_alone():
    _, in_context = run()
    with_english = run_senses()
    assert with_english.gloss > in_context.gloss
    assert with_english.lemma >= in_context.lemma and with_english.pos >= in_context.pos


def test_a_sense_is_half_of_a_compound_only_when_the_other_half_is_a_word():
    assert match("bell", english_stems("his doorbell rang")) == "doorbell"
    assert match("north", english_stems("moving northwest")) == "northwest"
    assert match("any", english_stems("the company said")) == ""  # "comp" is no word
    assert match("public", english_stems("he said publicly")) == ""  # an adverb renders a word of its own
