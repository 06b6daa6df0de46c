"""Find glossary terms in Arabic text, with clitics, hamza and diacritic variation.

One Aho-Corasick pass over a search form of the text (pyarabic-based
normalisation from reader.arabic, whitespace collapsed) finds every term key;
each hit is then accepted only if the rest of its word(s) is a valid clitic
chain: proclitics و ف ب ل ك س and the article before, an attached pronoun after
(common nouns only).  Offsets map back to the original, diacritised text.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import ahocorasick

from reader import arabic
from reader.glossary.model import NOUN, Glossary, Term

ARTICLE = arabic.ARTICLE
_CONJ = ("", "و", "ف")
_PREP = ("", "ب", "ل", "ك")


_PLAIN = frozenset(c + p for c in _CONJ for p in _PREP)
# ل + ال is written لل.
_WITH_ARTICLE = frozenset(c + ("لل" if p == "ل" else p + ARTICLE) for c in _CONJ for p in _PREP)
PREFIXES_PLAIN = _PLAIN
PREFIXES_ARTICLE = _PLAIN | _WITH_ARTICLE       # common nouns: article optional
PREFIXES_NAME_ARTICLE = _WITH_ARTICLE           # names written with ال keep it (الرقة, not فرقة)
PREFIXES_VERB = _PLAIN | {c + "س" for c in _CONJ}  # future سـ only before verbs
ENCLITICS = frozenset(arabic.ENCLITICS)
# Original letters that look like an enclitic once folded but are not one:
# ta marbuta (folded to ه) and alef maqsura (folded to ي).
_NOT_ENCLITIC_START = {"ة", "ى"}


@dataclass(frozen=True)
class Match:
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


class SearchText:
    """Normalised search form of a text with a map back to original offsets."""

    __slots__ = ("text", "index", "original")

    def __init__(self, original: str):
        norm = arabic.normalize_with_map(original)
        out: list[str] = []
        index: list[int] = []
        space = False
        for ch, src in zip(norm.text, norm.source_index):
            if ch.isspace():
                space = True
                continue
            if unicodedata.category(ch) == "Cf":  # bidi marks, ZWJ/ZWNJ: invisible, ignored
                continue
            if space and out:
                out.append(" ")
                index.append(src - 1)
            space = False
            out.append(ch)
            index.append(src)
        self.text = "".join(out)
        self.index = index
        self.original = original

    def start_of(self, i: int) -> int:
        return self.index[i]

    def end_of(self, i: int) -> int:
        """Original offset just after search character i-1, including its diacritics."""
        end = self.index[i - 1] + 1
        text = self.original
        while end < len(text) and (text[end] in arabic.DIACRITICS or text[end] == "ـ"):
            end += 1
        return end


def _search_key(text: str) -> str:
    return " ".join(SearchText(text).text.split())


def _is_word_char(ch: str) -> bool:
    return ch.isalnum()


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
        self._automaton = ahocorasick.Automaton()
        for key, entries in keys.items():
            self._automaton.add_word(key, (len(key), tuple(entries)))
        self._empty = not keys
        if keys:
            self._automaton.make_automaton()

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
        if self._empty or not text:
            return []
        search = SearchText(text)
        s = search.text
        n = len(s)
        candidates = []
        for last, (length, entries) in self._automaton.iter(s):
            start, end = last - length + 1, last + 1
            ws = start
            while ws > 0 and _is_word_char(s[ws - 1]):
                ws -= 1
            we = end
            while we < n and _is_word_char(s[we]):
                we += 1
            prefix, suffix = s[ws:start], s[end:we]
            for entry in entries:
                if not self._valid(entry, prefix, suffix, search, end):
                    continue
                candidates.append((we - ws, entry.words, -entry.priority, ws, start, end, we, entry.term_id))
                break
        return self._select(candidates, search)

    @staticmethod
    def _valid(entry: _Entry, prefix: str, suffix: str, search: SearchText, end: int) -> bool:
        if prefix not in entry.prefixes:
            return False
        if suffix:
            if not entry.enclitic_ok or suffix not in ENCLITICS:
                return False
            if search.original[search.start_of(end)] in _NOT_ENCLITIC_START:
                return False
            # An attached pronoun excludes the article on the same word.
            if entry.words == 1 and prefix not in PREFIXES_PLAIN:
                return False
        elif entry.needs_enclitic:
            return False
        return True

    @staticmethod
    def _select(candidates, search: SearchText) -> list[Match]:
        # Longest surface wins, then more words, then the earlier glossary entry.
        candidates.sort(key=lambda c: (-c[0], -c[1], -c[2], c[3]))
        taken = bytearray(len(search.text))
        chosen = []
        for _, _, _, ws, start, end, we, term_id in candidates:
            if taken.find(1, ws, we) != -1:
                continue
            taken[ws:we] = b"\x01" * (we - ws)
            chosen.append((ws, start, end, we, term_id))
        chosen.sort()
        text = search.original
        matches = []
        for ws, start, end, we, term_id in chosen:
            o_start = search.start_of(ws)
            o_stem = search.start_of(start)
            o_enc = search.start_of(end) if end < we else search.end_of(we)
            o_end = search.end_of(we)
            matches.append(Match(o_start, o_end, text[o_start:o_end], term_id,
                                 text[o_start:o_stem], text[o_stem:o_enc], text[o_enc:o_end]))
        return matches
