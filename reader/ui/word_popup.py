"""The popup shown for a looked-up Arabic word: the reading chosen in context as its headline
(vocalised form, sense, part of speech, lemma), the clitic split, transliteration, the other
readings ranked one click away, dictionary entries, Save and Listen.

It never grows taller than the window it belongs to: its body scrolls inside.
"""
from __future__ import annotations

import html
import re

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QSizePolicy, QVBoxLayout,
                               QWidget)

from reader.align.senses import InSentence, stem
from reader.study.context import WordAnalysis
from reader.study.dictionary import WordLookup
from reader.study.transliteration import SCHEMES
from reader.ui.bidi import rtl

MAX_GLOSSES_PER_ENTRY = 6
MAX_READINGS = 8
POPUP_WIDTH = 440
MARGIN = 8  # between the popup and the edges of its window
POS_NAMES = {"noun": "noun", "propn": "name", "adj": "adjective", "verb": "verb", "prep": "preposition",
             "conj": "conjunction", "pron": "pronoun", "part": "particle", "adv": "adverb", "num": "number",
             "abbrev": "letter"}
SOURCE_NAMES = {"glossary": "glossary term", "expression": "fixed expression", "name": "name in the English",
                "lexicon": "", "FreeDict": "FreeDict"}


LOADING = "Loading the dictionaries…"


def _label(name: str, wrap: bool = True) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _arabic(text: str, style: str = "") -> str:
    """Arabic inside an English line (rich text), isolated so that the punctuation around it stays
    put, and set in ``style`` (the reading font, :func:`arabic_style`) when given."""
    isolated = rtl(html.escape(text))
    return f"<span style=\"{style}\">{isolated}</span>" if style else isolated


# A run of Arabic words (with their marks) inside English text.
_ARABIC_RUN = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]+"
                         r"(?:\s+[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]+)*")


def _mixed(text: str, style: str) -> str:
    """English text as rich text, each Arabic run in it isolated and in the reading font."""
    out, end = [], 0
    for run in _ARABIC_RUN.finditer(text):
        out += [html.escape(text[end:run.start()]), _arabic(run.group(), style)]
        end = run.end()
    return "".join(out) + html.escape(text[end:])


def arabic_style(arabic_font: QFont, ui_font: QFont) -> str:
    """CSS for Arabic runs in the popup's English lines: the reading font's family, a little larger
    than the UI's text (Arabic letters are smaller at the same point size)."""
    return f"font-family:'{html.escape(arabic_font.family())}'; font-size:{ui_font.pointSizeF() * 1.25:.1f}pt"


IN_SENTENCE = "in this sentence"


def _in_sentence(found: InSentence) -> str:
    """The marker on a sense the segment's English uses, and the English word when it differs."""
    shown = "" if found.english.lower() == found.sense.lower() else \
        f" <span style='color:gray'>(“{html.escape(found.english)}”)</span>"
    return f"<i>✓ {IN_SENTENCE}</i>{shown}"


def headline(chosen: WordAnalysis | None, found: InSentence | None = None, arabic: str = "") -> str:
    """One line: the sense in this sentence, its part of speech and lemma; or "not found"."""
    if chosen is None or not chosen.found:
        return "Not found in any dictionary or the glossary."
    bits = [f"<b>{html.escape(chosen.gloss)}</b>"]
    if found is not None and found.headline:
        bits.append(_in_sentence(found))
    if chosen.pos:
        bits.append(POS_NAMES.get(chosen.pos, chosen.pos))
    if chosen.lemma:
        bits.append(f"lemma {_arabic(chosen.lemma, arabic)}")
    via = SOURCE_NAMES.get(chosen.source, "")
    if chosen.phrase and chosen.phrase != chosen.surface:
        via = f"{via}: {_arabic(chosen.phrase, arabic)}" if via else _arabic(chosen.phrase, arabic)
    if via:
        bits.append(f"<span style='color:gray'>({via})</span>")
    return " · ".join(bits)


class WordPopup(QFrame):
    saveRequested = Signal(object)    # WordLookup
    listenRequested = Signal(str)     # Arabic text to read aloud
    readingChosen = Signal(int)       # index into lookup.chosen.readings

    def __init__(self, arabic_font: QFont, parent: QWidget | None = None):
        # A tool window, not a Qt.Popup: it must not grab the mouse, or hover
        # lookups and clicks on the next word would only close it.
        super().__init__(parent, Qt.WindowType.Tool | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("wordPopup")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFixedWidth(POPUP_WIDTH)
        self.lookup: WordLookup | None = None
        self.reading_buttons: list[QPushButton] = []
        # Arabic runs inside English lines are set in the reading font; the English keeps the UI's.
        self.arabic_family = arabic_font.family()
        self.arabic_style = arabic_style(arabic_font, self.font())

        self.word_label = _label("popupWord", wrap=False)
        font = QFont(arabic_font)
        font.setPointSizeF(arabic_font.pointSizeF() * 1.4)
        self.word_label.setFont(font)
        # Room for the marks above and below the line (shadda over fatha, kasra under).
        self.word_label.setMinimumHeight(int(QFontMetrics(font).height() * 1.4))
        self.word_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.close_button = QPushButton("×")
        self.close_button.setObjectName("popupClose")
        self.close_button.setFlat(True)
        self.close_button.setToolTip("Close (Esc)")
        self.close_button.setAccessibleName("Close word popup")
        self.close_button.clicked.connect(self.hide)
        self.headline_label = _label("popupHeadline")
        self.headline_label.setTextFormat(Qt.TextFormat.RichText)
        # The clitic split: its Arabic in the reading font, right to left; its English below, in
        # the UI's font, left to right (one label set "allies + our, us" in the Arabic font).
        self.split_label = _label("popupSplit")
        self.split_label.setFont(arabic_font)
        self.split_label.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        # Absolute: under a right-to-left direction a plain AlignRight means the left edge.
        self.split_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute
                                      | Qt.AlignmentFlag.AlignVCenter)
        self.split_gloss_label = _label("popupSplitGloss")
        self.normalized_label = _label("popupNormalized")
        self.normalized_label.setTextFormat(Qt.TextFormat.RichText)
        self.translit_label = _label("popupTransliteration")
        self.glossary_label = _label("popupGlossary")
        self.glossary_label.setTextFormat(Qt.TextFormat.RichText)
        self.readings_button = QPushButton()
        self.readings_button.setObjectName("popupReadingsToggle")
        self.readings_button.setCheckable(True)
        self.readings_button.setFlat(True)
        self.readings_button.setStyleSheet("text-align: left")
        self.readings_button.toggled.connect(self._show_readings)
        self.readings_box = QWidget()
        self.readings_box.setObjectName("popupReadings")
        self.readings_layout = QVBoxLayout(self.readings_box)
        self.readings_layout.setContentsMargins(12, 0, 0, 0)
        self.readings_layout.setSpacing(0)
        self.readings_box.hide()
        self.glosses_label = _label("popupGlosses")
        self.glosses_label.setTextFormat(Qt.TextFormat.RichText)
        self.notice_label = _label("popupNotice")
        self.saved_label = _label("popupSaved")
        self.save_button = QPushButton("Save to vocabulary")
        self.save_button.setObjectName("popupSave")
        self.save_button.clicked.connect(lambda: self.lookup and self.saveRequested.emit(self.lookup))
        self.listen_button = QPushButton("Listen")
        self.listen_button.setObjectName("popupListen")
        self.listen_button.clicked.connect(
            lambda: self.lookup and self.listenRequested.emit(self.lookup.vocalized))

        # The headword has a row of its own: nothing wraps around it.
        top = QHBoxLayout()
        top.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addStretch(1)
        top.addWidget(self.word_label, 0)
        self.body = body = QWidget()
        body.setObjectName("popupBody")
        self.body_layout = inner = QVBoxLayout(body)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(3)
        for w in (self.headline_label, self.split_label, self.split_gloss_label, self.translit_label, self.normalized_label,
                  self.glossary_label, self.readings_button, self.readings_box, self.glosses_label,
                  self.notice_label):
            inner.addWidget(w)
        inner.addStretch(1)
        self.body_scroll = QScrollArea()
        self.body_scroll.setObjectName("popupScroll")
        self.body_scroll.setWidget(body)
        self.body_scroll.setWidgetResizable(True)
        self.body_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.body_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body_scroll.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.listen_button)
        buttons.addStretch(1)
        buttons.addWidget(self.saved_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 8)
        layout.setSpacing(3)
        layout.addLayout(top)
        layout.addWidget(self.body_scroll, 1)
        layout.addLayout(buttons)
        self.installEventFilter(self)

    # --- content ----------------------------------------------------------------------
    def show_lookup(self, lookup: WordLookup, scheme: str, saved_status: str | None = None) -> None:
        self.lookup = lookup
        self.save_button.setEnabled(True)
        self.listen_button.setEnabled(True)
        chosen = lookup.chosen
        self.word_label.setText(lookup.vocalized or lookup.word)
        self.word_label.setToolTip(f"As written: {lookup.word}")
        self.headline_label.setText(headline(chosen, lookup.in_sentence, self.arabic_style))
        found = lookup.in_sentence
        self.headline_label.setToolTip("" if found is None else (
            f"“{found.english}” is among the English words aligned to this word"
            if found.aligned else f"“{found.english}” is in this segment's English (not aligned yet)"))
        arabic, english = self._split_text(lookup)
        self.split_label.setText(arabic)
        self.split_gloss_label.setText(english)
        self.split_gloss_label.setVisible(bool(english))
        self.normalized_label.setText(f"Normalised: {_arabic(lookup.normalized, self.arabic_style)}")
        self.translit_label.setText(f"{SCHEMES.get(scheme, scheme)}: {lookup.transliteration(scheme)}")
        glossary = [e for e in lookup.entries if e.source == "Glossary"]
        self.glossary_label.setText("Glossary: " + "; ".join(
            _mixed(e.glosses[0] + (f" ({e.note})" if e.note else ""), self.arabic_style) for e in glossary)
            if glossary else "")
        self.glossary_label.setVisible(bool(glossary))
        self._fill_readings(chosen)
        self.glosses_label.setText(self._glosses_html(lookup))
        self.notice_label.setText(" ".join(lookup.notices))
        self.notice_label.setVisible(bool(lookup.notices))
        self.show_saved(saved_status)
        self._fit()

    def show_loading(self, word: str) -> None:
        """The word, and a line saying its analysis comes once the dictionaries are loaded."""
        self.lookup = None
        self.word_label.setText(word)
        self.word_label.setToolTip("")
        self.headline_label.setText(LOADING)
        for label in (self.split_label, self.split_gloss_label, self.normalized_label, self.translit_label,
                      self.glosses_label, self.notice_label, self.saved_label):
            label.setText("")
        self.glossary_label.hide()
        self.notice_label.hide()
        self._fill_readings(None)
        self.save_button.setEnabled(False)
        self.listen_button.setEnabled(False)
        self._fit()

    def show_saved(self, status: str | None) -> None:
        self.saved_label.setText(f"In vocabulary ({status})" if status else "")
        self.save_button.setText("Update vocabulary" if status else "Save to vocabulary")

    def _fill_readings(self, chosen: WordAnalysis | None) -> None:
        for button in self.reading_buttons:
            self.readings_layout.removeWidget(button)
            button.deleteLater()
        self.reading_buttons = []
        others = list(enumerate(chosen.readings))[1:MAX_READINGS + 1] if chosen else []
        for index, r in others:
            # A button's own text has one font and one direction: the line is a label on it, its
            # Arabic in the reading font, the English after it in the UI's, left to right.
            button = QPushButton()
            button.setObjectName("popupReading")
            button.setFlat(True)
            text = QLabel(f"\u200e{_arabic(r.vocalized, self.arabic_style)}  —  "
                          f"{html.escape(POS_NAMES.get(r.pos, r.pos))}: {html.escape(r.gloss)}")
            text.setObjectName("popupReadingText")
            text.setTextFormat(Qt.TextFormat.RichText)
            text.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            row = QHBoxLayout(button)
            row.setContentsMargins(4, 1, 4, 1)
            row.addWidget(text)
            button.setMinimumHeight(text.sizeHint().height() + 2)
            button.setAccessibleName(f"{r.vocalized} — {POS_NAMES.get(r.pos, r.pos)}: {r.gloss}")
            button.setToolTip(f"Use this reading: {r.morphemes}")
            button.clicked.connect(lambda _=False, i=index: self.readingChosen.emit(i))
            self.readings_layout.addWidget(button)
            self.reading_buttons.append(button)
        self.readings_button.setText(f"Other readings ({len(others)})")
        self.readings_button.setVisible(bool(others))
        self.readings_box.setVisible(bool(others) and self.readings_button.isChecked())

    def _show_readings(self, shown: bool) -> None:
        self.readings_box.setVisible(shown and bool(self.reading_buttons))
        self._fit()

    @staticmethod
    def _split_text(lookup: WordLookup) -> tuple[str, str]:
        """The parts in reading order (Arabic, right to left) and their glosses ("" for one part)."""
        if len(lookup.parts) == 1:
            return lookup.parts[0].label, ""  # its meaning is the headline
        return " + ".join(p.label for p in lookup.parts), " + ".join(p.gloss or "?" for p in lookup.parts)

    def _glosses_html(self, lookup: WordLookup) -> str:
        entries = [e for e in lookup.entries if e.source != "Glossary"]
        if not entries:
            return "<i>No dictionary gloss for this word.</i>"
        rows = []
        found = lookup.in_sentence
        for k, e in enumerate(entries):
            glosses = "; ".join(html.escape(g) for g in e.glosses[:MAX_GLOSSES_PER_ENTRY])
            if k == 0 and found is not None and e.glosses and stem(e.glosses[0]) == stem(found.sense):
                # order_entries put the entry with the sense found first, that sense leading it.
                rest = "; ".join(html.escape(g) for g in e.glosses[1:MAX_GLOSSES_PER_ENTRY])
                glosses = f"<b>{html.escape(e.glosses[0])}</b> {_in_sentence(found)}" + (f"; {rest}" if rest else "")
            extra = " · ".join(_mixed(x, self.arabic_style) for x in (e.via, e.note) if x)
            # The headword isolated: an Arabic first letter would turn the whole row right to left.
            rows.append(f"<div>\u200e{_arabic(e.headword, self.arabic_style)} — {glosses}"
                        f"<br><small style='color:gray'>{html.escape(e.source)}"
                        f"{' · ' + extra if extra else ''}</small></div>")
        return "".join(rows)

    # --- size and place ----------------------------------------------------------------
    def _bounds(self) -> QRect:
        """Where the popup may be: inside its window (else the screen), less a margin."""
        owner = self.parentWidget()
        if owner is not None and owner.isVisible():
            area = QRect(owner.mapToGlobal(QPoint(0, 0)), owner.size())
        else:
            screen = QGuiApplication.screenAt(self.pos()) or QGuiApplication.primaryScreen()
            area = screen.availableGeometry()
        return area.adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)

    def _fit(self) -> None:
        """As tall as the content needs, never taller than the window: the body scrolls."""
        body, layout = self.body, self.body_layout
        # Wrapped labels are as tall as the width leaves them: ask for the height at that width.
        width = POPUP_WIDTH - 20 - self.body_scroll.verticalScrollBar().sizeHint().width()
        content = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else body.sizeHint().height()
        chrome = self.sizeHint().height() - self.body_scroll.sizeHint().height()
        wanted = chrome + content + 4
        self.setFixedHeight(max(120, min(wanted, self._bounds().height())))

    def place_near(self, global_pos: QPoint) -> None:
        """Show below the clicked point (above it when there is no room), inside the window."""
        self._fit()
        area = self._bounds()
        x = min(max(global_pos.x() - self.width() // 2, area.left()), area.right() - self.width())
        y = global_pos.y() + 18
        if y + self.height() > area.bottom():
            y = global_pos.y() - self.height() - 18
        y = max(area.top(), min(y, area.bottom() - self.height()))
        self.move(x, y)
        self.show()
        self.raise_()

    # --- keys ------------------------------------------------------------------------------
    def close_on_escape(self, obj: QObject, event: QEvent) -> bool:
        """For event filters on the widgets that keep the focus while the popup shows."""
        if self.isVisible() and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() == Qt.Key.Key_Escape:
            self.hide()
            return True
        return False

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        return self.close_on_escape(obj, event) or super().eventFilter(obj, event)
