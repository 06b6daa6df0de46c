"""Starting the Qt application."""
from __future__ import annotations

import sys


def run(files: list[str] | None = None) -> int:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from reader.paths import resources_dir
    from reader.ui.fonts import load_fonts
    from reader.ui.main_window import MainWindow

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("Bayan")
    app.setOrganizationName("Bayan")
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "bayan.svg")))
    load_fonts()
    window = MainWindow()
    if files:
        for path in files:
            window.open_path(path)  # provided by reader.ui.editing_feature
    else:
        window.restore_last()
    window.show()
    return app.exec()
