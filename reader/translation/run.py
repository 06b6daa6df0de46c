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
    """Decode ``parts`` in order (rows on screen first) in one pipeline: the workers go on to
    the rest while the last rows on screen are still decoding."""
    rows = [r for part in parts for r in part]
    if not rows or cancelled():
        return
    texts_rows = [texts[r] for r in rows]
    cached = service.cached(texts_rows)
    done = decoded = 0
    started = None
    for batch in service.batches(texts_rows, cancelled, ramp=True, first=len(parts[0]), known=cached):
        fresh = sum(cached[k] is None for k, _ in batch)
        if fresh:
            started = started or time.perf_counter()
            decoded += fresh
        done += len(batch)
        elapsed = time.perf_counter() - started if started else 0.0
        report(([(rows[k], english) for k, english in batch], done, len(rows),
                decoded / elapsed if elapsed > 0 else 0.0))


def cached_rows(service: TranslationService, texts: list[str], parts: list[list[int]],
                cancelled: Callable[[], bool], report: Callable[[Report], None]) -> None:
    """Only what the cache already holds for ``parts``' rows, in one report, nothing decoded: a
    document opened without translating (10,000 rows take longer than a frame to look up)."""
    rows = [r for part in parts for r in part]
    if not rows or cancelled():
        return
    found = [(r, english) for r, english in zip(rows, service.cached([texts[r] for r in rows])) if english]
    if found and not cancelled():
        report((found, len(rows), len(rows), 0.0))
