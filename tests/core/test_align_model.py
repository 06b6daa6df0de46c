"""Word links from a model's attention: the displayed English forced through both model formats."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from reader.align.links import Link
from reader.align.model import (NO_MODEL, ModelAligner, NoAlignmentModel, installed_aligner, pieces)
from reader.align.words import arabic_words, english_words
from reader.cli import main as bayan
from reader.study.evaluation import load_sentences
from reader.translation.catalog import guided_alignment, load_catalog

SENTENCES = Path(__file__).parent.parent / "gold" / "words_in_context_sentences.tsv"


@pytest.fixture(scope="module")
def flores() -> list[tuple[str, str]]:
    """FLORES devtest sentences with their human English (copied into tests/gold)."""
    return [(ar, en) for ar, en in load_sentences(SENTENCES).values()][:8]


def assert_whole_words(links: list[Link], arabic: str, english: str) -> None:
    ar_spans = {(s, e) for s, e, _ in arabic_words(arabic)}
    en_spans = {(s, e) for s, e, _ in english_words(english)}
    for link in links:
        assert link.ar in ar_spans, (arabic[link.ar[0]:link.ar[1]], link)
        assert link.en in en_spans, (english[link.en[0]:link.en[1]], link)
        assert 0 < link.score <= 1 and link.source == "model"


@pytest.mark.parametrize("fixture", ["tiny_model", "tiny_marian"])
def test_every_english_word_is_linked_on_whole_words_in_one_batch(fixture, request, flores):
    aligner = ModelAligner.for_model(request.getfixturevalue(fixture))
    results = aligner.align(flores)
    assert len(results) == len(flores)
    for (arabic, english), links in zip(flores, results):
        assert_whole_words(links, arabic, english)
        # Every English word gets the Arabic word it attends to most (these models attend everywhere).
        linked = {link.en for link in links}
        assert linked == {(s, e) for s, e, _ in english_words(english)}
        assert {link.ar for link in links} == {(s, e) for s, e, _ in arabic_words(arabic)}
        # Not in the catalog: nobody says they were trained to align, so the links are approximate.
        assert all(link.approximate for link in links)


@pytest.mark.parametrize("fixture", ["tiny_model", "tiny_marian"])
def test_the_forced_english_is_the_displayed_english_after_an_edit(fixture, request, flores):
    """A person's post-edit, not the model's output, is what the model is forced through."""
    aligner = ModelAligner.for_model(request.getfixturevalue(fixture))
    engine = aligner.engine
    arabic, _ = flores[6]
    machine = engine.translate([arabic])[0]
    edited = "He said he'd built a Wi-Fi doorbell."
    assert edited != machine
    target = pieces(engine.target_sp, edited, english_words(edited))
    marker = [engine.model.target_prefix] if engine.model.target_prefix else []
    result = engine.translate_tokens([engine.encode(arabic)], target_prefix=[marker + target.tokens],
                                     beam_size=1, max_length=len(marker) + len(target.tokens) + 1)[0]
    forced = result.hypotheses[0][len(marker):len(marker) + len(target.tokens)]
    assert engine.decode(forced) == edited
    links = aligner.align([(arabic, edited)])[0]
    assert_whole_words(links, arabic, edited)
    assert {edited[lk.en[0]:lk.en[1]] for lk in links} == {w for _, _, w in english_words(edited)}


def test_a_model_trained_to_align_gives_links_that_are_not_approximate(tiny_marian, flores):
    catalog = load_catalog()
    assert {e.id: e.guided_alignment for e in catalog.models} == {
        "argos-translate-ar_en-1.0": "no", "opus-mt-ar-en": "yes", "opus-mt-tc-big-ar-en": "no"}
    assert all(e.guided_alignment_source for e in catalog.models)
    assert guided_alignment(tiny_marian, catalog) == "unknown"
    # The tiny release installed as if it were the published transformer-align model.
    posing = dataclasses.replace(catalog, models=tuple(
        dataclasses.replace(e, installed_code=tiny_marian.code) if e.id == "opus-mt-ar-en" else e
        for e in catalog.models))
    aligner = ModelAligner.for_model(tiny_marian, posing)
    assert aligner.trained
    links = aligner.align(flores[:2])
    assert links[0] and not any(link.approximate for batch in links for link in batch)


def test_bad_input_gives_no_links_and_no_error(tiny_model):
    aligner = ModelAligner.for_model(tiny_model)
    long_arabic = " ".join(["الحكومة"] * 10_000)
    pairs = [("", "Hello."), ("قال إنه صنع جرس باب.", ""), ("قال إنه صنع جرس باب.", "..."),
             (long_arabic, "The government " * 100), ("قال إنه صنع جرس باب.", "قال إنه صنع")]
    assert aligner.align(pairs) == [[], [], [], [], []]


def test_no_model_installed_says_so(tiny_model):
    assert installed_aligner().name == tiny_model.name
    assert installed_aligner(tiny_model.code).name == tiny_model.name
    with pytest.raises(NoAlignmentModel, match="No installed model named"):
        installed_aligner("opus-mt-ar-en")  # in the catalog, not installed


def test_nothing_installed_means_lexical_only():
    with pytest.raises(NoAlignmentModel) as caught:
        installed_aligner()
    assert str(caught.value) == NO_MODEL and "lexical only" in NO_MODEL


def test_the_catalog_says_which_models_align(capsys):
    assert bayan(["models", "catalog"]) == 0
    out = capsys.readouterr().out
    assert out.count("word links: ") == 3
    assert "word links: trained to align words (guided alignment) (the publisher's card" in out
    assert bayan(["models", "catalog", "--json"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["guided_alignment"] for r in records] == ["no", "yes", "no"]
