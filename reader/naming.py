"""What a document is called wherever a person sees it (library, window title, header, exports,
the memory's and QA's mentions of it): its title, or, when it has none a person can see, the
first words of its text.

A pasted text often starts with a right-to-left mark or a line of spaces, and a document made
from text alone has no title at all: the library showed an empty line above its progress, the
window "Untitled", and QA named it by its internal id ("doc_1a2b3c…").
"""
from __future__ import annotations

import time
import unicodedata
from typing import Iterator

NAME_CHARS = 60  # a title longer than this is cut at a word and ends with "…"
UNTITLED = "Untitled document"


def visible(text: str) -> str:
    """``text`` without the white space and invisible format characters (bidi marks and isolates,
    zero-width joiners, BOM) at its ends; "" when nothing a person can see is left."""
    start, end = 0, len(text)
    while start < end and _invisible(text[start]):
        start += 1
    while end > start and _invisible(text[end - 1]):
        end -= 1
    return text[start:end]


def _invisible(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch) == "Cf"


def first_words(text: str, limit: int = NAME_CHARS) -> str:
    """The first line of ``text`` with something visible on it, cut at a word within ``limit``."""
    line = next((shown for ln in _lines(text) if (shown := visible(ln))), "")
    if len(line) <= limit:
        return line
    cut = line[:limit]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ،,.:;-") + "…"


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` one at a time: a name is read off the top of a long document."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        yield text[start:end]
        start = end + 1


def document_name(title: str, text: str = "") -> str:
    """The title when it shows something, else the first words of the text, else "Untitled document"."""
    return visible(title) or first_words(text) or UNTITLED


def pasted_name(when: float) -> str:
    """A pasted text known only by when it came in: "Pasted text, 29 Nov 2026"."""
    day = time.localtime(when)
    return f"Pasted text, {day.tm_mday} {time.strftime('%b %Y', day)}"
