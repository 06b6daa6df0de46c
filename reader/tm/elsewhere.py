"""The person's renderings of a sentence in their other documents, read from the memory (which
holds every document's edited and approved segments): QA's project-wide inconsistency check.

Read on a connection of its own, read-only and without the memory's stem index (QA runs in a
worker and needs exact keys only), so checking never waits for the index to be built.
"""
from __future__ import annotations

import logging
import sqlite3
from collections import defaultdict
from pathlib import Path
from typing import Sequence

from reader.qa.model import Rendering
from reader.safe_db import BUSY_TIMEOUT_S
from reader.tm.memory import default_path
from reader.tm.similarity import match_keys

log = logging.getLogger(__name__)
_BATCH = 500  # SQLite's bound-parameter limit, with room


class OtherDocuments:
    """:class:`reader.qa.model.Elsewhere` over the memory, for every document but ``doc_id``."""

    def __init__(self, doc_id: str, path: str | Path | None = None):
        self.doc_id = doc_id
        self.path = Path(path) if path is not None else default_path()

    def renderings(self, normalised: Sequence[str]) -> list[tuple[Rendering, ...]]:
        keys = match_keys(normalised)
        found: dict[str, list[Rendering]] = defaultdict(list)
        if self.path.exists():
            try:
                self._read(sorted({k for k in keys if k}), found)
            except sqlite3.Error as exc:  # QA goes on within the file; the memory says its own problems
                log.warning("renderings in other documents not read from %s: %s", self.path, exc)
                found.clear()
        return [tuple(found.get(k, ())) for k in keys]

    def _read(self, keys: list[str], found: dict[str, list[Rendering]]) -> None:
        db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
        try:
            titled = db.execute("SELECT 1 FROM sqlite_master WHERE name='docs'").fetchone() is not None
            title = "COALESCE(d.title, u.doc)" if titled else "u.doc"
            join = "LEFT JOIN docs d ON d.doc = u.doc" if titled else ""
            for start in range(0, len(keys), _BATCH):
                part = keys[start:start + _BATCH]
                # The most recent rendering first: the one the person is likeliest to mean now.
                for key, english, document, segment in db.execute(
                        f"SELECT u.key, u.target, {title}, u.seg FROM units u {join} "
                        f"WHERE u.doc IS NOT NULL AND u.doc != ? AND u.key IN ({','.join('?' * len(part))}) "
                        "ORDER BY u.added DESC, u.id DESC", [self.doc_id, *part]):
                    found[key].append(Rendering(document, int(segment or 0), english))
        finally:
            db.close()
