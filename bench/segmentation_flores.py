"""Sentence-boundary precision/recall/F1 on FLORES-200 Arabic (text nobody here wrote).

Consecutive FLORES lines are joined into paragraphs of 3-6 lines; the
segmenter must find the joins again.  Two scores are printed:

* strict: every FLORES line is one sentence, so any split inside a line is a
  false positive.  About 5% of FLORES lines hold two sentences, which this
  punishes even when the split is right.
* reference-adjudicated: boundaries at the joins are scored by position as
  above; inside a line, the number of splits is compared with the number of
  sentence breaks in the human English reference of that line (an independent
  judge of how many sentences the line holds).

Run: python -m bench.segmentation_flores [-v]
"""
from __future__ import annotations

import random
import re
import sys

from bench._shared import FLORES, flores_lines
from reader.segmentation import sentence_spans

# Sentence breaks in English: terminator, space, capital/quote/digit; not after
# a short abbreviation or an initial.
_EN_BREAK = re.compile(r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMrs)(?<!\bDr)(?<!\bSt)(?<!\bvs)(?<!\bNo)"
                       r"[.!?][\"')\]]*\s+(?=[\"'(]?[A-Z0-9])")


def paragraphs(lines: list[str], seed: int = 13):
    rng = random.Random(seed)
    i = 0
    while i < len(lines):
        n = rng.randint(3, 6)
        yield i, lines[i:i + n]
        i += n


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(lines: list[str], reference: list[str] | None = None) -> dict:
    pairs = [(a.strip(), (reference[i].strip() if reference else "")) for i, a in enumerate(lines) if a.strip()]
    ar = [a for a, _ in pairs]
    en = [e for _, e in pairs]
    strict = [0, 0, 0]
    judged = [0, 0, 0]
    errors = []
    for first, group in paragraphs(ar):
        text = " ".join(group)
        found = [e for _, e in sentence_spans(text)[:-1]]
        pos = 0
        for k, sent in enumerate(group):
            lo, hi = pos, pos + len(sent)
            inside = [b for b in found if lo < b < hi]
            join = k < len(group) - 1
            hit_join = join and hi in found
            for score in (strict, judged):
                if join:
                    score[0 if hit_join else 2] += 1
            strict[1] += len(inside)
            if join and not hit_join:
                errors.append(("FN", text[max(0, hi - 40):hi + 30]))
            expected = len(_EN_BREAK.findall(en[first + k])) if reference else 0
            judged[0] += min(len(inside), expected)
            judged[1] += max(0, len(inside) - expected)
            judged[2] += max(0, expected - len(inside))
            if len(inside) > expected:
                errors += [("FP", text[max(0, b - 40):b + 30]) for b in inside]
            pos = hi + 1
    return {"strict": _prf(*strict), "judged": _prf(*judged), "joins": strict[0] + strict[2],
            "errors": errors}


def main() -> int:
    if not FLORES.is_dir():
        print(f"FLORES data not found at {FLORES}; set BAYAN_SHARED.", file=sys.stderr)
        return 2
    verbose = "-v" in sys.argv
    for split in ("dev", "test"):
        res = evaluate(flores_lines(f"flores-{split}.ar"), flores_lines(f"flores-{split}.en"))
        for label in ("strict", "judged"):
            p, r, f = res[label]
            name = "strict" if label == "strict" else "reference-adjudicated"
            print(f"flores-{split}  {name:22s} joins {res['joins']}  precision {p:.4f}  "
                  f"recall {r:.4f}  F1 {f:.4f}")
        if verbose:
            for kind, ctx in res["errors"]:
                print(f"  {kind}: …{ctx}…")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
