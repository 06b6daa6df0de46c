"""The open document's word links, row by row, each kept with the Arabic and English it was
computed for.

A row whose English changed since its links were computed reads as not aligned (None), never
as the old links laid over the new words: the reader then lights nothing rather than the wrong
word.  Filled in the background by the reader (``reader.ui.alignment_feature``); read by the
highlighting, the gloss line and the word popup (``AppState.alignments``).  Qt-free.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from functools import cached_property
from typing import Callable, Iterator, Protocol, Sequence

from reader.align.links import Link
from reader.align.words import Word, arabic_words, english_words
from reader.arabic import is_arabic
from reader.responsiveness import rest

# The dimmest a linked word is painted: a weak link must still be seen.
MIN_OPACITY = 0.35
GLOSS_WORDS = 4  # a gloss line shows at most this many English words under one Arabic word


class Aligner(Protocol):
    def align(self, arabic: str, english: str) -> list[Link]: ...  # noqa: E704


@dataclass(frozen=True)
class Lit:
    """A stretch of one side to paint while a word is pointed at."""

    side: str       # "ar" or "en"
    start: int
    end: int
    strength: float  # the link's score (1.0 for the pointed word itself)
    focus: bool = False  # the word pointed at, or the rest of its own phrase

    @property
    def opacity(self) -> float:
        return MIN_OPACITY + (1 - MIN_OPACITY) * max(0.0, min(1.0, self.strength))


@dataclass(frozen=True)
class Gloss:
    """What the gloss line prints under the Arabic word [start, end)."""

    start: int
    end: int
    text: str
    aligned: bool  # English words of the page (True) or the dictionary's sense in context


@dataclass(frozen=True)
class RowLinks:
    arabic: str
    english: str
    links: tuple[Link, ...]
    # The dictionary's sense of each word in this sentence, for words nothing is aligned to;
    # None until asked for (the gloss line is off).
    senses: tuple[Gloss, ...] | None = None

    def lit(self, side: str, offset: int) -> list[Lit]:
        """What lights up when the word at ``offset`` of ``side`` is pointed at: the word itself
        (focus) and every word linked to it, as strong as its strongest link; weakest first so
        that the strongest paints on top.  Nothing when the offset is on no word."""
        words = arabic_words(self.arabic) if side == "ar" else english_words(self.english)
        word = next(((s, e) for s, e, _ in words if s <= offset < e), None)
        if word is None:
            return []
        start, end = word
        other = "en" if side == "ar" else "ar"
        partners: dict[tuple[str, int, int], float] = {}
        for link in self.links:
            here, there = (link.ar, link.en) if side == "ar" else (link.en, link.ar)
            if here[0] < end and here[1] > start:
                across = (other, there[0], there[1])
                partners[across] = max(partners.get(across, 0.0), link.score)
                if here != (start, end):  # the rest of a phrase the word belongs to
                    own = (side, here[0], here[1])
                    partners[own] = max(partners.get(own, 0.0), link.score)
        out = [Lit(s, a, b, score, focus=s == side) for (s, a, b), score in partners.items()]
        out.sort(key=lambda lit: lit.strength)
        return out + [Lit(side, start, end, 1.0, focus=True)]

    def word_links(self, offset: int) -> list[Link]:
        """The links of the Arabic word at ``offset``."""
        word = next(((s, e) for s, e, _ in arabic_words(self.arabic) if s <= offset < e), None)
        return [] if word is None else [link for link in self.links if link.ar[0] < word[1] and link.ar[1] > word[0]]

    @cached_property
    def glosses(self) -> tuple[Gloss, ...]:
        """Under each Arabic word, its aligned English words in English order (… where they are
        not next to each other), else the dictionary's sense.  A phrase linked as a whole shows
        its English once, under its first word (والمجتمع الدولي: "and the international community")."""
        en_words = english_words(self.english)
        senses = {(g.start, g.end): g for g in self.senses or ()}
        out: list[Gloss] = []  # asked for at every paint of the row: computed once
        previous: tuple[int, ...] = ()
        for start, end, word in arabic_words(self.arabic):
            if not is_arabic(word):
                continue
            linked = tuple(sorted({j for link in self.links if link.ar[0] < end and link.ar[1] > start
                                   for j in _covered(link.en, en_words)}))
            if linked:
                if not set(linked) <= set(previous):
                    out.append(Gloss(start, end, _english_of(linked, en_words), aligned=True))
            elif (start, end) in senses and not (out and out[-1].text == senses[(start, end)].text):
                out.append(senses[(start, end)])  # once for the words of a glossary phrase
            previous = linked
        return tuple(out)


def _covered(span: tuple[int, int], words: list[Word]) -> list[int]:
    return [i for i, (s, e, _) in enumerate(words) if s < span[1] and e > span[0]]


def _english_of(indices: tuple[int, ...], words: list[Word]) -> str:
    parts: list[str] = []
    for n, i in enumerate(indices[:GLOSS_WORDS]):
        if n and i != indices[n - 1] + 1:
            parts.append("…")
        parts.append(words[i][2])
    if len(indices) > GLOSS_WORDS:
        parts.append("…")
    return " ".join(parts)


def short_sense(gloss: str) -> str:
    """The first sense of a dictionary gloss, without its notes: "society; community (of)" → "society"."""
    first = gloss.split(";")[0].split(",")[0]
    while "(" in first and ")" in first[first.index("("):]:
        a = first.index("(")
        first = first[:a] + first[first.index(")", a) + 1:]
    words = first.split()
    return " ".join(words[:GLOSS_WORDS]) + (" …" if len(words) > GLOSS_WORDS else "")


@dataclass(frozen=True)
class Job:
    row: int
    arabic: str
    english: str


Senses = Callable[[str, str], tuple[Gloss, ...]]


def align_rows(aligner: Aligner, jobs: Sequence[Job], senses: Senses | None,
               cancelled: Callable[[], bool] = lambda: False, duty: float = 1.0) -> Iterator[tuple[int, RowLinks]]:
    """Each job's links (and senses, when asked for), one row at a time, until cancelled.

    Alignment is pure Python: while it runs, the GUI thread waits for the interpreter at every
    call it makes (a repaint took 40 ms alone, 160 ms beside a busy worker).  After each row it
    rests, so that it works a ``duty`` share of the time.
    """
    for job in jobs:
        if cancelled():
            return
        started = time.perf_counter()
        links = tuple(aligner.align(job.arabic, job.english)) if job.english.strip() else ()
        found = senses(job.arabic, job.english) if senses is not None else None
        yield job.row, RowLinks(job.arabic, job.english, links, found)
        took = time.perf_counter() - started
        rest(took, duty)


class Alignments:
    """Per row of the open document: the last links computed and the texts they belong to."""

    def __init__(self) -> None:
        self._rows: dict[int, RowLinks] = {}
        self._lock = threading.Lock()  # the popup and the painter read while results arrive

    def get(self, row: int, arabic: str, english: str | None) -> RowLinks | None:
        """The row's links if they were computed for exactly these texts, else None."""
        with self._lock:
            found = self._rows.get(row)
        if found is None or english is None or found.arabic != arabic or found.english != english:
            return None
        return found

    def put(self, row: int, links: RowLinks) -> None:
        with self._lock:
            self._rows[row] = links

    def clear(self) -> None:
        with self._lock:
            self._rows.clear()
