"""Glossary in the reading window: term highlights in both columns, linked hover, tooltips,
the glossary dock with a corpus concordance, "Add to glossary", house style, TBX/CSV import/export."""
from __future__ import annotations

from functools import partial

from PySide6.QtGui import QAction, QActionGroup, QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox
from PySide6.QtCore import Qt, QTimer

from reader import messages, plural
from reader.arabic import word_at
from reader.errors import describe as describe_error
from reader.glossary import HOUSE_STYLES, GlossaryError, Term, write_glossary_file
from reader.glossary.index import GlossaryIndex, describe
from reader.glossary.tabular import BadRows
from reader.session import DocumentSession
from reader.ui.bidi import english, rtl
from reader.ui.context import AppContext
from reader.study.dictionary import shared_dictionary
from reader.study.glossary_terms import GlossaryTerms
from reader.ui.glossary_panel import AddTermDialog, GlossaryPanel
from reader.theme_colours import GLOSSARY_CATEGORIES
from reader.ui.spans import Span

# Term backgrounds by category: a role the view resolves in the current theme
# (reader.theme_colours), so dark and light each get readable colours.
CATEGORY_COLORS = {c: f"glossary:{c}" for c in GLOSSARY_CATEGORIES}
FILE_FILTER = "Glossaries (*.tbx *.csv *.tsv *.txt);;TBX (*.tbx);;CSV (*.csv);;TSV for OmegaT (*.tsv *.txt)"


class GlossaryFeature:
    def __init__(self, window, context: AppContext):
        self.window = window
        self.context = context
        self.index: GlossaryIndex = context.glossary
        self._rebuild()
        self.panel = GlossaryPanel(window)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.panel)
        window.menu("&View").addAction(self.panel.toggleViewAction())
        self.panel.termActivated.connect(self.show_concordance)
        self.panel.occurrenceActivated.connect(self.go_to)
        window.model.add_span_provider(self.spans)
        context.sessionOpened.connect(self._session_opened)
        context.glossaryChanged.connect(self._refresh)
        # The mixed-style check runs once after a burst of changes (a translation run).
        self._style_check = QTimer(window)
        self._style_check.setSingleShot(True)
        self._style_check.setInterval(300)
        self._style_check.timeout.connect(self.check_mixed_styles)
        context.segmentsChanged.connect(lambda *_: self._style_check.start())
        self._build_menus()
        window.view.contextMenuAboutToShow.connect(self._fill_context_menu)

    # --- matching (the context's one glossary index) ----------------------------
    @property
    def glossary(self):
        return self.index.glossary

    def _rebuild(self) -> None:
        self._row_cache: dict = {}

    def row_matches(self, row: int):
        """Arabic and English matches of a row and the link id of each (None when unpaired)."""
        model = self.window.model
        key = (model.segment(row).text, model.translation(row) or "")
        cached = self._row_cache.get(row)
        if cached is None or cached[0] != key:
            cached = self._row_cache[row] = (key, self.index.linked_matches(*key, f"glossary:{row}"))
        return cached[1]

    def spans(self, row: int, side: str, text: str) -> list[Span]:
        ar, en = self.row_matches(row)
        out = []
        for m, link_id in (ar if side == "ar" else en):
            term = self.glossary.get(m.term_id)
            if term is not None:
                out.append(Span(m.start, m.end, background=CATEGORY_COLORS.get(term.category, "glossary:concept"),
                                tooltip=describe(term, m if side == "ar" else None), link=link_id))
        return out

    # --- panel and concordance ----------------------------------------------
    def _session_opened(self, session: DocumentSession) -> None:
        self._document_opened(session.document)
        self.check_mixed_styles()

    def check_mixed_styles(self) -> list[str]:
        """Warn when the document's English mixes house styles (ISIS and Daesh...); returns them."""
        session = self.context.session
        texts = [e for e in (session.english(r) for r in range(len(session))) if e] if session else []
        mixed = self.index.mixed_styles(texts)
        if mixed:
            self.window.show_message(messages.MIXED_STYLES.format(styles=", ".join(mixed)))
        elif self.window.message.text().startswith(messages.MIXED_STYLES.split("(")[0]):
            self.window.show_message("")  # the warning no longer holds
        return mixed

    def _document_opened(self, doc) -> None:
        self._row_cache.clear()
        self.panel.show_terms(self.index.term_counts(doc.text))

    def show_concordance(self, term_id: str) -> None:
        term = self.glossary.get(term_id)
        self.panel.show_concordance(f"{rtl(term.headword)} — {english(term.english)}", self.index.concordance(term_id))

    def go_to(self, doc_id: str, row: int) -> None:
        win = self.window
        if win.document is None or win.document.doc_id != doc_id:
            entry = next((e for e in win.library.entries if e.doc_id == doc_id), None)
            if entry is None or not win.open_entry(entry):
                return
        win.view.go_to_row(row)

    # --- editing --------------------------------------------------------------
    def _build_menus(self) -> None:
        win = self.window
        menu = win.menu("&Tools").addMenu("&Glossary")
        self.add_action = QAction("&Add to Glossary…", win)
        self.add_action.triggered.connect(lambda: self.add_term(self._selected_arabic()))
        menu.addAction(self.add_action)
        style_menu = menu.addMenu("House &Style")
        self.style_actions = QActionGroup(win)
        for style in HOUSE_STYLES:
            action = QAction(style, win, checkable=True)
            action.setChecked(style == self.glossary.house_style)
            action.triggered.connect(partial(self.set_house_style, style))
            self.style_actions.addAction(action)
            style_menu.addAction(action)
        menu.addSeparator()
        self.import_action = menu.addAction("&Import Glossary…", self.import_file)
        self.export_action = menu.addAction("&Export Glossary…", self.export_file)

    def set_house_style(self, style: str) -> None:
        """Save the style; the context re-renders machine English in it (never a person's)."""
        session = self.context.session
        before = [session.english(r) for r in range(len(session))] if session is not None else []
        self.index.set_house_style(style)
        changed = sum(1 for r, e in enumerate(before) if session is not None and session.english(r) != e)
        self.window.statusBar().showMessage(
            messages.STYLE_APPLIED.format(style=style, count=changed, s="" if changed == 1 else "s"), 8000)

    def _refresh(self) -> None:
        self._rebuild()
        self.window.model.refresh()
        if self.context.session is not None:
            self._document_opened(self.context.session.document)

    def _selected_arabic(self, row: int | None = None, offset: int | None = None) -> str:
        """The word under the context-menu click, else the clipboard's Arabic text."""
        if row is not None and offset is not None and row >= 0:
            found = word_at(self.window.model.segment(row).text, offset)
            if found:
                return found[2]
        clip = QGuiApplication.clipboard().text().strip()
        return clip if clip and len(clip) < 80 else ""

    def _fill_context_menu(self, menu: QMenu, hit) -> None:
        word = self._selected_arabic(hit.row, hit.offset) if hit is not None and hit.side == "ar" else ""
        if word:
            menu.addAction(f"Add “{rtl(word)}” to Glossary…", lambda: self.add_term(word))
        else:
            menu.addAction(self.add_action)

    def add_term(self, arabic: str = "", dialog: AddTermDialog | None = None) -> Term | None:
        dialog = dialog or AddTermDialog(arabic, self.window, english=self._english_for(arabic))
        self.last_dialog = dialog
        while dialog.exec():
            variants = [v.strip() for v in dialog.variants.text().split("|") if v.strip()]
            term = Term(id=self.glossary.new_id(dialog.english.text() or "term"),
                        arabic=[dialog.arabic.text().strip()], english=dialog.english.text().strip(),
                        variants=variants, category=dialog.category.currentText(), note=dialog.note.text().strip())
            try:
                term = self.index.add_term(term)
            except (GlossaryError, OSError) as exc:
                dialog.error.setText(str(exc))  # keep what was typed; let the user fix it
                continue
            self.window.statusBar().showMessage(messages.TERM_ADDED.format(headword=term.headword,
                                                                           english=term.english))
            return term
        return None

    def _english_for(self, arabic: str) -> str:
        """A first English for the dialog: the dictionary's first gloss of the word, if it has one."""
        if not arabic.strip() or " " in arabic.strip():
            return ""
        lookup = shared_dictionary(GlossaryTerms(self.context.glossary)).lookup(arabic.strip())
        gloss = next((g for e in lookup.entries for g in e.glosses if g.strip()), "")
        return gloss.split(";")[0].strip()

    def import_file(self, path: str | None = None, skip_bad: bool = False) -> None:
        path = path or QFileDialog.getOpenFileName(self.window, "Import Glossary", "", FILE_FILTER)[0]
        if not path:
            return
        try:
            added = self.index.import_file(path, skip_bad=skip_bad)
        except BadRows as exc:
            if exc.good:
                self._offer_partial_import(str(exc), path)
            else:
                self.window.show_message(messages.GLOSSARY_IMPORT_FAILED.format(error=exc))
            return
        except (GlossaryError, OSError) as exc:
            self.window.show_message(messages.GLOSSARY_IMPORT_FAILED.format(error=describe_error(exc)))
            return
        self.window.statusBar().showMessage(messages.TERMS_IMPORTED.format(count=plural.count(len(added), 'term')))

    def _offer_partial_import(self, message: str, path: str) -> None:
        """Bad rows: the user chooses between importing the rest and importing nothing."""
        box = QMessageBox(QMessageBox.Icon.Warning, "Import Glossary", message,
                          QMessageBox.StandardButton.NoButton, self.window)
        box.setObjectName("partialImportBox")
        rest = box.addButton("Import the Other Rows", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Import Nothing", QMessageBox.ButtonRole.RejectRole)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def chosen(button: object) -> None:
            if button is rest:
                self.import_file(path, skip_bad=True)
        box.buttonClicked.connect(chosen)
        self.partial_import_box = box
        box.open()

    def export_file(self, path: str | None = None) -> None:
        path = path or QFileDialog.getSaveFileName(self.window, "Export Glossary", "glossary.tbx", FILE_FILTER)[0]
        if not path:
            return
        try:
            write_glossary_file(self.glossary.raw_terms(), path)
        except (GlossaryError, OSError) as exc:
            self.window.show_message(messages.GLOSSARY_EXPORT_FAILED.format(error=exc))
            return
        self.window.statusBar().showMessage(messages.TERMS_EXPORTED.format(count=plural.count(len(self.glossary), 'term'),
                                                                    path=path))


def install(window, context: AppContext) -> GlossaryFeature:
    return GlossaryFeature(window, context)
