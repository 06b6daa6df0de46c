"""The memory shared with other Bayan processes: the window's writes wait 50 ms at most and a
person's unit that cannot be written yet is kept and written later; an import holds the lock
one chunk at a time and is still all or nothing."""
from __future__ import annotations

import sqlite3
import threading

import pytest

from reader.document import Document
from reader.session import DocumentSession
from reader.tm import TranslationMemory
from reader.tm.feed import Feed, follow
from reader.tm.memory import IMPORT_CHUNK

TEXT = "اجتمع الوزراء في بروكسل.\n\nوقال الوزير إن العمل مستمر."


def pairs(n: int, tag: str = "") -> list[tuple[str, str]]:
    return [(f"اجتمع الوزراء في المدينة رقم {i} {tag}".strip(), f"The ministers met in city {i} {tag}".strip())
            for i in range(n)]


def test_a_lock_held_by_another_bayan_delays_the_unit_never_the_window_or_loses_it(tmp_path):
    memory = TranslationMemory(tmp_path / "tm.sqlite")
    session = DocumentSession.open(Document.from_text(TEXT, doc_id="tm-lock", title="tm-lock"))
    feed = follow(session, memory)
    assert feed.wait_s <= 0.05
    other = sqlite3.connect(memory.path, isolation_level=None)   # another Bayan importing, in effect
    other.execute("BEGIN IMMEDIATE")
    session.edit(0, "The ministers met in Brussels.")
    assert session.english(0) == "The ministers met in Brussels."   # the window went on
    assert 0 in feed.pending and "locked" in feed.error
    session.edit(1, "The minister said the work goes on.")   # still locked: both kept
    assert set(feed.pending) == {0, 1}
    other.execute("ROLLBACK")
    assert feed.retry() and not feed.pending
    assert {u.target for u in memory.units()} == {"The ministers met in Brussels.",
                                                 "The minister said the work goes on."}
    other.close()
    session.close()
    memory.close()


def test_units_still_pending_are_written_when_the_document_closes(tmp_path):
    memory = TranslationMemory(tmp_path / "tm.sqlite")
    session = DocumentSession.open(Document.from_text(TEXT, doc_id="tm-close", title="tm-close"))
    feed = Feed(session, memory)
    other = sqlite3.connect(memory.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    session.edit(0, "First try.")
    session.edit(0, "The ministers met in Brussels.")   # the latest English of the row is what goes in
    other.execute("ROLLBACK")
    feed.close()
    assert [u.target for u in memory.units()] == ["The ministers met in Brussels."]
    other.close()
    session.close()
    memory.close()


def test_a_thread_busy_with_the_memory_delays_the_windows_unit_too(tmp_path):
    memory = TranslationMemory(tmp_path / "tm.sqlite")
    session = DocumentSession.open(Document.from_text(TEXT, doc_id="tm-thread", title="tm-thread"))
    feed = follow(session, memory)
    held, release = threading.Event(), threading.Event()

    def busy() -> None:   # an import from the window's menu, running in a task
        with memory._lock:
            held.set()
            release.wait()

    worker = threading.Thread(target=busy)
    worker.start()
    held.wait()
    session.edit(0, "The ministers met in Brussels.")
    assert 0 in feed.pending
    release.set()
    worker.join()
    assert feed.retry() and len(memory) == 1
    session.close()
    memory.close()


def test_an_import_lets_another_bayan_write_between_chunks_and_shows_nothing_until_done(tmp_path):
    memory = TranslationMemory(tmp_path / "tm.sqlite")
    window = TranslationMemory(tmp_path / "tm.sqlite")   # another Bayan's window on the same file
    seen: list[int] = []

    def between(done: int) -> None:
        window.set_segments("doc", [(0, f"جملة كتبها المترجم رقم {done}", f"Written {done}")], wait_s=0.05)
        seen.append(len(window))

    added, duplicates = memory.add_units(pairs(IMPORT_CHUNK * 2 + 10), "tmx:big.tmx", progress=between)
    assert (added, duplicates) == (IMPORT_CHUNK * 2 + 10, 0)
    assert seen == [1, 1, 1]   # the other window wrote between chunks and saw none of the import
    assert len(window) == IMPORT_CHUNK * 2 + 11
    window.close()
    memory.close()


def test_an_import_failing_midway_leaves_nothing_and_blocks_nothing(tmp_path):
    memory = TranslationMemory(tmp_path / "tm.sqlite")
    memory.add_units(pairs(3, "before"), "tmx:first.tmx")
    other = sqlite3.connect(memory.path, isolation_level=None)
    # A failure after the first chunks were committed (as a full disk would).
    other.execute("CREATE TRIGGER boom BEFORE INSERT ON units WHEN NEW.target = 'The ministers met in city 700 big' "
                  "BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END")
    with pytest.raises(sqlite3.Error):
        memory.add_units(pairs(IMPORT_CHUNK * 2, "big"), "tmx:big.tmx")
    assert len(memory) == 3
    assert other.execute("SELECT COUNT(*) FROM units").fetchone()[0] == 3   # its units were removed
    other.execute("DROP TRIGGER boom")
    assert memory.add_units(pairs(IMPORT_CHUNK * 2, "big"), "tmx:big.tmx") == (IMPORT_CHUNK * 2, 0)
    assert len(memory) == 3 + IMPORT_CHUNK * 2
    other.close()
    memory.close()


def test_units_an_import_left_unseen_do_not_hide_the_same_pair_later(tmp_path):
    """A Bayan killed mid-import leaves its units unseen; the same pair added later is seen."""
    memory = TranslationMemory(tmp_path / "tm.sqlite")
    other = sqlite3.connect(memory.path, isolation_level=None)
    batch = other.execute("INSERT INTO pending_imports (started) VALUES (0)").lastrowid
    memory.add_units(pairs(2), "tmx:killed.tmx")
    other.execute("UPDATE units SET batch=?", (batch,))   # as if the killed import had written them
    assert len(memory) == 0
    session = DocumentSession.open(Document.from_text(pairs(1)[0][0], doc_id="later", title="later"))
    follow(session, memory)
    session.edit(0, pairs(1)[0][1])
    assert [u.target for u in memory.units()] == [pairs(1)[0][1]]
    other.close()
    session.close()
    memory.close()
