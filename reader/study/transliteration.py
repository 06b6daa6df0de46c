"""Romanisation of Arabic: Buckwalter (lossless, ASCII) and ALA-LC (the library standard).

ALA-LC needs vowels that unvocalised text does not write; for such text it
spells what is there (consonants and long vowels), and callers that know a
vocalisation (the morphological analysis) pass the vocalised form instead.
"""
from __future__ import annotations

from typing import Iterable

from pyarabic import trans

from reader.arabic import strip_diacritics, words

SCHEMES = {"ala-lc": "ALA-LC", "buckwalter": "Buckwalter"}

# pyarabic's table lacks the extended Buckwalter letters used in Quranic and
# Persian-influenced text.
_BUCKWALTER_EXTRA = {"ٱ": "{", "\u0670": "`", "پ": "P", "چ": "J", "ڤ": "V", "گ": "G"}


def buckwalter(text: str) -> str:
    return trans.utf82tim("".join(_BUCKWALTER_EXTRA.get(ch, ch) for ch in text))


FATHA, DAMMA, KASRA, SUKUN, SHADDA = "\u064e", "\u064f", "\u0650", "\u0652", "\u0651"
FATHATAN, DAMMATAN, KASRATAN = "\u064b", "\u064c", "\u064d"
DAGGER_ALEF = "\u0670"
SHORT = {FATHA: "a", DAMMA: "u", KASRA: "i"}

_CONSONANTS = {
    "ء": "ʼ", "أ": "ʼ", "إ": "ʼ", "ؤ": "ʼ", "ئ": "ʼ",
    "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "ḥ", "خ": "kh", "د": "d", "ذ": "dh",
    "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "ṣ", "ض": "ḍ", "ط": "ṭ", "ظ": "ẓ",
    "ع": "ʻ", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n",
    "ه": "h", "و": "w", "ي": "y", "ة": "h",
    "پ": "p", "چ": "ch", "ڤ": "v", "گ": "g", "ک": "k", "ی": "y",
}
_HAMZA_SEATS = {"أ": FATHA, "إ": KASRA}
_TATWEEL = "\u0640"

# ALA-LC joins these prefixes with a hyphen (wa-, bi-, li-, fa-, ka-, al-).
_PROCLITIC_ROMAN = {"و": "wa", "ف": "fa", "ب": "bi", "ل": "li", "ك": "ka", "س": "sa"}


def _letters(word: str) -> list[tuple[str, str]]:
    """(letter, marks) pairs: each base letter with the diacritics written after it."""
    out: list[tuple[str, str]] = []
    for ch in word:
        if ch == _TATWEEL:
            continue
        if out and "\u064b" <= ch <= "\u0652" or out and ch == DAGGER_ALEF:
            out[-1] = (out[-1][0], out[-1][1] + ch)
        else:
            out.append((ch, ""))
    return out


def _vowel(marks: str) -> str:
    for mark, roman in SHORT.items():
        if mark in marks:
            return roman
    return ""


def _romanise_letters(pairs: list[tuple[str, str]], vocalised: bool, after_article: bool) -> str:
    """Romanise one word (without its article); a sun letter's shadda after al- is not doubled."""
    out: list[str] = []
    n = len(pairs)
    prev_vowel = ""  # the short vowel carried by the previous letter ("" = none/sukun)
    for i, (ch, marks) in enumerate(pairs):
        last = i == n - 1
        nxt = pairs[i + 1][0] if not last else ""
        vowel = _vowel(marks)
        if last and vowel and vocalised:
            vowel = ""  # pausal form: case endings are not romanised
        if ch in "اٱ":
            if i == 0:
                out.append(vowel or ("i" if ch == "ٱ" else "a"))
            elif FATHATAN in marks:
                out.append("an")  # tanwin written on the alef itself: ijtimāʻan
            elif last and out and out[-1] == "ū":
                pass  # the silent alef of the plural verb: katabū
            elif prev_vowel != "an":  # the alef after tanwin fath is silent
                if out and out[-1] == "a":
                    out.pop()
                out.append("ā")
            prev_vowel = ""
            continue
        if ch == "آ":
            out.append("ā" if i == 0 else "ʼā")
            prev_vowel = ""
            continue
        if ch == "ى":
            if out and out[-1] == "a":
                out.pop()
            out.append("á")
            prev_vowel = ""
            continue
        if ch in "وي" and i > 0:
            long_v = "ū" if ch == "و" else "ī"
            matching = "u" if ch == "و" else "i"
            if SHADDA in marks and prev_vowel == matching:
                # Nisba and similar: final ـِيّ is ī, medial ـِيّـ is īy (ʻArabī, ʻArabīyah).
                if ch == "ي":
                    out[-1] = "ī" if last else "īy"
                else:
                    out[-1] = "ū" if last else "uww"
                out.append(_vowel(marks) if not last else "")
                prev_vowel = _vowel(marks)
                continue
            if vocalised and prev_vowel == matching and not vowel:
                out[-1] = long_v  # the short vowel and the letter make one long vowel
                prev_vowel = ""
                continue
            if not vocalised and not _is_glide(pairs, i):
                out.append(long_v)
                prev_vowel = ""
                continue
        if ch in _HAMZA_SEATS and i == 0:
            # Initial hamza is not romanised; its seat tells the vowel.
            out.append(vowel or SHORT[_HAMZA_SEATS[ch]])
            prev_vowel = ""
            continue
        if ch == "ة":
            out.append("h" if last or not vowel else "t")
            if vowel:
                out.append(vowel)
            prev_vowel = vowel
            continue
        roman = _CONSONANTS.get(ch)
        if roman is None:
            out.append(ch)
            prev_vowel = ""
            continue
        if SHADDA in marks and not (i == 0 and after_article):
            roman = roman * 2 if len(roman) == 1 else roman + roman
        out.append(roman)
        if DAGGER_ALEF in marks:
            out.append("ā")
            vowel = ""
        if FATHATAN in marks and (last or nxt == "ا" and i + 2 == n):
            out.append("an")
            vowel = "an"
        elif vowel:
            out.append(vowel)
        prev_vowel = vowel
    return "".join(out)


def _is_glide(pairs: list[tuple[str, str]], i: int) -> bool:
    """In unvocalised text, is و/ي at ``i`` a consonant (w/y) rather than a long vowel?"""
    nxt = pairs[i + 1][0] if i + 1 < len(pairs) else ""
    # Before a long alef, or doubled, it is a consonant: "wazīr", "bayān".
    return nxt in ("ا", "و", "ي", "ى")


def _split_article(word: str) -> tuple[str, str, str]:
    """(proclitic letters, article, rest) for the ALA-LC hyphens, on the written word.

    Only a word with the article is split: without it a leading و or ب may
    well be a root letter (وزير, بيان).
    """
    text = "".join(ch for ch in word if not _is_mark(ch))
    if text.startswith("لل") and len(text) > 3:
        return "ل", "ل", _skip_letters(word, 2)
    for n in range(3):
        pro = text[:n]
        if all(ch in "وفبكل" for ch in pro) and "ل" not in pro[:-1] \
                and text[n:n + 2] == "ال" and len(text) - n > 3:
            return pro, "ال", _skip_letters(word, n + 2)
    return "", "", word


def _is_mark(ch: str) -> bool:
    return "\u064b" <= ch <= "\u0652" or ch in (_TATWEEL, DAGGER_ALEF)


def _skip_letters(word: str, count: int) -> str:
    """The rest of ``word`` after its first ``count`` base letters (with their marks)."""
    seen = 0
    for i, ch in enumerate(word):
        if _is_mark(ch):
            continue
        if seen == count:
            return word[i:]
        seen += 1
    return ""


def ala_lc_word(word: str, proclitics: int = 0) -> str:
    """One word; ``proclitics`` = how many leading letters are known to be و ف ب ل ك
    clitics (ALA-LC hyphenates them: wa-, bi-), for words without the article."""
    vocalised = any("\u064b" <= ch <= "\u0652" for ch in word)
    pro, article, rest = _split_article(word)
    if not article and proclitics:
        letters = _letters(word)
        head = [ch for ch, _ in letters[:proclitics]]
        if all(ch in "وفبلك" for ch in head):
            stem = _romanise_letters(letters[proclitics:], vocalised, False)
            return "-".join(_PROCLITIC_ROMAN[ch] for ch in head) + "-" + stem
    parts = [_PROCLITIC_ROMAN[ch] for ch in pro]
    if article:
        if pro == "ل" and article == "ل":  # لل: li + l-
            parts = ["lil"]
        else:
            parts.append("al")
    stem = _romanise_letters(_letters(rest), vocalised, bool(article))
    if parts and parts[-1] in ("al", "lil") and stem:
        return "-".join(parts) + "-" + stem
    return "-".join([*parts, stem]) if parts else stem


def ala_lc(text: str) -> str:
    """ALA-LC romanisation of every Arabic word in ``text``; other characters kept."""
    out: list[str] = []
    pos = 0
    for start, end, word in words(text):
        out.append(text[pos:start])
        out.append(ala_lc_word(word))
        pos = end
    out.append(text[pos:])
    return "".join(out).replace("،", ",").replace("؛", ";").replace("؟", "?")


def transliterate(text: str, scheme: str = "ala-lc") -> str:
    if scheme == "buckwalter":
        return buckwalter(text)
    if scheme == "ala-lc":
        return ala_lc(text)
    raise ValueError(f"unknown transliteration scheme {scheme!r}; choose one of {', '.join(SCHEMES)}")


def word_transliteration(vocalized: str, parts: Iterable[tuple[str, str]], scheme: str = "ala-lc") -> str:
    """A whole word's transliteration; ``parts`` are its (role, text) pieces in order, whose
    leading conjunctions and prepositions ALA-LC writes with a hyphen (wa-, bi-)."""
    if scheme == "buckwalter":
        return buckwalter(vocalized)
    if scheme != "ala-lc":
        raise ValueError(f"unknown transliteration scheme {scheme!r}")
    hyphenated = 0
    for role, text in parts:
        if role not in ("conjunction", "preposition"):
            break
        hyphenated += len(strip_diacritics(text))
    return ala_lc_word(vocalized, hyphenated)

