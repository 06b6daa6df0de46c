"""Numbers: ٢٠٢٠ ↔ 2020, 1,200 ↔ ١٢٠٠, ثلاثة ↔ "three" or "3", ألف ↔ "thousand" or "1,000".

Digits are compared as values (Arabic-Indic and Western digits, either decimal and thousands
mark); an Arabic number word is known from its dictionary gloss, so only words the lexicon
reads as a number (ألف is also "compose") link, and only to an English number of that value.
"""
from __future__ import annotations

import re
from functools import lru_cache

from reader.align.glosses import glosses
from reader.study.context import pos_of
from reader.align.pair import SegmentPair, WordLink
from reader.arabic import is_arabic

DIGITS_SCORE = 0.95
WORD_SCORE = 0.85
DUAL_SCORE = 0.6
DUAL = "2"
_DUAL_REACH = 4
_DECIMAL_MARKS = ".٫"
_ARABIC_DIGITS = str.maketrans({**{chr(0x0660 + d): str(d) for d in range(10)},
                                **{chr(0x06F0 + d): str(d) for d in range(10)}, "٫": ".", "٬": ","})
_PROCLITICS = re.compile(r"^[وفبلك]{1,2}(?=\d)")  # و٤٥ "and 45", ب٢٠٢٠ "in 2020"
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")
_ENGLISH_NUMBERS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split())}
_ENGLISH_NUMBERS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
                         "ninety": 90, "hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9})


def value(token: str) -> str | None:
    """A token's number as a canonical string ("1200", "3.5"), or None."""
    text = _THOUSANDS.sub("", _PROCLITICS.sub("", token.translate(_ARABIC_DIGITS))).rstrip(".")
    if text in _ENGLISH_NUMBERS:
        return str(_ENGLISH_NUMBERS[text])
    lowered = text.lower()
    if lowered in _ENGLISH_NUMBERS:
        return str(_ENGLISH_NUMBERS[lowered])
    if not text or not text[0].isdigit():
        return None
    try:
        number = float(text)
    except ValueError:
        return None
    return str(int(number)) if number.is_integer() else str(number)


@lru_cache(maxsize=100_000)
def _word_value(word: str) -> str | None:
    """The value of an Arabic number word (ثلاثة, ألف), from what the lexicon says it means."""
    readings = glosses(word).readings
    if readings and all("_DU" in a.suffix.pos for a in readings) and \
            any(pos_of(a) == "noun" for a in readings):
        return DUAL  # هدفين "two goals", شعاعين "two beams"
    for a in readings:
        for sense in a.stem.gloss.split(";"):
            if sense.strip().lower() in _ENGLISH_NUMBERS:
                return str(_ENGLISH_NUMBERS[sense.strip().lower()])
    return None


class NumberSource:
    name = "number"

    def link(self, pair: SegmentPair) -> None:
        english: dict[str, list[int]] = {}
        for j, (_, _, w) in enumerate(pair.en_words):
            v = value(w) if pair.en_keys[j] is not None else None
            if v is not None:
                english.setdefault(v, []).append(j)
        if not english:
            return
        words = pair.ar_words
        for i, (_, end, w) in enumerate(words):
            # 14.7 and ١٤٫٧ are two Arabic words (the mark splits them) but one number.
            if i + 1 < len(words) and words[i + 1][0] == end + 1 and pair.arabic[end] in _DECIMAL_MARKS:
                v = value(f"{w}.{words[i + 1][2]}")
                if v is not None and v in english:
                    target = pair.nearest(english[v], pair.expected(i))
                    if target is not None:
                        pair.accept(WordLink((i, i + 2), (target, target + 1), DIGITS_SCORE, self.name))
            if i in pair.content:
                continue
            digits = any(ch.isdigit() for ch in w)
            v = value(w) if digits else _word_value(w) if is_arabic(w) else None
            if v is None or v not in english:
                continue
            if v == DUAL and not digits:  # the noun, not the number, is the dual's main English
                pair.link_nearest(i, english[v], DUAL_SCORE, self.name, reach=_DUAL_REACH, content=False)
            else:
                pair.link_nearest(i, english[v], DIGITS_SCORE if digits else WORD_SCORE, self.name)
