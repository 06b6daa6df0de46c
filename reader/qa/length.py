"""Length-ratio outliers: English far shorter or longer than its Arabic (a dropped or doubled clause).

The bounds were set on the FLORES dev and test sets (2,009 human translations): English
runs 0.8–1.6 times the Arabic's length; the bounds leave a wide margin around that.
"""
from __future__ import annotations

from typing import Iterator, Sequence

from reader.qa.model import Finding, QaContext, Unit, translated

NAME = "length"
LOW, HIGH = 0.45, 3.0
# Below this many Arabic characters a ratio says nothing (titles, numbers, names).
MIN_CHARS = 30


def run(units: Sequence[Unit], context: QaContext) -> Iterator[Finding]:
    for unit in translated(units):
        source, target = len(unit.arabic.strip()), len(unit.english.strip())
        if source < MIN_CHARS:
            continue
        ratio = target / source
        if ratio < LOW:
            yield Finding(unit.index, NAME, f"The English is much shorter than the Arabic ({ratio:.0%} of its length).")
        elif ratio > HIGH:
            yield Finding(unit.index, NAME, f"The English is much longer than the Arabic ({ratio:.0%} of its length).")
