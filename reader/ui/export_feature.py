"""File ▸ Export (TMX, XLIFF, CSV, bilingual HTML, PDF) and File ▸ Import TMX."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QFileDialog

from reader import plural
from reader import settings as keys
from reader.states import HUMAN_STATUSES, SegmentStatus
from reader.exchange import BilingualDocument, bilingual, export, formats
from reader.exchange.tmx import read_tmx, tm_pairs
from reader.textfile import UnreadableFile
from reader.ui.context import AppContext
from reader.ui.task import Outcome, Task, weak_slot


class ExportFeature(QObject):
    # (path, written): a file export is over; PDFs are written off the GUI thread.
    exported = Signal(str, bool)

    def __init__(self, window, context: AppContext):
        super().__init__(window)
        self.window = window
        self.context = context
        file_menu = window.menu("&File")
        quit_action = next((a for a in file_menu.actions() if a.text() == "&Quit"), None)
        self.export_menu = file_menu.addMenu("&Export")
        if quit_action is not None:
            file_menu.insertMenu(quit_action, self.export_menu)
        self.actions = {}
        for fmt in formats().values():
            action = self.export_menu.addAction(f"{fmt.description}…")
            action.triggered.connect(lambda _=False, name=fmt.name: self.ask_export(name))
            self.actions[fmt.name] = action
        self._task: Task | None = None
        self.import_action = file_menu.addAction("&Import Translation Memory (TMX)…")
        self.import_action.triggered.connect(self.ask_import)
        if quit_action is not None:
            file_menu.insertAction(quit_action, self.import_action)
            file_menu.insertSeparator(quit_action)
        context.sessionOpened.connect(lambda _session: self._enable(True))
        self._enable(False)
        window.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if obj is self.window and event.type() == QEvent.Type.Close and self._task is not None:
            # A PDF being written is finished (its file is written atomically): a running
            # thread destroyed with the window would abort the process.
            self._task.wait()
        return False

    def _enable(self, on: bool) -> None:
        for action in (*self.actions.values(), self.import_action):
            action.setEnabled(on)

    # --- export ------------------------------------------------------------
    def current(self) -> BilingualDocument | None:
        """The open document with the English the user sees (saved work first)."""
        session = self.context.session
        return bilingual(session.document, session.store) if session is not None else None

    def ask_export(self, fmt: str) -> None:
        doc = self.current()
        if doc is None:
            return
        suffix = formats()[fmt].suffix
        name_filter = f"{formats()[fmt].description} (*{suffix})"
        folder = Path(self.context.settings.get(keys.EXPORT_DIR) or str(Path.home()))
        stem = "".join(ch for ch in self.window.document.name if ch not in '/\\:*?"<>|')[:60]
        path, _ = QFileDialog.getSaveFileName(self.window, "Export", str(folder / f"{stem}{suffix}"), name_filter)
        if not path:
            return
        if not path.lower().endswith(suffix):
            path += suffix
        self.context.settings.set(keys.EXPORT_DIR, str(Path(path).parent))
        self.export_to(fmt, path)

    def export_to(self, fmt: str, path: str) -> bool:
        """Write the open document as ``fmt``; a PDF is written in the background
        (long documents take a while to typeset), the rest at once.  ``exported``
        tells when the file is there."""
        doc = self.current()
        if doc is None:
            return False
        if fmt != "pdf":
            return self._written(doc, fmt, path, self._export(fmt, doc, path))
        if self._task is not None:
            self.window.statusBar().showMessage("Still writing the previous PDF; try again when it is done.", 5000)
            return False
        self.window.statusBar().showMessage(f"Writing {Path(path).name}…")
        task = Task(lambda _control: self._export(fmt, doc, path), self)
        task.done.connect(weak_slot(self._pdf_done, task, doc, path))
        self._task = task
        task.start()
        return True

    @staticmethod
    def _export(fmt: str, doc: BilingualDocument, path: str) -> str | None:
        """Write the file; the reason it could not be written, or None."""
        try:
            export(fmt, [doc], path)
        except OSError as exc:
            return f"{Path(path).name} could not be written: {exc.strerror or exc}."
        return None

    def _pdf_done(self, task: Task, doc: BilingualDocument, path: str, outcome: Outcome) -> None:
        self._task = None
        task.wait()  # ``done`` is the thread's last act: this returns at once
        task.deleteLater()
        self._written(doc, "pdf", path, outcome.error or outcome.result)

    def _written(self, doc: BilingualDocument, fmt: str, path: str, error: str | None) -> bool:
        if error:
            self._error("Export failed", error)
            self.exported.emit(path, False)
            return False
        if fmt == "tmx":
            n = sum(1 for u in doc.units if u.status in HUMAN_STATUSES and u.target)
            note = plural.count(n, "edited or approved segment")
            unreviewed = sum(1 for u in doc.units if u.status == SegmentStatus.FROM_TM and u.target)
            if unreviewed:  # a TMX holds a person's work: the memory's own English waits for review
                note += f"; {plural.count(unreviewed, 'segment')} from TM left out until you edit or approve them"
        else:
            n = sum(1 for u in doc.units if u.target)
            note = f"{n} of {plural.count(len(doc.units), 'segment')} translated"
        self.window.statusBar().showMessage(f"Exported {Path(path).name} ({note}).", 8000)
        self.exported.emit(path, True)
        return True

    # --- import ------------------------------------------------------------
    def ask_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, "Import Translation Memory", str(Path.home()),
                                              "TMX translation memory (*.tmx);;All files (*)")
        if path:
            self.import_tmx(path)

    def import_tmx(self, path: str) -> int:
        session = self.context.session
        if session is None:
            return 0
        try:
            entries = read_tmx(path)
        except UnreadableFile as exc:
            self._error("Cannot import the translation memory", str(exc))
            return 0
        filled = len(session.prefill(tm_pairs(session.document, entries)))
        self.window.statusBar().showMessage(
            f"{Path(path).name}: {plural.count(len(entries), 'entry')}, {plural.count(filled, 'segment')} filled "
            "(segments you edited or approved were left alone).", 10000)
        return filled

    def _error(self, title: str, message: str) -> None:
        self.window.show_error(title, message)


def install(window, context: AppContext) -> ExportFeature:
    return ExportFeature(window, context)
