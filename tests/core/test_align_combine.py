"""Lexical links first, the model's only in the lexicon's gaps; `bayan align --model`."""
from __future__ import annotations

import json
from pathlib import Path

from reader.align.combine import APPROXIMATE_WEIGHT, TRAINED_WEIGHT, combine
from reader.align.links import Link
from reader.align.words import arabic_words, english_words
from reader.cli import main as bayan
from reader.study.evaluation import load_sentences

ARABIC = "قال إنه صنع جرس باب يعمل بتقنية واي فاي."
ENGLISH = "He built a WiFi door bell, he said."


def span(words, text: str) -> tuple[int, int]:
    return next((s, e) for s, e, w in words if w == text)


def test_model_links_fill_only_the_lexicons_gaps_between_content_words():
    ar, en = arabic_words(ARABIC), english_words(ENGLISH)
    said = Link(span(ar, "قال"), span(en, "said"), 0.85, "dictionary")
    bell = Link(span(ar, "جرس"), span(en, "bell"), 0.85, "dictionary")
    model = [
        Link(span(ar, "صنع"), span(en, "built"), 0.8, "model", approximate=True),    # both unlinked: kept
        Link(span(ar, "قال"), span(en, "door"), 0.9, "model", approximate=True),     # قال is linked
        Link(span(ar, "باب"), span(en, "bell"), 0.9, "model", approximate=True),     # bell is linked
        Link(span(ar, "يعمل"), span(en, "a"), 0.9, "model", approximate=True),        # "a": a function word
        Link(span(ar, "باب"), span(en, "door"), 0.2, "model", approximate=True),     # too little attention
        Link(span(ar, "بتقنية"), span(en, "WiFi"), 0.6, "model", approximate=False),  # a trained model
    ]
    out = combine(ARABIC, ENGLISH, [said, bell], model)
    pairs = {(ARABIC[lk.ar[0]:lk.ar[1]], ENGLISH[lk.en[0]:lk.en[1]]): lk for lk in out}
    assert set(pairs) == {("قال", "said"), ("جرس", "bell"), ("صنع", "built"), ("بتقنية", "WiFi")}
    assert pairs[("قال", "said")] == said and pairs[("جرس", "bell")] == bell  # lexical links untouched
    # Approximate attention scores below every lexical link; a trained model's at most a dictionary sense's.
    assert pairs[("صنع", "built")].score == round(0.8 * APPROXIMATE_WEIGHT, 3) < 0.42
    assert pairs[("بتقنية", "WiFi")].score == round(0.6 * TRAINED_WEIGHT, 3)
    assert pairs[("صنع", "built")].approximate and not pairs[("بتقنية", "WiFi")].approximate


def write_pairs(tmp_path, lines: list[str]):
    path = tmp_path / "pairs.tsv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


# FLORES devtest 9 and 13: words the lexicon cannot link (كيو في سي ~ QVC, PALM).
FLORES = load_sentences(Path(__file__).parent.parent / "gold" / "words_in_context_sentences.tsv")
LINES = ["\t".join(FLORES[9]), "\t".join(FLORES[13]), "no tab here", "مرحبا\t"]


def test_bayan_align_model_adds_the_installed_models_links(tmp_path, capsys, tiny_model):
    path = write_pairs(tmp_path, LINES)
    assert bayan(["align", path, "--json"]) == 0
    lexical = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert bayan(["align", path, "--json", "--model"]) == 0
    captured = capsys.readouterr()
    both = [json.loads(line) for line in captured.out.splitlines()]
    assert [r["line"] for r in both] == [1, 2, 3, 4] and "error" in both[2] and both[3]["links"] == []
    for lex, mixed, line in zip(lexical, both, LINES):
        assert all(link in mixed["links"] for link in lex["links"])  # the lexicon's links all stay
        arabic, _, english = line.partition("\t")
        # On whole words (a lexical link may cover a phrase: كيو في سي ↔ QVC).
        ar_starts, ar_ends = ({s for s, _, _ in arabic_words(arabic)}, {e for _, e, _ in arabic_words(arabic)})
        en_starts, en_ends = ({s for s, _, _ in english_words(english)}, {e for _, e, _ in english_words(english)})
        assert all(k["ar"][0] in ar_starts and k["ar"][1] in ar_ends and k["en"][0] in en_starts
                   and k["en"][1] in en_ends for k in mixed["links"])
    assert sum(len(r["links"]) for r in both) > sum(len(r["links"]) for r in lexical)
    assert "Traceback" not in captured.err
    # The listing says which links come from the model, and that they are approximate.
    assert bayan(["align", path, "--model", tiny_model.name]) == 0
    assert "model, approximate)" in capsys.readouterr().out


def test_bayan_align_model_without_a_model_is_lexical_with_a_note(tmp_path, capsys):
    path = write_pairs(tmp_path, LINES[:2])
    assert bayan(["align", path, "--json"]) == 0
    lexical = capsys.readouterr().out
    assert bayan(["align", path, "--json", "--model"]) == 0
    captured = capsys.readouterr()
    assert captured.out == lexical
    assert captured.err.strip() == ("bayan: note: No translation model is installed, so the links are "
                                    "lexical only (install one with `bayan models install FILE`).")
    assert bayan(["align", path, "--model", "opus-mt-ar-en"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("bayan: No installed model named “opus-mt-ar-en”") and err.count("\n") == 1
