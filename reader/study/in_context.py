"""The narrow entry point to words in context: ``analyse_segment(text, glossary, english)``.

It holds the process-wide analyser over the shared dictionary, so that
``reader.study.context`` (the ranking) and ``reader.study.dictionary`` (the
sources) need not import each other.
"""
from __future__ import annotations

import threading

from reader.responsiveness import settle_long_lived
from reader.study.context import ContextAnalyser, TermIndex, WordAnalysis
from reader.study.dictionary import glossary_adapter, shared_dictionary
from reader.study.glossary_terms import GlossaryTerms

_lock = threading.Lock()
_shared: ContextAnalyser | None = None
_default_glossary: GlossaryTerms | None = None
# Set once warm_up() has loaded everything a first lookup needs; the window reads it to
# choose between the real answer and "Loading…".
_warm = threading.Event()
# Words that take every path of a lookup (article, clitics, a broken plural), so the
# frequency lists and caches a first click needs are loaded too.
_WARM_UP_SENTENCE = "عقدنا هذا الصباح اجتماعًا مع حلفائنا في المنطقة"


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


def warm_up() -> None:
    """Load the dictionary sources, the analyser and the frequency lists (1.5-3 s).

    Meant for a worker thread at start-up; every loader it reaches is locked, so a
    lookup racing it waits for the one copy instead of building a second.
    """
    dictionary = shared_dictionary()
    shared_context()
    dictionary.lookup("حلفائنا", context=_WARM_UP_SENTENCE, offset=_WARM_UP_SENTENCE.index("حلفائنا"))
    dictionary.transliterate_text(_WARM_UP_SENTENCE)
    dictionary.vocalize_with_map(_WARM_UP_SENTENCE)
    settle_long_lived()  # the dictionaries live as long as the process: full collections skip them
    _warm.set()


def is_warm() -> bool:
    """Has warm_up() finished in this process (a lookup now answers at once)?"""
    return _warm.is_set()
