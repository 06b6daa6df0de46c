"""Senses in context: a word's first sense is the one the English on the page uses.

Dictionaries list a word's senses in their own order (جرس: "sound; tone" before "bell";
المحرر: "editor" before "liberator"). When the segment has English, the sense whose English is
among the words aligned to the Arabic word, or (before alignment is available) anywhere in
the segment's English, comes first and is marked as found in this sentence. Words are
compared on the aligner's keys (``reader.align.english.key``: liberator ~ liberated), and a sense may be one half of an
English compound (bell in doorbell, any in anything). Nothing found: the order stays.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from reader.align import english
from reader.align.links import Link
from reader.align.words import english_words
from reader.study import frequency
from reader.study.context import CONJ, PART, PREP, PRON, WordAnalysis, with_reading
from reader.study.entry import DictEntry

# Words that say nothing about which sense a gloss is ("be offered", "to go", "one's duty").
_FILLER = frozenset("a an the be to of in on at by for with from and or as one one's oneself "
                    "someone something s.o s.th sb sth".split())
_NOTE = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_MIN_COMPOUND = 3  # letters on each side of a compound (door+bell); shorter halves are too easy to hit
_COMPOUND_ZIPF = 4.0  # the other half must be a common English word (door, north; not "comp" in company)

_FUNCTION_POS = frozenset((PREP, CONJ, PART, PRON))


def stem(word: str) -> str:
    """The aligner's key: the Snowball stem of the word's lemma (said ~ say, liberator ~ liberated)."""
    return english.key(word)


@dataclass(frozen=True)
class InSentence:
    """The sense of a word that its sentence's English uses."""

    sense: str       # as the dictionary writes it ("bell")
    english: str     # the English word(s) it was found as ("doorbell")
    aligned: bool    # among the word's aligned English words (else: somewhere in the segment)
    headline: bool = True  # the word's headline is this sense (not so under a glossary term)


def senses(gloss: str) -> list[str]:
    """The senses of a dictionary gloss ("ring; circle; link")."""
    return [s.strip() for s in gloss.split(";") if s.strip()]


def _content(sense: str) -> list[str]:
    words = [w.lower() for _, _, w in english_words(_NOTE.sub(" ", sense))]
    return [w for w in words if w not in _FILLER and len(w) > 1]


def _found(word: str, english: dict[str, list[str]]) -> str:
    """The English word (``english``: stem -> surfaces) that renders ``word``, or ""."""
    for surface in english.get(stem(word), ()):
        # An adverb (publicly) renders a word of its own (علنا), not the adjective's sense.
        if not surface.lower().endswith("ly") or word.endswith("ly"):
            return surface
    if len(word) < _MIN_COMPOUND:
        return ""
    for surfaces in english.values():
        for surface in surfaces:
            lower = surface.lower()
            if len(lower) < len(word) + _MIN_COMPOUND or word not in (lower[:len(word)], lower[-len(word):]):
                continue
            rest = lower[len(word):] if lower.startswith(word) else lower[:-len(word)]
            if frequency.english(rest) >= _COMPOUND_ZIPF:
                return surface
    return ""


def match(sense: str, english: dict[str, list[str]]) -> str:
    """The English words of the sentence that render ``sense`` (all its content words), or "".

    A sense written with alternatives ("less/least") is found when one of them is.
    """
    for alternative in sense.split("/"):
        words = _content(alternative)
        found = [_found(w, english) for w in words]
        if words and all(found):
            return " ".join(dict.fromkeys(found))
    return ""


def english_stems(english: str, spans: Iterable[tuple[int, int]] | None = None) -> dict[str, list[str]]:
    """stem -> surfaces for the English words of a segment (only those in ``spans`` if given).

    Searching the whole segment, capitalised words past the first are names (Ring's, the
    company, is not the ring of a bell); an aligned word is what it is.
    """
    wanted = None if spans is None else list(spans)
    out: dict[str, list[str]] = {}
    for k, (start, end, word) in enumerate(english_words(english)):
        if wanted is not None and not any(s < end and start < e for s, e in wanted):
            continue
        if wanted is None and k and word[:1].isupper():
            continue
        out.setdefault(stem(word), []).append(word)
    return out


def find(candidates: Sequence[str], english: dict[str, list[str]]) -> tuple[int, str, str] | None:
    """(index of the gloss, sense, English) of the first gloss with a sense found in ``english``."""
    for index, gloss in enumerate(candidates):
        for sense in senses(gloss):
            found = match(sense, english)
            if found:
                return index, sense, found
    return None


def sense_first(gloss: str, sense: str) -> str:
    """``gloss`` with ``sense`` moved to the front ("editor; liberator" -> "liberator; editor")."""
    rest = [s for s in senses(gloss) if s != sense]
    return "; ".join([sense, *rest])


def in_sentence(wa: WordAnalysis, english: str, aligned: Iterable[tuple[int, int]] | None = None
                ) -> tuple[WordAnalysis, InSentence | None]:
    """``wa`` with the reading and sense its sentence's English uses first.

    ``aligned``: the English spans linked to the word; None when no alignment is available,
    then the whole segment's English is searched. A glossary term, fixed expression or name
    already is the sentence's meaning: it is only marked when its English is there.
    """
    if not english.strip() or not wa.found:
        return wa, None
    words = english_stems(english, aligned)
    if not words:
        return wa, None
    is_aligned = aligned is not None
    fixed = wa.source in ("glossary", "expression", "name")
    if fixed:
        found = match(wa.gloss, words)
        if found:
            return wa, InSentence(wa.gloss, found, is_aligned)
    # A function word's senses (from, who, any) are all over any English sentence: only the
    # English aligned to the word itself tells them apart.
    if aligned is None and wa.pos in _FUNCTION_POS:
        return wa, None
    hit = find([r.gloss for r in wa.readings], words)
    if hit is None:
        return wa, None
    index, sense, found = hit
    if fixed:  # the term keeps the headline; the dictionary's sense still leads its entries
        return wa, InSentence(sense, found, is_aligned, headline=False)
    chosen = with_reading(wa, index) if index else wa
    chosen = dataclasses.replace(chosen, gloss=sense_first(chosen.gloss, sense))
    return chosen, InSentence(sense, found, is_aligned)


def order_entries(entries: list[DictEntry], found: InSentence | None) -> list[DictEntry]:
    """Dictionary entries holding the sense found first (glossary entries stay on top), that sense
    first in each."""
    if found is None:
        return entries
    key = stem(found.sense)

    def has(entry: DictEntry) -> bool:
        return any(stem(g) == key for g in entry.glosses)

    def moved(entry: DictEntry) -> DictEntry:
        glosses = sorted(entry.glosses, key=lambda g: stem(g) != key)
        return dataclasses.replace(entry, glosses=tuple(glosses))

    top = [e for e in entries if e.source == "Glossary"]
    rest = [e for e in entries if e.source != "Glossary"]
    return top + [moved(e) for e in rest if has(e)] + [e for e in rest if not has(e)]


def aligned_english(links: Iterable[Link], start: int, end: int) -> list[tuple[int, int]] | None:
    """The English spans linked to the Arabic word [start, end); None when it has no link (then
    nothing is known about its English but the segment it is in)."""
    spans = [link.en for link in links if link.ar[0] < end and link.ar[1] > start]
    return spans or None
