"""The glossary's terms in one document: each segment's Arabic matches and how often each term occurs.

Found in one pass over the segments (0.4-0.8 s for 10,000: the window does it in a worker) and
kept whole, with the document and the glossary version they were found for, so that the view
never shows one document's terms over another's.
"""
from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass
from typing import Callable

from reader.document import Document
from reader.glossary.arabic_matcher import Match
from reader.glossary.index import GlossaryIndex
from reader.responsiveness import rest

# Segments matched between two looks at ``cancelled`` and two rests (about a millisecond).
CHECK_EVERY = 20


@dataclass(frozen=True)
class DocumentTerms:
    doc_id: str
    version: int  # the GlossaryIndex.version they were found with
    rows: tuple[tuple[Match, ...], ...]  # each segment's Arabic matches
    counts: tuple[tuple[str, str, str, int], ...]  # (term id, headword, English, occurrences), most frequent first

    def arabic(self, row: int) -> tuple[Match, ...]:
        return self.rows[row] if 0 <= row < len(self.rows) else ()


def find_terms(index: GlossaryIndex, doc: Document, cancelled: Callable[[], bool] = lambda: False,
               duty: float | None = None) -> DocumentTerms | None:
    """The document's terms; None when ``cancelled()`` said stop first. ``duty``: in the window's
    worker it rests between a few segments, working that share of the time (pure Python, like
    word alignment: reader.responsiveness.rest); None, never."""
    version, matcher, glossary = index.version, index.arabic, index.glossary
    rows: list[tuple[Match, ...]] = []
    segments = doc.segments
    for start in range(0, len(segments), CHECK_EVERY):
        if cancelled():
            return None
        began = time.perf_counter()
        rows.extend(tuple(matcher.find(segment.text)) for segment in segments[start:start + CHECK_EVERY])
        if duty is not None:
            rest(time.perf_counter() - began, duty)
    counts = Counter(m.term_id for row in rows for m in row)
    terms = ((glossary.get(term_id), n) for term_id, n in counts.most_common())
    return DocumentTerms(doc.doc_id, version, tuple(rows),
                         tuple((t.id, t.headword, t.english, n) for t, n in terms if t is not None))
