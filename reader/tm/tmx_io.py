"""TMX in and out of the translation memory: all units or none, the direction checked."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from reader.arabic import is_arabic
from reader.atomic import write_bytes
from reader.plural import count
from reader.exchange.model import BilingualDocument, Unit as ExchangeUnit
from reader.exchange.tmx import read_tmx, write_tmx
from reader.states import SegmentStatus
from reader.textfile import UnreadableFile, read_bytes
from reader.tm.memory import TmError, TranslationMemory

_SRCLANG = re.compile(rb'<header\b[^>]*\bsrclang\s*=\s*["\']([A-Za-z-]+)', re.S)


@dataclass(frozen=True)
class ImportReport:
    added: int
    duplicates: int
    skipped: int   # units whose "Arabic" side has no Arabic letters
    note: str = ""
    machine: int = 0  # units the file marks as machine translation (x-status machine), left out

    def sentence(self, name: str) -> str:
        parts = [f"{count(self.added, 'unit')} added to the translation memory from {name}"]
        if self.machine:
            parts.append(f"{count(self.machine, 'machine translation')} left out (marked so in the file)")
        if self.duplicates:
            parts.append(f"{count(self.duplicates, 'duplicate')} skipped (already in the memory or twice in the file)")
        if self.skipped:
            parts.append(f"{self.skipped} without Arabic skipped")
        return "; ".join(parts) + "." + (f" {self.note}" if self.note else "")


def import_tmx(tm: TranslationMemory, path: str | Path) -> ImportReport:
    """Add a TMX file's Arabic→English units; raises TmError (nothing added) when it cannot."""
    path = Path(path)
    try:
        data = read_bytes(path)
        entries = read_tmx(data)
    except UnreadableFile as exc:
        raise TmError(str(exc).replace("The translation memory", path.name, 1)) from exc
    if not entries:
        raise TmError(f"{path.name} has no Arabic→English translation units.")
    machine = sum(1 for e in entries if e.machine)
    entries = [e for e in entries if not e.machine]
    if not entries:
        raise TmError(f"{path.name} holds machine translations only (x-status machine); nothing was imported.")
    pairs = [(e.source, e.target) for e in entries if is_arabic(e.source)]
    # Arabic under the "en" tag and English under "ar": an English→Arabic memory labelled backwards.
    reversed_ = sum(1 for e in entries if not is_arabic(e.source) and is_arabic(e.target))
    if reversed_ * 2 > len(entries):
        raise TmError(f"{path.name} runs English→Arabic (its Arabic is in the English units); "
                      "Bayan's memory is Arabic→English, so nothing was imported.")
    if not pairs:
        raise TmError(f"{path.name} has no Arabic in its Arabic units; nothing was imported.")
    head = _SRCLANG.search(data[:4096])
    note = ""
    if head and head.group(1).lower().startswith(b"en"):
        note = (f"Its header says it runs English→Arabic (srclang {head.group(1).decode()}); "
                "its units were read Arabic→English.")
    added, duplicates = tm.add_units(pairs, f"tmx:{path.name}")
    return ImportReport(added, duplicates, len(entries) - len(pairs), note, machine)


def export_tmx(tm: TranslationMemory, path: str | Path) -> int:
    """Write every unit to ``path`` as TMX 1.4b (atomically); returns how many."""
    units = tuple(ExchangeUnit(i, u.source, u.target, str(SegmentStatus.EDITED))
                  for i, u in enumerate(tm.units()))
    write_bytes(path, write_tmx([BilingualDocument("translation-memory", "Translation memory", units)]))
    return len(units)
