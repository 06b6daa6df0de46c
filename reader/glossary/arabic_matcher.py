"""Find glossary terms in Arabic text, with clitics, hamza and diacritic variation.

One Aho-Corasick pass over a search form of the text (pyarabic-based
normalisation from reader.arabic, whitespace collapsed) finds every term key;
each hit is then accepted only if the rest of its word(s) is a valid clitic
chain: proclitics و ف ب ل ك س and the article before, an attached pronoun after
(common nouns only).  Offsets map back to the original, diacritised text.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from operator import itemgetter
from typing import NamedTuple

import numpy as np

from reader import arabic
from reader.glossary.automaton import build_automaton
from reader.glossary.model import NOUN, Glossary, Term

ARTICLE = arabic.ARTICLE
_CONJ = ("", *arabic.CONJUNCTIONS)
_PREP = ("", *arabic.PREPOSITIONS)


_PLAIN = frozenset(c + p for c in _CONJ for p in _PREP)
# ل + ال is written لل.
_WITH_ARTICLE = frozenset(c + ("لل" if p == "ل" else p + ARTICLE) for c in _CONJ for p in _PREP)
PREFIXES_PLAIN = _PLAIN
PREFIXES_ARTICLE = _PLAIN | _WITH_ARTICLE       # common nouns: article optional
PREFIXES_NAME_ARTICLE = _WITH_ARTICLE           # names written with ال keep it (الرقة, not فرقة)
PREFIXES_VERB = _PLAIN | {c + arabic.FUTURE for c in _CONJ}  # future سـ only before verbs
ENCLITICS = frozenset(arabic.ENCLITICS)
# Original letters that look like an enclitic once folded but are not one:
# ta marbuta (folded to ه) and alef maqsura (folded to ي).
_NOT_ENCLITIC_START = {"ة", "ى"}


class Match(NamedTuple):
    """One term occurrence; offsets index the original text, proclitics + stem + enclitic == surface."""

    start: int
    end: int
    surface: str
    term_id: str
    proclitics: str = ""
    stem: str = ""
    enclitic: str = ""

    def split(self) -> str:
        """The clitic split for display, e.g. 'لـ + داعش' or 'تحالف + ـنا'."""
        clitics = _proclitic_parts(self.proclitics)
        if not self.enclitic and [arabic.normalize(c) for c in clitics] in ([], [ARTICLE]):
            return self.surface  # nothing but the article: no split worth showing
        parts = [p + "ـ" for p in clitics]
        parts.append(self.stem)
        if self.enclitic:
            parts.append("ـ" + self.enclitic)
        return " + ".join(parts)


def _proclitic_parts(proclitics: str) -> list[str]:
    letters = arabic.strip_diacritics(proclitics).replace("ـ", "")
    norm = arabic.normalize(letters)
    parts: list[str] = []
    i = 0
    while i < len(norm):
        if norm.startswith(ARTICLE, i):
            parts.append(letters[i:i + 2])
            i += 2
        elif norm.startswith("لل", i) and i + 2 == len(norm):
            parts.extend(["ل", "ال"])  # the article's alef is dropped after ل
            i += 2
        else:
            parts.append(letters[i])
            i += 1
    return parts


@dataclass(frozen=True)
class _Entry:
    term_id: str
    priority: int          # lower wins when two terms share a key
    words: int
    article: bool          # the form's first word had the article (stripped from the key)
    prefixes: frozenset    # what may precede the key inside its first word
    enclitic_ok: bool
    needs_enclitic: bool   # key ends in ت/ا restored before a pronoun (قدرته, مستواه)


_INVISIBLE = ("\u00ad\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
              "\u2060\u2066\u2067\u2068\u2069\ufeff")
_SPACES = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000" + "".join(
    chr(c) for c in range(0x2000, 0x200B))
# normalize() plus: invisible format marks dropped, every kind of space made " ".
_TABLE = {**arabic.SEARCH_TABLE, **dict.fromkeys(map(ord, _INVISIBLE)), **{ord(c): " " for c in _SPACES}}
_DELETED_RE = re.compile("[" + re.escape("".join(sorted(arabic.DROPPED)) + _INVISIBLE) + "]")
_SPACE_RUN_RE = re.compile(" {2,}")
_REPLACEMENTS = [(chr(k), v) for k, v in _TABLE.items() if v is not None]
_TRAILING_MARKS = frozenset(arabic.DIACRITICS | {"ـ"})
_MAX_PREFIX = max(map(len, _PLAIN | _WITH_ARTICLE | {"وس"}))
_MAX_SUFFIX = max(map(len, arabic.ENCLITICS))


def _lift(i: int, deleted: list[int]) -> int:
    """Position in the longer text of kept character i, given the sorted deleted positions."""
    o = i
    while True:
        nxt = i + bisect_right(deleted, o)
        if nxt == o:
            return o
        o = nxt


class SearchText:
    """Search form of a text: normalised, invisible marks dropped, whitespace runs as one space.

    Built with str.translate (fast on megabytes); offsets back into the
    original are rebuilt on demand from the positions of deleted characters.
    """

    __slots__ = ("text", "original", "_deleted", "_collapsed")

    def __init__(self, original: str):
        self.original = original
        self._deleted = [m.start() for m in _DELETED_RE.finditer(original)]
        # A chain of C-speed replaces beats str.translate with a dict by about 4x.
        folded = _DELETED_RE.sub("", original) if self._deleted else original
        for src, dst in _REPLACEMENTS:
            if src in folded:
                folded = folded.replace(src, dst)
        lowered = folded.lower()
        if len(lowered) != len(folded):
            lowered = self._slow(original)  # lower() changed a length (e.g. 'İ'): rare
        self._collapsed = [i for m in _SPACE_RUN_RE.finditer(lowered) for i in range(m.start() + 1, m.end())]
        self.text = _SPACE_RUN_RE.sub(" ", lowered) if self._collapsed else lowered

    def _slow(self, original: str) -> str:
        out, deleted = [], []
        for i, ch in enumerate(original):
            piece = ch.translate(_TABLE)
            low = piece.lower()
            if not piece:
                deleted.append(i)
            elif len(low) != 1:
                # Keep one character per source character so offsets stay exact.
                out.append(piece)
            else:
                out.append(low)
        self._deleted = deleted
        return "".join(out)

    def start_of(self, i: int) -> int:
        """Original offset of search character i."""
        if i >= len(self.text):
            return len(self.original)
        return _lift(_lift(i, self._collapsed), self._deleted)


def _search_key(text: str) -> str:
    return " ".join(SearchText(text).text.split())


class ArabicMatcher:
    """Whole-word, clitic-aware glossary matcher; build once, call find() per text."""

    def __init__(self, glossary: Glossary | list[Term]):
        terms = glossary.terms if isinstance(glossary, Glossary) else list(glossary)
        self.terms = {t.id: t for t in terms}
        keys: dict[str, list[_Entry]] = {}
        for priority, term in enumerate(terms):
            for form in term.arabic:
                for key, entry in self._entries(term, form, priority):
                    bucket = keys.setdefault(key, [])
                    if entry not in bucket:
                        bucket.append(entry)
        self._automaton = build_automaton(keys)
        self._longest = max(map(len, keys), default=0)

    @staticmethod
    def _entries(term: Term, form: str, priority: int):
        key = _search_key(form)
        words = key.split(" ")
        if not key or not any(ch.isalnum() for ch in key):
            return
        has_article = words[0].startswith(ARTICLE) and len(words[0]) > len(ARTICLE) + 1
        if has_article:
            words[0] = words[0][len(ARTICLE):]
        # Common nouns take or drop the article freely (خطوط / الخطوط); names keep their form.
        if term.pos == NOUN:
            prefixes = PREFIXES_ARTICLE
        elif term.pos == "verb":
            prefixes = PREFIXES_VERB
        else:
            prefixes = PREFIXES_NAME_ARTICLE if has_article else PREFIXES_PLAIN
        last_has_article = words[-1].startswith(ARTICLE) and not (len(words) == 1 and has_article)
        enclitic_ok = term.pos == NOUN and not last_has_article
        yield " ".join(words), _Entry(term.id, priority, len(words), has_article, prefixes, enclitic_ok, False)
        if enclitic_ok:
            # ة becomes ت and final ى becomes ا before an attached pronoun.
            bare = arabic.strip_diacritics(form).rstrip().rstrip("ـ")
            if bare.endswith("ة") or bare.endswith("ى"):
                words[-1] = words[-1][:-1] + ("ت" if bare.endswith("ة") else "ا")
                yield " ".join(words), _Entry(term.id, priority, len(words), has_article, prefixes, True, True)

    def find(self, text: str) -> list[Match]:
        """Every term occurrence, longest first where they overlap, in text order."""
        if self._automaton is None or not text:
            return []
        search = SearchText(text)
        s = search.text
        candidates: list = []
        # Leftmost-longest keys first (few hits); only where such a hit is not a
        # valid whole-word occurrence are the shorter keys around it examined.
        for last, value in self._automaton.iter_long(s):
            if not self._accept(s, search, last, value, candidates):
                start = last - value[0] + 1
                window = s[start:last + 1 + self._longest]
                for last2, value2 in self._automaton.iter(window):
                    if last2 + start != last or value2 is not value:
                        self._accept(s, search, last2 + start, value2, candidates)
        return self._select(candidates, search)

    def _accept(self, s: str, search: SearchText, last: int, value, candidates: list) -> bool:
        length, entries = value
        start = last - length + 1
        end = last + 1
        ws = start
        alnum = str.isalnum
        while ws and alnum(s[ws - 1]):
            ws -= 1
        if start - ws > _MAX_PREFIX:
            return False  # a clitic chain is short: this is inside another word
        we, n = end, len(s)
        while we < n and alnum(s[we]):
            we += 1
        prefix = s[ws:start]
        suffix = s[end:we]
        for entry in entries:
            if prefix not in entry.prefixes:
                continue
            if suffix:
                if not self._enclitic_ok(entry, prefix, suffix, search, end):
                    continue
            elif entry.needs_enclitic:
                continue
            candidates.append((ws, we, start, end, entry))
            return True
        return False

    @staticmethod
    def _enclitic_ok(entry: _Entry, prefix: str, suffix: str, search: SearchText, end: int) -> bool:
        if not entry.enclitic_ok or suffix not in ENCLITICS:
            return False
        # ة and ى fold to ه and ي but are not pronouns (قوة is not قو + ه).
        if search.original[search.start_of(end)] in _NOT_ENCLITIC_START:
            return False
        # An attached pronoun excludes the article on the same word.
        return not (entry.words == 1 and prefix not in PREFIXES_PLAIN)

    @staticmethod
    def _select(candidates, search: SearchText) -> list[Match]:
        # Overlapping hits form small clusters; in each, the longest surface
        # wins, then more words, then the earlier glossary entry.
        candidates.sort(key=itemgetter(0, 1, 2))
        chosen = []
        i, total = 0, len(candidates)
        while i < total:
            j, hi = i + 1, candidates[i][1]
            while j < total and candidates[j][0] < hi:
                hi = max(hi, candidates[j][1])
                j += 1
            if j == i + 1:
                chosen.append(candidates[i])
            else:
                members = sorted(candidates[i:j], key=lambda c: (c[0] - c[1], -c[4].words, c[4].priority, c[0]))
                kept: list[tuple] = []
                for cand in members:
                    if all(cand[1] <= k[0] or cand[0] >= k[1] for k in kept):
                        kept.append(cand)
                chosen.extend(sorted(kept, key=itemgetter(0)))
            i = j
        # Map search positions back to the original with two index arrays
        # (numpy: one vectorised gather instead of a Python walk per match).
        wanted = np.fromiter((p for c in chosen for p in (c[0], c[2], c[3] if c[3] < c[1] else c[1] - 1, c[1] - 1)),
                             dtype=np.int64, count=4 * len(chosen))
        if search._collapsed:
            wanted = np.delete(np.arange(len(search.text) + len(search._collapsed)), search._collapsed)[wanted]
        if search._deleted:
            wanted = np.delete(np.arange(len(search.original)), search._deleted)[wanted]
        mapped = wanted.tolist()
        text = search.original
        size = len(text)
        marks = _TRAILING_MARKS
        matches: list[Match] = []
        append, new = matches.append, tuple.__new__  # skips NamedTuple's slower __new__
        offsets = iter(mapped)
        for (_ws, we, _start, end, entry), o_start, o_stem, o_enc, o_last in zip(
                chosen, offsets, offsets, offsets, offsets):
            o_end = o_last + 1
            while o_end < size and text[o_end] in marks:
                o_end += 1
            if end == we:
                o_enc = o_end
            append(new(Match, (o_start, o_end, text[o_start:o_end], entry.term_id,
                               text[o_start:o_stem], text[o_stem:o_enc], text[o_enc:o_end])))
        return matches
