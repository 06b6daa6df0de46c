"""Search: a dock that searches the library and open documents (Ctrl+Shift+F), and a
find bar for the current document with highlights (Ctrl+F).

Matching is reader.search's: Arabic without tashkeel, tatweel or hamza/alef
differences and with clitics; English case-insensitive.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QDockWidget, QHBoxLayout, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QToolBar, QToolButton, QVBoxLayout, QWidget)

from reader import plural
from reader.search import Hit, Matcher, SearchIndex, corpus_index
from reader.ui.bidi import auto, side
from reader.ui.context import AppContext
from reader.ui.reading_view import ReadingView
from reader.ui.spans import Span

HitRole = Qt.ItemDataRole.UserRole + 1
# Roles resolved in the current theme (reader.theme_colours).
FIND_BACKGROUND = "find"
CURRENT_BACKGROUND = "find_current"
CONTEXT = 40


def result_label(hit: Hit) -> str:
    """Where the hit is, the match in context, and the segment's other side, each line
    isolated in its own direction (Arabic right-to-left, full stop at its left)."""
    before = hit.text[max(0, hit.start - CONTEXT):hit.start]
    after = hit.text[hit.end:hit.end + CONTEXT]
    start_gap = "…" if hit.start > CONTEXT else ""
    end_gap = "…" if hit.end + CONTEXT < len(hit.text) else ""
    match = side(f"{start_gap}{before}【{hit.matched}】{after}{end_gap}", hit.side)
    other_side = "en" if hit.side == "ar" else "ar"
    other = hit.other if len(hit.other) <= 2 * CONTEXT + 20 else hit.other[:2 * CONTEXT + 20] + "…"
    lines = [f"{auto(hit.title)} · segment {hit.segment + 1}", match]
    lines.append(side(other, other_side) if other else "(not translated yet)")
    return "\n".join(lines)


class Reveal(QObject):
    """Select a row and scroll it fully into view, even in a document just opened.

    The reading view lays out rows in batches over several event-loop turns, so
    a row far down has no place yet when it is asked for; each time the
    scroll range grows the row is tried again until it is on screen.
    """

    def __init__(self, view: ReadingView):
        super().__init__(view)
        self.view = view
        self.row = -1
        view.verticalScrollBar().rangeChanged.connect(lambda *_: self._scroll())

    def go(self, row: int) -> None:
        self.view.go_to_row(row)
        self.row = self.view.current_row()
        self._scroll()

    def _scroll(self) -> None:
        if self.row < 0:
            return
        view = self.view
        index = view.model().index(self.row, 0)
        rect = view.visualRect(index)
        if not index.isValid() or rect.height() <= 0:
            return   # not laid out yet: the next batch will call again
        hints = QAbstractItemView.ScrollHint
        hint = hints.PositionAtTop if rect.height() >= view.viewport().height() else hints.EnsureVisible
        view.scrollTo(index, hint)
        if view.viewport().rect().contains(view.visualRect(index)) or hint == hints.PositionAtTop:
            self.row = -1


class SearchPanel(QDockWidget):
    def __init__(self, window, context: AppContext):
        super().__init__("Search", window)
        self.setObjectName("SearchPanel")
        self.main_window = window
        self.context = context
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        self.query = QLineEdit()
        self.query.setObjectName("searchQuery")
        self.query.setPlaceholderText("Search the library and open documents")
        self.query.setClearButtonEnabled(True)
        self.summary = QLabel()
        self.results = QListWidget()
        self.results.setObjectName("searchResults")
        self.results.setWordWrap(True)
        self.results.setAlternatingRowColors(True)
        layout.addWidget(self.query)
        layout.addWidget(self.summary)
        layout.addWidget(self.results)
        self.setWidget(body)
        self._index: SearchIndex | None = None
        self._timer = QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self.run_search)
        self.query.textChanged.connect(lambda _: self._timer.start())
        self.query.returnPressed.connect(self.run_search)
        self.results.itemActivated.connect(self._jump)
        self.results.itemClicked.connect(self._jump)
        window.documentOpened.connect(self._document_opened)

    def index(self) -> SearchIndex:
        if self._index is None:
            self._index = corpus_index(self._open_documents())
        return self._index

    def _open_documents(self):
        docs = dict(self.context.documents)
        if self.main_window.document is not None:
            docs[self.main_window.document.doc_id] = self.main_window.document
        return list(docs.values())

    def _document_opened(self, doc) -> None:
        if self._index is not None and doc.doc_id not in self._index:
            self._index.add(doc)

    def _sync_current_english(self) -> None:
        """The English on screen is the freshest for the open document."""
        doc, model = self.main_window.document, self.main_window.model
        if doc is None or self._index is None:
            return
        if doc.doc_id not in self._index:
            self._index.add(doc)
        for row in range(model.rowCount()):
            self._index.set_target(doc.doc_id, row, model.translation(row))

    def run_search(self) -> None:
        self._timer.stop()
        text = self.query.text()
        self.results.clear()
        if not text.strip():
            self.summary.setText("")
            return
        index = self.index()
        self._sync_current_english()
        hits = index.search(text, limit=2000)
        for hit in hits:
            item = QListWidgetItem(result_label(hit))
            item.setData(HitRole, hit)
            if hit.side == "ar":
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(f"{hit.text}\n\n{hit.other}" if hit.other else hit.text)
            self.results.addItem(item)
        docs = len({h.doc_id for h in hits})
        self.summary.setText(f"{plural.count(len(hits), 'match')} in {plural.count(docs, 'document')}" if hits else "No matches")

    def _jump(self, item: QListWidgetItem) -> None:
        hit = item.data(HitRole)
        if hit is None:
            return
        w: Any = self.main_window
        if w.document is None or w.document.doc_id != hit.doc_id:
            entry = next((e for e in w.library.entries if e.doc_id == hit.doc_id), None)
            if entry is not None:
                if not w.open_entry(entry):
                    return
            else:
                doc = next((d for d in self._open_documents() if d.doc_id == hit.doc_id), None)
                if doc is None:
                    return
                w.open_document(doc)
        w.reveal.go(hit.segment)
        w.view.setFocus()


class FindBar(QToolBar):
    """Find in the current document: every match highlighted, Enter goes to the next."""

    def __init__(self, window):
        super().__init__("Find", window)
        self.setObjectName("FindBar")
        self.setMovable(False)
        self.main_window = window
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(4, 0, 4, 0)
        self.field = QLineEdit()
        self.field.setObjectName("findField")
        self.field.setPlaceholderText("Find in this document (Arabic or English)")
        self.field.setClearButtonEnabled(True)
        self.count = QLabel()
        self.count.setObjectName("findCount")
        prev_btn, next_btn, close_btn = QToolButton(), QToolButton(), QToolButton()
        prev_btn.setText("↑")
        prev_btn.setToolTip("Previous match (Shift+Enter)")
        next_btn.setText("↓")
        next_btn.setToolTip("Next match (Enter)")
        close_btn.setText("✕")
        close_btn.setToolTip("Close (Escape)")
        for widget in (self.field, self.count, prev_btn, next_btn, close_btn):
            row.addWidget(widget)
        self.addWidget(holder)
        self.matcher: Matcher | None = None
        self.hits: list[tuple[int, str, int, int]] = []   # row, side, start, end
        self.current = -1
        self.field.textChanged.connect(self._query_changed)
        self.field.returnPressed.connect(self.next)
        prev_btn.clicked.connect(self.previous)
        next_btn.clicked.connect(self.next)
        close_btn.clicked.connect(self.close_bar)
        self.field.installEventFilter(self)
        window.model.add_span_provider(self.spans)
        window.model.modelReset.connect(lambda: self._query_changed(self.field.text()))
        self.hide()

    def eventFilter(self, obj, event):  # noqa: N802 - Qt API
        if obj is self.field and event.type() == event.Type.KeyPress:
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.previous()
                return True
        return False

    def open_bar(self) -> None:
        self.show()
        self.field.setFocus()
        self.field.selectAll()

    def close_bar(self) -> None:
        self.field.clear()
        self.hide()
        self.main_window.view.setFocus()

    def _query_changed(self, text: str) -> None:
        self.matcher = Matcher(text) if text.strip() else None
        self.hits = []
        model = self.main_window.model
        if self.matcher:
            for row in range(model.rowCount()):
                for side, body in (("ar", model.segment(row).text), ("en", model.translation(row))):
                    if body:
                        self.hits.extend((row, side, s, e) for s, e in self.matcher.find(body))
        start_row = max(self.main_window.view.current_row(), 0)
        self.current = next((i for i, h in enumerate(self.hits) if h[0] >= start_row), 0 if self.hits else -1)
        self._show_current()
        model.refresh()

    def _show_current(self) -> None:
        if not self.matcher:
            self.count.setText("")
        elif not self.hits:
            self.count.setText("No matches")
        else:
            self.count.setText(f"{self.current + 1} of {len(self.hits)}")
            window: Any = self.main_window
            window.reveal.go(self.hits[self.current][0])

    def next(self) -> None:
        if self.hits:
            self.current = (self.current + 1) % len(self.hits)
            self._show_current()
            self.main_window.model.refresh()

    def previous(self) -> None:
        if self.hits:
            self.current = (self.current - 1) % len(self.hits)
            self._show_current()
            self.main_window.model.refresh()

    def spans(self, row: int, side: str, text: str) -> list[Span]:
        if not self.matcher or not self.isVisible():
            return []
        current = self.hits[self.current] if 0 <= self.current < len(self.hits) else None
        # Underlined and bold as well as coloured: glossary terms already use every hue.
        return [Span(s, e, background=CURRENT_BACKGROUND if current == (row, side, s, e) else FIND_BACKGROUND,
                     underline=True, bold=current == (row, side, s, e))
                for s, e in self.matcher.find(text)]


def install(window, context: AppContext) -> None:
    window.reveal = Reveal(window.view)
    window.search_panel = SearchPanel(window, context)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, window.search_panel)
    window.search_panel.hide()
    window.find_bar = FindBar(window)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, window.find_bar)

    def show_search() -> None:
        window.search_panel.show()
        window.search_panel.raise_()
        window.search_panel.query.setFocus()
        window.search_panel.query.selectAll()

    window.add_action("&Edit", "&Find in Document…", window.find_bar.open_bar, QKeySequence.StandardKey.Find)
    window.add_action("&Edit", "Search &Library…", show_search, QKeySequence("Ctrl+Shift+F"))
    window.menu("&View").addAction(window.search_panel.toggleViewAction())
