"""Words in context: one chosen analysis (split, lemma, POS, vocalisation, sense) per Arabic word.

The Buckwalter lexicon lists every reading of a word in no useful order
(والمجتمع: "participant" before "society"; عقدنا: "he held us" before "we
held"). ``ContextAnalyser.analyse`` ranks the readings of each word of a sentence, in
this order of authority:

1. glossary terms found in the sentence (المجتمع الدولي is one term),
2. fixed expressions (``resources/study/expressions.tsv``: برمّتها, بما في ذلك),
3. the lexicon's readings scored by context rules (no verb after a
   preposition; article + noun + adjective; perfect verb + ـنا is "we", not
   "he ... us"; duals only next to duals) plus two frequency priors from
   wordfreq (the lemma in Arabic, the sense's English),
4. names: a word no source knows, or one read only as و/ب + verb, whose
   consonants match a capitalised word of the sentence's English (ويلز ~ Wales).

A word nothing explains is "not found": its clitic split is still given, its
gloss is empty, never a guess.
"""
from __future__ import annotations

import dataclasses
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Protocol

from reader.arabic import DIACRITICS as DIACRITIC_MARKS
from reader.arabic import is_arabic, strip_diacritics, words
from reader.arabic import normalize as _normalize
from reader.paths import resources_dir
from reader.study import frequency
from reader.study.clitics import (Part, assemble_parts, compatible, letter_slices, split_by_inventory,
                                  split_from_analysis)
from reader.study.morphology import Analysis, from_buckwalter
from reader.study.transliteration import word_transliteration

if TYPE_CHECKING:
    from reader.study.dictionary import Dictionary

# The same few thousand words are normalised again and again.
normalize = lru_cache(maxsize=200_000)(_normalize)

# Coarse parts of speech (what the popup, the CLI and the gold set use).
NOUN, PROPN, ADJ, VERB, PREP, CONJ, PRON, PART, ADV, NUM, ABBREV = (
    "noun", "propn", "adj", "verb", "prep", "conj", "pron", "part", "adv", "num", "abbrev")
# The lexicon's ABBREV entries are letter names (سي "C."), spelt out in names such as كيو في سي.
_TAG_POS = {"NOUN": NOUN, "NOUN_PROP": PROPN, "ADJ": ADJ, "PREP": PREP, "CONJ": CONJ, "SUB_CONJ": CONJ,
            "FUNC_WORD": PART, "ADV": ADV, "NUM": NUM, "ABBREV": PROPN, "INTERJ": PART}
_CLITIC_TAGS = ("CONJ", "PREP", "DET", "FUT", "EMPHATIC_PARTICLE", "SUBJUNC", "RESULT_CLAUSE_PARTICLE")
_TANWIN = frozenset("\u064b\u064c\u064d")
_NUMBER_GLOSSES = frozenset("one two three four five six seven eight nine ten eleven twelve twenty thirty "
                            "forty fifty sixty seventy eighty ninety hundred thousand million billion".split())
_GLOSSARY_POS = {"person": PROPN, "place": PROPN, "organisation": PROPN, "force": PROPN}

# Words after which no verb can come (normalised).
_PREPOSITIONS = frozenset(normalize(w) for w in (
    "في", "من", "إلى", "على", "عن", "مع", "بين", "حول", "عبر", "ضد", "خلال", "بعد", "قبل", "عند",
    "لدى", "منذ", "نحو", "دون", "حتى", "تجاه", "أمام", "وراء", "فوق", "تحت", "ضمن", "لدي", "جميع", "كل",
    "بعض", "هذا", "هذه", "ذلك", "تلك", "هؤلاء", "أي", "عدة", "غير", "مثل"))
# Words that announce a verb.
_VERB_TRIGGERS = frozenset(normalize(w) for w in (
    "قد", "لقد", "لم", "لن", "سوف", "كي", "لكي", "ولم", "ولن", "وقد", "فقد", "الذي", "التي", "الذين",
    "اللذين", "اللتين", "اللاتي", "ما", "حيث", "عندما", "بينما", "كما", "أن", "إذا", "لو", "ثم"))
_PUNCT_BREAK = re.compile(r"[.!?؟،,؛;:\"«»()\-–—]")
_WEIGHT_ENGLISH = 1.0
_WEIGHT_ARABIC = 0.5
_FUNCTION_PRIOR = 5.5
_SPLIT_EVIDENCE = 1.5  # Zipf units: the whole word over 30 times commoner than its remainder
_FUNCTION_POS = frozenset((PREP, CONJ, PART, PRON))
SHADDA = "\u0651"
_CACHE_SEGMENTS = 512


class TermIndex(Protocol):
    """What context analysis needs of a glossary (``reader.study.glossary_terms.GlossaryTerms``)."""

    def terms_in(self, text: str) -> list[tuple[int, int, str, str, str, list[Part]]]: ...

    @property
    def version(self) -> int:
        """Changes whenever a term is added, removed or restyled (cached analyses are then stale)."""
        ...


class Reading(NamedTuple):
    """One ranked reading of a word (what "other analyses" lists); a tuple: thousands are made
    for every page of text."""

    lemma: str            # vocalised, Arabic script (مُجْتَمَع)
    pos: str              # coarse part of speech
    gloss: str            # the sense's English ("society")
    vocalized: str
    morphemes: str        # morpheme by morpheme: "and + the + society"
    score: float
    analysis: Analysis | None = None


@dataclass
class WordAnalysis:
    start: int
    end: int
    surface: str
    parts: list[Part]
    lemma: str = ""
    pos: str = ""
    gloss: str = ""       # the sense in this sentence; "" = not found
    vocalized: str = ""
    source: str = ""      # "glossary", "expression", "lexicon", "name", or "" when not found
    phrase: str = ""      # the glossary term / expression the word belongs to, as written
    readings: list[Reading] = field(default_factory=list)   # ranked, chosen first

    @property
    def found(self) -> bool:
        return bool(self.gloss)

    @property
    def split(self) -> str:
        return " + ".join(p.label for p in self.parts)

    @property
    def stem(self) -> str:
        return next((p.text for p in self.parts if p.role == "stem"), self.surface)

    def transliteration(self, scheme: str = "ala-lc") -> str:
        return word_transliteration(self.vocalized, ((p.role, p.text) for p in self.parts), scheme)

    def as_json(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "surface": self.surface, "split": self.split,
                "lemma": self.lemma, "pos": self.pos, "gloss": self.gloss, "vocalized": self.vocalized,
                "transliteration": self.transliteration(), "found": self.found, "source": self.source}


# --- the pieces of a lexicon analysis -------------------------------------------------------

def stem_tag(a: Analysis) -> str:
    return _tag(a.stem.pos)


@lru_cache(maxsize=4096)
def _tag(stem_pos: str) -> str:
    # A stem may carry its own pronoun: "ladayo/PREP+hi/PRON_3MS".
    return stem_pos.split("+", 1)[0].rsplit("/", 1)[-1]


def pos_of(a: Analysis) -> str:
    return _pos(a.stem.pos)


@lru_cache(maxsize=4096)
def _pos(stem_pos: str) -> str:
    tag = _tag(stem_pos)
    if tag.startswith("VERB"):
        return VERB
    if "PRON" in tag:
        return PRON
    if "PART" in tag or tag.endswith("PARTICLE"):
        return PART
    return _TAG_POS.get(tag, NOUN)


@lru_cache(maxsize=200_000)
def canonical(text: str) -> str:
    """Plain alef for the lexicon's wasla, and on each letter the shadda before its vowel (the
    order Arabic is typed in and Buckwalter writes), so that equal vocalisations compare equal."""
    text = text.replace("ٱ", "ا")
    if SHADDA not in text:
        return text
    return "".join(slice_[0] + "".join(sorted(slice_[1:], key=lambda m: m != SHADDA))
                   for slice_ in letter_slices(text))


def _written(text: str) -> str:
    """A word as frequency lists spell it: no diacritics or tatweel, letters unfolded."""
    return strip_diacritics(text).replace("\u0640", "").replace("ٱ", "ا")


def lemma_of(a: Analysis) -> str:
    """The lemma in Arabic script, vocalised, without the lexicon's imperfect-vowel mark."""
    return _lemma(a.lemma)


@lru_cache(maxsize=200_000)
def _lemma(lemma_id: str) -> str:
    return canonical(from_buckwalter(lemma_id.rsplit("_", 1)[0]).split("-", 1)[0])


def sense_of(a: Analysis) -> str:
    return a.stem.gloss.replace(";", "; ")


def _reading(a: Analysis, score: float) -> Reading:
    return Reading(lemma_of(a), pos_of(a), sense_of(a), canonical(a.vocalized), a.gloss, score, a)


def clitic_count(a: Analysis) -> int:
    """Proclitics, article and attached pronouns of a reading (verb person affixes are not clitics)."""
    pro = sum(1 for p in a.prefix.pos.split("+") if p.rpartition("/")[2] in _CLITIC_TAGS)
    pron = sum(1 for p in (a.stem.pos + "+" + a.suffix.pos).split("+")[1:] if "PRON" in p or "_DO:" in p)
    return pro + pron


def _is_passive(a: Analysis) -> bool:
    return a.stem.gloss.startswith("be ") and pos_of(a) == VERB


def _prior(a: Analysis) -> float:
    """What a reading is worth out of context."""
    # How common a sense's English is says little about function words ("to" is the commonest
    # English there is): they all get the same sense prior.
    content = pos_of(a) not in (PREP, CONJ, PART, PRON)
    score = _WEIGHT_ENGLISH * (frequency.english(a.stem.gloss) if content else _FUNCTION_PRIOR)
    score += _WEIGHT_ARABIC * frequency.arabic(_written(lemma_of(a)))
    tag, suffix = stem_tag(a), a.suffix.pos
    # The fewest pieces is the likelier reading (ولكن: "and + but", not "and + to + you").
    score -= 0.8 * clitic_count(a)
    if tag == "ABBREV":
        score -= 6
    if tag == "NOUN_PROP":
        score -= 2  # the lexicon's names (هو "Ho") are rarely what a common spelling means
    if _is_passive(a):
        score -= 1.5
    if "_DO:1P" in suffix:
        score -= 3  # عقدنا: "we held", far more often than "he held us"; استجابتنا: "our response"
    if "_DU" in suffix:
        score -= 1.5  # duals are rarer than plurals spelt alike (الرئيسيين)
    return score


# --- fixed expressions ----------------------------------------------------------------------

@dataclass(frozen=True)
class Expression:
    words: tuple[frozenset[str], ...]     # normalised spellings of each word
    english: str
    lemmas: tuple[str, ...] = ()          # normalised lemma each word is read as ("" = any)


def _load_expressions(path: Path) -> list[Expression]:
    out = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        cells, _, lemma_cells = line.partition("\t=\t")
        *spellings, english = cells.split("\t")
        lemmas = tuple("" if c.strip() == "-" else normalize(c.strip()) for c in lemma_cells.split("\t")) \
            if lemma_cells else ()
        out.append(Expression(tuple(frozenset(normalize(v) for v in c.split("|")) for c in spellings),
                              english.strip(), lemmas))
    return out


def expressions_path() -> Path:
    return resources_dir() / "study" / "expressions.tsv"


# --- names ------------------------------------------------------------------------------------

_SKELETON_AR = {
    "ب": "b", "پ": "b", "ت": "t", "ط": "t", "ة": "", "ث": "s", "ج": "g", "ح": "", "خ": "k", "د": "d",
    "ض": "d", "ذ": "z", "ر": "r", "ز": "s", "س": "s", "ص": "s", "ش": "s", "ظ": "z", "ع": "", "غ": "g",
    "ف": "f", "ڤ": "f", "ق": "k", "ك": "k", "گ": "g", "ل": "l", "م": "m", "ن": "n", "ه": "",
}
_SKELETON_EN = [("ph", "f"), ("ch", "s"), ("sh", "s"), ("th", "s"), ("kh", "k"), ("gh", "g"),
                ("ck", "k"), ("x", "ks"), ("c", "k"), ("q", "k"), ("z", "s"), ("p", "b"), ("v", "f"),
                ("g", "g")]
_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z'’-]+")


def arabic_skeleton(word: str) -> str:
    """Consonants as a name's spelling keeps them (vowel letters, h and ʻ dropped, j~g kept apart)."""
    out = "".join(_SKELETON_AR.get(ch, "") for ch in normalize(word).replace("ه", ""))
    return re.sub(r"(.)\1+", r"\1", out)


def english_skeleton(word: str) -> str:
    w = word.lower()
    for a, b in _SKELETON_EN:
        w = w.replace(a, b)
    w = re.sub(r"[^bdfgjklmnrst]", "", w.replace("j", "g"))
    return re.sub(r"(.)\1+", r"\1", w)


def name_in(english: str, word: str, short: bool = False) -> str:
    """The capitalised word of ``english`` whose consonants match ``word`` (ويلز -> Wales).

    One consonant is too little evidence unless ``short`` (the word is otherwise unknown: أور ~ Ur).
    A capitalised word opening the sentence counts only when it is not a common word ("The").
    """
    skeleton = arabic_skeleton(word)
    if len(skeleton) < (1 if short else 2):
        return ""
    for m in _CAPITALISED.finditer(english):
        if english_skeleton(m.group()) != skeleton:
            continue
        opening = not english[:m.start()].strip(" \"'“‘(")
        if opening and frequency.english(m.group().lower()) >= 5.5:
            continue
        return m.group()
    return ""


# --- the analyser -----------------------------------------------------------------------------

class ContextAnalyser:
    """Ranks readings in context (one per dictionary; ``reader.study.in_context`` holds the shared one)."""

    def __init__(self, dictionary: Dictionary, expressions: Path | None = None):
        self.dictionary = dictionary
        self.expressions = _load_expressions(expressions or expressions_path())
        self._by_first_word: dict[str, list[Expression]] = {}
        for expr in self.expressions:
            for spelling in expr.words[0]:
                self._by_first_word.setdefault(spelling, []).append(expr)
        self._readings: dict[str, list[tuple[Analysis, float]]] = {}
        self._templates: dict[int, Reading] = {}
        self._splits: dict[tuple[str, int], list[Part]] = {}
        self._segments: OrderedDict[tuple[str, str, int, int], list[WordAnalysis]] = OrderedDict()
        self._lock = threading.Lock()

    def candidates(self, word: str) -> list[tuple[Analysis, float]]:
        """A word's lexicon readings with their prior, those contradicting written vowels dropped."""
        cached = self._readings.get(word)
        if cached is None:
            analyses = self.dictionary.analyze(word)
            written_marks = any(ch in DIACRITIC_MARKS for ch in word)
            fitting = [a for a in analyses if not written_marks or compatible(word, a.vocalized)] or analyses
            if _TANWIN & set(word):
                # Only nouns and adjectives take tanwin (لقاحًا is not لـ + a verb).
                fitting = [a for a in fitting if pos_of(a) not in (VERB, PREP, CONJ, PART)] or fitting
            cached = [(a, _prior(a)) for a in fitting]
            self._readings[word] = cached
            for a, _ in cached:  # the analyses live as long as this cache: their ids are stable
                self._templates[id(a)] = _reading(a, 0.0)
        return cached

    def analyse(self, text: str, glossary: TermIndex | None = None, english: str = "") -> list[WordAnalysis]:
        key = (text, english, id(glossary), glossary.version if glossary is not None else 0)
        with self._lock:
            hit = self._segments.get(key)
            if hit is not None:
                self._segments.move_to_end(key)
                return hit
        result = self._analyse(text, glossary, english)
        with self._lock:
            self._segments[key] = result
            while len(self._segments) > _CACHE_SEGMENTS:
                self._segments.popitem(last=False)
        return result

    def _analyse(self, text: str, glossary: TermIndex | None, english: str) -> list[WordAnalysis]:
        all_tokens = words(text)
        order = [k for k, (_, _, w) in enumerate(all_tokens) if is_arabic(w)]  # index among all tokens
        tokens = [all_tokens[k] for k in order]
        norms = [normalize(w) for _, _, w in tokens]
        # Tokens separated by punctuation do not constrain each other.
        breaks = [i > 0 and bool(_PUNCT_BREAK.search(text[tokens[i - 1][1]:tokens[i][0]]))
                  for i in range(len(tokens))]
        # Two Arabic words constrain each other when no number, Latin word or punctuation separates them.
        adjacent = [i > 0 and not breaks[i] and order[i - 1] + 1 == order[i] for i in range(len(tokens))]
        terms = glossary.terms_in(text) if glossary is not None else []
        phrase_of = self._expressions_at(norms, adjacent)
        out: list[WordAnalysis] = []
        for i, (start, end, word) in enumerate(tokens):
            prev = out[i - 1] if i and adjacent[i] else None
            following = tokens[i + 1][2] if i + 1 < len(tokens) and adjacent[i + 1] else ""
            ranked = self._rank(word, prev, norms[i - 1] if i and adjacent[i] else "", following,
                                breaks[i] or i == 0,
                                letter_run=self._letters(word) and self._in_letter_run(tokens, adjacent, i))
            wa = WordAnalysis(start, end, word, [], readings=[self._scored(a, s) for a, s in ranked])
            best = ranked[0][0] if ranked else None
            if best is not None and self._unlikely_split(word, ranked):
                best = None  # ويلز is Wales, not "and + he unites": say "not found", not a wrong guess
            if best is not None:
                _choose(wa, best, prev, self._split(word, best))
            term = next((t for t in terms if t[0] <= start and end <= t[1]), None)
            if term is not None:
                self._apply_term(wa, term, text)
            elif i in phrase_of:
                expr_start, expr_end, expr = phrase_of[i]
                lemma = expr.lemmas[i - expr_start] if i - expr_start < len(expr.lemmas) else ""
                reading = next((r for r in wa.readings if lemma and normalize(r.lemma) == lemma), None)
                if reading is not None and reading.analysis is not None:
                    wa.readings.remove(reading)
                    wa.readings.insert(0, reading)
                    _choose(wa, reading.analysis, prev)
                wa.gloss, wa.source = expr.english, "expression"
                wa.phrase = text[tokens[expr_start][0]:tokens[expr_end][1]]
            if term is None and i not in phrase_of and (best is None or
                                                        "_1S" in best.suffix.pos and not any(
                                                            clitic_count(r.analysis) == 0
                                                            for r in wa.readings if r.analysis)):
                self._headword(wa)
            name = self._name(word, best, english) if english and term is None else ""
            if name:
                wa.lemma, wa.pos, wa.gloss, wa.source = strip_diacritics(word), PROPN, name, "name"
                wa.parts, wa.vocalized = [Part(word, "stem")], word
            if not wa.parts:
                wa.parts = split_by_inventory(word, self.dictionary.known)
            if len(wa.parts) == 1 and not wa.found:
                wa.parts = _article_split(word) or wa.parts
            if not wa.vocalized:
                wa.vocalized = word
            out.append(wa)
        return out

    def _rank(self, word: str, prev: WordAnalysis | None, prev_norm: str, next_word: str,
              clause_start: bool, letter_run: bool = False) -> list[tuple[Analysis, float]]:
        scored = []
        candidates = self.candidates(word)
        if len(candidates) < 2:
            return list(candidates)  # nothing to rank
        next_norm = normalize(next_word)
        # A spelling that can be a function word (لم, لها, قد) almost always is one.
        closed_class = any(pos_of(a) in _FUNCTION_POS and not a.prefix.arabic for a, _ in candidates)
        next_is_verb = bool(next_word) and not next_norm.startswith("ال") and any(
            stem_tag(a) == "VERB_IMPERFECT" for a, _ in self.candidates(next_word))
        for a, prior in candidates:
            score = prior
            pos = pos_of(a)
            if closed_class and pos not in _FUNCTION_POS:
                score -= 2.5
            if stem_tag(a) == "FUNC_WORD" and normalize(a.stem.arabic) in (normalize("أن"), normalize("إن")):
                # أَنْ/إِنْ (to, if) before a verb; أَنَّ/إِنَّ (that) before a noun or pronoun.
                score += 1 if (SHADDA in a.stem.arabic) != next_is_verb else -1
            if pos == PREP and next_word:
                score += 1  # بعد before a noun is "after", not "afterwards"
            if a.stem.gloss.startswith("i.e.") and not clause_start:
                score -= 1  # أَيْ "i.e." opens an explanation (", أي ..."); inside a clause أي is "any"
            if pos == VERB:
                if prev_norm in _PREPOSITIONS or (prev is not None and prev.pos == PREP):
                    score -= 5
                if prev_norm in _VERB_TRIGGERS:
                    score += 2
                if clause_start and stem_tag(a) == "VERB_PERFECT":
                    # Arabic clauses commonly open with the verb; with ـنا it is "we ...".
                    score += 2 if "PVSUFF_SUBJ:1P" in a.suffix.pos else 0.5
                if next_norm.endswith("ا") and not next_norm.startswith("ال") and stem_tag(a) != "VERB_IMPERFECT":
                    score += 1  # an indefinite accusative object follows (عقدنا اجتماعا)
            elif prev_norm in _VERB_TRIGGERS and prev_norm in (normalize("قد"), normalize("لم"), normalize("لن")):
                score -= 3
            if pos == ADJ and (prev_norm in _PREPOSITIONS or (prev is not None and prev.pos == PREP)
                               or "PREP" in a.prefix.pos):
                score -= 2  # a preposition governs a noun (بتقنية: technology, not technical)
            if pos in (NOUN, PROPN) and next_norm[:1].isdigit():
                score += 1  # عام 2017: a noun counts or dates
            if stem_tag(a) == "ABBREV" and letter_run:
                score += 8  # كيو في سي: a name spelt in letters
            if prev is not None and prev.pos in (NOUN, ADJ, PROPN) and pos == ADJ and \
                    _has_article(a) == _prev_definite(prev):
                score += 1  # article + noun + adjective agree in definiteness
            if "_DU" in a.suffix.pos and prev is not None and prev.readings and \
                    prev.readings[0].analysis is not None and "_DU" in prev.readings[0].analysis.suffix.pos:
                score += 2
            scored.append((a, score))
        # Stable: equal scores keep the lexicon's order.
        scored.sort(key=lambda x: -x[1])
        return scored

    def _split(self, word: str, a: Analysis) -> list[Part]:
        key = (word, id(a))  # the analysis lives in self._readings: its id is stable
        parts = self._splits.get(key)
        if parts is None:
            parts = self._splits[key] = split_from_analysis(word, a) or []
        return list(parts)

    def _scored(self, a: Analysis, score: float) -> Reading:
        t = self._templates[id(a)]
        return Reading(t.lemma, t.pos, t.gloss, t.vocalized, t.morphemes, score, a)

    def _letters(self, word: str) -> bool:
        return any(stem_tag(a) == "ABBREV" for a, _ in self.candidates(word))

    def _in_letter_run(self, tokens: list[tuple[int, int, str]], adjacent: list[bool], i: int) -> bool:
        """Is the word between two spelt letter names (آي دي تي, كيو في سي)?"""
        def letter(j: int) -> bool:
            return 0 <= j < len(tokens) and self._letters(tokens[j][2])
        left = i > 0 and adjacent[i] and letter(i - 1)
        right = i + 1 < len(tokens) and adjacent[i + 1] and letter(i + 1)
        return letter(i) and (left or right)

    def _expressions_at(self, norms: list[str], adjacent: list[bool]) -> dict[int, tuple[int, int, Expression]]:
        found: dict[int, tuple[int, int, Expression]] = {}
        for i, first in enumerate(norms):
            for expr in self._by_first_word.get(first, ()):
                n = len(expr.words)
                if i + n <= len(norms) and all(norms[i + k] in expr.words[k] and adjacent[i + k]
                                               for k in range(1, n)):
                    for k in range(n):
                        found.setdefault(i + k, (i, i + n - 1, expr))
        return found

    def _apply_term(self, wa: WordAnalysis, term: tuple[int, int, str, str, str, list[Part]], text: str) -> None:
        start, end, english, category, term_pos, parts = term
        # Terms are nouns and names: a verb reading of a term's word (تحالفنا "we allied") yields.
        nominal = next((r for r in wa.readings if r.pos in (NOUN, PROPN, ADJ) and r.analysis), None)
        if nominal is not None and nominal is not wa.readings[0] and nominal.analysis is not None:
            wa.readings.remove(nominal)
            wa.readings.insert(0, nominal)
            _choose(wa, nominal.analysis)
        wa.gloss, wa.source = english, "glossary"
        wa.phrase = text[start:end]
        if wa.start == start and wa.end == end and parts:
            wa.parts = parts
        if not wa.lemma:
            stem = next((p.text for p in wa.parts if p.role == "stem"), wa.surface)
            wa.lemma = strip_diacritics(stem)
            wa.pos = _GLOSSARY_POS.get(category, PROPN if term_pos == "properNoun" else NOUN)

    @staticmethod
    def _unlikely_split(word: str, ranked: list[tuple[Analysis, float]]) -> bool:
        """Every reading strips a proclitic, yet the word as written is far more common in Arabic
        text than what is left without it: a word the lexicon lacks (a name), not a clitic."""
        if not frequency.available() or any(not _proclitic_letters(a) for a, _ in ranked):
            return False
        bare, a = _written(word), ranked[0][0]
        rest = _written(("ال" if _has_article(a) else "") + a.stem.arabic + a.suffix.arabic)
        return frequency.arabic(bare) - frequency.arabic(rest) > _SPLIT_EVIDENCE

    def _headword(self, wa: WordAnalysis) -> None:
        """FreeDict's entry for the word as written, for a word the lexicon lacks (نيوبورت
        "newport"), or one it reads with "my" (كيري "Kerry", not كير + my: news text rarely says
        "my"). A gloss spelt with the word's own consonants is the name it transliterates."""
        entries = self.dictionary.freedict.get(normalize(wa.surface))
        if not entries or not entries[0][1]:
            return
        head, glosses = entries[0]
        name = english_skeleton(glosses[0]) == arabic_skeleton(wa.surface) or wa.surface[-1:] == "ي"
        wa.lemma, wa.source = head, "FreeDict"
        wa.gloss = glosses[0][:1].upper() + glosses[0][1:] if name else glosses[0]
        wa.pos = PROPN if name else NOUN
        wa.parts, wa.vocalized = [Part(wa.surface, "stem")], wa.surface

    def _name(self, word: str, best: Analysis | None, english: str) -> str:
        """A name matched in the English (سارة ~ Sara), unless the word reads as a function word
        or as a word whose English is that name (Canada)."""
        if best is not None and pos_of(best) in (PREP, CONJ, PART, PRON) and len(arabic_skeleton(word)) < 3:
            return ""
        name = name_in(english, word, short=best is None)
        if not name or (best is not None and name.lower() in best.stem.gloss.lower()):
            return ""
        return name


def coarse_pos(a: Analysis, prev: WordAnalysis | None = None) -> str:
    """The part of speech a reader expects: the lexicon files most adjectives as nouns, so
    elatives (أقرب), numbers (ثلاثة), and nisbas and participles agreeing with the noun before
    them (الجمعية الكندية, العدوى الموجودة) are told apart here."""
    pos = pos_of(a)
    if pos != NOUN:
        return pos
    senses = [g.strip().lower() for g in re.split(r"[;/]", a.stem.gloss)]
    if senses and senses[0] in _NUMBER_GLOSSES:
        return NUM
    if any(g.startswith(("more ", "most ", "less", "least")) or g.endswith("est") and len(g) > 5 for g in senses):
        return ADJ
    lemma = strip_diacritics(lemma_of(a))
    if prev is not None and prev.pos in (NOUN, ADJ, PROPN) and _has_article(a) == _prev_definite(prev) \
            and (lemma.endswith("ي") and "\u0651" in lemma_of(a)[-2:] or lemma.startswith("م") and len(lemma) >= 5):
        return ADJ
    return pos


_ARTICLE_START = re.compile(r"^([وف]?)(?:([بك]?)ال|(ل)ل)(.{3,})$")


def _article_split(word: str) -> list[Part]:
    """The clitics of a word no source knows, when its article shows them (والنيوبورتيين):
    و/ف, then بـ/كـ/لـ, then الـ before at least three letters."""
    m = _ARTICLE_START.match(normalize(word))
    if m is None:
        return []
    conj, prep, lam, _ = m.groups()
    pro: list[tuple[int, str, str]] = []
    if conj:
        pro.append((1, "conjunction", "and" if conj == "و" else "so, then"))
    if prep or lam:
        pro.append((1, "preposition", {"ب": "with, by, in", "ك": "like, as", "ل": "to, for"}[prep or lam]))
    pro.append((1 if lam else 2, "article", "the"))
    return assemble_parts(word, pro, "", None)


def _proclitic_letters(a: Analysis) -> int:
    return _proclitic_count(a.prefix.pos)


@lru_cache(maxsize=4096)
def _proclitic_count(prefix_pos: str) -> int:
    """How many letters of the written word a reading's proclitics take, the article aside
    (و + بـ = 2: the definite form of a word is often commoner than the bare one)."""
    letters = 0
    for piece in prefix_pos.split("+"):
        buck, _, tag = piece.partition("/")
        if tag in _CLITIC_TAGS and tag != "DET":
            letters += sum(ch not in "auio~FNK`" for ch in buck)
    return letters


def _choose(wa: WordAnalysis, a: Analysis, prev: WordAnalysis | None = None,
            parts: list[Part] | None = None) -> None:
    wa.lemma, wa.pos, wa.gloss, wa.source = lemma_of(a), coarse_pos(a, prev), sense_of(a), "lexicon"
    wa.parts = parts if parts is not None else split_from_analysis(wa.surface, a) or []
    if not _mostly_vocalised(wa.surface):
        wa.vocalized = canonical(a.vocalized)


def with_reading(wa: WordAnalysis, index: int) -> WordAnalysis:
    """``wa`` with its ``index``-th reading chosen instead (a reader's pick among the others)."""
    pick = wa.readings[index]
    rest = [r for i, r in enumerate(wa.readings) if i != index]
    new = dataclasses.replace(wa, readings=[pick, *rest], phrase="", parts=list(wa.parts))
    if pick.analysis is not None:
        _choose(new, pick.analysis)
        new.parts = new.parts or list(wa.parts)
        new.vocalized = new.vocalized or wa.vocalized
    return new


def _has_article(a: Analysis) -> bool:
    return "DET" in a.prefix.pos


def _prev_definite(prev: WordAnalysis) -> bool:
    return any(p.role == "article" for p in prev.parts)


def _mostly_vocalised(word: str) -> bool:
    letters = letter_slices(word)
    return sum(len(s) > 1 for s in letters) * 2 >= len(letters)
