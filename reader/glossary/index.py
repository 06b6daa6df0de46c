"""The glossary the running app uses: loaded once, rebuilt when the user changes it.

Highlighting, terminology enforcement, word lookup and search all query this one
object, so a term added a moment ago or a new house style reaches all of them at
once.  Listeners hear of every rebuild (Qt-free; the UI relays it as a signal).
"""
from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Callable, Sequence

from reader.corpus import load_manifest
from reader.glossary.arabic_matcher import ArabicMatcher, Match
from reader.glossary.english_matcher import EnglishMatch, EnglishMatcher, link
from reader.glossary.model import DEFAULT_HOUSE_STYLE, HOUSE_STYLES, Glossary, Term
from reader.glossary.store import import_terms, load_glossary, save_house_style, save_user_terms

log = logging.getLogger(__name__)


class GlossaryIndex:
    def __init__(self, loader: Callable[[], Glossary] = load_glossary):
        self._loader = loader
        self._listeners: list[Callable[[], None]] = []
        self.version = 0
        self.glossary = loader()
        self._build()

    def _build(self) -> None:
        self.arabic = ArabicMatcher(self.glossary)
        self.english = EnglishMatcher(self.glossary)
        self._styled: list[tuple[str, str, str]] | None = None
        self._concordance: dict[str, list[tuple[str, str, int, str]]] | None = None
        self.version += 1

    @property
    def load_error(self) -> str | None:
        return self.glossary.load_error

    @property
    def house_style(self) -> str:
        return self.glossary.house_style

    def subscribe(self, listener: Callable[[], None]) -> None:
        self._listeners.append(listener)

    def _changed(self) -> None:
        self._build()
        for listener in list(self._listeners):
            try:
                listener()
            except Exception:  # one failing listener must not stop the others
                log.exception("glossary listener failed")

    # --- queries -------------------------------------------------------------------
    def linked_matches(self, arabic: str, english: str, link_prefix: str
                       ) -> tuple[list[tuple[Match, str | None]], list[tuple[EnglishMatch, str | None]]]:
        """Term matches on both sides of a segment, each with the id linking it to its other side."""
        return self.link_matches(self.arabic.find(arabic), english, link_prefix)

    def link_matches(self, ar: Sequence[Match], english: str, link_prefix: str
                     ) -> tuple[list[tuple[Match, str | None]], list[tuple[EnglishMatch, str | None]]]:
        """:meth:`linked_matches` for Arabic matches found already (reader.glossary.occurrences)."""
        en = self.english.find(english) if english else []
        links_ar: dict[int, str] = {}
        links_en: dict[int, str] = {}
        for n, (a, e) in enumerate(link(ar, en)):
            links_ar[a.start] = links_en[e.start] = f"{link_prefix}:{n}"
        return [(m, links_ar.get(m.start)) for m in ar], [(m, links_en.get(m.start)) for m in en]

    def concordance(self, term_id: str) -> list[tuple[str, str, int, str]]:
        """(doc id, title, segment, Arabic) of every library sentence holding the term."""
        if self._concordance is None:
            self._concordance = {}
            for entry in load_manifest():
                try:
                    doc = entry.load()
                except Exception as exc:  # a damaged library file must not break the glossary
                    log.warning("concordance skips %s: %s", entry.doc_id, exc)
                    continue
                for seg in doc.segments:
                    for m in self.arabic.find(seg.text):
                        self._concordance.setdefault(m.term_id, []).append(
                            (entry.doc_id, entry.title_en or entry.title_ar, seg.index, seg.text))
        return self._concordance.get(term_id, [])

    def mixed_styles(self, texts: list[str]) -> list[str]:
        """The house styles used in ``texts`` when there is more than one (ISIS beside Daesh), else []."""
        used = [style for style, n in self.styles_used(texts).items() if n]
        return used if len(used) > 1 else []

    # --- the changes that rebuild it -------------------------------------------
    def reload(self) -> None:
        self.glossary = self._loader()
        self._changed()

    def add_term(self, term: Term) -> Term:
        """Add a user term and save it; raises GlossaryError/OSError with a message for the user."""
        term = self.glossary.add_user_term(term)
        save_user_terms(self.glossary)
        self._changed()
        return term

    def import_file(self, path: str | Path, skip_bad: bool = False) -> list[Term]:
        added = import_terms(self.glossary, path, skip_bad=skip_bad)
        self._changed()
        return added

    def set_house_style(self, style: str) -> None:
        save_house_style(style)
        self.glossary.house_style = style
        self._styled = None
        self._changed()

    # --- house style over English text ------------------------------------------
    def _renderings(self) -> list[tuple[str, str, str]]:
        """(rendering, its style, the current style's rendering) for every styled term, longest first."""
        if self._styled is not None:
            return self._styled
        out = []
        for term in self.glossary.raw_terms():
            if not term.styles:
                continue
            wanted = term.in_style(self.house_style).english
            by_style = {DEFAULT_HOUSE_STYLE: term.english, **term.styles}
            for style, rendering in by_style.items():
                if list(by_style.values()).count(rendering) == 1:
                    out.append((rendering, style, wanted))
        self._styled = sorted(out, key=lambda r: -len(r[0]))
        return self._styled

    def restyle(self, english: str) -> str:
        """``english`` with every styled rendering (ISIS/ISIL/Daesh...) in the current house style."""
        table = {r: wanted for r, _, wanted in self._renderings() if r != wanted and r in english}
        if not table:
            return english
        pattern = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, table)) + r")(?!\w)")
        return pattern.sub(lambda m: table[m.group(1)], english)

    def styles_used(self, texts: list[str]) -> dict[str, int]:
        """How many of ``texts`` use each house style's own renderings (for the mixed-style warning)."""
        renderings = self._renderings()
        used = dict.fromkeys(HOUSE_STYLES, 0)
        for text in texts:
            for style in {style for r, style, _ in renderings if _has_word(text, r)}:
                used[style] += 1
        return used


def describe(term: Term, match: Match | None = None) -> str:
    """A term as a tooltip shows it: English · headword, category, the clitic split, the note."""
    lines = [f"{term.english}  ·  {term.headword}", f"{term.category}"]
    if match is not None and match.split() != match.surface:
        lines.append(match.split())
    if term.note:
        lines.append(term.note)
    return "\n".join(lines)


def _word_re(phrase: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)")


def _has_word(text: str, phrase: str) -> bool:
    return phrase in text and _word_re(phrase).search(text) is not None
