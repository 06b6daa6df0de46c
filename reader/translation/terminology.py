"""Make approved glossary renderings appear in machine translations.

Strategy, cheapest first, for every glossary term found in a source segment:
1. the approved English is already in the output: nothing to do;
2. the output holds another English rendering of the same term (EnglishMatcher): replace it;
3. otherwise ask the model where it translated the term (cross-attention peak on the term's
   source pieces), force the approved English at that point with ``target_prefix`` and let
   the model decode the rest of the sentence around it.
Step 3 keeps the sentence fluent instead of pasting words in; the measured effect is
reported by ``python -m bench.translation_speed --terms``.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class TermUse:
    term_id: object
    start: int
    end: int
    english: str


class Terminology:
    """Wraps a glossary from ``reader.glossary`` (duck-typed: terms with id/english)."""

    def __init__(self, glossary, arabic_matcher, english_matcher=None):
        self.glossary = glossary
        self.arabic = arabic_matcher
        self.english = english_matcher
        self._approved = {t.id: t.english for t in _terms(glossary) if getattr(t, "english", "")}

    @classmethod
    def load(cls) -> "Terminology | None":
        """The user's glossary, or None when the glossary module or file is unavailable."""
        try:
            from reader import glossary as g
        except ImportError:
            return None
        if not hasattr(g, "load_glossary"):
            return None
        gl = g.load_glossary()
        return cls(gl, g.ArabicMatcher(gl), g.EnglishMatcher(gl))

    def fingerprint(self) -> str:
        """Changes whenever an approved rendering changes, so stale cache rows are not reused."""
        items = sorted((str(k), v) for k, v in self._approved.items())
        return hashlib.sha256(repr(items).encode()).hexdigest()[:12]

    def uses(self, source: str) -> list[TermUse]:
        out = []
        for m in self.arabic.find(source):
            english = self._approved.get(m.term_id)
            if english:
                out.append(TermUse(m.term_id, m.start, m.end, english))
        return out

    def missing(self, source: str, translation: str) -> list[TermUse]:
        return [u for u in self.uses(source) if not contains(translation, u.english)]

    def enforce(self, engine, source: str, translation: str) -> str:
        for _ in range(8):  # each round fixes at least one term or gives up
            missing = self.missing(source, translation)
            if not missing:
                return translation
            fixed = self._replace_variant(translation, missing)
            if fixed is None:
                fixed = force_with_attention(engine, source, translation, missing[0])
            if fixed is None or fixed == translation:
                return translation
            translation = fixed
        return translation

    def _replace_variant(self, translation: str, missing: list[TermUse]) -> str | None:
        if self.english is None:
            return None
        wanted = {u.term_id: u.english for u in missing}
        for m in sorted(self.english.find(translation), key=lambda m: m.start, reverse=True):
            if m.term_id in wanted:
                return translation[:m.start] + wanted[m.term_id] + translation[m.end:]
        return None


def contains(text: str, phrase: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text, re.IGNORECASE) is not None


def term_accuracy(terminology: Terminology, sources: list[str], translations: list[str]) -> tuple[int, int]:
    """(occurrences whose approved English appears, glossary occurrences in the sources)."""
    hit = total = 0
    for src, tgt in zip(sources, translations):
        for use in terminology.uses(src):
            total += 1
            hit += contains(tgt, use.english)
    return hit, total


def force_with_attention(engine, source: str, translation: str, use: TermUse) -> str | None:
    """Re-decode with the approved English forced where the model attended to the term."""
    engine.load()
    proto = engine._sp.encode(source, out_type="immutable_proto")
    pieces = [p.piece for p in proto.pieces]
    span = [i for i, p in enumerate(proto.pieces) if p.begin < use.end and p.end > use.start]
    if not span or not pieces:
        return None
    result = engine.translate_tokens([pieces], return_attention=True)[0]
    target = result.hypotheses[0]
    attention = result.attention[0] if result.attention else []
    position = _aligned_position(attention, span, len(target))
    # Start forcing at the beginning of the word the aligned piece belongs to.
    while 0 < position < len(target) and not target[position].startswith("▁"):
        position -= 1
    forced = engine._sp.encode(" " + use.english.strip(), out_type=str)
    prefix = list(target[:position]) + forced
    if engine.model.target_prefix:
        prefix = [engine.model.target_prefix, *prefix]
    again = engine.translate_tokens([pieces], target_prefix=[prefix])[0]
    return engine.decode(again.hypotheses[0])


def _aligned_position(attention, span: list[int], length: int) -> int:
    lo, hi = span[0], span[-1]
    best, best_mass = length, -1.0
    for t, row in enumerate(attention[:length]):
        if not row:
            continue
        peak = max(range(len(row)), key=row.__getitem__)
        if lo <= peak <= hi:
            return t
        mass = sum(row[lo:hi + 1])
        if mass > best_mass:
            best, best_mass = t, mass
    return best


def _terms(glossary):
    terms = getattr(glossary, "terms", glossary)
    return terms.values() if isinstance(terms, dict) else terms
