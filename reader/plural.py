"""Counts in words: "1 segment", "2 segments" (never "1 threads")."""
from __future__ import annotations

IRREGULAR = {"match": "matches", "entry": "entries", "occurrence": "occurrences"}


def count(n: int, noun: str) -> str:
    """``n`` and ``noun`` in the singular for 1, the plural otherwise."""
    if n == 1:
        return f"1 {noun}"
    # Grouped as the status bar's counts are: "2,000 segments" beside "Untranslated 2,000".
    return f"{n:,} {IRREGULAR.get(noun, noun + 's')}"
