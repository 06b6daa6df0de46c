"""Event-loop stalls while a 10,000-segment document is being translated.

A QTimer heartbeat (every 5 ms) runs while the tiny real model translates a document built
from the corpus; the longest gap between two beats is the longest time the window could not
react to a key or a click (target: 50 ms). Measured for Bayan's reading view and translation
controller and, as the baseline in the same run, for the pipeline they replace: a batched
QListView fed one row per queued signal (what the window did before), into the same
document session. Each run starts from
an empty translation cache. Also printed: rows the delegate painted during the run (the
baseline's pane stayed blank) and rows translated, and each longest stall less the time the
GUI thread waited for a CPU (Linux: other programs' load). Set up as the app is (reader.responsiveness).

Run: QT_QPA_PLATFORM=offscreen python -m bench.event_loop_translating [--segments N] [--seconds S]
"""
from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_TMP = Path(tempfile.mkdtemp(prefix="bayan-bench-"))
os.environ.setdefault("BAYAN_DATA_DIR", str(_TMP / "profile"))
os.environ["XDG_DATA_HOME"] = str(_TMP / "xdg")  # the tiny model is installed here, not for the user

from PySide6.QtCore import QElapsedTimer, QEventLoop, QThread, QTimer, Signal  # noqa: E402
from PySide6.QtWidgets import QAbstractItemView, QApplication, QListView  # noqa: E402

from bench._shared import cpu_wait_ms  # noqa: E402
from bench.open_large import synthetic_text  # noqa: E402
from reader import responsiveness  # noqa: E402
from reader.document import Document  # noqa: E402
from reader.session import DocumentSession  # noqa: E402
from reader.translation.cache import TranslationCache  # noqa: E402
from reader.translation.packages import InstalledModel, install  # noqa: E402
from reader.translation.service import TranslationService  # noqa: E402
from reader.ui.fonts import arabic_font, english_font  # noqa: E402
from reader.ui.reading_view import ReadingView  # noqa: E402
from reader.ui.segment_delegate import SegmentDelegate  # noqa: E402
from reader.ui.segment_model import SegmentModel  # noqa: E402
from reader.ui.translation_controller import TranslationController  # noqa: E402

TINY = Path(__file__).resolve().parent.parent / "tests" / "data" / "translate-ar_en-tiny.argosmodel"


class BaselineView(QListView):
    """The reading view as it was: a batched QListView over the same model and delegate."""

    def __init__(self, model: SegmentModel) -> None:
        super().__init__()
        self.setModel(model)
        self.delegate = SegmentDelegate(self, arabic_font(), english_font())
        self.setItemDelegate(self.delegate)
        self.setVerticalScrollMode(QAbstractItemView.ScrollPerPixel)
        self.setResizeMode(QListView.Adjust)
        self.setLayoutMode(QListView.Batched)
        self.setBatchSize(20)
        self.setUniformItemSizes(False)
        self.setWordWrap(True)

    def hover_state(self) -> tuple[int, str | None]:
        return -1, None


class RowByRow(QThread):
    """The translation thread as it was: one queued signal per translated row."""

    translated = Signal(int, str)

    def __init__(self, service: TranslationService, texts: list[str]) -> None:
        super().__init__()
        self.service, self.texts = service, texts
        self.stop = threading.Event()

    def run(self) -> None:
        for row, english in self.service.stream(self.texts, self.stop.is_set):
            self.translated.emit(row, english)


def heartbeat_gaps(seconds: float) -> list[float]:
    """Gaps (ms) of a 5 ms QTimer over ``seconds`` of event loop, sorted."""
    gaps: list[float] = []
    clock = QElapsedTimer()
    timer = QTimer()
    timer.setInterval(5)

    def beat() -> None:
        gaps.append(clock.nsecsElapsed() / 1e6)
        clock.restart()

    timer.timeout.connect(beat)
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    clock.start()
    timer.start()
    loop.exec()
    timer.stop()
    return sorted(gaps)


def measure(kind: str, model_pkg: InstalledModel, doc: Document, seconds: float) -> dict[str, float]:
    service = TranslationService(model_pkg, cache=TranslationCache(_TMP / f"cache-{kind}-{time.time_ns()}.sqlite"),
                                 terminology=None)
    service.engine.load()  # loading the model is not what is measured
    model = SegmentModel()
    view = ReadingView(model, arabic_font(), english_font()) if kind == "bayan" else BaselineView(model)
    painted = [0]
    paint = view.delegate.paint

    def counting_paint(painter, option, index) -> None:  # type: ignore[no-untyped-def]
        painted[0] += 1
        paint(painter, option, index)

    view.delegate.paint = counting_paint  # type: ignore[method-assign]
    view.resize(1000, 700)
    view.show()
    session = DocumentSession.open(Document.from_text(doc.text, doc_id=f"{kind}-{time.time_ns()}"))
    session.subscribe(model.session_changed)
    model.set_session(session)
    QApplication.processEvents()
    responsiveness.settle_long_lived()  # as the app does once its window is built

    gaps: list[float] = []
    own: list[float] = []  # each gap less the time the GUI thread waited for a CPU
    waited = [cpu_wait_ms()]
    clock = QElapsedTimer()
    heartbeat = QTimer()
    heartbeat.setInterval(5)

    def beat() -> None:
        gap, now_waited = clock.nsecsElapsed() / 1e6, cpu_wait_ms()
        gaps.append(gap)
        own.append(gap - (now_waited - waited[0]))
        waited[0] = now_waited
        clock.restart()

    heartbeat.timeout.connect(beat)
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    texts = [s.text for s in doc.segments]
    if kind == "bayan":
        controller = TranslationController(service)
        controller.finished.connect(loop.quit)
        stop = controller.close
        start = lambda: controller.start(session, view.visible_rows())  # noqa: E731
    else:
        thread = RowByRow(service, texts)
        thread.translated.connect(lambda row, english: session.set_machine(row, english))
        thread.finished.connect(loop.quit)

        def stop() -> None:
            thread.stop.set()
            thread.wait()

        start = thread.start
    clock.start()
    waited[0] = cpu_wait_ms()
    heartbeat.start()
    t0 = time.perf_counter()
    start()
    loop.exec()
    elapsed = time.perf_counter() - t0
    heartbeat.stop()
    stop()
    done = sum(model.translation(r) is not None for r in range(model.rowCount()))
    view.close()
    session.close()
    gaps.sort()
    return {"longest": gaps[-1], "p99": gaps[int(len(gaps) * 0.99)], "median": statistics.median(gaps),
            "own": max(own),
            "painted": painted[0], "translated": done, "elapsed": elapsed}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--segments", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=30.0, help="longest translation time measured per run")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])  # noqa: F841 - keeps Qt alive
    responsiveness.apply()  # as the app does at start-up
    model_pkg = install(TINY)[0]
    doc = Document.from_text(synthetic_text(args.segments), doc_id="bench")
    idle = heartbeat_gaps(3.0)  # this machine's own noise: nothing but the heartbeat running
    results = {kind: measure(kind, model_pkg, doc, args.seconds) for kind in ("bayan", "baseline")}
    print(f"document: {len(doc.segments)} segments; heartbeat every 5 ms while translating "
          f"(at most {args.seconds:.0f} s per run)")
    for kind, label in (("bayan", "Bayan (row view, results in bulk)"), ("baseline", "baseline (QListView, row by row)")):
        r = results[kind]
        print(f"{label:36} longest stall {r['longest']:7.1f} ms  p99 {r['p99']:6.1f} ms  "
              f"(less CPU wait: {r['own']:5.1f} ms)  rows painted {r['painted']:6d}  translated {r['translated']:5d} in {r['elapsed']:.1f} s")
    print(f"{'idle event loop (this machine, control)':36} longest stall {idle[-1]:7.1f} ms  "
          f"p99 {idle[int(len(idle) * 0.99)]:6.1f} ms  (load average {os.getloadavg()[0]:.1f})")
    ours, base = results["bayan"]["longest"], results["baseline"]["longest"]
    print(f"longest stall: baseline / Bayan = {base / ours:.1f}x  (target: Bayan <= 50 ms: "
          f"{'met' if ours <= 50 else 'NOT met'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
