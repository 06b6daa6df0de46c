"""The translation cache used from the window's thread and from workers at once."""
from __future__ import annotations

import sqlite3
import sys
import threading
import time

from reader.translation.cache import TranslationCache


def inside(thread: threading.Thread, function: str, timeout: float = 10.0) -> bool:
    """Whether ``thread`` reaches ``function`` (polled: it waits inside SQLite, out of reach)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        frame = sys._current_frames().get(thread.ident or 0)
        while frame is not None:
            if frame.f_code.co_name == function:
                return True
            frame = frame.f_back
        threading.Event().wait(0.002)
    return False


def test_a_worker_waiting_for_another_bayans_lock_never_holds_up_the_windows_lookups(tmp_path):
    path = tmp_path / "translation-cache.sqlite3"
    cache = TranslationCache(path)            # opened by the window's thread, as in the app
    cache.put_many("m", "o", [("كتاب", "book")])
    other_bayan = sqlite3.connect(path, isolation_level=None)
    other_bayan.execute("BEGIN IMMEDIATE")    # holds the write lock
    failed: list[Exception] = []

    def translation_run() -> None:
        try:
            cache.put_many("m", "o", [("قلم", "pen")])
        except sqlite3.Error as exc:
            failed.append(exc)

    worker = threading.Thread(target=translation_run)
    worker.start()
    try:
        assert inside(worker, "put_many")
        # The window looks up a document's English while the worker waits for the lock.
        assert cache.get_many("m", "o", ["كتاب", "قلم"]) == ["book", None]
        assert worker.is_alive(), "the lookup waited for the worker's write"
    finally:
        other_bayan.execute("COMMIT")
        other_bayan.close()
        worker.join()
    assert not failed
    assert cache.get_many("m", "o", ["كتاب", "قلم"]) == ["book", "pen"]


def test_two_runs_write_side_by_side_and_every_row_is_kept(tmp_path):
    cache = TranslationCache(tmp_path / "translation-cache.sqlite3")
    pairs = {name: [(f"{name} {i}", f"english {name} {i}") for i in range(200)] for name in ("old", "new")}

    def run(name: str) -> None:
        for i in range(0, 200, 10):
            cache.put_many(name, "o", pairs[name][i:i + 10])

    runs = [threading.Thread(target=run, args=(name,)) for name in pairs]
    for t in runs:
        t.start()
    for t in runs:
        t.join()
    for name, rows in pairs.items():
        assert cache.get_many(name, "o", [s for s, _ in rows]) == [e for _, e in rows]
    cache.close()
    assert TranslationCache(tmp_path / "translation-cache.sqlite3").count() == 400
