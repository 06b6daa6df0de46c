"""English spell-checking for post-editing (Qt-free): Hunspell's en_US dictionary through Enchant.

Words the glossary renders (ISIS, Daesh, Tabqa...) and the user's own words are never
flagged; the user's words are saved atomically in the data folder.  Without the library or
the dictionary, :attr:`SpellChecker.error` says so in one sentence and nothing is flagged.
"""
from __future__ import annotations

import logging
import re
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader import atomic
from reader.paths import data_dir

if TYPE_CHECKING:
    from reader.glossary.index import GlossaryIndex

log = logging.getLogger(__name__)

LANGUAGE = "en_US"
# A word: letters with inner apostrophes or hyphen-free contractions (don't, Coalition's).
WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
MAX_SUGGESTIONS = 6
UNAVAILABLE = ("Spell-checking is off: {reason} Install the system's en_US Hunspell dictionary "
               "(Debian: hunspell-en-us) and Enchant (libenchant-2-2); editing works as before.")


def open_dictionary() -> tuple[Any, str]:
    """The en_US dictionary, or None and why not."""
    try:
        import enchant
    except ImportError:  # pyenchant missing, or its C library (Enchant) not installed
        return None, UNAVAILABLE.format(reason="the Enchant spelling library is not installed.")
    try:
        return enchant.Dict(LANGUAGE), ""
    except enchant.errors.Error:
        return None, UNAVAILABLE.format(reason=f"no {LANGUAGE} dictionary was found.")


class SpellChecker:
    def __init__(self, glossary: "GlossaryIndex | None" = None, words_path: Path | None = None):
        self._dictionary, self.error = open_dictionary()
        self._glossary = glossary
        self._glossary_version = -1
        self._glossary_words: frozenset[str] = frozenset()
        self.words_path = words_path or data_dir() / "spelling-words.txt"
        self.user_words = self._load_user_words()
        self._cache: dict[str, bool] = {}
        # Suggestions take tens of milliseconds, so the UI asks for them in a worker thread;
        # Hunspell is not thread-safe, so that thread gets a dictionary of its own.
        self._suggester: Any = None
        self._suggest_lock = threading.Lock()

    @property
    def available(self) -> bool:
        return self._dictionary is not None

    def _load_user_words(self) -> set[str]:
        try:
            return {w.strip() for w in self.words_path.read_text(encoding="utf-8").splitlines() if w.strip()}
        except FileNotFoundError:
            return set()
        except (OSError, UnicodeDecodeError) as exc:  # unreadable: start empty, never overwrite blindly
            log.warning("user spelling words not read from %s: %s", self.words_path, exc)
            return set()

    def _known_to_glossary(self, word: str) -> bool:
        index = self._glossary
        if index is None:
            return False
        if index.version != self._glossary_version:  # a term was added or imported
            forms = (form for term in index.glossary.raw_terms() for form in term.english_forms())
            self._glossary_words = frozenset(w.casefold() for form in forms for w in WORD_RE.findall(form))
            self._glossary_version = index.version
            self._cache.clear()
        return word.casefold() in self._glossary_words

    def correct(self, word: str) -> bool:
        if self._dictionary is None:
            return True
        known = self._cache.get(word)
        if known is None:
            plain = word.replace("’", "'")
            # "Daesh's" is right when "Daesh" is a glossary or user word.
            stem = plain[:-2] if plain.endswith("'s") else plain[:-1] if plain.endswith("s'") else plain
            known = (plain in self.user_words or stem in self.user_words or self._known_to_glossary(stem)
                     or bool(self._dictionary.check(plain)))
            self._cache[word] = known
        return known

    def misspelt(self, text: str) -> list[tuple[int, int]]:
        """[start, end) of every misspelt word of ``text``."""
        if self._dictionary is None:
            return []
        self._known_to_glossary("")  # pick up glossary changes before the cache is used
        return [(m.start(), m.end()) for m in WORD_RE.finditer(text) if not self.correct(m.group())]

    def suggestions(self, word: str) -> list[str]:
        """Likely corrections, best first (safe to call from a worker thread)."""
        if self._dictionary is None:
            return []
        with self._suggest_lock:
            if self._suggester is None:
                self._suggester, _ = open_dictionary()
            return list(self._suggester.suggest(word.replace("’", "'")))[:MAX_SUGGESTIONS]

    def add(self, word: str) -> None:
        """Never flag ``word`` again (saved at once; raises OSError if the file cannot be written)."""
        self.user_words.add(word.replace("’", "'"))
        self._cache.clear()
        atomic.write_text(self.words_path, "".join(f"{w}\n" for w in sorted(self.user_words)))
