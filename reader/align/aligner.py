"""The aligner: built once, it runs its link sources over each segment pair in order of trust.

``lexical_aligner()`` gives the lexicon's sources (no model needed); a model's links are decoded
for many segments at once and combined afterwards (``reader.align.combine``). Heavy data (the dictionary, ~2 s) loads on the first
segment or in ``warm_up()``, which the app can call from a background thread.
"""
from __future__ import annotations

from typing import Callable, Sequence

from reader.align import english
from reader.align.links import Link
from reader.align.pair import SegmentPair
from reader.align.sources import LinkSource
from reader.align.sources.acronyms import AcronymSource
from reader.align.sources.clitics import CliticSource
from reader.align.sources.dictionary import DictionarySource
from reader.align.sources.gaps import GapSource
from reader.align.sources.glossary import GlossarySource
from reader.align.sources.names import NameSource
from reader.align.sources.numbers import NumberSource
from reader.glossary.index import GlossaryIndex
from reader.study import in_context


class Aligner:
    def __init__(self, sources: Sequence[LinkSource]):
        self.sources = list(sources)

    def align(self, arabic: str, english_text: str) -> list[Link]:
        """Links between the words of ``arabic`` and ``english_text`` (character spans into each,
        on whole words); none when either side has no words to link."""
        pair = SegmentPair(arabic, english_text)
        if not pair.usable:
            return []
        for source in self.sources:
            source.link(pair)
        return pair.as_links()

    def warm_up(self) -> None:
        """Load the dictionary, the frequency lists, the glossary and the English lemma table
        (1.5-3 s; for a worker thread, as ``reader.study.in_context.warm_up``, which it includes)."""
        in_context.warm_up()
        english.warm_up()
        self.align("قال كيري إن للتحالف ثلاثة اجتماعات في ٢٠٢٠",
                   "The Coalition has three meetings in 2020, Kerry said")


GlossaryArg = GlossaryIndex | Callable[[], GlossaryIndex | None] | None


def lexical_sources(glossary: GlossaryArg = None) -> list[LinkSource]:
    """The sources that need no model, most trusted first, over ``glossary``: the app's live
    index (or a callable giving it at each segment); None loads the user's glossary on first
    use, as the command line does."""
    if isinstance(glossary, GlossaryIndex):
        index = glossary
        get: Callable[[], GlossaryIndex | None] = lambda: index  # noqa: E731
    else:
        get = glossary if glossary is not None else _own_glossary()
    return [GlossarySource(get), NumberSource(), AcronymSource(), NameSource(), DictionarySource(),
            CliticSource(), GapSource()]


def lexical_aligner(glossary: GlossaryArg = None) -> Aligner:
    return Aligner(lexical_sources(glossary))


def _own_glossary() -> Callable[[], GlossaryIndex | None]:
    loaded: list[GlossaryIndex] = []

    def get() -> GlossaryIndex | None:
        if not loaded:
            loaded.append(GlossaryIndex())
        return loaded[0]
    return get
