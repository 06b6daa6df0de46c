"""Word frequencies (Zipf scale, 0 = unseen .. ~7 = "the") from the wordfreq package.

Two priors for ranking analyses come from here: how common a lemma is in
Arabic text, and how common the English of a sense is (a proxy for how common
the sense is: "society" is far more frequent than "participant", "defense"
than "propelling", "entire" than "cadaver"). Without wordfreq every frequency
is 0 and ranking falls back on context rules and the lexicon's order.

The lists are read once into dicts (wordfreq's own lookup tokenises every
query, ten times slower); a phrase combines its words as wordfreq does
(1/f = Σ 1/fᵢ).
"""
from __future__ import annotations

import math
import re
import threading
from functools import lru_cache

_GLOSS_NOISE = re.compile(r"\(.*?\)|\[.*?\]|<.*?>")
_PUNCT = re.compile(r"[^\w\s'-]")
# Words that frame a gloss without saying which sense it is ("be able to", "more/most famous").
_LEADING = frozenset(("be", "to", "a", "an", "the", "more", "most"))
_TRAILING = frozenset(("of", "to", "with", "for", "in", "on", "at", "from", "about"))
_lock = threading.Lock()
_tables: dict[str, dict[str, float]] = {}
_available: bool | None = None


def available() -> bool:
    """Is wordfreq installed?"""
    global _available
    if _available is not None:
        return _available
    with _lock:
        if _available is None:
            try:
                import wordfreq  # noqa: F401
            except ImportError:
                _available = False
            else:
                _available = True
        return _available


def _table(lang: str) -> dict[str, float]:
    with _lock:
        table = _tables.get(lang)
        if table is None:
            from wordfreq import get_frequency_dict

            table = _tables[lang] = get_frequency_dict(lang)
        return table


def _zipf(text: str, lang: str) -> float:
    if not available():
        return 0.0
    table = _table(lang)
    inverse = 0.0
    for token in _PUNCT.sub(" ", text.lower()).split():
        f = table.get(token)
        if not f:
            return 0.0
        inverse += 1 / f
    return round(math.log10(1e9 / inverse), 2) if inverse else 0.0


@lru_cache(maxsize=200_000)
def arabic(word: str) -> float:
    """The frequency of an Arabic word as written (diacritics removed by the caller)."""
    return _zipf(word, "ar") if word else 0.0


@lru_cache(maxsize=200_000)
def english(gloss: str) -> float:
    """The frequency of the most common alternative of a lexicon gloss ("hold;convene")."""
    if not available():
        return 0.0
    best = 0.0
    for alternative in re.split(r"[;/,]", _GLOSS_NOISE.sub(" ", gloss)):
        words = alternative.split()
        while words and words[0].lower() in _LEADING:
            words = words[1:]
        while len(words) > 1 and words[-1].lower() in _TRAILING:
            words = words[:-1]
        if words:
            best = max(best, _zipf(" ".join(words), "en"))
    return best
