"""Glossary matching speed: a 10,000-term glossary over 1 M words of Arabic (target <= 2 s).

The glossary is the shipped one padded with terms made from real word n-grams
of the text (so they do occur, with clitics), the text is the bundled corpus
plus FLORES Arabic when ../shared is present, shuffled by sentence and repeated
up to a million words.  The baseline is the naive approach: one regular
expression per term form (whole word, optional proclitics and article) run over
the normalised text.  Running it for all 10,000 terms would take minutes, so it
is timed on a random sample of terms and scaled linearly to the full glossary.

Run: python -m bench.glossary_speed [--words N] [--terms N] [--sample N]
"""
from __future__ import annotations

import argparse
import random
import re
import time

from bench._shared import FLORES
from reader import arabic
from reader.glossary import ArabicMatcher, Term, load_glossary
from reader.glossary.evaluation import corpus_texts


def source_sentences() -> list[str]:
    text = "\n".join(corpus_texts().values())
    if FLORES.is_dir():
        for name in ("flores-dev.ar", "flores-test.ar"):
            text += "\n" + (FLORES / name).read_text(encoding="utf-8")
    return [s.strip() for s in re.split(r"[.\n؛]+", text) if len(s.split()) > 2]


def build_text(sentences: list[str], words: int, rng: random.Random) -> str:
    out, count = [], 0
    while count < words:
        rng.shuffle(sentences)
        for s in sentences:
            out.append(s)
            count += len(s.split())
            if count >= words:
                break
    return ".\n".join(out)


def build_terms(sentences: list[str], total: int, rng: random.Random) -> list[Term]:
    """The shipped terms plus word n-grams of the text, drawn uniformly from the distinct ones
    (as a terminologist would pick phrases, not by frequency)."""
    terms = list(load_glossary().terms)
    types: set[str] = set()
    for s in sentences:
        words = [w for w in arabic.strip_diacritics(s).split() if w.isalpha() and arabic.is_arabic(w)]
        for n in (1, 2, 3):
            for i in range(len(words) - n + 1):
                form = " ".join(words[i:i + n])
                if n > 1 or len(form) >= 5:
                    types.add(form)
    types -= {f for t in terms for f in t.arabic}
    for form in rng.sample(sorted(types), min(total - len(terms), len(types))):
        terms.append(Term(id=f"t{len(terms)}", arabic=[form], english=f"term {len(terms)}"))
    while len(terms) < total:  # a small text runs out of phrases: pad with pseudo-words
        form = "".join(rng.choice("ابتثجحخدذرزسشصضطظعغفقكلمنهوي") for _ in range(rng.randint(4, 9)))
        terms.append(Term(id=f"t{len(terms)}", arabic=[form], english=f"term {len(terms)}"))
    return terms


def regex_baseline(terms: list[Term]):
    patterns = []
    for t in terms:
        for form in t.arabic:
            words = arabic.normalize(form).split()
            if words[0].startswith("ال"):
                words[0] = words[0][2:]
            body = r"\s+".join(map(re.escape, words))
            patterns.append((t.id, re.compile(rf"(?<!\w)(?:[وف]?[بلك]?(?:ال|ل)?){body}(?!\w)")))
    return patterns


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--words", type=int, default=1_000_000)
    ap.add_argument("--terms", type=int, default=10_000)
    ap.add_argument("--sample", type=int, default=25, help="terms timed for the regex baseline")
    args = ap.parse_args(argv)
    rng = random.Random(7)
    sentences = source_sentences()
    text = build_text(sentences, args.words, rng)
    terms = build_terms(sentences, args.terms, rng)
    print(f"text: {len(text.split()):,} words, {len(text):,} characters; glossary: {len(terms):,} terms, "
          f"{sum(len(t.arabic) for t in terms):,} forms")

    t0 = time.perf_counter()
    matcher = ArabicMatcher(terms)
    build = time.perf_counter() - t0
    t0, c0 = time.perf_counter(), time.process_time()
    matches = matcher.find(text)
    find, cpu = time.perf_counter() - t0, time.process_time() - c0
    # CPU time is printed too: on a shared, loaded machine wall time overstates the cost.
    print(f"ArabicMatcher: build {build:.2f} s, find {find:.2f} s wall / {cpu:.2f} s CPU, "
          f"{len(matches):,} matches (target find <= 2 s: {'PASS' if find <= 2 else 'FAIL'})")

    sample = rng.sample(terms, min(args.sample, len(terms)))
    patterns = regex_baseline(sample)
    t0 = time.process_time()
    norm = arabic.normalize(text)
    hits = sum(1 for _, p in patterns for _ in p.finditer(norm))
    base = time.process_time() - t0
    scaled = base * len(terms) / len(sample)
    print(f"regex baseline: {len(sample)} terms in {base:.2f} s CPU ({hits:,} hits) -> "
          f"{scaled:.0f} s scaled to {len(terms):,} terms")
    print(f"speed-up over the regex baseline (CPU time): {scaled / cpu:.0f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
