"""Inconsistency: the same Arabic (after normalisation) rendered differently within a file, or
differently from the person's own English for it in their other documents (the translation
memory holds those: :attr:`reader.qa.model.QaContext.elsewhere`)."""
from __future__ import annotations

from typing import Iterator, Sequence

from reader.arabic import normalize_lines
from reader.qa.model import Finding, QaContext, Unit, translated

NAME = "inconsistency"


def _same(english: str) -> str:
    return " ".join(english.split())


def run(units: Sequence[Unit], context: QaContext) -> Iterator[Finding]:
    groups: dict[str, list[Unit]] = {}
    done = list(translated(units))
    normalised = normalize_lines([u.arabic for u in done])
    for key, unit in zip(normalised, done):
        groups.setdefault(key, []).append(unit)
    if context.elsewhere is not None:
        yield from _across(done, normalised, context)
    for group in groups.values():
        if len(group) < 2 or len({_same(u.english) for u in group}) < 2:
            continue
        first = group[0]
        for unit in group[1:]:
            if _same(unit.english) != _same(first.english):
                yield Finding(unit.index, NAME, f"Same Arabic as segment {first.index + 1}, "
                                                f"which reads “{_same(first.english)}”.")


def _across(done: list[Unit], normalised: list[str], context: QaContext) -> Iterator[Finding]:
    """Units whose English agrees with none of the person's renderings of the same Arabic in
    their other documents (one finding per unit, naming the most recent of those renderings)."""
    assert context.elsewhere is not None
    odd = context.elsewhere.disagreeing([(line, unit.english) for line, unit in zip(normalised, done)])
    for n, other in sorted(odd.items()):
        unit = done[n]
        where = f"of “{other.document}”" if other.document else "of another of your documents"
        yield Finding(unit.index, NAME, f"Same Arabic as segment {other.segment + 1} {where}, "
                                        f"which reads “{_same(other.english)}”.")
