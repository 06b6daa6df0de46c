"""Spacing: double spaces, and white space before or after the English."""
from __future__ import annotations

import re
from typing import Iterator, Sequence

from reader.qa.model import Finding, QaContext, Unit, translated

NAME = "spacing"
_DOUBLE = re.compile(r"\S( {2,})\S")


def run(units: Sequence[Unit], context: QaContext) -> Iterator[Finding]:
    for unit in translated(units):
        text = unit.english
        if text != text.lstrip():
            yield Finding(unit.index, NAME, "The English starts with white space.")
        if text != text.rstrip():
            yield Finding(unit.index, NAME, "The English ends with white space.")
        double = _DOUBLE.search(text)
        if double:
            around = text[max(0, double.start() - 15):double.end() + 15].strip()
            yield Finding(unit.index, NAME, f"Double space in “{around}”.")
