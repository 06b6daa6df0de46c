"""Bidirectional isolates for mixed Arabic/English lines in Qt's item views, labels and menus.

Item views lay every line out in the widget's direction (left-to-right), so an
Arabic sentence shown as-is ends with its full stop at the right; inside a
right-to-left isolate it reads as Arabic does, full stop at the left.

Without isolates the neighbours of an Arabic run are read as part of it: in
"هجمات ١١ سبتمبر — 9/11 attacks" the European digits after the Arabic join its
right-to-left run and "9/11" lands left of the Arabic; in English holding an
Arabic word, a number after the word jumps before it. Each language's run is
isolated (:func:`english` isolates the Arabic inside an English line).
"""
from __future__ import annotations

import re

RLI, LRI, FSI, PDI = "\u2067", "\u2066", "\u2068", "\u2069"

_ARABIC = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc"
# An Arabic run inside English: Arabic letters and digits, and what stands between two of them
# (spaces, digits, punctuation) when more Arabic follows.
_ARABIC_RUN = re.compile(f"[{_ARABIC}]+(?:[\\s\\d.,:;!?'\"()\\[\\]«»/\\-–—]+[{_ARABIC}]+)*")
_PAIRS = {"(": ")", "[": "]", "«": "»"}


def rtl(text: str) -> str:
    return f"{RLI}{text}{PDI}"


def ltr(text: str) -> str:
    return f"{LRI}{text}{PDI}"


def auto(text: str) -> str:
    """``text`` isolated in the direction of its first letter: a document's name is Arabic, or
    English (a file's name)."""
    return f"{FSI}{text}{PDI}"


def side(text: str, language: str) -> str:
    """``text`` isolated in the direction of its language ("ar" or "en")."""
    return rtl(text) if language == "ar" else english(text)


def arabic_runs(text: str) -> str:
    """``text`` with each run of Arabic in a right-to-left isolate (a bracket that opens or closes
    inside the run goes with it), the rest as it was."""
    out, pos = [], 0
    for m in _ARABIC_RUN.finditer(text):
        start, end = m.span()
        run = text[start:end]
        for opener, closer in _PAIRS.items():
            if run.count(opener) > run.count(closer) and text[end:end + 1] == closer:
                end += 1
            elif run.count(closer) > run.count(opener) and start > pos and text[start - 1] == opener:
                start -= 1
        out += [text[pos:start], rtl(text[start:end])]
        pos = end
    out.append(text[pos:])
    return "".join(out)


def english(text: str) -> str:
    """An English line (a finding, a memory's English, a model's output) left to right, each
    Arabic run in it isolated right to left."""
    return ltr(arabic_runs(text))


def menu_text(text: str) -> str:
    """``text`` as a menu entry shows it: "&" is not a shortcut mark ("AT&T", "Daesh & ISIS")."""
    return text.replace("&", "&&")
