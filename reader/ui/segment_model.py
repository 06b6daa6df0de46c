"""The list model behind the reading view: one row per segment, Arabic and English.

A view over the open :class:`DocumentSession`: it holds no English of its own,
reads every row from the session and repaints the rows the session says changed.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt

from reader.document import Document, Segment
from reader.session import DocumentSession, SessionChange
from reader.states import SegmentStatus
from reader.ui.spans import Span, remap

ArabicRole = Qt.ItemDataRole.UserRole + 1
EnglishRole = Qt.ItemDataRole.UserRole + 2
SegmentRole = Qt.ItemDataRole.UserRole + 3
StatusRole = Qt.ItemDataRole.UserRole + 4

NOT_TRANSLATED = "Not translated yet"

SpanProvider = Callable[[int, str, str], list[Span]]
Transform = Callable[[str], tuple[str, list[int]]]


class SegmentModel(QAbstractListModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.session: DocumentSession | None = None
        self._segments: list[Segment] = []
        self._placeholder = NOT_TRANSLATED
        self._providers: list[SpanProvider] = []
        self._arabic_transform: Transform | None = None
        self._shown_cache: dict[int, tuple[str, list[int] | None]] = {}

    # --- content -------------------------------------------------------
    @property
    def document(self) -> Document | None:
        return self.session.document if self.session is not None else None

    def set_session(self, session: DocumentSession | None) -> None:
        self.beginResetModel()
        self.session = session
        self._segments = list(session.segments) if session is not None else []
        self._shown_cache.clear()
        self.endResetModel()

    def session_changed(self, change: SessionChange) -> None:
        if self.session is None or not change.rows:
            return
        last = min(change.rows[-1], len(self._segments) - 1)
        if last >= change.rows[0]:
            self.dataChanged.emit(self.index(change.rows[0]), self.index(last))

    def segment(self, row: int) -> Segment:
        return self._segments[row]

    def translation(self, row: int) -> str | None:
        return self.session.english(row) if self.session is not None else None

    def status(self, row: int) -> SegmentStatus:
        return self.session.status(row) if self.session is not None else SegmentStatus.UNTRANSLATED

    def set_english_placeholder(self, message: str) -> None:
        if message == self._placeholder:
            return  # every opening sets it: a relayout of 10,000 rows for nothing
        self._placeholder = message
        self.refresh()

    @property
    def english_placeholder(self) -> str:
        return self._placeholder

    # --- decoration ----------------------------------------------------
    def add_span_provider(self, fn: SpanProvider) -> None:
        self._providers.append(fn)
        self.refresh()

    def set_arabic_transform(self, fn: Transform | None) -> None:
        self._arabic_transform = fn
        self._shown_cache.clear()
        self.refresh()

    def shown_arabic(self, row: int) -> tuple[str, list[int] | None]:
        """The Arabic as displayed, and the map from shown to original offsets (None = identity)."""
        cached = self._shown_cache.get(row)
        if cached is None:
            text = self._segments[row].text
            cached = self._arabic_transform(text) if self._arabic_transform else (text, None)
            self._shown_cache[row] = cached
        return cached

    def source_spans(self, row: int, side: str) -> list[Span]:
        """Every provider's spans for a side, in offsets of the segment's original text."""
        text = self._segments[row].text if side == "ar" else self.translation(row)
        if text is None:
            return []
        return [span for fn in self._providers for span in fn(row, side, text)]

    def spans(self, row: int, side: str) -> list[Span]:
        """Spans for a side, in shown offsets."""
        out = self.source_spans(row, side)
        if side == "ar":
            _, index_map = self.shown_arabic(row)
            if index_map is not None:
                out = remap(out, index_map)
        return out

    def decorations_changed(self, rows: list[int]) -> None:
        """Rows whose decorations changed size (a gloss line arrived): measured and painted again."""
        for row in rows:
            if 0 <= row < len(self._segments):
                self.dataChanged.emit(self.index(row), self.index(row))

    def decorations_changed_all(self) -> None:
        """Every row's decorations changed, not its text (the glossary's terms arrived): the
        rows on screen are painted again, the others when shown (no relayout of 10,000 rows)."""
        if self._segments:
            self.dataChanged.emit(self.index(0), self.index(len(self._segments) - 1))

    def refresh(self) -> None:
        """Repaint every row (after a provider, transform or style changed)."""
        if self._segments:
            self.dataChanged.emit(self.index(0), self.index(len(self._segments) - 1))
            self.layoutChanged.emit()

    # --- QAbstractListModel --------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self._segments)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = index.row()
        if role == ArabicRole:
            return self._segments[row].text
        if role == EnglishRole:
            return self.translation(row)
        if role == SegmentRole:
            return self._segments[row]
        if role == StatusRole:
            return str(self.status(row))
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            en = self.translation(row)
            return self._segments[row].text + "\n" + (en if en is not None else self._placeholder)
        return None
