"""Machine translation in the main window: menus, status-bar progress, cached rows, alternatives."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCursor
from PySide6.QtWidgets import QLabel, QMenu, QProgressBar, QToolButton

from reader.translation import catalog
from reader.translation.compare import ModelComparison
from reader.translation.engine import DecodeOptions
from reader.translation.packages import installed_models
from reader.translation.service import NO_MODEL_MESSAGE, TranslationService, default_service
from reader.ui.model_dialog import ModelDialog
from reader.ui.translation_controller import BackgroundTask, TranslationController

NOT_YET = "Not translated yet — Tools ▸ Translate Document"
BEAMS = (1, 2, 4, 5)
THREADS = (0, 1, 2, 4)


class TranslationFeature(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.service: TranslationService = self._make_service()
        self.controller = TranslationController(self.service, window.model, self)
        self.dialog: ModelDialog | None = None
        self.alternatives_menu: QMenu | None = None
        self._alt_task: BackgroundTask | None = None
        self._start_pending = False
        self._closed = False

        bar = window.statusBar()
        self.progress_bar = QProgressBar()
        self.progress_bar.setObjectName("translationProgress")
        self.progress_bar.setMaximumWidth(220)
        self.rate = QLabel()
        self.rate.setObjectName("translationRate")
        self.cancel_button = QToolButton()
        self.cancel_button.setText("Cancel")
        self.cancel_button.setObjectName("cancelTranslation")
        self.cancel_button.clicked.connect(self.cancel)
        for w in (self.progress_bar, self.rate, self.cancel_button):
            bar.addPermanentWidget(w)
            w.hide()

        self.translate_action = window.add_action("&Tools", "&Translate Document", self.translate_document,
                                                  "Ctrl+T")
        self.cancel_action = window.add_action("&Tools", "&Cancel Translation", self.cancel)
        self.cancel_action.setEnabled(False)
        self.models_action = window.add_action("&Tools", "&Models…", self.show_models)
        self.document_model_menu = window.menu("&Tools").addMenu("Model for This &Document")
        self.document_model_menu.aboutToShow.connect(self._fill_document_model_menu)
        self._options_menu(window.menu("&Tools").addMenu("Translation &Options"))
        window.menu("&Tools").addSeparator()

        self.alternatives_action = QAction("Alternative Translations…", window.view)
        self.alternatives_action.triggered.connect(lambda: self.show_alternatives(window.view.current_row()))
        # The view's actions end every segment context menu (ReadingView.build_context_menu).
        window.view.addAction(self.alternatives_action)
        self.compare_action = QAction("Compare Models…", window.view)
        self.compare_action.triggered.connect(lambda: self.compare_models(window.view.current_row()))
        window.view.addAction(self.compare_action)
        self.compare_menu: QMenu | None = None
        self._comparison: ModelComparison | None = None

        self.controller.progress.connect(self._on_progress)
        self.controller.finished.connect(self._on_finished)
        self.controller.failed.connect(self._on_failed)
        window.documentOpened.connect(self.document_opened)
        window.glossaryChanged.connect(self.reload_service)
        window.installEventFilter(self)
        self._update_state()
        if window.document is not None:
            self.document_opened(window.document)

    # -- service ---------------------------------------------------------------------------
    def options(self) -> DecodeOptions:
        s = self.window.settings
        default = DecodeOptions()
        return DecodeOptions(beam_size=int(s.value("translation/beam", default.beam_size)),
                             threads=int(s.value("translation/threads", default.threads)))

    def _make_service(self) -> TranslationService:
        enforce = self.window.settings.value("translation/terminology", True, bool)
        doc = self.window.document
        return default_service(self.options(), terminology="auto" if enforce else None,
                               doc_id=doc.doc_id if doc is not None else None)

    def reload_service(self) -> None:
        self.controller.cancel(wait=True)
        self._comparison = None
        self.service = self._make_service()
        self.controller.set_service(self.service)
        self._update_state()
        if self.window.document is not None:
            self.document_opened(self.window.document)

    def _options_menu(self, menu: QMenu) -> None:
        for key, values, label in (("translation/beam", BEAMS, "Beam {}"),
                                   ("translation/threads", THREADS, "{} threads")):
            group = QActionGroup(menu)
            current = getattr(self.options(), "beam_size" if "beam" in key else "threads")
            for v in values:
                text = "All CPU threads" if label.startswith("{} threads") and v == 0 else label.format(v)
                action = menu.addAction(text)
                action.setCheckable(True)
                action.setChecked(v == current)
                action.triggered.connect(lambda _=False, k=key, v=v: self._set_option(k, v))
                group.addAction(action)
            menu.addSeparator()
        # Forcing glossary renderings suits in-domain text; on general text a glossary word
        # can have its everyday sense (الساحل: coast or Sahel), so it can be turned off.
        terms = menu.addAction("Enforce Glossary Terms")
        terms.setCheckable(True)
        terms.setChecked(self.window.settings.value("translation/terminology", True, bool))
        terms.toggled.connect(lambda on: self._set_option("translation/terminology", on))
        self.terms_action = terms

    def _set_option(self, key: str, value) -> None:
        self.window.settings.setValue(key, value)
        self.reload_service()

    def _update_state(self) -> None:
        available = self.service.available()
        self.translate_action.setEnabled(available)
        self.alternatives_action.setEnabled(available)
        self.compare_action.setEnabled(len(installed_models()) > 1)
        self.window.model.set_english_placeholder(NOT_YET if available else NO_MODEL_MESSAGE)

    # -- documents -------------------------------------------------------------------------
    def document_opened(self, doc) -> None:
        self.controller.cancel(wait=True)
        wanted = catalog.model_for_document(doc.doc_id)
        if (wanted.path if wanted else None) != (self.service.model.path if self.service.model else None):
            self.service = self._make_service()  # this document has its own model
            self.controller.set_service(self.service)
            self._update_state()
        texts = [s.text for s in doc.segments]
        for row, english in enumerate(self.service.cached(texts)):
            if english is not None and self.window.model.status(row) == "untranslated":
                self.window.model.set_translation(row, english, "machine")
        if self.service.available() and self.window.settings.value("translation/auto", True, bool):
            # Start after the view has laid out, so "visible rows" means what is on screen.
            self._start_pending = True
            QTimer.singleShot(0, self.translate_document)

    def busy(self) -> bool:
        return self._start_pending or self.controller.running()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        if obj is self.window and event.type() == QEvent.Close:
            # Worker threads must end before the window (their parent) is destroyed.
            self._closed = True
            self.controller.cancel(wait=True)
            if self._alt_task is not None:
                self._alt_task.wait()
        return False

    def translate_document(self) -> None:
        self._start_pending = False
        doc = self.window.document
        if doc is None or self._closed or not self.service.available():
            return
        model = self.window.model
        if all(model.translation(r) is not None for r in range(model.rowCount())):
            return
        visible = list(self.window.view.visible_rows())
        self.progress_bar.setRange(0, len(doc.segments))
        self.progress_bar.setValue(0)
        self.rate.setText("Loading model…" if not self.service.engine.loaded else "")
        for w in (self.progress_bar, self.rate, self.cancel_button):
            w.show()
        self.cancel_action.setEnabled(True)
        self.controller.start(doc, visible)

    def cancel(self) -> None:
        self.controller.cancel()
        self.rate.setText("Cancelling…")

    def _on_progress(self, done: int, total: int, rate: float) -> None:
        self.progress_bar.setRange(0, total)
        self.progress_bar.setValue(done)
        self.rate.setText(f"{rate:.1f} sentences/s" if rate else "")

    def _on_finished(self) -> None:
        for w in (self.progress_bar, self.cancel_button):
            w.hide()
        self.cancel_action.setEnabled(False)
        text = self.rate.text()
        self.rate.hide()
        word = "cancelled" if self.controller.was_cancelled else "finished"
        self.window.statusBar().showMessage(f"Translation {word}" + (f" ({text})" if "/s" in text else ""), 8000)

    def _on_failed(self, message: str) -> None:
        self.window.show_message(f"Translation failed: {message}")

    # -- models ----------------------------------------------------------------------------
    def show_models(self) -> ModelDialog:
        if self.dialog is None:
            self.dialog = ModelDialog(self.window)
            self.dialog.modelsChanged.connect(self.reload_service)
        self.dialog.refresh()
        self.dialog.show()
        self.dialog.raise_()
        return self.dialog

    def _fill_document_model_menu(self) -> None:
        menu = self.document_model_menu
        menu.clear()
        doc = self.window.document
        chosen = catalog.document_model_name(doc.doc_id) if doc is not None else None
        default = catalog.default_model()
        group = QActionGroup(menu)
        for name, text in [(None, f"Default model ({default.label if default else 'none installed'})"),
                           *((m.name, m.label) for m in installed_models())]:
            action = menu.addAction(text)
            action.setCheckable(True)
            action.setChecked(name == chosen)
            action.setEnabled(doc is not None)
            action.triggered.connect(lambda _=False, n=name: self.choose_document_model(n))
            group.addAction(action)

    def choose_document_model(self, name: str | None) -> None:
        """Translate the open document with another model; its earlier English stays cached."""
        doc = self.window.document
        if doc is None:
            return
        catalog.set_document_model(doc.doc_id, name)
        self.controller.cancel(wait=True)
        self.service = self._make_service()
        self.controller.set_service(self.service)
        self._comparison = None
        self._update_state()
        model = self.window.model
        texts = [s.text for s in doc.segments]
        # Machine English belongs to the model that made it; edited English stays.
        for row, english in enumerate(self.service.cached(texts)):
            if model.status(row) in ("machine", "untranslated"):
                model.set_translation(row, english, "machine")
        self.document_opened(doc)
        label = self.service.model.label if self.service.model else "no model"
        self.window.statusBar().showMessage(f"This document now uses {label}", 8000)

    # -- compare models --------------------------------------------------------------------
    def compare_models(self, row: int) -> None:
        if row < 0 or self._alt_task is not None:
            return
        if self._comparison is None:
            self._comparison = ModelComparison(self.service.cache, self.service.options, self.service.terminology)
        comparison, text, current = self._comparison, self.window.model.segment(row).text, self.service.model
        self.window.statusBar().showMessage("Translating this segment with the other installed models…")
        task = BackgroundTask(lambda report: comparison.compare(text, current), self)
        task.succeeded.connect(lambda results, r=row: self._offer_comparison(r, results))
        task.errored.connect(self._on_failed)
        task.finished.connect(self._alt_done)
        self._alt_task = task
        task.start()

    def _offer_comparison(self, row: int, results) -> None:
        self.window.statusBar().clearMessage()
        menu = QMenu(self.window.view)
        menu.setObjectName("compareModelsMenu")
        if not results:
            menu.addAction("No other model installed").setEnabled(False)
        for model, english in results:
            action = menu.addAction(f"{model.label}: {english}")
            action.setData(english)
            action.triggered.connect(lambda _=False, e=english: self.window.model.set_translation(row, e, "machine"))
        self.compare_menu = menu
        menu.popup(QCursor.pos())

    # -- alternatives ----------------------------------------------------------------------
    def show_alternatives(self, row: int) -> None:
        if row < 0 or not self.service.available() or self._alt_task is not None:
            return
        text = self.window.model.segment(row).text
        service = self.service
        self.window.statusBar().showMessage("Finding alternative translations…")
        task = BackgroundTask(lambda report: service.alternatives(text, 3), self)
        task.succeeded.connect(lambda alts, r=row: self._offer_alternatives(r, alts))
        task.errored.connect(self._on_failed)
        task.finished.connect(self._alt_done)
        self._alt_task = task
        task.start()

    def _alt_done(self) -> None:
        self._alt_task = None

    def _offer_alternatives(self, row: int, alternatives: list[str]) -> None:
        self.window.statusBar().clearMessage()
        menu = QMenu(self.window.view)
        menu.setObjectName("alternativesMenu")
        if not alternatives:
            menu.addAction("No other translation found").setEnabled(False)
        for alt in alternatives:
            action = menu.addAction(alt)
            action.triggered.connect(lambda _=False, a=alt: self.window.model.set_translation(row, a, "machine"))
        self.alternatives_menu = menu
        menu.popup(QCursor.pos())


def install(window) -> TranslationFeature:
    window.translation = TranslationFeature(window)
    return window.translation
