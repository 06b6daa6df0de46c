"""Score word alignments against the hand-aligned gold set in tests/gold/alignment/.

The gold marks, per sentence, *sure* links (any careful bilingual annotator makes them) and
*possible* ones (also acceptable); P = sure ∪ possible. With A the predicted pairs:
precision = |A∩P|/|A|, recall = |A∩S|/|S|, AER = 1 − (|A∩S| + |A∩P|)/(|A| + |S|)
(Och & Ney 2003), micro-averaged over sentences. The "content" figures keep only pairs whose
Arabic and English words are both content words (the gold lists its function words), which is
what a reader hovering a word cares about and what issue 13's targets are stated on.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from reader.align.links import Link, word_pairs
from reader.align.words import Word, arabic_words, english_words

Pair = tuple[int, int]
Aligner = Callable[[str, str], list[Link]]


class GoldError(ValueError):
    """A gold record that does not say what its format promises (file and line in the message)."""


def parse_pairs(text: str) -> frozenset[Pair]:
    """Pharaoh format: "0-1 2-3" → {(0, 1), (2, 3)}."""
    pairs = set()
    for item in text.split():
        left, sep, right = item.partition("-")
        if not sep or not left.isdigit() or not right.isdigit():
            raise ValueError(f"not an i-j pair: {item!r}")
        pairs.add((int(left), int(right)))
    return frozenset(pairs)


def format_pairs(pairs: Iterable[Pair]) -> str:
    return " ".join(f"{i}-{j}" for i, j in sorted(pairs))


@dataclass(frozen=True)
class GoldSentence:
    id: int
    ar: str
    en: str
    ar_words: list[Word]
    en_words: list[Word]
    sure: frozenset[Pair]
    possible: frozenset[Pair]  # sure ∪ the additional acceptable links
    ar_function: frozenset[int]
    en_function: frozenset[int]

    def content(self, pairs: Iterable[Pair]) -> set[Pair]:
        return {(i, j) for i, j in pairs if i not in self.ar_function and j not in self.en_function}


def _indices(value: object) -> frozenset[int]:
    if not isinstance(value, list) or not all(isinstance(i, int) for i in value):
        raise ValueError(f"not a list of word indices: {value!r}")
    return frozenset(value)


def _record(raw: dict[str, object], where: str) -> GoldSentence:
    try:
        ar, en = str(raw["ar"]), str(raw["en"])
        ar_words, en_words = arabic_words(ar), english_words(en)
        if raw["ar_words"] != [w[2] for w in ar_words]:
            raise GoldError(f"{where}: ar_words differ from arabic_words(ar)")
        if raw["en_words"] != [w[2] for w in en_words]:
            raise GoldError(f"{where}: en_words differ from english_words(en)")
        sure = parse_pairs(str(raw["sure"]))
        possible = sure | parse_pairs(str(raw["possible"]))
        ar_function, en_function = _indices(raw["ar_function"]), _indices(raw["en_function"])
        sentence_id = raw["id"]
        if not isinstance(sentence_id, int):
            raise GoldError(f"{where}: id is not an integer")
    except GoldError:
        raise
    except (KeyError, TypeError, ValueError) as exc:
        raise GoldError(f"{where}: {exc}") from exc
    for i, j in possible:
        if not (0 <= i < len(ar_words) and 0 <= j < len(en_words)):
            raise GoldError(f"{where}: link {i}-{j} outside {len(ar_words)} Arabic × {len(en_words)} English words")
    if any(not 0 <= i < len(ar_words) for i in ar_function) or any(
            not 0 <= j < len(en_words) for j in en_function):
        raise GoldError(f"{where}: a function-word index outside the sentence")
    return GoldSentence(sentence_id, ar, en, ar_words, en_words, sure, possible, ar_function, en_function)


def load_gold(paths: Iterable[str | Path]) -> list[GoldSentence]:
    """Every record of the given JSON-lines files, checked against the tokenisers."""
    sentences: list[GoldSentence] = []
    for path in paths:
        for lineno, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{Path(path).name}:{lineno}"
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as exc:
                raise GoldError(f"{where}: not JSON ({exc.msg})") from exc
            if not isinstance(raw, dict):
                raise GoldError(f"{where}: not a JSON object")
            sentences.append(_record(raw, where))
    return sentences


@dataclass
class Counts:
    """Sums over sentences of |A|, |S|, |A∩S| and |A∩P| (micro-average)."""
    predicted: int = 0
    sure: int = 0
    sure_found: int = 0
    possible_found: int = 0

    def add(self, predicted: set[Pair], sure: set[Pair], possible: set[Pair]) -> None:
        self.predicted += len(predicted)
        self.sure += len(sure)
        self.sure_found += len(predicted & sure)
        self.possible_found += len(predicted & possible)

    @property
    def precision(self) -> float:
        return self.possible_found / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.sure_found / self.sure if self.sure else 0.0

    @property
    def aer(self) -> float:
        total = self.predicted + self.sure
        return 1.0 - (self.sure_found + self.possible_found) / total if total else 0.0


@dataclass
class Scores:
    sentences: int = 0
    all: Counts = field(default_factory=Counts)
    content: Counts = field(default_factory=Counts)


def score_pairs(gold: list[GoldSentence], predicted: list[set[Pair]]) -> Scores:
    """Score predicted (Arabic index, English index) pairs, one set per gold sentence, in order."""
    if len(predicted) != len(gold):
        raise ValueError(f"{len(predicted)} predictions for {len(gold)} gold sentences")
    scores = Scores(sentences=len(gold))
    for sentence, pairs in zip(gold, predicted):
        scores.all.add(set(pairs), set(sentence.sure), set(sentence.possible))
        scores.content.add(sentence.content(pairs), sentence.content(sentence.sure),
                           sentence.content(sentence.possible))
    return scores


def predict(gold: list[GoldSentence], aligner: Aligner) -> list[set[Pair]]:
    """The word pairs an aligner links in each gold sentence."""
    return [word_pairs(aligner(s.ar, s.en), s.ar_words, s.en_words) for s in gold]


def score(gold: list[GoldSentence], aligner: Aligner) -> Scores:
    return score_pairs(gold, predict(gold, aligner))
