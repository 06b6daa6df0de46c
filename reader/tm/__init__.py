"""Translation memory: the user's Arabic→English pairs (edited and approved segments of every
document, imported TMX files) in SQLite, with fuzzy lookup on normalised, clitic-aware tokens."""
from __future__ import annotations

from reader.tm.memory import Match, TmError, TranslationMemory, Unit, default_path

__all__ = ["Match", "TmError", "TranslationMemory", "Unit", "default_path"]
