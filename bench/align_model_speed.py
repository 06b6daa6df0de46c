"""Model word alignment time per segment (reader.align.model), batched as Bayan runs it, against
one segment per call (the baseline), on the tiny test models of both formats.

The segments are FLORES devtest sentences with their human English (the first N of
../shared; the 14 of tests/gold when ../shared is absent). Only the forced decode is timed:
the model loads before the clock starts.

    python -m bench.align_model_speed [N]        # N segments, default 200
"""
from __future__ import annotations

import os
import sys
import tempfile
import time

from bench._shared import FLORES, ROOT, flores_lines

ARGOS = ROOT / "tests" / "data" / "translate-ar_en-tiny.argosmodel"
MARIAN = ROOT / "tests" / "data" / "opus-mt-ar-en-tiny.zip"


def segments(n: int) -> list[tuple[str, str]]:
    if FLORES.is_dir():
        return list(zip(flores_lines("flores-test.ar"), flores_lines("flores-test.en")))[:n]
    from reader.study.evaluation import load_sentences

    return list(load_sentences(ROOT / "tests" / "gold" / "words_in_context_sentences.tsv").values())[:n]


def timed(align, pairs: list[tuple[str, str]]) -> tuple[float, int]:
    start = time.perf_counter()
    links = align(pairs)
    return time.perf_counter() - start, sum(len(found) for found in links)


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 200
    os.environ["BAYAN_DATA_DIR"] = tempfile.mkdtemp(prefix="bayan-bench-")
    os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="bayan-bench-xdg-")
    from reader.align.model import ModelAligner
    from reader.translation.marian import install_release
    from reader.translation.packages import install

    pairs = segments(n)
    print(f"{len(pairs)} FLORES devtest segments with their human English")
    print(f"{'model':26}{'batched ms/seg':>16}{'1 per call':>12}{'speed-up':>10}{'links/seg':>11}")
    for model in (install(ARGOS)[0], install_release(MARIAN)[0]):
        aligner = ModelAligner.for_model(model)
        aligner.align(pairs[:2])  # load the model and warm the caches outside the clock
        batched, links = timed(aligner.align, pairs)
        single, _ = timed(lambda ps, a=aligner: [a.align([p])[0] for p in ps], pairs)
        print(f"{model.name:26}{1000 * batched / len(pairs):>16.1f}{1000 * single / len(pairs):>12.1f}"
              f"{single / batched:>9.1f}x{links / len(pairs):>11.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
