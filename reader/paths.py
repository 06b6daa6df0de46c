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


def data_dir() -> Path:
    """The user's data (settings, caches, projects, glossary, vocabulary).

    BAYAN_DATA_DIR overrides the platform location; tests point it at a
    temporary folder so they never touch a real profile.
    """
    path = Path(os.environ.get("BAYAN_DATA_DIR") or platformdirs.user_data_dir("bayan", "Bayan"))
    path.mkdir(parents=True, exist_ok=True)
    return path
