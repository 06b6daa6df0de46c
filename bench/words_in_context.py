"""Top-gloss, lemma and part-of-speech accuracy of word lookup in context, on the hand-made
gold set (tests/gold/words_in_context.tsv: 327 tokens of FLORES devtest), against today's
baseline in the same run: the popup's first dictionary entry (the lexicon's first analysis).

Run: python -m bench.words_in_context [-v]   (-v lists every token either system gets wrong)
"""
from __future__ import annotations

import sys
from pathlib import Path

from reader.align.senses import in_sentence
from reader.arabic import is_arabic, words
from reader.study.context import ContextAnalyser, pos_of
from reader.study.in_context import default_glossary
from reader.study.dictionary import BUCKWALTER, Dictionary, shared_dictionary
from reader.study.evaluation import Guess, Scores, load_gold, load_sentences, score

GOLD_DIR = Path(__file__).resolve().parent.parent / "tests" / "gold"
GOLD = GOLD_DIR / "words_in_context.tsv"
SENTENCES = GOLD_DIR / "words_in_context_sentences.tsv"


def first_analysis(dictionary: Dictionary):
    """The popup before disambiguation: glossary entry, else the first lexicon entry, else FreeDict."""
    def system(arabic: str, english: str) -> list[Guess]:
        out = []
        for start, _, word in words(arabic):
            if not is_arabic(word):
                continue
            lookup = dictionary._lookup(word, arabic, start)  # noqa: SLF001 - the pre-context lookup
            first = lookup.analyses[0] if lookup.analyses else None
            entry = next((e for e in lookup.entries if e.source != "Glossary" or not first), None)
            gloss = "; ".join(entry.glosses) if entry else ""
            if first is not None and entry is not None and entry.source == BUCKWALTER:
                gloss = first.stem.gloss
            out.append(Guess(gloss, first.lemma_arabic.split("-")[0] if first else "",
                             pos_of(first) if first else ""))
        return out
    return system


def in_context(analyser: ContextAnalyser):
    def system(arabic: str, english: str) -> list[Guess]:
        glossary = analyser.dictionary.glossary
        return [Guess(w.gloss, w.lemma, w.pos) for w in analyser.analyse(arabic, glossary, english)]
    return system


def with_senses(analyser: ContextAnalyser):
    """In context, then the sense the sentence's English uses first (reader.align.senses)."""
    def system(arabic: str, english: str) -> list[Guess]:
        glossary = analyser.dictionary.glossary
        chosen = [in_sentence(w, english)[0] for w in analyser.analyse(arabic, glossary, english)]
        return [Guess(w.gloss, w.lemma, w.pos) for w in chosen]
    return system


def run_senses() -> Scores:
    gold, sentences = load_gold(GOLD), load_sentences(SENTENCES)
    return score(gold, sentences, with_senses(ContextAnalyser(shared_dictionary(default_glossary()))))


def run() -> tuple[Scores, Scores]:
    gold, sentences = load_gold(GOLD), load_sentences(SENTENCES)
    dictionary = shared_dictionary(default_glossary())
    return (score(gold, sentences, first_analysis(dictionary)),
            score(gold, sentences, in_context(ContextAnalyser(dictionary))))


def main(argv: list[str]) -> int:
    base, ctx = run()
    senses = run_senses()
    print(f"{ctx.tokens} gold tokens (FLORES devtest 1-14)")
    print(f"{'':34}{'top gloss':>10}{'lemma':>8}{'POS':>8}")
    for name, s in (("first analysis (before)", base), ("in context (now)", ctx),
                    ("+ sense in the sentence's English", senses)):
        print(f"{name:34}{s.gloss:>10.3f}{s.lemma:>8.3f}{s.pos:>8.3f}")
    if "-v" in argv:
        for tok, guess in ctx.misses:
            print(f"  {tok.sentence:>2} {tok.surface:<14} gold {'|'.join(tok.lemmas)}/{'|'.join(tok.pos)}/"
                  f"{'|'.join(tok.glosses)[:40]}  got {guess.lemma}/{guess.pos}/{guess.gloss[:40]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
