"""Link sources: each adds the links it is sure enough of to a `SegmentPair`.

A source is any object with a ``name`` and ``link(pair)``; the aligner runs its sources in
order of trust, so a source sees the links of those before it (a model source, passed as
``extra`` to ``reader.align.aligner.lexical_sources``, runs after the lexicon's and fills in
what they left unlinked, before the weak gap links).
"""
from __future__ import annotations

from typing import Protocol

from reader.align.pair import SegmentPair


class LinkSource(Protocol):
    name: str

    def link(self, pair: SegmentPair) -> None:
        """Accept (``pair.accept``) the links this source finds between the pair's words."""
        ...
