"""Glossary terms: an Arabic term and the English rendering (or accepted variant) it has in the
same segment, paired in order of appearance. A term is one link however many words it spans
(إرساء الاستقرار ↔ "stabilization"); the glossary is the translator's own word, so it is trusted most.
"""
from __future__ import annotations

from typing import Callable

from reader.align.pair import SegmentPair, WordLink
from reader.glossary.english_matcher import link as pair_terms
from reader.glossary.index import GlossaryIndex

SCORE = 0.95


class GlossarySource:
    name = "glossary"

    def __init__(self, index: Callable[[], GlossaryIndex | None]):
        self._index = index  # called at each segment: the app's live index, rebuilt on edits

    def link(self, pair: SegmentPair) -> None:
        index = self._index()
        if index is None:
            return
        english = index.english.find(pair.english)
        if not english:
            return
        for ar, en in pair_terms(index.arabic.find(pair.arabic), english):
            pair.accept(WordLink(pair.arabic_range(ar.start, ar.end), pair.english_range(en.start, en.end),
                                 SCORE, self.name))
