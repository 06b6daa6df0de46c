"""The QA panel: findings of reader.qa over the open document, jump to a segment, ignore, export CSV.

It re-checks when the session's English or the glossary changes (only while shown); a large
document is checked in a Task so that typing never waits for QA.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (QDockWidget, QFileDialog, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QPushButton, QVBoxLayout, QWidget)

from reader import atomic, messages
from reader.qa.empty import split_untranslated, untranslated_line
from reader.qa.ignores import Ignores
from reader.qa.model import Finding, QaContext, Unit
from reader.qa.runner import Memo, check_file, findings_csv, session_units
from reader.session import DocumentSession, SessionChange
from reader.tm.elsewhere import OtherDocuments
from reader.ui.bidi import english
from reader.ui.context import AppContext
from reader.ui.task import Outcome, Task, weak_slot

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow

FindingRole = Qt.ItemDataRole.UserRole + 1
# On the one line that stands for every segment with no English: their findings.
UntranslatedRole = Qt.ItemDataRole.UserRole + 2
# Checks still running, kept alive until they finish.
_RUNNING: set[Task] = set()
# Above this many segments the checks run off the GUI thread (10,000 take about a second).
IN_TASK_FROM = 400


class QaPanel(QDockWidget):
    def __init__(self, window: "MainWindow", context: AppContext):
        super().__init__("Quality checks", window)
        self.setObjectName("QaPanel")
        self.main = window  # not self.window: that is QWidget.window()
        self.context = context
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        self.summary = QLabel("No document open.")
        self.summary.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("qaFindings")
        self.list.setAccessibleName("QA findings")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        buttons = QHBoxLayout()
        self.ignore_button = QPushButton("&Ignore")
        self.ignore_button.setToolTip("Hide this finding for this document (remembered)")
        self.export_button = QPushButton("Export &CSV…")
        buttons.addWidget(self.ignore_button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.setWidget(body)

        self.findings: list[Finding] = []  # shown: not ignored
        self._all: list[Finding] = []
        self.units: list[Unit] = []
        self._ignores: Ignores | None = None
        self._task: Task | None = None
        # The last check of this document: an edit re-checks the changed segments only.
        self._memo = Memo()
        self._elsewhere: OtherDocuments | None = None  # the open document's, kept with what it read
        self._stale = True
        # Coalesces the burst of changes a translation run makes into one re-check.
        self._timer = QTimer(self, singleShot=True, interval=300)
        self._timer.timeout.connect(self.refresh)
        self.list.itemActivated.connect(self._jump)
        self.list.itemClicked.connect(self._jump)
        self.ignore_button.clicked.connect(self.ignore_current)
        self.export_button.clicked.connect(self.ask_export)
        self.visibilityChanged.connect(self._visibility_changed)
        context.sessionOpened.connect(self._session_opened)
        context.segmentsChanged.connect(self._changed)
        context.glossaryChanged.connect(self._changed)
        window.installEventFilter(self)

    @property
    def session(self) -> DocumentSession | None:
        return self.context.session

    def _session_opened(self, session: DocumentSession) -> None:
        self._drop_check()  # still checking the previous document: never waited for
        self._ignores = Ignores(session.doc_id)
        self._memo = Memo()
        self._elsewhere = OtherDocuments(session.doc_id)
        self._show([], [])
        self._changed()

    def _visibility_changed(self, visible: bool) -> None:
        if visible and self._stale:
            self.refresh()

    def _changed(self, change: SessionChange | None = None) -> None:
        self._stale = True
        if self.isVisible():
            self._timer.start()

    # --- checking ---------------------------------------------------------------
    def refresh(self) -> None:
        """Re-check the open document now (in a Task when it is large)."""
        session = self.session
        if session is None:
            return
        self._drop_check()  # the running check is out of date: never waited for
        self._stale = False
        units = session_units(session)  # a snapshot: the worker never reads the live session
        # Inconsistency is checked across the person's other documents too, through the memory.
        if self._elsewhere is None or self._elsewhere.doc_id != session.doc_id:
            self._elsewhere = OtherDocuments(session.doc_id)
        qa = QaContext(self.context.glossary, self._elsewhere)
        memo = self._memo
        if len(units) < IN_TASK_FROM:
            findings, self._memo = check_file(units, qa, memo=memo)
            self._show(units, findings)
            return
        self.summary.setText(f"Checking {len(units):,} segments…")
        # Not parented to the panel: a window closed mid-check must not destroy a running thread.
        task = Task(lambda control: check_file(units, qa, control.cancelled, memo))
        self._task = task
        _RUNNING.add(task)
        task.done.connect(weak_slot(self._checked, task, units))
        task.start()

    def _drop_check(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            _RUNNING.discard(task)
            task.abandon()   # the window's close waits for it to stop

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if obj is self.main and event.type() == QEvent.Type.Close:
            self._drop_check()  # a running check must end before the process does
        return False

    def _checked(self, task: Task, units: list[Unit], outcome: Outcome) -> None:
        task.wait()
        _RUNNING.discard(task)
        task.deleteLater()
        if not shiboken6.isValid(self) or task is not self._task:
            return
        self._task = None
        if outcome.ok:
            findings, self._memo = outcome.result
            self._show(units, findings)
        elif outcome.error:
            self.summary.setText(f"The checks failed: {outcome.error}")

    def _show(self, units: list[Unit], findings: list[Finding]) -> None:
        ignores = self._ignores
        self.units, self._all = units, findings
        self.findings = [f for f in findings if ignores is None or f not in ignores]
        self.list.clear()
        # The real findings first; the segments with no English yet are one line after them.
        real, untranslated = split_untranslated(self.findings)
        for finding in real:
            # A message may quote Arabic (a term, another document's name): isolated in it.
            item = QListWidgetItem(f"Segment {finding.segment + 1} · {finding.check}\n{english(finding.message)}")
            item.setData(FindingRole, finding)
            item.setToolTip(finding.message)
            self.list.addItem(item)
        if untranslated:
            line = untranslated_line(untranslated)
            item = QListWidgetItem(f"Untranslated · {line}\nActivate to go to the next one "
                                   f"(the first is segment {untranslated[0].segment + 1}).")
            item.setData(FindingRole, untranslated[0])
            item.setData(UntranslatedRole, untranslated)
            item.setToolTip(f"{line}: each is its own finding in the CSV export and in `bayan qa --json`.")
            self.list.addItem(item)
        hidden = len(findings) - len(self.findings)
        text = f"{len(real)} finding{'s' * (len(real) != 1)}" if real else "No findings."
        if untranslated:
            line = untranslated_line(untranslated)
            text = f"{text} · {line}" if real else line[0].upper() + line[1:]
        self.summary.setText(text + (f" ({hidden} ignored)" if hidden else ""))

    # --- actions ------------------------------------------------------------------
    def _jump(self, item: QListWidgetItem) -> None:
        untranslated: list[Finding] | None = item.data(UntranslatedRole)
        if untranslated:
            # The next segment with no English after the one the reader is on (then from the top).
            rows = [f.segment for f in untranslated]
            here = self.main.view.current_row()
            self.main.view.go_to_row(next((r for r in rows if r > here), rows[0]))
            return
        self.main.view.go_to_row(item.data(FindingRole).segment)

    def ignore_current(self) -> None:
        item = self.list.currentItem()
        if item is None or self._ignores is None:
            return
        if item.data(UntranslatedRole):
            self.main.show_message(messages.UNTRANSLATED_NOT_IGNORED)
            return
        try:
            self._ignores.ignore(item.data(FindingRole))
        except OSError as exc:
            self.context.report(f"The ignored finding could not be saved: {exc.strerror or exc}.")
        self._show(self.units, self._all)

    def ask_export(self) -> None:
        if self.session is None:
            return
        path, _ = QFileDialog.getSaveFileName(self.main, "Export QA findings",
                                              str(Path.home() / f"{self.session.doc_id}-qa.csv"), "CSV (*.csv)")
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        try:
            atomic.write_bytes(path, findings_csv(self.findings, self.units))
        except OSError as exc:
            self.context.report(f"The findings could not be saved to {path}: {exc.strerror or exc}.")


def install(window: "MainWindow", context: AppContext) -> QaPanel:
    panel = QaPanel(window, context)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, panel)  # reader.ui.dock_layout places it
    panel.hide()

    def show_panel() -> None:
        panel.show()
        panel.raise_()
        panel.refresh()
        panel.list.setFocus()

    window.add_action("&Edit", "&Quality Checks", show_panel, "F8")
    window.menu("&View").addAction(panel.toggleViewAction())
    return panel
