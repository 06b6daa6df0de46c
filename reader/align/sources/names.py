"""Names by their consonants: كيري ↔ Kerry, نيوبورت ↔ Newport, الأسد ↔ al-Assad.

A capitalised English word links to an Arabic word with the same consonant skeleton
(reader.study.context's arabic_skeleton/english_skeleton, the rule the word popup uses for
names), tried on the word as written, then without its clitics. Short skeletons are little
evidence: two consonants count only for a word the lexicon does not know.
"""
from __future__ import annotations

import re

from reader.align.glosses import glosses
from reader.align.pair import SegmentPair
from reader.arabic import is_arabic, normalize
from reader.study import frequency
from reader.study.clitics import stem_candidates
from reader.study.context import arabic_skeleton, english_skeleton

WHOLE_SCORE = 0.9
STRIPPED_SCORE = 0.8
_COMMON_OPENING = 5.5  # Zipf: "The", "In" opening a sentence are not names
_MIN_SKELETON = 3
_MIN_STRIPPED = 3
_POSSESSIVE = re.compile(r"['’]s?$")


class NameSource:
    name = "name"

    def link(self, pair: SegmentPair) -> None:
        by_skeleton: dict[str, list[int]] = {}
        for j, (_, _, w) in enumerate(pair.en_words):
            if pair.en_keys[j] is None or not w[:1].isupper() or pair.en_function[j]:
                continue
            if j == 0 and frequency.english(w.lower()) >= _COMMON_OPENING:
                continue
            skeleton = english_skeleton(_POSSESSIVE.sub("", w))
            if len(skeleton) >= 2:
                by_skeleton.setdefault(skeleton, []).append(j)
        if not by_skeleton:
            return
        for i, (_, _, w) in enumerate(pair.ar_words):
            if i in pair.content or not is_arabic(w):
                continue
            found = self._match(w, by_skeleton)
            if found is None:
                continue
            positions, score = found
            pair.link_nearest(i, positions, score, self.name)

    @staticmethod
    def _match(word: str, by_skeleton: dict[str, list[int]]) -> tuple[list[int], float] | None:
        known = glosses(word)
        if known.function:
            return None
        shortest = _MIN_SKELETON if known.senses else 2
        skeleton = arabic_skeleton(word)
        if len(skeleton) >= shortest and skeleton in by_skeleton:
            return by_skeleton[skeleton], WHOLE_SCORE
        norm = normalize(word)
        for form in sorted(stem_candidates(norm) - {norm}, key=len, reverse=True):
            stripped = arabic_skeleton(form)
            if len(form) >= _MIN_STRIPPED and len(stripped) >= max(shortest, 2) and stripped in by_skeleton:
                return by_skeleton[stripped], STRIPPED_SCORE
        return None
