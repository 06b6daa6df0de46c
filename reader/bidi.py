"""The base direction of a paragraph, as the Unicode bidi algorithm finds it (rules P2-P3).

An English paragraph inside an Arabic document (a Word file mixes them freely) must
be laid out left to right even in the Arabic column, or its full stop and brackets
land at the wrong end.
"""
from __future__ import annotations

import unicodedata

_RTL = frozenset({"R", "AL"})


def is_rtl(text: str, default: bool = True) -> bool:
    """Whether the first strong character is right-to-left; ``default`` when there is none."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in _RTL:
            return True
        if kind == "L":
            return False
    return default
