"""Paints one segment row: English on the left, Arabic (right-to-left) on the right.

Text is laid out with QTextLayout so that Arabic is shaped by HarfBuzz, wraps
by words, and can carry per-character formats (glossary and search spans).
Heights are cached per (row, width, zoom) because the list asks for them
often while scrolling.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (QColor, QFont, QFontMetricsF, QPalette, QTextCharFormat, QTextLayout,
                           QTextOption)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate

from reader.ui.segment_model import SegmentModel
from reader.ui.spans import Span

PAD_X, PAD_Y = 14.0, 6.0
GUTTER = 28.0
PARAGRAPH_GAP = 14.0
# Layout modes: the two languages in columns, or English under each Arabic sentence.
SIDE_BY_SIDE, INTERLINEAR = "side-by-side", "interlinear"
LINE_GAP = 4.0  # between an Arabic text and the line(s) stacked under it
STATUS_COLORS = {
    "untranslated": "#c9c9c9", "machine": "#5b8def", "edited": "#e59b2f", "approved": "#3aa55d",
}


@dataclass
class Theme:
    hover: str = "#eef4ff"
    selected: str = "#d6e4ff"
    partner: str = "#ffe08a"
    rule: str = "#e3e3e3"
    muted: str = "#8a8a8a"
    heading: str = "#1f3a5f"


class SegmentDelegate(QStyledItemDelegate):
    def __init__(self, view, arabic_font: QFont, english_font: QFont):
        super().__init__(view)
        self.view = view
        self.theme = Theme()
        self.arabic_font = arabic_font
        self.english_font = english_font
        self._heights: dict[tuple, float] = {}
        self.layout_mode = SIDE_BY_SIDE
        # Optional fn(row) -> str shown in a small line under the Arabic (transliteration).
        self.extra_line = None

    # --- geometry ------------------------------------------------------
    def set_fonts(self, arabic_font: QFont, english_font: QFont) -> None:
        self.arabic_font, self.english_font = arabic_font, english_font
        self._heights.clear()

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
            x, width = body.left() + PAD_X, body.width() - 2 * PAD_X
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
        text, placeholder = self.side_text(model, row, side)
        font = self.font_for(model, row, side, placeholder)
        layout = QTextLayout(text, font)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapAtWordBoundaryOrAnywhere)
        if side == "ar":
            option.setTextDirection(Qt.RightToLeft)
            option.setAlignment(Qt.AlignRight | Qt.AlignAbsolute)
        else:
            option.setTextDirection(Qt.LeftToRight)
            option.setAlignment(Qt.AlignLeft | Qt.AlignAbsolute)
        layout.setTextOption(option)
        if spans:
            layout.setFormats([_format_range(s) for s in spans])
        layout.beginLayout()
        y = 0.0
        leading = QFontMetricsF(font).leading()
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
        key = (row, side, round(width), self.arabic_font.pointSizeF(), self.english_font.pointSizeF(),
               self.side_text(model, row, side)[0])
        h = self._heights.get(key)
        if h is None:
            h = self.layout(model, row, side, width).boundingRect().height()
            self._heights[key] = h
        return h

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
        if option.state & QStyle.State_Selected:
            painter.fillRect(body, QColor(self.theme.selected))
        elif hovered_row == row:
            painter.fillRect(body, QColor(self.theme.hover))
        status = model.status(row)
        painter.fillRect(QRectF(rect.left() + 3, body.top() + PAD_Y, 3, body.height() - 2 * PAD_Y),
                         QColor(STATUS_COLORS.get(status, "#c9c9c9")))
        link = hovered_link if hovered_row == row else None
        for side, area in self.areas(model, row, body):
            spans = model.spans(row, side) if side != "tr" else []
            if link is not None:
                spans = spans + [Span(s.start, s.end, background=self.theme.partner)
                                 for s in spans if s.link == link]
            layout = self.layout(model, row, side, area.width(), spans)
            _, placeholder = self.side_text(model, row, side)
            color = option.palette.color(QPalette.Text)
            if placeholder or side == "tr":
                color = QColor(self.theme.muted)
            elif model.segment(row).kind == "heading":
                color = QColor(self.theme.heading)
            painter.setPen(color)
            layout.draw(painter, QPointF(area.left(), area.top() + PAD_Y))
        painter.restore()

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


def _format_range(span: Span) -> QTextLayout.FormatRange:
    fmt = QTextCharFormat()
    if span.color:
        fmt.setForeground(QColor(span.color))
    if span.background:
        fmt.setBackground(QColor(span.background))
    if span.underline:
        fmt.setFontUnderline(True)
    if span.bold:
        fmt.setFontWeight(QFont.Bold)
    rng = QTextLayout.FormatRange()
    rng.start, rng.length, rng.format = span.start, span.end - span.start, fmt
    return rng
