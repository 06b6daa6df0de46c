"""Empty or untranslated: no English, or English that is still (mostly) Arabic.

A segment with no English is one finding each (``bayan qa --json``, CSV), but people are shown
them as one line (:func:`untranslated_line`): in a document still being translated they are
most of the findings and would bury the real ones."""
from __future__ import annotations

import re
from typing import Iterator, Sequence

from reader.arabic import ARABIC_LETTER_RE
from reader.plural import count
from reader.qa.model import Finding, QaContext, Unit

NAME = "empty"
NO_ENGLISH = "The English is empty."
_LATIN = re.compile(r"[A-Za-z]")


def run(units: Sequence[Unit], context: QaContext) -> Iterator[Finding]:
    for unit in units:
        english = unit.english.strip()
        if not english:
            yield Finding(unit.index, NAME, NO_ENGLISH)
            continue
        # A quoted Arabic word inside English is fine; English that is mostly Arabic is not.
        if ARABIC_LETTER_RE.search(english) and len(ARABIC_LETTER_RE.findall(english)) > len(_LATIN.findall(english)):
            yield Finding(unit.index, NAME, "The English is still Arabic (untranslated).")


def split_untranslated(findings: Sequence[Finding]) -> tuple[list[Finding], list[Finding]]:
    """(the other findings, the no-English ones), each in the given order."""
    untranslated = [f for f in findings if f.check == NAME and f.message == NO_ENGLISH]
    return [f for f in findings if not (f.check == NAME and f.message == NO_ENGLISH)], untranslated


def untranslated_line(untranslated: Sequence[Finding]) -> str:
    """The no-English findings in one sentence: "1,998 segments have no English yet"."""
    n = len(untranslated)
    return f"{count(n, 'segment')} {'has' if n == 1 else 'have'} no English yet"
