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

# Sentence terminators.  The Arabic semicolon (؛) joins clauses much like the
# English semicolon: splitting there cost 1.2 points of precision on FLORES
# (bench/segmentation_flores.py), so it ends a segment only on request.
# An ellipsis (… or ...) trails off inside a sentence far more often than it
# ends one in news text, so it never splits on its own.
TERMINATORS = ".!?؟"
SEMICOLON = "؛"
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

_ARABIC_LETTER = r"\u0621-\u064A"


def _boundary_re(terminators: str) -> re.Pattern:
    # Starting with a plain character class lets the regex engine skip ahead
    # quickly; ellipses and the no-space rule are checked in _is_boundary.
    return re.compile(
        r"[" + re.escape(terminators) + r"]+[" + re.escape(CLOSERS) + r"]*(?=[" + _WS + r"]+\S)"
        r"|\.(?=[" + _ARABIC_LETTER + r"])"
    )


_BOUNDARY_RE = _boundary_re(TERMINATORS)
_BOUNDARY_SEMICOLON_RE = _boundary_re(TERMINATORS + SEMICOLON)
_ARABIC_LETTER_RE = re.compile(r"[" + _ARABIC_LETTER + r"]")


def _is_boundary(chunk: str, m: re.Match) -> bool:
    mark, at = m.group(), m.start()
    before = chunk[at - 1] if at else ""
    if before in ".…" or ".." in mark:
        return False  # an ellipsis
    if not m.end() < len(chunk) or not chunk[m.end()].isspace():
        # A full stop typed without the following space ("والمواقع.وأشار")
        # still ends a sentence when Arabic words stand on both sides of it.
        if not _ARABIC_LETTER_RE.match(before):
            return False
    return not (mark == "." and _is_abbreviation(chunk, at))


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
    m = _TOKEN_BEFORE_RE.search(text, max(0, dot - 40), dot)
    if not m:
        return False
    token = strip_diacritics(m.group(1)).replace("\u0640", "").strip(".").lower()
    if token in ABBREVIATIONS:
        return True
    # "1." or "(2." at the start of a line is a list number, not a sentence.
    if dot <= 6 and _NUMBERED_ITEM_RE.match(text[:dot]):
        return True
    # A lone letter before a dot is an initial ("مايكل ر. بومبيو", "John F. Kennedy").
    return len(token) == 1 and token.isalpha()


def sentence_spans(text: str, start: int = 0, end: int | None = None,
                   split_semicolon: bool = False) -> list[tuple[int, int]]:
    """Tight (start, end) spans of the sentences in text[start:end]."""
    end = len(text) if end is None else end
    chunk = text[start:end]
    cuts = [0]
    pattern = _BOUNDARY_SEMICOLON_RE if split_semicolon else _BOUNDARY_RE
    for m in pattern.finditer(chunk):
        if _is_boundary(chunk, m):
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
