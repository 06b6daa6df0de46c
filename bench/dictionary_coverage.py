"""Share of the distinct words of the five bundled statements that get a dictionary gloss.

Per source (Buckwalter lexicon, FreeDict as written, FreeDict through the
stem/lemma fallbacks, glossary) and combined; the baseline is a plain FreeDict
look-up of the word as written, the naive approach, measured in the same run.
Run: python -m bench.dictionary_coverage [-v]   (-v lists the words with no gloss)
"""
from __future__ import annotations

import sys
import time

from reader.arabic import is_arabic, normalize, strip_diacritics, words
from reader.corpus import load_manifest
from reader.study.dictionary import BUCKWALTER, FREEDICT, GLOSSARY, Dictionary, glossary_adapter


def corpus_words() -> list[str]:
    """Distinct Arabic words (diacritics and tatweel removed) of the bundled statements."""
    seen: dict[str, None] = {}
    for entry in load_manifest():
        for _, _, w in words(entry.load().text):
            if is_arabic(w) and not any(ch.isdigit() for ch in w):  # not و2199
                seen.setdefault(strip_diacritics(w).replace("\u0640", ""), None)
    return list(seen)


def main() -> int:
    verbose = "-v" in sys.argv
    vocab = corpus_words()
    t0 = time.perf_counter()
    d = Dictionary(glossary=glossary_adapter())
    load_s = time.perf_counter() - t0
    for notice in d.notices:
        print(f"note: {notice}")

    hits = {"baseline: FreeDict as written": 0, BUCKWALTER: 0, f"{FREEDICT} (with fallbacks)": 0,
            GLOSSARY: 0, "combined": 0}
    missing = []
    t0 = time.perf_counter()
    for w in vocab:
        r = d.lookup(w)
        sources = r.sources()
        hits["baseline: FreeDict as written"] += normalize(w) in d.freedict
        hits[BUCKWALTER] += BUCKWALTER in sources
        hits[f"{FREEDICT} (with fallbacks)"] += FREEDICT in sources
        hits[GLOSSARY] += GLOSSARY in sources
        hits["combined"] += bool(sources)
        if not sources:
            missing.append(w)
    lookup_s = time.perf_counter() - t0

    n = len(vocab)
    base = hits["baseline: FreeDict as written"] or 1
    print(f"{n} distinct Arabic words in {len(load_manifest())} statements "
          f"(dictionaries loaded in {load_s:.2f} s; {1000 * lookup_s / n:.2f} ms a word)")
    for name, k in hits.items():
        if name == GLOSSARY and d.glossary is None:
            print(f"  {name:34s}   not available (reader.glossary missing)")
            continue
        print(f"  {name:34s} {k:5d}  {100 * k / n:5.1f} %   x{k / base:.2f} of baseline")
    if verbose:
        print("no gloss:", " ".join(missing))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
