"""The student workflow in the reader: word lookup, diacritics and transliteration toggles,
interlinear layout, themes, vocabulary with known words marked, reading aloud.

Everything here is wiring: the work is done by the Qt-free ``reader.study``.
"""
from __future__ import annotations

import dataclasses
import subprocess
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCursor, QKeySequence
from PySide6.QtWidgets import QToolBar

from reader import messages
from reader import settings as keys
from reader.align.senses import aligned_english
from reader.arabic import normalize, strip_diacritics_with_map, word_at, words
from reader.study.clitics import stem_candidates
from reader.study.context import with_reading
from reader.study.dictionary import Dictionary, WordLookup, shared_dictionary
from reader.study.glossary_terms import GlossaryTerms
from reader.study.in_context import is_warm, warm_up
from reader.study.speech import Speaker, SpeechUnavailable, playback_problem
from reader.study.transliteration import SCHEMES, ala_lc_word, buckwalter
from reader.arabic import is_arabic
from reader.study.vocabulary import Vocabulary, VocabularyError
from reader.ui.context import AppContext
from reader.ui.segment_delegate import INTERLINEAR, SIDE_BY_SIDE
from reader.ui.spans import Span
from reader.ui.task import Outcome, Task
from reader.ui.themes import apply_theme
from reader.ui.vocabulary_panel import VocabularyPanel
from reader.ui.word_popup import WordPopup

HOVER_DELAY_MS = 400
# How saved words look in the text, by status.
STATUS_SPANS: dict[str, dict[str, Any]] = {
    "new": dict(underline=True, tooltip="In your vocabulary: new"),
    "learning": dict(underline=True, background="learning", tooltip="In your vocabulary: learning"),
    "known": dict(color="known", tooltip="In your vocabulary: known"),
}
SOURCE_ORDER = ("Glossary", "Buckwalter lexicon", "FreeDict ara-eng")


class StudyFeature(QObject):
    def __init__(self, window, context: AppContext):
        super().__init__(window)
        self.window = window
        self.context = context
        self.settings = context.settings
        self.view = window.view
        self.model = window.model
        self._dictionary: Dictionary | None = None
        self._romanised: dict[int, tuple[str, str]] = {}  # row -> (English it was read with, line)
        self._word_status: dict[str, str | None] = {}
        self.last_lookup: WordLookup | None = None
        self._last_row = -1
        # The dictionaries load in a Task after the window shows (1.5-3 s that used to freeze
        # the first click); until then lookups say "Loading…" and the lines show plain text.
        self.ready = is_warm()
        self._warm_task: Task | None = None
        self._waiting_lookup: tuple[int, int, QPoint] | None = None
        self.speaker = Speaker()
        self._speech: subprocess.Popen | None = None
        # espeak-ng runs on its own; its end is checked now and then to report a silent failure.
        self._speech_watch = QTimer(self, interval=200)
        self._speech_watch.timeout.connect(self._check_speech)

        self.vocabulary: Vocabulary = context.vocabulary
        self._statuses = self.vocabulary.statuses()

        self.popup = WordPopup(self.view.delegate.arabic_font, window)
        self.popup.hide()
        self.popup.saveRequested.connect(self.save_lookup)
        self.popup.listenRequested.connect(lambda text: self.listen(text, "ar"))
        self.popup.readingChosen.connect(self.choose_reading)
        # Esc closes the popup from the reading view (which keeps the focus while it shows);
        # a scrolled view leaves the word behind, so the popup goes too.
        self.view.installEventFilter(self.popup)
        self.view.verticalScrollBar().valueChanged.connect(self.popup.hide)
        self.view.horizontalScrollBar().valueChanged.connect(self.popup.hide)
        self.panel = VocabularyPanel(self.vocabulary, window)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.panel)
        self.panel.setVisible(self.settings.get(keys.VOCABULARY_PANEL))
        self.panel.visibilityChanged.connect(lambda visible: self.settings.set(keys.VOCABULARY_PANEL, visible))
        self.panel.changed.connect(self._vocabulary_changed)

        self._hover_pos: QPoint | None = None
        self._hover_timer = QTimer(self)
        self._hover_timer.setSingleShot(True)
        self._hover_timer.setInterval(HOVER_DELAY_MS)
        self._hover_timer.timeout.connect(self._hover_lookup)
        self.view.viewport().installEventFilter(self)
        self.view.segmentClicked.connect(self._clicked)
        self.model.modelReset.connect(self._document_changed)
        self.model.add_span_provider(self._vocabulary_spans)

        self._build_actions()
        self._restore()
        window.installEventFilter(self)
        if not self.ready:
            QTimer.singleShot(0, self._start_warm_up)

    # --- warm-up ----------------------------------------------------------------
    def _start_warm_up(self) -> None:
        if self.ready or self._warm_task is not None:
            return
        # No parent: the window waits for it on close instead of deleting a running thread.
        task = Task(lambda _control: warm_up())
        task.done.connect(self._warmed)
        self._warm_task = task
        task.start()

    def _warmed(self, outcome: Outcome) -> None:
        task, self._warm_task = self._warm_task, None
        if task is not None:
            task.wait()
            task.deleteLater()
        if outcome.error:
            self.window.statusBar().showMessage(outcome.error, 8000)
        self.ready = True
        self._romanised.clear()
        self._apply_arabic_transform()  # the vowels and the transliteration line, as read in context
        waiting, self._waiting_lookup = self._waiting_lookup, None
        if waiting is not None and self.popup.isVisible():
            self.look_up(*waiting)

    def _finish_warm_up(self) -> None:
        """On close: the loaders cannot stop halfway, so the window waits for them."""
        task = self._warm_task
        if task is not None:
            task.wait()

    # --- settings-backed state ------------------------------------------------
    def _build_actions(self) -> None:
        w = self.window
        view_menu = w.menu("&View")
        view_menu.addSeparator()
        self.diacritics_action = self._toggle("Show &Diacritics", self.set_diacritics, "Ctrl+Shift+D")
        self.vowels_action = self._toggle("Add &Vowels", self.set_vowels)
        self.vowels_action.setToolTip("Show unvocalised words with the vowels of their reading in context")
        self.translit_action = self._toggle("&Transliteration Line", self.set_transliteration_line,
                                            "Ctrl+Shift+T")
        self.interlinear_action = self._toggle("&Interlinear Layout", self.set_interlinear, "Ctrl+Shift+I")
        self.dark_action = self._toggle("Dar&k Theme", lambda on: self.set_theme("dark" if on else "light"))
        for action in (self.diacritics_action, self.vowels_action, self.translit_action,
                       self.interlinear_action, self.dark_action):
            view_menu.addAction(action)
        view_menu.addAction(self.panel.toggleViewAction())

        study = w.menu("&Tools").addMenu("&Study")
        self.hover_action = self._toggle("Look Up Words on &Hover", self.set_hover_lookup)
        study.addAction(self.hover_action)
        scheme_menu = study.addMenu("Transliteration &Scheme")
        self.scheme_group = QActionGroup(self)
        self.scheme_actions: dict[str, QAction] = {}
        for key, name in SCHEMES.items():
            action = QAction(name, self, checkable=True)
            action.triggered.connect(lambda _=False, k=key: self.set_scheme(k))
            self.scheme_group.addAction(action)
            scheme_menu.addAction(action)
            self.scheme_actions[key] = action
        self.listen_ar_action = QAction("Listen to &Arabic", self)
        self.listen_ar_action.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.listen_ar_action.triggered.connect(lambda: self.listen_segment("ar"))
        self.listen_en_action = QAction("Listen to &English", self)
        self.listen_en_action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.listen_en_action.triggered.connect(lambda: self.listen_segment("en"))
        self.stop_action = QAction("S&top Reading", self)
        self.stop_action.triggered.connect(self.speaker.stop)
        for action in (self.listen_ar_action, self.listen_en_action, self.stop_action):
            study.addAction(action)

        self.toolbar = QToolBar("Study", w)
        self.toolbar.setObjectName("studyToolbar")
        for action in (self.listen_ar_action, self.listen_en_action, self.diacritics_action,
                       self.translit_action, self.interlinear_action):
            self.toolbar.addAction(action)
        w.addToolBar(self.toolbar)

    def _toggle(self, text: str, slot, shortcut: str | None = None) -> QAction:
        action = QAction(text, self, checkable=True)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.toggled.connect(slot)
        return action

    def _restore(self) -> None:
        s = self.settings
        self.scheme = s.get(keys.TRANSLITERATION_SCHEME)
        if self.scheme not in SCHEMES:
            self.scheme = keys.TRANSLITERATION_SCHEME.default
        self.scheme_actions[self.scheme].setChecked(True)
        self.diacritics_action.setChecked(s.get(keys.SHOW_DIACRITICS))
        self.vowels_action.setChecked(s.get(keys.ADD_VOWELS))
        self.set_diacritics(self.diacritics_action.isChecked())
        self.translit_action.setChecked(s.get(keys.TRANSLITERATION_LINE))
        self.interlinear_action.setChecked(s.get(keys.LAYOUT) == INTERLINEAR)
        self.hover_action.setChecked(s.get(keys.LOOKUP_ON) == "hover")
        # Both themes are applied: Bayan's own widgets (message bar, editor) take their colours from it.
        apply_theme(self.window, s.get(keys.THEME))
        self.dark_action.setChecked(s.get(keys.THEME) == "dark")

    def set_diacritics(self, shown: bool) -> None:
        self.settings.set(keys.SHOW_DIACRITICS, shown)
        self._apply_arabic_transform()

    def set_vowels(self, on: bool) -> None:
        self.settings.set(keys.ADD_VOWELS, on)
        if on and not self.diacritics_action.isChecked():
            self.diacritics_action.setChecked(True)  # vowels are diacritics: show them
            return
        self._apply_arabic_transform()

    def _apply_arabic_transform(self) -> None:
        """Hidden diacritics strip the text; added vowels come from each word's reading in context."""
        if not self.diacritics_action.isChecked():
            self.model.set_arabic_transform(strip_diacritics_with_map)
        elif self.vowels_action.isChecked() and self.ready:
            self.model.set_arabic_transform(self.dictionary.vocalize_with_map)
        else:
            self.model.set_arabic_transform(None)
        self._relayout()

    def set_transliteration_line(self, shown: bool) -> None:
        self.settings.set(keys.TRANSLITERATION_LINE, shown)
        self.view.delegate.extra_line = self.transliteration_of_row if shown else None
        self._relayout()

    def set_interlinear(self, on: bool) -> None:
        self.settings.set(keys.LAYOUT, INTERLINEAR if on else SIDE_BY_SIDE)
        self.view.delegate.layout_mode = INTERLINEAR if on else SIDE_BY_SIDE
        self._relayout()

    def set_theme(self, name: str) -> None:
        self.settings.set(keys.THEME, name)
        apply_theme(self.window, name)
        if self.dark_action.isChecked() != (name == "dark"):
            self.dark_action.setChecked(name == "dark")

    def set_hover_lookup(self, on: bool) -> None:
        self.settings.set(keys.LOOKUP_ON, "hover" if on else "click")
        if not on:
            self._hover_timer.stop()

    def set_scheme(self, scheme: str) -> None:
        if scheme not in SCHEMES:
            raise ValueError(f"unknown transliteration scheme {scheme!r}")
        self.scheme = scheme
        self.settings.set(keys.TRANSLITERATION_SCHEME, scheme)
        self.scheme_actions[scheme].setChecked(True)
        self._romanised.clear()
        if self.popup.isVisible() and self.last_lookup:
            self.popup.show_lookup(self.last_lookup, scheme, self._saved_status(self.last_lookup))
        self._relayout()

    def _relayout(self) -> None:
        self.view.delegate.invalidate()
        self.model.refresh()
        self.view.doItemsLayout()
        self.view.viewport().update()

    # --- lookup -----------------------------------------------------------------
    @property
    def dictionary(self) -> Dictionary:
        if self._dictionary is None:
            # Sources load once per process (~1 s); glossary terms come from the app's live index.
            self._dictionary = shared_dictionary(GlossaryTerms(self.context.glossary))
        return self._dictionary

    def transliteration_of_row(self, row: int) -> str:
        # Read with the row's English, as the popup is: a name matched there reads the same in both.
        if not self.ready:
            return self._plain_romanised(self.model.segment(row).text)
        english = self.model.translation(row) or ""
        cached = self._romanised.get(row)
        if cached is None or cached[0] != english:
            text = self.model.segment(row).text
            cached = self._romanised[row] = (english, self.dictionary.transliterate_text(text, self.scheme, english))
        return cached[1]

    def _plain_romanised(self, text: str) -> str:
        """Letter by letter, before the readings in context are loaded (repainted after)."""
        romanise = buckwalter if self.scheme == "buckwalter" else ala_lc_word
        return " ".join(romanise(word) if is_arabic(word) else word for word in text.split())

    def word_at(self, row: int, offset: int) -> tuple[int, int, str] | None:
        return word_at(self.model.segment(row).text, offset)

    def look_up(self, row: int, offset: int, global_pos: QPoint | None = None) -> WordLookup | None:
        """Look up the Arabic word at ``offset`` of segment ``row`` and show the popup."""
        found = self.word_at(row, offset)
        if found is None:
            return None
        start, _, word = found
        pos = global_pos or QCursor.pos()
        if not self.ready:
            self._waiting_lookup = (row, offset, pos)
            self._last_row = row
            self.popup.show_loading(word)
            self.popup.place_near(pos)
            return None
        english = self.model.translation(row) or ""
        # The English aligned to the word decides its sense; until the row is aligned (or where
        # the word has no link), the sense is looked for in the whole segment's English.
        links = self.context.word_links(row, offset)
        aligned = aligned_english(links, start, start + len(word)) if links else None
        lookup = self.dictionary.lookup(word, context=self.model.segment(row).text, offset=offset,
                                        english=english, aligned=aligned)
        self.last_lookup, self._last_row = lookup, row
        self.popup.show_lookup(lookup, self.scheme, self._saved_status(lookup))
        self.popup.place_near(pos)
        return lookup

    def _clicked(self, row: int, side: str, offset: int) -> None:
        self._last_row = row
        if side == "ar" and not self.hover_action.isChecked():
            self.look_up(row, offset)

    def eventFilter(self, obj, event):  # noqa: N802 - Qt API
        if obj is self.window:
            if event.type() == QEvent.Type.Close:
                self._finish_warm_up()
            return False
        if self.hover_action.isChecked():
            if event.type() == QEvent.Type.MouseMove:
                self._hover_pos = event.position().toPoint()
                self._hover_timer.start()
            elif event.type() == QEvent.Type.Leave:
                self._hover_timer.stop()
        return False

    def _hover_lookup(self) -> None:
        if self._hover_pos is None:
            return
        hit = self.view.hit(self._hover_pos)
        if hit is not None and hit.side == "ar":
            self.look_up(hit.row, hit.offset, self.view.viewport().mapToGlobal(self._hover_pos))

    def choose_reading(self, index: int) -> None:
        """The reader picked another reading in the popup: it becomes the headline and what is saved."""
        lookup = self.last_lookup
        if lookup is None or lookup.chosen is None or not 0 <= index < len(lookup.chosen.readings):
            return
        lookup.chosen = with_reading(lookup.chosen, index)
        lookup.parts, lookup.vocalized = lookup.chosen.parts, lookup.chosen.vocalized
        if lookup.in_sentence is not None:  # the headline is the reader's pick now, not the sentence's
            lookup.in_sentence = dataclasses.replace(lookup.in_sentence, headline=False)
        self.popup.show_lookup(lookup, self.scheme, self._saved_status(lookup))

    # --- vocabulary ---------------------------------------------------------------
    def _saved_form(self, lookup: WordLookup) -> str:
        """What a card holds: the lemma of the reading in context (حَلِيف for حلفائنا), so that
        every form of a word shares one card; a word no source knows is kept as written."""
        chosen = lookup.chosen
        if chosen is not None and chosen.found and len(normalize(chosen.lemma)) >= 2:
            return chosen.lemma
        return lookup.word

    def _saved_status(self, lookup: WordLookup) -> str | None:
        return self._statuses.get(Vocabulary.key(self._saved_form(lookup)))

    def save_lookup(self, lookup: WordLookup) -> None:
        form = self._saved_form(lookup)
        chosen = lookup.chosen
        if chosen is not None and chosen.found:
            gloss = chosen.gloss  # the sense in this sentence, as the popup's headline says
            romanised = buckwalter(form) if self.scheme == "buckwalter" else ala_lc_word(form)
        else:
            entries = sorted(lookup.entries, key=lambda e: SOURCE_ORDER.index(e.source)
                             if e.source in SOURCE_ORDER else len(SOURCE_ORDER))
            gloss = "; ".join(dict.fromkeys(g for e in entries[:2] for g in e.glosses[:3]))
            romanised = lookup.transliteration(self.scheme)
        row = self._last_row
        sentence = lookup.sentence or (self.model.segment(row).text if 0 <= row < self.model.rowCount() else "")
        translation = (self.model.translation(row) or "") if 0 <= row < self.model.rowCount() else ""
        try:
            card = self.vocabulary.add(form, gloss=gloss, sentence=sentence, translation=translation,
                                       transliteration=romanised, form=lookup.vocalized,
                                       source=self.window.document.name if self.window.document else "")
        except VocabularyError as exc:
            self.window.statusBar().showMessage(str(exc), 5000)
            return
        self.popup.show_saved(card.status)
        self.window.statusBar().showMessage(messages.WORD_SAVED.format(word=card.word), 4000)
        self._vocabulary_changed()
        self.panel.select_word(card.word)

    def _vocabulary_changed(self) -> None:
        self._statuses = self.vocabulary.statuses()
        self._word_status.clear()
        self.panel.reload()
        self.model.refresh()
        self.view.viewport().update()

    def _status_of_word(self, word: str) -> str | None:
        if word not in self._word_status:
            status = None
            for form in stem_candidates(normalize(word)):
                status = self._statuses.get(form)
                if status:
                    break
            self._word_status[word] = status
        return self._word_status[word]

    def _vocabulary_spans(self, row: int, side: str, text: str) -> list[Span]:
        if side != "ar" or not self._statuses:
            return []
        if not self.ready:  # lemmas need the analyser: plain forms until it is loaded
            return [Span(start, end, **STATUS_SPANS[status]) for start, end, word in words(text)
                    if (status := self._status_of_word(word))]
        # Cards are kept by lemma: a word is marked when its reading in context has a saved lemma
        # (حلفائنا for حَلِيف) or, for older cards, when a clitic-stripped form was saved.
        lemmas = {(w.start, w.end): normalize(w.lemma) for w in self.dictionary.analyse_segment(text) if w.found}
        out = []
        for start, end, word in words(text):
            status = self._statuses.get(lemmas.get((start, end), "")) or self._status_of_word(word)
            if status:
                out.append(Span(start, end, **STATUS_SPANS[status]))
        return out

    # --- speech -------------------------------------------------------------------
    def listen(self, text: str, lang: str) -> None:
        try:
            self._speech = self.speaker.speak(text, lang)
        except SpeechUnavailable as exc:
            self.window.show_message(str(exc))
            return
        except ValueError as exc:
            self.window.statusBar().showMessage(str(exc), 4000)
            return
        if self._speech is not None:
            self._speech_watch.start()

    def _check_speech(self) -> None:
        """Once a reading ends, say so if nothing could be heard (no sound device)."""
        proc = self._speech
        if proc is None or proc.poll() is None:
            return
        self._speech_watch.stop()
        self._speech = None
        problem = playback_problem(proc)
        if problem:
            self.window.show_message(problem)

    def listen_segment(self, lang: str) -> None:
        row = self.view.current_row()
        if row < 0:
            row = self._last_row
        if not 0 <= row < self.model.rowCount():
            self.window.statusBar().showMessage(messages.SELECT_SEGMENT_TO_LISTEN, 4000)
            return
        if lang == "ar":
            english = self.model.translation(row) or ""
            text = self.model.segment(row).text
            self.listen(self.dictionary.vocalize_text(text, english) if self.ready else text, "ar")
            return
        english = self.model.translation(row)
        if not english:
            self.window.statusBar().showMessage(messages.NO_ENGLISH_YET, 4000)
            return
        self.listen(english, "en")

    def _document_changed(self) -> None:
        self._romanised.clear()
        self._last_row = -1
        self.popup.hide()


def install(window, context: AppContext) -> StudyFeature:
    return StudyFeature(window, context)
