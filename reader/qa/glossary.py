"""Glossary: an Arabic term whose approved English (or an accepted variant) the English lacks.

Both sides are found with the glossary index's own matchers (clitics on the Arabic side;
case, plurals and possessives on the English side), so QA agrees with highlighting.
"""
from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING, Iterator, Sequence

from reader.qa.model import Finding, QaContext, Unit, translated

if TYPE_CHECKING:
    from reader.glossary.arabic_matcher import Match
    from reader.glossary.index import GlossaryIndex

NAME = "glossary"
# Between units when the whole file is matched at once: neither a letter nor a space, so no
# term (whose words are joined by spaces) can span two units.
_SEPARATOR = "\n.\n"


def arabic_matches(index: "GlossaryIndex", units: Sequence[Unit]) -> dict[int, list[tuple[int, "Match"]]]:
    """unit position → (offset of the unit, match) for its term occurrences.

    One call over the joined file instead of one per unit: the matcher's set-up per call
    costs more than the search itself on sentence-long texts.
    """
    starts, pos = [], 0
    for unit in units:
        starts.append(pos)
        pos += len(unit.arabic) + len(_SEPARATOR)
    found: dict[int, list[tuple[int, Match]]] = {}
    for match in index.arabic.find(_SEPARATOR.join(u.arabic for u in units)):
        n = bisect_right(starts, match.start) - 1
        found.setdefault(n, []).append((starts[n], match))
    return found


def run(units: Sequence[Unit], context: QaContext) -> Iterator[Finding]:
    index = context.glossary
    if index is None:
        return
    done = list(translated(units))
    for n, matches in sorted(arabic_matches(index, done).items()):
        unit = done[n]
        found = index.english.find(unit.english)
        rendered = {term_id for m in found for term_id in m.term_ids}
        surfaces = {m.surface.casefold() for m in found}
        for offset, match in matches:
            term = index.glossary.get(match.term_id)
            # A surface may be credited to a near term only ("foreign ministers" to the singular's
            # plural); it still renders this term when it is one of the term's own forms.
            if term is None or match.term_id in rendered or surfaces & {f.casefold() for f in term.english_forms()}:
                continue
            rendered.add(match.term_id)  # one finding per term and segment
            yield Finding(unit.index, NAME,
                          f"{unit.arabic[match.start - offset:match.end - offset]} should be rendered “{term.english}”.")
