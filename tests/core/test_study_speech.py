"""Reading aloud with espeak-ng, checked by synthesising to WAV files."""
from __future__ import annotations

import wave

import pytest

from reader.study.speech import Speaker, SpeechUnavailable


@pytest.fixture
def speaker():
    s = Speaker()
    if not s.available:
        pytest.skip("espeak-ng is not installed on this machine")
    return s


def _audio_seconds(path) -> float:
    with wave.open(str(path)) as w:
        return w.getnframes() / w.getframerate()


def test_arabic_and_english_become_audio(speaker, tmp_path):
    ar = speaker.synthesize("عَقَدْنا هذا الصَّباحَ اجْتِماعًا مَعَ حُلَفائِنا.", "ar", tmp_path / "ar.wav")
    en = speaker.synthesize("This morning we met our allies.", "en", tmp_path / "en.wav")
    assert _audio_seconds(ar) > 1.0 and _audio_seconds(en) > 1.0
    # A longer text takes longer to read: it is really spoken, not a fixed clip.
    longer = speaker.synthesize("This morning we met our allies and partners in Wales, "
                                "to agree on a broad coalition.", "en", tmp_path / "en2.wav")
    assert _audio_seconds(longer) > _audio_seconds(en) * 1.5


def test_text_that_looks_like_an_option_is_read(speaker, tmp_path):
    out = speaker.synthesize("--version", "en", tmp_path / "dash.wav")
    assert _audio_seconds(out) > 0.3


def test_missing_engine_gives_an_install_hint(tmp_path):
    s = Speaker(engine=str(tmp_path / "no-such-espeak"))
    assert not s.available
    with pytest.raises(SpeechUnavailable, match="apt install espeak-ng"):
        s.synthesize("hello", "en", tmp_path / "x.wav")


def test_empty_text_and_unknown_language_are_refused(speaker, tmp_path):
    with pytest.raises(ValueError, match="empty"):
        speaker.synthesize("  ", "ar", tmp_path / "x.wav")
    with pytest.raises(ValueError, match="language"):
        speaker.synthesize("bonjour", "fr", tmp_path / "x.wav")
    assert not (tmp_path / "x.wav").exists()
