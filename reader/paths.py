"""Where Bayan finds its bundled files and keeps the user's data."""
from __future__ import annotations

import os
from pathlib import Path

import platformdirs

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    return Path(os.environ.get("BAYAN_RESOURCES", PROJECT_ROOT / "resources"))


def corpus_dir() -> Path:
    return Path(os.environ.get("BAYAN_CORPUS", PROJECT_ROOT / "corpus"))


class ProfileError(Exception):
    """The data folder cannot be used; ``str(exc)`` is for the user."""


def configured_data_dir() -> Path:
    return Path(os.environ.get("BAYAN_DATA_DIR") or platformdirs.user_data_dir("bayan", "Bayan"))


def data_dir() -> Path:
    """The user's data (settings, caches, projects, glossary, vocabulary).

    BAYAN_DATA_DIR overrides the platform location; tests point it at a
    temporary folder so they never touch a real profile. The window checks the
    folder first (reader.profile) and falls back to a read-only session.
    """
    path = configured_data_dir()
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:
        raise ProfileError(f"Bayan's data folder {path} is a file, not a folder; "
                           "point BAYAN_DATA_DIR at a folder.") from exc
    except OSError as exc:
        raise ProfileError(f"Bayan's data folder {path} cannot be created: {exc.strerror or exc}.") from exc
    return path
