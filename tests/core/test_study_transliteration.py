"""Romanisation a student reads under the Arabic: ALA-LC and Buckwalter."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from reader.study.transliteration import ala_lc, buckwalter, transliterate
from reader.study.morphology import from_buckwalter


@pytest.mark.parametrize("arabic, expected", [
    ("كِتَابٌ", "kitāb"),                 # case ending and tanwin dropped (pausal form)
    ("مَدْرَسَةٌ", "madrasah"),            # tāʼ marbūṭah
    ("الشَّمْس", "al-shams"),             # sun letter: no assimilation, no doubled sh
    ("وَبِالتَّحالُفِ", "wa-bi-al-taḥāluf"),  # proclitics hyphenated
    ("لِلْمَدْرَسَةِ", "lil-madrasah"),      # li + al- written لل
    ("العَرَبِيَّةُ", "al-ʻarabīyah"),       # medial nisba iyy -> īy
    ("أَمْرِيكِيّ", "amrīkī"),             # final nisba -> ī
    ("عَلَى", "ʻalá"),                    # alif maqṣūrah -> á
    ("جِدًّا", "jiddan"),                  # adverbial tanwin fath kept
    ("قُرْآن", "qurʼān"),                 # medial madda -> ʼā
    ("إِسْلَام", "islām"),                 # initial hamza not written
    ("مَسْؤُول", "masʼūl"),
    ("يَوْم", "yawm"),                    # diphthong
    ("كَتَبُوا", "katabū"),                # silent alef after the plural ū
    ("هٰذا", "hādhā"),                    # dagger alef
])
def test_ala_lc_vocalised_words(arabic, expected):
    assert ala_lc(arabic) == expected


def test_ala_lc_keeps_punctuation_and_latin():
    assert ala_lc("قَالَ: نَعَمْ، 2014") == "qāl: naʻam, 2014"


def test_ala_lc_unvocalised_spells_long_vowels():
    # Without vowels only the letters can be spelt; long vowels still show.
    assert ala_lc("الولايات") == "al-wlāyāt"


def test_buckwalter_matches_the_standard_table():
    assert buckwalter("وَبِالتَّحالُفِ") == "wabiAlta~HAlufi"
    assert buckwalter("ٱلْحَمْدُ") == "{loHamodu"


@given(st.text(alphabet="ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652",
               max_size=30))
def test_buckwalter_is_lossless(text):
    assert from_buckwalter(buckwalter(text)) == text


def test_unknown_scheme_is_a_clear_error():
    with pytest.raises(ValueError, match="ala-lc"):
        transliterate("كتاب", "pinyin")


@pytest.mark.parametrize("arabic, expected", [
    ("ٱِجْتِماعاً", "ijtimāʻan"),  # tanwin written on the alef; initial alef wasla
    ("شُكْراً", "shukran"),
])
def test_ala_lc_tanwin_on_alef(arabic, expected):
    assert ala_lc(arabic) == expected
