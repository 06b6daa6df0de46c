"""Glossary entries and the merged shipped + user glossary."""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from reader.cleaning import strip_controls

# House styles decide how ISIS-related names are rendered.  Every styled
# rendering stays an accepted variant, so matching does not depend on the style.
HOUSE_STYLES = ("ISIS", "ISIL", "Daesh")
DEFAULT_HOUSE_STYLE = "ISIS"

CATEGORIES = ("organisation", "force", "office", "person", "place", "document", "law", "concept")
# Parts of speech as TBX-Basic spells them.  Only common nouns take attached
# pronouns (تحالفنا, قدراته); names never do.
NOUN = "noun"
PROPER_NOUN = "properNoun"


# A term, note or variant longer than this is not glossary data (a pasted document?).
MAX_FIELD = 2000


class GlossaryError(ValueError):
    """A glossary file or entry that cannot be used; the message is for the user."""


@dataclass(frozen=True)
class Term:
    id: str
    arabic: list[str]
    english: str
    variants: list[str] = field(default_factory=list)
    category: str = "concept"
    note: str = ""
    pos: str = NOUN
    # house style -> rendering, for terms whose rendering follows the style.
    styles: dict[str, str] = field(default_factory=dict)
    source: str = field(default="user", compare=False)

    @property
    def headword(self) -> str:
        return self.arabic[0]

    def in_style(self, style: str) -> "Term":
        rendering = self.styles.get(style)
        if rendering is None or rendering == self.english:
            return self
        return dataclasses.replace(self, english=rendering)

    def english_forms(self) -> list[str]:
        """Every English string that counts as this term, approved first."""
        forms = [self.english, *self.styles.values(), *self.variants]
        return list(dict.fromkeys(f for f in forms if f))


_ID_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")


def make_id(english: str, taken: set[str] | frozenset[str] = frozenset()) -> str:
    """A readable, XML-safe id from an English rendering."""
    base = re.sub(r"[^a-z0-9]+", "-", english.lower()).strip("-") or "term"
    if not base[0].isalpha():
        base = "t-" + base
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def validate_term(term: Term) -> Term:
    """Check a term before it enters a glossary; raise GlossaryError with a readable reason.

    Control characters (a NUL pasted with the term) are dropped: kept, they made every
    later save of the glossary fail.
    """
    term = dataclasses.replace(
        term, arabic=[strip_controls(a) for a in term.arabic if a], english=strip_controls(term.english or ""),
        variants=[strip_controls(v) for v in term.variants], note=strip_controls(term.note),
        category=strip_controls(term.category),
        styles={k: strip_controls(v) for k, v in term.styles.items()})
    for text in (*term.arabic, term.english, *term.variants, term.note):
        if len(text) > MAX_FIELD:
            raise GlossaryError(f"Term {term.id!r} has a field of {len(text):,} characters; "
                                f"a glossary field holds at most {MAX_FIELD:,}.")
    if not _ID_RE.match(term.id or ""):
        raise GlossaryError(f"Term id {term.id!r} must start with a letter and use only letters, digits, '-', '_' or '.'.")
    arabic = [a.strip() for a in term.arabic if a and a.strip()]
    if not arabic:
        raise GlossaryError(f"Term {term.id!r} has no Arabic form.")
    if not term.english or not term.english.strip():
        raise GlossaryError(f"Term {term.id!r} ({arabic[0]}) has no English rendering.")
    for text in (*arabic, term.english, *term.variants, term.note, term.category, *term.styles.values()):
        if "\t" in text or "\n" in text or "\r" in text:
            raise GlossaryError(f"Term {term.id!r} contains a tab or line break, which glossary files cannot hold.")
    for style in term.styles:
        if style not in HOUSE_STYLES:
            raise GlossaryError(f"Term {term.id!r} names unknown house style {style!r} (known: {', '.join(HOUSE_STYLES)}).")
    return dataclasses.replace(term, arabic=arabic, english=term.english.strip(),
                               variants=[v.strip() for v in term.variants if v.strip()])


class Glossary:
    """Shipped terms plus the user's own; a user term with a shipped id replaces it."""

    def __init__(self, shipped: Iterable[Term] = (), user: Iterable[Term] = (), house_style: str = DEFAULT_HOUSE_STYLE):
        self._shipped = [dataclasses.replace(t, source="shipped") for t in shipped]
        self._user = {t.id: dataclasses.replace(t, source="user") for t in user}
        self._house_style = DEFAULT_HOUSE_STYLE
        self.house_style = house_style
        # Bumped on every change so that matchers and views know to rebuild.
        self.revision = 0
        # Set by load_glossary when the user file could not be read.
        self.load_error: str | None = None
        self.user_path: Path | None = None

    # -- reading -------------------------------------------------------
    @property
    def house_style(self) -> str:
        return self._house_style

    @house_style.setter
    def house_style(self, style: str) -> None:
        if style not in HOUSE_STYLES:
            raise GlossaryError(f"Unknown house style {style!r}; choose one of {', '.join(HOUSE_STYLES)}.")
        self._house_style = style
        self.revision = getattr(self, "revision", 0) + 1

    def raw_terms(self) -> list[Term]:
        """Merged terms as stored (not resolved to the house style)."""
        shipped_ids = {t.id for t in self._shipped}
        merged = [self._user.get(t.id, t) for t in self._shipped]
        merged.extend(t for t in self._user.values() if t.id not in shipped_ids)
        return merged

    @property
    def terms(self) -> list[Term]:
        return [t.in_style(self._house_style) for t in self.raw_terms()]

    @property
    def user_terms(self) -> list[Term]:
        return list(self._user.values())

    @property
    def shipped_terms(self) -> list[Term]:
        return list(self._shipped)

    def get(self, term_id: str) -> Term | None:
        term = self._user.get(term_id) or next((t for t in self._shipped if t.id == term_id), None)
        return term.in_style(self._house_style) if term else None

    def __len__(self) -> int:
        return len(self.raw_terms())

    def __iter__(self):
        return iter(self.terms)

    def ids(self) -> set[str]:
        return {t.id for t in self.raw_terms()}

    # -- editing user terms -------------------------------------------
    def add_user_term(self, term: Term) -> Term:
        """Add or replace a user term (a shipped id is overridden, not edited)."""
        term = dataclasses.replace(validate_term(term), source="user")
        self._user[term.id] = term
        self.revision += 1
        return term

    def remove_user_term(self, term_id: str) -> None:
        if term_id not in self._user:
            raise GlossaryError(f"{term_id!r} is not one of your terms; shipped terms cannot be removed.")
        del self._user[term_id]
        self.revision += 1

    def new_id(self, english: str) -> str:
        return make_id(english, self.ids())
