"""The person's renderings of a sentence in their other documents, read from the memory (which
holds every document's edited and approved segments): QA's project-wide inconsistency check.

Read on a connection of its own, read-only and without the memory's stem index (QA runs in a
worker and needs exact keys only), so checking never waits for the index to be built.  The
answers are kept until another document's units change: while a person edits one document,
only its own units (never asked for) change, so a re-check after an edit asks for nothing.
"""
from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path
from typing import Sequence

from reader.qa.model import Rendering
from reader.safe_db import BUSY_TIMEOUT_S
from reader.tm.memory import default_path

log = logging.getLogger(__name__)
_BATCH = 500  # SQLite's bound-parameter limit, with room


class OtherDocuments:
    """:class:`reader.qa.model.Elsewhere` over the memory, for every document but ``doc_id``."""

    def __init__(self, doc_id: str, path: str | Path | None = None):
        self.doc_id = doc_id
        self.path = Path(path) if path is not None else default_path()
        self._known: dict[str, tuple[Rendering, ...]] = {}
        self._stamp: tuple[int, float] | None = None  # the other documents' units when _known was read
        self._lock = threading.Lock()  # a check still running beside the next one

    def renderings(self, normalised: Sequence[str]) -> list[tuple[Rendering, ...]]:
        if not self.path.exists():
            return [()] * len(normalised)
        with self._lock:
            try:
                self._read(normalised)
            except sqlite3.Error as exc:  # QA goes on within the file; the memory says its own problems
                log.warning("renderings in other documents not read from %s: %s", self.path, exc)
                return [()] * len(normalised)
            known = self._known
            return [known.get(line, ()) for line in normalised]

    def _read(self, normalised: Sequence[str]) -> None:
        db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
        try:
            if "line" not in {r[1] for r in db.execute("PRAGMA table_info(units)")}:
                return  # a memory from before the key: filled in the next time Bayan opens it
            count, latest = db.execute("SELECT COUNT(*), MAX(added) FROM units WHERE doc IS NOT NULL AND doc != ?",
                                       (self.doc_id,)).fetchone()
            if (count, latest) != self._stamp:
                self._known.clear()
                self._stamp = (count, latest)
            lines = sorted({line for line in normalised if line and line not in self._known})
            found: dict[str, list[Rendering]] = {line: [] for line in lines}
            for start in range(0, len(lines), _BATCH):
                part = lines[start:start + _BATCH]
                # The most recent rendering first: the one the person is likeliest to mean now.
                for line, english, document, segment in db.execute(
                        "SELECT u.line, u.target, COALESCE(d.title, u.doc), u.seg FROM units u "
                        "LEFT JOIN docs d ON d.doc = u.doc "
                        f"WHERE u.line IN ({','.join('?' * len(part))}) AND u.doc != ? "
                        "ORDER BY u.added DESC, u.id DESC", [*part, self.doc_id]):
                    found[line].append(Rendering(document, int(segment or 0), english))
            self._known.update((line, tuple(renderings)) for line, renderings in found.items())
        finally:
            db.close()
