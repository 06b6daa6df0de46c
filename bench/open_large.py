"""Opening and scrolling a synthetic 10,000-segment document.

Prints the median time from text to first painted screen for Bayan's view and,
as a baseline in the same run, for the naive design the view replaces: one
rich-text widget (QTextBrowser) holding the whole two-column table.  Also the
worst single scroll step (a stall) while paging through the whole document.

Run: QT_QPA_PLATFORM=offscreen python -m bench.open_large [--segments N] [--runs R]
"""
from __future__ import annotations

import argparse
import html
import os
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QTextBrowser  # noqa: E402

from bench._shared import runs_ms  # noqa: E402
from reader.corpus import load_manifest  # noqa: E402
from reader.document import Document  # noqa: E402


def synthetic_text(n_segments: int) -> str:
    """Corpus sentences in paragraphs of 1-4, exactly ``n_segments`` segments long."""
    sentences = [s.text for e in load_manifest() for s in e.load().segments
                 if s.text[-1] in ".!?؟" and len(Document.from_text(s.text).segments) == 1]
    paras, count, i = [], 0, 0
    while count < n_segments:
        size = min(1 + i % 4, n_segments - count)
        paras.append(" ".join(sentences[(count + k) % len(sentences)] for k in range(size)))
        count += size
        i += 1
    return "\n\n".join(paras)


def open_bayan(app, text: str) -> tuple[float, object]:
    from reader.ui.main_window import MainWindow

    win = MainWindow()
    win.resize(1280, 820)
    win.show()
    app.processEvents()
    t0 = time.perf_counter()
    doc = Document.from_text(text, doc_id="bench")
    win.open_document(doc)
    win.view.viewport().repaint()
    app.processEvents()
    return time.perf_counter() - t0, win


def open_baseline(app, text: str) -> float:
    browser = QTextBrowser()
    browser.resize(1280, 820)
    browser.show()
    app.processEvents()
    t0 = time.perf_counter()
    doc = Document.from_text(text)
    rows = "".join(f"<tr><td>Not translated yet</td><td dir='rtl'>{html.escape(s.text)}</td></tr>"
                   for s in doc.segments)
    browser.setHtml(f"<table width='100%'>{rows}</table>")
    browser.viewport().repaint()
    app.processEvents()
    elapsed = time.perf_counter() - t0
    browser.close()
    return elapsed


def worst_scroll_step(app, win, pages: int = 60) -> float:
    bar = win.view.verticalScrollBar()
    worst = 0.0
    for _ in range(pages):
        t0 = time.perf_counter()
        bar.setValue(bar.value() + bar.pageStep())
        win.view.viewport().repaint()
        app.processEvents()
        worst = max(worst, time.perf_counter() - t0)
    return worst


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--segments", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("BAYAN_DATA_DIR", "/tmp/bayan-bench-profile")
    app = QApplication.instance() or QApplication([])
    text = synthetic_text(args.segments)
    n = len(Document.from_text(text).segments)
    ours, base, stalls = [], [], []
    for _ in range(args.runs):
        t, win = open_bayan(app, text)
        ours.append(t)
        stalls.append(worst_scroll_step(app, win))
        win.close()
        base.append(open_baseline(app, text))
    m_ours, m_base = statistics.median(ours), statistics.median(base)
    print(f"document: {n} segments, {len(text):,} characters")
    print(f"open to first screen, Bayan view     median {m_ours * 1000:7.1f} ms  (runs: "
          + runs_ms(ours) + ")")
    print(f"open to first screen, QTextBrowser   median {m_base * 1000:7.1f} ms  (baseline)")
    print(f"ratio baseline / Bayan: {m_base / m_ours:.1f}x faster")
    print(f"worst scroll step (page down, 60 pages): median {statistics.median(stalls) * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
