"""Translation memory in the window: the matches pane for the current segment (Ctrl+1…3 insert),
memory search, pre-translation from the memory and TMX import/export.  The logic is reader.tm's."""
from __future__ import annotations

import html
from functools import partial
from typing import Any, Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QDockWidget, QFileDialog, QInputDialog, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QSplitter, QTextBrowser, QVBoxLayout, QWidget)

from reader.plural import count
from reader.session import DocumentSession
from reader.states import Origin, SegmentStatus
from reader.tm import Match, TranslationMemory
from reader.tm.feed import (DEFAULT_THRESHOLD, Feed, follow, harvest_segments, open_memory, pretranslate,
                            pretranslation, rows_to_pretranslate)
from reader.tm.tmx_io import export_tmx, import_tmx
from reader.ui.bidi import english, rtl
from reader.ui.context import AppContext
from reader.ui.task import Outcome, Task, TaskControl, weak_slot

SHOWN = 3  # matches shown, one per Ctrl+1…3


def match_html(matches: list[Match], colour: str) -> str:
    """The matches, the words of each that differ from the segment on ``colour``."""
    if not matches:
        return "<p>No match of 50% or more in the translation memory.</p>"
    out = []
    for n, m in enumerate(matches, 1):
        src, pieces, pos = m.unit.source, [], 0
        for start, end in m.differences:
            pieces += [html.escape(src[pos:start]),
                       f'<span style="background:{colour}">{html.escape(src[start:end])}</span>']
            pos = end
        pieces.append(html.escape(src[pos:]))
        out.append(f'<p><b>{m.score}%</b> &nbsp;Ctrl+{n} &nbsp;<small>{html.escape(english(m.unit.where))}</small></p>'
                   f'<p dir="rtl" align="right" style="font-size:large">{"".join(pieces)}</p>'
                   f'<p>{html.escape(english(m.unit.target))}</p><hr>')
    return "".join(out)


class TmPanel(QDockWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__("Translation Memory", parent)
        self.setObjectName("tmPanel")
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        self.heading = QLabel("Matches")
        self.heading.setObjectName("tmHeading")
        self.heading.setWordWrap(True)  # a narrow pane at 1024 px cut "(its English is from TM…)" off
        self.matches = QTextBrowser()
        self.matches.setObjectName("tmMatches")
        self.matches.setAccessibleName("Translation memory matches")
        self.query = QLineEdit()
        self.query.setObjectName("tmQuery")
        self.query.setPlaceholderText("Search the memory (Arabic or English)")
        self.query.setClearButtonEnabled(True)
        self.query.setAccessibleName("Search the translation memory")
        self.results = QListWidget()
        self.results.setObjectName("tmResults")
        self.results.setWordWrap(True)
        self.results.setAccessibleName("Translation memory search results")
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.query)
        lower_layout.addWidget(self.results)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.matches)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout.addWidget(self.heading)
        layout.addWidget(split)
        self.setWidget(body)

    def show_matches(self, row: int, matches: list[Match], colour: str,
                     status: SegmentStatus = SegmentStatus.UNTRANSLATED) -> None:
        said = " (its English is from TM, not yet checked)" if status == SegmentStatus.FROM_TM else ""
        self.heading.setText(f"Matches for segment {row + 1}{said}")
        self.matches.setHtml(match_html(matches, colour))


class TmFeature(QObject):
    def __init__(self, window: Any, context: AppContext):
        super().__init__(window)
        self.window = window
        self.context = context
        self.panel = TmPanel(window)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.panel)
        window.menu("&View").addAction(self.panel.toggleViewAction())
        self.tm: TranslationMemory | None = None
        self.session: DocumentSession | None = None
        self.shown: tuple[int, str, list[Match]] | None = None  # row, its Arabic, its matches
        self.feed: Feed | None = None
        # A unit the memory could not take yet (another Bayan importing) is retried on this timer.
        self.retry_timer = QTimer(self)
        self.retry_timer.setSingleShot(True)
        self.retry_timer.setInterval(5000)
        self.retry_timer.timeout.connect(self._retry_feed)
        self._tasks: set[Task] = set()
        self._lookup: Task | None = None  # the current segment's; a newer one abandons it
        # A large memory takes seconds to index: open it off the GUI thread.
        self._start(lambda control: open_memory(), self._opened)
        menu = window.menu("&Tools").addMenu("Translation &Memory")
        entries: list[tuple[str, Callable[[], None], str | None]] = [
            (f"Insert Memory Match &{n}", partial(self.insert, n - 1), f"Ctrl+{n}") for n in range(1, SHOWN + 1)]
        entries += [("&Pre-translate from Memory…", self.ask_pretranslate, None),
                    ("&Import TMX into Memory…", self.ask_import, None),
                    ("&Export Memory as TMX…", self.ask_export, None)]
        for text, slot, shortcut in entries:
            action = QAction(text, window)
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(lambda _=False, slot=slot: slot())
            menu.addAction(action)
        context.sessionOpened.connect(self._session_opened)
        window.view.selectionModel().currentChanged.connect(self._current_changed)
        self.panel.query.returnPressed.connect(self.search)
        window.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if obj is self.window and event.type() == QEvent.Type.Close:
            # Worker threads must end before the window (their parent) is destroyed.
            self._drop_lookup()
            for task in list(self._tasks):
                task.cancel()
                task.wait()
            self._unfollow()
        return False

    # --- following the document -----------------------------------------------------
    def _opened(self, outcome: Outcome) -> None:
        if outcome.ok:
            self.tm = outcome.result
            if self.tm.note:
                self.context.on_problem(self.tm.note)
            if self.session is not None:
                self._session_opened(self.session)

    def _session_opened(self, session: DocumentSession) -> None:
        self._unfollow()
        self.session = session
        if self.tm is None:
            return
        tm, doc_id, segments, title = self.tm, session.doc_id, harvest_segments(session), session.document.name
        self._start(lambda control: tm.set_segments(doc_id, segments, title))
        self.feed = follow(session, tm)
        self.feed.on_pending = self.retry_timer.start
        self.refresh()

    def _unfollow(self) -> None:
        if self.feed is not None:
            self.feed.close()
            self.feed = None
        self.retry_timer.stop()

    def _retry_feed(self) -> None:
        if self.feed is not None:
            self.feed.retry()

    def _start(self, fn: Callable[[TaskControl], Any], done: Callable[..., None] | None = None,
               *first: Any) -> Task:
        """Run ``fn`` in a Task; ``done`` (a bound method: the task's handlers never own this
        feature, ARCHITECTURE.md) gets ``first`` and the Outcome. The task is deleted once done."""
        task = Task(fn, self)
        self._tasks.add(task)
        if done is not None:
            task.done.connect(weak_slot(done, *first))
        task.done.connect(weak_slot(self._ended, task))  # after ``done``: a test waits for the task to leave
        task.start()
        return task

    def _ended(self, task: Task, outcome: Outcome) -> None:
        self._tasks.discard(task)
        if task is self._lookup:
            self._lookup = None
        task.wait()  # ``done`` is the thread's last act: this returns at once
        task.deleteLater()
        if outcome.error:
            self.context.on_problem(outcome.error)

    # --- matches for the current segment ------------------------------------------
    def _current_changed(self, *_: object) -> None:
        self.refresh()

    def refresh(self) -> None:
        row = self.window.view.current_row()
        if self.tm is None or self.session is None or not 0 <= row < len(self.session):
            return
        tm, text = self.tm, self.session.segments[row].text
        # Moving down a document asks for each segment in turn: only the last answer is wanted.
        self._drop_lookup()
        self._lookup = self._start(lambda control: tm.lookup(text, SHOWN), self._looked_up, row, text)

    def _drop_lookup(self) -> None:
        task, self._lookup = self._lookup, None
        if task is not None and task in self._tasks:
            self._tasks.discard(task)
            task.abandon()  # deleted when its thread ends; the close waits for it (a lookup ends)

    def _looked_up(self, row: int, text: str, outcome: Outcome) -> None:
        # The user may have moved on: a late answer for another segment is dropped.
        if outcome.ok and self.window.view.current_row() == row and self.session is not None \
                and row < len(self.session) and self.session.segments[row].text == text:
            self.shown = (row, text, outcome.result)
            # Differences as find matches are marked: a background with AA contrast in both themes.
            self.panel.show_matches(row, outcome.result, self.window.view.delegate.theme.find,
                                    self.session.status(row))

    def insert(self, n: int) -> None:
        row = self.window.view.current_row()
        if self.session is None or self.shown is None or self.shown[0] != row or n >= len(self.shown[2]):
            self.window.statusBar().showMessage(f"No memory match {n + 1} for this segment.", 3000)
            return
        self.session.edit(row, self.shown[2][n].unit.target, Origin.TM)
        self.refresh()

    # --- search, pre-translation, TMX -----------------------------------------------
    def search(self) -> None:
        self.panel.results.clear()
        if self.tm is None:
            return
        units = self.tm.search(self.panel.query.text())
        for unit in units:
            # Each line in its own direction: the list lays both out left to right otherwise.
            item = QListWidgetItem(f"{rtl(unit.source)}\n{english(unit.target)}")
            item.setToolTip(unit.where)
            self.panel.results.addItem(item)
        if not units and self.panel.query.text().strip():
            self.panel.results.addItem("Nothing in the memory contains this.")

    def ask_pretranslate(self) -> None:
        threshold, ok = QInputDialog.getInt(self.window, "Pre-translate from Memory",
                                            "Use matches of at least (%):", DEFAULT_THRESHOLD, 50, 100)
        if ok:
            self.pretranslate(threshold)

    def pretranslate(self, threshold: int = DEFAULT_THRESHOLD) -> Task | None:
        session, tm = self.session, self.tm
        if session is None or tm is None:
            return None
        rows = rows_to_pretranslate(session)
        task = self._start(lambda control: pretranslation(rows, tm, threshold, control.cancelled, control.report),
                           self._pretranslated, session, threshold)
        task.progressed.connect(weak_slot(self._pretranslating, len(rows)))
        return task

    def _pretranslating(self, total: int, done: int) -> None:
        self.window.statusBar().showMessage(f"Pre-translating from the memory: {done} of {count(total, 'segment')}…")

    def _pretranslated(self, session: DocumentSession, threshold: int, outcome: Outcome) -> None:
        if outcome.ok and session is self.session:
            filled = pretranslate(session, outcome.result)
            self.window.statusBar().showMessage(
                f"{count(len(filled), 'segment')} pre-translated from the memory "
                f"(matches of {threshold}% or more).",
                6000)

    def ask_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, "Import TMX into Memory", "", "TMX (*.tmx)")
        if path:
            self.import_file(path)

    def import_file(self, path: str) -> Task | None:
        tm = self.tm
        if tm is None:
            return None
        return self._start(lambda control: import_tmx(tm, path), self._imported, path.rsplit("/", 1)[-1])

    def _imported(self, name: str, outcome: Outcome) -> None:
        if outcome.ok:
            self.window.statusBar().showMessage(outcome.result.sentence(name), 8000)
            self.refresh()

    def ask_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self.window, "Export Memory as TMX", "memory.tmx", "TMX (*.tmx)")
        if path and self.tm is not None:
            try:
                n = export_tmx(self.tm, path)
            except OSError as exc:
                self.context.on_problem(f"The memory could not be written to {path}: {exc.strerror or exc}.")
                return
            self.window.statusBar().showMessage(f"{count(n, 'memory unit')} written to {path}.", 6000)


def install(window: Any, context: AppContext) -> TmFeature:
    return TmFeature(window, context)
