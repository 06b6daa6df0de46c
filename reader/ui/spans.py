"""Styled character ranges that features lay over a segment's text."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """A range [start, end) of a segment's text with a style.

    ``link`` names a partner group: spans with the same link in one row (on
    either side) light up together when one of them is hovered.
    """

    start: int
    end: int
    color: str | None = None
    background: str | None = None
    underline: bool = False
    bold: bool = False
    tooltip: str = ""
    link: str | None = None


def remap(spans: list[Span], index_map) -> list[Span]:
    """Move spans from original offsets to shown offsets (after a text transform).

    ``index_map[i]`` is the original index of shown character i, so the shown
    start of a span is the first shown character at or after its original start.
    """
    import bisect

    out = []
    for s in spans:
        a = bisect.bisect_left(index_map, s.start)
        b = bisect.bisect_left(index_map, s.end)
        if a < b:
            out.append(Span(a, b, s.color, s.background, s.underline, s.bold, s.tooltip, s.link))
    return out
