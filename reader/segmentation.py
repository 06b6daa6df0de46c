"""Paragraph and sentence segmentation for Arabic (and mixed) text.

Everything works on character offsets into the untouched source, so the
spans of a document tile its text exactly.  The rules are written for news
and diplomatic Arabic: the terminators . ! ? ؟ ؛ … (and "..."), closing quotes
after a terminator, abbreviations such as "د." or "مايكل ر. بومبيو", decimals
and numbered lists.  Qt's QTextBoundaryFinder does well on plain sentences but
splits after those abbreviations and cannot be used from the Qt-free core.
"""
from __future__ import annotations

import re

from reader.arabic import strip_diacritics

# Sentence terminators.  The Arabic semicolon ends a statement in Arabic prose
# as often as a full stop does, so it is treated as a sentence end too.
TERMINATORS = ".!?؟؛…"
CLOSERS = "\"'”’»)]}›"
_WS = " \t\u00a0\u200f\u200e\u202f\u2009\u3000"

# Abbreviations that end with a dot but not a sentence (compared without the dot).
ABBREVIATIONS = frozenset({
    # Arabic titles and units written with a dot
    "د", "م", "ص", "ج", "ه", "ق", "ت", "أ", "س", "ش", "ك", "ر", "ب", "ع",
    "أ.د", "ق.م", "ص.ب", "إلخ", "الخ", "ت.ب", "ر.س", "ج.م.ع",
    # Latin
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "col", "lt", "sgt",
    "vs", "etc", "e.g", "i.e", "no", "u.s", "u.k", "u.n", "a.m", "p.m", "inc", "ltd", "co",
})

_BOUNDARY_RE = re.compile(
    r"(?:\.\.\.|[" + re.escape(TERMINATORS) + r"]+)[" + re.escape(CLOSERS) + r"]*"
    r"(?=[" + _WS + r"]+\S)"
)
_TOKEN_BEFORE_RE = re.compile(r"([\w.\u0610-\u061A\u064B-\u065F\u0670\u0640]+)$")
_NUMBERED_ITEM_RE = re.compile(r"^\s*[(\[]?[0-9\u0660-\u0669]{1,3}$")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Non-blank lines, as (start, end) without the line break.

    The corpus has one paragraph per line; headings and list items are short
    lines of their own, so every non-blank line is a paragraph.
    """
    spans = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85")
        if body.strip(_WS + "\ufeff"):
            spans.append((pos, pos + len(body)))
        pos += len(line)
    return spans


def _is_abbreviation(text: str, dot: int) -> bool:
    m = _TOKEN_BEFORE_RE.search(text, 0, dot)
    if not m:
        return False
    token = strip_diacritics(m.group(1)).replace("\u0640", "").strip(".").lower()
    if token in ABBREVIATIONS:
        return True
    # "1." or "(2." at the start of a line is a list number, not a sentence.
    if _NUMBERED_ITEM_RE.match(text[:dot]):
        return True
    # A lone letter before a dot is an initial ("مايكل ر. بومبيو", "John F. Kennedy").
    return len(token) == 1 and token.isalpha()


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Tight (start, end) spans of the sentences in text[start:end]."""
    end = len(text) if end is None else end
    chunk = text[start:end]
    cuts = [0]
    for m in _BOUNDARY_RE.finditer(chunk):
        mark = m.group()
        if mark == "." and _is_abbreviation(chunk, m.start()):
            continue
        cuts.append(m.end())
    cuts.append(len(chunk))
    spans = []
    for a, b in zip(cuts, cuts[1:]):
        piece = chunk[a:b]
        lead = len(piece) - len(piece.lstrip(_WS + "\ufeff"))
        trail = len(piece) - len(piece.rstrip(_WS))
        if a + lead < b - trail:
            spans.append((start + a + lead, start + b - trail))
    return spans
