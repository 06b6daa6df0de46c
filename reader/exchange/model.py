"""What every exchange format reads and writes: a document's segments with their English."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

from reader.document import Document
from reader.project_store import MACHINE, UNTRANSLATED, ProjectStore
from reader.states import machine_may_write

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
    that is not saved); a person's or a memory's English in the store always wins.
    """
    states = {s.index: s for s in store.all()} if store else {}
    units = []
    for seg in doc.segments:
        state = states.get(seg.index)
        target, status, updated = (state.target, state.status, state.updated) if state else (None, UNTRANSLATED, None)
        if machine and machine_may_write(status) and machine.get(seg.index):
            target, status = machine[seg.index], MACHINE
        units.append(Unit(seg.index, seg.text, target, status, seg.kind, seg.paragraph, updated))
    return BilingualDocument(doc.doc_id, doc.name, tuple(units))
