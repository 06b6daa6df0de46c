"""Build the tiny but real Arabic->English Marian release (OPUS-MT layout) used by the tests.

    python tools/build_tiny_marian.py [--out tests/data/opus-mt-ar-en-tiny.zip]

Needs torch (``pip install torch==2.13.0`` in a separate venv), numpy, sentencepiece, pyyaml and
ctranslate2. It trains two sentencepiece models (source.spm on the Arabic side, target.spm on
the English side, as OPUS-MT ships them) and a small pre-norm Transformer with tied embeddings
on the FLORES ar/en sentences in ../shared, with the training code of build_tiny_model.py but
Marian's conventions: the decoder starts from a zero embedding, the position table is
Marian's (sines then cosines), sources end with </s>. The weights are written in Marian's npz
naming with its ``special:model.yml``, beside ``decoder.yml``, the joint vocabulary ``.yml``
and a README, and zipped flat like Helsinki-NLP's ``opus-2019-12-18.zip``. Before zipping, the
release is converted with CTranslate2's Marian converter and its greedy output is checked
against the trained network's, so the file is known to decode like the model that was trained.

The file in tests/data was trained from scratch (not derived from the tiny Argos model: Marian
starts decoding from a zero embedding where that model uses <s>'s, so re-exported weights could
not reproduce its output): 380 steps, ~27 min on two cores shared with other work. It writes
English words but translates very badly; tests check plumbing and equivalence, never quality.
The tiny Argos model shows what more training buys: at 3,000 steps it reproduces its FLORES
training sentences almost word for word (it memorises them; unseen text stays poor). Running this
script with the default ``--steps 3000`` would do the same for this release, but the build is only
deterministic when it reaches its step count before ``--minutes``, and on the shared two-core
machine it got ~17% of a core (epoch 1 unfinished after 13 minutes), so the file was not rebuilt.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_tiny_model import FLORES, LN_EPS, MAX_POSITIONS, build_torch_model, read_flores, sinusoids, \
    train, train_sentencepiece  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "tests" / "data" / "opus-mt-ar-en-tiny.zip"
STEM = "opus.spm1000-spm1000"
NPZ = f"{STEM}.transformer-align.model1.npz.best-perplexity.npz"
VOCAB = f"{STEM}.vocab.yml"
EOS, UNK = "</s>", "<unk>"
DIMS = dict(d_model=64, heads=4, ffn=256, layers=(2, 2))  # small enough to train on 2 busy cores


def marian_positions(length: int, dim: int) -> np.ndarray:
    """Marian's sinusoids: the same frequencies as ``sinusoids`` but all sines, then all cosines."""
    table = sinusoids(length, dim)
    return np.concatenate([table[:, 0::2], table[:, 1::2]], axis=1)


def marian_config(vocab_size: int) -> str:
    enc, dec = DIMS["layers"]
    return "\n".join([
        "type: transformer", f"dim-emb: {DIMS['d_model']}", f"dim-vocabs: [{vocab_size}, {vocab_size}]",
        f"enc-depth: {enc}", f"dec-depth: {dec}", f"transformer-heads: {DIMS['heads']}",
        f"transformer-dim-ffn: {DIMS['ffn']}", "transformer-ffn-activation: relu",
        "transformer-decoder-autoreg: self-attention", "transformer-no-projection: false",
        "transformer-preprocess: n", "transformer-postprocess: da", "transformer-postprocess-top: n",
        "transformer-postprocess-emb: d", "transformer-guided-alignment-layer: last",
        "tied-embeddings-all: true", "", ""])


def marian_weights(w: dict[str, np.ndarray], vocab_size: int) -> dict[str, np.ndarray]:
    """TinyTransformer.state_dict() arrays renamed and laid out as Marian saves them."""
    d = DIMS["d_model"]
    out: dict[str, np.ndarray] = {"Wemb": w["embed.weight"], "decoder_ff_logit_out_b": w["proj_bias"][None]}

    def linear(name: str, marian: str, suffix: str) -> None:
        out[f"{marian}_W{suffix}"] = w[f"{name}.weight"].T  # Marian stores [in, out]
        out[f"{marian}_b{suffix}"] = w[f"{name}.bias"][None]

    def split(name: str, marian: str, suffixes: str) -> None:
        for k, suffix in enumerate(suffixes):
            out[f"{marian}_W{suffix}"] = w[f"{name}.weight"][k * d:(k + 1) * d].T
            out[f"{marian}_b{suffix}"] = w[f"{name}.bias"][k * d:(k + 1) * d][None]

    def norm(name: str, marian: str) -> None:
        out[f"{marian}_ln_scale_pre"] = w[f"{name}.weight"][None]
        out[f"{marian}_ln_bias_pre"] = w[f"{name}.bias"][None]

    for side, scope, depth in (("enc", "encoder", DIMS["layers"][0]), ("dec", "decoder", DIMS["layers"][1])):
        out[f"{scope}_top_ln_scale"] = w[f"{side}.norm.weight"][None]
        out[f"{scope}_top_ln_bias"] = w[f"{side}.norm.bias"][None]
        for i in range(depth):
            p, m = f"{side}.layers.{i}", f"{scope}_l{i + 1}"
            split(f"{p}.self.qkv", f"{m}_self", "qkv")
            linear(f"{p}.self.out", f"{m}_self", "o")
            norm(f"{p}.self_norm", f"{m}_self_Wo")
            if side == "dec":
                linear(f"{p}.cross.q", f"{m}_context", "q")
                split(f"{p}.cross.kv", f"{m}_context", "kv")
                linear(f"{p}.cross.out", f"{m}_context", "o")
                norm(f"{p}.cross_norm", f"{m}_context_Wo")
            linear(f"{p}.ffn1", f"{m}_ffn", "1")
            linear(f"{p}.ffn2", f"{m}_ffn", "2")
            norm(f"{p}.ffn_norm", f"{m}_ffn_ffn")
    arrays = {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in out.items()}
    arrays["special:model.yml"] = np.frombuffer(marian_config(vocab_size).encode() + b"\0", dtype=np.int8)
    return arrays


def write_vocab(tokens: list[str], path: Path) -> None:
    import yaml

    text = yaml.safe_dump({t: i for i, t in enumerate(tokens)}, allow_unicode=True, sort_keys=False,
                          width=1 << 16)
    path.write_text(text, encoding="utf-8")


def readme(vocab_size: int) -> str:
    return f"""# opus-tiny-test.zip

* dataset: FLORES-200 dev + devtest (CC BY-SA 4.0)
* model: transformer-align (tiny: {DIMS['layers'][0]}+{DIMS['layers'][1]} layers, dim {DIMS['d_model']})
* source language(s): ar
* target language(s): en
* pre-processing: normalization + SentencePiece (spm1000,spm1000), joint vocabulary of {vocab_size}
* built by tools/build_tiny_marian.py for Bayan's tests; it translates badly. Not for real use.
"""


def greedy_torch(model, src: list[int], eos: int, steps: int = 40) -> list[int]:
    import torch

    model.eval()
    out: list[int] = []
    with torch.no_grad():
        for _ in range(steps):
            tgt = torch.tensor([[eos, *out]])
            s = torch.tensor([src])
            logits = model(s, torch.zeros_like(s, dtype=torch.bool), tgt)
            nxt = int(logits[0, -1].argmax())
            if nxt == eos:
                break
            out.append(nxt)
    return out


def check_conversion(release: Path, model, vocab: list[str], samples: list[list[str]]) -> None:
    """Decode samples greedily with the converted release and with the torch network."""
    import ctranslate2
    from ctranslate2.converters import MarianConverter

    converted = release.parent / "ct2"
    MarianConverter(str(release / NPZ), [str(release / VOCAB)] * 2).convert(str(converted), force=True)
    translator = ctranslate2.Translator(str(converted), device="cpu")
    index = {t: i for i, t in enumerate(vocab)}
    results = translator.translate_batch(samples, beam_size=1, max_decoding_length=40)
    for pieces, result in zip(samples, results):
        ids = [index.get(p, index[UNK]) for p in pieces] + [index[EOS]]
        expected = [vocab[i] for i in greedy_torch(model, ids, index[EOS])]
        if result.hypotheses[0] != expected:
            raise SystemExit(f"conversion check failed:\n  ct2   {result.hypotheses[0]}\n  torch {expected}")
    print(f"conversion check: {len(samples)} sentences decode the same in CTranslate2 and torch")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--flores", type=Path, default=FLORES)
    ap.add_argument("--steps", type=int, default=3000)
    ap.add_argument("--minutes", type=float, default=60.0, help="stop earlier than --steps after this long")
    ap.add_argument("--vocab", type=int, default=1000, help="pieces per sentencepiece model")
    ap.add_argument("--seed", type=int, default=1234)
    args = ap.parse_args(argv)

    import sentencepiece as spm
    import torch

    torch.set_num_threads(2)
    ar, en = read_flores(args.flores)
    with tempfile.TemporaryDirectory() as tmp:
        rel = Path(tmp) / "release"
        rel.mkdir()
        for side, lines in (("source", ar), ("target", en)):
            train_sentencepiece(lines, Path(tmp) / side, args.vocab)
            (Path(tmp) / f"{side}.model").rename(rel / f"{side}.spm")
        sp_src = spm.SentencePieceProcessor(model_file=str(rel / "source.spm"))
        sp_tgt = spm.SentencePieceProcessor(model_file=str(rel / "target.spm"))
        # One vocabulary for both sides (tied embeddings), </s> and <unk> first as in OPUS-MT;
        # <pad> last only pads training batches.
        vocab = [EOS, UNK]
        for sp in (sp_src, sp_tgt):
            for i in range(sp.get_piece_size()):
                piece = sp.id_to_piece(i)
                if not sp.is_control(i) and not sp.is_unknown(i) and piece not in vocab:
                    vocab.append(piece)
        vocab.append("<pad>")
        index = {t: i for i, t in enumerate(vocab)}
        write_vocab(vocab, rel / VOCAB)
        from ctranslate2.converters.marian import load_vocab

        assert load_vocab(str(rel / VOCAB)) == vocab, "vocabulary does not read back"
        pairs = [([index[p] for p in sp_src.encode(a, out_type=str)] + [index[EOS]],
                  [index[p] for p in sp_tgt.encode(e, out_type=str)]) for a, e in zip(ar, en)]
        pairs = [p for p in pairs if len(p[0]) <= 160 and len(p[1]) <= 160]
        model = build_torch_model(len(vocab), **DIMS, positions=marian_positions(MAX_POSITIONS, DIMS["d_model"]),
                                  zero_start=True)
        train(pairs, model, args.steps, args.minutes, args.seed, bos=index[EOS], eos=index[EOS],
              pad=index["<pad>"])
        weights = {k: v.detach().numpy() for k, v in model.state_dict().items()}
        np.savez(rel / NPZ, **marian_weights(weights, len(vocab)))
        (rel / "decoder.yml").write_text(
            f"models:\n  - {NPZ}\nvocabs:\n  - {VOCAB}\n  - {VOCAB}\nbeam-size: 6\nnormalize: 0.6\n"
            "word-penalty: 0\nmini-batch: 1\nmaxi-batch: 1\nmaxi-batch-sort: src\nrelative-paths: true\n",
            encoding="utf-8")
        (rel / "README.md").write_text(readme(len(vocab)), encoding="utf-8")
        (rel / "LICENSE").write_text(
            "Tiny test model trained on FLORES-200 (CC BY-SA 4.0, (c) Meta Platforms and contributors);\n"
            "the weights are shared under the same licence.\n", encoding="utf-8")
        check_conversion(rel, model, vocab, [sp_src.encode(a, out_type=str) for a in ar[:8]])
        args.out.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(args.out, "w", zipfile.ZIP_DEFLATED) as zf:
            for path in sorted(rel.iterdir()):
                info = zipfile.ZipInfo(path.name, date_time=(2024, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                zf.writestr(info, path.read_bytes())
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes), LN eps {LN_EPS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
