"""Acronyms spelt in Arabic letter names: بي بي إس ↔ PBS, إف بي آي ↔ FBI.

The lexicon reads most letter names as their letter ("B.", "S."); a run of such words whose
letters spell an upper-case English word is one link. The names the lexicon lacks, or reads
otherwise (آي is the I of IBM and FBI), are added here; بي is P as well as B.
"""
from __future__ import annotations

from functools import lru_cache

from reader.align.glosses import glosses
from reader.align.pair import SegmentPair, WordLink
from reader.arabic import normalize
from reader.study.context import stem_tag

SCORE = 0.85
_EXTRA_LETTERS = {normalize(name): letters for name, letters in (
    ("دبليو", "W"), ("كيو", "Q"), ("آي", "I"), ("إكس", "X"), ("آر", "R"), ("زد", "Z"), ("كيه", "K"),
    ("جيه", "J"), ("إيه", "A"), ("بي", "P"))}
_LONGEST = 6


@lru_cache(maxsize=4096)
def letters(word: str) -> frozenset[str]:
    """The Latin letters an Arabic letter name may spell (none for another word)."""
    found = set(_EXTRA_LETTERS.get(normalize(word), ""))
    for a in glosses(word).readings:
        gloss = a.stem.gloss.strip()
        if stem_tag(a) == "ABBREV" and len(gloss) == 2 and gloss[0].isupper() and gloss[1] == ".":
            found.add(gloss[0])
    return frozenset(found)


class AcronymSource:
    name = "acronym"

    def link(self, pair: SegmentPair) -> None:
        acronyms: dict[int, dict[str, list[int]]] = {}  # length -> acronym -> English positions
        for j, (_, _, w) in enumerate(pair.en_words):
            bare = w.replace(".", "")
            usable = pair.en_keys[j] is not None and bare.isalpha() and bare.isupper()
            if usable and 2 <= len(bare) <= _LONGEST:
                acronyms.setdefault(len(bare), {}).setdefault(bare, []).append(j)
        if not acronyms:
            return
        spelt = [letters(w) for _, _, w in pair.ar_words]
        i = 0
        while i < len(spelt):
            i += self._link_run(pair, i, spelt, acronyms) or 1

    def _link_run(self, pair: SegmentPair, i: int, spelt: list[frozenset[str]],
                  acronyms: dict[int, dict[str, list[int]]]) -> int:
        """Link the longest run of letter names from Arabic word ``i`` that spells an English
        acronym; how many words it took (0: none)."""
        for n in range(min(_LONGEST, len(spelt) - i), 1, -1):
            for acronym, positions in acronyms.get(n, {}).items():
                if all(acronym[k] in spelt[i + k] for k in range(n)):
                    at = pair.nearest(positions, pair.expected(i))
                    if at is not None and pair.accept(WordLink((i, i + n), (at, at + 1), SCORE, self.name)):
                        return n
        return 0
