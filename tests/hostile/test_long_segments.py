"""Very long segments are translated in pieces, so cost grows with length, not its square."""
from __future__ import annotations

from reader.translation.engine import MAX_PIECE_TOKENS, Engine, _split_text


def test_long_text_is_cut_at_sentence_ends_and_spaces():
    text = "قال المتحدث إن الاجتماع انتهى. " * 200
    pieces = list(_split_text(text, 600))
    assert "".join(pieces) == text and all(len(p) <= 600 for p in pieces)
    assert all(p.endswith(". ") for p in pieces[:-1])
    unbroken = "ب" * 5000
    assert "".join(_split_text(unbroken, 600)) == unbroken


def test_a_long_segment_is_translated_in_bounded_pieces(tiny_model):
    engine = Engine(tiny_model)
    sentence = "قال المتحدث إن الاجتماع سيعقد في المدينة غدا. "
    long = sentence * 40
    pieces = list(engine.pieces(long))
    assert len(pieces) > 1 and max(map(len, pieces)) <= MAX_PIECE_TOKENS
    short, whole = engine.translate([sentence.strip(), long])
    assert short.strip() and len(whole) > 5 * len(short)
