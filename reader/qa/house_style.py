"""House style: renderings of more than one house style (ISIS beside Daesh) in the same file.

The glossary index decides which style a rendering belongs to, as for the status-bar warning.
"""
from __future__ import annotations

from typing import Iterator, Sequence

from reader.qa.model import Finding, QaContext, Unit, translated

NAME = "house style"


def run(units: Sequence[Unit], context: QaContext) -> Iterator[Finding]:
    index = context.glossary
    if index is None:
        return
    done = list(translated(units))
    # One pass over the joined file tells whether styles mix at all (they rarely do).
    if not index.mixed_styles(["\n".join(u.english for u in done)]):
        return
    wanted = index.house_style
    for unit in done:
        used = [style for style, n in index.styles_used([unit.english]).items() if n and style != wanted]
        for style in used:
            yield Finding(unit.index, NAME, f"Uses the {style} style; the house style is {wanted}.")
