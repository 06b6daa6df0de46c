"""Looking up every word of a 10,000-word document: in context (now) against one lookup per
word as the popup did before (today's baseline), measured in the same run.

The document is the first 10,000 Arabic words of FLORES dev + devtest (../shared); without it,
the five bundled statements, repeated (repeats make the in-context caches look better).
Loading the dictionaries (once per process) is reported apart. Target: ≤ 2 s in context.
Times are CPU seconds of this process (the wall clock is printed too: on a shared machine it
also counts other processes' turns).

Run: python -m bench.lookup_speed
"""
from __future__ import annotations

import sys
import time

from bench._shared import FLORES, flores_lines
from reader.arabic import is_arabic, words
from reader.corpus import load_manifest
from reader.study.context import ContextAnalyser
from reader.study.in_context import default_glossary
from reader.study.dictionary import shared_dictionary

WORDS = 10_000


def document() -> tuple[list[str], str]:
    if FLORES.is_dir():
        lines, source = flores_lines("flores-dev.ar") + flores_lines("flores-test.ar"), "FLORES dev+devtest"
    else:
        texts = [e.path.read_text(encoding="utf-8") for e in load_manifest()]
        lines, source = [ln for t in texts for ln in t.splitlines() if ln.strip()] * 10, "bundled statements"
    out, count = [], 0
    for line in lines:
        out.append(line)
        count += sum(1 for _, _, w in words(line) if is_arabic(w))
        if count >= WORDS:
            break
    return out, f"{source}, {count} Arabic words in {len(out)} lines"


def main() -> int:
    lines, what = document()
    t = time.perf_counter()
    dictionary = shared_dictionary(default_glossary())
    analyser = ContextAnalyser(dictionary)
    analyser.analyse("تحميل", dictionary.glossary)  # loads wordfreq's lists
    load = time.perf_counter() - t

    t, w = time.process_time(), time.perf_counter()
    for line in lines:
        for start, _, word in words(line):
            if is_arabic(word):
                dictionary._lookup(word, line, start)  # noqa: SLF001 - today's per-word popup lookup
    before, before_wall = time.process_time() - t, time.perf_counter() - w

    t, w = time.process_time(), time.perf_counter()
    found = sum(a.found for line in lines for a in analyser.analyse(line, dictionary.glossary))
    now, now_wall = time.process_time() - t, time.perf_counter() - w

    print(f"document: {what}; dictionaries loaded in {load:.2f} s")
    print(f"per-word lookup (before):  {before:6.2f} s CPU ({before_wall:.2f} s wall)")
    print(f"in context (now):          {now:6.2f} s CPU ({now_wall:.2f} s wall)   ratio now/before {now / before:.2f}   "
          f"target ≤ 2 s: {'met' if now <= 2 else 'NOT met'}   ({found} words found)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
