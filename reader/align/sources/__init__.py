"""Link sources: each adds the links it is sure enough of to a `SegmentPair`.

A source is any object with a ``name`` and ``link(pair)``; the aligner runs its sources in
order of trust, so a source sees the links of those before it (the model source that
`bayan align --model` adds runs last and fills in what the lexicon left unlinked).
"""
from __future__ import annotations

from typing import Protocol

from reader.align.pair import SegmentPair


class LinkSource(Protocol):
    name: str

    def link(self, pair: SegmentPair) -> None:
        """Accept (``pair.accept``) the links this source finds between the pair's words."""
        ...
