"""Where the gloss line's English goes under each Arabic word, and the room it needs.

A gloss no wider than its word is centred under it; a wider one starts under the word's
first letter (its right edge) and runs on under the space after it, which is widened to
fit, so glosses never overlap and the Arabic still wraps and shapes as one text.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any, Callable

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QTextCharFormat, QTextLayout, QTextLine

from reader.alignments import Gloss

GAP = 8.0  # between one gloss and the next


def spacing(text: str, font: QFont, glosses: list[Gloss],
            font_for: Callable[[bool], QFont]) -> list[QTextLayout.FormatRange]:
    """Word spacing for the spaces after words whose gloss is wider than the word."""
    words = QFontMetricsF(font)
    out = []
    for gloss in glosses:
        small = QFontMetricsF(font_for(gloss.aligned))
        overhang = small.horizontalAdvance(gloss.text) - words.horizontalAdvance(text[gloss.start:gloss.end])
        if overhang <= 0:
            continue
        first = gloss.end
        while first < len(text) and not text[first].isspace():  # punctuation stays on its word
            first += 1
        last = first
        while last < len(text) and text[last].isspace():
            last += 1
        extra = overhang + GAP - words.horizontalAdvance(text[gloss.end:last])
        if last == first or extra <= 0:
            continue
        fmt = QTextCharFormat()
        fmt.setFontWordSpacing(extra / (last - first))
        rng = QTextLayout.FormatRange()
        rng.start, rng.length, rng.format = first, last - first, fmt
        out.append(rng)
    return out


def places(layout: QTextLayout, glosses: list[Gloss], font_for: Callable[[bool], QFont],
           width: float) -> list[tuple[Gloss, QPointF]]:
    """Each gloss (elided where the line ends) and its baseline point in the layout."""
    out = []
    for gloss in glosses:
        line = layout.lineForTextPosition(gloss.start)
        if not line.isValid():
            continue
        metrics = QFontMetricsF(font_for(gloss.aligned))
        a, b = _x(line, gloss.start), _x(line, gloss.end)
        left, right = min(a, b), max(a, b)
        text = gloss.text
        wide = metrics.horizontalAdvance(text)
        if wide <= right - left:
            x = left + (right - left - wide) / 2
        else:
            x = right - wide
            if x < 0 or right > width:  # the last word of a line: keep inside the column
                text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, min(right, width))
                x = max(0.0, min(right, width) - metrics.horizontalAdvance(text))
        out.append((replace(gloss, text=text), QPointF(x, line.y() + line.height() + metrics.ascent())))
    return out


def _x(line: QTextLine, position: int) -> float:
    found: Any = line.cursorToX(position)  # PySide6 returns (x, position) or x by version
    return float(found[0] if isinstance(found, tuple) else found)
