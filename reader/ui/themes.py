"""Light and dark themes: a QPalette and a stylesheet made from reader.theme_colours.

resources/styles/NAME.qss holds the widget rules; its ``$role`` placeholders are
filled from the theme's colour table, so every colour lives in that one table.
"""
from __future__ import annotations

from string import Template
from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from reader.paths import resources_dir
from reader.theme_colours import THEMES as COLOUR_THEMES
from reader.theme_colours import Colours

THEMES = tuple(COLOUR_THEMES)

# Rules for Bayan's own widgets in every theme.
_COMMON_QSS = """
QLabel#messageBar { background: $message; color: $message_text; padding: 8px;
                    border-bottom: 1px solid $message_border; }
#documentHeader { border-bottom: 1px solid $rule; }
#documentHeader QLabel { color: $window_text; }
QLabel#headerDetails { color: $muted; }
QLabel#errorText { color: $error_text; }
QPlainTextEdit#englishEditor { border: 2px solid $editor_border; background: $editor; color: $text; }
/* The popup's body scrolls: its viewport and labels painted the window's grey (light) or
   darker boxes (dark) over the popup's own background. */
QFrame#wordPopup QScrollArea#popupScroll, QFrame#wordPopup QWidget#popupBody,
QFrame#wordPopup QLabel { background: transparent; }
QFrame#wordPopup QScrollArea#popupScroll > QWidget > QWidget { background: transparent; }
"""


def palette(name: str) -> QPalette:
    colours = COLOUR_THEMES[name]
    pal = QApplication.style().standardPalette() if name == "light" else QPalette()
    roles = {
        QPalette.ColorRole.Window: colours.window, QPalette.ColorRole.WindowText: colours.window_text, QPalette.ColorRole.Base: colours.base,
        QPalette.ColorRole.Text: colours.text, QPalette.ColorRole.PlaceholderText: colours.muted,
        QPalette.ColorRole.Highlight: colours.selected, QPalette.ColorRole.HighlightedText: colours.text,
    }
    if name == "dark":
        roles.update({QPalette.ColorRole.AlternateBase: "#26272b", QPalette.ColorRole.Button: "#2f3136",
                      QPalette.ColorRole.ButtonText: colours.window_text, QPalette.ColorRole.ToolTipBase: "#2b2d31",
                      QPalette.ColorRole.ToolTipText: colours.window_text, QPalette.ColorRole.Link: "#8ab4f8"})
    for role, colour in roles.items():
        pal.setColor(role, QColor(colour))
    return pal


def stylesheet(name: str) -> str:
    colours = COLOUR_THEMES[name]
    path = resources_dir() / "styles" / f"{name}.qss"
    try:
        rules = path.read_text(encoding="utf-8")
    except OSError:
        rules = ""  # a missing stylesheet leaves the palette alone, which still reads well
    values = {k: v for k, v in vars(colours).items() if isinstance(v, str)}
    return Template(rules + _COMMON_QSS).safe_substitute(values)


def colours(name: str) -> Colours:
    return COLOUR_THEMES[name]


def apply_theme(window: Any, name: str) -> None:
    """Theme the whole application and the window's reading view."""
    if name not in THEMES:
        raise ValueError(f"unknown theme {name!r}; use one of {', '.join(THEMES)}")
    app = QApplication.instance()
    assert isinstance(app, QApplication), "themes need a QApplication"
    app.setPalette(palette(name))
    app.setStyleSheet(stylesheet(name))
    # The new padding and borders change every button's size; until the posted layout
    # requests run, a window painted or grabbed at once kept the old sizes and cut text
    # ("Listen…Arabic", "Ca…el"). Nested layouts post further requests: run them all.
    for _ in range(8):
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    window.view.delegate.theme = COLOUR_THEMES[name]
    window.view.viewport().update()
