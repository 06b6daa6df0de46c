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
from typing import Callable, Iterable, Mapping

from reader import atomic
from reader.document import Document
from reader.project_store import HUMAN_STATUSES, MACHINE, UNTRANSLATED, ProjectStore

SOURCE_LANG = "ar"
TARGET_LANG = "en"


@dataclass(frozen=True)
class Unit:
    index: int
    source: str
    target: str | None
    status: str
    kind: str = "sentence"
    paragraph: int = 0
    updated: float | None = None


@dataclass(frozen=True)
class BilingualDocument:
    doc_id: str
    title: str
    units: tuple[Unit, ...]

    def only(self, statuses: Iterable[str]) -> "BilingualDocument":
        keep = frozenset(statuses)
        return BilingualDocument(self.doc_id, self.title,
                                 tuple(u for u in self.units if u.status in keep and u.target))


def bilingual(doc: Document, store: ProjectStore | None = None,
              machine: Mapping[int, str] | None = None) -> BilingualDocument:
    """The document's segments with their English from the project store.

    ``machine`` fills segments the store has no English for (batch output
    that is not saved); human work in the store always wins.
    """
    states = {s.index: s for s in store.all()} if store else {}
    units = []
    for seg in doc.segments:
        state = states.get(seg.index)
        target, status, updated = (state.target, state.status, state.updated) if state else (None, UNTRANSLATED, None)
        if machine and status not in HUMAN_STATUSES and machine.get(seg.index):
            target, status = machine[seg.index], MACHINE
        units.append(Unit(seg.index, seg.text, target, status, seg.kind, seg.paragraph, updated))
    return BilingualDocument(doc.doc_id, doc.title, tuple(units))


@dataclass(frozen=True)
class Format:
    name: str
    suffix: str
    description: str
    write: Callable[[list[BilingualDocument]], bytes]


def formats() -> dict[str, Format]:
    from reader.exchange import csv_export, html_export, pdf_export, tmx, xliff

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
