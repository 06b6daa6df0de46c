"""Approved glossary renderings appear in machine translations."""
from __future__ import annotations

import pytest

from reader.corpus import load_manifest
from reader.glossary import ArabicMatcher, EnglishMatcher, load_glossary
from reader.translation.engine import DecodeOptions, Engine
from reader.translation.service import TranslationService
from reader.translation.terminology import Terminology, contains, term_accuracy


@pytest.fixture(scope="module")
def terminology():
    glossary = load_glossary()
    return Terminology(glossary, ArabicMatcher(glossary), EnglishMatcher(glossary))


@pytest.fixture(scope="module")
def term_segments(terminology):
    """Short corpus sentences holding glossary terms."""
    texts = [s.text for e in load_manifest() for s in e.load().segments]
    return [t for t in texts if terminology.uses(t) and len(t) < 140][:6]


def test_enforcement_puts_every_approved_rendering_in(tiny_model, terminology, term_segments):
    engine = Engine(tiny_model, DecodeOptions(beam_size=2))
    plain = engine.translate(term_segments)
    enforced = terminology.enforce_many(engine, term_segments, plain)  # one batch, as the service does
    assert enforced[0] == terminology.enforce(engine, term_segments[0], plain[0])
    before, total = term_accuracy(terminology, term_segments, plain)
    after, _ = term_accuracy(terminology, term_segments, enforced)
    assert total >= len(term_segments)
    assert after == total > before  # the tiny model knows none of these names on its own
    # The rest of the sentence is still the model's, not just the glossary words.
    assert all(len(e.split()) > len(u.english.split()) for s, e in zip(term_segments, enforced)
               for u in terminology.uses(s))


def test_a_variant_in_the_output_is_replaced_without_decoding(terminology):
    source = "وأكد الوزير أن داعش يمثل خطرا."
    assert [u.english for u in terminology.uses(source)] == ["ISIS"]

    class NoModel:
        def translate_tokens(self, *a, **k):
            raise AssertionError("a variant is fixed by replacement, not by decoding again")

    fixed = terminology.enforce(NoModel(), source, "The minister said that Daesh is a threat.")
    assert fixed == "The minister said that ISIS is a threat."


def test_service_applies_terminology_and_keys_cache_by_glossary(tiny_model, terminology, term_segments):
    service = TranslationService(tiny_model, options=DecodeOptions(beam_size=1), terminology=terminology)
    english = service.translate(term_segments[:2])
    for src, out in zip(term_segments, english):
        assert all(contains(out, u.english) for u in terminology.uses(src))
    without = TranslationService(tiny_model, options=DecodeOptions(beam_size=1), terminology=None)
    assert without.cached(term_segments[:2]) == [None, None]  # different key: no glossary
