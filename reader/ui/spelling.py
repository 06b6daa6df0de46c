"""Spell-checking in the post-editing editor: misspelt English underlined, suggestions and
"Add to Dictionary" on right-click.  The checking itself is reader.spelling's."""
from __future__ import annotations

import weakref

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QMenu, QPlainTextEdit

from reader.spelling import WORD_RE, SpellChecker
from reader.ui.context import AppContext
from reader.ui.task import Outcome, Task

# The wave's red, on a light and on a dark editor background.
UNDERLINE = {True: QColor("#d32f2f"), False: QColor("#ff6e6e")}
_checkers: "weakref.WeakKeyDictionary[AppContext, SpellChecker]" = weakref.WeakKeyDictionary()


def checker_for(context: AppContext) -> SpellChecker:
    """The app's one checker; a missing dictionary is reported once."""
    checker = _checkers.get(context)
    if checker is None:
        checker = _checkers[context] = SpellChecker(context.glossary)
        if checker.error:
            context.report(checker.error)
    return checker


class SpellingHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument, checker: SpellChecker, light: bool = True):
        super().__init__(document)
        self.checker = checker
        self.misspelt_format = QTextCharFormat()
        self.misspelt_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        self.misspelt_format.setUnderlineColor(UNDERLINE[light])

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt API
        for start, end in self.checker.misspelt(text):
            self.setFormat(start, end - start, self.misspelt_format)


def attach(editor: QPlainTextEdit, context: AppContext) -> SpellingHighlighter:
    """Underline misspellings in ``editor`` and offer corrections on its context menu."""
    checker = checker_for(context)
    light = editor.palette().base().color().lightness() >= 128
    highlighter = SpellingHighlighter(editor.document(), checker, light)
    editor.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    editor.customContextMenuRequested.connect(
        lambda pos: spelling_menu(editor, pos, highlighter, context).popup(editor.viewport().mapToGlobal(pos)))
    return highlighter


def word_under(editor: QPlainTextEdit, pos: QPoint) -> QTextCursor | None:
    """A cursor selecting the word at ``pos``, or None."""
    cursor = editor.cursorForPosition(pos)
    block, offset = cursor.block(), cursor.positionInBlock()
    for m in WORD_RE.finditer(block.text()):
        if m.start() <= offset <= m.end():
            cursor.setPosition(block.position() + m.start())
            cursor.setPosition(block.position() + m.end(), QTextCursor.MoveMode.KeepAnchor)
            return cursor
    return None


def spelling_menu(editor: QPlainTextEdit, pos: QPoint, highlighter: SpellingHighlighter,
                  context: AppContext) -> QMenu:
    """The editor's usual menu, headed by corrections when the word at ``pos`` is misspelt.

    Suggestions arrive from a Task (Hunspell takes tens of milliseconds a word), so the
    menu opens at once and fills in.
    """
    menu = editor.createStandardContextMenu(pos)
    menu.setObjectName("spellingMenu")
    cursor = word_under(editor, pos)
    checker = highlighter.checker
    if cursor is None or checker.correct(cursor.selectedText()):
        return menu
    word = cursor.selectedText()
    if not menu.actions():
        menu.addSeparator()
    first = menu.actions()[0]
    waiting = menu.addAction("Looking for suggestions…")
    waiting.setEnabled(False)
    add = menu.addAction(f"Add “{word}” to Dictionary")
    for action in (waiting, add):
        menu.removeAction(action)
        menu.insertAction(first, action)
    menu.insertSeparator(first)

    def replace(suggestion: str) -> None:
        cursor.insertText(suggestion)

    def add_word() -> None:
        try:
            checker.add(word)
        except OSError as exc:
            context.report(f"“{word}” could not be added to your dictionary: {exc.strerror or exc}.")
        highlighter.rehighlight()

    def suggested(outcome: Outcome) -> None:
        task.wait()
        task.deleteLater()
        suggestions = outcome.result if outcome.ok else []
        for suggestion in suggestions:
            action = menu.addAction(suggestion)
            action.triggered.connect(lambda _=False, s=suggestion: replace(s))
            menu.removeAction(action)
            menu.insertAction(waiting, action)
        waiting.setVisible(not suggestions)
        waiting.setText("No suggestions")

    add.triggered.connect(add_word)
    task = Task(lambda control: checker.suggestions(word), context)
    task.done.connect(suggested)
    task.start()
    return menu
