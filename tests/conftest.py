"""Shared test setup: an isolated user profile, offscreen Qt, and the optional ../shared data."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("BAYAN_SHARED", ROOT.parent / "shared"))
FLORES = SHARED / "data" / "flores-ar-en"
CORPUS = ROOT / "corpus"


@pytest.fixture(autouse=True)
def isolated_profile(tmp_path, monkeypatch):
    """Every test gets its own empty data directory (settings, caches, user glossary...)."""
    data = tmp_path / "profile"
    monkeypatch.setenv("BAYAN_DATA_DIR", str(data))
    # argostranslate keeps packages under XDG dirs; keep tests away from the real ones.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    return data


@pytest.fixture
def tiny_model():
    """The tiny but real Arabic->English Argos package (tools/build_tiny_model.py), installed."""
    from reader.translation.packages import install

    return install(ROOT / "tests" / "data" / "translate-ar_en-tiny.argosmodel")[0]


@pytest.fixture
def tiny_marian():
    """The tiny but real OPUS-MT-style release (tools/build_tiny_marian.py), converted and installed."""
    from reader.translation.marian import install_release

    return install_release(ROOT / "tests" / "data" / "opus-mt-ar-en-tiny.zip")[0]


@pytest.fixture
def flores_dir() -> Path:
    if not FLORES.is_dir():
        pytest.skip(f"FLORES data not available at {FLORES} (only developers and CI have ../shared)")
    return FLORES


@pytest.fixture
def show_window(qtbot):
    """Show a top-level widget and make it the active window, as a user's click would.

    Window shortcuts (Ctrl+=, Ctrl+F...) only fire in the active window, and the
    offscreen platform does not activate a window on show().
    """
    from PySide6.QtWidgets import QApplication

    def show(widget):
        qtbot.addWidget(widget)
        widget.show()
        qtbot.waitExposed(widget)
        widget.activateWindow()
        widget.raise_()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)
        return widget

    return show


@pytest.fixture
def window(show_window, qtbot):
    """The main window, shown and active, with no document opened yet, its dictionaries loaded."""
    from reader.ui.main_window import MainWindow

    win = MainWindow()
    win.resize(1200, 800)
    show_window(win)
    # Loaded once per process in the background (tests/ui/test_ui_warm_up.py covers the wait).
    qtbot.waitUntil(lambda: win.study.ready, timeout=60000)
    return win


@pytest.fixture(scope="module")
def short_sentences() -> list[str]:
    """Short corpus sentences: the tiny model is slow on long ones."""
    from reader.corpus import load_manifest

    texts = [s.text for e in load_manifest() for s in e.load().segments]
    return [t for t in texts if len(t) < 90]


@pytest.fixture
def make_window(show_window, qtbot):
    """Main windows with translation settings of the test's choosing (auto-translate, beam, batch)."""
    from reader.translation.engine import DecodeOptions
    from reader.ui.main_window import MainWindow, open_settings

    def make(auto=True, beam=1, batch=None):
        settings = open_settings()
        settings.setValue("translation/auto", auto)
        settings.setValue("translation/beam", beam)
        settings.sync()
        win = MainWindow()
        win.resize(1200, 800)
        if batch:
            win.translation.service.options = DecodeOptions(beam_size=beam, max_batch_size=batch)
            win.translation.service.engine.options = win.translation.service.options
        show_window(win)
        return win
    yield make
