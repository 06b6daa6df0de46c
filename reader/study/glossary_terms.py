"""The project glossary as a gloss source for word lookup.

A glossary term may span several words (التحالف الدولي); a click on any of its
words shows it, which is why lookups pass the sentence and the click offset.
"""
from __future__ import annotations

from reader.arabic import ARTICLE, normalize, strip_diacritics
from reader.glossary.index import GlossaryIndex
from reader.study.clitics import Part, split_by_inventory
from reader.study.entry import DictEntry

MAX_VARIANTS = 3


class GlossaryTerms:
    """Reads the live index at each lookup, so a term added a moment ago is found."""

    SOURCE = "Glossary"

    def __init__(self, index: GlossaryIndex):
        self.index = index

    @property
    def glossary(self):
        return self.index.glossary

    @property
    def version(self) -> int:
        return self.index.version

    @property
    def matcher(self):
        return self.index.arabic

    def lookup(self, norm: str) -> bool:
        """Is the whole (normalised) form a glossary term?"""
        return any(m.start == 0 and m.end == len(norm) for m in self.matcher.find(norm))

    def terms_in(self, text: str) -> list[tuple[int, int, str, str, str, list[Part]]]:
        """Every term occurrence in ``text``: (start, end, English in the house style, category,
        part of speech, clitic split when the term is one word)."""
        out = []
        for m in self.matcher.find(text):
            term = self.glossary.get(m.term_id)
            if term is None:
                continue
            parts: list[Part] = []
            if " " not in m.surface.strip():
                parts = _term_parts(m.surface, m.proclitics, m.enclitic)
            out.append((m.start, m.end, term.english, getattr(term, "category", ""),
                        getattr(term, "pos", ""), parts))
        return out

    def entries(self, word: str, context: str = "", offset: int | None = None) -> list:
        found = []
        if context and offset is not None:
            found = [m for m in self.matcher.find(context) if m.start <= offset < m.end]
        if not found:
            found = list(self.matcher.find(word))
        out, seen = [], set()
        for m in found:
            term = self.glossary.get(m.term_id)
            if term is None or m.term_id in seen:
                continue
            seen.add(m.term_id)
            glosses = tuple(dict.fromkeys([term.english, *getattr(term, "variants", [])]))[:MAX_VARIANTS + 1]
            note = " · ".join(x for x in (getattr(term, "category", ""), getattr(term, "note", "")) if x)
            # A term of several words reached from one of them says so.
            wider = m.end - m.start > len(word) + 1
            out.append(DictEntry(self.SOURCE, getattr(term, "headword", normalize(word)), glosses,
                                 via="term in sentence" if wider else "", note=note))
        return out


def _term_parts(surface: str, proclitics: str, enclitic: str) -> list[Part]:
    """The split the matcher found (لـ + داعش): its clitics as counted letters, read by the inventory."""
    pro = normalize(strip_diacritics(proclitics))
    stem_known = {normalize(surface)[len(pro):len(normalize(surface)) - len(normalize(enclitic))]}
    parts = split_by_inventory(surface, lambda s: s in stem_known or ARTICLE + s in stem_known)
    return parts
