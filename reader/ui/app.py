"""Starting the Qt application."""
from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow


def run(files: list[str] | None = None) -> int:
    from PySide6.QtWidgets import QApplication

    window = build_window(files)  # makes the QApplication
    window.show()
    code = QApplication.exec()
    _exit_even_if_busy(window, code)
    return code


def build_window(files: list[str] | None = None) -> "MainWindow":
    """The main window on a checked profile, its problems shown until dismissed."""
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from reader import responsiveness
    from reader.paths import resources_dir
    from reader.profile import open_profile
    from reader.ui.fonts import load_fonts
    from reader.ui.main_window import MainWindow

    responsiveness.apply()  # before any worker thread starts
    profile = open_profile()  # before anything opens a file in the profile
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("Bayan")
    app.setOrganizationName("Bayan")
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "bayan.svg")))
    load_fonts()
    window = MainWindow()
    responsiveness.settle_long_lived()  # what start-up loaded (the glossary, the widgets) stays
    for problem in profile.problems:
        window.show_notice(problem)
    if files:
        for path in files:
            window.open_path(path)  # provided by reader.ui.editing_feature
    else:
        window.restore_last()
    return window


def _exit_even_if_busy(window: "MainWindow", code: int) -> None:
    """Closing the window ends the process, even with a document still loading.

    A worker stuck in a library call cannot be interrupted; Qt's thread pools wait for
    their workers on exit and a running QThread aborts the process when destroyed.
    Edits are saved as they are made, so leaving at once loses nothing.
    """
    import os

    from PySide6.QtCore import QThread, QThreadPool

    from reader.ui.task import abandoned

    pools = [QThreadPool.globalInstance(), *window.findChildren(QThreadPool)]
    threads = window.findChildren(QThread)
    # An abandoned file read (Cancel Opening) has no parent any more.
    if any(pool.activeThreadCount() for pool in pools) or any(t.isRunning() for t in threads) or abandoned():
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
