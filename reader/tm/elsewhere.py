"""The person's renderings of a sentence in their other documents, read from the memory (which
holds every document's edited and approved segments): QA's project-wide inconsistency check.

Read on a connection of its own, read-only and without the memory's stem index (QA runs in a
worker and needs exact keys only), so checking never waits for the index to be built.  Only the
English of each sentence is read for every segment; where and when a rendering was made only
for the few that disagree.  The answers are kept until another document's units change: while a
person edits one document only its own units (never asked for) change, so a re-check after an
edit reads just the edited segment's sentence.
"""
from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path
from typing import Iterable, Sequence

from reader.qa.model import Rendering
from reader.safe_db import BUSY_TIMEOUT_S
from reader.tm.memory import default_path

log = logging.getLogger(__name__)
_BATCH = 500  # SQLite's bound-parameter limit, with room


def _same(english: str) -> str:
    """White space collapsed; most English has none to collapse, and is returned as it is."""
    return " ".join(english.split()) if "  " in english or not english.isprintable() \
        or english != english.strip() else english


class OtherDocuments:
    """:class:`reader.qa.model.Elsewhere` over the memory, for every document but ``doc_id``."""

    def __init__(self, doc_id: str, path: str | Path | None = None):
        self.doc_id = doc_id
        self.path = Path(path) if path is not None else default_path()
        self._english: dict[str, frozenset[str]] = {}  # normalised Arabic → its renderings elsewhere
        self._latest: dict[str, Rendering] = {}         # normalised Arabic → the most recent of them
        self._stamp: tuple[int, float] | None = None     # the other documents' units when these were read
        self._lock = threading.Lock()  # a check still running beside the next one

    def disagreeing(self, pairs: Sequence[tuple[str, str]]) -> dict[int, Rendering]:
        if not pairs or not self.path.exists():
            return {}
        with self._lock:
            try:
                return self._disagreeing(pairs)
            except sqlite3.Error as exc:  # QA goes on within the file; the memory says its own problems
                log.warning("renderings in other documents not read from %s: %s", self.path, exc)
                return {}

    def _disagreeing(self, pairs: Sequence[tuple[str, str]]) -> dict[int, Rendering]:
        db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
        try:
            if "line" not in {r[1] for r in db.execute("PRAGMA table_info(units)")}:
                return {}  # a memory from before the key: filled in the next time Bayan opens it
            stamp = db.execute("SELECT COUNT(*), MAX(added) FROM units WHERE doc IS NOT NULL AND doc != ?",
                               (self.doc_id,)).fetchone()
            if stamp != self._stamp:
                self._english.clear()
                self._latest.clear()
                self._stamp = stamp
            english = self._english
            unread = {line for line, _ in pairs if line and line not in english}
            found: dict[str, set[str]] = {line: set() for line in unread}
            for line, target in self._rows(db, "u.line, u.target", unread, titles=False):
                found[line].add(_same(target))
            english.update((line, frozenset(targets)) for line, targets in found.items())
            odd = {n: line for n, (line, mine) in enumerate(pairs)
                   if english.get(line) and _same(mine) not in english[line]}
            latest = self._latest
            for line, target, document, segment in self._rows(
                    db, "u.line, u.target, COALESCE(d.title, ''), u.seg",
                    {line for line in odd.values() if line not in latest}, ordered=True):
                latest.setdefault(line, Rendering(document, int(segment or 0), target))
            return {n: latest[line] for n, line in odd.items()}
        finally:
            db.close()

    def _rows(self, db: sqlite3.Connection, columns: str, lines: Iterable[str],
              ordered: bool = False, titles: bool = True) -> Iterable[tuple]:
        lines = sorted(lines)
        # The most recent rendering first: the one the person is likeliest to mean now.
        tail = " ORDER BY u.added DESC, u.id DESC" if ordered else ""
        join = " LEFT JOIN docs d ON d.doc = u.doc" if titles else ""
        for start in range(0, len(lines), _BATCH):
            part = lines[start:start + _BATCH]
            yield from db.execute(f"SELECT {columns} FROM units u{join} "
                                  f"WHERE u.line IN ({','.join('?' * len(part))}) AND u.doc != ?{tail}",
                                  [*part, self.doc_id])
