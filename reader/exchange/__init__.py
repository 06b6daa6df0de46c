"""Bilingual exchange formats: what a translator's other tools read and write.

Every exporter takes a list of :class:`BilingualDocument` and returns bytes;
:func:`export` writes them atomically.  The formats:

- ``tmx``   TMX 1.4b translation memory (by default only human work: edited + approved)
- ``xliff`` XLIFF 1.2, every segment with its state
- ``csv``   one row per segment, UTF-8 with BOM so spreadsheet programs show the Arabic
- ``html``  a side-by-side bilingual page (Arabic right-to-left)
- ``pdf``   facing pages for printing, Arabic then English, with a text layer that extracts back

``reader.exchange.tmx.read_tmx`` and ``prefill_from_tm`` bring a TMX back in.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from reader import atomic
from reader.exchange import csv_export, html_export, pdf_export, tmx, xliff
from reader.exchange.model import SOURCE_LANG, TARGET_LANG, BilingualDocument, Unit, bilingual

__all__ = ["SOURCE_LANG", "TARGET_LANG", "BilingualDocument", "Unit", "bilingual", "Format", "formats", "export"]


@dataclass(frozen=True)
class Format:
    name: str
    suffix: str
    description: str
    write: Callable[[list[BilingualDocument]], bytes]


def formats() -> dict[str, Format]:
    return {f.name: f for f in (
        Format("tmx", ".tmx", "TMX 1.4b translation memory", tmx.write_tmx),
        Format("xliff", ".xlf", "XLIFF 1.2", xliff.write_xliff),
        Format("csv", ".csv", "CSV spreadsheet", csv_export.write_csv),
        Format("html", ".html", "Bilingual HTML page", html_export.write_html),
        Format("pdf", ".pdf", "PDF (bilingual, for printing)", pdf_export.write_pdf),
    )}


def export(fmt: str, docs: list[BilingualDocument], path: str | Path) -> Path:
    data = formats()[fmt].write(docs)
    atomic.write_bytes(path, data)
    return Path(path)
