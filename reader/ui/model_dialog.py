"""Tools ▸ Models…: the catalog of models, the installed ones; install, download, default, remove."""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QLabel, QListWidget,
                               QListWidgetItem, QMessageBox, QProgressBar, QPushButton, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout)

from reader.translation import catalog, installer, packages
from reader.translation import download as dl
from reader.translation.offline import in_words
from reader.ui.task import Outcome, Task, weak_slot


class ModelDialog(QDialog):
    modelsChanged = Signal()

    def __init__(self, parent=None, index_url: str | None = None):
        super().__init__(parent)
        self.setWindowTitle("Translation models")
        self.setObjectName("modelDialog")
        self.index_url = index_url
        self._task: Task | None = None
        self._on_done: Callable[[Any], None] | None = None  # what the running task's result is for
        self._cancel = threading.Event()

        self.catalog_table = QTreeWidget()
        self.catalog_table.setObjectName("modelCatalog")
        self.catalog_table.setAccessibleName("Models Bayan can download")
        self.catalog_table.setRootIsDecorated(False)
        self.catalog_table.setHeaderLabels(["Model", "Status", "Tier", "Size", "Licence", "Quality (FLORES devtest)"])
        self.catalog_table.currentItemChanged.connect(lambda *_: self._show_details())
        # Where each figure and the licence come from, for the model selected above: on screen,
        # not only in a tooltip.
        self.details = QLabel()
        self.details.setObjectName("modelDetails")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.list = QListWidget()
        self.list.setObjectName("installedModels")
        self.list.setAccessibleName("Installed models")
        self.status = QLabel()
        self.status.setObjectName("modelStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.bar = QProgressBar()
        self.bar.setObjectName("downloadProgress")
        self.bar.hide()

        self.install_button = QPushButton("Install from file…")
        self.download_button = QPushButton("Download Argos…")
        self.catalog_download_button = QPushButton("Download selected")
        self.cancel_button = QPushButton("Cancel")
        self.default_button = QPushButton("Make default")
        self.remove_button = QPushButton("Remove")
        self.cancel_button.hide()
        self.install_button.clicked.connect(self.install_from_file)
        self.download_button.clicked.connect(self.start_download)
        self.catalog_download_button.clicked.connect(self.download_selected)
        self.cancel_button.clicked.connect(self.cancel_download)
        self.default_button.clicked.connect(self.make_default)
        self.remove_button.clicked.connect(self.remove_selected)
        self.list.currentItemChanged.connect(lambda *_: self._update_buttons())

        catalog_buttons = QHBoxLayout()
        catalog_buttons.addWidget(self.catalog_download_button)
        catalog_buttons.addStretch(1)
        buttons = QHBoxLayout()
        for b in (self.install_button, self.download_button, self.cancel_button, self.default_button,
                  self.remove_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Arabic → English models Bayan knows. Downloading is the only thing in "
                                "Bayan that uses the network; OPUS-MT releases are converted here."))
        layout.addWidget(self.catalog_table)
        layout.addWidget(self.details)
        layout.addLayout(catalog_buttons)
        layout.addWidget(QLabel("Installed on this computer:"))
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        layout.addWidget(close)
        self.resize(820, 520)
        self.refresh()

    # -- list ------------------------------------------------------------------------------
    def refresh(self) -> None:
        self._fill_catalog()
        self.list.clear()
        default = catalog.default_model()
        for model in packages.all_models():
            if model.problem:
                item = QListWidgetItem(f"{model.name} — broken: {model.problem}")
            else:
                mark = " — default" if default is not None and model.path == default.path else ""
                item = QListWidgetItem(f"{model.label} — {model.size_bytes() / 1e6:.1f} MB{mark}")
            item.setData(Qt.ItemDataRole.UserRole, model)
            item.setToolTip(packages.printable(str(model.path)))
            self.list.addItem(item)
        if not self.list.count():
            self.status.setText("No model installed. Install a .argosmodel file (for example the official "
                                f"{packages.OFFICIAL_FILE}) or download it.")
        self.list.setCurrentRow(0)
        self._update_buttons()

    def _fill_catalog(self) -> None:
        current = self.catalog_table.currentItem()
        chosen = current.text(0) if current is not None else None  # the model name, column 0
        self.catalog_table.clear()
        try:
            records = catalog.rows()
        except catalog.CatalogError as exc:
            self.status.setText(str(exc))
            return
        for r in records:
            state = ("Default" if r["default"] else "Installed") if r["installed"] else "Not installed"
            item = QTreeWidgetItem([r["name"], state, r["tier"], r["size_text"], r["license"]["id"] or "not stated",
                                    r["quality_headline"]])
            item.setData(0, Qt.ItemDataRole.UserRole, r["id"])
            sha = r["sha256"] or "none published: recorded at first download"
            sources = "\n".join(catalog.Score(**q).citation() for q in r["quality"])
            text = (f"Quality:\n{sources}\nLicence: {r['license']['source']}\n{r['license']['attribution']}\n"
                    f"SHA-256: {sha}")
            item.setData(1, Qt.ItemDataRole.UserRole, text)
            item.setToolTip(0, text)
            self.catalog_table.addTopLevelItem(item)
        for column in range(self.catalog_table.columnCount()):
            self.catalog_table.resizeColumnToContents(column)
        found = self.catalog_table.findItems(chosen, Qt.MatchFlag.MatchExactly, 0) if chosen else []
        first = self.catalog_table.topLevelItem(0)
        keep = found[0] if found else first
        if keep is not None:
            self.catalog_table.setCurrentItem(keep)

    def _show_details(self) -> None:
        item = self.catalog_table.currentItem()
        self.details.setText(item.data(1, Qt.ItemDataRole.UserRole) if item is not None else "")
        self._update_buttons()

    def catalog_rows(self) -> list[list[str]]:
        table = self.catalog_table
        items = [table.topLevelItem(i) for i in range(table.topLevelItemCount())]
        return [[item.text(c) for c in range(table.columnCount())] for item in items if item is not None]

    def models(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def _update_buttons(self) -> None:
        busy = self._task is not None
        self.install_button.setEnabled(not busy)
        self.download_button.setEnabled(not busy)
        chosen = self.catalog_table.currentItem()
        self.catalog_download_button.setEnabled(not busy and chosen is not None)
        self.default_button.setEnabled(not busy and self.list.currentItem() is not None)
        self.remove_button.setEnabled(not busy and self.list.currentItem() is not None)

    # -- actions ---------------------------------------------------------------------------
    def install_from_file(self, path: str | None = None) -> None:
        if not path:
            path, _ = QFileDialog.getOpenFileName(
                self, "Install a translation model", str(Path.home()),
                "Models (*.argosmodel *.zip);;Argos models (*.argosmodel);;OPUS-MT releases (*.zip);;All files (*)")
        if not path:
            return
        self._cancel.clear()
        self.status.setText(f"Checking and installing {Path(path).name}…")
        self.cancel_button.show()
        self._run(lambda report: installer.install_file(path, progress=lambda *a: report(*a),
                                                        cancel=self._cancel.is_set),
                  self._installed, self._download_progress)

    def download_selected(self) -> None:
        item = self.catalog_table.currentItem()
        if item is None:
            return
        entry = catalog.load_catalog().get(item.data(0, Qt.ItemDataRole.UserRole))
        self._cancel.clear()
        self.bar.setRange(0, 0)
        self.bar.show()
        self.cancel_button.show()
        self.status.setText(f"Downloading {entry.name} from {entry.urls[0]}…")
        self._run(lambda report: installer.download_and_install(entry, progress=lambda *a: report(*a),
                                                                cancel=self._cancel.is_set),
                  self._installed, self._download_progress)

    def make_default(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        model = item.data(Qt.ItemDataRole.UserRole)
        catalog.set_default_model(model.name)
        self.refresh()
        self.status.setText(f"{model.label} is now the default model for documents without their own choice.")
        self.modelsChanged.emit()

    def start_download(self) -> None:
        self._cancel.clear()
        self.bar.setRange(0, 0)
        self.bar.show()
        self.cancel_button.show()
        self.status.setText("Looking up the Arabic → English model in the Argos package index…")

        def work(report):
            package = dl.fetch_index(self.index_url)[0]
            report("start", package.filename)
            path = dl.download_package(package, progress=lambda d, t: report("bytes", d, t),
                                       cancel=self._cancel.is_set)
            report("install", path.name)
            model, info = packages.install(path)
            path.unlink(missing_ok=True)
            return model, info.describe()

        self._run(work, self._installed, self._download_progress)

    def cancel_download(self) -> None:
        self._cancel.set()
        self.status.setText("Cancelling…")

    def remove_selected(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        model = item.data(Qt.ItemDataRole.UserRole)
        answer = QMessageBox.question(
            self, "Remove model", f"Remove {model.label}?\nTranslations already made stay in the cache.")
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            packages.remove(model)
        except packages.PackageError as exc:
            self.status.setText(str(exc))
            return
        self.refresh()
        self.status.setText(f"Removed {model.name}. Its translations stay available.")
        self.modelsChanged.emit()

    # -- background work -------------------------------------------------------------------
    def _run(self, fn, on_done, on_progress=None) -> None:
        task = Task(lambda control: fn(lambda *args: control.report(args)), self)
        if on_progress:
            task.progressed.connect(on_progress)
        # Bound methods only: the task's handlers never own the dialog (reader/ui/task.py).
        task.done.connect(weak_slot(self._task_done, task))
        self._task, self._on_done = task, on_done
        self._update_buttons()
        task.start()

    def busy(self) -> bool:
        return self._task is not None

    def _task_done(self, task: Task, outcome: Outcome) -> None:
        task.wait()  # ``done`` is the thread's last act: this returns at once
        task.deleteLater()
        on_done, self._on_done = self._on_done, None
        if outcome.error:
            self._failed(outcome.error)
        elif on_done is not None:
            on_done(outcome.result)
        self._task_over()

    def _task_over(self) -> None:
        self._task = None
        self.bar.hide()
        self.cancel_button.hide()
        self._update_buttons()

    def _download_progress(self, args) -> None:
        kind = args[0]
        self.bar.show()
        if kind == "start":
            self.status.setText(f"Downloading {args[1]}…")
        elif kind == "unpack":
            self.bar.setRange(0, 1000)
            self.bar.setValue(int(1000 * args[1] / max(args[2] or 1, 1)))
            self.bar.setFormat(f"Unpacking {args[1] / 1e6:.1f} of {(args[2] or 0) / 1e6:.1f} MB")
        elif kind == "convert":
            self.bar.setRange(0, 0)
            self.status.setText(f"Converting to int8 for CTranslate2… {args[1]} s")
        elif kind in ("bytes", "download"):
            done, total = args[1], args[2]
            if total:
                self.bar.setRange(0, 1000)
                self.bar.setValue(int(1000 * done / total))
                self.bar.setFormat(f"{done / 1e6:.1f} of {total / 1e6:.1f} MB")
            else:
                self.bar.setFormat(f"{done / 1e6:.1f} MB")
        elif kind == "install":
            self.bar.setRange(0, 0)
            self.status.setText(f"Checking and installing {args[1]}…")

    def _installed(self, result) -> None:
        model, description = result
        self.refresh()
        self.status.setText(f"Installed {model.name}: {description}.")
        self.modelsChanged.emit()

    def _failed(self, message: str) -> None:
        self.status.setText(in_words(message))

    def reject(self) -> None:
        # Never waits: a download's read or a conversion to int8 can take a while to notice
        # Cancel. The hidden dialog still hears the task's end (a model installed regardless
        # is announced; a failure shows when the dialog is opened again).
        self._cancel.set()
        super().reject()

    def finish(self) -> None:
        """At the window's close only: stop the running download or install and wait for it."""
        if self._task is not None:
            self._cancel.set()
            self._task.wait()
