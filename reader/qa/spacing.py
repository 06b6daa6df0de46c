"""Spacing: double spaces, and white space before or after the English."""
from __future__ import annotations

import re
from typing import Iterator, Sequence

from reader.qa.model import Finding, QaContext, Unit, translated

NAME = "spacing"
_DOUBLE = re.compile(r"\S( {2,})\S")


def run(units: Sequence[Unit], context: QaContext) -> Iterator[Finding]:
    # Most English is clean: three cheap string tests pick the units worth a closer look.
    for unit in (u for u in translated(units) if u.english[0].isspace() or u.english[-1].isspace()
                 or "  " in u.english):
        text = unit.english
        if text != text.lstrip():
            yield Finding(unit.index, NAME, "The English starts with white space.")
        if text != text.rstrip():
            yield Finding(unit.index, NAME, "The English ends with white space.")
        double = _DOUBLE.search(text)
        if double:
            around = text[max(0, double.start() - 15):double.end() + 15].strip()
            yield Finding(unit.index, NAME, f"Double space in “{around}”.")
