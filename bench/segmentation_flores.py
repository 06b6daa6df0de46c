"""Sentence-boundary precision/recall/F1 on FLORES-200 Arabic (text nobody here wrote).

Consecutive FLORES sentences are joined into paragraphs of 3-6 sentences; the
segmenter must find the joins again.  Run: python -m bench.segmentation_flores
"""
from __future__ import annotations

import random
import sys

from bench._shared import FLORES, flores_lines
from reader.segmentation import sentence_spans


def paragraphs(lines: list[str], seed: int = 13):
    rng = random.Random(seed)
    i = 0
    while i < len(lines):
        n = rng.randint(3, 6)
        yield lines[i:i + n]
        i += n


def evaluate(lines: list[str]) -> dict:
    lines = [ln.strip() for ln in lines if ln.strip()]
    tp = fp = fn = 0
    errors = []
    for group in paragraphs(lines):
        text = " ".join(group)
        gold, pos = set(), 0
        for sent in group[:-1]:
            pos += len(sent)
            gold.add(pos)
            pos += 1
        found = {e for _, e in sentence_spans(text)[:-1]}
        tp += len(gold & found)
        fp += len(found - gold)
        fn += len(gold - found)
        for b in sorted(found ^ gold):
            errors.append(("FP" if b in found else "FN", text[max(0, b - 40):b + 30]))
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"boundaries": tp + fn, "precision": p, "recall": r, "f1": f, "errors": errors}


def main() -> int:
    if not FLORES.is_dir():
        print(f"FLORES data not found at {FLORES}; set BAYAN_SHARED.", file=sys.stderr)
        return 2
    verbose = "-v" in sys.argv
    for name in ("flores-dev.ar", "flores-test.ar"):
        res = evaluate(flores_lines(name))
        print(f"{name}: {res['boundaries']} boundaries  precision {res['precision']:.4f}  "
              f"recall {res['recall']:.4f}  F1 {res['f1']:.4f}")
        if verbose:
            for kind, ctx in res["errors"]:
                print(f"  {kind}: …{ctx}…")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
