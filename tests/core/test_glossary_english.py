"""English term matching and Arabic-English linking, including real Argos output."""
from __future__ import annotations

import pytest

from reader.glossary import ArabicMatcher, EnglishMatcher, Term, link, load_glossary


@pytest.fixture(scope="module")
def glossary():
    return load_glossary()


@pytest.fixture(scope="module")
def en(glossary):
    return EnglishMatcher(glossary)


def found(matcher, text):
    return [(m.surface, m.term_id) for m in matcher.find(text)]


def test_case_plural_possessive_and_variants(en):
    text = ("The Coalition's members met Da\u2019esh and ISIL fighters; coalitions differ. "
            "Daesh's finances, the PEOPLE OF SYRIA and two Security Council resolutions.")
    assert found(en, text) == [
        ("Coalition's", "coalition"), ("Da\u2019esh", "isis"), ("ISIL fighters", "isis-members"),
        ("coalitions", "coalition"), ("Daesh's", "isis"), ("PEOPLE OF SYRIA", "syrian-people"),
        ("Security Council resolutions", "security-council-resolution")]


def test_acronyms_keep_their_case_and_words_stay_whole(en):
    assert found(en, "un ministre, unclear, the UN and U.N. bodies, Isisford") == [
        ("UN", "united-nations"), ("U.N.", "united-nations")]


def test_hyphens_and_longest_rendering(en):
    assert found(en, "the Counter-ISIL Coalition and the anti ISIS coalition") == [
        ("Counter-ISIL Coalition", "coalition-to-defeat-isis"), ("anti ISIS coalition", "coalition-to-defeat-isis")]


def test_link_pairs_the_same_term_in_order(glossary, en):
    ar = ArabicMatcher(glossary).find("دعم التحالف لقوات الأمن العراقية ضد داعش وأكد التحالف")
    eng = en.find("The Coalition's support for the ISF against ISIS, the coalition said.")
    pairs = [(a.surface, e.surface) for a, e in link(ar, eng)]
    assert pairs == [("التحالف", "Coalition's"), ("لقوات الأمن العراقية", "ISF"), ("داعش", "ISIS"),
                     ("التحالف", "coalition")]


def test_link_uses_every_term_a_rendering_can_stand_for(glossary, en):
    ar = ArabicMatcher(glossary).find("قال وزير الخارجية جون كيري")
    eng = en.find("Secretary of State John Kerry said")
    assert {(a.term_id, e.surface) for a, e in link(ar, eng)} == {
        ("foreign-minister", "Secretary of State"), ("john-kerry", "John Kerry")}


def test_user_variant_counts_in_english():
    m = EnglishMatcher([Term(id="pmf", arabic=["الحشد الشعبي"], english="Popular Mobilization Forces",
                             variants=["Hashd"])])
    assert found(m, "the Hashd's leaders") == [("Hashd's", "pmf")]


def test_real_argos_output_is_matched_and_linked_to_the_arabic(flores_dir, glossary, en):
    ar_lines = (flores_dir / "flores-test.ar").read_text(encoding="utf-8").splitlines()
    en_lines = (flores_dir / "flores-test.argos.en").read_text(encoding="utf-8").splitlines()
    am = ArabicMatcher(glossary)
    by_term: dict[str, list[str]] = {}
    linked = 0
    for ar_line, en_line in zip(ar_lines, en_lines):
        eng = en.find(en_line)
        for e in eng:
            by_term.setdefault(e.term_id, []).append(e.surface)
        linked += len(link(am.find(ar_line), eng))
    assert {"ISIL", "ISIS"} <= set(by_term["isis"])
    assert "Coalition forces" in by_term["coalition-forces"]
    assert len(by_term["united-nations"]) >= 5
    # The ISIS/ISIL lines and the UN lines all pair with their Arabic side.
    assert linked >= 8
