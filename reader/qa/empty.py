"""Empty or untranslated: no English, or English that is still (mostly) Arabic."""
from __future__ import annotations

import re
from typing import Iterator, Sequence

from reader.arabic import ARABIC_LETTER_RE
from reader.qa.model import Finding, QaContext, Unit

NAME = "empty"
_LATIN = re.compile(r"[A-Za-z]")


def run(units: Sequence[Unit], context: QaContext) -> Iterator[Finding]:
    for unit in units:
        english = unit.english.strip()
        if not english:
            yield Finding(unit.index, NAME, "The English is empty.")
            continue
        # A quoted Arabic word inside English is fine; English that is mostly Arabic is not.
        if ARABIC_LETTER_RE.search(english) and len(ARABIC_LETTER_RE.findall(english)) > len(_LATIN.findall(english)):
            yield Finding(unit.index, NAME, "The English is still Arabic (untranslated).")
