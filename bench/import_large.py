"""Opening a 50 MB Arabic text file: Bayan's importer against a plain read in the same run.

Builds a synthetic file from the bundled statements (paragraphs of real sentences),
then times, best of R runs:
  baseline  Path.read_text(encoding="utf-8") — the least any importer must do
  import    reader.importers.load_document — decode, tidy, segment into a Document
at 5 MB and 50 MB, and prints the ratios.  A linear importer costs ~10x more at
10x the size; the window stays live regardless because the app loads in a worker.

Run: python -m bench.import_large [--mb 50] [--runs 3]
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from reader.corpus import load_manifest
from reader.importers import load_document


def synthetic_text(megabytes: float) -> str:
    paragraphs = [line for e in load_manifest() for line in e.load().text.splitlines() if line.strip()]
    target = int(megabytes * 1024 * 1024)
    out, size, i = [], 0, 0
    while size < target:
        para = paragraphs[i % len(paragraphs)]
        out.append(para)
        size += len(para.encode("utf-8")) + 1
        i += 1
    return "\n".join(out) + "\n"


def best_of(runs: int, fn) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=50)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        results = {}
        for mb in (args.mb / 10, args.mb):
            path = Path(tmp) / f"big-{mb:g}.txt"
            path.write_text(synthetic_text(mb), encoding="utf-8")
            real_mb = path.stat().st_size / 2**20
            base = best_of(args.runs, lambda p=path: p.read_text(encoding="utf-8"))
            imp = best_of(args.runs, lambda p=path: load_document(p))
            segments = len(load_document(path).segments)
            results[mb] = imp
            print(f"{real_mb:6.1f} MB  {segments:8d} segments  read_text {base:7.3f} s  "
                  f"load_document {imp:7.3f} s  ({real_mb / imp:5.1f} MB/s, {imp / base:6.1f}x a plain read)")
        small, large = results[args.mb / 10], results[args.mb]
        print(f"10x the size costs {large / small:.1f}x the time (linear = 10x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
