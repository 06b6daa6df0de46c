"""How alike two Arabic sentences are, as a translator judges a fuzzy match.

Words are compared in search normalisation (reader.arabic: no diacritics or tatweel,
folded hamza/alef forms) and by their clitic-free stem (reader.study.clitics), so that
وللتحالف and التحالف count as the same word with different clitics: a near match,
not a different word.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from reader.arabic import SEARCH_TABLE, is_arabic, words
from reader.study.clitics import stem_candidates

# A stem keeps at least this many letters, so that short words are not reduced to noise.
_MIN_STEM = 3
# Stems carry the meaning; the surface forms (clitics, spelling) decide the last points.
_STEM_WEIGHT = 0.8


@lru_cache(maxsize=200_000)
def stem(norm_word: str) -> str:
    """One canonical clitic-free form of a normalised word (the same on both sides of a match)."""
    if not is_arabic(norm_word):
        return norm_word
    forms = [f for f in stem_candidates(norm_word) if len(f) >= _MIN_STEM] or [norm_word]
    return min(forms, key=lambda f: (len(f), f))


@dataclass(frozen=True)
class Tokens:
    """A sentence's words: normalised surface forms, their stems, and their offsets in the text."""

    surface: tuple[str, ...]
    stems: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]


def tokens(text: str) -> Tokens:
    found = words(text)
    # reader.arabic.normalize as one translate per word: lookups tokenise thousands of words.
    surface = tuple(w.translate(SEARCH_TABLE).lower() for _, _, w in found)
    return Tokens(surface, tuple(stem(s) for s in surface), tuple((a, b) for a, b, _ in found))


def match_key(text: str) -> str:
    """The form under which two sentences are the same sentence (an exact, 100% match)."""
    return " ".join(tokens(text).surface)


def _ratio(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    if not a and not b:
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _bound(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """An upper bound of both ratios: the share of words the two have in common, in any order."""
    common = sum((Counter(a) & Counter(b)).values())
    return 2 * common / max(1, len(a) + len(b))


def similarity(a: Tokens, b: Tokens, floor: int = 0) -> int:
    """Percentage 0–100; 100 only when the normalised words are the same.

    Below ``floor`` the answer may be any lower number: the exact comparison is skipped
    when the sentences' lengths alone rule the floor out."""
    if a.surface == b.surface:
        return 100
    if floor and 100 * _bound(a.stems, b.stems) < floor:
        return 0
    score = _STEM_WEIGHT * _ratio(a.stems, b.stems) + (1 - _STEM_WEIGHT) * _ratio(a.surface, b.surface)
    return min(99, round(100 * score))


def differences(match: str, current: str) -> list[tuple[int, int]]:
    """Spans of ``match`` (offsets in it) whose words are not in ``current``: what to look at."""
    m, c = tokens(match), tokens(current)
    spans: list[tuple[int, int]] = []
    for tag, i1, i2, _, _ in SequenceMatcher(None, m.surface, c.surface, autojunk=False).get_opcodes():
        if tag in ("replace", "delete") and i1 < i2:
            spans.append((m.spans[i1][0], m.spans[i2 - 1][1]))
    return spans
