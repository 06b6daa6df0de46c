"""The student's vocabulary: words and terms with their sentence, in SQLite (WAL) in data_dir().

Each card keeps the word's lemma as the lookup chose it in its sentence
(vocalised; its normalised form is the key: one card per lemma), the word as it
stood in the sentence (vocalised), the sense in that sentence, the sentence it
came from and that sentence's translation, and a learning status: new, learning
or known.
"""
from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from reader.arabic import normalize
from reader.paths import data_dir
from reader.errors import describe_db_error
from reader.safe_db import DatabaseUnavailable, limit_wait, open_db

STATUSES = ("new", "learning", "known")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS cards (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    word TEXT NOT NULL,
    gloss TEXT NOT NULL DEFAULT '',
    transliteration TEXT NOT NULL DEFAULT '',
    sentence TEXT NOT NULL DEFAULT '',
    translation TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'learning', 'known')),
    added REAL NOT NULL,
    changed REAL NOT NULL,
    form TEXT NOT NULL DEFAULT ''
);
"""
# Columns added after the first release, appended (older files get them on opening).
_ADDED_COLUMNS = {"form": "TEXT NOT NULL DEFAULT ''"}


@dataclass(frozen=True)
class Card:
    id: int
    key: str
    word: str
    gloss: str
    transliteration: str
    sentence: str
    translation: str
    source: str
    status: str
    added: float
    changed: float
    form: str = ""       # the word as it stood in the sentence, vocalised (حُلَفائنا for حَلِيف)


def _setup(db: sqlite3.Connection) -> None:
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.executescript(_SCHEMA)
    have = {row[1] for row in db.execute("PRAGMA table_info(cards)")}
    for name, decl in _ADDED_COLUMNS.items():
        if name not in have:
            db.execute(f"ALTER TABLE cards ADD COLUMN {name} {decl}")


class VocabularyError(ValueError):
    """Bad input for the vocabulary (an empty word, an unknown status)."""


def default_path() -> Path:
    return data_dir() / "vocabulary.sqlite3"


class Vocabulary:
    def __init__(self, path: Path | None = None):
        self.path = Path(path or default_path())
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        try:
            # A damaged file is moved aside with its readable cards copied over: see ``note``.
            opened = open_db(self.path, _setup, "PRAGMA quick_check", "Your vocabulary", ("cards",),
                             check_same_thread=False)
        except DatabaseUnavailable as exc:
            raise VocabularyError(str(exc)) from exc
        self._db = opened.db
        self.note = opened.note

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """One transaction; a database locked or failing says so in a sentence, never a traceback."""
        try:
            with self._lock, self._db:
                yield
        except sqlite3.Error as exc:
            raise VocabularyError(f"Not saved: {describe_db_error(exc, self.path.name)} "
                                  "Try again in a moment.") from exc

    def limit_wait(self, seconds: float) -> None:
        """Wait at most ``seconds`` for another process's write lock (5 s when opened)."""
        with self._lock:
            limit_wait(self._db, seconds)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    @staticmethod
    def key(word: str) -> str:
        return normalize(word.strip())

    def add(self, word: str, gloss: str = "", sentence: str = "", translation: str = "",
            transliteration: str = "", source: str = "", status: str = "new", form: str = "") -> Card:
        """Save a word; saving it again updates the gloss/context but keeps its status."""
        key = self.key(word)
        if not key:
            raise VocabularyError("Nothing to save: the word is empty.")
        self._check_status(status)
        now = time.time()
        with self._writing():
            self._db.execute(
                "INSERT INTO cards (key, word, gloss, transliteration, sentence, translation, source,"
                " status, added, changed, form) VALUES (?,?,?,?,?,?,?,?,?,?,?)"
                " ON CONFLICT(key) DO UPDATE SET word=excluded.word,"
                " gloss=CASE WHEN excluded.gloss != '' THEN excluded.gloss ELSE gloss END,"
                " transliteration=CASE WHEN excluded.transliteration != '' THEN excluded.transliteration"
                " ELSE transliteration END,"
                " sentence=CASE WHEN excluded.sentence != '' THEN excluded.sentence ELSE sentence END,"
                " translation=CASE WHEN excluded.translation != '' THEN excluded.translation"
                " ELSE translation END,"
                " source=CASE WHEN excluded.source != '' THEN excluded.source ELSE source END,"
                " form=CASE WHEN excluded.form != '' THEN excluded.form ELSE form END,"
                " changed=excluded.changed",
                (key, word.strip(), gloss, transliteration, sentence, translation, source, status, now, now,
                 form))
        return self._card(word)

    def _card(self, word: str) -> Card:
        card = self.get(word)
        if card is None:
            raise VocabularyError(f"{word!r} is not in the vocabulary.")
        return card

    def get(self, word: str) -> Card | None:
        row = self._db.execute("SELECT * FROM cards WHERE key = ?", (self.key(word),)).fetchone()
        return Card(*row) if row else None

    def set_status(self, word: str, status: str) -> Card:
        self._check_status(status)
        with self._writing():
            cur = self._db.execute("UPDATE cards SET status = ?, changed = ? WHERE key = ?",
                                   (status, time.time(), self.key(word)))
        if cur.rowcount == 0:
            raise VocabularyError(f"{word!r} is not in the vocabulary.")
        return self._card(word)

    def remove(self, word: str) -> bool:
        with self._writing():
            return self._db.execute("DELETE FROM cards WHERE key = ?", (self.key(word),)).rowcount > 0

    def cards(self, status: str | None = None) -> list[Card]:
        if status is not None:
            self._check_status(status)
            rows = self._db.execute("SELECT * FROM cards WHERE status = ? ORDER BY added, id", (status,))
        else:
            rows = self._db.execute("SELECT * FROM cards ORDER BY added, id")
        return [Card(*row) for row in rows]

    def statuses(self) -> dict[str, str]:
        """Normalised word -> status, for marking saved words in the text."""
        return dict(self._db.execute("SELECT key, status FROM cards"))

    def __len__(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM cards").fetchone()[0]

    @staticmethod
    def _check_status(status: str) -> None:
        if status not in STATUSES:
            raise VocabularyError(f"Unknown status {status!r}; use one of {', '.join(STATUSES)}.")
