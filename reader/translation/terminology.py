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
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.glossary.index import GlossaryIndex


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
    def load(cls) -> "Terminology":
        """The user's glossary, loaded for this one use (the CLI; the app shares its GlossaryIndex)."""
        from reader.glossary.index import GlossaryIndex

        return cls.of(GlossaryIndex())

    @classmethod
    def of(cls, index: "GlossaryIndex") -> "Terminology":
        return cls(index.glossary, index.arabic, index.english)

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
        return self.enforce_many(engine, [source], [translation])[0]

    def enforce_many(self, engine, sources: list[str], translations: list[str]) -> list[str]:
        """Enforce terms in a batch of segments; the model calls are batched across them."""
        out = list(translations)
        states = {i: _Forcing() for i in range(len(sources))}
        for _ in range(8):  # each round fixes at least one term per segment or gives up on it
            to_force = []
            for i in list(states):
                missing = self.missing(sources[i], out[i])
                if not missing:
                    del states[i]
                    continue
                fixed = self.replace_variant(out[i], missing)
                if fixed is not None and fixed != out[i]:
                    out[i], states[i].attention = fixed, None
                else:
                    to_force.append((i, missing[0]))
            if not to_force:
                break
            results = force_with_attention(engine, [sources[i] for i, _ in to_force],
                                           [out[i] for i, _ in to_force], [u for _, u in to_force],
                                           [states[i] for i, _ in to_force])
            for (i, _), text in zip(to_force, results):
                if text is None or text == out[i]:
                    del states[i]  # cannot do better for this segment
                else:
                    out[i] = text
        return out

    def alternatives(self, engine, source: str, hypotheses: list[str], shown: str | None, n: int) -> list[str]:
        """Up to ``n`` translations other than ``shown``, each with the approved terms.

        Forcing a term re-decodes the rest of the sentence, so the engine's n-best
        list tends to collapse onto the one sentence shown.  When it does, the n best
        continuations after the (forced) first term are offered instead.
        """
        enforced = self.enforce_many(engine, [source] * len(hypotheses), hypotheses)
        out = [h for h in dict.fromkeys(enforced) if h != shown]
        uses = self.uses(source)
        if len(out) < n and uses and shown:
            more = _continuations(engine, source, shown, uses[0].english, n + 1)
            more = self.enforce_many(engine, [source] * len(more), more)
            out += [h for h in dict.fromkeys(more) if h != shown and h not in out]
        return out[:n]

    def replace_variant(self, translation: str, missing: list[TermUse]) -> str | None:
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


class _Forcing:
    """Per-segment state between rounds of forcing."""

    def __init__(self) -> None:
        self.keep = 0                      # output characters settled by earlier forced terms
        self.target: list[str] = []        # output pieces the attention below belongs to
        self.attention: list | None = None  # cross-attention of those pieces, from the last decode


def _source_pieces(sp, source: str, use: TermUse) -> tuple[list[str], list[int]]:
    proto = sp.encode(source, return_type="proto")
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
    return [p.piece for p in proto.pieces], span


def force_with_attention(engine, sources: list[str], translations: list[str], uses: list[TermUse],
                         states: list[_Forcing]) -> list[str | None]:
    """Re-decode each segment with the approved English forced where the model attended to it.

    The first output piece whose cross-attention peaks on the term's source pieces marks the
    spot; the output up to there is kept, the term forced, and the model writes the rest.
    Attention comes from the previous forced decode, or from scoring the current output.
    """
    engine.load()
    marker = [engine.model.target_prefix] if engine.model.target_prefix else []
    pieces, spans = zip(*(_source_pieces(engine.source_sp, s, u) for s, u in zip(sources, uses)))
    for state, text in zip(states, translations):
        if state.attention is None:
            state.target = engine.encode_target(text)
    unscored = [k for k, st in enumerate(states) if st.attention is None]
    if unscored:
        # Scoring only: the current output is forced and decoding stops right after it.
        scored = engine.translate_tokens(
            [pieces[k] for k in unscored], target_prefix=[marker + states[k].target for k in unscored],
            beam_size=1, return_attention=True,
            max_length=len(marker) + max(len(states[k].target) for k in unscored) + 1)
        for k, result in zip(unscored, scored):
            states[k].attention = (result.attention[0] if result.attention else [])[len(marker):]
    prefixes: list[list[str] | None] = []
    results: list[str | None] = [None] * len(sources)
    for k, (state, use) in enumerate(zip(states, uses)):
        target = state.target
        if not spans[k]:
            prefixes.append(None)
            continue
        position = _aligned_position(state.attention, spans[k], len(target))
        # Never cut into text an earlier forced term settled.
        while position < len(target) and len(engine.decode(target[:position])) < state.keep:
            position += 1
        # Start forcing at the beginning of the word the aligned piece belongs to.
        while 0 < position < len(target) and not target[position].startswith("▁") \
                and len(engine.decode(target[:position - 1])) >= state.keep:
            position -= 1
        prefixes.append(marker + target[:position] + engine.encode_target(" " + use.english.strip()))
    todo = [k for k, p in enumerate(prefixes) if p is not None]
    if not todo:
        return results
    # The rest of a sentence should not run much longer than the unforced output did.
    forced = {k: p for k, p in enumerate(prefixes) if p is not None}
    again = engine.translate_tokens(
        [pieces[k] for k in todo], target_prefix=[forced[k] for k in todo], return_attention=True,
        max_length=max(len(forced[k]) + len(states[k].target) for k in todo) + 8)
    for k, result in zip(todo, again):
        state, use = states[k], uses[k]
        hypothesis = result.hypotheses[0]
        text = engine.decode(hypothesis)
        state.keep = len(engine.decode(forced[k]))
        state.target = list(hypothesis[len(marker):])
        state.attention = (result.attention[0] if result.attention else [])[len(marker):]
        if not contains(text, use.english):
            # The model glued more letters onto the term (NATO -> NATOOO): keep the term a word.
            at = text.lower().find(use.english.lower(), max(0, state.keep - len(use.english) - 1))
            if at < 0:
                continue
            cut = at + len(use.english)
            text = text[:cut] + " " + text[cut:].lstrip()
            state.attention = None
        results[k] = text
    return results


def _continuations(engine, source: str, shown: str, term: str, n: int) -> list[str]:
    """The n best translations of ``source`` that begin like ``shown`` up to the end of ``term``."""
    at = shown.lower().find(term.lower())
    if at < 0:
        return []
    engine.load()
    marker = [engine.model.target_prefix] if engine.model.target_prefix else []
    prefix = marker + engine.encode_target(shown[:at + len(term)])  # English: the target side
    result = engine.translate_tokens([engine.encode(source)], num_hypotheses=n, target_prefix=[prefix],
                                     beam_size=max(n, 4))[0]
    cut = at + len(term)
    out = []
    for hypothesis in result.hypotheses:
        text = engine.decode(hypothesis)
        if text[cut:cut + 1].isalnum():  # letters glued onto the term (ISISce): keep it a word
            text = text[:cut] + " " + text[cut:]
        out.append(text)
    return list(dict.fromkeys(out))


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
