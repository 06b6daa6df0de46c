"""Word lookup: clitic split, fallbacks through stems and lemmas, sources that may be missing."""
from __future__ import annotations

import gzip

import pytest

from reader.study import dictionary as dictionary_module
from reader.study import freedict
from reader.study.dictionary import BUCKWALTER, FREEDICT, Dictionary, FreeDictTable
from reader.study.morphology import MorphologyUnavailable, shared_analyzer


@pytest.fixture(scope="module")
def dictionary():
    return Dictionary(glossary=None)


def roles(lookup):
    return [(p.text, p.role) for p in lookup.parts]


def test_alliance_with_three_proclitics(dictionary):
    r = dictionary.lookup("وبالتحالف")
    assert roles(r) == [("و", "conjunction"), ("ب", "preposition"), ("ال", "article"), ("تحالف", "stem")]
    assert [p.gloss for p in r.parts[:3]] == ["and", "with, by, in", "the"]
    assert [p.label for p in r.parts[:3]] == ["و", "بـ", "الـ"]
    assert r.normalized == "وبالتحالف"
    assert r.transliteration("ala-lc") == "wa-bi-al-taḥāluf"
    assert r.transliteration("buckwalter") == "wabiAltaHAluf"
    buck = [e for e in r.entries if e.source == BUCKWALTER]
    assert buck and "alliance" in buck[0].glosses
    # FreeDict has no وبالتحالف: it is reached through the stem.
    fd = [e for e in r.entries if e.source == FREEDICT]
    assert fd and all(e.via.startswith("stem") for e in fd)
    assert any("coalition" in e.glosses for e in fd)


def test_li_plus_article_written_lam_lam(dictionary):
    r = dictionary.lookup("للتحالف")
    assert roles(r) == [("ل", "preposition"), ("ل", "article"), ("تحالف", "stem")]
    assert r.transliteration() == "lil-taḥāluf"


def test_pronoun_suffix_and_lemma_fallback(dictionary):
    r = dictionary.lookup("حلفائنا")  # "our allies"
    assert roles(r)[-1] == ("نا", "pronoun")
    assert r.parts[-1].label == "ـنا"
    assert "our" in r.parts[-1].gloss
    fd = [e for e in r.entries if e.source == FREEDICT]
    assert any("ally" in e.glosses and e.via.startswith("lemma") for e in fd)


def test_root_waw_is_not_a_conjunction(dictionary):
    assert roles(dictionary.lookup("وزير")) == [("وزير", "stem")]
    assert roles(dictionary.lookup("ووزير")) == [("و", "conjunction"), ("وزير", "stem")]


def test_written_diacritics_choose_the_reading(dictionary):
    # برمّتها = "in its entirety": the shadda on م rules out بَرَّم "to twist".
    r = dictionary.lookup("برمّتها")
    assert roles(r)[0] == ("ب", "preposition")
    assert "VERB" not in r.analyses[0].stem.pos
    assert r.entries[0].source == BUCKWALTER and r.entries[0].note.startswith("NOUN")


def test_name_found_as_written_is_not_split(dictionary):
    r = dictionary.lookup("كيري")  # John Kerry, not كير "bellows" + my
    assert roles(r) == [("كيري", "stem")]
    assert any("kerry" in e.glosses for e in r.entries if e.source == FREEDICT)


def test_vocalised_click_keeps_its_vowels(dictionary):
    r = dictionary.lookup("الْمُجْتَمَعِ")
    assert r.vocalized == "الْمُجْتَمَعِ"
    assert r.transliteration() == "al-mujtamaʻ"
    # The reading that agrees with the written vowels (society) comes first.
    assert r.analyses[0].stem.gloss == "society"


def test_unknown_word_has_no_entries(dictionary):
    r = dictionary.lookup("ززززز")
    assert not r.found and roles(r) == [("ززززز", "stem")]


def test_missing_sources_give_notices_and_lookup_still_works(tmp_path, monkeypatch):
    def unavailable():
        raise MorphologyUnavailable("The morphological dictionary is not installed")
    monkeypatch.setattr(dictionary_module, "shared_analyzer", unavailable)
    table = tmp_path / "fd.tsv.gz"
    table.write_bytes(gzip.compress("التحالف\tcoalition\n".encode()))
    d = Dictionary(FreeDictTable(shipped=table))
    assert any("not installed" in n for n in d.notices)
    r = d.lookup("والتحالف")
    assert [e.glosses for e in r.entries] == [("coalition",)]
    assert any("not installed" in n for n in r.notices)

    nothing = FreeDictTable(shipped=tmp_path / "absent.tsv.gz", dictd_dir=tmp_path)
    assert "not installed" in nothing.notice


def test_corrupt_freedict_table_is_reported(tmp_path):
    bad = tmp_path / "fd.tsv.gz"
    bad.write_bytes(b"not gzip at all")
    table = FreeDictTable(shipped=bad)
    assert "could not be read" in table.notice and not table.index


def test_shipped_table_is_current_with_debian_files(tmp_path):
    if not (freedict.DICTD_DIR / f"{freedict.DICTD_NAME}.index").is_file():
        pytest.skip("Debian's dict-freedict-ara-eng is not installed here")
    rebuilt = freedict.build(freedict.DICTD_DIR, tmp_path / "fd.tsv.gz")
    assert rebuilt.read_bytes() == freedict.shipped_path().read_bytes()
    assert len(freedict.load(rebuilt)) > 50_000


def test_dictd_article_parsing():
    head, glosses = freedict.parse_entry("المخّ /ʔˈalmχχ/\n1. Brain\n2. Cerebrum\n3. NATO\n")
    assert head == "المخّ" and glosses == ["brain", "cerebrum", "NATO"]


def test_analyzer_glosses_each_morpheme():
    a = shared_analyzer().analyze("للتحالف")[0]
    assert a.gloss == "to/for + the + alliance"
    assert a.lemma_arabic == "تَحالُف"


def test_sentence_transliteration_vocalises_from_the_analysis(dictionary):
    text = "عقدنا هذا الصباح اجتماعًا مع حلفائنا، والمنطقة برمّتها."
    assert dictionary.transliterate_text(text) == (
        "ʻaqadnā hādhā al-ṣabāḥ ijtimāʻan maʻ ḥulafāʼnā, wa-al-minṭaqah bi-rummathā.")
    assert dictionary.transliterate_text("مع 2014", "buckwalter") == "maEa 2014"


def test_vocalising_for_speech_keeps_written_vowels(dictionary):
    assert dictionary.vocalize_text("الوبيل و الْمُجْتَمَعِ") == "الوَبِيل وَ الْمُجْتَمَعِ"


@pytest.fixture(scope="module")
def with_glossary():
    glossary = dictionary_module.glossary_adapter()
    if glossary is None:
        pytest.skip("reader.glossary is not available")
    return Dictionary(glossary=glossary)


def test_glossary_term_unknown_to_dictionaries(with_glossary):
    r = with_glossary.lookup("بداعش")  # no dictionary has داعش
    assert roles(r) == [("ب", "preposition"), ("داعش", "stem")]
    term = [e for e in r.entries if e.source == "Glossary"]
    assert term and term[0].glosses[0] == "ISIS" and term[0].headword == "داعش"


def test_multiword_glossary_term_reached_from_one_word(with_glossary):
    sentence = "اجتماع وزراء خارجية التحالف الدولي لهزيمة داعش"
    r = with_glossary.lookup("الدولي", context=sentence, offset=sentence.index("الدولي"))
    term = [e for e in r.entries if e.source == "Glossary"]
    assert term[0].headword == "التحالف الدولي لهزيمة داعش" and term[0].via == "term in sentence"
    assert term[0].glosses[0] == "Global Coalition to Defeat ISIS"
    # Without the sentence the word is just "international".
    alone = with_glossary.lookup("الدولي")
    assert not [e for e in alone.entries if e.source == "Glossary"]
    assert any("international" in e.glosses for e in alone.entries)
