"""Locating ../shared, which developers and CI have and users do not; small printing helpers."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("BAYAN_SHARED", ROOT.parent / "shared"))
FLORES = SHARED / "data" / "flores-ar-en"


def flores_lines(name: str) -> list[str]:
    return (FLORES / name).read_text(encoding="utf-8").splitlines()


_SCHEDSTAT = Path("/proc/thread-self/schedstat")


def cpu_wait_ms() -> float:
    """How long the calling thread has been ready to run but waiting for a CPU (Linux; 0 elsewhere).

    A heartbeat's gap less this wait is what the process itself held up: on a machine loaded by
    other programs the window's thread also waits for a core, which no code in Bayan can change.
    """
    try:
        return int(_SCHEDSTAT.read_text().split()[1]) / 1e6
    except (OSError, IndexError, ValueError):
        return 0.0


def runs_ms(seconds: list[float]) -> str:
    """Each run's figure in milliseconds, for a bench's "(runs: …)"."""
    return ", ".join(f"{t * 1000:.0f}" for t in seconds)
