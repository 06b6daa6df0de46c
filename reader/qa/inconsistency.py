"""Inconsistency: the same Arabic (after normalisation) rendered differently within a file."""
from __future__ import annotations

import re
from typing import Iterator, Sequence

from reader.arabic import SEARCH_TABLE
from reader.qa.model import Finding, QaContext, Unit, translated

NAME = "inconsistency"


_DROP = re.compile("[" + "".join(re.escape(chr(c)) for c, to in SEARCH_TABLE.items() if not to) + "]")
_FOLDS = [(chr(c), to) for c, to in SEARCH_TABLE.items() if to]


def keys(texts: Sequence[str]) -> list[str]:
    """reader.arabic's search normalisation of every text, done on the joined file: a chain of
    C-speed replaces over one string beats a translate table per text several times over."""
    joined = _DROP.sub("", "\n".join(" ".join(t.split()) for t in texts))
    for letter, folded in _FOLDS:
        if letter in joined:
            joined = joined.replace(letter, folded)
    return joined.lower().split("\n")


def _same(english: str) -> str:
    return " ".join(english.split())


def run(units: Sequence[Unit], context: QaContext) -> Iterator[Finding]:
    groups: dict[str, list[Unit]] = {}
    done = list(translated(units))
    for key, unit in zip(keys([u.arabic for u in done]), done):
        groups.setdefault(key, []).append(unit)
    for group in groups.values():
        if len(group) < 2 or len({_same(u.english) for u in group}) < 2:
            continue
        first = group[0]
        for unit in group[1:]:
            if _same(unit.english) != _same(first.english):
                yield Finding(unit.index, NAME, f"Same Arabic as segment {first.index + 1}, "
                                                f"which reads “{_same(first.english)}”.")
