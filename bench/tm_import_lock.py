"""How long another Bayan's window is kept from writing to the memory while `bayan tm import` runs.

One process imports N units (a thread here, with its own connection); a second memory on the same
file (the window) writes one segment every 20 ms as the window does: waiting at most 50 ms
(WINDOW_WAIT_S), a write that cannot be made is queued and retried. Measured: the window's
longest write call (what the window's thread is held) and the longest stretch during which its
writes kept being queued (how long a person's unit stays out of the memory). Baseline in the
same run: the import as one transaction (the chunk as large as the import), as before.

Run: python -m bench.tm_import_lock [--units N] [--chunk N]
"""
from __future__ import annotations

import argparse
import sqlite3
import tempfile
import threading
import time
from pathlib import Path

import reader.tm.memory as memory
from reader.safe_db import WINDOW_WAIT_S
from reader.tm.memory import TmBusy, TranslationMemory


# Between two of the window's writes: far faster than anyone edits, so a lock held is met.
PACE_S = 0.02


def pairs(n: int) -> list[tuple[str, str]]:
    return [(f"اجتمع الوزراء في المدينة رقم {i} لبحث الأزمة الاقتصادية {i % 97}", f"Ministers met in city {i}.")
            for i in range(n)]


def run(units: int, chunk: int) -> tuple[float, float, float, int]:
    """(longest write call s, longest queued stretch s, import s, writes) with ``chunk``."""
    memory.IMPORT_CHUNK = chunk
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "tm.sqlite"
        importer, window = TranslationMemory(path), TranslationMemory(path)
        done = threading.Event()
        took: list[float] = []
        rows = pairs(units)

        def do_import() -> None:
            start = time.perf_counter()
            importer.add_units(rows, "tmx:bench.tmx")
            took.append(time.perf_counter() - start)
            done.set()

        thread = threading.Thread(target=do_import)
        thread.start()
        longest_call = longest_queued = 0.0
        queued_since: float | None = None
        n = 0
        while not done.is_set():
            start = time.perf_counter()
            try:
                window.set_segments("doc", [(0, "جملة كتبها المترجم", f"Written {n}")], wait_s=WINDOW_WAIT_S)
                if queued_since is not None:
                    longest_queued = max(longest_queued, time.perf_counter() - queued_since)
                    queued_since = None
            except (TmBusy, sqlite3.OperationalError):
                queued_since = start if queued_since is None else queued_since
            longest_call = max(longest_call, time.perf_counter() - start)
            n += 1
            time.sleep(PACE_S)
        if queued_since is not None:
            longest_queued = max(longest_queued, time.perf_counter() - queued_since)
        thread.join()
        importer.close()
        window.close()
    return longest_call, longest_queued, took[0], n


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=20_000)
    parser.add_argument("--chunk", type=int, default=memory.IMPORT_CHUNK)
    args = parser.parse_args()
    base = run(args.units, args.units)
    chunked = run(args.units, args.chunk)
    print(f"import of {args.units:,} units while the window writes (ms):")
    print(f"  {'':28} {'longest call':>12} {'longest queued':>15} {'import':>8} {'writes':>7}")
    for name, (call, queued, took, n) in (("one transaction (baseline)", base), (f"chunks of {args.chunk}", chunked)):
        print(f"  {name:28} {call * 1000:12.0f} {queued * 1000:15.0f} {took * 1000:8.0f} {n:7}")
    print(f"  ratio chunked/baseline: longest queued {chunked[1] / max(base[1], 1e-9):.3f}, "
          f"import time {chunked[2] / base[2]:.2f}x")


if __name__ == "__main__":
    main()
