"""Paired punctuation: a bracket or quotation mark the English opens and never closes (or the reverse).

The Arabic is checked the same way: English that mirrors an unbalanced source is faithful.
"""
from __future__ import annotations

import re
from typing import Iterator, Sequence

from reader.qa.model import Finding, QaContext, Unit, translated

NAME = "punctuation"
# Opening → closing mark; the ornate parentheses are the Arabic script's own.
PAIRS = {"(": ")", "[": "]", "{": "}", "“": "”", "«": "»", "\ufd3e": "\ufd3f"}
_CLOSERS = {close: open_ for open_, close in PAIRS.items()}
# Marks that open and close alike: only their count tells.
SYMMETRIC = ('"',)
_MARKS = re.compile("[" + re.escape("".join(PAIRS) + "".join(_CLOSERS) + "".join(SYMMETRIC)) + "]")


def unbalanced(text: str) -> list[str]:
    """The marks of ``text`` left open or closed without opening, in the order met."""
    stack: list[str] = []
    stray: list[str] = []
    for ch in _MARKS.findall(text):
        if ch in PAIRS:
            stack.append(ch)
        elif ch in _CLOSERS:
            if stack and stack[-1] == _CLOSERS[ch]:
                stack.pop()
            elif _CLOSERS[ch] in stack:  # an inner mark was left open
                while stack[-1] != _CLOSERS[ch]:
                    stray.append(stack.pop())
                stack.pop()
            else:
                stray.append(ch)
    stray.extend(stack)
    stray.extend(mark for mark in SYMMETRIC if text.count(mark) % 2)
    return stray


def _kind(mark: str) -> str:
    """Quotes are one kind whatever their shape: Arabic «» may become English “” or \"."""
    return "quote" if mark in "“”«»\"" else PAIRS.get(mark, mark) if mark in PAIRS else _CLOSERS.get(mark, mark)


def run(units: Sequence[Unit], context: QaContext) -> Iterator[Finding]:
    for unit in translated(units):
        stray = unbalanced(unit.english)
        if not stray:
            continue
        source = {_kind(m) for m in unbalanced(unit.arabic)}
        for mark in dict.fromkeys(stray):
            if _kind(mark) in source:
                continue
            what = "closed without being opened" if mark in _CLOSERS else "left open"
            if mark in SYMMETRIC:
                what = "unpaired"
            yield Finding(unit.index, NAME, f"The English has {mark} {what}.")
