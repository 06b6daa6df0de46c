"""What lights up when a word is pointed at, what the gloss line prints, and that links computed
for other English are never handed out (links here are made by hand: the reader's logic, not
the aligner's, is under test)."""
from __future__ import annotations

from reader.align.links import Link
from reader.alignments import MIN_OPACITY, Alignments, Gloss, Job, RowLinks, align_rows, short_sense

AR = "عقدنا اجتماعا مع حلفائنا وإرساء الاستقرار"
EN = "We held a meeting with our allies and stabilization"


def span(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


LINKS = (
    Link(span(AR, "عقدنا"), span(EN, "We held"), 0.6, "dictionary"),
    Link(span(AR, "اجتماعا"), span(EN, "meeting"), 0.9, "dictionary"),
    Link(span(AR, "حلفائنا"), span(EN, "our"), 0.4, "clitic"),
    Link(span(AR, "حلفائنا"), span(EN, "allies"), 1.0, "dictionary"),
    Link(span(AR, "وإرساء الاستقرار"), span(EN, "stabilization"), 0.95, "glossary"),
)
ROW = RowLinks(AR, EN, LINKS)


def lit_text(lits, side):
    text = AR if side == "ar" else EN
    return {text[lit.start:lit.end]: lit.strength for lit in lits if lit.side == side and not lit.focus}


def test_an_arabic_word_lights_each_english_word_linked_to_it_at_its_strength():
    lits = ROW.lit("ar", AR.index("حلفائنا") + 2)
    assert lit_text(lits, "en") == {"our": 0.4, "allies": 1.0}
    focus = [lit for lit in lits if lit.focus]
    assert [AR[f.start:f.end] for f in focus] == ["حلفائنا"]
    # The weaker link is painted fainter, but never invisible; the strongest paints last.
    weak, strong = (next(lit for lit in lits if EN[lit.start:lit.end] == w) for w in ("our", "allies"))
    assert MIN_OPACITY <= weak.opacity < strong.opacity == 1.0
    assert lits.index(weak) < lits.index(strong)


def test_an_english_word_lights_its_arabic_and_a_phrase_lights_as_a_whole():
    assert lit_text(ROW.lit("en", EN.index("allies")), "ar") == {"حلفائنا": 1.0}
    # One word of a glossary phrase lights the English and the rest of its own phrase.
    lits = ROW.lit("ar", AR.index("الاستقرار"))
    assert lit_text(lits, "en") == {"stabilization": 0.95}
    assert {AR[lit.start:lit.end] for lit in lits if lit.side == "ar"} == {"وإرساء الاستقرار", "الاستقرار"}


def test_the_links_of_one_arabic_word_for_the_popup():
    assert {EN[link.en[0]:link.en[1]] for link in ROW.word_links(AR.index("حلفائنا") + 1)} == {"our", "allies"}
    assert ROW.word_links(AR.index(" ")) == []


def test_a_word_with_no_link_lights_only_itself_and_a_space_lights_nothing():
    lits = ROW.lit("en", EN.index("with"))
    assert [(lit.side, EN[lit.start:lit.end], lit.focus) for lit in lits] == [("en", "with", True)]
    assert ROW.lit("ar", AR.index(" ")) == []


def test_gloss_line_prints_aligned_english_else_the_dictionary_sense_marked_as_such():
    senses = (Gloss(*span(AR, "مع"), "with", aligned=False), Gloss(*span(AR, "اجتماعا"), "gathering", aligned=False))
    glosses = RowLinks(AR, EN, LINKS, senses).glosses
    shown = {AR[g.start:g.end]: (g.text, g.aligned) for g in glosses}
    assert shown["حلفائنا"] == ("our allies", True)
    assert shown["اجتماعا"] == ("meeting", True)  # the page's English wins over the dictionary's
    assert shown["مع"] == ("with", False)
    # A phrase linked as a whole shows its English once, under its first word.
    assert shown["وإرساء"] == ("stabilization", True) and "الاستقرار" not in shown


def test_english_words_far_apart_are_joined_by_an_ellipsis():
    en = "He did not go"
    row = RowLinks("لم يذهب", en, (Link(span("لم يذهب", "لم"), span(en, "did"), 1, "clitic"),
                                   Link(span("لم يذهب", "لم"), span(en, "go"), 1, "clitic")))
    assert row.glosses[0].text == "did … go"


def test_links_are_handed_out_only_for_the_english_they_were_computed_for():
    kept = Alignments()
    kept.put(3, ROW)
    assert kept.get(3, AR, EN) is ROW
    assert kept.get(3, AR, EN + " today") is None
    assert kept.get(4, AR, EN) is None
    kept.clear()
    assert kept.get(3, AR, EN) is None


class Counting:
    def __init__(self):
        self.calls = 0

    def align(self, arabic: str, english: str) -> list[Link]:
        self.calls += 1
        return list(LINKS)


def test_rows_are_aligned_until_cancelled_and_empty_english_is_not_sent_to_the_aligner():
    aligner = Counting()
    jobs = [Job(0, AR, EN), Job(1, AR, "  "), Job(2, AR, EN)]
    out = list(align_rows(aligner, jobs, None))
    assert [row for row, _ in out] == [0, 1, 2] and out[1][1].links == () and aligner.calls == 2
    stop = iter([False, True])
    assert [row for row, _ in align_rows(aligner, jobs, None, lambda: next(stop))] == [0]


def test_short_sense_keeps_the_first_sense_without_notes():
    assert short_sense("society; community") == "society"
    assert short_sense("ally (political), confederate") == "ally"
    assert short_sense("to make sure of one's footing") == "to make sure of …"
