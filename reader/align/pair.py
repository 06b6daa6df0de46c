"""One Arabic segment and its English while they are being aligned: the words of both sides,
an index of the English by key, the links accepted so far, and where the English for an Arabic
word is expected to be (the monotonic position prior).

Sources add links in order of trust (glossary, numbers, acronyms, names, dictionary, clitics,
gaps); each later source sees what the earlier ones linked, so that ambiguous matches are
settled near the links already made instead of anywhere in the sentence.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from reader.align import english as english_side
from reader.align.links import Link
from reader.align.words import Word, arabic_words, english_words
from reader.arabic import is_arabic
from reader.study.clitics import Part

# English words each side of the expected position searched in a long segment (a short one is
# searched whole): the longest sentence of FLORES has ~80 words.
SEARCH_RADIUS = 120
_PREFIX = 5         # letters of a key that index derived words ("hungari" -> "hungarian")
_MAX_SUFFIX = 4
_EXACT_ANCHORS = 64  # below this many content links, the prior is worked out again after each one


@dataclass
class WordLink:
    """A link in word indices: Arabic words [ar[0], ar[1]), English words [en[0], en[1])."""

    ar: tuple[int, int]
    en: tuple[int, int]
    score: float
    source: str
    content: bool = True  # False for a clitic or function word linked to its English
    parts: list[Part] = field(default_factory=list)  # the Arabic word's split, when a reading chose it

    @property
    def en_centre(self) -> float:
        return (self.en[0] + self.en[1] - 1) / 2

    @property
    def ar_centre(self) -> float:
        return (self.ar[0] + self.ar[1] - 1) / 2


class SegmentPair:
    def __init__(self, arabic: str, english: str):
        self.arabic, self.english = arabic, english
        self.ar_words: list[Word] = arabic_words(arabic)
        self.en_words: list[Word] = english_words(english)
        usable = [english_side.is_english_word(w) for _, _, w in self.en_words]
        # Each English word's keys (None for a word still in Arabic script).
        self.en_keys: list[tuple[str, ...] | None] = [english_side.keys(w) if ok else None
                                                      for (_, _, w), ok in zip(self.en_words, usable)]
        self.en_function: list[bool] = [english_side.is_function(w) for _, _, w in self.en_words]
        self._ar_starts = [s for s, _, _ in self.ar_words]
        self._en_starts = [s for s, _, _ in self.en_words]
        self._by_key: dict[str, list[int]] | None = None
        self._by_prefix: dict[str, list[int]] | None = None
        self.links: list[WordLink] = []
        self.en_owner: dict[int, int] = {}        # English word -> Arabic word linked to it
        self.content: dict[int, WordLink] = {}    # Arabic word -> its content link
        self._anchors: tuple[list[float], list[float]] | None = None
        self._anchored = 0  # content links when the anchors were last worked out

    # --- what can be linked ---------------------------------------------------------------
    @property
    def usable(self) -> bool:
        """English words to link, and English that is not Arabic still waiting for translation."""
        latin = sum(1 for k in self.en_keys if k is not None)
        arabic = sum(1 for _, _, w in self.en_words if is_arabic(w))
        return bool(self.ar_words) and latin > 0 and latin >= arabic

    def arabic_indices(self) -> range:
        return range(len(self.ar_words))

    def has_key(self, j: int, key: str) -> bool:
        return key in (self.en_keys[j] or ())

    def positions(self, key: str) -> list[int]:
        """English word indices with this key, in order."""
        if self._by_key is None:
            self._by_key = {}
            for j, ks in enumerate(self.en_keys):
                for k in ks or ():
                    self._by_key.setdefault(k, []).append(j)
        return self._by_key.get(key, [])

    def near(self, key: str, centre: float, radius: float) -> list[int]:
        """English word indices with this key within ``radius`` words of ``centre``."""
        return self._window(self.positions(key), centre, radius)

    def _window(self, found: list[int], centre: float, radius: float) -> list[int]:
        if len(self.en_words) <= 2 * radius:
            return found
        return found[bisect_left(found, centre - radius):bisect_right(found, centre + radius)]

    def derived(self, key: str, centre: float, radius: float) -> list[int]:
        """English word indices whose key extends ``key`` by a suffix of at most four letters
        ("hungari" -> "hungarian"), within ``radius`` words of ``centre``."""
        if self._by_prefix is None:
            self._by_prefix = {}
            for j, ks in enumerate(self.en_keys):
                for k in ks or ():
                    if len(k) >= _PREFIX and j not in self._by_prefix.get(k[:_PREFIX], ()):
                        self._by_prefix.setdefault(k[:_PREFIX], []).append(j)
        found = self._window(self._by_prefix.get(key[:_PREFIX], []), centre, radius)
        return [j for j in found if key not in (ks := self.en_keys[j] or ())
                and any(k.startswith(key) and len(k) - len(key) <= _MAX_SUFFIX for k in ks)]

    def free(self, start: int, end: int) -> bool:
        return all(j not in self.en_owner for j in range(start, end))

    # --- accepting links ------------------------------------------------------------------
    def accept(self, link: WordLink) -> bool:
        """Add ``link`` unless its English is already linked or its Arabic already has content."""
        if not self.free(*link.en) or link.en[0] >= link.en[1]:
            return False
        if link.content and any(i in self.content for i in range(*link.ar)):
            return False
        self.links.append(link)
        for j in range(*link.en):
            self.en_owner[j] = link.ar[0]
        if link.content:
            for i in range(*link.ar):
                self.content[i] = link
        return True

    # --- the position prior ---------------------------------------------------------------
    def expected(self, i: float) -> float:
        """Where the English of Arabic word ``i`` should be: between the content links either
        side of it (those that keep the order of both sentences), else on the diagonal."""
        ar_pts, en_pts = self._monotonic_anchors()
        slope = len(self.en_words) / max(1, len(self.ar_words))
        if not ar_pts:
            return (i + 0.5) * slope - 0.5
        k = bisect_left(ar_pts, i)
        if k < len(ar_pts) and ar_pts[k] == i:
            return en_pts[k]
        if k == 0:
            return en_pts[0] - (ar_pts[0] - i) * slope
        if k == len(ar_pts):
            return en_pts[-1] + (i - ar_pts[-1]) * slope
        a0, a1, e0, e1 = ar_pts[k - 1], ar_pts[k], en_pts[k - 1], en_pts[k]
        return e0 + (e1 - e0) * (i - a0) / (a1 - a0)

    def _monotonic_anchors(self) -> tuple[list[float], list[float]]:
        """The content links' centres, keeping the longest run that rises on both sides (a
        link against the order of all the others says little about its neighbours)."""
        if self._anchors is not None and not self._stale():
            return self._anchors
        points = sorted({(link.ar_centre, link.en_centre) for link in self.content.values()})
        chain = sorted(monotonic(points))
        # Two links of one Arabic word (a multi-word term) keep the first.
        ar_pts: list[float] = []
        en_pts: list[float] = []
        for n in chain:
            a, e = points[n]
            if ar_pts and a == ar_pts[-1]:
                continue
            ar_pts.append(a)
            en_pts.append(e)
        self._anchors = (ar_pts, en_pts)
        self._anchored = len(self.content)
        return self._anchors

    def _stale(self) -> bool:
        """Are the anchors out of date enough to work out again? In a short segment after any
        new link; in a long one (10,000 words) once the links have grown by an eighth, so that a
        segment costs O(n log² n), not a recount after every link."""
        grown = len(self.content) - self._anchored
        return grown > 0 and (self._anchored < _EXACT_ANCHORS or grown * 8 >= self._anchored)

    def nearest(self, options: list[int], target: float) -> int | None:
        """The free English word of ``options`` (in order) nearest ``target``; ties go left."""
        right = bisect_left(options, target)
        left = right - 1
        while left >= 0 or right < len(options):
            if right >= len(options) or left >= 0 and target - options[left] <= options[right] - target:
                if options[left] not in self.en_owner:
                    return options[left]
                left -= 1
            else:
                if options[right] not in self.en_owner:
                    return options[right]
                right += 1
        return None

    def link_nearest(self, i: int, options: list[int], score: float, source: str,
                     reach: float | None = None, content: bool = True) -> bool:
        """Link Arabic word ``i`` to the free English word of ``options`` nearest its expected
        place (no farther than ``reach`` words, when given)."""
        target = self.expected(i)
        j = self.nearest(options, target)
        if j is None or reach is not None and abs(j - target) > reach:
            return False
        return self.accept(WordLink((i, i + 1), (j, j + 1), score, source, content=content))

    # --- the result -----------------------------------------------------------------------
    def as_links(self) -> list[Link]:
        out = []
        for link in self.links:
            ar = (self.ar_words[link.ar[0]][0], self.ar_words[link.ar[1] - 1][1])
            en = (self.en_words[link.en[0]][0], self.en_words[link.en[1] - 1][1])
            out.append(Link(ar, en, round(min(1.0, max(0.01, link.score)), 3), link.source))
        out.sort(key=lambda link: (link.ar, link.en))
        return out

    def arabic_range(self, start: int, end: int) -> tuple[int, int]:
        """The Arabic word indices [first, last + 1) that a character span touches."""
        return _covered(self._ar_starts, self.ar_words, start, end)

    def english_range(self, start: int, end: int) -> tuple[int, int]:
        return _covered(self._en_starts, self.en_words, start, end)


def monotonic(points: list[tuple[float, float]]) -> set[int]:
    """Indices of the longest run of ``points`` (sorted by their first value) whose second value
    rises too: the links that keep the order of both sentences. O(n log n)."""
    tails: list[float] = []
    tail_index: list[int] = []
    previous = [-1] * len(points)
    for n, (_, e) in enumerate(points):
        k = bisect_left(tails, e)
        if k == len(tails):
            tails.append(e)
            tail_index.append(n)
        else:
            tails[k] = e
            tail_index[k] = n
        previous[n] = tail_index[k - 1] if k else -1
    chain: set[int] = set()
    n = tail_index[-1] if tail_index else -1
    while n >= 0:
        chain.add(n)
        n = previous[n]
    return chain


def _covered(starts: list[int], words: list[Word], start: int, end: int) -> tuple[int, int]:
    first = bisect_right(starts, start) - 1
    if first < 0 or words[first][1] <= start:
        first += 1
    return first, max(first, bisect_left(starts, end))
