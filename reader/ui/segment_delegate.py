"""Paints one segment row: English on the left, Arabic (right-to-left) on the right.

Text is laid out with QTextLayout so that Arabic is shaped by HarfBuzz, wraps
by words, and can carry per-character formats (glossary and search spans).
Heights are cached per (row, width, zoom) because the list asks for them
often while scrolling.  Laid-out texts are cached too, keyed by everything that decides
them (text, fonts, width, glosses, spans): a row is measured and then painted, and painted
again on every hover, and the gloss line's spacing costs a font measurement per word.
"""
from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, replace
from typing import Callable, Hashable, TypeVar

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (QColor, QFont, QFontMetricsF, QImage, QPainter, QTextCharFormat, QTextLayout,
                           QTextOption)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate

from reader.alignments import Gloss, Lit
from reader.bidi import is_rtl
from reader.theme_colours import LIGHT, Colours, mix
from reader.ui import gloss_line
from reader.ui.segment_model import SegmentModel
from reader.ui.spans import Span, remap

PAD_X, PAD_Y = 14.0, 6.0
# The status letter (M, E, A…) sits in the gutter side by side; interlinear rows have no
# gutter, so their text starts this much further right to leave it a column of its own.
LETTER_W = 12.0
GUTTER = 28.0
PARAGRAPH_GAP = 14.0
# Layout modes: the two languages in columns, or English under each Arabic sentence.
SIDE_BY_SIDE, INTERLINEAR = "side-by-side", "interlinear"
LINE_GAP = 4.0  # between an Arabic text and the line(s) stacked under it
ON_TOP = frozenset({"find", "find_current"})  # span backgrounds painted over all others
_T = TypeVar("_T")
KEPT_LAYOUTS = 600  # a few screens of rows, every side: enough to scroll back and forth


@dataclass(frozen=True)
class Run:
    """A stretch of a row's text as painted: its colours and what it is."""

    side: str
    start: int
    end: int
    foreground: str
    background: str


class _Laid:
    """A laid-out text and, worked out when first painted, where its glosses go."""

    def __init__(self, layout: QTextLayout, glosses: list[Gloss], width: float):
        self.layout, self._glosses, self._width = layout, glosses, width
        self._places: list[tuple[Gloss, QPointF]] | None = None

    def places(self, font_for: Callable[[bool], QFont]) -> list[tuple[Gloss, QPointF]]:
        if self._places is None:
            self._places = gloss_line.places(self.layout, self._glosses, font_for, self._width)
        return self._places


class SegmentDelegate(QStyledItemDelegate):
    def __init__(self, view, arabic_font: QFont, english_font: QFont):
        super().__init__(view)
        self.view = view
        self.theme: Colours = LIGHT
        self.arabic_font = arabic_font
        self.english_font = english_font
        self._heights: dict[tuple, float] = {}
        # Laid-out texts (and their glosses' places), most recently used last.
        self._layouts: OrderedDict[Hashable, _Laid] = OrderedDict()
        # The gloss line's word spacing, shared by a row's measured and painted layouts.
        self._spacings: OrderedDict[Hashable, list[QTextLayout.FormatRange]] = OrderedDict()
        self.layout_mode = SIDE_BY_SIDE
        # Optional fn(row) -> str shown in a small line under the Arabic (transliteration).
        self.extra_line = None
        # Optional fn(row) -> glosses printed under each Arabic word (reader.ui.gloss_line).
        self.glosses: Callable[[int], tuple[Gloss, ...]] | None = None
        self._gloss_fonts: dict[bool, QFont] = {}
        # The row whose words light up because a word of it is pointed at, and what lights.
        self.lit: tuple[int, tuple[Lit, ...]] = (-1, ())
        _prime_painter()

    # --- geometry ------------------------------------------------------
    def set_fonts(self, arabic_font: QFont, english_font: QFont) -> None:
        self.arabic_font, self.english_font = arabic_font, english_font
        self._heights.clear()
        self._layouts.clear()
        self._spacings.clear()
        self._gloss_fonts.clear()

    def invalidate(self) -> None:
        self._heights.clear()

    def columns(self, rect) -> tuple[QRectF, QRectF]:
        """(english_rect, arabic_rect) of a row's text areas."""
        half = (rect.width() - GUTTER) / 2
        left = QRectF(rect.left() + PAD_X, rect.top(), half - PAD_X, rect.height())
        right = QRectF(rect.left() + half + GUTTER, rect.top(), half - PAD_X, rect.height())
        return left, right

    def areas(self, model: SegmentModel, row: int, body: QRectF) -> list[tuple[str, QRectF]]:
        """Where each text of a row goes: "ar", "en" and, with an extra line, "tr".

        Text is drawn PAD_Y below an area's top; stacked areas are as tall as their text.
        """
        stacked = ["ar", *(["tr"] if self.extra_line else []),
                   *(["en"] if self.layout_mode == INTERLINEAR else [])]
        if self.layout_mode == INTERLINEAR:
            x, width = body.left() + PAD_X + LETTER_W, body.width() - 2 * PAD_X - LETTER_W
            out = []
        else:
            en_rect, ar_rect = self.columns(body)
            x, width = ar_rect.left(), ar_rect.width()
            out = [("en", en_rect)]
        y = body.top()
        for side in stacked:
            h = self._text_height(model, row, side, width)
            out.append((side, QRectF(x, y, width, h + PAD_Y + LINE_GAP)))
            y += h + LINE_GAP
        return out

    def row_areas(self, model: SegmentModel, row: int, rect) -> dict[str, QRectF]:
        """The text areas of a row drawn in ``rect`` (its visual rect), by side."""
        body = QRectF(rect).adjusted(0, self._top_gap(model, row), 0, 0)
        return dict(self.areas(model, row, body))

    def _top_gap(self, model: SegmentModel, row: int) -> float:
        return PARAGRAPH_GAP if row > 0 and model.segment(row).first_in_paragraph else 0.0

    def side_text(self, model: SegmentModel, row: int, side: str) -> tuple[str, bool]:
        """(text shown, is_placeholder)."""
        if side == "ar":
            return model.shown_arabic(row)[0], False
        if side == "tr":
            return (self.extra_line(row) if self.extra_line else "") or "", False
        en = model.translation(row)
        return (en, False) if en is not None else (model.english_placeholder, True)

    def font_for(self, model: SegmentModel, row: int, side: str, placeholder: bool) -> QFont:
        font = QFont(self.arabic_font if side == "ar" else self.english_font)
        if model.segment(row).kind == "heading" and not placeholder:
            font.setBold(True)
        if placeholder or side == "tr":
            font.setItalic(True)
            font.setPointSizeF(self.english_font.pointSizeF() * 0.9)
        return font

    def layout(self, model: SegmentModel, row: int, side: str, width: float,
               spans: list[Span] | None = None) -> QTextLayout:
        return self._laid(model, row, side, width, spans).layout

    def _laid(self, model: SegmentModel, row: int, side: str, width: float,
              spans: list[Span] | None = None) -> _Laid:
        """The side's text laid out at ``width``: from the cache when nothing it depends on changed."""
        text, placeholder = self.side_text(model, row, side)
        font = self.font_for(model, row, side, placeholder)
        glosses = tuple(self.shown_glosses(model, row)) if side == "ar" else ()
        key = (side, text, font.toString(), self.english_font.toString(), width, glosses,
               tuple(spans or ()))
        return _kept(self._layouts, key, lambda: _Laid(self._new_layout(text, side, font, width, glosses, spans),
                                                       list(glosses), width))

    def _spacing(self, text: str, font: QFont, glosses: tuple[Gloss, ...]) -> list[QTextLayout.FormatRange]:
        key = (text, font.toString(), self.english_font.toString(), glosses)
        return _kept(self._spacings, key, lambda: gloss_line.spacing(text, font, list(glosses), self.gloss_font))

    def _new_layout(self, text: str, side: str, font: QFont, width: float, glosses: tuple[Gloss, ...],
                    spans: list[Span] | None) -> QTextLayout:
        layout = QTextLayout(text, font)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        # The Arabic column holds whatever the document holds: an English paragraph
        # there is laid out left to right (its first strong letter decides).
        if side == "ar" and is_rtl(text):
            option.setTextDirection(Qt.LayoutDirection.RightToLeft)
            option.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        else:
            option.setTextDirection(Qt.LayoutDirection.LeftToRight)
            option.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute)
        layout.setTextOption(option)
        ranges = [_format_range(s) for s in spans or []]
        if glosses:
            # Room under each word for its gloss: the space after a word widens to fit it.
            ranges += self._spacing(text, font, glosses)
        if ranges:
            layout.setFormats(ranges)
        layout.beginLayout()
        y = 0.0
        leading = QFontMetricsF(font).leading() + (self.gloss_height() if glosses else 0.0)
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(max(width, 10.0))
            line.setPosition(QPointF(0, y))
            y += line.height() + leading
        layout.endLayout()
        return layout

    def _text_height(self, model, row, side, width) -> float:
        glosses = tuple(self.shown_glosses(model, row)) if side == "ar" else ()
        key = (row, side, round(width), self.arabic_font.pointSizeF(), self.english_font.pointSizeF(),
               self.side_text(model, row, side)[0], glosses)
        h = self._heights.get(key)
        if h is None:
            h = self.layout(model, row, side, width).boundingRect().height()
            h += self.gloss_height() if glosses else 0.0  # under the last line too
            self._heights[key] = h
        return h

    # --- gloss line ----------------------------------------------------
    def shown_glosses(self, model: SegmentModel, row: int) -> list[Gloss]:
        """The row's glosses at shown offsets of its Arabic (none with the gloss line off)."""
        if self.glosses is None:
            return []
        glosses = list(self.glosses(row))
        _, index_map = model.shown_arabic(row)
        if index_map is None or not glosses:
            return glosses
        moved = remap([Span(g.start, g.end) for g in glosses], index_map)
        return [replace(g, start=m.start, end=m.end) for g, m in zip(glosses, moved)]

    def gloss_font(self, aligned: bool) -> QFont:
        font = self._gloss_fonts.get(aligned)
        if font is None:
            font = self._gloss_fonts[aligned] = QFont(self.english_font)
            font.setPointSizeF(self.english_font.pointSizeF() * 0.8)
            font.setItalic(not aligned)  # the dictionary's sense, not the page's English
        return font

    def gloss_colour(self, aligned: bool) -> str:
        return self.theme.gloss if aligned else self.theme.muted

    def gloss_height(self) -> float:
        return QFontMetricsF(self.gloss_font(True)).height() + 2

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 - Qt API
        model: SegmentModel = index.model()
        row = index.row()
        width = self.view.viewport().width()
        areas = self.areas(model, row, QRectF(0, 0, width, 0))
        h = max(area.top() + self._text_height(model, row, side, area.width()) for side, area in areas)
        return QSize(int(width), int(h + 2 * PAD_Y + self._top_gap(model, row) + 1))

    # --- painting ------------------------------------------------------
    def paint(self, painter, option, index) -> None:
        model: SegmentModel = index.model()
        row = index.row()
        painter.save()
        rect = QRectF(option.rect)
        gap = self._top_gap(model, row)
        if gap:
            y = rect.top() + gap / 2
            painter.setPen(QColor(self.theme.rule))
            painter.drawLine(QPointF(rect.left() + PAD_X, y), QPointF(rect.right() - PAD_X, y))
        body = rect.adjusted(0, gap, 0, 0)
        hovered_row, hovered_link = self.view.hover_state()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        row_background = self.row_background(row, selected, hovered_row == row)
        if row_background != self.theme.base:
            painter.fillRect(body, QColor(row_background))
        painter.fillRect(QRectF(rect.left() + 3, body.top() + PAD_Y, 3, body.height() - 2 * PAD_Y),
                         QColor(self.status_colour(model, row)))
        link = hovered_link if hovered_row == row else None
        for side, area in self.areas(model, row, body):
            colour, spans = self.painted_spans(model, row, side, link, row_background)
            laid = self._laid(model, row, side, area.width(), spans)
            painter.setPen(QColor(colour))
            origin = QPointF(area.left(), area.top() + PAD_Y)
            laid.layout.draw(painter, origin)
            if side == "ar":
                for gloss, at in laid.places(self.gloss_font):
                    painter.setFont(self.gloss_font(gloss.aligned))
                    painter.setPen(QColor(self.gloss_colour(gloss.aligned)))
                    painter.drawText(at + origin, gloss.text)
        painter.restore()

    # --- colours (what paint() uses, also for checking contrast) -------
    def row_background(self, row: int, selected: bool, hovered: bool) -> str:
        return self.theme.selected if selected else self.theme.hover if hovered else self.theme.base

    def status_colour(self, model: SegmentModel, row: int) -> str:
        return self.theme.status.get(model.status(row), self.theme.status["untranslated"])

    def text_colour(self, model: SegmentModel, row: int, side: str) -> str:
        _, placeholder = self.side_text(model, row, side)
        if placeholder or side == "tr":
            return self.theme.muted
        if model.segment(row).kind == "heading":
            return self.theme.heading
        return self.theme.text

    def painted_spans(self, model: SegmentModel, row: int, side: str, link: str | None = None,
                      row_background: str | None = None) -> tuple[str, list[Span]]:
        """(text colour, spans with their colours resolved in the theme) for one side of a row."""
        spans = model.spans(row, side) if side != "tr" else []
        # What the user is looking for paints over standing marks (glossary, vocabulary).
        spans = sorted(spans, key=lambda s: s.background in ON_TOP)
        if link is not None:
            spans = spans + [Span(s.start, s.end, background="partner") for s in spans if s.link == link]
        role = self.theme.role
        spans = [replace(s, color=role(s.color) if s.color else None,
                         background=role(s.background) if s.background else None) for s in spans]
        return self.text_colour(model, row, side), spans + self.lit_spans(model, row, side, row_background)

    def lit_spans(self, model: SegmentModel, row: int, side: str, row_background: str | None = None) -> list[Span]:
        """The words lit by the word pointed at, in shown offsets: the link colour at the link's
        strength over the row, the pointed word itself underlined."""
        lit_row, lits = self.lit
        if lit_row != row:
            return []
        under = row_background or self.theme.base
        spans = [Span(lit.start, lit.end, background=mix(self.theme.link, under, lit.opacity), underline=lit.focus)
                 for lit in lits if lit.side == side]
        _, index_map = model.shown_arabic(row)
        return remap(spans, index_map) if side == "ar" and index_map is not None else spans

    def runs(self, model: SegmentModel, row: int, selected: bool = False, hovered: bool = False,
             link: str | None = None) -> list[Run]:
        """Every stretch of text the row paints with its colours; later spans paint over earlier ones."""
        row_background = self.row_background(row, selected, hovered)
        out = []
        for side in ("ar", "en", *(["tr"] if self.extra_line else [])):
            text, _ = self.side_text(model, row, side)
            colour, spans = self.painted_spans(model, row, side, link, row_background)
            out.append(Run(side, 0, len(text), colour, row_background))
            for s in spans:
                background = s.background or next((r.background for r in reversed(out)
                                                   if r.side == side and r.start <= s.start < r.end), row_background)
                out.append(Run(side, s.start, s.end, s.color or colour, background))
        out += [Run("gloss", g.start, g.end, self.gloss_colour(g.aligned), row_background)
                for g in self.shown_glosses(model, row)]
        return out

    # --- hit testing ---------------------------------------------------
    def hit(self, model: SegmentModel, row: int, rect, pos) -> tuple[str, int] | None:
        """(side, offset in the shown text) under ``pos``, or None outside any text."""
        for side, area in self.row_areas(model, row, rect).items():
            if side == "tr" or not (area.left() <= pos.x() <= area.right()):
                continue
            if self.layout_mode == INTERLINEAR and not (area.top() <= pos.y() < area.bottom()):
                continue
            text, placeholder = self.side_text(model, row, side)
            if placeholder:
                return None
            layout = self.layout(model, row, side, area.width())
            y = pos.y() - area.top() - PAD_Y
            for i in range(layout.lineCount()):
                line = layout.lineAt(i)
                # Down to the next line's top: a click in the leading between lines hits a word.
                bottom = layout.lineAt(i + 1).y() if i + 1 < layout.lineCount() else line.y() + line.height()
                if line.y() <= y < bottom:
                    x = pos.x() - area.left()
                    if not (line.naturalTextRect().left() - 2 <= x <= line.naturalTextRect().right() + 2):
                        return None
                    offset = line.xToCursor(x, line.CursorPosition.CursorOnCharacter)
                    return side, min(max(offset, 0), max(len(text) - 1, 0))
            return None
        return None


def _prime_painter() -> None:
    """PySide6 prepares a method's overloads, and the Python enums they name, on its first
    call: QPainter.fillRect's take ~20 ms (QGradient's 170 presets among them), here at
    start-up rather than in the first paint of a document."""
    image = QImage(2, 2, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    painter.fillRect(QRectF(0, 0, 1, 1), QColor(LIGHT.base))
    painter.end()


def _kept(cache: OrderedDict[Hashable, _T], key: Hashable, make: Callable[[], _T]) -> _T:
    """``cache[key]``, made when missing; the least recently used goes past KEPT_LAYOUTS."""
    found = cache.get(key)
    if found is not None:
        cache.move_to_end(key)
        return found
    made = cache[key] = make()
    if len(cache) > KEPT_LAYOUTS:
        cache.popitem(last=False)
    return made


def _format_range(span: Span) -> QTextLayout.FormatRange:
    fmt = QTextCharFormat()
    if span.color:
        fmt.setForeground(QColor(span.color))
    if span.background:
        fmt.setBackground(QColor(span.background))
    if span.underline:
        fmt.setFontUnderline(True)
    if span.bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    rng = QTextLayout.FormatRange()
    rng.start, rng.length, rng.format = span.start, span.end - span.start, fmt
    return rng
