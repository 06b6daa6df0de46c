"""Font loading: Amiri (OFL, from the fontpkg-amiri wheel) for Arabic, with clean fallbacks."""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase

from reader.paths import resources_dir

log = logging.getLogger(__name__)

# Preferred Arabic families, best first.  Amiri is a Naskh made for running
# text; Noto Naskh Arabic ships with many Linux systems.
ARABIC_FAMILIES = ["Amiri", "Noto Naskh Arabic", "Scheherazade New", "Noto Sans Arabic", "DejaVu Sans"]
ENGLISH_FAMILIES = ["Noto Sans", "DejaVu Sans", "Liberation Sans", "Arial"]
ARABIC_POINT_SIZE = 17.0
ENGLISH_POINT_SIZE = 11.5

_loaded = False


def _font_files() -> list[Path]:
    files = sorted((resources_dir() / "fonts").glob("*.[ot]tf"))
    try:
        import fontpkg_amiri

        files += sorted((Path(fontpkg_amiri.__file__).parent / "files").glob("Amiri-*.ttf"))
    except ImportError:
        log.info("fontpkg-amiri is not installed; using system Arabic fonts")
    return files


def load_fonts() -> list[str]:
    """Register bundled fonts with Qt once; returns the families now available."""
    global _loaded
    if not _loaded:
        for path in _font_files():
            if QFontDatabase.addApplicationFont(str(path)) < 0:
                log.warning("could not load font %s", path)
        _loaded = True
    return QFontDatabase.families()


def _pick(candidates: list[str], point_size: float) -> QFont:
    available = set(load_fonts())
    families = [f for f in candidates if f in available]
    font = QFont()
    if families:
        font.setFamilies(families)
    font.setPointSizeF(point_size)
    return font


def arabic_font(scale: float = 1.0) -> QFont:
    return _pick(ARABIC_FAMILIES, ARABIC_POINT_SIZE * scale)


def english_font(scale: float = 1.0) -> QFont:
    return _pick(ENGLISH_FAMILIES, ENGLISH_POINT_SIZE * scale)
