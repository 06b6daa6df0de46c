"""Typed settings: every key declared once; an unusable stored value falls back and is reported once."""
from __future__ import annotations

import pytest

from reader import settings as keys
from reader.settings import MemoryBackend, Settings


def test_defaults_and_typed_round_trip():
    settings = Settings(MemoryBackend())
    assert settings.get(keys.ZOOM) == 0 and settings.get(keys.AUTO_TRANSLATE) is True
    settings.set(keys.BEAM, 2)
    settings.set(keys.SHOW_DIACRITICS, False)
    assert settings.get(keys.BEAM) == 2 and settings.get(keys.SHOW_DIACRITICS) is False


def test_ini_strings_are_read_as_their_type():
    settings = Settings(MemoryBackend({"view/zoom": "3", "translation/auto": "false"}))
    assert settings.get(keys.ZOOM) == 3 and settings.get(keys.AUTO_TRANSLATE) is False


def test_a_wrong_typed_value_falls_back_to_the_default_and_is_reported_once():
    told = []
    settings = Settings(MemoryBackend({"view/zoom": "abc", "translation/beam": "3"}), report=told.append)
    assert settings.get(keys.ZOOM) == 0 and settings.get(keys.ZOOM) == 0
    assert settings.get(keys.BEAM) == 4  # not one of the offered beams
    assert len(told) == 2 and "view/zoom" in told[0] and "abc" in told[0] and "default (0)" in told[0]


def test_every_key_is_declared_once():
    names = [s.key for s in keys.ALL]
    assert len(names) == len(set(names)) and len(names) >= 15


def test_writing_a_value_of_the_wrong_type_is_refused():
    with pytest.raises(ValueError):
        Settings(MemoryBackend()).set(keys.THEME, "purple")
