"""The position prior's own links: one Arabic word and one English word left between two links
that keep the order of both sentences are most likely each other's translation (سمعة ↔
"notoriety" that no dictionary pairs), so they are linked, weakly.

Only gaps of one word against one count: with more words left on a side, order alone cannot say
which goes with which (two neighbours against one, سمعة سيئة ↔ "notorious", cost more precision
than they gained on the development sentences). Function words on either side are left to the clitic source.
"""
from __future__ import annotations

from reader.align.glosses import glosses
from reader.align.pair import SegmentPair, WordLink, monotonic
from reader.arabic import is_arabic

SCORE = 0.35


class GapSource:
    name = "position"

    def link(self, pair: SegmentPair) -> None:
        links = sorted({(link.ar[0], link.ar[1], link.en[0], link.en[1]) for link in pair.content.values()})
        chain = monotonic([((a0 + a1 - 1) / 2, (e0 + e1 - 1) / 2) for a0, a1, e0, e1 in links])
        # (Arabic start, Arabic end, English start, English end); the sentence edges bound the
        # first and last gaps.
        kept = [(0, 0, 0, 0), *(links[n] for n in sorted(chain)),
                (len(pair.ar_words), 0, len(pair.en_words), 0)]
        for left, right in zip(kept, kept[1:]):
            arabic = [i for i in range(left[1], right[0]) if self._arabic_content(pair, i)]
            english = [j for j in range(left[3], right[2]) if self._english_content(pair, j)]
            if len(arabic) == 1 and len(english) == 1:
                i, j = arabic[0], english[0]
                pair.accept(WordLink((i, i + 1), (j, j + 1), SCORE, self.name))

    @staticmethod
    def _arabic_content(pair: SegmentPair, i: int) -> bool:
        word = pair.ar_words[i][2]
        return i not in pair.content and is_arabic(word) and not glosses(word).function

    @staticmethod
    def _english_content(pair: SegmentPair, j: int) -> bool:
        return j not in pair.en_owner and pair.en_keys[j] is not None and not pair.en_function[j]

