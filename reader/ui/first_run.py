"""First launch and help: one banner that says how to get a translation model (instead of
every row repeating it), and Help ▸ Getting Started."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFrame, QHBoxLayout, QLabel, QPushButton,
                               QTextBrowser, QVBoxLayout)

from reader.paths import resources_dir
from reader.ui.context import AppContext

BANNER_TEXT = ("<b>No translation model is installed yet.</b> Bayan translates on this computer, so it "
               "needs an Arabic → English model once: install the .argosmodel file you have, or download "
               "it (about 100 MB). You can read and look up words meanwhile.")


class ModelBanner(QFrame):
    def __init__(self, window: Any):
        super().__init__()
        self.main = window
        self.setObjectName("modelBanner")
        self.setAccessibleName("No translation model installed")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("QFrame#modelBanner { border: none; border-bottom: 1px solid palette(mid);"
                           " background: palette(alternate-base); }")
        self.label = QLabel(BANNER_TEXT)
        self.label.setWordWrap(True)
        self.install_button = QPushButton("Install from File…")
        self.install_button.setObjectName("bannerInstall")
        self.download_button = QPushButton("Download…")
        self.download_button.setObjectName("bannerDownload")
        self.install_button.clicked.connect(lambda: self._dialog().install_from_file())
        self.download_button.clicked.connect(lambda: self._dialog().start_download())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 8)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.install_button)
        layout.addWidget(self.download_button)

    def _dialog(self) -> Any:
        """The Models dialog, shown, whose progress and messages the user then follows."""
        dialog = self.main.translation.show_models()
        if not dialog.property("bannerFollows"):
            dialog.modelsChanged.connect(self.refresh)
            dialog.setProperty("bannerFollows", True)
        return dialog

    def refresh(self) -> None:
        self.setVisible(not self.main.translation.service.available())


def show_guide(window: Any) -> QDialog:
    dialog = QDialog(window)
    dialog.setObjectName("gettingStarted")
    dialog.setWindowTitle("Getting Started")
    text = QTextBrowser()
    text.setAccessibleName("Getting started guide")
    text.setOpenExternalLinks(False)
    text.setHtml((resources_dir() / "help" / "getting_started.html").read_text(encoding="utf-8"))
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(text)
    layout.addWidget(buttons)
    dialog.resize(620, 560)
    dialog.show()
    return dialog


class FirstRun(QObject):
    def __init__(self, window: Any, context: AppContext):
        super().__init__(window)
        self.main = window
        self.banner = ModelBanner(window)
        layout = window.centralWidget().layout()
        layout.insertWidget(layout.indexOf(window.message) + 1, self.banner)
        self.guide_action = window.add_action("&Help", "&Getting Started", lambda: show_guide(window))
        context.sessionOpened.connect(lambda *_: self.banner.refresh())
        self.banner.refresh()


def install(window: Any, context: AppContext) -> FirstRun:
    return FirstRun(window, context)
