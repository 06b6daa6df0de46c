"""Event-loop stalls while the reader links the words of a whole document, and hover cost.

The real window opens a document whose every segment has English (FLORES dev pairs from
../shared, else corpus sentences with one English sentence), with the gloss line on; a 5 ms
QTimer heartbeat runs until every row is aligned.  The longest gap is the longest time the
window could not react (target: 50 ms); an idle heartbeat, measured after, shows this machine's
own noise.  Baseline in the same run: the same rows aligned on
the GUI thread, one per timer tick (what the reader would do without its worker), whose
longest stall is the slowest single row.  Also printed: rows aligned per second, and the time
one hover takes to light a word's partners (target: one frame, 16 ms), and the CPU time the GUI
thread spends in each alignment handler (thread time, which the machine's load does not inflate)
against the baseline's slowest row.

Run: QT_QPA_PLATFORM=offscreen python -m bench.event_loop_aligning [--segments N]
"""
from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_TMP = Path(tempfile.mkdtemp(prefix="bayan-bench-"))
os.environ.setdefault("BAYAN_DATA_DIR", str(_TMP / "profile"))

from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from bench._shared import FLORES, flores_lines  # noqa: E402
from bench.open_large import synthetic_text  # noqa: E402
from reader.alignments import Job, align_rows  # noqa: E402
from reader.document import Document  # noqa: E402
from reader.states import Origin  # noqa: E402
from reader.ui.alignment_feature import AlignmentFeature  # noqa: E402
from reader.ui.main_window import MainWindow  # noqa: E402
from reader.ui.reading_view import Hit  # noqa: E402

FALLBACK_ENGLISH = "This morning we met some of our key allies and partners about the threat ISIS poses to Iraq."


def pairs(n: int) -> list[tuple[str, str]]:
    if FLORES.is_dir():
        ar, en = flores_lines("flores-dev.ar"), flores_lines("flores-dev.en")
        return [(ar[i % len(ar)], en[i % len(en)]) for i in range(n)]
    doc = Document.from_text(synthetic_text(n))
    return [(s.text, FALLBACK_ENGLISH) for s in doc.segments]


class GuiWork:
    """CPU time the GUI thread spends in each call of the alignment feature's handlers (thread
    time: what the code costs there, whatever else this machine is running)."""

    def __init__(self) -> None:
        self.costs: list[float] = []

    def watch(self, cls: type, names: tuple[str, ...]) -> None:
        for name in names:
            setattr(cls, name, self.timed(getattr(cls, name)))

    def timed(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            t0 = time.thread_time()
            try:
                return fn(*args, **kwargs)
            finally:
                self.costs.append((time.thread_time() - t0) * 1000)
        return run


class Heartbeat:
    def __init__(self) -> None:
        self.gaps: list[float] = []
        self.clock = QElapsedTimer()
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._beat)

    def _beat(self) -> None:
        self.gaps.append(self.clock.nsecsElapsed() / 1e6)
        self.clock.restart()

    def run_until(self, done, limit_s: float) -> float:
        loop = QEventLoop()
        check = QTimer()
        check.setInterval(20)
        check.timeout.connect(lambda: loop.quit() if done() else None)
        QTimer.singleShot(int(limit_s * 1000), loop.quit)
        self.clock.start()
        self.timer.start()
        check.start()
        t0 = time.perf_counter()
        loop.exec()
        self.timer.stop()
        check.stop()
        self.gaps.sort()
        return time.perf_counter() - t0

    def summary(self) -> str:
        return f"longest stall {self.gaps[-1]:7.1f} ms  p99 {self.gaps[int(len(self.gaps) * 0.99)]:6.1f} ms"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--segments", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=120.0, help="longest time measured per run")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    texts = pairs(2 * args.segments)
    texts, other = texts[:args.segments], texts[args.segments:]  # the baseline aligns other sentences
    handlers = GuiWork()
    handlers.watch(AlignmentFeature, ("_start", "_done", "_changed", "_relight", "glosses"))
    win = MainWindow()
    win.resize(1024, 700)
    win.show()
    win.alignment.gloss_action.setChecked(True)
    aligner = win.context.aligner()  # built before measuring: its lexicons load once per process
    win.open_document(Document.from_text("\n\n".join(a for a, _ in texts), doc_id="bench-align"))
    session = win.context.session
    english = {a: e for a, e in texts}
    session.prefill([(r, english.get(s.text, FALLBACK_ENGLISH)) for r, s in enumerate(session.segments)],
                    Origin.TMX)
    rows = len(session)
    aligned = lambda: sum(win.alignment.links(r) is not None for r in range(rows))  # noqa: E731

    ours = Heartbeat()
    elapsed = ours.run_until(lambda: win.alignment._task is None and not win.alignment._pending, args.seconds)
    done = aligned()

    # Hover: what a mouse move costs once links are kept (hit test, lights, repaint request).
    row = win.view.visible_rows().start
    text = session.segments[row].text
    hovers, repaints = [], []
    for offset in range(0, len(text), 3):
        t0 = time.perf_counter()
        win.alignment._point(Hit(row, "ar", offset))
        t1 = time.perf_counter()
        app.processEvents()  # repaints what the hover made dirty: the lit row
        hovers.append((t1 - t0) * 1000)
        repaints.append((time.perf_counter() - t1) * 1000)
    hovers.sort()
    repaints.sort()
    idle = Heartbeat()
    idle.run_until(lambda: False, 3.0)  # this machine's own noise: nothing but the heartbeat

    # Baseline: the same rows aligned on the GUI thread, one row per tick.
    jobs = iter([Job(r, a, e) for r, (a, e) in enumerate(other)])
    left = [True]
    base_rows = GuiWork()

    def one() -> None:
        job = next(jobs, None)
        if job is None:
            left[0] = False
            return
        list(align_rows(aligner, [job], win.alignment._senses))

    one = base_rows.timed(one)

    tick = QTimer()
    tick.setInterval(0)
    tick.timeout.connect(one)
    base = Heartbeat()
    tick.start()
    base_elapsed = base.run_until(lambda: not left[0], args.seconds)
    tick.stop()
    win.close()

    print(f"document: {rows} segments with English, gloss line on; heartbeat every 5 ms until all are aligned")
    print(f"{'Bayan (worker, rows on screen first)':40} {ours.summary()}  aligned {done:5d} in {elapsed:.1f} s "
          f"({done / elapsed:.0f} rows/s)")
    print(f"{'baseline (GUI thread, a row a tick)':40} {base.summary()}  in {base_elapsed:.1f} s")
    ours_cpu, base_cpu = max(handlers.costs), max(base_rows.costs)
    print(f"GUI-thread CPU per event: Bayan's alignment handlers longest {ours_cpu:.1f} ms "
          f"({len(handlers.costs)} calls); baseline's rows longest {base_cpu:.1f} ms  "
          f"(baseline / Bayan = {base_cpu / max(ours_cpu, 0.01):.0f}x)")
    print(f"{'idle event loop (this machine, control)':40} {idle.summary()}")
    print(f"hover to lit words: median {hovers[len(hovers) // 2]:.2f} ms, longest {hovers[-1]:.2f} ms; "
          f"repainting the lit row: median {repaints[len(repaints) // 2]:.1f} ms (target: one frame, 16 ms)")
    print(f"longest stall: baseline / Bayan = {base.gaps[-1] / ours.gaps[-1]:.1f}x  (target: Bayan <= 50 ms: "
          f"{'met' if ours.gaps[-1] <= 50 else 'NOT met'}; load average {os.getloadavg()[0]:.1f})")
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
