"""Opening a 10,000-segment document whose English is in the translation cache (auto-translate off).

Opening once read the cache for every segment and wrote what it found to the session on the
window's thread; now a worker reads it and the session takes it a chunk per event-loop turn.
Prints, for the window as it is: the longest gap between two beats of a 1 ms heartbeat from
the moment the document is opened until every row shows its English (open_document's own
work included, printed apart), and how long that took;
and, as the baseline in the same run, the time the old way held the window's thread (the same
lookup and write, done there). Every sentence is distinct, as in a real document.

``--new``: a document never opened before and not in the cache. Opening one counted its glossary
terms (0.4-0.8 s) and wrote its project's rows (0.2-0.5 s) on the window's thread; now workers do
both. Prints the longest heartbeat gap from opening until its terms are listed and its rows
written, and, as the baseline in the same run, open_document's own time plus that work done on
the window's thread as before (the whole-text count, the rows written and read back).

Run: QT_QPA_PLATFORM=offscreen python -m bench.open_cached [--segments N] [--runs R] [--new]
"""
from __future__ import annotations

import argparse
import itertools
import os
import re
import statistics
import tempfile
import time
from collections import Counter
from typing import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("BAYAN_DATA_DIR", tempfile.mkdtemp(prefix="bayan-bench-"))

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from bench._shared import runs_ms  # noqa: E402
from bench.open_large import synthetic_text  # noqa: E402
from reader import responsiveness  # noqa: E402
from reader.document import Document  # noqa: E402
from reader.project_store import ProjectStore  # noqa: E402
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


def old_new_way(win, doc: Document) -> float:
    """What opening a new document did on the window's thread and no longer does: the glossary's
    count over the whole text, the project's rows written, then read back by the session."""
    index = win.context.glossary
    started = time.perf_counter()
    Counter(m.term_id for m in index.arabic.find(doc.text))
    with ProjectStore.for_document(doc) as store:
        store.history()
        store.all()
    return time.perf_counter() - started


def shows_english(app, win) -> bool:
    session = win.context.session
    return session.english(len(session) - 1) is not None and not win.translation.busy()


def settled_new(app, win) -> bool:
    terms = win.glossary_feature.terms
    return terms is not None and terms.doc_id == win.context.session.doc_id and not win.context.rows_writing()


def open_now(app, win, doc: Document, done: Callable[[object, object], bool] = shows_english
             ) -> tuple[float, float, float, float]:
    """(open_document's own time, longest heartbeat gap, seconds until ``done``: every row shows
    English, open_document's CPU time on the window's thread) opening ``doc`` in ``win``."""
    beats: list[float] = []
    heart = QTimer()
    heart.setInterval(1)
    heart.timeout.connect(lambda: beats.append(time.perf_counter()))
    heart.start()
    started, cpu = time.perf_counter(), time.thread_time()
    beats.append(started)
    win.open_document(doc)
    opening, cpu = time.perf_counter() - started, time.thread_time() - cpu
    while not done(app, win):
        app.processEvents()
    ended = time.perf_counter()
    heart.stop()
    beats.append(ended)
    return opening, max(b - a for a, b in zip(beats, beats[1:])), ended - started, cpu


def measure(app, win, text: str, runs: int, old: Callable[[object, Document], float], name: str,
            done: Callable[[object, object], bool]) -> dict[str, list[float]]:
    """Per run: the old way's hold and its CPU, then opening now (``open_now``'s four figures)."""
    out: dict[str, list[float]] = {k: [] for k in ("old", "old_cpu", "open", "gap", "total", "cpu")}
    for run in range(runs):
        cpu = time.thread_time()
        out["old"].append(old(win, Document.from_text(text, doc_id=f"old-{name}-{run}-{time.time_ns()}")))
        out["old_cpu"].append(time.thread_time() - cpu)
        figures = open_now(app, win, Document.from_text(text, doc_id=f"{name}-{run}-{time.time_ns()}"), done)
        for key, value in zip(("open", "gap", "total", "cpu"), figures):
            out[key].append(value)
    win.close()
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--segments", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--new", action="store_true", help="a document never opened, not in the cache")
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
    if args.new:
        return new_documents(app, win, text, args.runs)
    m = measure(app, win, text, args.runs, old_way, "now", shows_english)
    # What opening held before: the same open_document, then the cache read and write on its thread.
    before = statistics.median(o + c for o, c in zip(m["open"], m["old"]))
    gap = statistics.median(m["gap"])
    print(f"document: {len(texts):,} segments, {len(set(texts)):,} distinct, all in the cache")
    print(f"cache read and write on the window's thread (old)  median {statistics.median(m['old']) * 1000:6.0f} ms  "
          f"(runs: {runs_ms(m['old'])})")
    print(f"open_document itself (view, session, features)     median {statistics.median(m['open']) * 1000:6.0f} ms")
    print(f"old: the window held for both                       median {before * 1000:6.0f} ms  (baseline)")
    print(f"now: longest event-loop gap while opening           median {gap * 1000:6.0f} ms  (runs: "
          f"{runs_ms(m['gap'])})")
    print(f"now: every row's English shown after                median {statistics.median(m['total']) * 1000:6.0f} ms")
    print(f"ratio old hold / longest gap now: {before / gap:.2f}x")
    return 0


def new_documents(app, win, text: str, runs: int) -> int:
    # Other text than the cached one: nothing of it is in the cache.
    text = text.replace(".", " جديد.")
    m = measure(app, win, text, runs, old_new_way, "new", settled_new)
    before = statistics.median(o + c for o, c in zip(m["open"], m["old"]))
    gap = statistics.median(m["gap"])
    segments = len(Document.from_text(text).segments)
    print(f"document: {segments:,} segments, never opened, not in the cache")
    print(f"terms counted, rows written and read on the window's thread (old)  median "
          f"{statistics.median(m['old']) * 1000:6.0f} ms  (runs: {runs_ms(m['old'])})")
    print(f"open_document itself now (view, session, features)                median "
          f"{statistics.median(m['open']) * 1000:6.0f} ms  (runs: {runs_ms(m['open'])})")
    print(f"old: the window held for both                                       median {before * 1000:6.0f} ms  "
          "(baseline)")
    print(f"now: longest event-loop gap until terms listed and rows written    median {gap * 1000:6.0f} ms  (runs: "
          f"{runs_ms(m['gap'])})")
    print(f"now: terms listed and rows written after                           median "
          f"{statistics.median(m['total']) * 1000:6.0f} ms")
    print(f"ratio old hold / longest gap now: {before / gap:.2f}x")
    # Less the window thread's wait for a CPU (the machine's other load): its own CPU time.
    cpu_before = statistics.median(c + o for c, o in zip(m["cpu"], m["old_cpu"]))
    print(f"window thread's CPU: old {cpu_before * 1000:.0f} ms (open_document + the moved work), "
          f"now open_document {statistics.median(m['cpu']) * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
