"""Numbers and dates: a number on one side only, or changed between the Arabic and the English.

Arabic-Indic (٣) and Western (3) digits are the same number, and so are a number and the
same number written with a scale word (٢٠ ألف, 20 thousand, 20,000).  Arabic number words
(عشرون) count through pyarabic.  Small numbers (up to ten) are often spelt out in English,
so one of them missing from one side alone is not reported; a changed one is.
"""
from __future__ import annotations

import re
from typing import Iterator, Sequence

from pyarabic import number as arabic_numbers
from pyarabic import number_const
from text_to_num import alpha2digit

from reader.arabic import DIACRITICS, SEARCH_TABLE
from reader.qa.model import Finding, QaContext, Unit, translated

NAME = "numbers"
SMALL = 10
# A number: digits, thousands groups (',' or the Arabic ٬) and a decimal part ('.' or ٫). It starts
# with a digit so that the regex engine skips to digits at C speed; that the digit does not continue
# another number (after a digit, '.' or ',') is checked on the match (_continues).
_NUMBER = re.compile(r"(\d+(?:[,\u066c\u060c]\d{3}(?!\d))*(?:[.\u066b]\d+)?)(?!\d)(?:\s*([^\W\d]+))?")
_CONTINUED_BY = frozenset("0123456789.,")
_GROUPING = re.compile(r"[,\u066c\u060c](?=\d{3})")
_TIME = re.compile(r"(?<![\d.,:])([01]?\d|2[0-3]):([0-5]\d)(?![\d:])")
# "15th century", "the 1970s": Arabic writes these in words (القرن الخامس عشر, سبعينيات).
_ORDINAL_ENDINGS = frozenset({"st", "nd", "rd", "th", "s", "'s"})
_DIGITS = re.compile(r"[\u0660-\u0669\u06f0-\u06f9]+")
_ANY_DIGIT = re.compile(r"[0-9\u0660-\u0669\u06f0-\u06f9]+")
# Scale words after a number, in both languages (Arabic in its normalised spelling).
SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "m": 1_000_000, "bn": 1_000_000_000,
          "الف": 1_000, "االف": 1_000, "الاف": 1_000, "مليون": 1_000_000, "ملايين": 1_000_000,
          "مليار": 1_000_000_000, "مليارات": 1_000_000_000}


def _value(text: str) -> float:
    text = _GROUPING.sub("", text).replace("\u066b", ".")
    return float(text)


def _shown(value: float) -> str:
    return f"{value:,.10g}" if value >= 10_000 else f"{value:.10g}"


def numbers(text: str, arabic: bool) -> list[tuple[str, set[float]]]:
    """(the number as written, the values it may stand for) of every number written in digits."""
    if not _ANY_DIGIT.search(text):
        return []
    folded = _DIGITS.sub(lambda m: m.group().translate(SEARCH_TABLE), text) if _DIGITS.search(text) else text
    out = []
    # A time of day (٩:٣٠) may be written 9.30, 0930 or 930 hours on the other side.
    for m in _TIME.finditer(folded) if ":" in folded else ():
        hours, minutes = int(m.group(1)), int(m.group(2))
        out.append((text[m.start():m.end()], {hours * 100.0 + minutes, hours + minutes / 100}))
    if out:
        folded = _TIME.sub(lambda m: " " * len(m.group()), folded)
    for m in _NUMBER.finditer(folded):  # digits fold one for one: offsets hold in ``text``
        if m.start() and folded[m.start() - 1] in _CONTINUED_BY:
            continue
        value = _value(m.group(1))
        word = (m.group(2) or "").lower()
        scale = SCALES.get(word.translate(SEARCH_TABLE))
        # An ordinal or a decade ("60th", "1970s") is reported only when its Arabic number is
        # in digits and differs: Arabic often writes these in words.
        written = text[m.start(1):m.end(1)]
        if not arabic and word in _ORDINAL_ENDINGS:
            written += word
        out.append((written, {value, value * scale} if scale else {value}))
    return out


def number_words(arabic: str) -> list[set[float]]:
    """The values of the Arabic's number words (عشرون, ثلاثة آلاف)."""
    bare = set(_MARKS.sub("", arabic).split())
    if bare.isdisjoint(_NUMBER_WORDS) and {w[1:] for w in bare}.isdisjoint(_NUMBER_WORDS):
        return []
    values = (arabic_numbers.text2number(p) for p in arabic_numbers.extract_number_phrases(arabic))
    return [{float(v)} for v in values if v]


_NUMBER_WORDS = frozenset(number_const.NUMBER_WORDS)
_MARKS = re.compile("[" + "".join(sorted(DIACRITICS)) + "]")


def _take(values: set[float], pool: list[tuple[str, set[float]]]) -> bool:
    """Remove the first number of ``pool`` that may stand for one of ``values``."""
    hit = next((i for i, (_, other) in enumerate(pool) if values & other), None)
    if hit is not None:
        del pool[hit]
    return hit is not None


_UNIT_BREAK = "\x00"  # between units in the joined file: cleaned text never holds it


def _spelt(english: str) -> list[tuple[str, set[float]]]:
    """Numbers the English writes in words ("twenty-five", "three thousand"), through text2num."""
    converted = alpha2digit(english, "en")
    if converted == english:
        return []
    pool = numbers(converted, False)
    for _, values in numbers(english, False):  # those in digits were counted already
        _take(values, pool)
    return pool


def _with_digits(units: list[Unit]) -> list[Unit]:
    """The units with a digit on either side, in one C-speed scan of the joined file that
    jumps to the next unit at each unit's first digit (news has many digits per unit)."""
    joined = _UNIT_BREAK.join(f"{u.arabic} {u.english}" for u in units)
    if joined.count(_UNIT_BREAK) != len(units) - 1:  # the break inside a text after all: unit by unit
        return [u for u in units if _ANY_DIGIT.search(u.arabic) or _ANY_DIGIT.search(u.english)]
    found, pos, n = [], 0, 0
    search, count, find = _ANY_DIGIT.search, joined.count, joined.find
    while pos >= 0 and (m := search(joined, pos)):
        n += count(_UNIT_BREAK, pos, m.start())
        found.append(units[n])
        pos = find(_UNIT_BREAK, m.end())
    return found


def run(units: Sequence[Unit], context: QaContext) -> Iterator[Finding]:
    for unit in _with_digits(list(translated(units))):
        source, target = numbers(unit.arabic, True), numbers(unit.english, False)
        if not source and not target:
            continue
        missing = [(written, values) for written, values in source if not _take(values, target)]
        if missing:  # "twenty-five" renders ٢٥ faithfully
            spelt = _spelt(unit.english)
            missing = [(written, values) for written, values in missing if not _take(values, spelt)]
        # English digits left over may render Arabic number words (which never report on their own).
        for values in number_words(unit.arabic) if any(min(v) > SMALL for _, v in target) else ():
            _take(values, target)
        for (was, _), (now, _) in zip(missing, target):
            yield Finding(unit.index, NAME, f"The number {was} in the Arabic is {now} in the English.")
        paired = min(len(missing), len(target))
        for written, _values in missing[paired:]:
            if _value(written.translate(SEARCH_TABLE)) > SMALL:
                yield Finding(unit.index, NAME, f"The number {written} in the Arabic is missing from the English.")
        for written, _values in target[paired:]:
            if written[-1].isdigit() and _value(written) > SMALL:
                yield Finding(unit.index, NAME, f"The number {written} in the English is not in the Arabic.")
