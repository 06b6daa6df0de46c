"""The documents a user opened or pasted, most recent first, with where they stopped.

Kept in ``recent.json`` in the data folder, written atomically. Pasted text has no file
to go back to, so a copy is kept under ``pasted/`` and the document can be reopened
(its id comes from its text, so it finds its project again).
"""
from __future__ import annotations

import json
import logging
import time
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from reader.atomic import write_text
from reader.naming import pasted_name, visible
from reader.paths import data_dir

log = logging.getLogger(__name__)

FILE, PASTED, LIBRARY = "file", "pasted", "library"
LIMIT = 30


@dataclass
class RecentDocument:
    doc_id: str
    title: str
    source: str            # FILE, PASTED or LIBRARY (a bundled statement)
    path: str = ""         # the file opened, or the kept copy of pasted text
    segments: int = 0
    approved: int = 0
    last_segment: int = 0  # the segment the reader was on, 0-based
    opened: float = 0.0    # time.time() when last opened

    @property
    def name(self) -> str:
        """What the library calls it: its title; one listed with none (an older Bayan kept
        untitled documents so) by its file's name or as the text pasted that day."""
        if visible(self.title):
            return self.title
        if self.source == PASTED or not self.path:
            return pasted_name(self.opened)
        return Path(self.path).name

    def progress(self) -> str:
        """What a library row says about it: "12/80 approved · at 31"."""
        parts = []
        if self.segments:
            parts.append(f"{self.approved:,}/{self.segments:,} approved")
        if self.last_segment:
            parts.append(f"at segment {self.last_segment + 1:,}")
        return " · ".join(parts) or "not started"


class RecentDocuments:
    def __init__(self, folder: Path | None = None):
        self.folder = Path(folder) if folder else data_dir()
        self.path = self.folder / "recent.json"
        self.problem = ""  # one sentence when the list on disk could not be read
        self._items: list[RecentDocument] = self._load()

    def _load(self) -> list[RecentDocument]:
        if not self.path.exists():
            return []
        names = {f.name for f in fields(RecentDocument)}
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            return [RecentDocument(**{k: v for k, v in d.items() if k in names}) for d in raw["documents"]]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("recent documents unreadable: %s", exc)
            self.problem = "The list of recent documents could not be read and starts empty."
            return []

    def save(self) -> None:
        data = {"version": 1, "documents": [asdict(d) for d in self._items]}
        write_text(self.path, json.dumps(data, ensure_ascii=False, indent=1))

    # --- reading -------------------------------------------------------------------------
    def items(self, *, include_library: bool = True) -> list[RecentDocument]:
        """Most recent first."""
        return [d for d in self._items if include_library or d.source != LIBRARY]

    def get(self, doc_id: str) -> RecentDocument | None:
        return next((d for d in self._items if d.doc_id == doc_id), None)

    def last(self) -> RecentDocument | None:
        return self._items[0] if self._items else None

    def text_of(self, doc: RecentDocument) -> str:
        """The kept text of a pasted document (raises OSError when it is gone)."""
        return Path(doc.path).read_text(encoding="utf-8")

    # --- changing ------------------------------------------------------------------------
    def opened(self, doc_id: str, title: str, source: str, path: str = "", segments: int = 0,
               text: str | None = None) -> RecentDocument:
        """Put a document first (kept text for pasted ones) and save."""
        doc = self.get(doc_id) or RecentDocument(doc_id, title, source)
        doc.title, doc.source, doc.segments, doc.opened = title or doc.title, source, segments, time.time()
        if source == PASTED and text is not None:
            kept = self.folder / "pasted" / f"{doc_id}.txt"
            if not kept.exists():
                write_text(kept, text)
            doc.path = str(kept)
        elif path:
            doc.path = str(path)
        self._items = [doc] + [d for d in self._items if d.doc_id != doc_id]
        for dropped in self._items[LIMIT:]:
            if dropped.source == PASTED:
                Path(dropped.path).unlink(missing_ok=True)
        del self._items[LIMIT:]
        self.save()
        return doc

    def update(self, doc_id: str, *, last_segment: int | None = None, approved: int | None = None,
               segments: int | None = None) -> None:
        """Record progress (not saved: call save() when the reader leaves the document)."""
        doc = self.get(doc_id)
        if doc is None:
            return
        if last_segment is not None:
            doc.last_segment = max(last_segment, 0)
        if approved is not None:
            doc.approved = approved
        if segments is not None:
            doc.segments = segments

    def forget(self, doc_id: str) -> None:
        doc = self.get(doc_id)
        if doc is None:
            return
        if doc.source == PASTED:
            Path(doc.path).unlink(missing_ok=True)
        self._items.remove(doc)
        self.save()
