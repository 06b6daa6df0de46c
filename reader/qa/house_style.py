"""House style: renderings of more than one house style (ISIS beside Daesh) in the same file.

The glossary index decides which style a rendering belongs to, as for the status-bar warning.
"""
from __future__ import annotations

from typing import Iterator, Sequence

from reader.qa.model import Finding, QaContext, Unit, translated

NAME = "house style"
CHUNK = 64


def run(units: Sequence[Unit], context: QaContext) -> Iterator[Finding]:
    index = context.glossary
    if index is None:
        return
    done = list(translated(units))
    # One pass over the joined file tells whether styles mix at all (they rarely do).
    if not index.mixed_styles(["\n".join(u.english for u in done)]):
        return
    wanted = index.house_style

    def other_styles(part: Sequence[Unit]) -> list[str]:
        used = index.styles_used(["\n".join(u.english for u in part)])
        return [style for style, n in used.items() if n and style != wanted]

    # Chunks of the file first, then the segments of the chunks that use another style: one
    # scan of joined text per chunk instead of one per segment.
    for first in range(0, len(done), CHUNK):
        chunk = done[first:first + CHUNK]
        if not other_styles(chunk):
            continue
        for unit in chunk:
            for style in other_styles([unit]):
                yield Finding(unit.index, NAME, f"Uses the {style} style; the house style is {wanted}.")
