"""The words an alignment links: (start, end, text) with offsets into the original string.

Arabic words are `reader.arabic.words` (clitics stay on their word: وللتحالف is one word), so
the reader, the word popup and the aligner agree on what "the word under the cursor" is.
English words keep internal apostrophes and number punctuation together (it's, 1,200, 3.5,
U.S) and split on hyphens (al-Assad → al, Assad), which is how a reader sees them.
"""
from __future__ import annotations

import re

from reader.arabic import words as _arabic_words

Word = tuple[int, int, str]

_ENGLISH_RE = re.compile(r"[^\W_]+(?:[.,'’][^\W_]+)*")


def arabic_words(text: str) -> list[Word]:
    return _arabic_words(text)


def english_words(text: str) -> list[Word]:
    return [(m.start(), m.end(), m.group()) for m in _ENGLISH_RE.finditer(text)]
