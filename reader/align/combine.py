"""Lexical links first; a model's links only where the lexicon left a content word unlinked.

The lexicon's links rest on evidence a person can check (a dictionary sense, a glossary term,
a number, a name), the model's on attention. So a model link is kept only between two content
words that have no lexical link: it fills a gap, it never moves or doubles a lexical link, and
function words ("the", "of", في) are left to the clitic source, never linked on attention
alone (attention lands on them all the time).

Scores stay comparable with the lexical sources' (dictionary senses about 0.45–0.85, clitics
0.5–0.7): a model trained to align scores its attention share times 0.85, at most a
dictionary sense's; an approximate one (attention not trained to align) times 0.4, below
the lexicon's weakest links. A word attending less than ``MIN_SHARE`` to its partner is not linked.
"""
from __future__ import annotations

from typing import Callable, Sequence

from reader.align.english import is_function
from reader.align.links import Link, word_pairs
from reader.align.words import Word, arabic_words, english_words

TRAINED_WEIGHT = 0.85
APPROXIMATE_WEIGHT = 0.4
MIN_SHARE = 0.3


def _index(words: list[Word]) -> dict[tuple[int, int], int]:
    return {(s, e): k for k, (s, e, _) in enumerate(words)}


def arabic_function_word(word: str) -> bool:
    """Is the word's likeliest reading a preposition, conjunction, particle or pronoun?"""
    from reader.align.glosses import glosses

    return glosses(word).function


def combine(arabic: str, english: str, lexical: Sequence[Link], model: Sequence[Link],
            is_arabic_function: Callable[[str], bool] = arabic_function_word) -> list[Link]:
    """``lexical`` with the ``model`` links that fill its gaps, rescored; sorted like the aligner's."""
    ar_words, en_words = arabic_words(arabic), english_words(english)
    ar_index, en_index = _index(ar_words), _index(en_words)
    covered = word_pairs(list(lexical), ar_words, en_words)
    ar_linked, en_linked = {i for i, _ in covered}, {j for _, j in covered}
    out = list(lexical)
    for link in model:
        i, j = ar_index.get(link.ar), en_index.get(link.en)
        if i is None or j is None or i in ar_linked or j in en_linked or link.score < MIN_SHARE:
            continue
        if is_function(en_words[j][2]) or is_arabic_function(ar_words[i][2]):
            continue
        weight = APPROXIMATE_WEIGHT if link.approximate else TRAINED_WEIGHT
        out.append(Link(link.ar, link.en, round(link.score * weight, 3), link.source, link.approximate))
    out.sort(key=lambda link: (link.ar, link.en))
    return out
