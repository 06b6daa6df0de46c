"""The word bridge in the reader: a word pointed at, clicked or stepped to with Ctrl+D lights
the words of the other language linked to it (a link's strength is the highlight's opacity),
and View ▸ Gloss Line prints under each Arabic word its English.

Links are computed off the GUI thread, a few rows per Task, the rows on screen first (the rest
of the document after them, at a fraction of a core), and kept
in the context's ``alignments`` with the English they were computed for; a row is aligned again
when the session says its English changed.  Pointing at a word only reads what is kept: a row
not aligned yet lights nothing rather than something stale.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence

from reader import messages
from reader import settings as keys
from reader.alignments import Gloss, Job, Lit, RowLinks, align_rows, short_sense
from reader.responsiveness import settle_long_lived
from reader.session import DocumentSession, SessionChange
from reader.study.glossary_terms import GlossaryTerms
from reader.study.in_context import analyse_segment
from reader.ui.context import AppContext
from reader.ui.reading_view import Hit
from reader.ui.task import Outcome, Task, TaskControl, weak_slot

BATCH = 16  # rows per task: between tasks the rows then on screen are chosen first
BACKGROUND_DUTY = 0.3  # share of a core used for rows off screen
GLOSS_SHORTCUT = "Ctrl+Shift+G"


class AlignmentFeature(QObject):
    def __init__(self, window, context: AppContext):
        super().__init__(window)
        self.window, self.context = window, context
        self.view, self.model = window.view, window.model
        self.delegate = window.view.delegate
        self.alignments = context.alignments
        self._pending: dict[int, None] = {}  # rows to align, in document order
        self._task: Task | None = None
        self._running: set[Task] = set()  # with tasks dropped but not yet ended: waited for on close
        self._generation = 0  # a task from an older document or glossary is not listened to
        self._failed = False  # the aligner could not run for this document
        self._pointed: Hit | None = None  # under the mouse
        self._chosen: Hit | None = None   # clicked, or stepped to with Ctrl+D
        self._terms = GlossaryTerms(context.glossary)
        context.sessionOpened.connect(self._opened)
        context.segmentsChanged.connect(self._changed)
        context.glossaryChanged.connect(self._realign_all)
        self.view.wordPointed.connect(self._point)
        self.view.wordChosen.connect(self._choose)
        self.model.modelReset.connect(self._forget_words)
        self.view.selectionModel().currentChanged.connect(self._row_changed)
        window.installEventFilter(self)

        self.gloss_action = QAction("&Gloss Line", self, checkable=True)
        self.gloss_action.setShortcut(QKeySequence(GLOSS_SHORTCUT))
        self.gloss_action.setToolTip("Under each Arabic word, the English aligned to it; "
                                     "in grey italics, the dictionary's sense where nothing is aligned")
        self.gloss_action.toggled.connect(self.set_gloss_line)
        window.menu("&View").addAction(self.gloss_action)
        self.gloss_setting = keys.GLOSS_LINE
        self.gloss_action.setChecked(context.settings.get(keys.GLOSS_LINE))

    # --- what is kept ----------------------------------------------------------------
    def links(self, row: int) -> RowLinks | None:
        """The row's links for the texts it shows now, or None while they are being computed."""
        session = self.context.session
        if session is None or not 0 <= row < len(session):
            return None
        return self.alignments.get(row, session.segments[row].text, session.english(row) or "")

    def glosses(self, row: int) -> tuple[Gloss, ...]:
        found = self.links(row)
        return found.glosses if found is not None else ()

    def _needs_work(self, row: int) -> bool:
        session = self.context.session
        assert session is not None
        if not (session.english(row) or "").strip() and not self.gloss_action.isChecked():
            return False  # nothing to link to, and no gloss line asking for senses
        found = self.links(row)
        return found is None or (found.senses is None and self.gloss_action.isChecked())

    # --- scheduling ------------------------------------------------------------------
    def _opened(self, session: DocumentSession) -> None:
        self._realign_all()

    def _realign_all(self) -> None:
        self._drop_task()
        self._failed = False
        session = self.context.session
        self._pending = dict.fromkeys(range(len(session))) if session is not None else {}
        self._relight()
        # After the view has laid out the new rows, so that "on screen" means what is shown.
        QTimer.singleShot(0, self._start)

    def _changed(self, change: SessionChange) -> None:
        self._pending.update(dict.fromkeys(change.rows))
        if {self._row_of(self._pointed), self._row_of(self._chosen)} & set(change.rows):
            self._relight()  # the old links no longer hold
        self._start()

    def _start(self) -> None:
        session = self.context.session
        if self._task is not None or session is None or self._failed:
            return
        visible = self.view.visible_rows()
        shown = [r for r in visible if r in self._pending]
        # Rows on screen at full speed; then the rest of the document, below the screen first,
        # at a fraction of a core, so that scrolling and painting stay smooth meanwhile.
        rows = self._take(session, shown)
        duty = 1.0
        if not rows:
            below = [r for r in self._pending if r >= visible.start] + [r for r in self._pending if r < visible.start]
            rows, duty = self._take(session, below), BACKGROUND_DUTY
        if not rows:
            return
        jobs = [Job(r, session.segments[r].text, session.english(r) or "") for r in rows]
        senses = self._senses if self.gloss_action.isChecked() else None
        context = self.context

        def run(control: TaskControl) -> list[tuple[int, RowLinks]]:
            found = list(align_rows(context.aligner(), jobs, senses, control.cancelled, duty))
            settle_long_lived()  # the analyses the aligner cached while reading them are kept
            return found

        task = Task(run, self)
        task.done.connect(weak_slot(self._done, task, self._generation))
        self._task = task
        self._running.add(task)
        task.start()

    def _take(self, session: DocumentSession, candidates: list[int]) -> list[int]:
        """Up to a batch of the candidates that need aligning; they leave the pending rows."""
        rows: list[int] = []
        for row in candidates:
            if len(rows) == BATCH:
                break
            self._pending.pop(row, None)
            if 0 <= row < len(session) and self._needs_work(row):
                rows.append(row)
        return rows

    def _senses(self, arabic: str, english: str) -> tuple[Gloss, ...]:
        """In the worker: each word's sense in this sentence, for the gloss line."""
        return tuple(Gloss(w.start, w.end, short_sense(w.gloss), aligned=False)
                     for w in analyse_segment(arabic, self._terms, english) if w.found and short_sense(w.gloss))

    def _done(self, task: Task, generation: int, outcome: Outcome) -> None:
        if task is self._task:
            self._task = None
        self._running.discard(task)
        task.wait()
        task.deleteLater()
        session = self.context.session
        if generation != self._generation or session is None:
            return
        if outcome.error:
            self._pending.clear()  # the aligner cannot run: said once; tried again with the next document
            self._failed = True
            self.window.statusBar().showMessage(messages.ALIGNMENT_FAILED.format(error=outcome.error), 8000)
            return
        arrived = []
        for row, found in outcome.result or []:
            # English changed while it was being aligned: the row is pending again, drop this.
            if row < len(session) and found.english == (session.english(row) or "") \
                    and found.arabic == session.segments[row].text:
                self.alignments.put(row, found)
                arrived.append(row)
        self._show(arrived)
        QTimer.singleShot(0, self._start)

    def _show(self, rows: list[int]) -> None:
        if not rows:
            return
        if self.gloss_action.isChecked():  # the gloss line changes a row's height
            self.model.decorations_changed(rows)
        else:
            for row in rows:
                self.view.update(self.model.index(row, 0))
        if {self._row_of(self._pointed), self._row_of(self._chosen)} & set(rows):
            self._relight()

    def _drop_task(self) -> None:
        self._generation += 1
        task, self._task = self._task, None
        if task is not None:
            task.cancel()  # its done() still comes, and is not listened to

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        if obj is self.window and event.type() == QEvent.Type.Close:
            self._drop_task()
            for task in list(self._running):
                task.cancel()
                task.wait()  # a worker thread must end before the window that owns it
        return False

    # --- pointing --------------------------------------------------------------------
    def _point(self, hit: Hit | None) -> None:
        self._pointed = hit
        self._relight()

    def _choose(self, hit: Hit) -> None:
        self._chosen = hit
        self._relight()

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        """A word chosen in a segment stays lit while that segment is the current one."""
        if self._chosen is not None and self._chosen.row != current.row():
            self._chosen = None
            self._relight()

    def _forget_words(self) -> None:
        self._pointed = self._chosen = None
        self._relight()

    def lights(self, hit: Hit | None) -> list[Lit]:
        found = self.links(hit.row) if hit is not None else None
        return found.lit(hit.side, hit.offset) if found is not None and hit is not None else []

    def _relight(self) -> None:
        """The word under the mouse lights its partners; off any word, the one last chosen does."""
        hit = self._pointed
        lit = self.lights(hit)
        if not lit:
            hit, lit = self._chosen, self.lights(self._chosen)
        row = hit.row if hit is not None and lit else -1
        old_row = self.delegate.lit[0]
        self.delegate.lit = (row, tuple(lit))
        for r in {old_row, row} - {-1}:
            if r < self.model.rowCount():
                self.view.update(self.model.index(r, 0))

    @staticmethod
    def _row_of(hit: Hit | None) -> int:
        return hit.row if hit is not None else -1

    # --- gloss line ------------------------------------------------------------------
    def set_gloss_line(self, on: bool) -> None:
        self.context.settings.set(keys.GLOSS_LINE, on)
        self.delegate.glosses = self.glosses if on else None
        self.delegate.invalidate()
        self.model.refresh()
        self.view.doItemsLayout()
        session = self.context.session
        if on and session is not None:  # the dictionary's senses for rows aligned without them
            self._pending.update(dict.fromkeys(range(len(session))))
            self._start()


def install(window, context: AppContext) -> AlignmentFeature:
    return AlignmentFeature(window, context)
