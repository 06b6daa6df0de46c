"""Link sources: each adds the links it is sure enough of to a `SegmentPair`.

A source is any object with a ``name`` and ``link(pair)``; the aligner runs its sources in
order of trust, so a source sees the links of those before it. A model's links are not a
source: they are decoded for many segments at once and added afterwards, in the lexicon's gaps
(`reader.align.model`, `reader.align.combine`).
"""
from __future__ import annotations

from typing import Protocol

from reader.align.pair import SegmentPair


class LinkSource(Protocol):
    name: str

    def link(self, pair: SegmentPair) -> None:
        """Accept (``pair.accept``) the links this source finds between the pair's words."""
        ...
