"""Arabic text helpers: diacritics, search normalisation with offset maps, word tokens.

Normalisation keeps a map from every normalised character back to the original
text so that matches found in normalised text can be shown on the diacritised
original.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pyarabic import araby

# Characters dropped by search normalisation: harakat, shadda, sukun, dagger alef,
# Quranic marks and tatweel.  pyarabic's TASHKEEL misses a few marks found in
# real text (superscript alef, small high letters), so they are added here.
_DROPPED = set(araby.TASHKEEL) | {araby.TATWEEL, "\u0670"} | {
    chr(c) for c in range(0x0610, 0x061B)} | {chr(c) for c in range(0x06D6, 0x06EE)}
DIACRITICS = frozenset(_DROPPED - {araby.TATWEEL})

# Letter variants folded for search.  pyarabic's normalize_hamza turns أ/إ into
# a bare hamza, which makes matching worse, so the folding is spelled out here.
_FOLD = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ئ": "ي", "ؤ": "و", "ة": "ه",
    # Persian/Urdu letters in Arabic text: keheh, farsi yeh and yeh barree (as Lucene's
    # PersianNormalizer folds them).
    "ک": "ك", "ی": "ي", "ے": "ي",
    # Arabic-Indic digits fold to ASCII so "2018" finds "٢٠١٨".
    **{chr(0x0660 + d): str(d) for d in range(10)},
    **{chr(0x06F0 + d): str(d) for d in range(10)},
}

ARABIC_LETTER_RE = re.compile(r"[\u0621-\u064A\u0671-\u06D3\u06FA-\u06FF]")
# A word: a run of letters/digits with the diacritics and tatweel that may sit inside it.
WORD_RE = re.compile(r"[\w\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]+")


def strip_diacritics(text: str) -> str:
    """Remove tashkeel (harakat, shadda, sukun, dagger alef) but keep tatweel."""
    return "".join(ch for ch in text if ch not in DIACRITICS)


def strip_diacritics_with_map(text: str) -> tuple[str, list[int]]:
    """:func:`strip_diacritics` plus the original index of every kept character."""
    kept = [(i, ch) for i, ch in enumerate(text) if ch not in DIACRITICS]
    return "".join(ch for _, ch in kept), [i for i, _ in kept]


def is_arabic(text: str) -> bool:
    return bool(ARABIC_LETTER_RE.search(text))


@dataclass(frozen=True)
class Normalized:
    """Normalised text plus, for each of its characters, the index in the original."""

    text: str
    source_index: tuple[int, ...]
    source_length: int

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the normalised text back to the original.

        The end is extended over trailing diacritics so that slicing the
        original gives the whole, fully vocalised surface word.
        """
        if start >= end:
            pos = self.source_index[start] if start < len(self.text) else self.source_length
            return pos, pos
        s = self.source_index[start]
        e = (self.source_index[end] if end < len(self.text) else self.source_length)
        return s, e


# normalize() as a str.translate table (before lower-casing), for callers that
# normalise megabytes at a time and rebuild offsets from DROPPED positions.
DROPPED = frozenset(_DROPPED)
SEARCH_TABLE = str.maketrans({**_FOLD, **dict.fromkeys(_DROPPED)})
_DROPPED_RE = re.compile("[" + "".join(re.escape(ch) for ch in sorted(_DROPPED)) + "]")


def normalize_lines(texts: Sequence[str]) -> list[str]:
    """:func:`normalize` of many texts, each with its white space collapsed to single spaces.

    Done on the joined texts: a chain of C-speed replaces over one string beats a translate
    table per text several times over (QA normalises a 10,000-segment file at once)."""
    joined = _DROPPED_RE.sub("", "\n".join(" ".join(t.split()) for t in texts))
    for letter, folded in _FOLD.items():
        if letter in joined:
            joined = joined.replace(letter, folded)
    return joined.lower().split("\n") if texts else []


def normalize(text: str) -> str:
    """Search form: no diacritics or tatweel, folded alef/hamza/ya/ta marbuta, lower-case."""
    return "".join(_FOLD.get(ch, ch) for ch in text if ch not in _DROPPED).lower()


def normalize_with_map(text: str) -> Normalized:
    """Like :func:`normalize`, keeping the source index of every kept character.

    A dropped character (a diacritic after a letter) belongs to the letter
    before it, so a span ending at a letter reaches up to the next kept one.
    """
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        if ch in _DROPPED:
            continue
        folded = _FOLD.get(ch, ch).lower()
        # lower() can lengthen a character (e.g. 'İ'); keep the map aligned.
        for piece in folded:
            out.append(piece)
            index.append(i)
    return Normalized("".join(out), tuple(index), len(text))


def words(text: str) -> list[tuple[int, int, str]]:
    """Word tokens with their [start, end) offsets in ``text``."""
    return [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text)]


# Clitic inventories shared by glossary matching and word lookup (normalised forms).
# Conjunctions و ف, prepositions ب ل ك, future س, in the order they stack.
# Harakat, shadda, sukun (U+064B-U+0652) and the dagger alef: the marks written on a letter.
HARAKAT = frozenset({chr(c) for c in range(0x064B, 0x0653)} | {"\u0670"})
# Letters that never join the next one: no tatweel after them in a label (و, not وـ).
NON_JOINING = "اأإآدذرزو"
CONJUNCTIONS = ("و", "ف")
PREPOSITIONS = ("ب", "ل", "ك")
FUTURE = "س"
PROCLITIC_LETTERS = (*CONJUNCTIONS, *PREPOSITIONS, FUTURE)
ARTICLE = "ال"
# Attached pronouns, longest first so that greedy stripping prefers كما over ك.
ENCLITICS = ("كما", "هما", "كم", "كن", "هم", "هن", "نا", "ها", "ني", "ك", "ه", "ي")


def word_at(text: str, offset: int) -> tuple[int, int, str] | None:
    """The Arabic word (start, end, word) covering ``offset``, if any."""
    for start, end, word in words(text):
        if start <= offset < end:
            return (start, end, word) if is_arabic(word) else None
    return None
