"""How a document's rows are scheduled on the workers: rows on screen first, no idle worker
while the last rows on screen decode, and last batches that end on every worker together."""
from __future__ import annotations

import pytest

from reader.corpus import load_manifest
from reader.translation.engine import DecodeOptions, Engine
from reader.translation.run import priority_order, translate_rows
from reader.translation.service import TranslationService


@pytest.fixture(scope="module")
def segments() -> list[str]:
    texts = [s.text for entry in load_manifest() for s in entry.load().segments]
    return list(dict.fromkeys(t for t in texts if len(t) < 120))[:24]


def plan(workers: int, most: int, groups: list[list[int]], ramp: bool) -> list[list[int]]:
    engine = Engine.__new__(Engine)  # the plan needs no model
    engine.workers, engine.batch_size, engine.batch_tokens = workers, most, 10_000
    return list(engine._chunks(groups, [20] * sum(map(len, groups)), ramp))


def finish_loads(workers: int, chunks: list[list[int]]) -> list[int]:
    """Sentences each worker decodes when every batch goes to the first worker free."""
    loads = [0] * workers
    for chunk in chunks:
        loads[loads.index(min(loads))] += len(chunk)
    return loads


@pytest.mark.parametrize("workers,most,sizes", [(2, 16, (8, 88)), (2, 64, (8, 16)), (2, 8, (8, 16)),
                                                 (4, 16, (12, 200)), (1, 16, (8, 40)), (2, 16, (0, 5))])
def test_plan_keeps_groups_apart_and_ends_every_worker_together(workers, most, sizes):
    on_screen, rest = list(range(sizes[0])), list(range(sizes[0], sum(sizes)))
    chunks = plan(workers, most, [g for g in (on_screen, rest) if g], ramp=True)
    assert [i for c in chunks for i in c] == on_screen + rest  # every row once, on screen first
    assert all(set(c) <= set(on_screen) or set(c) <= set(rest) for c in chunks)
    assert len(chunks[0]) == 1 and max(map(len, chunks)) <= most  # the first row shows fast
    loads = finish_loads(workers, chunks)
    # Without the last batches' shrinking, 96 rows in batches of 16 leave one worker 16 behind.
    assert max(loads) - min(loads) <= 1


def test_rest_is_queued_before_the_last_rows_on_screen_are_collected(tiny_model, segments, monkeypatch):
    engine = Engine(tiny_model, DecodeOptions(threads=2, max_batch_size=4))
    events: list[tuple[str, tuple[int, ...]]] = []
    submit, collect = engine.translate_tokens, engine._collect

    def logged_submit(batch, **kwargs):
        events.append(("submit", tuple(map(len, batch))))
        return submit(batch, **kwargs)

    def logged_collect(chunk, pending):
        events.append(("collect", tuple(chunk)))
        return collect(chunk, pending)

    monkeypatch.setattr(engine, "translate_tokens", logged_submit)
    monkeypatch.setattr(engine, "_collect", logged_collect)
    out = dict(row for batch in engine.batches(segments[:20], ramp=True, first=6) for row in batch)
    assert sorted(out) == list(range(20)) and all(out.values())
    collects = [chunk for kind, chunk in events if kind == "collect"]
    last_on_screen = max(n for n, chunk in enumerate(collects) if max(chunk) < 6)
    assert all(max(c) < 6 for c in collects[:last_on_screen + 1])  # rows on screen come first
    # By the time the last batch on screen is handed on, a batch of the rest is already queued.
    position = events.index(("collect", collects[last_on_screen]))
    assert sum(kind == "submit" for kind, _ in events[:position]) > last_on_screen + 1


def test_translate_rows_reports_rows_on_screen_first_and_every_row_once(tiny_model, segments):
    service = TranslationService(tiny_model, options=DecodeOptions(threads=2, max_batch_size=4),
                                 terminology=None)
    texts = segments[:20] + segments[:2]  # two repeats: decoded once, reported for both rows
    parts = priority_order(len(texts), range(10, 16), range(len(texts)))
    reports = []
    translate_rows(service, texts, parts, lambda: False, reports.append)
    rows = [row for batch, *_ in reports for row, _ in batch]
    assert sorted(rows) == list(range(len(texts)))
    assert set(rows[:6]) == set(range(10, 16))
    english = dict(row for batch, *_ in reports for row in batch)
    assert english[20] == english[0] and english[21] == english[1]
    assert reports[-1][1:3] == (len(texts), len(texts))
