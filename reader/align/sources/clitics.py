"""Clitics and function words: the و of وللتحالف ↔ "and", its الـ ↔ "the", the ـنا of حلفائنا ↔
"our", في ↔ "in".

English has a "the" and an "and" in every sentence, so a clitic is only linked next to the
English of its own word: a proclitic to the nearest matching function word before that English
(الـ nearest, و farthest: "and for the Global Coalition"), an attached pronoun to a possessive
before it or an object pronoun after it. A stand-alone function word (في, من, على) is placed
before the English of the word it governs. Nothing is linked across another word's link.
"""
from __future__ import annotations

from reader.align.glosses import glosses
from reader.align.pair import SegmentPair, WordLink
from reader.arabic import is_arabic, normalize
from reader.study.clitics import Part, split_from_analysis

ADJACENT_SCORE = 0.7
NEAR_SCORE = 0.55
FUNCTION_SCORE = 0.5
_WINDOW = 4
_FOLLOWING = 2
# The English a clitic may stand for, beyond the gloss the analysis gives it.
_RENDERINGS: dict[tuple[str, str], frozenset[str]] = {
    (role, letters): frozenset(english.split()) for role, letters, english in (
        ("conjunction", "و", "and"), ("conjunction", "ف", "so then and"),
        ("preposition", "ب", "by with in at on through"), ("preposition", "ل", "to for of"),
        ("preposition", "ك", "like as"), ("article", "ال", "the"), ("article", "ل", "the"),
        ("future", "س", "will"),
        ("pronoun", "ه", "his its him it"), ("pronoun", "ها", "her its it hers"),
        ("pronoun", "هم", "their them they"), ("pronoun", "هما", "their them both"),
        ("pronoun", "هن", "their them they"), ("pronoun", "نا", "our us we"),
        ("pronoun", "ي", "my me i"), ("pronoun", "ني", "me my i"), ("pronoun", "ك", "your you"),
        ("pronoun", "كم", "your you"), ("pronoun", "كما", "your you"), ("pronoun", "كن", "your you"))}
_NO_CLITICS = frozenset(("name", "number"))


class CliticSource:
    name = "clitic"

    def link(self, pair: SegmentPair) -> None:
        for i, (_, _, word) in enumerate(pair.ar_words):
            if not is_arabic(word):
                continue
            anchor = pair.content.get(i)
            if anchor is None:
                anchor = self._function_word(pair, i, word)
                parts = _top_parts(word) if anchor is not None else []
            elif anchor.source in _NO_CLITICS:
                continue
            else:
                parts = anchor.parts or _top_parts(word)
            if anchor is not None:
                self._clitics(pair, i, anchor, parts)

    def _clitics(self, pair: SegmentPair, i: int, anchor: WordLink, parts: list[Part]) -> None:
        start, end = anchor.en
        proclitics = [p for p in parts if p.role not in ("stem", "pronoun")]
        for part in reversed(proclitics):  # the innermost (the article) sits nearest its noun
            j = _scan(pair, i, start - 1, -1, _english_of(part))
            if j is not None:
                score = ADJACENT_SCORE if all(pair.en_function[k] for k in range(j, start)) else NEAR_SCORE
                pair.accept(WordLink((i, i + 1), (j, j + 1), score, self.name, content=False))
        for part in (p for p in parts if p.role == "pronoun"):
            wanted = _english_of(part)
            before = _scan(pair, i, start - 1, -1, wanted)
            after = _scan(pair, i, end, 1, wanted)
            choices = [j for j in (before, after) if j is not None]
            if choices:
                j = min(choices, key=lambda j: abs(j - start) if j < start else j - end + 1)
                pair.accept(WordLink((i, i + 1), (j, j + 1), NEAR_SCORE, self.name, content=False))

    def _function_word(self, pair: SegmentPair, i: int, word: str) -> WordLink | None:
        """Link a preposition, conjunction or pronoun before the English of the next word, after
        that of the previous one, or at its expected place; the link it makes, if any."""
        known = glosses(word)
        if not known.function or not known.function_glosses:
            return None
        wanted = known.function_glosses
        following = pair.content.get(i + 1)
        previous = pair.content.get(i - 1)
        j = None
        if following is not None:
            j = _scan(pair, i, following.en[0] - 1, -1, wanted)
        if j is None and previous is not None:
            j = _scan(pair, i, previous.en[1], 1, wanted)
        if j is None and following is None and previous is None:
            target = round(pair.expected(i))
            j = pair.nearest([k for k in range(target - 2, target + 3) if 0 <= k < len(pair.en_words)
                              and (pair.en_words[k][2].lower() in wanted)], target)
        if j is None:
            return None
        link = WordLink((i, i + 1), (j, j + 1), FUNCTION_SCORE, self.name, content=False)
        return link if pair.accept(link) else None


def _scan(pair: SegmentPair, i: int, j: int, step: int, wanted: frozenset[str]) -> int | None:
    """The first English word from ``j`` on (``step`` ±1) in ``wanted``, within the window and
    before any word linked to another Arabic word (but the next few: English puts the
    adjectives of التحالف الدولي before its noun, "the international coalition")."""
    for _ in range(_WINDOW):
        if not 0 <= j < len(pair.en_words):
            return None
        owner = pair.en_owner.get(j)
        if owner is not None and not i <= owner <= i + _FOLLOWING:
            return None
        if owner is None and pair.en_words[j][2].lower() in wanted:
            return j
        j += step
    return None


def _english_of(part: Part) -> frozenset[str]:
    given = frozenset(w.strip().lower() for w in part.gloss.split(",") if w.strip())
    return given | _RENDERINGS.get((part.role, normalize(part.text)), frozenset())


def _top_parts(word: str) -> list[Part]:
    top = glosses(word).top
    return (split_from_analysis(word, top) or []) if top is not None else []
