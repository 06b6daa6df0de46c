"""Word frequencies (Zipf scale, 0 = unseen .. ~7 = "the") from the wordfreq package.

Two priors for ranking analyses come from here: how common a lemma is in
Arabic text, and how common the English of a sense is (a proxy for how common
the sense is: "society" is far more frequent than "participant", "defense"
than "propelling", "entire" than "cadaver"). Without wordfreq every frequency
is 0 and ranking falls back on context rules and the lexicon's order.
"""
from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import Callable

_GLOSS_NOISE = re.compile(r"\(.*?\)|\[.*?\]|<.*?>")
# Words that frame a gloss without saying which sense it is ("be able to", "more/most famous").
_LEADING = frozenset(("be", "to", "a", "an", "the", "more", "most"))
_TRAILING = frozenset(("of", "to", "with", "for", "in", "on", "at", "from", "about"))
_lock = threading.Lock()
_zipf: Callable[[str, str], float] | None = None
_available: bool | None = None


def available() -> bool:
    """Is wordfreq installed (loading its lists on first use)?"""
    global _zipf, _available
    with _lock:
        if _available is None:
            try:
                from wordfreq import zipf_frequency
            except ImportError:
                _available = False
            else:
                _zipf, _available = zipf_frequency, True
        return _available


@lru_cache(maxsize=200_000)
def arabic(word: str) -> float:
    return _zipf(word, "ar") if available() and _zipf and word else 0.0


@lru_cache(maxsize=200_000)
def english(gloss: str) -> float:
    """The frequency of the most common alternative of a lexicon gloss ("hold;convene")."""
    if not available() or _zipf is None:
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
