"""Precision and recall of Arabic term matching against the hand annotation in tests/gold/.

Also scores an OmegaT-like baseline (whole words, only و and ال stripped, no
hamza folding, no other clitics or pronouns) on the same gold, to show what
the clitic-aware matcher gains.

Run: python -m bench.glossary_accuracy [-v]
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from reader import arabic
from reader.glossary import ArabicMatcher, Match, load_glossary
from reader.glossary.evaluation import corpus_texts, load_gold, score

GOLD = Path(__file__).resolve().parent.parent / "tests" / "gold" / "glossary_occurrences.tsv"


class OmegaTLikeMatcher:
    """Stems by stripping a leading و and ال from each word, then matches whole word sequences."""

    def __init__(self, glossary):
        self.forms = {}
        for term in glossary.terms:
            for form in term.arabic:
                self.forms.setdefault(tuple(self._stem(w) for w in arabic.strip_diacritics(form).split()), term.id)
        self.longest = max(map(len, self.forms))

    @staticmethod
    def _stem(word: str) -> str:
        word = word.replace("ـ", "")
        if word.startswith("و") and len(word) > 3:
            word = word[1:]
        if word.startswith("ال") and len(word) > 3:
            word = word[2:]
        return word

    def find(self, text: str) -> list[Match]:
        tokens = [(m.start(), m.end(), self._stem(arabic.strip_diacritics(m.group())))
                  for m in re.finditer(r"[\w\u064b-\u0652\u0640]+", text)]
        out, i = [], 0
        while i < len(tokens):
            for n in range(min(self.longest, len(tokens) - i), 0, -1):
                term = self.forms.get(tuple(t[2] for t in tokens[i:i + n]))
                if term:
                    s, e = tokens[i][0], tokens[i + n - 1][1]
                    out.append(Match(s, e, text[s:e], term))
                    i += n
                    break
            else:
                i += 1
        return out


def main() -> int:
    glossary = load_glossary()
    texts = corpus_texts()
    gold = load_gold(GOLD, texts)
    print(f"gold: {len(gold)} occurrences of {len({g.term_id for g in gold})} terms in {len(texts)} documents "
          f"(glossary: {len(glossary.terms)} terms)")
    for name, matcher in (("Bayan ArabicMatcher", ArabicMatcher(glossary)),
                          ("OmegaT-like baseline", OmegaTLikeMatcher(glossary))):
        r = score(matcher, texts, gold)
        print(f"{name:22s} precision {r.precision:.4f} ({r.correct}/{r.found})  "
              f"recall {r.recall:.4f} ({r.correct}/{r.gold})")
        if "-v" in sys.argv:
            for key, surface in r.missed:
                print("   missed  ", key, surface)
            for key, surface in r.spurious:
                print("   spurious", key, surface)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
