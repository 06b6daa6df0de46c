"""Bidirectional isolates for mixed Arabic/English lines in Qt's item views.

Item views lay every line out in the widget's direction (left-to-right), so an
Arabic sentence shown as-is ends with its full stop at the right; inside a
right-to-left isolate it reads as Arabic does, full stop at the left.
"""
from __future__ import annotations

RLI, LRI, PDI = "\u2067", "\u2066", "\u2069"


def rtl(text: str) -> str:
    return f"{RLI}{text}{PDI}"


def ltr(text: str) -> str:
    return f"{LRI}{text}{PDI}"


def side(text: str, language: str) -> str:
    """``text`` isolated in the direction of its language ("ar" or "en")."""
    return rtl(text) if language == "ar" else ltr(text)
