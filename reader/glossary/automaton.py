"""The Aho-Corasick automaton both matchers search with."""
from __future__ import annotations

import ahocorasick


def build_automaton(keys: dict[str, list]) -> ahocorasick.Automaton | None:
    """An automaton whose value for each key is (key length, tuple of entries); None if no keys."""
    if not keys:
        return None
    automaton = ahocorasick.Automaton()
    for key, entries in keys.items():
        automaton.add_word(key, (len(key), tuple(entries)))
    automaton.make_automaton()
    return automaton
