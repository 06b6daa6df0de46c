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

log = logging.getLogger(__name__)
_BATCH = 500  # SQLite's bound-parameter limit, with room


class OtherDocuments:
    """:class:`reader.qa.model.Elsewhere` over the memory, for every document but ``doc_id``."""

    def __init__(self, doc_id: str, path: str | Path | None = None):
        self.doc_id = doc_id
        self.path = Path(path) if path is not None else default_path()

    def renderings(self, normalised: Sequence[str]) -> list[tuple[Rendering, ...]]:
        found: dict[str, list[Rendering]] = defaultdict(list)
        if self.path.exists():
            try:
                self._read(sorted(set(normalised) - {""}), found)
            except sqlite3.Error as exc:  # QA goes on within the file; the memory says its own problems
                log.warning("renderings in other documents not read from %s: %s", self.path, exc)
                found.clear()
        shared = {line: tuple(renderings) for line, renderings in found.items()}
        return [shared.get(line, ()) for line in normalised]

    def _read(self, lines: list[str], found: dict[str, list[Rendering]]) -> None:
        db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
        try:
            columns = {r[1] for r in db.execute("PRAGMA table_info(units)")}
            if "line" not in columns:
                return  # a memory from before the key: filled in the next time Bayan opens it
            for start in range(0, len(lines), _BATCH):
                part = lines[start:start + _BATCH]
                # The most recent rendering first: the one the person is likeliest to mean now.
                for line, english, document, segment in db.execute(
                        "SELECT u.line, u.target, COALESCE(d.title, u.doc), u.seg FROM units u "
                        "LEFT JOIN docs d ON d.doc = u.doc "
                        f"WHERE u.line IN ({','.join('?' * len(part))}) AND u.doc != ? "
                        "ORDER BY u.added DESC, u.id DESC", [*part, self.doc_id]):
                    found[line].append(Rendering(document, int(segment or 0), english))
        finally:
            db.close()
