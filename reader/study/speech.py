"""Reading aloud offline with espeak-ng (Arabic and English voices).

Text goes to espeak-ng on stdin, never on the command line, so that any
content (leading dashes, quotes) is read, not parsed as options.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

VOICES = {"ar": "ar", "en": "en-us"}
DEFAULT_RATE = 150  # words a minute; espeak-ng's own default (175) is fast for learners


# espeak-ng exits 0 when there is nothing to play on; only its messages tell.
_NO_AUDIO_RE = re.compile(r"cannot find card|unknown pcm|cannot open audio|no such device|"
                          r"connection refused|audio device|pa_|alsa", re.IGNORECASE)


def playback_problem(proc: subprocess.Popen) -> str | None:
    """Why a reading that has ended made no sound, in words; None if it played or is still playing."""
    if proc.poll() is None or proc.returncode < 0:  # still reading, or stopped on purpose
        return None
    errors = proc.stderr.read().decode("utf-8", errors="replace") if proc.stderr else ""
    if proc.returncode == 0 and not _NO_AUDIO_RE.search(errors):
        return None
    detail = next((ln.strip() for ln in reversed(errors.splitlines()) if ln.strip()), "")
    return ("Nothing could be read aloud: no sound device was found. Connect speakers or headphones "
            "(or check the system's sound settings) and try again."
            + (f" (espeak-ng said: {detail})" if detail else ""))


class SpeechUnavailable(RuntimeError):
    """espeak-ng is not installed or failed."""


def find_engine(name: str | None = None) -> str | None:
    """Full path of the espeak-ng executable (BAYAN_ESPEAK overrides), or None."""
    for candidate in (name or os.environ.get("BAYAN_ESPEAK"), "espeak-ng", "espeak"):
        if candidate:
            found = shutil.which(candidate)
            if found or name:
                return found
    return None


def missing_message() -> str:
    return ("Reading aloud needs espeak-ng, which is not installed. On Debian or Ubuntu: "
            "sudo apt install espeak-ng; on other systems see https://github.com/espeak-ng/espeak-ng.")


class Speaker:
    def __init__(self, engine: str | None = None, rate: int = DEFAULT_RATE):
        self.engine = find_engine(engine)
        self.rate = rate
        self._current: subprocess.Popen | None = None

    @property
    def available(self) -> bool:
        return self.engine is not None

    def _command(self, lang: str, extra: list[str]) -> list[str]:
        if self.engine is None:
            raise SpeechUnavailable(missing_message())
        if lang not in VOICES:
            raise ValueError(f"no voice for language {lang!r}; use one of {', '.join(VOICES)}")
        return [self.engine, "-v", VOICES[lang], "-s", str(self.rate), "--stdin", *extra]

    def synthesize(self, text: str, lang: str, path: str | os.PathLike) -> Path:
        """Write the spoken ``text`` to a WAV file (what tests and exports use)."""
        if not text.strip():
            raise ValueError("Nothing to read: the text is empty.")
        cmd = self._command(lang, ["-w", os.fspath(path)])
        try:
            proc = subprocess.run(cmd, input=text.encode("utf-8"), capture_output=True, timeout=120)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise SpeechUnavailable(f"espeak-ng failed: {exc}") from exc
        if proc.returncode != 0:
            raise SpeechUnavailable(f"espeak-ng failed: {proc.stderr.decode(errors='replace').strip()}")
        return Path(path)

    def speak(self, text: str, lang: str) -> subprocess.Popen:
        """Start reading aloud and return at once; a new call stops the previous reading."""
        if not text.strip():
            raise ValueError("Nothing to read: the text is empty.")
        cmd = self._command(lang, [])
        self.stop()
        try:
            proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.PIPE)  # read by playback_problem()
        except OSError as exc:
            raise SpeechUnavailable(f"espeak-ng failed: {exc}") from exc
        assert proc.stdin is not None  # stdin=PIPE
        proc.stdin.write(text.encode("utf-8"))
        proc.stdin.close()
        self._current = proc
        return proc

    def stop(self) -> None:
        if self._current is not None and self._current.poll() is None:
            self._current.terminate()
            try:
                self._current.wait(timeout=2)
            except subprocess.TimeoutExpired:
                self._current.kill()
        self._current = None
