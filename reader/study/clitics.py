"""Splitting an Arabic word into its clitics: و + بـ + الـ + stem + pronoun.

The split follows the morphological analysis when there is one (its prefix and
suffix tags say which letters are clitics); for words the analyser does not
know (names such as داعش) it strips the clitic inventories of
``reader.arabic`` and keeps the split only when the remaining stem is a known
word, so that the و of وزير is never taken for "and".
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from reader.arabic import (ARTICLE, CONJUNCTIONS, ENCLITICS, FUTURE, HARAKAT, NON_JOINING, PREPOSITIONS,
                           PROCLITIC_LETTERS, normalize)
from reader.study.morphology import Analysis

_PROCLITIC_GLOSS = {
    ("و", "CONJ"): "and", ("ف", "CONJ"): "so, then", ("ب", "PREP"): "with, by, in",
    ("ل", "PREP"): "to, for", ("ك", "PREP"): "like, as", ("ال", "DET"): "the",
    ("س", "FUT"): "will", ("ل", "EMPHATIC_PARTICLE"): "indeed", ("ل", "SUBJUNC"): "in order to",
    ("ل", "RESULT_CLAUSE_PARTICLE"): "then",
}
_PROCLITIC_ROLE = {"CONJ": "conjunction", "PREP": "preposition", "DET": "article", "FUT": "future",
                   "EMPHATIC_PARTICLE": "particle", "SUBJUNC": "particle",
                   "RESULT_CLAUSE_PARTICLE": "particle"}
_DEFAULT_PROCLITIC_TAG = {**dict.fromkeys(CONJUNCTIONS, "CONJ"), **dict.fromkeys(PREPOSITIONS, "PREP"),
                          FUTURE: "FUT"}
_PERSON_GLOSS = {
    "1S": "my, me", "1P": "our, us", "2MS": "your", "2FS": "your (f.)", "2D": "your (two)",
    "2MP": "your (pl.)", "2FP": "your (f. pl.)", "3MS": "his, its, him", "3FS": "her, its",
    "3D": "their (two)", "3MP": "their, them", "3FP": "their, them (f.)",
}
_ENCLITIC_PERSON = {"ه": "3MS", "ها": "3FS", "هما": "3D", "هم": "3MP", "هن": "3FP", "ك": "2MS",
                    "كما": "2D", "كم": "2MP", "كن": "2FP", "نا": "1P", "ني": "1S", "ي": "1S"}
_MARKS = HARAKAT | {"\u0640"}


@dataclass(frozen=True)
class Part:
    text: str    # as written in the word (diacritics kept)
    role: str    # "conjunction", "preposition", "article", "future", "particle", "stem", "pronoun"
    gloss: str = ""

    @property
    def label(self) -> str:
        """How the popup shows a clitic: with a tatweel where it joins (بـ, الـ, ـها)."""
        if self.role == "stem":
            return self.text
        if self.role == "pronoun":
            return "ـ" + self.text
        return self.text + "ـ" if self.text[-1:] not in NON_JOINING else self.text


def letter_slices(word: str) -> list[str]:
    """The word cut after each base letter, each letter keeping its diacritics."""
    out: list[str] = []
    for ch in word:
        if ch in _MARKS and out:
            out[-1] += ch
        else:
            out.append(ch)
    return out


def assemble_parts(word: str, pro: list[tuple[int, str, str]], stem_gloss: str,
              enc: tuple[int, str] | None) -> list[Part]:
    """Cut ``word`` into parts: ``pro`` = (letters, role, gloss) each, ``enc`` = (letters, gloss)."""
    letters = letter_slices(word)
    parts: list[Part] = []
    i = 0
    for n, role, gloss in pro:
        parts.append(Part("".join(letters[i:i + n]), role, gloss))
        i += n
    end = len(letters) - (enc[0] if enc else 0)
    parts.append(Part("".join(letters[i:end]), "stem", stem_gloss))
    if enc:
        parts.append(Part("".join(letters[end:]), "pronoun", enc[1]))
    return parts


def _unvocalised_length(buck_piece: str) -> int:
    # Buckwalter vowels/marks: a u i o ~ F N K ` ; "(null)" is an empty morpheme.
    if buck_piece == "(null)":
        return 0
    return sum(ch not in "auio~FNK`" for ch in buck_piece)


def split_from_analysis(word: str, analysis: Analysis) -> list[Part] | None:
    """The clitic split an analysis implies, or None if it does not fit the word's letters."""
    pro: list[tuple[int, str, str]] = []
    for piece in filter(None, analysis.prefix.pos.split("+")):
        buck, _, tag = piece.partition("/")
        if tag not in _PROCLITIC_ROLE:
            break  # a verb's person prefix belongs to the stem
        n = _unvocalised_length(buck)
        letters = normalize("".join(letter_slices(word)[sum(p[0] for p in pro):][:n]))
        gloss = _PROCLITIC_GLOSS.get((letters, tag)) or ("the" if tag == "DET" else analysis.prefix.gloss)
        pro.append((n, _PROCLITIC_ROLE[tag], gloss))
    # لل is li + al with the article's alef dropped: the pieces count one letter too many.
    excess = sum(p[0] for p in pro) - len(letter_slices(strip_marks(analysis.prefix.arabic)))
    if excess > 0 and pro and pro[-1][1] == "article":
        n, role, gloss = pro[-1]
        pro[-1] = (n - excess, role, gloss)
    enc = None
    pieces = [p for p in analysis.suffix.pos.split("+") if p]
    if pieces:
        buck, _, tag = pieces[-1].partition("/")
        if "PRON" in tag or "_DO:" in tag:
            person = tag.rsplit("_", 1)[-1].split(":")[-1]
            enc = (_unvocalised_length(buck), _PERSON_GLOSS.get(person, ""))
    total = sum(p[0] for p in pro) + (enc[0] if enc else 0)
    if total >= len(letter_slices(word)):
        return None
    return assemble_parts(word, pro, analysis.stem.gloss.replace(";", "; "), enc)


def strip_marks(text: str) -> str:
    return "".join(ch for ch in text if ch not in _MARKS)


def compatible(word: str, vocalized: str) -> bool:
    """Do the diacritics written on ``word`` agree with a full vocalisation of it?"""
    written, full = letter_slices(word), letter_slices(vocalized)
    if len(written) != len(full):
        return True  # letters differ (e.g. a dropped alef): nothing to compare
    for i, (w, f) in enumerate(zip(written, full)):
        # The lexicon writes no sukun, no sun-letter shadda after the article and
        # often no case ending.
        # Tanwin fath sits on the alef or on the letter before it, by convention.
        ignored = {"\u0652", "\u064b"} | ({"\u0651"} if i and full[i - 1][0] == "ل" and
                                 full[i - 2 if i > 1 else 0][0] == "ا" else set())
        if i == len(full) - 1:
            ignored |= set("\u064b\u064c\u064d\u064e\u064f\u0650")  # case endings: often absent
        if not set(w[1:]) - ignored <= set(f[1:]):
            return False
    return True


def split_by_inventory(word: str, known: Callable[[str], bool]) -> list[Part]:
    """Strip proclitics, article and one pronoun while the stem stays a ``known`` word."""
    norm = normalize(strip_marks(word))
    candidates: list[tuple[list[tuple[int, str, str]], int, str]] = []
    for pro in _proclitic_options(norm):
        rest = norm[sum(n for n, _, _ in pro):]
        for enc in ("", *ENCLITICS):
            # an enclitic never follows the article
            if enc and (not rest.endswith(enc) or any(r == "article" for _, r, _ in pro)):
                continue
            stem = rest[:len(rest) - len(enc)]
            if len(stem) >= 2 and (pro or enc) and known(stem):
                candidates.append((pro, len(enc), enc))
    if not candidates:
        return [Part(word, "stem")]
    # The fewest letters stripped is the safest reading.
    pro, enc_len, enc = min(candidates, key=lambda c: sum(n for n, _, _ in c[0]) + c[1])
    person = _ENCLITIC_PERSON.get(enc, "")
    return assemble_parts(word, pro, "", (enc_len, _PERSON_GLOSS.get(person, "")) if enc_len else None)


def _proclitic_options(norm: str) -> list[list[tuple[int, str, str]]]:
    """Every plausible stack of proclitics (and article) at the start of a normalised word."""
    options: list[list[tuple[int, str, str]]] = [[]]

    def extend(stack, pos, conj_done, prep_done):
        for letter in PROCLITIC_LETTERS:
            if not norm.startswith(letter, pos):
                continue
            tag = _DEFAULT_PROCLITIC_TAG[letter]
            if tag == "CONJ" and (conj_done or prep_done) or tag != "CONJ" and prep_done:
                continue
            entry = (1, _PROCLITIC_ROLE[tag], _PROCLITIC_GLOSS[(letter, tag)])
            new = [*stack, entry]
            # ل + ال is written لل: the article's alef drops.
            if letter == "ل" and norm.startswith("ل", pos + 1):
                options.append([*new, (1, "article", "the")])
            options.append(new)
            extend(new, pos + 1, True, prep_done or tag != "CONJ")
        if norm.startswith(ARTICLE, pos):
            options.append([*stack, (2, "article", "the")])

    extend([], 0, False, False)
    return options


def stem_candidates(norm: str) -> set[str]:
    """A normalised word and the forms left by stripping clitics (for marking saved words)."""
    out = {norm}
    for pro in _proclitic_options(norm):
        rest = norm[sum(n for n, _, _ in pro):]
        for enc in ("", *ENCLITICS):
            if rest.endswith(enc) and len(rest) - len(enc) >= 2:
                out.add(rest[:len(rest) - len(enc)])
    return out
