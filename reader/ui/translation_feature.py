"""Machine translation in the main window: menus, status-bar progress, cached rows, alternatives."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QActionGroup, QCursor
from PySide6.QtWidgets import QLabel, QMenu, QProgressBar, QToolButton

from reader import messages, plural
from reader import settings as keys
from reader.session import DocumentSession
from reader.translation import catalog
from reader.translation.compare import ModelComparison
from reader.translation.engine import DecodeOptions
from reader.translation.packages import installed_models
from reader.translation.service import TranslationService
from reader.ui.bidi import english as isolated, ltr, menu_text
from reader.ui.context import AppContext
from reader.ui.model_dialog import ModelDialog
from reader.ui.task import Outcome, Task, weak_slot
from reader.ui.translation_controller import TranslationController

NOT_YET = "Not translated yet — Tools ▸ Translate Document"


class TranslationFeature(QObject):
    def __init__(self, window, context: AppContext):
        super().__init__(window)
        self.window = window
        self.context = context
        self.controller = TranslationController(context.service, self)
        self.dialog: ModelDialog | None = None
        self.alternatives_menu: QMenu | None = None
        self._alt_task: Task | None = None
        self._start_pending = False
        self._closed = False

        bar = window.statusBar()
        self.progress_bar = QProgressBar()
        self.progress_bar.setObjectName("translationProgress")
        self.progress_bar.setMaximumWidth(140)   # the status message keeps its room at 1024 px
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
        context.sessionOpened.connect(self.document_opened)
        context.serviceChanged.connect(self._service_changed)
        window.installEventFilter(self)
        self._update_state()
        if context.session is not None:
            self.document_opened(context.session)

    # -- service ---------------------------------------------------------------------------
    @property
    def service(self) -> TranslationService:
        return self.context.service

    def options(self) -> DecodeOptions:
        return self.context.decode_options()

    def reload_service(self) -> None:
        self.context.reload_service()

    def _service_changed(self) -> None:
        self._comparison = None
        self.controller.set_service(self.context.service)
        self._update_state()
        if self.context.session is not None:
            self.document_opened(self.context.session)

    def _options_menu(self, menu: QMenu) -> None:
        for setting, label in ((keys.BEAM, lambda v: f"Beam {v}"),
                               (keys.THREADS, lambda v: plural.count(v, "thread") if v else "All CPU threads")):
            group = QActionGroup(menu)
            current = self.context.settings.get(setting)
            for v in setting.choices:
                text = label(v)
                action = menu.addAction(text)
                action.setCheckable(True)
                action.setChecked(v == current)
                action.triggered.connect(lambda _=False, k=setting, v=v: self._set_option(k, v))
                group.addAction(action)
            menu.addSeparator()
        # Forcing glossary renderings suits in-domain text; on general text a glossary word
        # can have its everyday sense (الساحل: coast or Sahel), so it can be turned off.
        terms = menu.addAction("Enforce Glossary Terms")
        terms.setCheckable(True)
        terms.setChecked(self.context.settings.get(keys.ENFORCE_TERMS))
        terms.toggled.connect(lambda on: self._set_option(keys.ENFORCE_TERMS, on))
        self.terms_action = terms

    def _set_option(self, setting: keys.Setting, value: object) -> None:
        self.context.settings.set(setting, value)
        self.reload_service()

    def _update_state(self) -> None:
        available = self.service.available()
        self.translate_action.setEnabled(available)
        self.alternatives_action.setEnabled(available)
        self.compare_action.setEnabled(len(installed_models()) > 1)
        # Without a model one banner says how to get one (reader.ui.first_run); rows stay calm.
        self.window.model.set_english_placeholder(NOT_YET if available else "")

    # -- documents -------------------------------------------------------------------------
    def document_opened(self, session: DocumentSession) -> None:
        # The other document's run ends in the background; its English never reaches this one.
        self.controller.drop()
        self._show_idle()
        wanted, current = catalog.model_for_document(session.doc_id), self.service.model
        if (wanted.path if wanted else None) != (current.path if current else None):
            self.context.reload_service()  # this document has its own model; we are called again
            return
        # The cache's English for the rows with none: looked up off this thread (10,000 rows
        # held the window for longer than a frame) and handed over a chunk per turn; then,
        # with auto-translate, what the cache had not is translated (_on_finished).
        self._start_pending = bool(self.service.available() and self.context.settings.get(keys.AUTO_TRANSLATE))
        self.controller.show_cached(session)

    def busy(self) -> bool:
        return self._start_pending or self.controller.running()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        if obj is self.window and event.type() == QEvent.Type.Close:
            # Worker threads must end before the window (their parent) is destroyed.
            # The only wait on the GUI thread: the runs were told to stop, so at most their
            # queued batches finish.
            self._closed = True
            self.controller.close()
            if self._alt_task is not None:
                self._alt_task.wait()
            if self.dialog is not None:
                self.dialog.finish()
        return False

    def _auto_translate(self) -> None:
        """On opening: translate what has no English yet."""
        session = self.context.session
        if session is not None and any(session.english(r) is None for r in range(len(session))):
            self.translate_document()
        self._start_pending = False

    def translate_document(self) -> None:
        """Translate (or, asked again, re-translate) every segment no person has worked on."""
        self._start_pending = False
        session = self.context.session
        if session is None or self._closed or not self.service.available():
            return
        doc = session.document
        visible = list(self.window.view.visible_rows())
        self.progress_bar.setRange(0, len(doc.segments))
        self.progress_bar.setValue(0)
        engine = self.service.engine
        self.rate.setText(messages.LOADING_MODEL if engine is None or not engine.loaded else "")
        for w in (self.progress_bar, self.rate, self.cancel_button):
            w.show()
        self.cancel_action.setEnabled(True)
        # Rows waiting for the engine said "Not translated yet — Tools ▸ Translate Document"
        # while it was translating them.
        self.window.model.set_english_placeholder(messages.TRANSLATING_ROW)
        self.controller.start(session, visible)

    def cancel(self) -> None:
        self.controller.cancel()
        self.rate.setText(messages.CANCELLING)

    def _on_progress(self, done: int, total: int, rate: float) -> None:
        self.progress_bar.setRange(0, total)
        self.progress_bar.setValue(done)
        self.rate.setText(messages.RATE.format(rate=rate) if rate else "")

    def _show_idle(self) -> None:
        for w in (self.progress_bar, self.cancel_button, self.rate):
            w.hide()
        self._update_state()   # rows still without English say how to translate them
        self.cancel_action.setEnabled(False)

    def _on_finished(self) -> None:
        if not self.controller.decoding:  # the cache's English is shown: nothing was translated
            self._show_idle()
            if self._start_pending:
                self._auto_translate()
            return
        text = self.rate.text()
        self._show_idle()
        word = "cancelled" if self.controller.was_cancelled else "finished"
        self.window.statusBar().showMessage(
            messages.TRANSLATION_ENDED.format(word=word, rate=f" ({text})" if "/s" in text else ""), 8000)

    def _on_failed(self, message: str) -> None:
        self.window.show_message(messages.TRANSLATION_FAILED.format(error=message))

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
        session = self.context.session
        chosen = catalog.document_model_name(session.doc_id) if session is not None else None
        default = catalog.default_model()
        group = QActionGroup(menu)
        for name, text in [(None, f"Default model ({default.label if default else 'none installed'})"),
                           *((m.name, m.label) for m in installed_models())]:
            action = menu.addAction(text)
            action.setCheckable(True)
            action.setChecked(name == chosen)
            action.setEnabled(session is not None)
            action.triggered.connect(lambda _=False, n=name: self.choose_document_model(n))
            group.addAction(action)

    def choose_document_model(self, name: str | None) -> None:
        """Translate the open document with another model; each model's English stays cached."""
        session = self.context.session
        if session is None:
            return
        catalog.set_document_model(session.doc_id, name)
        self.controller.drop()   # the other model's run ends in the background
        self.context.reload_service()
        # Machine English belongs to the model that made it: the run shows the new model's
        # where it is cached (looked up off this thread) and decodes the rest; a person's
        # English is never touched (set_machine_many).
        self._start_pending = False
        self.translate_document()
        label = self.service.model.label if self.service.model else "no model"
        self.window.statusBar().showMessage(f"This document now uses {label}", 8000)

    # -- compare models --------------------------------------------------------------------
    def compare_models(self, row: int) -> None:
        session = self.context.session
        if row < 0 or session is None or self._alt_task is not None:
            return
        if self._comparison is None:
            self._comparison = ModelComparison(self.service.cache, self.service.options, self.service.terminology)
        comparison, current = self._comparison, self.service.model
        text, shown = session.segments[row].text, session.english(row)
        self.window.statusBar().showMessage("Translating this segment with the other installed models…")
        task = Task(lambda _control: comparison.compare(text, current), self)
        task.done.connect(weak_slot(self._comparison_done, row, shown))
        self._alt_task = task
        task.start()

    def _comparison_done(self, row: int, shown: str | None, outcome: Outcome) -> None:
        self._alt_task_over()
        session = self.context.session
        self.window.statusBar().clearMessage()
        if outcome.error:
            self._on_failed(outcome.error)
            return
        if session is None or row >= len(session):
            return
        # Offered like the alternatives, so picking one is the same undoable, checked step.
        session.offer_alternatives(row, [english for _, english in outcome.result], shown)
        menu = QMenu(self.window.view)
        menu.setObjectName("compareModelsMenu")
        if not outcome.result:
            menu.addAction("No other model installed").setEnabled(False)
        for model, english in outcome.result:
            action = menu.addAction(menu_text(f"{ltr(model.label)}: {isolated(english)}"))
            action.setData(english)
            action.triggered.connect(lambda _=False, e=english: self._choose(row, e))
        self.compare_menu = menu
        menu.popup(QCursor.pos())

    def _alt_task_over(self) -> None:
        task, self._alt_task = self._alt_task, None
        if task is not None:
            task.wait()  # ``done`` is the thread's last act: this returns at once
            task.deleteLater()

    # -- alternatives ----------------------------------------------------------------------
    def show_alternatives(self, row: int) -> None:
        session = self.context.session
        if row < 0 or session is None or not self.service.available() or self._alt_task is not None:
            return
        text, shown = session.segments[row].text, session.english(row)
        service = self.service
        self.window.statusBar().showMessage(messages.FINDING_ALTERNATIVES)
        task = Task(lambda _control: service.alternatives(text, 3, shown), self)
        task.done.connect(weak_slot(self._alternatives_done, row, shown))
        self._alt_task = task
        task.start()

    def _alternatives_done(self, row: int, shown: str | None, outcome: Outcome) -> None:
        self._alt_task_over()
        session = self.context.session
        if outcome.error:
            self._on_failed(outcome.error)
        elif session is not None and row < len(session):
            self._offer_alternatives(row, session.offer_alternatives(row, outcome.result, shown))

    def _offer_alternatives(self, row: int, alternatives: tuple[str, ...]) -> None:
        self.window.statusBar().clearMessage()
        menu = QMenu(self.window.view)
        menu.setObjectName("alternativesMenu")
        if not alternatives:
            menu.addAction(messages.NO_ALTERNATIVES).setEnabled(False)
        for alt in alternatives:
            action = menu.addAction(menu_text(isolated(alt)))
            action.setData(alt)
            action.triggered.connect(lambda _=False, a=alt: self._choose(row, a))
        self.alternatives_menu = menu
        menu.popup(QCursor.pos())

    def _choose(self, row: int, english: str) -> None:
        session = self.context.session
        if session is None or english not in session.alternatives(row):
            self.window.statusBar().showMessage(messages.ALTERNATIVE_STALE, 4000)
            return
        session.choose_alternative(row, english, expected=session.english(row))


def install(window, context: AppContext) -> TranslationFeature:
    return TranslationFeature(window, context)
