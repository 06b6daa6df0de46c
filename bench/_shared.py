"""Locating ../shared, which developers and CI have and users do not."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("BAYAN_SHARED", ROOT.parent / "shared"))
FLORES = SHARED / "data" / "flores-ar-en"


def flores_lines(name: str) -> list[str]:
    return (FLORES / name).read_text(encoding="utf-8").splitlines()
