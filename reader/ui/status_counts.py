"""The status bar's segment counts, in words when there is room and by letter when there is not.

At 1024 px, with a translation's progress bar, rate and Cancel beside them, the counts in
words ("Untranslated 1000 … Approved 0") left the status message a sliver ("10000
segments in 10…") or were themselves cut under the size grip. The counts take their
words only while the message keeps MESSAGE_ROOM; otherwise the letters of the reading
view's rows (U 1,000 · M 9,000 · T 0 · E 0 · A 0). The full names stay in the tooltip and the
accessible name.
"""
from __future__ import annotations

from collections.abc import Mapping
from html import escape

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QSizeGrip, QSizePolicy, QStatusBar, QWidget

from reader.states import SegmentStatus

MESSAGE_ROOM = 280     # px kept for the message: "Translation finished (12.3 sentences/s)"
GRIP_CLEARANCE = 18    # the size grip sits over the bar's right end
SPACING = 6            # QStatusBar's gap between its widgets


class StatusCounts(QLabel):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("statusCounts")
        self.setTextFormat(Qt.TextFormat.RichText)
        # Never squeezed below the text it chose: squeezed, the last count went under the grip.
        self.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)
        self.setContentsMargins(0, 0, GRIP_CLEARANCE, 0)
        self.words = self.letters = ""
        self._bar: QStatusBar | None = None

    def attach(self, bar: QStatusBar) -> None:
        """Sit at the end of ``bar``, choosing words or letters as its width and widgets change."""
        bar.addPermanentWidget(self)
        self._bar = bar
        bar.installEventFilter(self)

    def set_counts(self, counts: dict[SegmentStatus, int], colours: Mapping[str, str]) -> None:
        def part(status: SegmentStatus, name: str, n: int) -> str:
            return f'<span style="color:{colours[status]}">■</span> {escape(name)} {n:,}'

        self.words = "&nbsp;&nbsp;".join(part(s, s.label, n) for s, n in counts.items())
        # The rows' own letters (M, T, E, A); untranslated rows have none, here "U".
        self.letters = "&nbsp;&nbsp;".join(part(s, s.letter or "U", n) for s, n in counts.items())
        summary = ", ".join(f"{s.label} {n:,}" for s, n in counts.items())
        self.setToolTip(f"Segments by status: {summary}")
        self.setAccessibleName(f"Segments by status: {summary}")
        self._choose()

    def _width(self, html: str) -> int:
        doc = QTextDocument()
        doc.setDefaultFont(self.font())
        doc.setDocumentMargin(0)
        doc.setHtml(html)
        margins = self.contentsMargins()
        return int(doc.idealWidth()) + 2 + margins.left() + margins.right()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(self._width(self.text()), super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return self.sizeHint()

    def _room_for_words(self) -> bool:
        bar = self._bar
        if bar is None:
            return True
        others = sum(w.sizeHint().width() + SPACING
                     for w in bar.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
                     if w is not self and not isinstance(w, QSizeGrip) and not w.isHidden())
        return bar.width() - others - self._width(self.words) >= MESSAGE_ROOM

    def _choose(self) -> None:
        text = self.words if self._room_for_words() else self.letters
        if text != self.text():
            self.setText(text)
            self.updateGeometry()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        # A widget shown or hidden in the bar posts it a layout request; a resize changes its room.
        if obj is self._bar and event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            self._choose()
        return False
