"""English words as the aligner compares them: keys, and the closed-class words.

A gloss word's key is its Snowball stem; an English word of the text has that key and the stem
of its lemma (simplemma), so that a dictionary gloss meets the English as written: "say" ~
"said", "child" ~ "children", "liberation" ~ "liberated", "coalition" ~ "coalitions", "media" ~
"media" (whose lemma is "medium"). Only the text's words are lemmatised: a sentence has a few
dozen, its Arabic words' glosses a few hundred. Function words never carry a content link: a
gloss "to be able" says nothing about which "to" of a sentence renders the Arabic.
"""
from __future__ import annotations

import re
import threading
from functools import lru_cache

from reader.arabic import is_arabic

# Determiners, pronouns, prepositions, conjunctions, auxiliaries and particles (closed classes).
FUNCTION_WORDS = frozenset("""
a an the this that these those some any each every all both either neither no such other another
i me my mine we us our ours you your yours he him his she her hers it its they them their theirs
myself ourselves yourself yourselves himself herself itself themselves one ones
who whom whose which what whatever whoever where when why how whether
of in on at by for with from to into onto upon about above below over under between among through
during before after against without within along across around toward towards via per than as
and or but nor so yet if because although though while unless until since then also too not
be am is are was were been being have has had having do does did done doing
will would shall should can could may might must ought
there here very just only even ever still already again more most much many few less least
up down out off away back s t
""".split())
_APOSTROPHE = re.compile(r"['’]s?$")
_lock = threading.Lock()
_stemmer = None


def _stem(word: str) -> str:
    global _stemmer
    if _stemmer is None:
        with _lock:
            if _stemmer is None:
                import snowballstemmer

                _stemmer = snowballstemmer.stemmer("english")
    return str(_stemmer.stemWord(word))


@lru_cache(maxsize=200_000)
def key(word: str) -> str:
    """A gloss word's key (dictionary glosses are in their base form already)."""
    lower = _APOSTROPHE.sub("", word.lower())
    if not lower.isalpha():
        return lower  # 2020, 1,200, 3.5: numbers are their own key
    return _stem(lower)


@lru_cache(maxsize=100_000)
def keys(word: str) -> tuple[str, ...]:
    """The keys under which a word of the English text meets a gloss: its own, its lemma's."""
    from simplemma import lemmatize

    own = key(word)
    lower = _APOSTROPHE.sub("", word.lower())
    if not lower.isalpha():
        return (own,)
    lemma = _stem(str(lemmatize(lower, lang="en")).lower())
    return (own,) if lemma == own else (own, lemma)


def is_function(word: str) -> bool:
    return _APOSTROPHE.sub("", word.lower()) in FUNCTION_WORDS


def is_english_word(word: str) -> bool:
    """A word the English side may link: not Arabic script left untranslated."""
    return not is_arabic(word)


def warm_up() -> None:
    """Load the lemma table and the stemmer (simplemma reads its English data on first use)."""
    keys("coalitions")
