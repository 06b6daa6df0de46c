"""Batched CTranslate2 decoding equals stock argostranslate; the service caches and streams."""
from __future__ import annotations

import logging

import pytest

from reader.corpus import load_manifest
from reader.translation.cache import TranslationCache
from reader.translation.engine import DecodeOptions, Engine
from reader.translation.packages import remove
from reader.translation.service import (NO_MODEL_MESSAGE, NoModelInstalled, TranslationCancelled,
                                        TranslationService, default_service)


@pytest.fixture(scope="module")
def segments() -> list[str]:
    """Corpus sentences under 120 characters (the tiny model is slow on long ones)."""
    texts = [s.text for entry in load_manifest() for s in entry.load().segments]
    return [t for t in texts if len(t) < 120][:16]


def service_for(model, **options) -> TranslationService:
    return TranslationService(model, options=DecodeOptions(**options), terminology=None)


class WholeText:
    """Sentencizer for stock argostranslate that keeps it offline: a segment is a sentence."""

    def split_sentences(self, text):
        return [text]


def stock_translation(model_path, monkeypatch):
    from argostranslate import package, settings, translate

    monkeypatch.setattr(settings, "package_dirs", [model_path.parent])
    monkeypatch.setattr(translate, "installed_translates", [])
    translate.get_installed_languages.cache_clear()
    try:
        translation = translate.get_translation_from_codes("ar", "en")
    finally:
        translate.get_installed_languages.cache_clear()
    translation.underlying.sentencizer = WholeText()
    assert isinstance(translation.underlying.pkg, package.Package)
    return translation


def test_output_equals_stock_argostranslate_at_same_beam(tiny_model, segments, monkeypatch):
    texts = segments[:14]  # short and long ones, so batches mix lengths
    stock = stock_translation(tiny_model.path, monkeypatch)
    ours = Engine(tiny_model, DecodeOptions(beam_size=4, max_batch_size=8)).translate(texts)
    expected = [stock.translate(s) for s in texts]
    assert ours == expected
    assert all(ours) and len(set(ours)) > len(ours) // 2  # real, varied English


def test_model_loads_lazily_and_output_is_deterministic(tiny_model, segments):
    engine = Engine(tiny_model, DecodeOptions(beam_size=2))
    assert not engine.loaded
    first = engine.translate(segments[:6])
    assert engine.loaded
    assert Engine(tiny_model, DecodeOptions(beam_size=2, max_batch_size=2)).translate(segments[:6]) == first
    assert engine.translate(["", "   "]) == ["", ""]


def test_translate_uses_and_fills_the_cache(tiny_model, segments):
    service = service_for(tiny_model)
    texts = segments[:5] + [segments[0]]  # a repeated segment is decoded once
    assert service.cached(texts) == [None] * 6
    calls = []
    english = service.translate(texts, progress=lambda done, total: calls.append((done, total)))
    assert english[0] == english[5] and all(english)
    assert calls[-1] == (6, 6) and [d for d, _ in calls] == sorted(d for d, _ in calls)
    assert service.cache.count() == 5
    # A fresh service (new session) answers from disk without loading the model.
    again = service_for(tiny_model)
    assert again.cached(texts) == english
    assert again.translate(texts) == english
    assert not again.engine.loaded
    # Other decoding options are another cache key.
    assert service_for(tiny_model, beam_size=1).cached(texts) == [None] * 6


def test_cache_survives_model_removal(tiny_model, segments):
    english = service_for(tiny_model).translate(segments[:3])
    remove(tiny_model)
    service = default_service(terminology=None)
    assert not service.available() and service.model_name == ""
    assert service.cached(segments[:4]) == english + [None]
    with pytest.raises(NoModelInstalled, match="No translation model installed"):
        service.translate(segments[:4])
    assert NO_MODEL_MESSAGE.startswith("No translation model installed — Tools ▸ Models…")


def test_cancel_keeps_finished_batches(tiny_model, segments):
    service = service_for(tiny_model, max_batch_size=2)
    seen = []
    with pytest.raises(TranslationCancelled):
        service.translate(segments[:8], progress=lambda d, t: seen.append(d), cancel=lambda: len(seen) >= 2)
    cached = service.cached(segments[:8])
    assert 2 <= sum(c is not None for c in cached) < 8
    # Resuming finishes the rest and agrees with what was kept.
    full = service.translate(segments[:8])
    assert [c for c in cached if c is not None] == [f for f, c in zip(full, cached) if c is not None]


def test_stream_yields_cached_rows_first(tiny_model, segments):
    service = service_for(tiny_model)
    service.translate(segments[3:5])
    order = [i for i, _ in service.stream(segments[:6])]
    assert order[:2] == [3, 4] and sorted(order) == list(range(6))


def test_alternatives_are_distinct_and_differ_from_shown(tiny_model, segments):
    service = service_for(tiny_model)
    shown = service.translate([segments[1]])[0]
    alts = service.alternatives(segments[1], n=3)
    assert 1 <= len(alts) <= 3
    assert shown not in alts and len(set(alts)) == len(alts) and all(alts)


def test_damaged_cache_is_moved_aside_and_recreated(isolated_profile, caplog):
    path = isolated_profile / "translation-cache.sqlite3"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not a database" * 100)
    with caplog.at_level(logging.WARNING):
        cache = TranslationCache(path)
    assert cache.moved_aside is not None and cache.moved_aside.read_bytes().startswith(b"this is not")
    assert "damaged" in caplog.text and str(cache.moved_aside) in caplog.text
    cache.put_many("m", "o", [("نص", "text")])
    assert TranslationCache(path).get_many("m", "o", ["نص"]) == ["text"]


def test_two_batches_decode_side_by_side_on_two_cores_and_output_is_unchanged(tiny_model, segments):
    from reader.translation.engine import thread_layout

    assert thread_layout(1) == (1, 1) and thread_layout(2) == (2, 1) and thread_layout(8) == (2, 4)
    two = Engine(tiny_model, DecodeOptions(beam_size=4, threads=2, max_batch_size=3))
    one = Engine(tiny_model, DecodeOptions(beam_size=4, threads=1, max_batch_size=3))
    assert two.translate(segments[:9]) == one.translate(segments[:9])
    assert (two.workers, one.workers) == (2, 1)
