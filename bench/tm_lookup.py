"""Fuzzy translation-memory lookup over a 100,000-unit memory (target <= 50 ms per segment).

The memory is built from the bundled corpus and FLORES sentences (when ../shared is
present): every real sentence once, then sentences spliced from two others (the first
part of one, the rest of another) up to the unit count, so the memory is full of
near neighbours as a real one is.  Queries are real sentences a translator might meet
again: a clitic added to the first word and one word dropped.  The baseline is the naive
scan: the same exact scorer run over every unit (no index); it is timed on a few
queries only, and its best match is compared with the indexed lookup's on those.

Run: python -m bench.tm_lookup [--units N] [--queries N] [--naive N]
"""
from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from bench.glossary_speed import source_sentences
from reader.tm.memory import TranslationMemory, rank


def build_units(sentences: list[str], total: int, rng: random.Random) -> list[tuple[str, str]]:
    units = {s: f"English {i}" for i, s in enumerate(sentences)}
    while len(units) < total:
        a, b = rng.sample(sentences, 2)
        wa, wb = a.split(), b.split()
        spliced = " ".join(wa[:rng.randint(1, len(wa) - 1)] + wb[rng.randint(1, len(wb) - 1):])
        units.setdefault(spliced, f"English {len(units)}")
    return list(units.items())[:total]


def query_for(sentence: str, rng: random.Random) -> str:
    words = sentence.split()
    del words[rng.randrange(1, len(words))]
    return " ".join(["و" + words[0], *words[1:]])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--naive", type=int, default=3, help="queries also timed with the naive scan")
    args = parser.parse_args()
    rng = random.Random(12)
    sentences = [s for s in dict.fromkeys(source_sentences()) if 6 <= len(s.split()) <= 40]
    units = build_units(sentences, args.units, rng)
    picked = rng.sample(sentences, args.queries)
    queries = [(query_for(s, rng), s) for s in picked]
    with tempfile.TemporaryDirectory() as tmp:
        tm = TranslationMemory(Path(tmp) / "tm.sqlite")
        t0 = time.perf_counter()
        tm.add_units(units, "tmx:bench")
        built = time.perf_counter() - t0
        t0 = time.perf_counter()
        tm.close()
        tm = TranslationMemory(Path(tmp) / "tm.sqlite")
        reopened = time.perf_counter() - t0
        times, found = [], 0
        best: dict[str, str] = {}
        for query, original in queries:
            t0 = time.perf_counter()
            matches = tm.lookup(query)
            times.append(time.perf_counter() - t0)
            found += bool(matches) and matches[0].unit.source == original
            best[query] = matches[0].unit.source if matches else ""
        everything = list(tm.units())
        naive_times, agree = [], 0
        for query, _ in queries[:args.naive]:
            t0 = time.perf_counter()
            matches = rank(query, everything, 3, 50)
            naive_times.append(time.perf_counter() - t0)
            agree += (matches[0].unit.source if matches else "") == best[query]
        tm.close()
    indexed = statistics.median(times) * 1000
    naive = statistics.median(naive_times) * 1000
    print(f"memory: {len(units):,} units from {len(sentences):,} real sentences; "
          f"built in {built:.1f} s, reopened (index rebuilt) in {reopened:.2f} s")
    print(f"indexed lookup: median {indexed:.1f} ms, p95 {sorted(times)[int(len(times) * 0.95) - 1] * 1000:.1f} ms, "
          f"max {max(times) * 1000:.1f} ms per segment over {len(times)} segments (target <= 50 ms)")
    print(f"naive scan (same scorer, every unit): median {naive:.0f} ms per segment over {len(naive_times)}")
    print(f"speed-up: {naive / indexed:.0f}x; the original sentence is the best match for {found}/{len(queries)} "
          f"queries; indexed and naive best match agree on {agree}/{len(naive_times)}")


if __name__ == "__main__":
    main()
