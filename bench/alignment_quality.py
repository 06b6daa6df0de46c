"""Precision, recall and AER of word alignment on the hand-aligned FLORES gold (tests/gold/alignment/).

Scores, in the same run and on the same sentences:
- diagonal baseline: each Arabic word linked to the English word at the same relative position
  (word i of n → word round((i + 0.5)·m/n − 0.5) of m); what an aligner with no knowledge of
  either language gets from word order alone;
- lexical: Bayan's lexical aligner (dictionaries, names, numbers, clitics, position prior);
- lexical + model: the lexical links combined with the installed model's attention, when a model
  is installed (`--model ID` picks one; otherwise the first installed model that can align).

"content" counts only pairs whose Arabic and English words are both content words; the issue's
targets (precision ≥ 0.90, recall ≥ 0.70 for lexical-only) are on sure content links.

Run: python -m bench.alignment_quality [--model ID] [-v]
"""
from __future__ import annotations

import argparse
import importlib
from pathlib import Path

from reader.align.evaluation import Aligner, GoldSentence, Pair, Scores, load_gold, predict, score_pairs
from reader.align.links import Link
from reader.align.words import arabic_words, english_words

GOLD = Path(__file__).resolve().parent.parent / "tests" / "gold" / "alignment"


def gold_files() -> list[Path]:
    return sorted(GOLD.glob("*.jsonl"))


def diagonal(arabic: str, english: str) -> list[Link]:
    ar, en = arabic_words(arabic), english_words(english)
    if not ar or not en:
        return []
    links = []
    for i, (start, end, _) in enumerate(ar):
        j = min(len(en) - 1, max(0, round((i + 0.5) * len(en) / len(ar) - 0.5)))
        links.append(Link((start, end), en[j][:2], 1.0, "position"))
    return links


def lexical_aligner() -> Aligner | None:
    """Bayan's lexical aligner (reader/align/aligner.py), or None in a checkout without it."""
    try:
        module = importlib.import_module("reader.align.aligner")
    except ImportError:
        return None
    aligner: Aligner = module.lexical_aligner().align
    return aligner


def model_aligner(model_id: str | None, lexical: Aligner) -> tuple[Aligner | None, str]:
    """Lexical + the installed model (reader.align.combine), and a line saying which model or why none."""
    try:
        model = importlib.import_module("reader.align.model")
        combine = importlib.import_module("reader.align.combine").combine
    except ImportError:
        return None, "no model installed (this checkout has no model alignment)"
    try:
        aligner = model.installed_aligner(model_id)
    except model.NoAlignmentModel as exc:
        return None, f"no model installed ({exc})"

    def lexical_and_model(arabic: str, english: str) -> list[Link]:
        links: list[Link] = combine(arabic, english, lexical(arabic, english), aligner.align([(arabic, english)])[0])
        return links

    return lexical_and_model, f"model {aligner.name}"


def row(name: str, scores: Scores) -> str:
    a, c = scores.all, scores.content
    return (f"{name:18s} {a.precision:6.3f} {a.recall:6.3f} {a.aer:6.3f} {a.predicted:6d}   "
            f"{c.precision:6.3f} {c.recall:6.3f} {c.aer:6.3f} {c.predicted:6d}")


def errors(gold: list[GoldSentence], predicted: list[set[Pair]]) -> None:
    for sentence, pairs in zip(gold, predicted):
        ar = [w[2] for w in sentence.ar_words]
        en = [w[2] for w in sentence.en_words]
        wrong = sentence.content(pairs) - sentence.possible
        missed = sentence.content(sentence.sure) - pairs
        if wrong or missed:
            print(f"  #{sentence.id}")
            for i, j in sorted(wrong):
                print(f"     wrong  {ar[i]} → {en[j]}")
            for i, j in sorted(missed):
                print(f"     missed {ar[i]} → {en[j]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", help="installed model id for lexical + model")
    parser.add_argument("-v", action="store_true", help="list wrong and missed content links")
    args = parser.parse_args(argv)
    gold = load_gold(gold_files())
    sure = sum(len(s.sure) for s in gold)
    possible = sum(len(s.possible - s.sure) for s in gold)
    sure_content = sum(len(s.content(s.sure)) for s in gold)
    print(f"gold: {len(gold)} sentences, {sure} sure links ({sure_content} between content words), "
          f"{possible} possible-only links, from {', '.join(p.name for p in gold_files())}")
    aligners: list[tuple[str, Aligner]] = [("diagonal baseline", diagonal)]
    lexical = lexical_aligner()
    if lexical is None:
        print("lexical: not in this checkout (reader/align/aligner.py missing)")
    else:
        aligners.append(("lexical", lexical))
        combined, note = model_aligner(args.model, lexical)
        print(f"lexical + model: {note}")
        if combined is not None:
            aligners.append(("lexical + model", combined))
    print(f"{'':18s} {'all links':^29s}   {'content links':^29s}")
    print(f"{'':18s} {'prec':>6s} {'recall':>6s} {'AER':>6s} {'links':>6s}   "
          f"{'prec':>6s} {'recall':>6s} {'AER':>6s} {'links':>6s}")
    for name, aligner in aligners:
        predicted = predict(gold, aligner)
        print(row(name, score_pairs(gold, predicted)))
        if args.v and aligner is not diagonal:
            errors(gold, predicted)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
