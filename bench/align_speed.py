"""Lexical word alignment of a 1,000-segment document (target <= 5 s in the background),
against a naive all-pairs matcher in the same run.

The document is FLORES dev (997 Arabic sentences) with the real Argos Translate English for
each, cycled to 1,000 segments; it needs ../shared, and says so and stops when it is absent
(the bundled corpus has no English to align). The dictionary loads first, as the app loads it
at start-up, so the first pass measures what a newly opened document costs: every word seen for
the first time. The baseline compares every sense of every Arabic word with every English word
of its segment (the obvious implementation) and settles the matches the same way, so the
ratio is the cost of finding candidates by index instead.

Run: python -m bench.align_speed [--segments N]
"""
from __future__ import annotations

import argparse
import sys
import time

from bench._shared import FLORES, flores_lines
from reader.align.aligner import Aligner, lexical_aligner
from reader.align.pair import SegmentPair
from reader.align.sources.dictionary import DictionarySource, Option, phrase_end
from reader.align.glosses import glosses
from reader.arabic import is_arabic

TARGET_S = 5.0
LONG_WORDS = 2000


class AllPairsDictionary(DictionarySource):
    """The dictionary source as first written: every Arabic word against every English word."""

    def options(self, pair: SegmentPair, i: int) -> list[Option]:
        word = pair.ar_words[i][2]
        if i in pair.content or not is_arabic(word):
            return []
        found: dict[tuple[int, int], Option] = {}
        senses = glosses(word).senses
        for start in range(len(pair.en_words)):
            for sense in senses:
                if not pair.has_key(start, sense.keys[0]) or pair.en_function[start]:
                    continue
                end = phrase_end(pair, start, sense.keys)
                if end is not None and pair.free(start, end) and (start, end) not in found:
                    found[(start, end)] = Option(i, (start, end), sense)
        return list(found.values())


def document(segments: int) -> list[tuple[str, str]]:
    pairs = list(zip(flores_lines("flores-dev.ar"), flores_lines("flores-dev.argos.en")))
    return [pairs[k % len(pairs)] for k in range(segments)]


def timed(aligner: Aligner, doc: list[tuple[str, str]]) -> tuple[float, float, int]:
    """Wall and CPU seconds (the machine may be shared: CPU time is what the work costs), links."""
    wall, cpu = time.perf_counter(), time.process_time()
    links = sum(len(aligner.align(ar, en)) for ar, en in doc)
    return time.perf_counter() - wall, time.process_time() - cpu, links


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=1000)
    args = parser.parse_args(argv)
    if not FLORES.is_dir():
        print(f"align_speed: skipped: FLORES data not found at {FLORES} "
              "(only developers and CI have ../shared)")
        return 0
    doc = document(args.segments)
    aligner = lexical_aligner(lambda: None)
    start = time.perf_counter()
    aligner.warm_up()
    print(f"dictionary and lemma tables loaded in {time.perf_counter() - start:.2f} s (once, at start-up)")
    first_wall, first, links = timed(aligner, doc)
    _, again, _ = timed(aligner, doc)
    naive = Aligner([AllPairsDictionary() if isinstance(s, DictionarySource) else s for s in aligner.sources])
    _, baseline, naive_links = timed(naive, doc)
    words = sum(len(ar.split()) for ar, _ in doc)
    print(f"{len(doc)} segments, {words} Arabic words, {links} links (all-pairs: {naive_links})")
    print(f"CPU seconds; target {TARGET_S:.0f} s for a document whose words are all new")
    print(f"  lexical, words seen for the first time: {first:6.2f} s  "
          f"({'within' if first <= TARGET_S else 'OVER'} target; {first_wall:.2f} s wall clock)")
    print(f"  lexical, same document again:           {again:6.2f} s")
    print(f"  naive all-pairs baseline, same caches:  {baseline:6.2f} s  "
          f"-> {baseline / again:.1f}x the lexical time")
    # One long segment (a pasted page without sentence breaks): the index stays linear.
    long_ar, long_en, n = [], [], 0
    for ar, en in doc:
        long_ar.append(ar)
        long_en.append(en)
        n += len(ar.split())
        if n >= LONG_WORDS:
            break
    long_doc = [(" ".join(long_ar), " ".join(long_en))]
    _, lexical_long, _ = timed(aligner, long_doc)
    _, naive_long, _ = timed(naive, long_doc)
    print(f"one {n}-word segment: lexical {lexical_long:.2f} s, all-pairs {naive_long:.2f} s "
          f"-> {naive_long / lexical_long:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
