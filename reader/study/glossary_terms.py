"""The project glossary as a gloss source for word lookup.

A glossary term may span several words (التحالف الدولي); a click on any of its
words shows it, which is why lookups pass the sentence and the click offset.
"""
from __future__ import annotations

from reader.arabic import normalize
from reader.glossary.index import GlossaryIndex
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
    def matcher(self):
        return self.index.arabic

    def lookup(self, norm: str) -> bool:
        """Is the whole (normalised) form a glossary term?"""
        return any(m.start == 0 and m.end == len(norm) for m in self.matcher.find(norm))

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
