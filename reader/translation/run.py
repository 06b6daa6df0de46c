"""Translating a document's open segments: which rows first, and the stream of results.

Qt-free; the UI runs :func:`translate_rows` in a background task and hands each
result to the document session, which decides whether the row takes it.
"""
from __future__ import annotations

import time
from typing import Callable, Iterable

from reader.translation.service import TranslationService

# ([(row, english), ...], done, total, sentences per second): one report per decoded batch
# (and one for everything cached), since one queued report per row let a 10,000-row burst
# hold the GUI's event loop for its whole length.
Report = tuple[list[tuple[int, str]], int, int, float]


def priority_order(n: int, first_rows: Iterable[int], open_rows: Iterable[int]) -> list[list[int]]:
    """``first_rows`` (on screen) first, then the rows below them, then the ones above:
    the reader goes down.  Only ``open_rows`` (no person's English) are kept."""
    first = [r for r in dict.fromkeys(first_rows) if 0 <= r < n]
    last = max(first, default=-1)
    taken = set(first)
    rest = [r for r in (*range(last + 1, n), *range(0, last + 1)) if r not in taken]
    keep = set(open_rows)
    return [[r for r in part if r in keep] for part in (first, rest)]


def translate_rows(service: TranslationService, texts: list[str], parts: list[list[int]],
                   cancelled: Callable[[], bool], report: Callable[[Report], None]) -> None:
    total = sum(map(len, parts))
    done = decoded = 0
    started = None
    for n, part in enumerate(parts):
        if cancelled() or not part:
            continue
        texts_part = [texts[r] for r in part]
        cached = service.cached(texts_part)
        # The rows on screen (part 0) start with tiny batches: first text appears sooner.
        for batch in service.batches(texts_part, cancelled, ramp=n == 0):
            fresh = sum(cached[k] is None for k, _ in batch)
            if fresh:
                started = started or time.perf_counter()
                decoded += fresh
            done += len(batch)
            elapsed = time.perf_counter() - started if started else 0.0
            report(([(part[k], english) for k, english in batch], done, total,
                    decoded / elapsed if elapsed > 0 else 0.0))
