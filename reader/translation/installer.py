"""Installing a model from a file or from the catalog, whatever its format (Qt-free).

Argos packages are unpacked (:mod:`.packages`); Marian releases are converted (:mod:`.marian`).
``progress(stage, done, total)`` reports "download" and "unpack" in bytes and "convert" in
seconds so far; ``cancel()`` returning true stops the work and leaves nothing installed.
"""
from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Callable

from reader.translation import download as dl
from reader.translation import packages
from reader.translation.catalog import CatalogModel, expected_sha256, record_sha256
from reader.translation.marian import Progress, install_release, is_marian_release
from reader.translation.packages import InstalledModel


def install_file(path: str | Path, progress: Progress | None = None, cancel: Callable[[], bool] | None = None,
                 entry: CatalogModel | None = None) -> tuple[InstalledModel, str]:
    """Install an .argosmodel or an OPUS-MT release zip; returns the model and a description."""
    if is_marian_release(path):
        model, release = install_release(path, progress=progress, cancel=cancel, entry=entry)
        return model, release.describe()
    if _is_zip_without(path, "metadata.json"):
        raise packages.PackageError(
            f"{Path(path).name} is neither an Argos package (.argosmodel with metadata.json) nor an "
            "OPUS-MT release (.zip with Marian .npz weights).")
    model, info = packages.install(path)
    return model, info.describe()


def download_and_install(entry: CatalogModel, progress: Progress | None = None,
                         cancel: Callable[[], bool] | None = None) -> tuple[InstalledModel, str]:
    """Download a catalog model (resuming, checksum-checked) and install it (uses the network)."""
    expected = expected_sha256(entry)
    remote = dl.RemotePackage(code=entry.installed_code, version=entry.release, links=entry.urls,
                              sha256=expected, size=entry.download_size)
    on_bytes = (lambda done, total: progress("download", done, total)) if progress else None
    path = dl.download_package(remote, progress=on_bytes, cancel=cancel)
    digest = packages.sha256_file(path)
    if expected is None:
        record_sha256(entry.id, digest)  # later downloads of this release must match it
    model, description = install_file(path, progress, cancel, entry)
    path.unlink(missing_ok=True)
    if expected is None:
        description += f"; SHA-256 {digest} recorded (the publisher gives none)"
    return model, description


def _is_zip_without(path: str | Path, name: str) -> bool:
    try:
        with zipfile.ZipFile(path) as zf:
            return not any(n == name or n.endswith("/" + name) for n in zf.namelist())
    except (OSError, zipfile.BadZipFile):
        return False  # packages.install says what is wrong with it
