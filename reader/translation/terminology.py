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
        keep = 0  # characters of the output already settled by an earlier forced term
        for _ in range(8):  # each round fixes at least one term or gives up
            missing = self.missing(source, translation)
            if not missing:
                return translation
            fixed = self._replace_variant(translation, missing)
            if fixed is None:
                forced = force_with_attention(engine, source, translation, missing[0], keep)
                fixed, keep = forced if forced else (None, keep)
            if fixed is None or fixed == translation:
                return translation
            translation = fixed
        return translation

    def _replace_variant(self, translation: str, missing: list[TermUse]) -> str | None:
        if self.english is None:
            return None
        wanted = {u.term_id: u.english for u in missing}
        for m in sorted(self.english.find(translation), key=lambda m: m.start, reverse=True):
            for term_id in getattr(m, "term_ids", (m.term_id,)):
                if term_id in wanted:
                    return translation[:m.start] + wanted[term_id] + translation[m.end:]
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


def force_with_attention(engine, source: str, translation: str, use: TermUse,
                         keep: int = 0) -> tuple[str, int] | None:
    """Re-decode with the approved English forced where the model attended to the term.

    The current output is scored again (forced as a prefix) to get its cross-attention; the
    first output piece whose attention peaks on the term's source pieces marks the spot.
    Returns the new output and how many of its characters are now settled.
    """
    engine.load()
    sp = engine._sp
    proto = sp.encode(source, return_type="proto")
    pieces = [p.piece for p in proto.pieces]
    # Piece offsets count UTF-8 bytes; the term's count characters.
    char_at = [0] * (len(source.encode("utf-8")) + 1)
    pos = 0
    for k, ch in enumerate(source):
        width = len(ch.encode("utf-8"))
        char_at[pos:pos + width] = [k] * width
        pos += width
    char_at[pos] = len(source)
    span = [i for i, p in enumerate(proto.pieces)
            if char_at[p.begin] < use.end and char_at[p.end] > use.start]
    if not span:
        return None
    prefix_marker = [engine.model.target_prefix] if engine.model.target_prefix else []
    target = sp.encode(translation, out_type=str)
    scored = engine.translate_tokens([pieces], target_prefix=[prefix_marker + target],
                                     beam_size=1, return_attention=True)[0]
    attention = (scored.attention[0] if scored.attention else [])[len(prefix_marker):]
    position = _aligned_position(attention, span, len(target))
    # Never cut into text an earlier forced term settled.
    while position < len(target) and len(engine.decode(target[:position])) < keep:
        position += 1
    # Start forcing at the beginning of the word the aligned piece belongs to.
    while 0 < position < len(target) and not target[position].startswith("▁") \
            and len(engine.decode(target[:position - 1])) >= keep:
        position -= 1
    forced = prefix_marker + target[:position] + sp.encode(" " + use.english.strip(), out_type=str)
    again = engine.translate_tokens([pieces], target_prefix=[forced])[0]
    settled = len(engine.decode(forced))
    text = engine.decode(again.hypotheses[0])
    if not contains(text, use.english):
        # The model glued more letters onto the term (NATO -> NATOOO): keep the term a word.
        at = text.lower().find(use.english.lower(), max(0, settled - len(use.english) - 1))
        if at < 0:
            return None
        cut = at + len(use.english)
        text = text[:cut] + " " + text[cut:].lstrip()
    return text, settled


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
