"""Find glossary terms in English text (case-, plural- and possessive-aware) and link them to Arabic."""
from __future__ import annotations

import re
from dataclasses import dataclass


from reader.glossary.automaton import build_automaton
from reader.glossary.model import Glossary, Term

# What may follow a term inside the same word: plural and possessive endings.
_ENDINGS = frozenset({"", "s", "es", "'s", "s'", "'"})
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_DASHES = re.compile(r"[-\u2010\u2011\u2012\u2013\u2014]")
_ACRONYM = re.compile(r"^[A-Z][A-Z.&-]*[A-Z.]$")


@dataclass(frozen=True)
class EnglishMatch:
    start: int
    end: int
    surface: str
    term_id: str
    # Other terms this surface also renders (e.g. 'Secretary of State').
    also: tuple[str, ...] = ()

    @property
    def term_ids(self) -> tuple[str, ...]:
        return (self.term_id, *self.also)


def _fold(text: str) -> tuple[str, list[int]]:
    """Lower-cased, apostrophes unified, dashes as spaces, whitespace runs collapsed; with an offset map."""
    out: list[str] = []
    index: list[int] = []
    text = text.translate(_APOSTROPHES)
    for i, ch in enumerate(text):
        if _DASHES.match(ch) or ch.isspace():
            if out and out[-1] == " ":
                continue
            ch = " "
        for piece in ch.lower():
            out.append(piece)
            index.append(i)
    return "".join(out), index


def _word(ch: str) -> bool:
    return ch.isalnum()


class EnglishMatcher:
    def __init__(self, glossary: Glossary | list[Term]):
        terms = glossary.terms if isinstance(glossary, Glossary) else list(glossary)
        keys: dict[str, list[tuple[str, str | None]]] = {}
        for term in terms:
            for form in term.english_forms():
                exact = form if _ACRONYM.match(form) else None  # acronyms keep their case: 'IS' is not 'is'
                for key in self._keys(form):
                    bucket = keys.setdefault(key, [])
                    if (term.id, exact) not in bucket:
                        bucket.append((term.id, exact))
        self._automaton = build_automaton(keys)

    @staticmethod
    def _keys(form: str):
        key, _ = _fold(form.strip())
        key = key.strip()
        if not key:
            return
        yield key
        if len(key) > 2 and key.endswith("y") and key[-2] not in "aeiou":
            yield key[:-1] + "ies"

    def find(self, text: str) -> list[EnglishMatch]:
        if self._automaton is None or not text:
            return []
        folded, index = _fold(text)
        n = len(folded)
        candidates = []
        for last, (length, entries) in self._automaton.iter(folded):
            start, end = last - length + 1, last + 1
            if start > 0 and _word(folded[start - 1]):
                continue
            we = end
            while we < n and (_word(folded[we]) or folded[we] == "'"):
                we += 1
            ending = folded[end:we]
            if ending not in _ENDINGS:
                continue
            if ending == "'" and not folded[end - 1] == "s":
                we = end  # a closing quote, not a possessive
            o_start, o_core_end = index[start], index[end - 1] + 1
            ids = [tid for tid, exact in entries if exact is None or text[o_start:o_core_end] == exact]
            if ids:
                candidates.append((we - start, start, we, ids))
        candidates.sort(key=lambda c: (-c[0], c[1]))
        taken = bytearray(n)
        chosen = []
        for _, start, we, ids in candidates:
            if taken.find(1, start, we) != -1:
                continue
            taken[start:we] = b"\x01" * (we - start)
            chosen.append((start, we, ids))
        chosen.sort()
        matches = []
        for start, we, ids in chosen:
            o_start, o_end = index[start], index[we - 1] + 1
            matches.append(EnglishMatch(o_start, o_end, text[o_start:o_end], ids[0], tuple(ids[1:])))
        return matches


def link(ar_matches, en_matches) -> list[tuple]:
    """Pair Arabic and English occurrences of the same term within one segment, in order of appearance."""
    pairs = []
    used: set[int] = set()
    for ar in ar_matches:
        for j, en in enumerate(en_matches):
            if j not in used and ar.term_id in en.term_ids:
                pairs.append((ar, en))
                used.add(j)
                break
    return pairs
