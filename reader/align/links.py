"""A link between an Arabic span and an English span, and its word-index view.

Spans are character offsets [start, end) on whole words of the strings given to the aligner.
A link may cover several words on either side (a glossary term إرساء الاستقرار ↔
"stabilization"); scoring against the gold set expands it to every (Arabic word, English word)
pair it covers.
"""
from __future__ import annotations

from dataclasses import dataclass

from reader.align.words import Word


@dataclass(frozen=True)
class Link:
    ar: tuple[int, int]
    en: tuple[int, int]
    score: float  # strength in (0, 1]; the reader paints it as opacity
    source: str  # "glossary", "dictionary", "name", "number", "clitic", "position", "model", …
    approximate: bool = False  # from a model not trained to align (attention only)

    def as_json(self) -> dict[str, object]:
        return {"ar": list(self.ar), "en": list(self.en), "score": round(self.score, 3)}


def _covered(span: tuple[int, int], words: list[Word]) -> list[int]:
    start, end = span
    return [i for i, (s, e, _) in enumerate(words) if s < end and e > start]


def word_pairs(links: list[Link], ar_words: list[Word], en_words: list[Word]) -> set[tuple[int, int]]:
    """Every (Arabic word index, English word index) pair the links cover."""
    pairs: set[tuple[int, int]] = set()
    for link in links:
        for i in _covered(link.ar, ar_words):
            for j in _covered(link.en, en_words):
                pairs.add((i, j))
    return pairs
