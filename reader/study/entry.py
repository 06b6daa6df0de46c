"""One gloss of a word from one source (dictionary, lexicon, glossary)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DictEntry:
    source: str
    headword: str
    glosses: tuple[str, ...]
    via: str = ""        # how the entry was reached when not from the word as written
    note: str = ""       # part of speech, morpheme glosses, glossary note
