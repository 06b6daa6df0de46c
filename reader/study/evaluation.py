"""Scoring word analyses against the hand-made gold set ``tests/gold/words_in_context.tsv``.

A token's head gloss is right when one of its acceptable glosses appears, as
whole words, in the gloss the popup shows first; its lemma when the
normalised lemma is one of the acceptable lemmas; its part of speech when it
is one of the acceptable tags.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from reader.arabic import is_arabic, normalize, words


@dataclass(frozen=True)
class GoldToken:
    sentence: int
    surface: str
    lemmas: tuple[str, ...]
    pos: tuple[str, ...]
    glosses: tuple[str, ...]


@dataclass(frozen=True)
class Guess:
    """What a system says about one token: its head gloss, lemma and part of speech."""

    gloss: str
    lemma: str
    pos: str


@dataclass(frozen=True)
class Scores:
    tokens: int
    gloss: float
    lemma: float
    pos: float
    misses: tuple[tuple[GoldToken, Guess], ...]


def load_sentences(path: Path) -> dict[int, tuple[str, str]]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        ident, arabic, english = line.split("\t")
        out[int(ident)] = (arabic, english)
    return out


def load_gold(path: Path) -> list[GoldToken]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(("#", "sent\t")) or not line.strip():
            continue
        sent, surface, lemma, pos, gloss = line.split("\t")
        out.append(GoldToken(int(sent), surface, tuple(lemma.split("|")), tuple(pos.split("|")),
                             tuple(gloss.split("|"))))
    return out


def gloss_ok(gold: GoldToken, gloss: str) -> bool:
    return any(re.search(rf"(?<![\w]){re.escape(g)}(?![\w])", gloss, re.IGNORECASE) for g in gold.glosses)


def lemma_ok(gold: GoldToken, lemma: str) -> bool:
    return normalize(lemma) in {normalize(x) for x in gold.lemmas}


def score(gold: list[GoldToken], sentences: dict[int, tuple[str, str]],
          system: Callable[[str, str], list[Guess]]) -> Scores:
    """``system(arabic, english)`` gives one Guess per Arabic word of the sentence, in order."""
    by_sentence: dict[int, list[GoldToken]] = {}
    for tok in gold:
        by_sentence.setdefault(tok.sentence, []).append(tok)
    right = [0, 0, 0]
    misses = []
    for ident, tokens in by_sentence.items():
        arabic, english = sentences[ident]
        surfaces = [w for _, _, w in words(arabic) if is_arabic(w)]
        if surfaces != [t.surface for t in tokens]:
            raise ValueError(f"gold sentence {ident} does not list the sentence's Arabic words in order")
        for tok, guess in zip(tokens, system(arabic, english)):
            ok = (gloss_ok(tok, guess.gloss), lemma_ok(tok, guess.lemma), guess.pos in tok.pos)
            right = [r + o for r, o in zip(right, ok)]
            if not all(ok):
                misses.append((tok, guess))
    n = len(gold)
    return Scores(n, right[0] / n, right[1] / n, right[2] / n, tuple(misses))
