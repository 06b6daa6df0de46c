"""File ▸ Export (TMX, XLIFF, CSV, bilingual HTML, PDF) and File ▸ Import TMX."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtCore import QMarginsF, QObject
from PySide6.QtWidgets import QFileDialog

from reader import settings as keys
from reader.states import HUMAN_STATUSES
from reader.exchange import BilingualDocument, bilingual, export, formats
from reader.exchange.html_export import write_html
from reader.exchange.tmx import read_tmx, tm_pairs
from reader.textfile import UnreadableFile
from reader.ui.context import AppContext

PDF_FILTER = "PDF document (*.pdf)"
# Qt embeds Amiri's shaped glyphs without a usable ToUnicode map, so text copied
# from such a PDF is garbage; Noto Naskh keeps the text layer readable.
PDF_ARABIC_FONTS = '"Noto Naskh Arabic", "Noto Sans Arabic", "DejaVu Sans", sans-serif'


class ExportFeature(QObject):
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
        pdf = self.export_menu.addAction("PDF (bilingual, for printing)…")
        pdf.triggered.connect(lambda: self.ask_export("pdf"))
        self.actions["pdf"] = pdf
        self.import_action = file_menu.addAction("&Import Translation Memory (TMX)…")
        self.import_action.triggered.connect(self.ask_import)
        if quit_action is not None:
            file_menu.insertAction(quit_action, self.import_action)
            file_menu.insertSeparator(quit_action)
        context.sessionOpened.connect(lambda _session: self._enable(True))
        self._enable(False)

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
        suffix = ".pdf" if fmt == "pdf" else formats()[fmt].suffix
        name_filter = PDF_FILTER if fmt == "pdf" else f"{formats()[fmt].description} (*{suffix})"
        folder = Path(self.context.settings.get(keys.EXPORT_DIR) or str(Path.home()))
        stem = "".join(ch for ch in (self.window.document.title or doc.doc_id) if ch not in '/\\:*?"<>|')[:60]
        path, _ = QFileDialog.getSaveFileName(self.window, "Export", str(folder / f"{stem}{suffix}"), name_filter)
        if not path:
            return
        if not path.lower().endswith(suffix):
            path += suffix
        self.context.settings.set(keys.EXPORT_DIR, str(Path(path).parent))
        self.export_to(fmt, path)

    def export_to(self, fmt: str, path: str) -> bool:
        doc = self.current()
        if doc is None:
            return False
        try:
            if fmt == "pdf":
                self._write_pdf(doc, path)
            else:
                export(fmt, [doc], path)
        except OSError as exc:
            self._error("Export failed", f"{Path(path).name} could not be written: {exc.strerror or exc}.")
            return False
        if fmt == "tmx":
            n = sum(1 for u in doc.units if u.status in HUMAN_STATUSES and u.target)
            note = f"{n} edited or approved segment{'s' if n != 1 else ''}"
        else:
            n = sum(1 for u in doc.units if u.target)
            note = f"{n} of {len(doc.units)} segments translated"
        self.window.statusBar().showMessage(f"Exported {Path(path).name} ({note}).", 8000)
        return True

    def _write_pdf(self, doc: BilingualDocument, path: str) -> None:
        page = QTextDocument()
        page.setHtml(write_html([doc], arabic_fonts=PDF_ARABIC_FONTS).decode("utf-8"))
        writer = QPdfWriter(path)
        writer.setTitle(doc.title)
        writer.setCreator("Bayan")
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)
        page.print_(writer)
        del writer  # finishes the file
        if not Path(path).exists():
            raise OSError(f"the PDF writer could not create {path}")

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
            f"{Path(path).name}: {len(entries)} entries, {filled} segment{'s' if filled != 1 else ''} filled "
            "(segments you edited or approved were left alone).", 10000)
        return filled

    def _error(self, title: str, message: str) -> None:
        self.window.show_error(title, message)


def install(window, context: AppContext) -> ExportFeature:
    return ExportFeature(window, context)
