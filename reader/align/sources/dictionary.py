"""Dictionary glosses: an Arabic word links to the English word (or phrase) its gloss names.

Candidates come from an index of the English by key (lemma-stem), so a segment costs one
look-up per sense, not a comparison of every Arabic word with every English word. A word
whose gloss meets exactly one English word that no other Arabic word claims links first;
these links then place the rest: among several English matches, the one nearest where the
position prior expects the word's English wins, and a match far off that place is dropped.
"""
from __future__ import annotations

from dataclasses import dataclass

from reader.align.glosses import Sense, glosses
from reader.align.pair import SEARCH_RADIUS, SegmentPair, WordLink, monotonic
from reader.arabic import is_arabic
from reader.study.clitics import Part, split_from_analysis

UNIQUE_BONUS = 0.05
OUT_OF_ORDER = 0.6
DERIVED = 0.85
_MIN_DERIVED = 5  # shorter stems start too many words ("art" ~ "article")
# How far from the expected place a contested match may lie: a share of the sentence, at least
# a few words (Arabic puts the verb first, English after the subject).
_REACH_SHARE = 0.4
_MIN_REACH = 6.0
_BACK_SHARE = 0.15
_MIN_BACK = 3.0
_MAX_REACH = 40.0
_COMPETITION = 0.1   # score lost per other English match of the same word
_ALTERNATIVE = 1.5   # words of distance each other English match of the same word counts for
_MAX_GAP = 2         # function words allowed inside a phrase gloss ("take part in")


@dataclass(frozen=True)
class Option:
    ar: int
    en: tuple[int, int]
    sense: Sense


class DictionarySource:
    name = "dictionary"

    def link(self, pair: SegmentPair) -> None:
        options = {i: found for i in pair.arabic_indices() if (found := self.options(pair, i))}
        claims: dict[int, set[int]] = {}
        for i, found in options.items():
            for o in found:
                for j in range(*o.en):
                    claims.setdefault(j, set()).add(i)
        # Unambiguous first: one match, claimed by no other word, in the order of the links so
        # far (يؤدي "lead" is not the "Lead" that opens "Lead researchers say").
        unique = []
        for i, found in options.items():
            spans = {o.en for o in found}
            if len(spans) == 1 and all(claims[j] == {i} for j in range(*found[0].en)):
                unique.append(max(found, key=lambda o: o.sense.weight))
        points = sorted([(link.ar_centre, link.en_centre, None) for link in pair.content.values()] +
                        [(float(o.ar), (o.en[0] + o.en[1] - 1) / 2, o) for o in unique],
                        key=lambda p: (p[0], p[1]))
        chain = monotonic([(a, e) for a, e, _ in points])
        for n in sorted(chain):
            option = points[n][2]
            if option is not None:
                self._accept(pair, option, option.sense.weight + UNIQUE_BONUS)
        # Then by distance from where the links so far expect each word's English. English
        # may put a word well after that place (Arabic opens with the verb: قال وزير الخارجية ...
        # "the Secretary of State said"), rarely far before it.
        after = min(_MAX_REACH, max(_MIN_REACH, _REACH_SHARE * len(pair.en_words)))
        before = min(_MAX_REACH, max(_MIN_BACK, _BACK_SHARE * len(pair.en_words)))
        ranked = []
        for i, found in options.items():
            if i in pair.content:
                continue
            target = pair.expected(i)
            spans = {o.en for o in found}
            for o in found:
                offset = (o.en[0] + o.en[1] - 1) / 2 - target
                if -before <= offset <= after:
                    reach = after if offset > 0 else before
                    # A word with other places to go yields a contested English word to one
                    # without it, when they are about as near.
                    cost = abs(offset) + _ALTERNATIVE * (len(spans) - 1)
                    ranked.append((cost, -o.sense.weight, i, o, len(spans), reach, abs(offset)))
        ranked.sort(key=lambda r: r[:3])
        for _, _, i, o, competitors, reach, distance in ranked:
            contested = any(claims[j] != {i} for j in range(*o.en))
            score = o.sense.weight * (1 - _COMPETITION * min(competitors - 1, 3)) \
                * (1 - 0.3 * distance / reach) * (0.9 if contested else 1.0)
            self._accept(pair, o, score)
        # A word's only match left once the others are linked, out of order with the rest: a
        # reordering ("We met our allies this morning"), less sure.
        left = {i: [o for o in found if pair.free(*o.en)]
                for i, found in options.items() if i not in pair.content}
        still: dict[int, set[int]] = {}
        for i, found in left.items():
            for o in found:
                for j in range(*o.en):
                    still.setdefault(j, set()).add(i)
        for i, found in left.items():
            if len({o.en for o in found}) == 1 and all(still[j] == {i} for j in range(*found[0].en)):
                best = max(found, key=lambda o: o.sense.weight)
                self._accept(pair, best, best.sense.weight * OUT_OF_ORDER)

    def _accept(self, pair: SegmentPair, o: Option, score: float) -> None:
        word = pair.ar_words[o.ar][2]
        parts = _parts(word, o.sense)
        pair.accept(WordLink((o.ar, o.ar + 1), o.en, score, self.name, parts=parts))

    def options(self, pair: SegmentPair, i: int) -> list[Option]:
        """Every English word or phrase a sense of Arabic word ``i`` names, near its expected place."""
        word = pair.ar_words[i][2]
        if i in pair.content or not is_arabic(word):
            return []
        known = glosses(word)
        if not known.senses:
            return []
        centre = pair.expected(i)
        found: dict[tuple[int, int], Option] = {}
        for sense in known.senses:
            for start in pair.near(sense.keys[0], centre, SEARCH_RADIUS):
                end = phrase_end(pair, start, sense.keys)
                if end is not None and not pair.en_function[start] and pair.free(start, end):
                    found.setdefault((start, end), Option(i, (start, end), sense))
        if not found:
            # A derived English word: المجر "Hungary" ~ "Hungarian", "nation" ~ "national".
            for sense in known.senses:
                if len(sense.keys) == 1 and len(sense.keys[0]) >= _MIN_DERIVED:
                    derived = Sense(sense.keys, sense.weight * DERIVED, sense.reading)
                    for start in pair.derived(sense.keys[0], centre, SEARCH_RADIUS):
                        if not pair.en_function[start] and pair.free(start, start + 1):
                            found.setdefault((start, start + 1), Option(i, (start, start + 1), derived))
        return list(found.values())


def phrase_end(pair: SegmentPair, start: int, keys: tuple[str, ...]) -> int | None:
    """The end of the phrase ``keys`` starting at English word ``start`` (function words may
    come between its words), or None when the rest of it is not there."""
    j = start + 1
    for k in keys[1:]:
        gap = 0
        while j < len(pair.en_words) and not pair.has_key(j, k) and pair.en_function[j] and gap < _MAX_GAP:
            j += 1
            gap += 1
        if j >= len(pair.en_words) or not pair.has_key(j, k):
            return None
        j += 1
    return j


def _parts(word: str, sense: Sense) -> list[Part]:
    if sense.reading is None:
        return []
    return split_from_analysis(word, sense.reading) or []
