"""The narrow entry point to words in context: ``analyse_segment(text, glossary, english)``.

It holds the process-wide analyser over the shared dictionary, so that
``reader.study.context`` (the ranking) and ``reader.study.dictionary`` (the
sources) need not import each other.
"""
from __future__ import annotations

import threading

from reader.study.context import ContextAnalyser, TermIndex, WordAnalysis
from reader.study.dictionary import glossary_adapter, shared_dictionary
from reader.study.glossary_terms import GlossaryTerms

_lock = threading.Lock()
_shared: ContextAnalyser | None = None
_default_glossary: GlossaryTerms | None = None


def shared_context() -> ContextAnalyser:
    global _shared
    with _lock:
        if _shared is None:
            _shared = ContextAnalyser(shared_dictionary())
        return _shared


def default_glossary() -> GlossaryTerms:
    """The shipped + user glossary, loaded once (for callers without the app's live index)."""
    global _default_glossary
    with _lock:
        if _default_glossary is None:
            _default_glossary = glossary_adapter()
        return _default_glossary


def analyse_segment(text: str, glossary: TermIndex | None = None, english: str = "") -> list[WordAnalysis]:
    """The chosen analysis of every Arabic word of ``text`` (offsets into ``text``).

    ``glossary`` defaults to the shipped + user glossary; ``english`` (the
    segment's translation, when there is one) lets names be matched.
    """
    return shared_context().analyse(text, glossary if glossary is not None else default_glossary(), english)
