"""Opening a 10,000-segment document whose English is in the translation cache (auto-translate off).

Opening once read the cache for every segment and wrote what it found to the session on the
window's thread; now a worker reads it and the session takes it a chunk per event-loop turn.
Prints, for the window as it is: the longest gap between two beats of a 1 ms heartbeat from
the moment the document is opened until every row shows its English (open_document's own
work included, printed apart), and how long that took;
and, as the baseline in the same run, the time the old way held the window's thread (the same
lookup and write, done there). Every sentence is distinct, as in a real document.

Run: QT_QPA_PLATFORM=offscreen python -m bench.open_cached [--segments N] [--runs R]
"""
from __future__ import annotations

import argparse
import itertools
import os
import re
import statistics
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("BAYAN_DATA_DIR", tempfile.mkdtemp(prefix="bayan-bench-"))

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from bench.open_large import synthetic_text  # noqa: E402
from reader import responsiveness  # noqa: E402
from reader.document import Document  # noqa: E402
from reader.session import DocumentSession  # noqa: E402

LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"


def _word(n: int) -> str:
    out = ""
    while True:
        out, n = out + LETTERS[n % len(LETTERS)], n // len(LETTERS)
        if not n:
            return out


def distinct_text(segments: int) -> str:
    """The corpus's sentences, each made distinct by a word of its own before its full stop."""
    counter = itertools.count()
    return re.sub(r"([.!?؟])(\s|$)", lambda m: f" {_word(next(counter))}{m.group(1)}{m.group(2)}",
                  synthetic_text(segments))


def old_way(win, doc: Document) -> float:
    """What opening did on the window's thread: the lookup, then the write of what it found."""
    session = DocumentSession.open(doc)
    service = win.translation.service
    started = time.perf_counter()
    found = service.cached([s.text for s in session.segments])
    session.set_machine_many([(r, e) for r, e in enumerate(found) if e is not None and session.english(r) is None])
    held = time.perf_counter() - started
    session.close()
    return held


def open_now(app, win, doc: Document) -> tuple[float, float, float]:
    """(open_document's own time, longest heartbeat gap, seconds until every row shows English)
    opening ``doc`` in ``win``."""
    beats: list[float] = []
    heart = QTimer()
    heart.setInterval(1)
    heart.timeout.connect(lambda: beats.append(time.perf_counter()))
    heart.start()
    started = time.perf_counter()
    beats.append(started)
    win.open_document(doc)
    opening = time.perf_counter() - started
    session = win.context.session
    while session.english(len(session) - 1) is None or win.translation.busy():
        app.processEvents()
    done = time.perf_counter()
    heart.stop()
    beats.append(done)
    return opening, max(b - a for a, b in zip(beats, beats[1:])), done - started


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--segments", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    responsiveness.apply()
    from reader.ui.main_window import MainWindow, open_settings

    settings = open_settings()
    settings.setValue("translation/auto", False)
    settings.sync()
    text = distinct_text(args.segments)
    win = MainWindow()
    win.resize(1280, 820)
    win.show()
    texts = [s.text for s in Document.from_text(text).segments]
    win.translation.service.cache.put_many("an-earlier-model", "beam 4",
                                           [(t, f"English of segment {i + 1}.") for i, t in enumerate(texts)])
    responsiveness.settle_long_lived()
    olds, opens, gaps, totals = [], [], [], []
    for run in range(args.runs):
        olds.append(old_way(win, Document.from_text(text, doc_id=f"old-{run}-{time.time_ns()}")))
        opening, gap, total = open_now(app, win, Document.from_text(text, doc_id=f"now-{run}-{time.time_ns()}"))
        opens.append(opening)
        gaps.append(gap)
        totals.append(total)
    win.close()
    # What opening held before: the same open_document, then the cache read and write on its thread.
    befores = [o + c for o, c in zip(opens, olds)]
    before, gap = statistics.median(befores), statistics.median(gaps)
    print(f"document: {len(texts):,} segments, {len(set(texts)):,} distinct, all in the cache")
    print(f"cache read and write on the window's thread (old)  median {statistics.median(olds) * 1000:6.0f} ms  (runs: "
          + ", ".join(f"{t * 1000:.0f}" for t in olds) + ")")
    print(f"open_document itself (view, session, features)     median {statistics.median(opens) * 1000:6.0f} ms")
    print(f"old: the window held for both                       median {before * 1000:6.0f} ms  (baseline)")
    print(f"now: longest event-loop gap while opening           median {gap * 1000:6.0f} ms  (runs: "
          + ", ".join(f"{t * 1000:.0f}" for t in gaps) + ")")
    print(f"now: every row's English shown after                median {statistics.median(totals) * 1000:6.0f} ms")
    print(f"ratio old hold / longest gap now: {before / gap:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
