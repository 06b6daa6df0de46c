"""Glossary intelligence: shipped + user terminology, Arabic and English term matching, TBX/CSV/TSV."""
from reader.glossary.arabic_matcher import ArabicMatcher, Match
from reader.glossary.english_matcher import EnglishMatch, EnglishMatcher, link
from reader.glossary.model import (CATEGORIES, DEFAULT_HOUSE_STYLE, HOUSE_STYLES, Glossary, GlossaryError,
                                   Term)
from reader.glossary.store import (import_terms, load_glossary, read_glossary_file, save_house_style,
                                   save_user_terms, write_glossary_file)

__all__ = [
    "ArabicMatcher", "Match", "EnglishMatcher", "EnglishMatch", "link", "Glossary", "GlossaryError", "Term",
    "CATEGORIES", "HOUSE_STYLES", "DEFAULT_HOUSE_STYLE", "load_glossary", "save_user_terms", "save_house_style",
    "import_terms", "read_glossary_file", "write_glossary_file",
]
