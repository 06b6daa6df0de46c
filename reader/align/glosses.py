"""What an Arabic word may mean in English, as keys the aligner can look up in a sentence.

Every reading the lexicon gives the word counts (the English on the page says which one is
meant), best-ranked first: a sense of the likeliest reading weighs more than a sense of a
rare one, and FreeDict's glosses (looked up by the word, its clitic-free forms and its lemmas)
come last. The word popup's ranking in context is not needed here, and skipping it keeps a
1,000-segment document well inside its time budget.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache

from reader.align.english import is_function, key
from reader.align.words import english_words
from reader.arabic import ARTICLE, normalize
from reader.study.clitics import stem_candidates
from reader.study.context import ContextAnalyser, clitic_count, pos_of, stem_tag
from reader.study.morphology import Analysis, from_buckwalter

_SENSE_SPLIT = re.compile(r"[;/]|,\s")
_NOISE = re.compile(r"\(.*?\)|\[.*?\]|<.*?>")
# Weight of the first sense of the best reading; each step down the ranking costs a little.
TOP_WEIGHT = 0.85
_READING_STEP = 0.05
_SENSE_STEP = 0.02
FREEDICT_WEIGHT = 0.7
_MAX_READINGS = 8
_MIN_FREEDICT_FORM = 3  # two-letter forms hit junk (إن -> "en")


@dataclass(frozen=True)
class Sense:
    keys: tuple[str, ...]          # content words of the gloss, in order ("catch fire": catch, fire)
    weight: float
    reading: Analysis | None       # the lexicon reading it comes from (None: FreeDict)


@dataclass(frozen=True)
class WordGlosses:
    senses: tuple[Sense, ...]
    function: bool                 # the best reading is a preposition, conjunction, particle or pronoun
    function_glosses: frozenset[str]  # that reading's English, when it is a function word ("in")
    top: Analysis | None
    readings: tuple[Analysis, ...] = ()  # the lexicon's, likeliest first


_lock = threading.Lock()
_analyser: ContextAnalyser | None = None


def analyser() -> ContextAnalyser:
    """The app's shared analyser (the dictionary loads once per process, ~2 s)."""
    global _analyser
    if _analyser is None:
        from reader.study.in_context import shared_context

        with _lock:
            _analyser = shared_context()
    return _analyser


@lru_cache(maxsize=100_000)
def sense_keys(gloss: str) -> list[tuple[str, ...]]:
    """Each sense of a gloss ("meeting;session", "catch fire") as its content-word keys."""
    out: list[tuple[str, ...]] = []
    for sense in _SENSE_SPLIT.split(_NOISE.sub(" ", gloss)):
        keys = tuple(key(w) for _, _, w in english_words(sense) if not is_function(w))
        if keys and keys not in out:
            out.append(keys)
    return out


@lru_cache(maxsize=100_000)
def glosses(word: str) -> WordGlosses:
    """Every sense the lexicon and FreeDict give ``word`` (Arabic script), best first."""
    ctx = analyser()
    analyses = ctx.dictionary.analyze(word)
    order = sorted(range(len(analyses)), key=lambda n: (_unlikeliness(analyses[n]), n))
    readings = [analyses[n] for n in order[:_MAX_READINGS]]
    senses: dict[tuple[str, ...], Sense] = {}
    for rank, a in enumerate(readings):
        for n, keys in enumerate(sense_keys(a.stem.gloss)):
            weight = TOP_WEIGHT - _READING_STEP * min(rank, 3) - _SENSE_STEP * min(n, 3)
            if keys not in senses or senses[keys].weight < weight:
                senses[keys] = Sense(keys, weight, a)
    for gloss in _freedict_glosses(ctx, word, readings):
        for keys in sense_keys(gloss):
            senses.setdefault(keys, Sense(keys, FREEDICT_WEIGHT, None))
    top = readings[0] if readings else None
    # One-word senses only: حتى is "until" or "even", and the "up" of its "up to" is not its English.
    top_senses = [sense.strip() for sense in _SENSE_SPLIT.split(_NOISE.sub(" ", top.stem.gloss))] if top else []
    words = frozenset(sense.lower() for sense in top_senses if is_function(sense))
    # A closed-class word by its part of speech, or by its first sense (ثم "then", كان "was", أيضا "also").
    function = top is not None and (pos_of(top) in ("prep", "conj", "part", "pron") or
                                    bool(top_senses) and is_function(top_senses[0]))
    words = words if function else frozenset()
    return WordGlosses(tuple(sorted(senses.values(), key=lambda s: -s.weight)), function, words, top,
                       tuple(readings))


def _unlikeliness(a: Analysis) -> int:
    """A cheap order of readings (the popup's frequency priors cost more than the alignment of
    a whole document): the fewest clitics first, the lexicon's letter names and rare names last
    (هو is "he", not "Ho")."""
    tag = stem_tag(a)
    return clitic_count(a) + (6 if tag == "ABBREV" else 0) + (2 if tag == "NOUN_PROP" else 0)


@lru_cache(maxsize=100_000)
def _lemma_form(lemma_id: str) -> str:
    """A lexicon lemma id ("taHAluf_1") as FreeDict's headwords are looked up (normalised)."""
    return normalize(from_buckwalter(lemma_id.rsplit("_", 1)[0].split("-", 1)[0]))


def _freedict_glosses(ctx: ContextAnalyser, word: str, readings: list[Analysis]) -> list[str]:
    table = ctx.dictionary.freedict
    forms = [normalize(word)]
    if not readings:  # a word the lexicon lacks (a name): its clitic-free forms
        forms += sorted((f for f in stem_candidates(normalize(word)) if len(f) >= _MIN_FREEDICT_FORM),
                        key=len, reverse=True)
    for a in readings:
        lemma = _lemma_form(a.lemma)
        if len(lemma) >= _MIN_FREEDICT_FORM:
            forms += [lemma, ARTICLE + lemma]
    out: list[str] = []
    for form in dict.fromkeys(forms):
        for _, found in table.get(form):
            out.extend(found)
    return out
