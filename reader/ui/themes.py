"""Light and dark themes: a QPalette, a stylesheet from resources/styles, delegate colours."""
from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from reader.paths import resources_dir
from reader.ui.segment_delegate import Theme

THEMES = ("light", "dark")

# Row colours the delegate paints itself (hover, selection, partner spans...).
DELEGATE_THEMES = {
    "light": Theme(),
    "dark": Theme(hover="#2a3242", selected="#34466a", partner="#6b5a1e", rule="#3a3b40",
                  muted="#9a9a9a", heading="#9cc3ff"),
}

_DARK = {
    QPalette.ColorRole.Window: "#1e1f22", QPalette.ColorRole.WindowText: "#e6e6e6", QPalette.ColorRole.Base: "#1b1c1f",
    QPalette.ColorRole.AlternateBase: "#26272b", QPalette.ColorRole.Text: "#e8e6e3", QPalette.ColorRole.Button: "#2f3136",
    QPalette.ColorRole.ButtonText: "#e6e6e6", QPalette.ColorRole.Highlight: "#3a4a66", QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.ToolTipBase: "#2b2d31", QPalette.ColorRole.ToolTipText: "#e6e6e6", QPalette.ColorRole.PlaceholderText: "#8a8a8a",
    QPalette.ColorRole.Link: "#8ab4f8",
}


def palette(name: str) -> QPalette:
    if name == "light":
        return QApplication.style().standardPalette()
    pal = QPalette()
    for role, color in _DARK.items():
        pal.setColor(role, QColor(color))
    return pal


def stylesheet(name: str) -> str:
    path = resources_dir() / "styles" / f"{name}.qss"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""  # a missing stylesheet leaves the palette alone, which still reads well


def apply_theme(window, name: str) -> None:
    """Theme the whole application and the window's reading view."""
    if name not in THEMES:
        raise ValueError(f"unknown theme {name!r}; use one of {', '.join(THEMES)}")
    app = QApplication.instance()
    if isinstance(app, QApplication):  # there is no window without one
        app.setPalette(palette(name))
        app.setStyleSheet(stylesheet(name))
    window.view.delegate.theme = DELEGATE_THEMES[name]
    window.view.viewport().update()
