"""reader.spelling without Qt: Hunspell's en_US, glossary English and the user's words."""
from __future__ import annotations

import pytest

from reader.glossary.index import GlossaryIndex
from reader.glossary.model import Glossary, Term
from reader.spelling import SpellChecker, open_dictionary

_DICTIONARY, _WHY = open_dictionary()
pytestmark = pytest.mark.skipif(_DICTIONARY is None, reason=_WHY)


def words(checker: SpellChecker, text: str) -> list[str]:
    return [text[s:e] for s, e in checker.misspelt(text)]


def test_dictionary_words_pass_and_misspellings_are_found():
    checker = SpellChecker()
    assert words(checker, "The ministers didn’t receive the report in 2014.") == []
    assert words(checker, "The goverment did not recieve it.") == ["goverment", "recieve"]
    assert "receive" in checker.suggestions("recieve")


def test_glossary_english_is_never_flagged_and_follows_glossary_changes():
    glossary = Glossary([Term("tabqa", ["الطبقة"], "Tabqa Dam", pos="properNoun")])
    index = GlossaryIndex(lambda: glossary)
    checker = SpellChecker(index)
    assert words(checker, "Tabqa Dam and Tabqa's lake near Raqqa") == ["Raqqa"]
    index.add_term(Term("raqqa", ["الرقة"], "Raqqa", pos="properNoun"))
    assert words(checker, "Tabqa Dam and Tabqa's lake near Raqqa") == []


def test_user_words_are_saved_and_read_back(tmp_path):
    path = tmp_path / "words.txt"
    SpellChecker(words_path=path).add("Wazir")
    assert path.read_text(encoding="utf-8") == "Wazir\n"
    assert words(SpellChecker(words_path=path), "The Wazir’s Wazir") == []
