"""Names by their consonants: كيري ↔ Kerry, نيوبورت ↔ Newport, الأسد ↔ al-Assad.

A capitalised English word links to an Arabic word with the same consonant skeleton
(reader.study.context's arabic_skeleton/english_skeleton, the rule the word popup uses for
names), tried on the word as written, then without its clitics. Short skeletons are little
evidence: two consonants count only for a word the lexicon does not know.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from reader.align.glosses import glosses
from reader.align.pair import SEARCH_RADIUS, SegmentPair
from reader.arabic import is_arabic, normalize
from reader.study import frequency
from reader.study.clitics import stem_candidates
from reader.study.context import arabic_skeleton, english_skeleton

WHOLE_SCORE = 0.9
STRIPPED_SCORE = 0.8
FUZZY_SCORE = 0.7
_MIN_FUZZY = 4
_COMMON_OPENING = 5.5  # Zipf: "The", "In" opening a sentence are not names
_MIN_SKELETON = 3
_MIN_STRIPPED = 3
_POSSESSIVE = re.compile(r"['’]s?$")


class NameSource:
    name = "name"

    def link(self, pair: SegmentPair) -> None:
        by_skeleton: dict[str, list[int]] = {}
        positions: list[int] = []    # capitalised English words, in order
        skeletons: list[str] = []
        for j, (_, _, w) in enumerate(pair.en_words):
            if pair.en_keys[j] is None or not w[:1].isupper() or pair.en_function[j]:
                continue
            if j == 0 and frequency.english(w.lower()) >= _COMMON_OPENING:
                continue
            skeleton = english_skeleton(_POSSESSIVE.sub("", w))
            if skeleton:
                by_skeleton.setdefault(skeleton, []).append(j)
                positions.append(j)
                skeletons.append(skeleton)
        if not by_skeleton:
            return
        for i, (_, _, w) in enumerate(pair.ar_words):
            if i in pair.content or not is_arabic(w):
                continue
            found = self._match(w, by_skeleton)
            if found is not None:
                pair.link_nearest(i, found[0], found[1], self.name)
            elif not glosses(w).senses and len(skeleton := arabic_skeleton(w)) >= _MIN_FUZZY:
                # One consonant off, for a word no dictionary knows: نيبرهود ~ Neighborhood.
                near = pair.expected(i)
                window = range(bisect_left(positions, near - SEARCH_RADIUS),
                               bisect_right(positions, near + SEARCH_RADIUS))
                pair.link_nearest(i, [positions[k] for k in window if _one_edit(skeleton, skeletons[k])],
                                  FUZZY_SCORE, self.name)

    @staticmethod
    def _match(word: str, by_skeleton: dict[str, list[int]]) -> tuple[list[int], float] | None:
        for skeleton, score in _skeletons(word):
            if skeleton in by_skeleton:
                return by_skeleton[skeleton], score
        return None


@lru_cache(maxsize=100_000)
def _skeletons(word: str) -> tuple[tuple[str, float], ...]:
    """The consonant skeletons a name written as ``word`` may have, surest first: the word as
    written, then without its clitics (longest first)."""
    known = glosses(word)
    if known.function:
        return ()
    shortest = _MIN_SKELETON if known.senses else 1  # أور ~ Ur, إيمي ~ Emmy
    skeleton = arabic_skeleton(word)
    out = [(skeleton, WHOLE_SCORE)] if len(skeleton) >= shortest else []
    norm = normalize(word)
    for form in sorted(stem_candidates(norm) - {norm}, key=len, reverse=True):
        stripped = arabic_skeleton(form)
        if len(form) >= _MIN_STRIPPED and len(stripped) >= 2:
            out.append((stripped, STRIPPED_SCORE))
    return tuple(out)


def _one_edit(a: str, b: str) -> bool:
    """Do ``a`` and ``b`` differ by one letter added, dropped or changed (not the first)?"""
    if a[:1] != b[:1] or abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) > len(b):
        a, b = b, a
    k = next((n for n, (x, y) in enumerate(zip(a, b)) if x != y), len(a))
    return a[k + (len(a) == len(b)):] == b[k + 1:]
