"""Search: a dock that searches the library and open documents (Ctrl+Shift+F), and a
find bar for the current document with highlights (Ctrl+F).

Matching is reader.search's: Arabic without tashkeel, tatweel or hamza/alef
differences and with clitics; English case-insensitive.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QDockWidget, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem,
                               QToolBar, QToolButton, QVBoxLayout, QWidget)

from reader.search import Matcher, SearchIndex, corpus_index
from reader.ui.context import AppContext
from reader.ui.spans import Span

HitRole = Qt.UserRole + 1
FIND_BACKGROUND = "#ffe9a8"
CURRENT_BACKGROUND = "#ffb74d"
CONTEXT = 40


class SearchPanel(QDockWidget):
    def __init__(self, window, context: AppContext):
        super().__init__("Search", window)
        self.setObjectName("SearchPanel")
        self.window = window
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
        if self.window.document is not None:
            docs[self.window.document.doc_id] = self.window.document
        return list(docs.values())

    def _document_opened(self, doc) -> None:
        if self._index is not None and doc.doc_id not in self._index:
            self._index.add(doc)

    def _sync_current_english(self) -> None:
        """The English on screen is the freshest for the open document."""
        doc, model = self.window.document, self.window.model
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
        self.index()
        self._sync_current_english()
        hits = self._index.search(text, limit=2000)
        for hit in hits:
            before = hit.text[max(0, hit.start - CONTEXT):hit.start]
            after = hit.text[hit.end:hit.end + CONTEXT]
            # Isolates keep the mixed Arabic/English line in a sane order.
            label = (f"{hit.title or hit.doc_id} · segment {hit.segment + 1}"
                     f"{' · English' if hit.side == 'en' else ''}\n"
                     f"\u2068…{before}【{hit.matched}】{after}…\u2069")
            item = QListWidgetItem(label)
            item.setData(HitRole, hit)
            if hit.side == "ar":
                item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
            self.results.addItem(item)
        docs = len({h.doc_id for h in hits})
        self.summary.setText(f"{len(hits)} match{'es' if len(hits) != 1 else ''} in {docs} document"
                             f"{'s' if docs != 1 else ''}" if hits else "No matches")

    def _jump(self, item: QListWidgetItem) -> None:
        hit = item.data(HitRole)
        if hit is None:
            return
        w = self.window
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
        w.view.go_to_row(hit.segment)
        w.view.setFocus()


class FindBar(QToolBar):
    """Find in the current document: every match highlighted, Enter goes to the next."""

    def __init__(self, window):
        super().__init__("Find", window)
        self.setObjectName("FindBar")
        self.setMovable(False)
        self.window = window
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
            if event.key() == Qt.Key_Escape:
                self.close_bar()
                return True
            if event.key() in (Qt.Key_Return, Qt.Key_Enter) and event.modifiers() & Qt.ShiftModifier:
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
        self.window.view.setFocus()

    def _query_changed(self, text: str) -> None:
        self.matcher = Matcher(text) if text.strip() else None
        self.hits = []
        model = self.window.model
        if self.matcher:
            for row in range(model.rowCount()):
                for side, body in (("ar", model.segment(row).text), ("en", model.translation(row))):
                    if body:
                        self.hits.extend((row, side, s, e) for s, e in self.matcher.find(body))
        start_row = max(self.window.view.current_row(), 0)
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
            self.window.view.go_to_row(self.hits[self.current][0])

    def next(self) -> None:
        if self.hits:
            self.current = (self.current + 1) % len(self.hits)
            self._show_current()
            self.window.model.refresh()

    def previous(self) -> None:
        if self.hits:
            self.current = (self.current - 1) % len(self.hits)
            self._show_current()
            self.window.model.refresh()

    def spans(self, row: int, side: str, text: str) -> list[Span]:
        if not self.matcher or not self.isVisible():
            return []
        current = self.hits[self.current] if 0 <= self.current < len(self.hits) else None
        return [Span(s, e, background=CURRENT_BACKGROUND if current == (row, side, s, e) else FIND_BACKGROUND)
                for s, e in self.matcher.find(text)]


def install(window, context: AppContext) -> None:
    window.search_panel = SearchPanel(window, context)
    window.addDockWidget(Qt.RightDockWidgetArea, window.search_panel)
    window.search_panel.hide()
    window.find_bar = FindBar(window)
    window.addToolBar(Qt.TopToolBarArea, window.find_bar)

    def show_search() -> None:
        window.search_panel.show()
        window.search_panel.raise_()
        window.search_panel.query.setFocus()
        window.search_panel.query.selectAll()

    window.add_action("&Edit", "&Find in Document…", window.find_bar.open_bar, QKeySequence.Find)
    window.add_action("&Edit", "Search &Library…", show_search, QKeySequence("Ctrl+Shift+F"))
    window.menu("&View").addAction(window.search_panel.toggleViewAction())
